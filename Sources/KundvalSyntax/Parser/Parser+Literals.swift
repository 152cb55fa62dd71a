import KundvalDiagnostics

extension Parser {
    /// The value of a text token: quotes removed, `\"` and `\\` resolved; for a multi-line
    /// text also the first and last line break and the closing delimiter's indentation removed.
    func textValue(of token: Token) -> String {
        let raw = Array(file.bytes[token.span.start..<token.span.end])
        let multiline = token.kind == .multilineText
        let open = multiline ? 3 : 1
        let close = token.isUnterminated ? 0 : open
        guard raw.count >= open + close else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var position = open
        let end = raw.count - close
        while position < end {
            let byte = raw[position]
            if byte == UInt8(ascii: "\\"), position + 1 < end,
               raw[position + 1] == UInt8(ascii: "\"") || raw[position + 1] == UInt8(ascii: "\\") {
                bytes.append(raw[position + 1])
                position += 2
            } else if byte != UInt8(ascii: "\r") {
                bytes.append(byte)
                position += 1
            } else {
                position += 1
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return multiline ? Self.dedent(text) : text
    }

    /// Removes the line break after the opening `"""`, the last line if it holds only the
    /// closing delimiter's indentation, and that indentation from every line.
    static func dedent(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        var indentation = 0
        if let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) {
            indentation = last.count
            lines.removeLast()
        } else {
            // No closing line of its own: strip the smallest indentation of the non-blank lines.
            indentation = lines.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
                .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        }
        return lines.map { line in
            let leading = line.prefix { $0 == " " || $0 == "\t" }.count
            return String(line.dropFirst(min(leading, indentation)))
        }.joined(separator: "\n")
    }

    /// The date a date token spells, or `nil` after reporting an impossible date.
    mutating func dateValue(of token: Token) -> DateLiteral? {
        let digits = Array(text(of: token).utf8).filter { $0 != UInt8(ascii: "-") }.map { Int($0) - 48 }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            report(.invalidDate, "`\(text(of: token))` är inget giltigt datum", at: token.span,
                   hint: (1...12).contains(month)
                       ? "månaden har \(Self.daysIn(month: month, year: year)) dagar"
                       : "månaden skrivs 01–12")
            return nil
        }
        return DateLiteral(year: year, month: month, day: day, span: token.span)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The exact value of an integer or decimal token, or `nil` after reporting a number too
    /// large to keep exactly (more than 18 significant digits, or more than 9 decimals).
    mutating func numberValue(of token: Token) -> NumberLiteral? {
        let spelling = text(of: token)
        var value: Int64 = 0
        var scale = 0
        var seenComma = false
        var overflow = false
        for byte in spelling.utf8 {
            if byte == UInt8(ascii: ",") { seenComma = true; continue }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(byte - 48))
            overflow = overflow || o1 || o2
            value = plus
            if seenComma { scale += 1 }
        }
        guard !overflow, scale <= 9 else {
            let shown = spelling.count > 24 ? String(spelling.prefix(24)) + "…" : spelling
            report(.numberTooLarge, "talet `\(shown)` är för stort för att räknas exakt", at: token.span,
                   hint: overflow ? "ett tal får ha högst 18 siffror" : "ett tal får ha högst 9 decimaler")
            return nil
        }
        return NumberLiteral(scaledValue: value, scale: scale)
    }
}
