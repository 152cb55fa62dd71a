import KundvalDiagnostics
import KundvalSyntax
import Testing

/// An English or programming word where the language has a Swedish one gets a hint that names
/// it: `ja or nej` at the prompt said "ett uttryck i taget", and `kräver a and b` listed the
/// clauses of a condition (found by a hostile-input session).
@Suite struct EnglishWordTests {
    @Test(arguments: [("ja or nej", "eller", "or"), ("ja and nej", "och", "and"), ("not ja", "inte", "not"),
                      ("ja OR nej", "eller", "OR")])
    func anEnglishConnectiveAtThePromptIsNamed(text: String, swedish: String, english: String) {
        let (_, diagnostics) = Parser.parseExpression(SourceFile(path: "uttryck", text: text))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hint == "skriv `\(swedish)` i stället för `\(english)`: språkets ord är svenska",
                "\(diagnostics.map { $0.hint ?? "" })")
    }

    @Test func anEnglishConnectiveInAConditionIsNamed() {
        let result = Parser.parse(SourceFile(path: "r.kundval", text: "reglemente \"R\"\nvillkor 1 \"A\"\n  kräver a and b\n"))
        let hints = result.diagnostics.map { $0.hint ?? "" }
        #expect(hints == ["skriv `och` i stället för `and`: språkets ord är svenska"], "\(hints)")
    }

    @Test func anotherSecondExpressionKeepsItsHint() {
        let (_, diagnostics) = Parser.parseExpression(SourceFile(path: "uttryck", text: "1 2"))
        #expect(diagnostics.first?.hint == "ett uttryck i taget; för två villkor samtidigt: `a och b`")
    }
}
