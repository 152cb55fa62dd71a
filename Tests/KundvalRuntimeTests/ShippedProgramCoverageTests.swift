import Foundation
import Testing
@testable import KundvalRuntime

/// How much of the shipped rules the truth programs decide without calling value code: every
/// condition and service of every assessment kind, including 001's loop over a list inside a
/// list's element (`någon d i u.lägesrapporter`, a nested table). A change that sends any of the
/// shipped rules to closures fails here.
@Suite struct ShippedProgramCoverageTests {
    @Test func shippedProgramsCallNoClosures() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        var calls: [String: Int] = [:]
        for document in rules.documents {
            for kind in document.assessmentNames {
                let program = try #require(document.assessmentKind(named: kind)).program
                let count = program.closures.count + program.valueClosures.count
                if count > 0 { calls["\(document.name) \(kind)"] = count }
            }
        }
        #expect(calls.isEmpty, "\(calls)")
    }
}
