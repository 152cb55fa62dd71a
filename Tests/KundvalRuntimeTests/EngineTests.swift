import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
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
        #expect(decision.sanction?.sanction == SanctionStep(name: "varning", rank: 1))
        // Storing decisions: read back, a decision equals the one written.
        let read = try JSONDecoder().decode(Decision.self, from: JSONEncoder().encode(decision))
        #expect(read == decision && read.json() == decision.json())
        #expect(try kundval.value(of: "vitesbelopp", facts: facts, date: date)?.text == "16500 kr")
        #expect(decision.json().contains("\"utfall\": \"brister\""))
        if case .failure = engine.reload(folder: folder) { Issue.record("reloading the shipped rules should work") }
        let loaded = engine.rules.documents.map(\.path)
        #expect(loaded.count == (try FileManager.default.contentsOfDirectory(atPath: folder)).count { $0.hasSuffix(".kundval") })
        if case .success = engine.reload(folder: "/finns/inte") { Issue.record("a missing folder must not replace the rules") }
        #expect(engine.rules.documents.map(\.path) == loaded)
    }

    /// An editor's lock file beside an open rule file (`.#regler.kundval`, a link to nothing)
    /// and a draft in a hidden folder are not rule files: the engine loads and reloads the
    /// folder as if they were not there.
    @Test func hiddenFilesAndFoldersAreNotRead() throws {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("dolda-\(UUID().uuidString)")
        try manager.createDirectory(at: folder.appendingPathComponent(".utkast"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: folder) }
        try """
            reglemente "R" version "1"
            typ Anordnare
              a: ja/nej
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "A"
              kräver anordnare.a
            """.write(to: folder.appendingPathComponent("regler.kundval"), atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent(".#regler.kundval").path,
                                       withDestinationPath: "root@host.1234:1700000000")
        try "inte en regelfil".write(to: folder.appendingPathComponent(".utkast/utkast.kundval"), atomically: true, encoding: .utf8)
        let files = try Engine.readFolder(folder.path)
        #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["regler.kundval"])
        let engine = try Engine(folder: folder.path)
        #expect(engine.rules.documents.map(\.name) == ["R"])
        if case .failure(let failure) = engine.reload(folder: folder.path) { Issue.record("\(failure.message)") }
        // A rules folder that is a symbolic link is read where it points, under the name given
        // (it was read as a folder without rule files).
        let link = manager.temporaryDirectory.appendingPathComponent("länk-\(UUID().uuidString)")
        try manager.createSymbolicLink(atPath: link.path, withDestinationPath: folder.path)
        defer { try? manager.removeItem(at: link) }
        #expect(try Engine.readFolder(link.path).map(\.path) == [link.path + "/regler.kundval"])
    }

    /// Overlapping reloads: the rules of the one that began last serve, whichever finishes
    /// first (the last to finish won, so a slow reload of older files undid a newer one).
    @Test func theReloadThatBeganLastServes() throws {
        func rules(_ version: String) throws -> RuleSet {
            try RuleSet.compile([SourceFile(path: "r.kundval", text: "reglemente \"R\" version \"\(version)\"\n")]).get()
        }
        let engine = try Engine(sources: [SourceFile(path: "r.kundval", text: "reglemente \"R\" version \"0\"\n")])
        let (older, newer) = (engine.beginReload(), engine.beginReload())
        #expect(engine.install(try rules("2"), ticket: newer))
        #expect(!engine.install(try rules("1"), ticket: older), "an older reload finishing last must not replace newer rules")
        #expect(engine.rules.documents.map(\.version) == ["2"])
        // A reload begun after both serves again.
        if case .failure(let failure) = engine.reload(sources: [SourceFile(path: "r.kundval", text: "reglemente \"R\" version \"3\"\n")]) {
            Issue.record("\(failure.message)")
        }
        #expect(engine.rules.documents.map(\.version) == ["3"])
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

    // Issue 14: the lookup says why it found no document, and never picks one of two versions
    // equally in force.
    @Test func lookingUpADocumentSaysWhyItFoundNone() throws {
        let rules = try RuleSet.compile([
            SourceFile(path: "a.kundval", text: "reglemente \"R\" version \"1\"\n"),
            SourceFile(path: "b.kundval", text: "reglemente \"R\" version \"2\"\n"),
            SourceFile(path: "c.kundval", text: "kundval \"K\"\n  enligt reglemente \"R\" version \"2\"\n  gäller från 2025-01-01\n"),
        ]).get()
        func problem(_ name: String, on date: Day? = nil) -> DocumentLookupProblem? {
            if case .failure(let problem) = rules.lookup(name, on: date) { return problem }
            return nil
        }
        #expect(problem("R") == .ambiguous("R", versions: ["1", "2"], paths: ["a.kundval", "b.kundval"]))
        #expect(rules.document(named: "R") == nil)
        #expect(try rules.lookup("2").get().version == "2")
        #expect(problem("K", on: try Day(year: 2024, month: 12, day: 31)) == .notInForce("K", from: try Day(year: 2025, month: 1, day: 1)))
        #expect(problem("K", on: try Day(year: 2024, month: 12, day: 31))?.description
                == "inget dokument `K` gäller det datumet; det första gäller från 2025-01-01")
        #expect(try rules.lookup("K", on: try Day(year: 2025, month: 1, day: 1)).get().name == "K")
        #expect(problem("Q") == .unknown("Q", suggestion: "R"))
        #expect(problem("Öppenvård") == .unknown("Öppenvård", suggestion: nil))
        // The ambiguity says to name the file: its path, its name, or its name without `.kundval`.
        for file in ["b.kundval", "b"] {
            #expect(try rules.lookup(file).get().version == "2", "\(file)")
        }
        #expect(problem("c", on: try Day(year: 2024, month: 12, day: 31)) == .notInForce("c", from: try Day(year: 2025, month: 1, day: 1)))
        // A file's name misspelled is suggested as a name is (an embedder's walk).
        #expect(problem("cc") == .unknown("cc", suggestion: "c"))
    }
}
