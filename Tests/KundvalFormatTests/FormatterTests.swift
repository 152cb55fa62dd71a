import KundvalDiagnostics
@testable import KundvalFormat
import KundvalSyntax
import Testing

/// The formatter's guarantees one at a time: syntax errors are not formatted, the safety check
/// sees what it must, texts are untouched, and the line diff is a correct unified diff.
@Suite struct FormatterTests {
    @Test func aFileWithSyntaxErrorsIsNotFormatted() {
        guard case .syntaxErrors(let diagnostics) = SourceFormatter().format("reglemente \"R\"\nvillkor 1 \"A\"\n  kräver (ja\n")
        else {
            Issue.record("expected syntax errors")
            return
        }
        #expect(!diagnostics.isEmpty)
    }

    @Test func theSpanFreeComparisonIgnoresLayoutButNotMeaning() {
        let a = Parser.parse("reglemente \"R\"\ndefinition x = 1 + 2 * 3\n").syntax
        let b = Parser.parse("reglemente \"R\"\n\n\ndefinition   x =\n  1 +\n  2 * 3  # kommentar\n").syntax
        let c = Parser.parse("reglemente \"R\"\ndefinition x = (1 + 2) * 3\n").syntax
        #expect(a != b, "the trees differ in their spans")
        #expect(SyntaxShape.equal(a, b))
        #expect(!SyntaxShape.equal(a, c))
    }

    @Test func wordsAreKeptAsTheAuthorSpelledThem() throws {
        let source = "reglemente \"R\"\ndefinition x: ja/nej = ej (1 är minst 2) och 3 ≥ 2 och 4 × 5 <> 6\n"
        guard case .formatted(let output) = SourceFormatter().format(source) else { throw Failure() }
        #expect(output == source)
    }

    @Test func textsInsideQuotesAreNeverChanged() throws {
        let source = """
            reglemente "R"
            villkor 1 "  Två  mellanslag "
                 lydelse \"\"\"
                      Första raden
                        indragen rad

                      sista
                      \"\"\"
                 anmärkning "a \\"citat\\" och \\\\ snedstreck"

            """
        guard case .formatted(let output) = SourceFormatter().format(source) else { throw Failure() }
        #expect(SyntaxShape.texts(in: SourceFile(path: "a", text: source))
            == SyntaxShape.texts(in: SourceFile(path: "b", text: output)))
        #expect(output.contains("  lydelse \"\"\"\n    Första raden\n      indragen rad\n\n    sista\n    \"\"\"\n"))
    }

    @Test func aNarrowWidthBreaksLongExpressionsAtTheLoosestOperator() throws {
        let source = "reglemente \"R\"\ndefinition x: ja/nej = a och b eller c och d\n"
        let narrow = SourceFormatter(configuration: FormatConfiguration(lineWidth: 30))
        guard case .formatted(let output) = narrow.format(source) else { throw Failure() }
        #expect(output == "reglemente \"R\"\ndefinition x: ja/nej =\n  a och b eller c och d\n")
        let narrower = SourceFormatter(configuration: FormatConfiguration(lineWidth: 20))
        guard case .formatted(let broken) = narrower.format(source) else { throw Failure() }
        #expect(broken == "reglemente \"R\"\ndefinition x: ja/nej =\n  a och b\n    eller c och d\n")
    }

    @Test func theLineDiffIsAMinimalUnifiedDiff() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let new = "a\nb\nC\nd\ne\nf\ng\nh\ni\n"
        #expect(LineDiff.unified(old: old, new: new, oldName: "a/x", newName: "b/x", context: 1) == """
            --- a/x
            +++ b/x
            @@ -2,3 +2,3 @@
             b
            -c
            +C
             d
            @@ -8,1 +8,2 @@
             h
            +i

            """)
        #expect(LineDiff.unified(old: old, new: old, oldName: "a", newName: "b").isEmpty)
        // Windows line endings: the lines are compared, and the change of endings is said once
        // (the whole file was one removed line; a policy author's walk).
        let windows = old.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(LineDiff.unified(old: windows, new: old, oldName: "a/x", newName: "b/x")
                == "radsluten blir LF (\\n); filen har CRLF (\\r\\n)\n--- a/x\n+++ b/x\n")
        let both = LineDiff.unified(old: windows, new: new, oldName: "a/x", newName: "b/x", context: 1)
        #expect(both.hasPrefix("radsluten blir LF") && both.contains("@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n"), "\(both)")
        let edits = LineDiff.edits(["x", "y", "z"], ["y", "z", "x"])
        #expect(edits.filter { if case .same = $0 { return false } else { return true } }.count == 2)
        #expect(LineDiff.edits([], ["a"]) == [.added("a")])
        #expect(LineDiff.edits(["a"], []) == [.removed("a")])
    }

    /// The safety check refuses output that parses to another tree, changes a text, loses a
    /// comment or has a syntax error, and accepts a mere change of layout.
    @Test func theSafetyCheckRefusesEveryKindOfChange() {
        let source = "reglemente \"R\"\n# kommentar\ndefinition x = 1 + 2 * 3\nvillkor 1 \"A\"\n  lydelse \"Text\"\n"
        let file = SourceFile(path: "fil.kundval", text: source)
        let parsed = Parser.parse(file)
        func verdict(_ output: String) -> String? {
            SourceFormatter.difference(original: file, parsed: parsed, output: output)
        }
        #expect(verdict("reglemente \"R\"\n\n# kommentar\ndefinition x =\n  1 + 2 * 3\nvillkor 1 \"A\"\n  lydelse \"Text\"\n") == nil)
        #expect(verdict(source.replacingOccurrences(of: "1 + 2 * 3", with: "(1 + 2) * 3"))?.contains("syntaxträdet") == true)
        #expect(verdict(source.replacingOccurrences(of: "\"Text\"", with: "\"Text \"")) != nil)
        #expect(verdict(source.replacingOccurrences(of: "# kommentar\n", with: ""))?.contains("kommentar") == true)
        #expect(verdict(source.replacingOccurrences(of: "lydelse", with: "lydels"))?.contains("utdata ger felet") == true)
    }

    /// The lexer keeps comments only when asked, with their spans, and gives the same tokens.
    @Test func theLexerCollectsCommentsOnRequest() {
        let file = SourceFile(path: "a", text: "typ A # ett\n# två\n  x: ja/nej\r\n")
        var plain = DiagnosticList()
        var withComments = DiagnosticList()
        var comments: [SourceSpan] = []
        let tokens = Lexer.tokenize(file, diagnostics: &plain)
        let same = Lexer.tokenize(file, diagnostics: &withComments, comments: &comments)
        #expect(tokens == same)
        #expect(comments.map { file.text(of: $0) } == ["# ett", "# två"])
    }

    struct Failure: Error {}
}
