import Foundation
import Testing

/// `kundval diff` from the outside: pairing by heading, folders with several versions, the
/// impact options checked, different kinds refused, exit statuses and Swedish file errors.
@Suite struct DiffCommandTests {
    static let versions = ["diff", "conditions/oppenvard-001.kundval", "conditions/oppenvard-000.kundval"]

    /// A temporary copy of `conditions/`'s rule files, removed after `body`.
    static func withCopy(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.repositoryRoot.appendingPathComponent("conditions")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".kundval") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try body(folder)
    }

    /// 001's 14 is 000's 16 (never switched off); 000's 19 "Belastningsregister och
    /// misstankeregister" is 001's 16 "Belastningsregister" with words added to its heading
    /// (before, removed and added: a case officer read it as dropped), switched off in both.
    @Test func conditionsArePairedByHeading() throws {
        let result = try CLI.run(Self.versions)
        #expect(result.status == 0, "\(result.stderr)")
        let heads = result.stdout.split(separator: "\n").filter { $0.hasPrefix("villkor 16 ") || $0.hasPrefix("villkor 19 ") }
        #expect(heads == ["villkor 16 \"Lagar, förordningar och föreskrifter\": ändrat, omnumrerat 14 → 16",
                          "villkor 19 \"Belastningsregister och misstankeregister\": ändrat, omnumrerat 16 → 19"])
        #expect(!result.stdout.contains("påslaget") && !result.stdout.contains("avstängt"))
    }

    /// A folder with two versions of a document compares the one in force on --datum; when
    /// none or several are, it stops and names them; a path is never shown as a version.
    @Test func aFolderWithTwoVersionsComparesTheOneInForce() throws {
        try Self.withCopy { folder in
            let text = try String(contentsOf: folder.appendingPathComponent("oppenvard-000.kundval"), encoding: .utf8)
            let dated = text.replacingOccurrences(of: "\n  nämnd \"Socialnämnden\"\n", with: "\n  nämnd \"Socialnämnden\"\n  gäller från 2026-01-01\n")
            #expect(dated != text)
            try dated.write(to: folder.appendingPathComponent("oppenvard-ny.kundval"), atomically: true, encoding: .utf8)
            let later = try CLI.run(["diff", "conditions", folder.path, "--datum", "2026-03-01"])
            #expect(later.status == 0, "\(later.stderr)")
            #expect(later.stdout.contains("  gammal: conditions/oppenvard-000.kundval, reglemente conditions/reglemente-31.kundval\n"
                                          + "  ny:     \(folder.path)/oppenvard-ny.kundval, "), "\(later.stdout)")
            #expect(later.stdout.contains("inte jämförda: kundval \"Öppenvårdsinsatser för personer med skadligt bruk och beroende\" i `\(folder.path)/oppenvard-000.kundval`, som inte gäller 2026-03-01"))
            #expect(!later.stdout.contains("bara i den"))
            #expect(!later.stdout.contains("version \"\(folder.path)") && !later.stdout.contains("version \"conditions/"))
            let earlier = try CLI.run(["diff", "conditions", folder.path, "--datum", "2025-03-01"])
            #expect(earlier.stdout.contains("  ny:     \(folder.path)/oppenvard-000.kundval"), "\(earlier.stderr)")
            // Two versions in force on the same day: no guess.
            try text.write(to: folder.appendingPathComponent("oppenvard-kopia.kundval"), atomically: true, encoding: .utf8)
            let both = try CLI.run(["diff", "conditions", folder.path, "--datum", "2025-03-01"])
            #expect(both.status == 2)
            #expect(both.stderr.contains("har 2 versioner av kundval \"Öppenvårdsinsatser för personer med skadligt bruk och beroende\"")
                    || both.stderr.contains("har 3 versioner av kundval"), "\(both.stderr)")
            #expect(both.stderr.contains("--versioner"))
        }
    }

    /// A computation that cannot be made stops a version's decision in the impact as in `eval`
    /// (`diff --anordnare` showed `godkänd` where `eval` stopped; found by review).
    @Test func aComputationThatCannotBeMadeStopsTheImpactAsEval() throws {
        let old = """
            reglemente "R" version "1"
            typ Anordnare
              anställda: heltal
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Anställda"
              kräver anordnare.anställda >= 0

            """
        let folder = try CLI.temporaryFolder(["f.jsonl": #"{"anordnare": {"anställda": 0}}"# + "\n"])
        for (name, text) in [("a", old), ("b", old + "definition kvot: decimaltal = 10 / anordnare.anställda\n")] {
            let versionFolder = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: versionFolder, withIntermediateDirectories: true)
            try text.write(to: versionFolder.appendingPathComponent("r.kundval"), atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["diff", folder.appendingPathComponent("a").path, folder.appendingPathComponent("b").path,
                                  "--anordnare", folder.appendingPathComponent("f.jsonl").path, "--datum", "2025-03-01"])
        #expect(result.stdout.contains("ny: definitionen `kvot` kunde inte beräknas: division med noll"), "\(result.stdout)")
    }

    /// A kundval is not compared with a reglemente.
    @Test func differentKindsAreRefused() throws {
        let result = try CLI.run(["diff", "conditions/oppenvard-000.kundval", "conditions/reglemente-31.kundval"])
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.contains("är ett kundval och `conditions/reglemente-31.kundval` ett reglemente"), "\(result.stderr)")
    }

    /// An unknown condition number is an error; an --id path a line lacks is a warning on
    /// standard error (also with --json), once.
    @Test func impactOptionsThatMatchNothingAreReported() throws {
        let providers = ["--anordnare", "conditions/exempel/oppenvard-anordnare.jsonl", "--datum", "2025-03-01"]
        let unknown = try CLI.run(Self.versions + providers + ["--villkor", "99"])
        #expect(unknown.status == 2 && unknown.stderr.contains("det finns inget villkor `99`"), "\(unknown.stderr)")
        let known = try CLI.run(Self.versions + providers + ["--villkor", "24"])
        #expect(known.status == 0, "\(known.stderr)")
        let missing = try CLI.run(Self.versions + providers + ["--id", "anordnare.finnsej", "--json"])
        #expect(missing.status == 0)
        #expect(missing.stderr == "kundval diff: varning: rad 1 har inget värde vid `anordnare.finnsej` (--id); sådana rader visas med sitt radnummer\n")
        #expect(missing.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"anordnare\"") || $0.hasPrefix("{\"sammanfattning\"") })
    }

    /// A line no version can assess is exit 1 (a problem with the data), not 2.
    @Test func linesNoVersionCanAssessAreExitOne() throws {
        let result = try CLI.run(Self.versions + ["--anordnare", "-"], stdin: "inte json\n")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("0 i den gamla versionen (passar bara den nya), 0 i den nya (passar bara den gamla), 1 i båda (passar ingen av dem)"), "\(result.stdout)")
    }

    /// A version not yet in force on the assessment date is still assessed, and said to be,
    /// as `eval` says it (it was silent; a policy author's walk).
    @Test func aVersionNotYetInForceIsWarnedOf() throws {
        let result = try CLI.run(Self.versions + ["--anordnare", "conditions/exempel/oppenvard-anordnare.jsonl", "--datum", "2024-06-01"])
        #expect(result.stderr.contains("kundval diff: varning: den gamla versionen `conditions/oppenvard-001.kundval` gäller från 2024-11-01, "
                                       + "efter bedömningsdatumet 2024-06-01"), "\(result.stderr)")
        let inForce = try CLI.run(Self.versions + ["--anordnare", "conditions/exempel/oppenvard-anordnare.jsonl", "--datum", "2025-06-01"])
        #expect(!inForce.stderr.contains("varning"), "\(inForce.stderr)")
    }

    /// Files that cannot be read are named with the reason in Swedish.
    @Test func unreadableProvidersAreExplainedInSwedish() throws {
        let absent = try CLI.run(Self.versions + ["--anordnare", "/finns/inte.jsonl"])
        #expect(absent.status == 2)
        #expect(absent.stderr == "kundval diff: kan inte läsa `/finns/inte.jsonl`: filen finns inte\n")
        let folder = try CLI.run(Self.versions + ["--anordnare", "conditions"])
        #expect(folder.status == 2 && folder.stderr.contains("kan inte läsa `conditions`: det är en mapp"), "\(folder.stderr)")
        let selector = try CLI.run(["diff", "conditions", "--versioner", "finns-inte", "oppenvard-000"])
        #expect(selector.status == 2 && selector.stderr.hasPrefix("kundval diff: ingen version heter `finns-inte`"), "\(selector.stderr)")
        #expect(!selector.stderr.contains("dokumentet"))
    }
}
