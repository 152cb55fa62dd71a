import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// The source text of a span on one line: runs of spaces and line breaks become one space.
    static func singleLine(_ file: SourceFile, _ span: SourceSpan) -> String {
        let end = min(span.end, file.bytes.count)
        let start = min(max(0, span.start), end)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var previousSpace = false
        for byte in file.bytes[start..<end] {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if space && previousSpace { continue }
            bytes.append(space ? 0x20 : byte)
            previousSpace = space
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension CompiledEvidenceDocument {
    /// The issue date of a document value: the value itself for a date, the `utfärdat` field
    /// of a record.
    func issued(_ value: Value) -> Day? {
        switch value {
        case .date(let day): return day
        case .record(let fields):
            guard let issuedField, issuedField < fields.count, case .date(let day) = fields[issuedField] else { return nil }
            return day
        default: return nil
        }
    }
}

extension DocumentAge {
    /// Whether a document issued on `issued` is older than this on `date`: its last valid day
    /// (`issued` moved by the age, by the month rule for months) lies before `date`. An expiry
    /// past the calendar's last day is never before an assessment date.
    func isExceeded(issued: Day, on date: Day) -> Bool {
        let expiry: Day
        do {
            switch unit {
            case .days: expiry = try issued.adding(days: Int64(amount))
            case .months: expiry = try issued.adding(months: Int64(amount)).day
            }
        } catch {
            return false
        }
        return expiry < date
    }
}
