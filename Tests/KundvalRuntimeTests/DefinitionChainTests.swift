import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
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
        // Compiled on a main thread's stack (see ``onThread(stack:_:)``).
        nonisolated(unsafe) var results: [Result<RuleSet, LoadFailure>] = []
        Self.onThread(stack: 8 << 20) {
            results = [999, 1_000, 20_000].map { RuleSet.compile([SourceFile(path: "r.kundval", text: Self.chain($0))]) }
        }
        #expect(throws: Never.self) { try results[0].get() }
        for (count, result) in zip([1_000, 20_000], results.dropFirst()) {
            guard case .failure(let failure) = result else {
                Issue.record("a chain of \(count) definitions should be refused")
                continue
            }
            let codes = failure.files.flatMap { $0.diagnostics.map(\.code) }
            #expect(codes == [DiagnosticCode("K0507")], "\(count)")
        }
    }

    /// Runs `body` on a thread of its own with a stack of `size` bytes, eight times that under the
    /// address sanitizer (.ci/run sets KUNDVAL_SANITIZER), whose frames are larger.
    static func onThread(stack size: Int, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = (ProcessInfo.processInfo.environment["KUNDVAL_SANITIZER"] == nil ? 1 : 8) * size
        thread.start()
        done.wait()
    }

    /// A chain nested almost as deep as allowed (992 levels: ten definitions, each some 110 levels of
    /// arithmetic) evaluates, and is explained, on a thread with a stack of 512 KB (Dispatch's
    /// worker threads on Apple platforms). It is checked and compiled, once, on a stack of 8 MB
    /// (a main thread's): a debug build's frames are larger than a release build's.
    @Test func theLongestChainEvaluatesOnASmallStack() throws {
        let source = SourceFile(path: "r.kundval", text: Self.chain(10, nesting: 108))
        nonisolated(unsafe) var compiled: RuleSet?
        Self.onThread(stack: 8 << 20) { compiled = try? RuleSet.compile([source]).get() }
        let document = try #require(compiled?.document(named: "R"))
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"x": 1}}"#.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        nonisolated(unsafe) var statuses: [ConditionStatus] = []
        nonisolated(unsafe) var explained: [ConditionStatus] = []
        Self.onThread(stack: 512 << 10) {
            statuses = (try? document.evaluate(facts, assessment: "ansökan", date: date).statuses) ?? []
            explained = (try? document.evaluate(facts, assessment: "ansökan", date: date, explain: true).conditions.map(\.status)) ?? []
        }
        #expect(statuses == [.met])
        #expect(explained == [.met])
    }

    /// The longest chain (of definitions each 100 levels of arithmetic) whose check is within
    /// ``TruthProgramBuilder/maximumTraceDepth`` is explained by walking its trace, on a stack of
    /// 512 KB in a release build (eight times that in a debug build, whose frames are twenty
    /// times larger); one definition more and it has no trace, and the value code explains it.
    /// The chain is the program's either way. When a chain of definitions without parameters
    /// deeper than four became the program's, its traces went as deep as the checker allows
    /// (K0507), and overflowed the stack while they were made.
    @Test func aTraceAsDeepAsAllowedIsWalkedOnASmallStack() throws {
        #if DEBUG
        let stack = 8 * 512 << 10
        #else
        let stack = 512 << 10
        #endif
        var traced: [Bool] = []
        for count in 1...7 {
            let source = SourceFile(path: "r.kundval", text: Self.chain(count, nesting: 100))
            nonisolated(unsafe) var compiled: RuleSet?
            Self.onThread(stack: 8 << 20) { compiled = try? RuleSet.compile([source]).get() }
            let document = try #require(compiled?.document(named: "R"))
            let plan = try #require(document.assessmentKind(named: "ansökan"))
            #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
            #expect((plan.programTraces[0] != nil) == (plan.checkPrograms[0]?.traces != nil), "\(count) definitions")
            traced.append(plan.programTraces[0] != nil)
            let date = try Day(year: 2025, month: 3, day: 1)
            for x in [1, -1] {
                let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"x": \#(x)}}"#.utf8)).get()
                nonisolated(unsafe) var explained: [ConditionStatus] = []
                nonisolated(unsafe) var lines = 0
                Self.onThread(stack: stack) {
                    let decision = try? document.evaluate(facts, assessment: "ansökan", date: date, explain: true)
                    explained = decision?.conditions.map(\.status) ?? []
                    lines = decision?.conditions.first?.explanation?.lines.count ?? 0
                }
                #expect(explained == [x > 0 ? .met : .notMet], "\(count) definitions, x = \(x)")
                #expect(lines > 0)
            }
        }
        // Traced up to some length (five definitions: about 500 levels), and not past it.
        let first = try #require(traced.firstIndex(of: false), "\(traced)")
        #expect(first >= 4 && traced[..<first].allSatisfy { $0 } && traced[first...].allSatisfy { !$0 }, "\(traced)")
    }
}
