import KundvalDiagnostics

/// Turns the UTF-8 bytes of a ``SourceFile`` into tokens.
///
/// The lexer works on bytes, never on `String`: ASCII is classified by byte value and only
/// non-ASCII letters are decoded. It never fails; every problem becomes a diagnostic and the
/// offending bytes are skipped, so the parser always sees a well-formed token stream ending in
/// ``TokenKind/endOfFile``.
public struct Lexer {
    /// The largest file the lexer reads (64 MiB); token offsets are 32-bit.
    public static let maximumFileSize = 64 << 20

    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var atLineStart = true
    /// Whether a lone CR inside a file of other line breaks was reported (once per file).
    var reportedLoneCR = false
    var tokens: [Token] = []
    var diagnostics: DiagnosticList
    /// Whether comments are kept (for the formatter); off for the parser, so lexing costs nothing extra.
    var collectsComments = false
    /// The comments seen, `#` to the end of the line, when ``collectsComments`` is set.
    var comments: [SourceSpan] = []

    /// Lexes a whole file.
    public static func tokenize(_ file: SourceFile, diagnostics: inout DiagnosticList) -> [Token] {
        var lexer = Lexer(file: file, diagnostics: diagnostics)
        lexer.run()
        diagnostics = lexer.diagnostics
        return lexer.tokens
    }

    /// Lexes a whole file and also collects its comments (`#` to the end of the line, without the
    /// line break), in source order. The formatter uses this; the parser does not ask for
    /// comments, so they cost nothing there.
    public static func tokenize(_ file: SourceFile, diagnostics: inout DiagnosticList,
                                comments: inout [SourceSpan]) -> [Token] {
        var lexer = Lexer(file: file, diagnostics: diagnostics)
        lexer.collectsComments = true
        lexer.run()
        diagnostics = lexer.diagnostics
        comments = lexer.comments
        return lexer.tokens
    }

    init(file: SourceFile, diagnostics: DiagnosticList) {
        self.file = file
        self.bytes = file.bytes
        self.diagnostics = diagnostics
    }

    mutating func run() {
        if bytes.count > Self.maximumFileSize {
            report(.fileTooLarge, "filen är \(bytes.count / (1 << 20)) MiB; en regelfil får vara högst 64 MiB",
                   SourceSpan(start: 0, end: 0))
            tokens.append(Token(kind: .endOfFile, isAtLineStart: true, span: .point(0)))
            return
        }
        // Line breaks of a lone CR, as classic Mac programs saved them: the file reads as one
        // line, its first comment to the end (it was "filen är tom"). One error, and no tokens.
        if bytes.contains(UInt8(ascii: "\r")), !bytes.contains(UInt8(ascii: "\n")),
           let first = bytes.firstIndex(of: UInt8(ascii: "\r")), first + 1 < bytes.count {
            report(.controlCharacter, "filen har radslut med bara CR (U+000D), som äldre Mac-program sparade dem",
                   SourceSpan(start: first, end: first + 1), hint: "spara filen med radsluten LF (eller CRLF)")
            tokens.append(Token(kind: .endOfFile, isAtLineStart: true, span: .point(bytes.count)))
            return
        }
        tokens.reserveCapacity(bytes.count / 5)
        reportInvalidBytes()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while true {
            skipTrivia()
            guard position < bytes.count else { break }
            lexToken()
        }
        tokens.append(Token(kind: .endOfFile, isAtLineStart: true, span: .point(bytes.count)))
    }

    // MARK: - Trivia

    /// Skips spaces, line breaks, comments and the invalid bytes already reported.
    mutating func skipTrivia() {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\n"):
                atLineStart = true
                position += 1
            case UInt8(ascii: "\r") where !isLineBreakAfterCR(position):
                loneCR()
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n"),
                      bytes[position] != UInt8(ascii: "\r") || isLineBreakAfterCR(position) { position += 1 }
                if collectsComments { comments.append(SourceSpan(start: start, end: position)) }
            case 0x00..<0x20, 0x7F:
                position += 1  // control character, reported by reportInvalidBytes
            default:
                if byte >= 0x80, decodeScalar(at: position) == nil {
                    position += 1  // invalid UTF-8, reported by reportInvalidBytes
                } else {
                    return
                }
            }
        }
    }

    /// Whether the CR at `index` is the first half of a CRLF line break.
    func isLineBreakAfterCR(_ index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
    }

    /// A CR alone in a file of LF or CRLF line breaks (one line of a file pasted from an old
    /// Mac program): editors show a line break there, the file had none, and the next line's
    /// first word was an error of its own (`väntade ett fält … men fann \`fakta\``; found by an
    /// adversarial session). Reported once per file, and read as the line break it looks like.
    mutating func loneCR() {
        reportLoneCR()
        atLineStart = true
        position += 1
    }

    /// Reports the lone CR at the current position, the first of the file only.
    mutating func reportLoneCR() {
        guard !reportedLoneCR else { return }
        reportedLoneCR = true
        report(.controlCharacter, "ett ensamt CR (U+000D) är inget radslut", SourceSpan(start: position, end: position + 1),
               hint: "spara filen med radsluten LF (eller CRLF) i hela filen")
    }

    /// Reports every run of invalid UTF-8 and every run of control characters, once per run.
    mutating func reportInvalidBytes() {
        var offset = 0
        var invalidRuns: [SourceSpan] = []
        defer {
            if let first = invalidRuns.first {
                let count = invalidRuns.count
                report(.invalidUTF8,
                       count == 1 ? "ogiltig UTF-8-kodning" : "ogiltig UTF-8-kodning (\(count) ställen i filen)",
                       first,
                       hint: count == 1
                           ? "spara filen med teckenkodningen UTF-8"
                           : "filen är troligen sparad som Latin-1 eller Windows-1252; spara den som UTF-8")
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
                    let start = offset
                    while offset < bytes.count, bytes[offset] < 0x20 || bytes[offset] == 0x7F,
                          ![0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
                    let name = byte == 0 ? "NUL" : "U+" + hex(byte)
                    report(.controlCharacter, "otillåtet styrtecken \(name) i filen",
                           SourceSpan(start: start, end: offset),
                           hint: "ta bort tecknet; det syns inte men gör filen oläslig för andra program")
                    continue
                }
                offset += 1
            } else if let (_, length) = decodeScalar(at: offset) {
                offset += length
            } else {
                let start = offset
                while offset < bytes.count, bytes[offset] >= 0x80, decodeScalar(at: offset) == nil { offset += 1 }
                invalidRuns.append(SourceSpan(start: start, end: offset))
            }
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    // MARK: - Tokens

    mutating func lexToken() {
        let start = position
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            lexIdentifier()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "\""):
            lexText()
        case UInt8(ascii: "("): single(.leftParen)
        case UInt8(ascii: ")"): single(.rightParen)
        case UInt8(ascii: "["): single(.leftBracket)
        case UInt8(ascii: "]"): single(.rightBracket)
        case UInt8(ascii: "{"): single(.leftBrace)
        case UInt8(ascii: "}"): single(.rightBrace)
        case UInt8(ascii: ","): single(.comma)
        case UInt8(ascii: ":"): single(.colon)
        case UInt8(ascii: "."): single(.dot)
        case UInt8(ascii: "|"): single(.pipe)
        case UInt8(ascii: "+"): single(.plus)
        case UInt8(ascii: "-"): single(.minus)
        case UInt8(ascii: "*"): single(.star)
        case UInt8(ascii: "/"): single(.slash)
        case UInt8(ascii: "%"): single(.percent)
        case UInt8(ascii: "="): single(.equal)
        case UInt8(ascii: "!") where peek(1) == UInt8(ascii: "="): single(.notEqual, length: 2)
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "="): single(.lessEqual, length: 2)
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: ">"): single(.notEqual, length: 2)
        case UInt8(ascii: "<"): single(.less)
        case UInt8(ascii: ">") where peek(1) == UInt8(ascii: "="): single(.greaterEqual, length: 2)
        case UInt8(ascii: ">"): single(.greater)
        case 0x80...:
            lexNonASCII()
        default:
            position += 1
            unknownCharacter(start: start)
        }
    }

    @inline(__always)
    func peek(_ distance: Int) -> UInt8? {
        position + distance < bytes.count ? bytes[position + distance] : nil
    }

    mutating func single(_ kind: TokenKind, length: Int = 1) {
        emit(kind, start: position, end: position + length)
        position += length
    }

    mutating func emit(_ kind: TokenKind, keyword: Keyword? = nil, start: Int, end: Int) {
        tokens.append(Token(kind: kind, keyword: keyword, isAtLineStart: atLineStart,
                            span: SourceSpan(start: start, end: end)))
        atLineStart = false
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(code: code, message: message, span: span, hint: hint))
    }

    mutating func unknownCharacter(start: Int) {
        let text = file.text(of: SourceSpan(start: start, end: position))
        var hint: String?
        switch text {
        case "\u{201C}", "\u{201D}", "\u{201E}": hint = "texter skrivs inom raka citattecken: `\"…\"`"
        case "'": hint = "texter skrivs inom dubbla citattecken: `\"…\"`"
        case "&": hint = "skriv `och`"
        case "!": hint = "skriv `inte`, eller `!=` för ”skiljt från”"
        default: break
        }
        report(.unknownCharacter, "tecknet `\(text)` hör inte till språket",
               SourceSpan(start: start, end: position), hint: hint)
        emit(.unknown, start: start, end: position)
    }
}
