import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// Expressions at a prompt (issue 14): checked against the document as it was loaded and
/// compiled on their own, with the rules of a rule file and diagnostics on their own text.
@Suite struct PromptExpressionTests {
    static let sources = [
        SourceFile(path: "r.kundval", text: """
            reglemente "R"
            typ Person
              namn: text
              ålder: heltal
            typ Anordnare
              personer: lista av Person
              omsättning: belopp kan saknas
            fakta
              anordnare: Anordnare
            definition vuxna = antal p i anordnare.personer där p.ålder >= 18
            """),
        SourceFile(path: "k.kundval", text: """
            kundval "K"
              enligt reglemente "R"
            typ Nivå: en av låg, hög
            definition dubbla(x: heltal): heltal = x * 2
            tabell nivå(omsättning: belopp): Nivå
              | < 1000000 kr  | låg |
              | >= 1000000 kr | hög |
            """),
    ]

    static let facts = Array("""
        {"anordnare": {"personer": [{"namn": "A", "ålder": 17}, {"namn": "B", "ålder": 40}], "omsättning": 2000000}}
        """.utf8)

    func value(_ text: String, facts: [UInt8]? = Self.facts) throws -> Result<ExpressionValue, ExpressionProblem> {
        let rules = try RuleSet.compile(Self.sources).get()
        let document = try #require(rules.document(named: "K"))
        return rules.evaluate(expression: text, in: document, factsJSON: facts, date: try Day(year: 2025, month: 3, day: 1))
    }

    @Test(arguments: [
        ("vuxna", "1", "heltal"),                                           // the reglemente's definition
        ("dubbla(vuxna) + 1", "3", "heltal"),                               // the kundval's, with an argument
        ("nivå(2000000 kr)", "hög", "Nivå"),                               // a decision table
        ("alla p i anordnare.personer: p.namn finns", "ja", "ja/nej"),     // a local of its own frame
        ("summa p i anordnare.personer: p.ålder", "57", "heltal"),
        ("anordnare.omsättning", "2000000 kr", "belopp kan saknas"),
    ])
    func anExpressionIsEvaluatedAgainstTheLoadedDocument(_ text: String, _ expected: String, _ type: String) throws {
        let value = try value(text).get()
        #expect(value.value == expected)
        #expect(value.type == type)
    }

    @Test func withoutFactsEveryFactIsUnknown() throws {
        #expect(try value("anordnare.omsättning", facts: nil).get().value == "okänt")
    }

    @Test(arguments: [
        ("vuxnna + 1", "K0301", 0, 6),        // an unknown name: the span is the expression's own
        ("vuxna vuxna", "K0201", 6, 11),      // two expressions
        ("", "K0201", 0, 0),                  // none
        ("1 kr + 5 %", "K0304", 0, 10),       // units that do not add
    ])
    func aMistakeIsOneDiagnosticOnTheExpressionsOwnText(_ text: String, _ code: String, _ start: Int, _ end: Int) throws {
        guard case .failure(.diagnostics(let diagnostics)) = try value(text) else {
            Issue.record("`\(text)` should give a diagnostic")
            return
        }
        #expect(diagnostics.file.path == "uttryck")
        #expect(diagnostics.diagnostics.count == 1)
        #expect(diagnostics.diagnostics.first?.code.rawValue == code)
        #expect(diagnostics.diagnostics.first.map { ($0.span.start, $0.span.end) } ?? (-1, -1) == (start, end))
    }

    @Test func checkingAnExpressionLeavesTheCheckedDocumentAsItWas() throws {
        let rules = try RuleSet.compile(Self.sources).get()
        let checked = try #require(rules.program.document(named: "K"))
        let definition = try Checker.checkExpression(SourceFile(path: "uttryck", text: "dubbla(2)"), in: checked, as: "x").get()
        #expect(definition.resultType == .integer)
        #expect(checked.definitions["x"] == nil)
        // The same expression evaluated twice gives the same value: nothing is cached between lines.
        #expect(try value("dubbla(vuxna)").get().value == "2")
        #expect(try value("dubbla(vuxna)").get().value == "2")
    }
}
