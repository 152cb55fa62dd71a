import Foundation
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax
import Testing

/// Definitions that build on definitions: evaluation compiles and calls one nested step per
/// level of their expressions along the chain, so the checker refuses a definition nested more
/// than 1,000 levels deep through those it uses (K0507). A chain of 20,000 definitions crashed
/// `kundval eval` with a stack overflow; the checker's own search for cycles now keeps its own
/// stack too.
@Suite struct DefinitionChainTests {
    static func chain(_ count: Int, nesting: Int = 0) -> String {
        let steps = (1..<count).map { index in
            // `((d + x) + x) + …`: `nesting` levels of arithmetic in each definition.
            let body = (0..<nesting).reduce("d\(index - 1)") { expression, _ in "(\(expression) + anordnare.x)" }
            return "definition d\(index): heltal = \(body)"
        }
        return """
            reglemente "R" version "1"
            typ Anordnare
              x: heltal
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition d0: heltal = anordnare.x
            \(steps.joined(separator: "\n"))
            villkor 1 "Kedjan"
              kräver d\(count - 1) > 0
            """
    }

    @Test func aChainNestedDeeperThanAThousandLevelsIsAnError() throws {
        // `d0` is two levels (`anordnare.x`), each further step one more: 999 steps make 1,001.
        #expect(throws: Never.self) { try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.chain(999))]).get() }
        for count in [1_000, 20_000] {
            guard case .failure(let failure) = RuleSet.compile([SourceFile(path: "r.kundval", text: Self.chain(count))]) else {
                Issue.record("a chain of \(count) definitions should be refused")
                continue
            }
            let codes = failure.files.flatMap { $0.diagnostics.map(\.code) }
            #expect(codes == [DiagnosticCode("K0507")], "\(count)")
        }
    }

    /// A chain nested almost as deep as allowed (992 levels: ten definitions, each some 110 levels of
    /// arithmetic) evaluates, and is explained, on a thread with a stack of 512 KB (Dispatch's
    /// worker threads on Apple platforms).
    @Test func theLongestChainEvaluatesOnASmallStack() throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.chain(10, nesting: 108))]).get()
        let document = try #require(rules.document(named: "R"))
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"x": 1}}"#.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        nonisolated(unsafe) var statuses: [ConditionStatus] = []
        nonisolated(unsafe) var explained: [ConditionStatus] = []
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            statuses = (try? document.evaluate(facts, assessment: "ansökan", date: date).statuses) ?? []
            explained = (try? document.evaluate(facts, assessment: "ansökan", date: date, explain: true).conditions.map(\.status)) ?? []
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(statuses == [.met])
        #expect(explained == [.met])
    }
}
