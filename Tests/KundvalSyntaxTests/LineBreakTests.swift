import KundvalDiagnostics
import KundvalSyntax
import Testing

/// Line breaks inside brackets never change what a list, a record or a call means: a contextual
/// word (`från`, `granskar`, `prövar`, `sanktioner`…) at the start of a line there is a name,
/// not the start of a clause. An unclosed bracket is still reported once.
@Suite struct LineBreakTests {
    static let contextualWords = Keyword.allCases.filter { !$0.isReserved }.map(\.rawValue)

    /// The tree of the requirement in `villkor 1`, rendered without positions.
    func requirementTree(_ text: String) -> String? {
        let result = Parser.parse("reglemente \"R\"\nvillkor 1\n  kräver \(text)\n")
        #expect(result.diagnostics.isEmpty, "\(text): \(result.diagnostics.map(\.message))")
        guard case .condition(let condition) = result.syntax.declarations.first,
              case .requirement(_, let expression) = condition.clauses.first else { return nil }
        return ParserTests().show(expression)
    }

    /// The expression with a line break after every opening bracket, comma and colon.
    func broken(_ text: String) -> String {
        var result = ""
        for character in text {
            result.append(character)
            if "([{,:".contains(character) { result += "\n" }
        }
        return result
    }

    @Test(arguments: contextualWords)
    func aContextualWordAtALineStartInsideBracketsIsAName(word: String) {
        let expression = "g(\(word), [\(word), \(word)], { \(word): \(word), a: [{ \(word): 1 }] }) = (\(word))"
        let flat = requirementTree(expression)
        #expect(flat != nil)
        #expect(requirementTree(broken(expression)) == flat, "\(word)")
    }

    @Test func theFieldFrånOnItsOwnLineInATestRecord() {
        let source = """
            kundval "X"
              nämnd "N"
              enligt reglemente "R" version "1"
            test "t"
              vid ansökan 2025-03-01
              med f = [{
            från: 2025-06-02,
            till: 2025-07-14 }]
              förväntas godkänd

            """
        let result = Parser.parse(source)
        #expect(result.diagnostics.map(\.message) == [])
    }

    @Test func anUnclosedRecordBeforeAClauseIsOneError() {
        let source = """
            reglemente "R"
            villkor 1
              kräver f({ a: 1, från: 2
              vid brist: ej godkänd auktorisation
            villkor 2
              kräver b

            """
        let result = Parser.parse(source)
        #expect(result.diagnostics.map(\.code) == [.unclosedBracket], "\(result.diagnostics.map(\.message))")
        #expect(result.syntax.declarations.count == 2, "both conditions are read")
    }
}
