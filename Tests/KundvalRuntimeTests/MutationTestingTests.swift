import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax
import Testing

/// Mutation testing of rule files (issue 15): which changes are made, and that a test on each
/// side of a boundary is what kills a moved threshold.
@Suite struct MutationTestingTests {
    static let rules = """
        reglemente "R" version "1"
        typ Person
          utbildad: ja/nej
        typ Anordnare
          kreditvärdighet: heltal
          intyg: datum kan saknas
          personal: lista av Person
          startad: datum
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 6 "Ekonomi"
          kräver anordnare.kreditvärdighet >= 3 och inte (anordnare.startad < 2020-01-01)
          underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
        villkor 7 "Personal"
          kräver alla p i anordnare.personal: p.utbildad
        exempel bra = { anordnare: { kreditvärdighet: 3, intyg: 2025-02-01, startad: 2021-01-01, personal: [{ utbildad: ja }, { utbildad: nej }] } }
        test "tre räcker"
          vid ansökan 2025-03-01
          utgår från bra
          förväntas villkor 6 uppfyllt

        """

    static func mutants(_ text: String) -> [String] {
        Mutant.mutants(of: Parser.parse(text, path: "r.kundval")).map { "\($0.owner): \($0.kind.rawValue) \($0.change)" }
    }

    @Test func eachKindOfChangeIsMadeInWhatDecides() {
        #expect(Self.mutants(Self.rules) == [
            "villkor 6: krav borttaget `anordnare.kreditvärdighet >= 3 och inte (anordnare.starta…` → `ja`",
            "villkor 6: jämförelse `>=` → `>`",
            "villkor 6: gränsvärde `3` → `2`",
            "villkor 6: gränsvärde `3` → `4`",
            "villkor 6: och/eller `och` → `eller`",
            "villkor 6: negation `inte` → ``",
            "villkor 6: jämförelse `<` → `<=`",
            "villkor 6: datum `2020-01-01` → `2019-12-31`",
            "villkor 6: datum `2020-01-01` → `2020-01-02`",
            "villkor 6: dokumentålder `3` → `2`",
            "villkor 6: dokumentålder `3` → `4`",
            "villkor 7: krav borttaget `alla p i anordnare.personal: p.utbildad` → `ja`",
            "villkor 7: alla/någon `alla` → `någon`",
        ])
    }

    @Test func aFileWithSyntaxErrorsHasNoMutants() {
        #expect(Self.mutants("reglemente \"R\"\nvillkor 1 \"x\"\n  kräver (\n").isEmpty)
    }

    static func outcomes(_ text: String) throws -> [String: MutantOutcome] {
        let testing = try MutationTesting(files: [SourceFile(path: "r.kundval", text: text)]) { _, _ in nil }
        var outcomes: [String: MutantOutcome] = [:]
        for mutant in testing.mutants() { outcomes["\(mutant.kind.rawValue) \(mutant.change)"] = testing.run(mutant) }
        return outcomes
    }

    // The one test shows three is enough: moving the threshold up is noticed, moving it down is
    // not until a test shows that two is too little.
    @Test func aThresholdNeedsATestOnEachSide() throws {
        let oneSide = try Self.outcomes(Self.rules)
        #expect(oneSide["gränsvärde `3` → `4`"] == .killed(test: "tre räcker"))
        #expect(oneSide["jämförelse `>=` → `>`"] == .killed(test: "tre räcker"))
        #expect(oneSide["gränsvärde `3` → `2`"] == .survived)
        #expect(oneSide["alla/någon `alla` → `någon`"] == .survived)

        let bothSides = try Self.outcomes(Self.rules + """
            test "två räcker inte"
              vid ansökan 2025-03-01
              utgår från bra
              med anordnare.kreditvärdighet = 2
              förväntas villkor 6 ej uppfyllt

            """)
        #expect(bothSides["gränsvärde `3` → `2`"] == .killed(test: "två räcker inte"))
    }

    @Test func failingTestsStopMutationTesting() {
        let failing = Self.rules.replacingOccurrences(of: "förväntas villkor 6 uppfyllt", with: "förväntas villkor 6 ej uppfyllt")
        #expect(throws: MutationTesting.Problem.self) {
            _ = try MutationTesting(files: [SourceFile(path: "r.kundval", text: failing)]) { _, _ in nil }
        }
    }
}
