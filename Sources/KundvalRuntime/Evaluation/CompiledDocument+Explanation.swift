import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// The source text of a span on one line: runs of spaces and line breaks become one space.
    static func singleLine(_ file: SourceFile, _ span: SourceSpan) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(span.length)
        var previousSpace = false
        for byte in file.bytes[max(0, span.start)..<min(span.end, file.bytes.count)] {
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

    /// The explanation of a trace: facts read and decisions made, with their source lines; the
    /// lines of `failing` (the requirements that did not hold) apart.
    func explanation(from trace: [TraceEntry], failing: [TraceEntry]) -> Explanation {
        let all = lines(of: trace)
        return Explanation(lines: all.lines, facts: all.facts, failureLines: lines(of: failing).lines)
    }

    /// A trace as lines, each fact once.
    func lines(of trace: [TraceEntry]) -> (lines: [String], facts: [Explanation.Fact]) {
        var lines: [String] = []
        var facts: [Explanation.Fact] = []
        var seen = Set<String>()
        // `rad 12: ` in the document's own file; `reglemente-31.kundval rad 12: ` in its reglemente.
        let own = files.count - 1
        let prefixes = files.indices.map { $0 == own ? "rad " : Self.fileName(files[$0].path) + " rad " }
        for entry in trace {
            let file = files[entry.file]
            let line = prefixes[entry.file] + String(file.lineIndex(of: entry.span.start) + 1) + ": "
            let value = formatter.describe(entry.value, as: entry.type)
            switch entry.kind {
            case .fact(let path):
                if seen.insert(path + value).inserted {
                    facts.append(Explanation.Fact(path: path, value: value))
                    lines.append(line + "\(path) = \(value)")
                }
            case .decision:
                let text = Self.singleLine(file, entry.span)
                let truth = switch entry.value {
                case .boolean(true): "sant"
                case .boolean(false): "falskt"
                default: "okänt"
                }
                lines.append(line + "`\(text)` är \(truth)")
            case .call(let name):
                lines.append(line + "\(name) = \(value)")
            }
        }
        return (lines, facts)
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
