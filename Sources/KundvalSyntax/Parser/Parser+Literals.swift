import KundvalDiagnostics

extension Parser {
    /// The value of a text token: quotes removed, `\"` and `\\` resolved; for a multi-line
    /// text also the first and last line break and the closing delimiter's indentation removed.
    /// Works on bytes: texts are the bulk of a rule file.
    func textValue(of token: Token) -> String {
        let multiline = token.kind == .multilineText
        let open = multiline ? 3 : 1
        let close = token.isUnterminated ? 0 : open
        let start = token.span.start + open
        let end = token.span.end - close
        guard start <= end else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        file.bytes.withUnsafeBufferPointer { source in
            var position = start
            while position < end {
                let byte = source[position]
                if byte == UInt8(ascii: "\\"), position + 1 < end,
                   source[position + 1] == UInt8(ascii: "\"") || source[position + 1] == UInt8(ascii: "\\") {
                    bytes.append(source[position + 1])
                    position += 2
                } else {
                    if byte != UInt8(ascii: "\r") { bytes.append(byte) }
                    position += 1
                }
            }
        }
        return String(decoding: multiline ? Self.dedent(bytes) : bytes, as: UTF8.self)
    }

    /// Removes the line break after the opening `"""`, the last line if it holds only the
    /// closing delimiter's indentation, and that indentation from every line. Without such a
    /// last line the smallest indentation of the non-blank lines is removed.
    static func dedent(_ bytes: [UInt8]) -> [UInt8] {
        let text = dedentedLines(bytes)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, line) in text.lines.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "\n")) }
            result.append(contentsOf: line)
        }
        return result
    }

    /// The lines of a multi-line text as the language reads them, for tools that must keep its
    /// value (the formatter re-indents a text with this): `bytes` is what stands between the
    /// `"""` delimiters, with `\n` line breaks (no `\r`). A blank first line (the break after
    /// the opening `"""`) is dropped; a blank last line (the closing delimiter's indentation) is
    /// dropped and its width of spaces and tabs is removed from the start of every line; without
    /// it the smallest indentation of the non-blank lines is removed. Joined with `\n`, the lines
    /// are the text's value (escapes aside).
    public static func dedentedLines(_ bytes: [UInt8]) -> DedentedText {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func isBlank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        func indentation(_ line: ArraySlice<UInt8>) -> Int { line.prefix { $0 == 0x20 || $0 == 0x09 }.count }
        var removedOpeningLine = false
        if let first = lines.first, isBlank(first) {
            lines.removeFirst()
            removedOpeningLine = true
        }
        var removedClosingLine = false
        let strip: Int
        if let last = lines.last, isBlank(last) {
            strip = last.count
            lines.removeLast()
            removedClosingLine = true
        } else {
            strip = lines.filter { !isBlank($0) }.map(indentation).min() ?? 0
        }
        return DedentedText(lines: lines.map { $0.dropFirst(min(indentation($0), strip)) },
                            removedOpeningLine: removedOpeningLine, removedClosingLine: removedClosingLine)
    }

    /// The date a date token spells, or `nil` after reporting an impossible date.
    mutating func dateValue(of token: Token) -> DateLiteral? {
        let digits = Array(text(of: token).utf8).filter { $0 != UInt8(ascii: "-") }.map { Int($0) - 48 }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        let dayExists = (1...12).contains(month) && day >= 1 && day <= Self.daysIn(month: month, year: year)
        guard year >= 1, dayExists else {
            // Year 0000 with a month and a day the calendar has: the year is what is wrong (the
            // hint said how many days the month has; found by an adversarial session). Facts
            // say the same.
            if dayExists {
                report(.invalidDate, "`\(text(of: token))` är inget datum mellan år 1 och 9999", at: token.span)
                return nil
            }
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

    /// The exact value of an integer or decimal token (with the `groups` of its thousands
    /// written after it, see ``thousands(after:)``), or `nil` after reporting a number too
    /// large to keep exactly (its digits, decimals included, past 9223372036854775807, or more
    /// than 9 decimals).
    mutating func numberValue(of token: Token, groups: [Token] = []) -> NumberLiteral? {
        let spelling = ([token] + groups).map { text(of: $0) }.joined()
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
                   hint: overflow ? "ett tal får vara högst 9223372036854775807 (19 siffror), med decimalerna räknade som siffror"
                       : "ett tal får ha högst 9 decimaler")
            return nil
        }
        return NumberLiteral(scaledValue: value, scale: scale)
    }
}

/// The lines of a multi-line text after ``Parser/dedentedLines(_:)``, and which of the
/// delimiter lines it removed.
public struct DedentedText: Sendable, Equatable {
    /// The lines without their removed indentation, line breaks not included.
    public var lines: [ArraySlice<UInt8>]
    /// Whether a blank first line (the break right after the opening `"""`) was removed.
    public var removedOpeningLine: Bool
    /// Whether a blank last line (the closing `"""` on a line of its own) was removed; its
    /// width was then the indentation removed from every line.
    public var removedClosingLine: Bool
}
