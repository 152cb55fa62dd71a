import KundvalDiagnostics

extension Lexer {
    // MARK: - UTF-8

    /// Decodes one UTF-8 scalar at `offset`; `nil` when the bytes there are not valid UTF-8.
    func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[offset]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        for index in 1..<length {
            let byte = bytes[offset + index]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        // Reject overlong forms, surrogates and values past U+10FFFF.
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    static func isIdentifierContinuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    // MARK: - Identifiers and keywords

    /// `IDENT ::= LETTER (LETTER | DIGIT | "_")*`, where letters include å, ä, ö and every other
    /// alphabetic Unicode scalar.
    mutating func lexIdentifier() {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                    position += 1
                    continue
                default:
                    break
                }
                break
            }
            guard let (scalar, length) = decodeScalar(at: position), Self.isIdentifierContinuation(scalar)
            else { break }
            position += length
        }
        let end = position
        let keyword = bytes.withUnsafeBufferPointer { Keyword.lookup($0, start..<end) }
        let kind: TokenKind = keyword?.isReserved == true ? .keyword : .identifier
        emit(kind, keyword: keyword, start: start, end: position)
    }

    /// Non-ASCII: a letter starts an identifier; `–`, `≠`, `≤`, `≥` and `×` are operators.
    mutating func lexNonASCII() {
        let start = position
        guard let (scalar, length) = decodeScalar(at: position) else {
            position += 1  // already reported as invalid UTF-8
            return
        }
        switch scalar {
        case "\u{2013}", "\u{2014}": single(.dash, length: length)
        case "\u{2260}": single(.notEqual, length: length)
        case "\u{2264}": single(.lessEqual, length: length)
        case "\u{2265}": single(.greaterEqual, length: length)
        case "\u{00D7}": single(.star, length: length)
        case "\u{00A0}", "\u{2009}", "\u{202F}", "\u{FEFF}": position += length  // no-break spaces
        default:
            if scalar.properties.isAlphabetic {
                lexIdentifier()
            } else {
                position += length
                unknownCharacter(start: start)
            }
        }
    }

    // MARK: - Numbers and dates

    /// `INTEGER ::= DIGIT+`, `DECIMAL ::= DIGIT+ "," DIGIT+`, `DOTTED_NUMBER ::= DIGIT+ ("." DIGIT+)+`
    /// and `DATE ::= DIGIT DIGIT DIGIT DIGIT "-" DIGIT DIGIT "-" DIGIT DIGIT`.
    mutating func lexNumber() {
        let start = position
        skipDigits()
        if position - start == 4, isDateTail() {
            position += 6
            emit(.date, start: start, end: position)
            return
        }
        if peek(0) == UInt8(ascii: ","), isDigit(peek(1)) {
            position += 1
            skipDigits()
            emit(.decimal, start: start, end: position)
            if peek(0) == UInt8(ascii: ","), isDigit(peek(1)) { reportCommaAfterDecimal(start: start) }
            return
        }
        if peek(0) == UInt8(ascii: "."), isDigit(peek(1)) {
            while peek(0) == UInt8(ascii: "."), isDigit(peek(1)) {
                position += 1
                skipDigits()
            }
            emit(.dottedNumber, start: start, end: position)
            return
        }
        emit(.integer, start: start, end: position)
    }

    /// `1,2,3`: a decimal comma and a comma between numbers, with nothing to tell them apart.
    /// The decimal `1,2` stays a token and the lexer goes on (`, 3` as a comma and a number),
    /// so the one error is this one.
    private mutating func reportCommaAfterDecimal(start: Int) {
        var end = position
        while end < bytes.count, bytes[end] == UInt8(ascii: ",") || isDigit(bytes[end]) { end += 1 }
        let span = SourceSpan(start: start, end: end)
        let written = file.text(of: span)
        let parts = written.split(separator: ",", omittingEmptySubsequences: false)
        report(.commaAfterDecimal, "`\(written)` kan läsas både som decimaltal och som tal åtskilda av komman", span,
               hint: "skriv mellanslag efter kommat mellan tal: `\(parts.joined(separator: ", "))`; "
                   + "ett decimaltal har ett enda komma: `\(parts[0]),\(parts[1])`")
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while isDigit(peek(0)) { position += 1 }
    }

    /// `-MM-DD` follows, and no further digit.
    private func isDateTail() -> Bool {
        peek(0) == UInt8(ascii: "-") && isDigit(peek(1)) && isDigit(peek(2))
            && peek(3) == UInt8(ascii: "-") && isDigit(peek(4)) && isDigit(peek(5)) && !isDigit(peek(6))
    }

    // MARK: - Text

    /// `TEXT ::= '"' (CHAR - '"' | '\"' | '\\')* '"'` on one line, or a multi-line text between
    /// `"""` delimiters.
    mutating func lexText() {
        let start = position
        if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
            lexMultilineText(start: start)
            return
        }
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                emit(.text, start: start, end: position)
                return
            case UInt8(ascii: "\\") where position + 1 < bytes.count && bytes[position + 1] != UInt8(ascii: "\n")
                && bytes[position + 1] != UInt8(ascii: "\r"):
                position += 2
            case UInt8(ascii: "\n"):
                unterminatedText(start: start, multiline: false)
                return
            case UInt8(ascii: "\r") where !isLineBreakAfterCR(position):
                // A lone CR is no character of a text either (it was taken in; found by review).
                reportLoneCR()
                position += 1
            default:
                position += 1
            }
        }
        unterminatedText(start: start, multiline: false)
    }

    private mutating func lexMultilineText(start: Int) {
        position += 3
        let content = position
        var closing: Int?
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                closing = position
                break
            }
            if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count { position += 1 }
            if bytes[position] == UInt8(ascii: "\r"), !isLineBreakAfterCR(position) { reportLoneCR() }
            position += 1
        }
        // A text whose closing `"""` was forgotten runs on to the next text's opening `"""` (on
        // a line that holds only its clause word before it: `  lydelse """`) or to the end of the
        // file. Only such a text is searched for the code it swallowed; it ends before that code
        // (or before the next text's line), with one error at its start. Any other text is
        // closed where it says, whatever its lines hold.
        if let closing, !opensText(at: closing) {
            position = closing + 3
            emit(.multilineText, start: start, end: position)
            return
        }
        let limit = closing ?? bytes.count
        let cut = firstCodeLine(from: content, to: limit, openerIndent: indentation(ofLineAt: start))
            ?? closing.map(lineStart(of:))
        guard let cut, cut > content else {
            position = bytes.count
            unterminatedText(start: start, multiline: true)
            return
        }
        // The token ends before the newline, so the code's first word starts a line.
        position = cut - 1
        unterminatedText(start: start, multiline: true, before: cut)
    }

    /// The words of a line's bytes, split at spaces, tabs and a carriage return.
    private static func words(_ line: ArraySlice<UInt8>) -> [String] {
        line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Where the line holding `offset` starts (the file's line index).
    private func lineStart(of offset: Int) -> Int { file.lineStarts[file.lineIndex(of: offset)] }

    /// Spaces before the first non-space byte of the line holding `offset`.
    private func indentation(ofLineAt offset: Int) -> Int {
        let start = lineStart(of: offset)
        var end = start
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        return end - start
    }

    /// Whether the `"""` at `offset` opens a text rather than closing one: only a text clause's
    /// word stands before it on its line (`  lydelse """`), and nothing after it.
    private func opensText(at offset: Int) -> Bool {
        let before = Self.words(bytes[lineStart(of: offset)..<offset])
        guard before.count == 1, ["lydelse", "förtydligande", "anmärkning"].contains(before[0]) else { return false }
        var index = offset + 3
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\r") { index += 1 }
        return index == bytes.count || bytes[index] == UInt8(ascii: "\n")
    }

    /// The start of the first line from `start` to `end` that cannot belong to a multi-line text
    /// whose opening line is indented `openerIndent`: a declaration in the first column
    /// (`villkor 13 "…"`, `typ X`, `test "…"`, `fakta`), or a clause indented no deeper than the
    /// line that opened the text (`  kräver …`, `  vid brist: …`, `  underlag bifogas …`).
    private func firstCodeLine(from start: Int, to end: Int, openerIndent: Int) -> Int? {
        // The lines after the one the text opens on (which holds the opening `"""`).
        var line = file.lineIndex(of: start) + 1
        while line < file.lineStarts.count, file.lineStarts[line] < end {
            let range = file.lineRange(line)
            if isCode(range.lowerBound, min(range.upperBound, end), openerIndent: openerIndent) { return range.lowerBound }
            line += 1
        }
        return nil
    }

    /// Whether the line from `start` to `end` is code, as ``firstCodeLine(from:to:openerIndent:)``
    /// says.
    private func isCode(_ start: Int, _ end: Int, openerIndent: Int) -> Bool {
        var index = start
        while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let indent = index - start
        let words = Self.words(bytes[index..<end])
        guard let first = words.first else { return false }
        let second = words.count > 1 ? words[1] : ""
        if indent == 0 {
            switch first {
            case "villkor": return second.first?.isNumber == true
            case "typ", "definition", "insats", "tabell", "bedömning", "exempel":
                return second.first.map { $0.isLetter || $0 == "_" } == true
            case "test", "avsnitt": return second.hasPrefix("\"")
            case "fakta": return words.count == 1
            default: break
            }
        }
        guard indent <= openerIndent else { return false }
        switch first {
        case "kräver", "lydelse", "förtydligande", "anmärkning", "underlag": return !second.isEmpty
        case "vid": return second == "brist:" || second == "ansökan:" || second == "uppföljning:" || second == "brist"
        case "gäller": return second == "när"
        default: return false
        }
    }

    private mutating func unterminatedText(start: Int, multiline: Bool, before code: Int? = nil) {
        let delimiter = multiline ? "\"\"\"" : "\""
        let codeLine = code.map { file.lineIndex(of: $0) + 1 }
        report(.unterminatedText, "texten avslutas aldrig med `\(delimiter)`",
               SourceSpan(start: start, end: start + (multiline ? 3 : 1)),
               hint: codeLine.map { "avsluta texten med `\"\"\"` på en egen rad före rad \($0), där reglerna fortsätter" }
                   ?? (multiline
                   ? "avsluta texten med `\"\"\"` på en egen rad"
                   : "avsluta texten med `\"` på samma rad, eller använd `\"\"\"` för text över flera rader"))
        emit(multiline ? .multilineText : .text, start: start, end: position)
        // Mark the token so the parser knows the text has no closing delimiter.
        tokens[tokens.count - 1].isUnterminated = true
    }
}
