import KundvalDiagnostics
@testable import KundvalSyntax
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        var diagnostics = DiagnosticList()
        return Lexer.tokenize(SourceFile(path: "t", text: text), diagnostics: &diagnostics).map(\.kind)
    }

    @Test func numbersDatesAndConditionNumbers() {
        #expect(kinds("12 2,5 16.8.4 2024-11-01 2024 - 1") ==
                [.integer, .decimal, .dottedNumber, .date, .integer, .minus, .integer, .endOfFile])
        // A comma followed by a space separates arguments; a comma between digits is a decimal comma.
        #expect(kinds("f(1, 2)") == [.identifier, .leftParen, .integer, .comma, .integer, .rightParen, .endOfFile])
    }

    /// A file whose lines end in a lone CR, and one of control characters only, is one error
    /// each: its own, not also "filen är tom" (the first comment ran to the end of the file;
    /// found by an adversarial session). A CRLF file reads as before.
    @Test func aFileTheLexerCannotReadIsOneError() {
        let crOnly = Parser.parse("# kommentar\rreglemente \"R\"\rvillkor 1 \"A\"\r")
        #expect(crOnly.diagnostics.map(\.code) == [.controlCharacter])
        #expect(crOnly.diagnostics.first?.message == "filen har radslut med bara CR (U+000D), som äldre Mac-program sparade dem")
        #expect(Parser.parse("\u{0}\u{0}\u{0}").diagnostics.map(\.code) == [.controlCharacter])
        #expect(Parser.parse("# kommentar\r\nreglemente \"R\"\r\nvillkor 1 \"A\"\r\n").diagnostics.isEmpty)
        #expect(Parser.parse("").diagnostics.map(\.code) == [.missingHeader])
    }

    /// A lone CR in a file of LF or CRLF lines is one error, at it, and reads as the line break
    /// it looks like: the next line's first word was an error of its own, and a comment ran on
    /// over the next line (found by an adversarial session).
    @Test func aLoneCRInAFileOfOtherLineBreaksIsOneError() {
        let mixed = Parser.parse("reglemente \"R\" version \"1\"\r\ntyp A\r\n  x: ja/nej\rfakta\r\n  a: A # a\rbedömning ansökan\r\n  vid brist: ej godkänd auktorisation\r\n")
        #expect(mixed.diagnostics.map(\.code) == [.controlCharacter], "\(mixed.diagnostics.map(\.message))")
        #expect(mixed.diagnostics.first?.message == "ett ensamt CR (U+000D) är inget radslut")
        #expect(mixed.diagnostics.first?.span.start == 46)
        #expect(mixed.syntax.declarations.count == 3)
        // Inside a text too, once (the text took it in without a word; found by review).
        let inText = Parser.parse("reglemente \"R\" version \"1\"\nvillkor 1 \"A\"\n  lydelse \"ett\rtvå\"\n")
        #expect(inText.diagnostics.map(\.code) == [.controlCharacter], "\(inText.diagnostics.map(\.message))")
        #expect(Parser.parse("reglemente \"R\" version \"1\"\nvillkor 1 \"x\\\ry\"\n").diagnostics.map(\.code) == [.controlCharacter])
        let inLongText = Parser.parse("reglemente \"R\" version \"1\"\nvillkor 1 \"A\"\n  lydelse \"\"\"\n    ett\rtvå\n    \"\"\"\n")
        #expect(inLongText.diagnostics.map(\.code) == [.controlCharacter], "\(inLongText.diagnostics.map(\.message))")
    }

    /// `[1,2,3]` was read as `[1,2; 3]`, a list of two decimals, without a word: now the
    /// numbers and commas with no space are one error over all of them, and the tokens go on
    /// as before (no second error from the parser). A decimal then a spaced comma is no error.
    @Test func aDecimalCommaFollowedByAnotherIsAnError() {
        var diagnostics = DiagnosticList()
        let file = SourceFile(path: "t", text: "[1,2,3] [1,5, 2] [4,8,12,16]")
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics)
        #expect(tokens.map(\.kind) == [.leftBracket, .decimal, .comma, .integer, .rightBracket,
                                       .leftBracket, .decimal, .comma, .integer, .rightBracket,
                                       .leftBracket, .decimal, .comma, .decimal, .rightBracket, .endOfFile])
        #expect(diagnostics.items.map(\.code) == [.commaAfterDecimal, .commaAfterDecimal])
        #expect(diagnostics.items.map { file.text(of: $0.span) } == ["1,2,3", "4,8,12,16"])
        #expect(diagnostics.items.last?.hint == "skriv mellanslag efter kommat mellan tal: `4, 8, 12, 16`; ett decimaltal har ett enda komma: `4,8`")
    }

    @Test func swedishIdentifiersAndKeywords() {
        var diagnostics = DiagnosticList()
        let tokens = Lexer.tokenize(SourceFile(path: "t", text: "kräver anordnare.kreditvärdighet år Åtgärd"),
                                    diagnostics: &diagnostics)
        #expect(tokens.map(\.kind) == [.keyword, .identifier, .dot, .identifier, .identifier, .identifier, .endOfFile])
        #expect(tokens[0].keyword == .kräver)
        #expect(tokens[4].keyword == .år)  // a contextual keyword stays an identifier
        #expect(tokens[5].keyword == nil)
        #expect(diagnostics.items.isEmpty)
    }

    @Test func operatorsIncludingUnicodeForms() {
        #expect(kinds("= != ≠ <> < <= ≤ > >= ≥ × – %") ==
                [.equal, .notEqual, .notEqual, .notEqual, .less, .lessEqual, .lessEqual, .greater,
                 .greaterEqual, .greaterEqual, .star, .dash, .percent, .endOfFile])
    }

    @Test func commentsAndLineStarts() {
        var diagnostics = DiagnosticList()
        let tokens = Lexer.tokenize(SourceFile(path: "t", text: "villkor 1 # kommentar ( \"\n  kräver ja"),
                                    diagnostics: &diagnostics)
        #expect(tokens.map(\.kind) == [.keyword, .integer, .keyword, .keyword, .endOfFile])
        #expect(tokens.map(\.isAtLineStart) == [true, false, true, false, true])
    }

    @Test func byteOrderMarkAndCarriageReturnsAreAccepted() {
        var diagnostics = DiagnosticList()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("villkor 1\r\n  kräver ja\r\n".utf8)
        let tokens = Lexer.tokenize(SourceFile(path: "t", bytes: bytes), diagnostics: &diagnostics)
        #expect(tokens.count == 5)
        #expect(diagnostics.items.isEmpty)
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            var diagnostics = DiagnosticList()
            _ = Lexer.tokenize(SourceFile(path: "t", bytes: bytes), diagnostics: &diagnostics)
            #expect(diagnostics.items.map(\.code) == [.invalidUTF8], "\(bytes)")
        }
    }
}
