import Dispatch
import Foundation
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// Evaluating from 8 threads while the engine reloads gives the same decisions as sequential
/// evaluation, and a reload with errors keeps the previous rule set serving.
@Suite struct ConcurrencyTests {
    static let facts: [[String: String?]] = (0..<40).map { index in
        [
            "a": index % 3 == 0 ? "true" : (index % 3 == 1 ? "false" : nil),
            "b": index % 2 == 0 ? "true" : nil,
            "intyg": index % 5 == 0 ? nil : "{\"utfärdat\": \"2024-1\(index % 3)-15\"}",
            "personal": "[{\"svenska\": \(index % 4 == 0 ? "false" : "true")}]",
        ]
    }

    /// The outcome and every condition's status with its reasons and missing facts (made on
    /// access, from the facts the decision keeps: on whichever thread reads them).
    static func summary(_ decision: Decision) -> String {
        decision.outcome.rawValue + ":" + decision.conditions.map { condition in
            "\(condition.number)=\(condition.status.rawValue)[\(condition.reasons.joined(separator: ";"))]"
                + "[\(condition.missingFacts.joined(separator: ";"))]"
        }.joined(separator: ",")
    }

    @Test func eightThreadsWhileReloadingMatchSequentialEvaluation() throws {
        let source = SourceFile(path: "r.kundval", text: EvaluationTests.rules)
        let engine = try Engine(sources: [source])
        let document = try #require(engine.rules.document(named: "R"))
        let inputs = try Self.facts.map { try EvaluationTests.facts(document, $0) }
        let expected = try inputs.flatMap { facts in
            try ["ansökan", "uppföljning"].map { Self.summary(try document.evaluate(facts, assessment: $0, date: EvaluationTests.date)) }
        }

        let mismatches = Counter()
        let reloads = Counter()
        let group = DispatchGroup()
        for thread in 0..<8 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for round in 0..<50 {
                    let rules = engine.rules
                    guard let current = rules.document(named: "R") else { mismatches.increment(); continue }
                    for (index, facts) in inputs.enumerated() {
                        for (kind, assessment) in ["ansökan", "uppföljning"].enumerated() {
                            let decision = try? current.evaluate(facts, assessment: assessment, date: EvaluationTests.date)
                            if decision.map(Self.summary) != expected[index * 2 + kind] { mismatches.increment() }
                        }
                    }
                    if thread == 0 {
                        // A good reload and a broken one; the broken one must not replace the rules.
                        if case .success = engine.reload(sources: [source]) { reloads.increment() }
                        let broken = SourceFile(path: "r.kundval", text: EvaluationTests.rules + "\nvillkor 1\n")
                        if case .success = engine.reload(sources: [broken]) { mismatches.increment() }
                        _ = round
                    }
                }
            }
        }
        group.wait()
        #expect(mismatches.value == 0)
        #expect(reloads.value == 50)
    }

    @Test func aBrokenReloadKeepsThePreviousRulesAndReturnsTheDiagnostics() throws {
        let engine = try Engine(sources: [SourceFile(path: "r.kundval", text: EvaluationTests.rules)])
        let before = engine.rules.documents.count
        let result = engine.reload(sources: [SourceFile(path: "r.kundval", text: "reglemente \"R\"\nvillkor 1\nvillkor 1\n")])
        guard case .failure(let failure) = result else {
            Issue.record("the broken reload should fail")
            return
        }
        #expect(failure.rendered().contains("fel[K0405]"))
        #expect(engine.rules.documents.count == before)
        #expect(engine.rules.document(named: "R")?.assessmentNames == ["ansökan", "uppföljning"])
    }
}

/// A thread-safe counter for the test.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
