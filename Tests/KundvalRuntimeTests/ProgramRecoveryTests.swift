import Foundation
import Testing
@testable import KundvalRuntime

/// An error in one condition's code (a division by zero the program meets because it computes
/// both sides of `och` and `eller`) leaves that condition to the value code and the others
/// decided by the program, instead of sending every condition of the evaluation to the value
/// code. Where the failing code is shared (a large definition lowered once and read by several
/// conditions), the whole run fails, as before.
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

    static func run(_ document: CompiledDocument, _ json: String) throws -> (results: [UInt8], statuses: [ConditionStatus]) {
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        var results = plan.template.map(\.rawValue)
        var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        try plan.program.run(&lazy, results: &results)
        let decision = try document.evaluate(facts, assessment: "ansökan", date: date)
        return (results, decision.conditions.map(\.status))
    }

    @Test func oneConditionsErrorLeavesTheOthersDecided() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let (failed, met, notMet) = (AssessmentPlan.failed.rawValue, Status.met.rawValue, Status.notMet.rawValue)
        // Division by zero: conditions 1 and 3 go to the value code, whose decisive side decides.
        let (results, statuses) = try Self.run(document, #"{"anordnare": {"a": 1, "b": 0, "c": true, "x": true}}"#)
        #expect(results == [failed, met, failed, met])
        #expect(statuses == [.met, .met, .notMet, .met])
        // Without the error the program decides every condition.
        let fine = try Self.run(document, #"{"anordnare": {"a": 1, "b": 2, "c": false, "x": false}}"#)
        #expect(fine.results == [notMet, notMet, notMet, notMet])
        #expect(fine.statuses == [.notMet, .notMet, .notMet, .notMet])
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
    /// condition 2's: an error in it fails the run (condition 2 would read a register never
    /// written), and the value code decides every condition, as before.
    @Test func anErrorInSharedCodeFailsTheRun() throws {
        let large = (0..<80).map { "(om anordnare.c så \($0 % 3) annars 0)" }.joined(separator: " + ")
        let text = Self.text.components(separatedBy: "villkor 1 ")[0] + """
            definition stort: decimaltal kan saknas = anordnare.a / anordnare.b + \(large)
            villkor 1 "Först"
              kräver anordnare.x eller stort > 1
            villkor 2 "Sedan"
              kräver anordnare.x eller stort < 1000

            """
        let document = try CodePathAgreementTests.document(text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.blocks.count == 1, "only condition 2's block keeps to itself")
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 1, "b": 0, "c": true, "x": true}}"#.utf8)).get()
        var results = plan.template.map(\.rawValue)
        var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        #expect(throws: EvaluationError.divisionByZero) { try plan.program.run(&lazy, results: &results) }
        #expect(try document.evaluate(facts, assessment: "ansökan", date: date).conditions.map(\.status) == [.met, .met])
    }
}
