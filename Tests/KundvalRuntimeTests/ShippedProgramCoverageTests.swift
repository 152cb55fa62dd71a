import Foundation
import Testing
@testable import KundvalRuntime

/// How much of the shipped rules the truth programs decide without calling value code: every
/// condition and service of every assessment kind, but for one condition of 001 whose loop holds
/// a loop over a list inside a list's element (`någon d i u.lägesrapporter`), which the facts'
/// layout has no table for. A change that sends more of the shipped rules to closures fails here.
@Suite struct ShippedProgramCoverageTests {
    @Test func shippedProgramsCallClosuresOnlyForNestedLists() throws {
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
        #expect(calls == ["Öppenvårdsinsatser för personer med missbruksproblematik ansökan": 1,
                          "Öppenvårdsinsatser för personer med missbruksproblematik uppföljning": 1], "\(calls)")
    }
}
