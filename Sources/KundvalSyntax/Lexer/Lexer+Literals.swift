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
            case UInt8(ascii: "\\") where position + 1 < bytes.count && bytes[position + 1] != UInt8(ascii: "\n"):
                position += 2
            case UInt8(ascii: "\n"):
                unterminatedText(start: start, multiline: false)
                return
            default:
                position += 1
            }
        }
        unterminatedText(start: start, multiline: false)
    }

    private mutating func lexMultilineText(start: Int) {
        position += 3
        let openerIndent = indentation(ofLineAt: start)
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                position += 3
                emit(.multilineText, start: start, end: position)
                return
            }
            if bytes[position] == UInt8(ascii: "\n"), let line = swallowedCode(after: position, openerIndent: openerIndent) {
                // The closing `"""` was forgotten: the text ends before the code it would swallow
                // (up to the next text's opening `"""`, and that text's words read as code), and
                // the one error points at the text that is not closed.
                position += 1
                unterminatedText(start: start, multiline: true, before: line)
                return
            }
            if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count { position += 1 }
            position += 1
        }
        unterminatedText(start: start, multiline: true)
    }

    /// Spaces before the first non-space byte of the line holding `offset`.
    private func indentation(ofLineAt offset: Int) -> Int {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var end = lineStart
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        return end - lineStart
    }

    /// The line after the newline at `newline`, as text, when it cannot belong to a multi-line
    /// text whose opening line is indented `openerIndent`: a declaration in the first column
    /// (`villkor 13 …`, `typ X`, `test "…"`), or a clause of the declaration the text is in,
    /// indented no deeper than the line that opened the text (`  kräver …`, `  vid brist: …`).
    /// A text's own lines are indented deeper than its clause word, so none of them is such a
    /// line; a word that is also Swedish prose (`vid kanten`) is not taken for a clause.
    private func swallowedCode(after newline: Int, openerIndent: Int) -> Int? {
        var index = newline + 1
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let indent = index - newline - 1
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let words = String(decoding: bytes[index..<end], as: UTF8.self).split(separator: " ", maxSplits: 2).map(String.init)
        guard let first = words.first else { return nil }
        let second = words.count > 1 ? words[1] : ""
        let line = newline + 1
        if indent == 0 {
            switch first {
            case "villkor": return second.first?.isNumber == true ? line : nil
            case "typ", "definition", "insats", "tabell", "bedömning", "exempel":
                return second.first.map { $0.isLetter || $0 == "_" } == true ? line : nil
            case "test", "avsnitt": return second.hasPrefix("\"") ? line : nil
            case "fakta": return words.count == 1 ? line : nil
            default: break
            }
        }
        guard indent <= openerIndent else { return nil }
        switch first {
        case "kräver", "lydelse", "förtydligande", "anmärkning": return second.isEmpty ? nil : line
        case "vid": return second.hasPrefix("brist") || second == "ansökan" || second == "uppföljning" ? line : nil
        case "gäller": return second == "när" ? line : nil
        case "underlag": return second.isEmpty ? nil : line
        default: return nil
        }
    }

    private mutating func unterminatedText(start: Int, multiline: Bool, before code: Int? = nil) {
        let delimiter = multiline ? "\"\"\"" : "\""
        let codeLine = code.map { offset in 1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
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
