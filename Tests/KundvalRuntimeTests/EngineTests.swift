import Foundation
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The embedding example of the README, run against the shipped rules.
@Suite struct EngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeEmbeddingExampleWorks() throws {
        let folder = Self.root.appendingPathComponent("conditions").path
        let engine = try Engine(folder: folder)
        let date = try Day(year: 2025, month: 3, day: 1)
        let kundval = try #require(engine.rules.document(named: "Öppenvårdsinsatser för personer med skadligt bruk och beroende", on: date))
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("conditions/exempel/oppenvard-brister.json")))
        let facts = try kundval.decoder.decode(json: bytes).get()
        let decision = try kundval.evaluate(facts, assessment: "uppföljning", date: date)
        #expect(decision.outcome == .shortfalls)
        #expect(decision.failing.map(\.number) == ["17", "23"])
        #expect(decision.sanction?.sanction == "varning")
        #expect(try kundval.value(of: "vitesbelopp", facts: facts, date: date)?.text == "16500 kr")
        #expect(decision.json().contains("\"utfall\": \"brister\""))
        if case .failure = engine.reload(folder: folder) { Issue.record("reloading the shipped rules should work") }
        let loaded = engine.rules.documents.map(\.path)
        #expect(loaded.count == (try FileManager.default.contentsOfDirectory(atPath: folder)).count { $0.hasSuffix(".kundval") })
        if case .success = engine.reload(folder: "/finns/inte") { Issue.record("a missing folder must not replace the rules") }
        #expect(engine.rules.documents.map(\.path) == loaded)
    }

    @Test func theVersionInForceOnADateIsChosen() throws {
        func kundval(_ from: String) -> SourceFile {
            SourceFile(path: "k\(from).kundval", text: """
                kundval "K"
                  gäller från \(from)
                  enligt reglemente "R"
                """)
        }
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: "reglemente \"R\""),
                                         kundval("2024-01-01"), kundval("2025-01-01")]).get()
        #expect(rules.document(named: "K", on: try Day(year: 2024, month: 6, day: 1))?.validFrom?.description == "2024-01-01")
        #expect(rules.document(named: "K", on: try Day(year: 2025, month: 6, day: 1))?.validFrom?.description == "2025-01-01")
        #expect(rules.document(named: "K", on: try Day(year: 2023, month: 6, day: 1)) == nil)
    }
}
