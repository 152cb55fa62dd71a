import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// `förväntas ingen avauktorisation`: a test of a follow-up can say that no ground for
/// de-authorization has occurred, where it could say only that one had (left by stop 44 from an
/// LSS author). At an application it is an outcome of another kind of assessment (K0418).
@Suite struct NoDeauthorizationTests {
    static let rules = """
        reglemente "R" version "1"
        typ Sanktion: en av varning, avauktorisation i stigande ordning
        typ Anordnare
          har_uppdrag: ja/nej kan saknas
          senaste_uppdrag: datum
          rapport: ja/nej
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: varning

        exempel bas = { anordnare: { har_uppdrag: nej, senaste_uppdrag: 2025-01-15, rapport: nej } }

        villkor 1 "Rapport"
          kräver anordnare.rapport

        avauktorisation "Utifrån avsaknad av uppdrag"
          gäller när anordnare.har_uppdrag = nej
          från anordnare.senaste_uppdrag + 12 månader

        """

    static func results(_ tests: String) throws -> [TestResult] {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.rules + tests)]).get()
        return try #require(rules.document(named: "R")).runTests { _ in nil }
    }

    @Test func noGroundHasOccurredOrOneHas() throws {
        let results = try Self.results("""
            test "brister men ingen avauktorisation"
              vid uppföljning 2025-09-01
              utgår från bas
              förväntas brister i villkor 1
              förväntas ingen avauktorisation
            test "tolv månader utan uppdrag"
              vid uppföljning 2026-02-01
              utgår från bas
              förväntas ingen avauktorisation

            """)
        #expect(results.map(\.passed) == [true, false])
        #expect(results[1].failures.map(\.message)
                == ["väntade ingen avauktorisation men grunden ”Utifrån avsaknad av uppdrag” har inträffat (från 2026-01-15)"])
    }

    /// A ground that cannot be decided may have occurred: neither expectation holds, and each
    /// names the ground and the facts it misses (`ingen avauktorisation` passed; found by an
    /// adversarial session).
    @Test func aGroundThatCannotBeDecidedIsSaid() throws {
        let results = try Self.results("""
            test "okänt om uppdrag finns"
              vid uppföljning 2026-02-01
              utgår från bas
              med anordnare.har_uppdrag = okänt
              förväntas ingen avauktorisation
              förväntas avauktorisation

            """)
        let failures = try #require(results.first).failures
        #expect(failures.map(\.message) == ["väntade ingen avauktorisation men grunden ”Utifrån avsaknad av uppdrag” kan inte avgöras",
                                             "väntade `avauktorisation` men beslutet blev `brister`"])
        #expect(failures.map(\.hint) == ["saknade fakta: `anordnare.har_uppdrag`",
                                          "grunden ”Utifrån avsaknad av uppdrag” kan inte avgöras; saknade fakta: `anordnare.har_uppdrag`"])
    }

    @Test func atAnApplicationItIsAnOutcomeOfAnotherAssessment() {
        let diagnostics = Checker.check([SourceFile(path: "r.kundval", text: Self.rules + """
            test "ansökan"
              vid ansökan 2025-09-01
              utgår från bas
              förväntas ingen avauktorisation

            """)]).files.flatMap(\.diagnostics)
        #expect(diagnostics.map(\.code) == [.outcomeOfAnotherAssessment], "\(diagnostics.map(\.message))")
    }
}
