import Testing
@testable import KundvalRuntime

/// `om … så … annars …` evaluates only the branch its condition picks (GUIDE §6): a division
/// guarded by its condition (`om b > 0 så a / b annars 0`) never divides by zero. The truth
/// program must not fail where the language does not, or every provider with `b = 0` is decided
/// on the slow path alone (and ``CodePathAgreementTests/compareProgram(_:_:date:label:)``
/// compares nothing for it).
struct UntakenBranchTests {
    static let text = """
        reglemente "R" version "1"
        typ Anordnare
          a: heltal
          b: heltal
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Kvot som värde"
          kräver (om anordnare.b > 0 så anordnare.a / anordnare.b annars 0) < 2
        villkor 2 "Kvot i ja/nej"
          kräver om anordnare.b > 0 så anordnare.a / anordnare.b < 2 annars ja
        """

    @Test func theProgramDoesNotFailOnTheBranchNotTaken() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 1, "b": 0}}"#.utf8)).get()
        // The slow path decides both: the division is never made.
        #expect(try document.evaluate(facts, assessment: "ansökan", date: date).conditions.map(\.status)
                == [.met, .met])
        var results = plan.template.map(\.rawValue)
        var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        plan.program.run(&lazy, results: &results)
        // Neither condition is an error: the branch that divides by zero does not run.
        #expect(Array(results.prefix(2)) == [Status.met.rawValue, Status.met.rawValue])
    }
}
