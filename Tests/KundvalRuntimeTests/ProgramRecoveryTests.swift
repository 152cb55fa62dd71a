import Foundation
import Testing
@testable import KundvalRuntime

/// What the program cannot compute (a division by zero it meets because it computes both sides
/// of `och` and `eller`) is an error in its register, a value like the others (see
/// ``Truth/error``): a side that decides, `nej` in `och` and `ja` in `eller`, decides in spite of
/// it, as in the value code, so the program decides that condition itself; where nothing decides,
/// the condition's result is ``Status/failed`` and the value code decides or reports it. The other
/// conditions are decided by the program either way, also where the failing code is shared by
/// several conditions.
@Suite struct ProgramRecoveryTests {
    static let text = """
        reglemente "R" version "1"
        typ Anordnare
          a: heltal kan saknas
          b: heltal kan saknas
          c: ja/nej kan saknas
          x: ja/nej kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Eller med en kvot"
          kräver anordnare.x eller anordnare.a / anordnare.b > 1
        villkor 2 "Utan kvot"
          kräver anordnare.c
        villkor 3 "Och med en kvot"
          kräver inte anordnare.x och anordnare.a / anordnare.b > 1
        villkor 4 "Utan kvot igen"
          kräver anordnare.c eller anordnare.x
        """

    static func results(_ document: CompiledDocument, _ facts: Facts) throws -> [UInt8] {
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        var results = plan.template.map(\.rawValue)
        var lazy = LazyContext(storage: facts.storage, date: try Day(year: 2025, month: 3, day: 1),
                               definitionCount: document.definitionCount)
        plan.program.run(&lazy, results: &results)
        return results
    }

    static func run(_ document: CompiledDocument, _ json: String) throws -> (results: [UInt8], statuses: [ConditionStatus]) {
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1))
        return (try results(document, facts), decision.conditions.map(\.status))
    }

    @Test func aDecisiveSideDecidesInSpiteOfAnError() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let (met, notMet) = (Status.met.rawValue, Status.notMet.rawValue)
        // Division by zero: `ja eller fel` is `ja`, `nej och fel` is `nej`, in the program as in
        // the value code.
        let (results, statuses) = try Self.run(document, #"{"anordnare": {"a": 1, "b": 0, "c": true, "x": true}}"#)
        #expect(results == [met, met, notMet, met])
        #expect(statuses == [.met, .met, .notMet, .met])
        // Without the error the program decides every condition.
        let fine = try Self.run(document, #"{"anordnare": {"a": 1, "b": 2, "c": false, "x": false}}"#)
        #expect(fine.results == [notMet, notMet, notMet, notMet])
        #expect(fine.statuses == [.notMet, .notMet, .notMet, .notMet])
    }

    /// Where no side decides, `nej eller fel`, `ja och fel` and with a side not known, the
    /// condition fails and the others stay decided.
    @Test func anErrorNothingDecidesFailsItsConditionOnly() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let (failed, met) = (Status.failed.rawValue, Status.met.rawValue)
        for json in [#"{"anordnare": {"a": 1, "b": 0, "c": true, "x": false}}"#, #"{"anordnare": {"a": 1, "b": 0, "c": true}}"#] {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            #expect(try Self.results(document, facts) == [failed, met, failed, met], "\(json)")
        }
    }

    /// Where the value code meets the error too, the evaluation fails with the condition named.
    @Test func anErrorTheValueCodeMeetsFailsTheEvaluation() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 1, "b": 0, "x": false}}"#.utf8)).get()
        #expect {
            try document.evaluate(facts, assessment: "ansökan", date: date)
        } throws: { error in
            guard case EvaluationFailure.computation(.divisionByZero, let condition)? = (error as? EvaluationFailure)?.unlocated else { return false }
            return condition == "1"
        }
    }

    /// A definition too large to inline, lowered once in condition 1's code and read by
    /// condition 2's: its error reaches both as a value, and each is decided as its own sides
    /// allow (the whole run failed before errors were values).
    @Test func anErrorInSharedCodeReachesEveryReader() throws {
        let large = (0..<80).map { "(om anordnare.c så \($0 % 3) annars 0)" }.joined(separator: " + ")
        let text = Self.text.components(separatedBy: "villkor 1 ")[0] + """
            definition stort: decimaltal kan saknas = anordnare.a / anordnare.b + \(large)
            villkor 1 "Först"
              kräver anordnare.x eller stort > 1
            villkor 2 "Sedan"
              kräver anordnare.x eller stort < 1000

            """
        let document = try CodePathAgreementTests.document(text)
        let date = try Day(year: 2025, month: 3, day: 1)
        let decided = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 1, "b": 0, "c": true, "x": true}}"#.utf8)).get()
        #expect(try Self.results(document, decided) == [Status.met, .met].map(\.rawValue))
        #expect(try document.evaluate(decided, assessment: "ansökan", date: date).conditions.map(\.status) == [.met, .met])
        let failing = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 1, "b": 0, "c": true, "x": false}}"#.utf8)).get()
        #expect(try Self.results(document, failing) == [Status.failed, .failed].map(\.rawValue))
        #expect(throws: EvaluationFailure.self) { try document.evaluate(failing, assessment: "ansökan", date: date) }
    }

    /// What the value code computes before it decides is an error even where the decision does
    /// not read it: an argument the body of a definition never reads, an element of a list
    /// written out that a `nej` of another element would decide. Before errors were values the
    /// run threw there; as values they must not be lost where nothing reads them.
    @Test func anErrorComputedAndNotReadStillFails() throws {
        let text = Self.text.components(separatedBy: "villkor 1 ")[0] + """
            definition ignorera(d: datum kan saknas): ja/nej = ja
            villkor 1 "Argument som inte läses"
              kräver ignorera(2025-01-01 + anordnare.a * 1 dagar) eller anordnare.x
            villkor 2 "Uppräknad lista"
              kräver alla t i [anordnare.a / anordnare.b, 5]: t > 10

            """
        let document = try CodePathAgreementTests.document(text)
        let date = try Day(year: 2025, month: 3, day: 1)
        let failed = Status.failed.rawValue
        // 2025-01-01 + 9999999 days is past the calendar; 1 / 0 is no number.
        let failing = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 9999999, "b": 0, "x": false}}"#.utf8)).get()
        #expect(try Self.results(document, failing) == [failed, failed])
        #expect(throws: EvaluationFailure.self) { try document.evaluate(failing, assessment: "ansökan", date: date) }
        // `ja` in `eller` still decides the call's condition.
        let decided = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 9999999, "b": 1, "x": true}}"#.utf8)).get()
        #expect(try Self.results(document, decided) == [Status.met, .notMet].map(\.rawValue))
        #expect(try document.evaluate(decided, assessment: "ansökan", date: date).conditions.map(\.status) == [.met, .notMet])
    }
}
