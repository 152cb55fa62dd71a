import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The impact of a version that renumbers its conditions: statuses are compared condition by
/// condition as the comparison pairs them (by heading), not number by number.
@Suite struct ImpactRenumberingTests {
    /// A small reglemente: `conditions` as (number, heading, fact required).
    static func reglemente(version: String, _ conditions: [(Int, String, String)]) throws -> CompiledDocument {
        var text = """
            reglemente "Numreringsprov" version "\(version)"
              beslutad av "kommunfullmäktige"
              fastställd 2024-01-15

            typ Anordnare
              a: ja/nej
              b: ja/nej

            fakta
              anordnare: Anordnare

            bedömning ansökan
              vid brist: ej godkänd auktorisation

            """
        for (number, title, fact) in conditions {
            text += """

                villkor \(number) "\(title)"
                  lydelse "Anordnaren ska uppfylla \(title)."
                  kräver anordnare.\(fact)
                  underlag bifogas ansökan
                  vid brist: ej godkänd auktorisation

                """
        }
        let rules = try RuleSet.compile([SourceFile(path: "prov-\(version).kundval", text: text)]).get()
        return try #require(rules.document(named: "Numreringsprov"))
    }

    /// "Gamma" is inserted first: "Alfa" and "Beta" move to 2 and 3 with the same statuses, so
    /// only the new condition 1 changes (from "finns inte").
    @Test func aRenumberedConditionKeepsItsStatus() throws {
        let old = try Self.reglemente(version: "1", [(1, "Alfa", "a"), (2, "Beta", "b")])
        let new = try Self.reglemente(version: "2", [(1, "Gamma", "b"), (2, "Alfa", "a"), (3, "Beta", "b")])
        var analysis = try #require(ImpactAnalysis(old: old, new: new, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1)))
        let found = analysis.add(json: Array(#"{"anordnare": {"a": true, "b": false}}"#.utf8), line: 1, identity: nil)
        let impact = try #require(found)
        #expect(impact.conditions.map { "\($0.name): \($0.old ?? "finns inte") → \($0.new ?? "finns inte")" } == ["1: finns inte → ej uppfyllt"])
        #expect(impact.oldOutcome == impact.newOutcome)
        let unchanged = analysis.add(json: Array(#"{"anordnare": {"a": true, "b": true}}"#.utf8), line: 2, identity: nil)
        #expect(unchanged?.conditions.map(\.name) == ["1"])
        #expect(analysis.summary.conditions.map(\.name) == ["1"])
    }
}
