import Foundation
import Testing

import KundvalTestSupport

/// The expression fuzz target's driver on random inputs of up to 400 bytes (an independent
/// review's check of the lowerings against the value code): no finding.
@Suite struct ReviewFuzzRandomTests {
    @Test func manyRandomExpressions() throws {
        var random = SeededRandom(state: 0x5eed_0042)
        var (findings, evaluated) = (0, 0)
        let rounds = Int(ProcessInfo.processInfo.environment["REVIEW_ROUNDS"] ?? "") ?? RandomRounds.of(1_500)
        for round in 0..<rounds {
            let bytes = (0..<random.next(400)).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
            do { try FuzzTarget.expression.run(bytes) } catch {
                findings += 1
                if findings <= 5 { Issue.record("omgång \(round): \(error) \(bytes)") }
            }
            evaluated += 1
        }
        #expect(findings == 0 && evaluated == rounds)
    }
}
