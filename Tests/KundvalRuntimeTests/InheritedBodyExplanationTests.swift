import KundvalDiagnostics
import Testing
@testable import KundvalRuntime

/// A kundval's condition that calls a definition or a decision table of its reglemente: the
/// explanation's steps inside the body tell the reglemente's file and lines, where the body is
/// written. (Before, they told the kundval's file with the body's position in the other file:
/// `k.kundval rad 7: `` är falskt` for `r.kundval rad 8: `x > 3` är falskt`.)
@Suite struct InheritedBodyExplanationTests {
    static let reglemente = """
        reglemente "R" version "1"
        typ Anordnare
          a: ja/nej kan saknas
          n: heltal kan saknas
          m: heltal kan saknas
        fakta
          anordnare: Anordnare
        definition stor(x: heltal kan saknas): ja/nej kan saknas = x > 3
        tabell gräns(x: heltal kan saknas): heltal kan saknas
          | > 2 | anordnare.n + 1 |
          | <= 2 | anordnare.n |
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 5 "V"
          kräver anordnare.a

        """

    static let kundval = """
        kundval "K"
          enligt reglemente "R" version "1"
        villkor 5
          kräver stor(anordnare.m)
          kräver gräns(anordnare.m) > 9

        """

    /// The explanation lines of condition 5 for one provider, with the reglemente's text `reglemente`.
    static func conditionLines(reglemente: String = Self.reglemente) throws -> [String] {
        let files = [SourceFile(path: "r.kundval", text: reglemente), SourceFile(path: "k.kundval", text: Self.kundval)]
        guard case .success(let rules) = RuleSet.compile(files) else {
            Issue.record("does not compile")
            return []
        }
        let document = try #require(rules.document(named: "K"))
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"a": true, "n": 5, "m": 1}}"#.utf8)).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1), explain: true)
        return try #require(decision.conditions.first?.explanation).lines
    }

    @Test func stepsInAnInheritedBodyTellTheReglementesLines() throws {
        // `m` is 1: the table's second row gives its result.
        #expect(try Self.conditionLines() == [
            "r.kundval rad 15: anordnare.a = ja",
            "k.kundval rad 4: anordnare.m = 1",
            "r.kundval rad 8: `x > 3` är falskt",
            "k.kundval rad 4: stor = nej",
            "r.kundval rad 11: anordnare.n = 5",
            "k.kundval rad 5: gräns = 5",
            "k.kundval rad 5: `gräns(anordnare.m) > 9` är falskt",
        ])
    }

    /// Whichever file calls first, the body is compiled once, with its own file's points.
    @Test func theCallersOrderDoesNotMatter() throws {
        let lines = try Self.conditionLines(reglemente: Self.reglemente.replacingOccurrences(of: "kräver anordnare.a",
                                                                                            with: "kräver stor(anordnare.n)"))
        #expect(lines.filter { $0.contains("`x > 3`") } == ["r.kundval rad 8: `x > 3` är sant", "r.kundval rad 8: `x > 3` är falskt"])
    }
}
