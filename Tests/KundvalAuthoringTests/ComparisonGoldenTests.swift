import Foundation
import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// Golden tests of `kundval diff`'s comparison: hand-made version pairs in
/// `Golden/Comparison/NAME/gammal` and `…/ny` (a change of each kind), and the two real versions
/// of the öppenvård conditions (001 on the 27-condition reglemente → 000 on the 31-condition
/// one). The Swedish text must equal `NAME.txt` and the JSON `NAME.json`; `UPDATE_GOLDEN=1`
/// rewrites them.
@Suite struct ComparisonGoldenTests {
    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/KundvalAuthoringTests/Golden/Comparison")

    /// The `.kundval` files of a folder, named by their path relative to `base` (so the
    /// comparison shows no machine's paths).
    static func sources(_ folder: URL, base: URL) throws -> [SourceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".kundval") }.sorted()
        let prefix = String(folder.path.dropFirst(base.path.count + 1))
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return SourceFile(path: prefix + "/" + name, bytes: [UInt8](data))
        }
    }

    /// The version of the document at `path` among `sources`, checked and linked.
    static func version(_ path: String, in sources: [SourceFile]) throws -> DocumentVersion {
        let rules = try RuleSet.compile(sources).get()
        return try #require(DocumentVersion.of(path: path, in: rules.program, sources: sources))
    }

    /// A hand-made pair: the kundval when the folder has one, else the reglemente.
    static func handMade(_ name: String) throws -> VersionComparison {
        let base = golden.appendingPathComponent(name)
        let old = try sources(base.appendingPathComponent("gammal"), base: base)
        let new = try sources(base.appendingPathComponent("ny"), base: base)
        let file = old.contains { $0.path.hasSuffix("/kundval.kundval") } ? "kundval.kundval" : "reglemente.kundval"
        return VersionComparison.compare(try version("gammal/" + file, in: old), try version("ny/" + file, in: new))
    }

    /// 001 → 000, read from `conditions/` as `kundval diff` reads it.
    static func oppenvard() throws -> VersionComparison {
        let files = try sources(root.appendingPathComponent("conditions"), base: root)
        return VersionComparison.compare(try version("conditions/oppenvard-001.kundval", in: files),
                                         try version("conditions/oppenvard-000.kundval", in: files))
    }

    static func json(_ comparison: VersionComparison) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(comparison), as: UTF8.self) + "\n"
    }

    static func expect(_ actual: String, matches file: String) throws {
        let url = golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(actual == (try String(contentsOf: url, encoding: .utf8)), "\(file) differs; UPDATE_GOLDEN=1 rewrites it")
    }

    @Test(arguments: ["reglemente", "kundval"])
    func handMadePairMatchesGolden(_ name: String) throws {
        let comparison = try Self.handMade(name)
        try Self.expect(comparison.text(), matches: name + ".txt")
        try Self.expect(try Self.json(comparison), matches: name + ".json")
    }

    /// The text of 001 → 000 (its JSON, a quarter of a megabyte, is checked by the round trip
    /// and ``oppenvardJSONHasTheComparisonsFields()`` instead of a golden file).
    @Test func oppenvardVersionsMatchGolden() throws {
        try Self.expect(try Self.oppenvard().text(), matches: "oppenvard-001-000.txt")
    }

    /// The JSON of 001 → 000 read as plain JSON: the Swedish keys and a changed predicate.
    @Test func oppenvardJSONHasTheComparisonsFields() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.json(try Self.oppenvard()).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["gammal", "ny", "huvud", "villkor", "oförändrade_villkor", "övrigt"])
        #expect((object["gammal"] as? [String: Any])?["reglementets_fil"] as? String == "conditions/reglemente-27.kundval")
        let conditions = try #require(object["villkor"] as? [[String: Any]])
        #expect(conditions.count == 32)
        // Paired by heading: 000's 16 is 001's 14, and its predicate is compared with 14's.
        let law = try #require(conditions.first { $0["nummer"] as? String == "16" && $0["tidigare_nummer"] != nil })
        #expect(law["tidigare_nummer"] as? String == "14")
        #expect(law["ändring"] as? String == "ändrat")
        let changes = try #require(law["ändringar"] as? [[String: Any]])
        let predicate = try #require(changes.first { $0["del"] as? String == "generellt villkor: kräver" })
        let expressions = try #require(predicate["uttryck"] as? [[String: Any]])
        #expect(expressions.first?["gammal"] as? String == "anordnare.förtrogen_med_och_följer_lagar_förordningar_och_föreskrifter")
        #expect(expressions.first?["ny"] as? String == "anordnare.följer_lagar_förordningar_och_föreskrifter")
        let insurance = try #require(conditions.first { $0["nummer"] as? String == "9" })
        #expect(insurance["ändring"] as? String == "omnumrerat" && insurance["tidigare_nummer"] as? String == "20")
    }

    /// The JSON decodes to the same comparison.
    @Test func jsonRoundTrips() throws {
        for comparison in [try Self.handMade("reglemente"), try Self.handMade("kundval"), try Self.oppenvard()] {
            let decoded = try JSONDecoder().decode(VersionComparison.self, from: Data(try Self.json(comparison).utf8))
            #expect(decoded == comparison)
        }
    }

    /// Each kind of change in the hand-made reglemente, independently of the golden's layout.
    @Test func reglementePairShowsEveryKindOfChange() throws {
        let comparison = try Self.handMade("reglemente")
        let kinds = Dictionary(uniqueKeysWithValues: comparison.conditions.map { ($0.number, $0.kind) })
        #expect(kinds == ["1": .changed, "2": .changed, "3": .removed, "5": .changed, "6": .added])
        #expect(comparison.unchangedConditions == 1)
        let one = try #require(comparison.conditions.first { $0.number == "1" })
        let predicate = try #require(one.changes.first { $0.part == "kräver" })
        #expect(predicate.expressions == [ExpressionChange(old: "anordnare.kreditvärdighet >= 3", new: "anordnare.kreditvärdighet >= 4", oldLine: 43, newLine: 46)])
        #expect(one.changes.map(\.part) == ["lydelse", "förtydligande", "kräver", "underlag", "vid brist"])
        let five = try #require(comparison.conditions.first { $0.number == "5" }?.changes.first)
        #expect(five.expressions?.map(\.new) == ["anordnare.kreditvärdighet >= 1"])
        #expect(five.expressions?.first?.old == nil)
        #expect(comparison.header.map(\.part) == ["version", "fastställd", "gäller från"])
        #expect(comparison.items.map { "\($0.category) \($0.name)" }
                == ["typ Anordnare", "tabell val_av_sanktion", "definition tillräckligt_många_anställda", "sanktioner sanktionspolicy",
                    "avauktorisation På egen begäran"])
    }

    /// Switched off and on, specific text, services and the header of the hand-made kundval.
    @Test func kundvalPairShowsSwitchesServicesAndHeader() throws {
        let comparison = try Self.handMade("kundval")
        let kinds = Dictionary(uniqueKeysWithValues: comparison.conditions.map { ($0.number, $0.kind) })
        #expect(kinds == ["2": .changed, "3": .switchedOn, "4": .switchedOff])
        #expect(comparison.header.map(\.part) == ["nämnd", "diarienummer"])
        let services = comparison.items.filter { $0.category == "insats" }
        #expect(services.map { "\($0.name) \($0.kind.rawValue)" } == ["rådgivning ändrat", "samtal tillagt", "eftervård borttaget"])
        #expect(services[0].changes.map(\.part) == ["rubrik", "egenskap samtal", "kräver \"Handledning\""])
    }

    /// The real versions: 27 → 31 general conditions, paired by heading. 001's 14 "Lagar,
    /// förordningar och föreskrifter" is 000's 16 (changed, never switched off); 001's 16
    /// "Belastningsregister" is 000's 19 "Belastningsregister och misstankeregister" (a heading
    /// with words added), and 001's 3 "Allvarligt fel i yrkesutövningen" is 000's 18 "Allvarliga
    /// fel …" (a letter changed): renumbered and changed, not removed and added, as a case
    /// officer's walk expected; 000's 9 "Ansvarsförsäkring" was 001's 20, unchanged.
    @Test func oppenvardVersionsSummary() throws {
        let comparison = try Self.oppenvard()
        let added = comparison.conditions.filter { $0.kind == .added }
        let removed = comparison.conditions.filter { $0.kind == .removed }
        #expect(added.map(\.number) == ["7", "8", "24", "29", "30"])
        #expect(removed.map(\.number) == ["26"])
        let law = try #require(comparison.conditions.first { $0.title == "Lagar, förordningar och föreskrifter" })
        #expect(law.number == "16" && law.formerNumber == "14" && law.kind == .changed)
        let register = try #require(comparison.conditions.first { $0.number == "19" })
        #expect(register.formerNumber == "16" && register.kind == .changed)
        let serious = try #require(comparison.conditions.first { $0.number == "18" })
        #expect(serious.formerNumber == "3" && serious.kind == .changed)
        let insurance = try #require(comparison.conditions.first { $0.number == "9" })
        #expect(insurance.kind == .renumbered && insurance.formerNumber == "20" && insurance.title == "Ansvarsförsäkring")
        #expect(!comparison.conditions.contains { $0.kind == .switchedOn || $0.kind == .switchedOff })
        #expect(comparison.text().contains("villkor 16 \"Lagar, förordningar och föreskrifter\": ändrat, omnumrerat 14 → 16"))
        #expect(comparison.text().contains("villkor 9 \"Ansvarsförsäkring\": omnumrerat 20 → 9"))
        #expect(try Self.json(comparison).contains("\"ändring\" : \"omnumrerat\""))
        #expect(comparison.header.filter { $0.kind == .removed }.map(\.part) == ["diarienummer", "fastställd"])
        #expect(comparison.old.reglementePath == "conditions/reglemente-27.kundval")
        #expect(comparison.new.reglementePath == "conditions/reglemente-31.kundval")
    }

    /// Two reglemente versions in one folder, chosen as `--versioner "27 villkor" "31 villkor"`
    /// chooses them: conditions paired by heading, the renumbered ones say where they stood.
    @Test func reglementeVersionsChosenInOneFolder() throws {
        let files = try Self.sources(Self.root.appendingPathComponent("conditions"), base: Self.root)
        let rules = try RuleSet.compile(files).get()
        let old = try rules.version(named: "Reglemente för kundval", selector: "27 villkor").get()
        let new = try rules.version(named: nil, selector: "reglemente-31").get()
        let a = try #require(rules.comparisonVersion(of: old, sources: files))
        let b = try #require(rules.comparisonVersion(of: new, sources: files))
        let comparison = VersionComparison.compare(a, b)
        #expect(comparison.conditions.filter { $0.kind == .added }.map(\.number) == ["7", "8", "24", "29", "30"])
        #expect(comparison.conditions.filter { $0.kind == .removed }.map(\.number) == ["26"])
        #expect(comparison.conditions.first { $0.number == "3" }?.formerNumber == "4")
        #expect(comparison.header.first?.part == "version")
        // A selector that picks nothing names what would pick each version.
        guard case .failure(let problem) = rules.version(named: "Reglemente för kundval", selector: "32 villkor") else {
            Issue.record("`32 villkor` selected a version")
            return
        }
        #expect(problem.message.contains("`27 villkor`") && problem.message.contains("`31 villkor`"))
    }

    /// A version compared with itself has no differences.
    @Test func aVersionEqualsItself() throws {
        let files = try Self.sources(Self.root.appendingPathComponent("conditions"), base: Self.root)
        for path in files.map(\.path) {
            let version = try Self.version(path, in: files)
            let comparison = VersionComparison.compare(version, version)
            #expect(comparison.isEmpty, "\(path)")
            #expect(comparison.text().contains("inga skillnader"))
        }
    }
}
