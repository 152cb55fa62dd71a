import KundvalDiagnostics
import Testing
@testable import KundvalRuntime

/// A definition without parameters too large to inline, lowered once outside every loop and
/// called inside loops (review 50): its loops are walked in the frames from the first on, and
/// the program's runs of their bodies set the frames of the loops inside them, so the walk of its
/// body gives every frame back to the loops around the call (see
/// ``TraceNode/Call/restoresFrames``). Before, only the walked loop's own frame was given back: a
/// walk read the definition's inner element for the outer loop's, told wrong steps (`q.n =
/// 2025-01-02`) and missing facts, and in a release build read past a frame's view.
@Suite struct PlanTraceOnceDefinitionTests {
    typealias Review = PlanTraceReviewTests

    /// `stor_d2`: two nested loops, then more than the inlining bound of fact literals.
    static let definitions: String = {
        let group = (0..<55).map { "anordnare.f\($0)" }.joined(separator: " eller ")
        let chain = (0..<5).map { _ in "(\(group))" }.joined(separator: " eller ")
        return "definition stor_d2: ja/nej kan saknas = (alla q i anordnare.rader: alla w i q.v: w > 2025-01-01 eller q.b) och (\(chain))\n"
            + "definition pf(p: Rad): ja/nej kan saknas = p.b och stor_d2\n"
    }()

    /// Called first outside every loop (so lowered once there), then inside one, two and three
    /// nested loops, with the elements of the loops around the call read after it.
    @Test(arguments: [
        "kräver anordnare.b0 eller stor_d2\n  kräver alla r i anordnare.rader: alla w i r.v: (w < 2025-01-02 och stor_d2) eller r.n > 2",
        "kräver anordnare.b0 eller stor_d2\n  kräver alla r i anordnare.rader: (någon w i r.v: stor_d2 eller w = r.d) och r.b",
        "kräver stor_d2 eller anordnare.b0\nvillkor 2 \"V2\"\n  kräver alla r i anordnare.rader: r.n > 1 eller (stor_d2 och r.b)\nvillkor 3 \"V3\"\n  kräver alla r i anordnare.rader: pf(r) eller r.d saknas",
        "kräver anordnare.b0 eller stor_d2\nvillkor 2 \"V2\"\n  kräver alla r i anordnare.rader: alla w i r.v: någon q i anordnare.rader: (stor_d2 och q.b) eller w > r.d",
        "kräver anordnare.b0 eller stor_d2\n  kräver alla r i anordnare.rader: någon q i anordnare.rader: stor_d2 eller q.n > r.n",
    ])
    func walkedInsideNestedLoops(_ checks: String) throws {
        let text = Review.head + Self.definitions + "villkor 1 \"V1\"\n  \(checks)\n"
        let document = try Review.document([("r.kundval", text)])
        #expect(!Review.traced(document).contains("untraced [\""))
        try Review.run(document, Review.randomFacts(300, seed: 5_300), label: "once, nested")
    }

    /// The reviewer's document: the missing facts of a plain evaluation (from a walk of the
    /// checks' program) are the value code's (`element(anordnare.rader, 1).n` among them), and
    /// a provider with two rows (which read past a frame's view before) is decided.
    @Test func missingFactsOfAPlainEvaluation() throws {
        let text = Review.head + Self.definitions + """
            villkor 1 "V1"
              kräver anordnare.b0 eller stor_d2
              kräver alla r i anordnare.rader: någon q i anordnare.rader: stor_d2 eller q.n > 0

            """
        let document = try Review.document([("r.kundval", text)])
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let json = #"{"anordnare": {"b0": true, "f0": false, "rader": [{"v": ["2025-01-02"]}]}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let condition = try document.evaluate(facts, kind: plan, date: Review.date).conditions[0]
        let valueCode = UnknownFactsObserver.watching(storage: facts.storage, date: Review.date,
                                                      definitionCount: plan.definitionCount) {
            CompiledDocument.observeParts(plan.entries[0], observed: $0)
        }
        #expect(condition.status == .missingEvidence)
        #expect(condition.missingFacts == valueCode.paths)
        #expect(condition.missingFacts.last == "element(anordnare.rader, 1).n")
        let two = #"{"anordnare": {"b0": true, "rader": [{"n": 1, "v": ["2025-01-02"]}, {"n": 2, "v": ["2025-01-02"]}]}}"#
        let decided = try document.evaluate(document.decoder.decode(json: Array(two.utf8)).get(), kind: plan, date: Review.date)
        #expect(decided.conditions[0].status == .met)
    }
}
