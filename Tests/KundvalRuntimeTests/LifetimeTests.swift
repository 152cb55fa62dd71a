import Foundation
import Testing
@testable import KundvalRuntime

/// A compiled document, its plans and programs are freed with the rule set, and an explained
/// decision's log with its explanations: no closure of the value code, no trace point and no
/// explanation holds what holds it (a service that reloads its rules must not keep every
/// version it ever compiled).
struct LifetimeTests {
    @Test func compiledDocumentIsFreed() throws {
        weak var condition: CompiledCondition?
        weak var plan: AssessmentPlan?
        weak var program: TruthProgram?
        weak var log: ExplanationLog?
        do {
            let document = try CodePathAgreementTests.document(ExplanationObserverTests.text)
            condition = document.conditions[0]
            plan = document.assessmentKind(named: "ansökan")
            program = plan?.program
            let facts = try document.decoder.decode(json: Array(ExplanationObserverTests.provider.utf8)).get()
            let decision = try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1),
                                                 explain: true)
            _ = decision.conditions.map { $0.explanation?.lines }
            log = decision.conditions.first?.explanation?.log
        }
        #expect(condition == nil)
        #expect(plan == nil)
        #expect(program == nil)
        #expect(log == nil)
    }
}
