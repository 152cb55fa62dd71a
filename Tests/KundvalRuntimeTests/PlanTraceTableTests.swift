import KundvalDiagnostics
import Testing
@testable import KundvalRuntime

/// Calls of decision tables have traces: the row chain the builder lowered, each row's tests
/// read without a step and the chosen row's result walked (see
/// ``TruthProgramBuilder/tableCall(_:_:_:_:)``). Every walk is compared step for step with the
/// value code by ``PlanTraceAgreementTests/compare(_:_:date:label:)``.
@Suite struct PlanTraceTableTests {
    typealias Review = PlanTraceReviewTests

    static let tables = """
        tabell nivåtal(e: Nivå kan saknas): heltal
          | låg | 1 |
          | mellan | 2 |
          | hög | 3 |
        tabell vikt(e: Nivå kan saknas, n: heltal kan saknas): heltal kan saknas i ordning
          | hög | > 3 | n + 1 |
          | - | <= 3 | anordnare.n1 |
          | låg | - | 2 |
          | - | - | 0 |
        tabell ok(b: ja/nej kan saknas, d: datum kan saknas): ja/nej kan saknas i ordning
          | ja | > 2025-01-01 | ja |
          | nej | - | anordnare.b1 |
          | - | - | nej |

        """

    /// Each shape in a document of its own, over random providers.
    @Test func tableCallsTellTheValueCodesSteps() throws {
        let shapes = [
            "kräver vikt(anordnare.e, anordnare.n0) > 2",
            "kräver alla r i anordnare.rader: vikt(r.e, r.n) > 1",
            "kräver ok(anordnare.b0, anordnare.d0) eller anordnare.b2",
            "kräver vikt(anordnare.e, anordnare.n0 + 1) > 2",
            "kräver nivåtal(anordnare.e) + nivåtal(hög) > 3",
            "kräver alla r i anordnare.rader: ok(r.b, r.d)",
            "kräver någon r i anordnare.rader: stor(vikt(r.e, r.n))",
            "kräver (summa r i anordnare.rader: vikt(r.e, r.n)) > 3",
            "kräver ok(anordnare.b0, anordnare.d0) och ok(anordnare.b1, anordnare.d1)",
        ]
        var traced = 0
        for (index, shape) in shapes.enumerated() {
            let text = Review.head + Self.tables + "villkor 1 \"V\"\n  \(shape)\n"
            guard case .success(let rules) = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]),
                  let document = rules.document(named: "R") else {
                Issue.record("shape \(index) does not compile: \(shape)")
                continue
            }
            if Review.traced(document).contains("traced [\"1\"]") { traced += 1 }
            try Review.run(document, Review.randomFacts(200, seed: 50 &+ UInt64(index)), label: "table shape \(index) [\(shape)]")
        }
        #expect(traced == shapes.count)
    }

    /// A reglemente's table whose rows read a fact, called from the kundval's file.
    @Test func inheritedTable() throws {
        let reglemente = InheritedBodyExplanationTests.reglemente
        let kundval = InheritedBodyExplanationTests.kundval
        let document = try Review.document([("r.kundval", reglemente), ("k.kundval", kundval)], name: "K")
        #expect(Review.traced(document) == #"ansökan: traced ["5"] untraced []"#)
        try Review.run(document, [#"{"anordnare": {"a": true, "n": 5, "m": 1}}"#, #"{"anordnare": {"a": true, "m": 4}}"#,
                                  #"{"anordnare": {"n": 5}}"#, #"{"anordnare": {"a": false, "n": 2, "m": 9}}"#],
                       label: "inherited table")
    }
}
