import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
import Testing

/// The work of the third column during operation: a sanction table's choice is made once per
/// evaluation and shared by every shortfall, and the failing conditions decided for the
/// recommendation are kept in the decision instead of being decided again when read.
@Suite struct SanctionChoiceTests {
    typealias Rules = ThirdColumnLanguageTests

    static func facts(_ document: CompiledDocument, _ json: String) throws -> Facts {
        try document.decoder.decode(json: Array(json.utf8)).get()
    }

    /// The choice kept in the context is the one every later shortfall of the evaluation gets
    /// (replaced, it decides); a new evaluation makes its own.
    @Test func thePolicysChoiceIsMadeOncePerEvaluation() throws {
        let document = try Rules.document("R", extra: "sanktioner enligt sträng\n")
        let plan = try #require(document.assessmentKind(named: "uppföljning"))
        let facts = try Self.facts(document, #"{"anordnare": {"a": true, "b": false, "personal_utbildad": true, "kvalitetsarbete": true, "n": 1}, "påverkan": "liten"}"#)
        let date = try Day(year: 2025, month: 9, day: 1)
        func context() -> EvaluationContext {
            EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        }
        let evaluation = context()
        #expect(plan.sanctions.consequence(of: plan.sanctions.policy, context: evaluation)?.recommended?.name == "vite")
        let index = try #require(plan.sanctions.tables["sträng"]).index
        #expect(evaluation.sanctionChoices.map(\.table) == [index])
        evaluation.sanctionChoices[0] = KeptSanctionChoice(
            table: index, choice: SanctionTableChoice(factors: [], missing: ["påverkan"], result: .unknown, failure: nil))
        let kept = plan.sanctions.consequence(of: plan.sanctions.policy, context: evaluation)
        #expect(kept?.recommended == nil && kept?.missingFactors == ["påverkan"])
        #expect(plan.sanctions.consequence(of: plan.sanctions.policy, context: context())?.recommended?.name == "vite")
    }

    /// Several shortfalls under one policy: each gets the policy's choice with its factors, as
    /// when each computed it. The sanction is weighed from the parts the program found not met:
    /// the failing conditions' reasons are made when the decision's conditions are read, and
    /// their consequences are those the sanction was weighed with.
    @Test func failingConditionsAreWeighedWithoutTheirReasons() throws {
        let document = try Rules.document("R", extra: "sanktioner enligt sträng\n")
        let decision = try Rules.decide(document, at: "uppföljning", ["a": "false", "b": "false", "personal_utbildad": "false"],
                                        påverkan: "stor")
        let failing = decision.statuses.indices.filter { decision.statuses[$0] == .notMet }
        #expect(failing.count == 3, "\(decision.statuses)")
        #expect(decision.decided.isEmpty, "decided when the sanction was recommended: \(decision.decided.map(\.index))")
        let explained = try document.evaluate(Self.facts(document, #"{"anordnare": {"a": false, "b": false, "personal_utbildad": false, "kvalitetsarbete": true, "n": 1}, "påverkan": "stor"}"#),
                                              assessment: "uppföljning", date: Day(year: 2025, month: 9, day: 1), explain: true)
        #expect(decision.conditions.map(\.consequence) == explained.conditions.map(\.consequence))
        #expect(decision.sanction == explained.sanction)
        let nine = try Rules.consequence("9", decision)
        #expect(nine.recommended?.name == "avauktorisation" && nine.table == "sträng")
        #expect(nine.factors.map(\.name) == ["påverkan"])
    }
}
