import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// A test changes one element of a list as the language names it, counted from 1
/// (`med element(anordnare.personal, 2).utbildad = nej`), instead of writing the whole list
/// again: about 60 % of an LSS author's test text was records written again for one field. The
/// name is the one a decision gives a missing fact of an element.
@Suite struct ElementOverrideTests {
    static let rules = """
        reglemente "R" version "1"
        typ Uppdrag
          avslutat: ja/nej kan saknas
        typ Person
          namn: text
          utbildad: ja/nej kan saknas
          uppdrag: lista av Uppdrag
        typ Anordnare
          namn: text
          personal: lista av Person
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        exempel bas = { anordnare: { namn: "A", personal: [
          { namn: "P", utbildad: ja, uppdrag: [{ avslutat: ja }] }, { namn: "Q", utbildad: ja, uppdrag: [] }] } }

        villkor 1 "Utbildade"
          kräver alla p i anordnare.personal: p.utbildad
        villkor 2 "Avslutade"
          kräver alla p i anordnare.personal: alla u i p.uppdrag: u.avslutat

        """

    static func results(_ tests: String) throws -> [TestResult] {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.rules + tests)]).get()
        return try #require(rules.document(named: "R")).runTests { _ in nil }
    }

    static func diagnostics(_ tests: String) -> [Diagnostic] {
        Checker.check([SourceFile(path: "r.kundval", text: Self.rules + tests)]).files.flatMap(\.diagnostics)
    }

    @Test func oneElementOrAnElementOfAnElementIsChanged() throws {
        let results = try Self.results("""
            test "en outbildad"
              vid ansökan 2025-03-01
              utgår från bas
              med element(anordnare.personal, 2).utbildad = nej
              förväntas ej godkänd med brist i villkor 1
              förväntas att element(anordnare.personal, 1).utbildad
            test "ett uppdrag oavslutat"
              vid ansökan 2025-03-01
              utgår från bas
              med element(element(anordnare.personal, 1).uppdrag, 1).avslutat = nej
              förväntas ej godkänd med brist i villkor 2
            test "ett helt element"
              vid ansökan 2025-03-01
              utgår från bas
              med element(anordnare.personal, 1) = { namn: "R", utbildad: okänt, uppdrag: [] }
              förväntas komplettering krävs
              förväntas att element(anordnare.personal, 2).namn = "Q"

            """)
        #expect(results.count == 3)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures.map(\.message))") }
    }

    @Test func anElementTheListDoesNotHaveIsSaid() throws {
        let results = try Self.results("""
            test "utanför listan"
              vid ansökan 2025-03-01
              utgår från bas
              med element(anordnare.personal, 3).utbildad = nej
              förväntas godkänd

            """)
        let result = try #require(results.first)
        let failure = try #require(result.failures.first)
        #expect(failure.message == "testet kördes inte: `med element(anordnare.personal, 3).utbildad` ändrar element 3, men listan har 2 element")
        // At the `med` line, not the test's heading, under the element's number (it was under
        // the value; found by a policy author).
        #expect(result.file.location(of: failure.span.start).line == result.file.location(of: result.span.start).line + 3)
        #expect(String(decoding: result.file.bytes[failure.span.start..<failure.span.end], as: UTF8.self) == "3")
    }

    @Test func aPathThatIsNoFactsPathIsOneError() {
        func errors(_ line: String) -> [Diagnostic] {
            Self.diagnostics("test \"t\"\n  vid ansökan 2025-03-01\n  utgår från bas\n  \(line)\n  förväntas godkänd\n")
                .filter { $0.severity == .error }
        }
        #expect(errors("med element(anordnare.personal, 2).utbildad = nej").isEmpty)
        let zero = errors("med element(anordnare.personal, 0).utbildad = nej")
        #expect(zero.map(\.message) == ["elementets nummer skrivs som ett heltal från 1"])
        #expect(errors("med element(anordnare.namn, 1) = \"B\"").map(\.code) == [.notAList])
        #expect(errors("med element(anordnare.personal, 1).lön = 3").map(\.code) == [.unknownField])
        #expect(errors("med element(anordnare.personal, 1).utbildad = 3").map(\.code) == [.typeMismatch])
        #expect(errors("med element(anordnare.personal, 1) + 1 = 3").count == 1)
    }
}
