import Foundation
import Testing

/// `kundval check` from the outside: exit codes, output, and hostile input.
@Suite struct CheckCommandTests {
    @Test func shippedConditionsAreClean() throws {
        let result = try CLI.run(["check", "conditions"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("inga fel"))
    }

    /// A file named twice, or as a folder and a file in it, is read once (it was checked twice
    /// and reported as declaring its own document again; found by a hostile-input session).
    /// A file that cannot be read (a link to a file that is gone, a folder named `x.kundval`)
    /// is named with why, and the other files are checked all the same: the run stopped at it
    /// and said only "kan inte läsa" (found by an adversarial session).
    @Test func anUnreadableFileIsNamedWithWhyAndTheOthersAreChecked() throws {
        let folder = try CLI.temporaryFolder(["a.kundval": "reglemente \"R\" version \"1\"\nvillkor 1 \"A\"\n  kräver okänd_sak\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b.kundval").path,
                                                   withDestinationPath: folder.appendingPathComponent("borta.kundval").path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("c.kundval"), withIntermediateDirectories: true)
        let result = try CLI.run(["check", folder.path, "--färg", "aldrig"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("b.kundval`: det är en länk till `\(folder.path)/borta.kundval`, som inte leder till någon fil"),
                "\(result.stderr)")
        #expect(result.stderr.contains("c.kundval`: det är en mapp"), "\(result.stderr)")
        #expect(result.stdout.contains("fel[K0301]") && result.stdout.contains("kontrollerade 1 fil: 1 fel i 1 fil"), "\(result.stdout)")
    }

    @Test func aFileNamedTwiceIsReadOnce() throws {
        let result = try CLI.run(["check", "conditions", "conditions", "conditions/oppenvard-000.kundval"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("kontrollerade 5 filer: inga fel"), "\(result.stdout)")
    }

    @Test func errorsGiveExitOneWithLocationCodeAndSummary() throws {
        let path = try CLI.temporaryFile(Array("reglemente \"R\"\n\nvillkor 1\n  krävs anordnare.x\n".utf8))
        let result = try CLI.run(["check", path, "--color", "never"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):4:3: fel[K0204]: `krävs` är ingen klausul i ett villkor"))
        #expect(result.stdout.contains("menade du `kräver`?"))
        #expect(result.stdout.hasSuffix("kontrollerade 1 fil: 1 fel i 1 fil\n"))
    }

    @Test func colorFollowsTheFlagAndNoColor() throws {
        let path = try CLI.temporaryFile(Array("villkor 1\n".utf8))
        let always = try CLI.run(["check", "--color", "always", path])
        #expect(always.stdout.contains("\u{1B}["))
        let never = try CLI.run(["check", "--color=never", path])
        #expect(!never.stdout.contains("\u{1B}["))
        // The values in Swedish, as the help writes them.
        #expect(try CLI.run(["check", "--färg", "alltid", path]).stdout.contains("\u{1B}["))
        #expect(try !CLI.run(["check", "--färg=aldrig", path]).stdout.contains("\u{1B}["))
        let wrong = try CLI.run(["check", "--färg", "ibland", path])
        #expect(wrong.status == 2 && wrong.stderr.contains("använd aldrig, alltid eller auto"), "\(wrong.stderr)")
        // Not a terminal: auto means no colour; NO_COLOR is respected as well.
        let auto = try CLI.run(["check", path], environment: ["NO_COLOR": "1"])
        #expect(!auto.stdout.contains("\u{1B}["))
    }

    @Test func usageErrorsExitTwoWithOneMessageOnStandardError() throws {
        let missing = try CLI.run(["check", "finns/inte.kundval"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "kundval check: `finns/inte.kundval` finns inte\n")
        let badFlag = try CLI.run(["check", "--color", "ibland", "conditions"])
        #expect(badFlag.status == 2)
        let unknown = try CLI.run(["chek"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("menade du `check`?"))
        let emptyFolder = FileManager.default.temporaryDirectory.appendingPathComponent("tom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: emptyFolder) }
        let noRules = try CLI.run(["check", emptyFolder.path])
        #expect(noRules.status == 2)
        #expect(noRules.stderr.contains("innehåller inga .kundval-filer"))
    }

    /// A folder is checked without its hidden files and folders (an editor's lock file, a
    /// draft in `.utkast/`), as the engine loads it.
    @Test func hiddenFilesInAFolderAreNotChecked() throws {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("dolda-\(UUID().uuidString)")
        try manager.createDirectory(at: folder.appendingPathComponent(".utkast"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: folder) }
        let reglemente = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/reglemente-31.kundval"),
                                    encoding: .utf8)
        try reglemente.write(to: folder.appendingPathComponent("reglemente-31.kundval"), atomically: true, encoding: .utf8)
        // The example its tests start from, which `check` reads too (K0603).
        try manager.createDirectory(at: folder.appendingPathComponent("exempel"), withIntermediateDirectories: true)
        try manager.copyItem(at: CLI.repositoryRoot.appendingPathComponent("conditions/exempel/reglemente-godkand.json"),
                             to: folder.appendingPathComponent("exempel/reglemente-godkand.json"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent(".#reglemente-31.kundval").path,
                                       withDestinationPath: "root@host.1234:1700000000")
        try "villkor ??".write(to: folder.appendingPathComponent(".utkast/utkast.kundval"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("kontrollerade 1 fil"), "\(result.stdout)")
    }

    @Test func reportsPhaseTimesOnRequest() throws {
        let result = try CLI.run(["check", "conditions", "--tider"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("läsning ") && result.stderr.contains("tolkning") && result.stderr.contains("typkontroll"))
    }

    @Test func explainsACode() throws {
        let result = try CLI.run(["kod", "k0204"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("K0204: "))
        #expect(try CLI.run(["kod", "K9999"]).status == 2)
    }

    @Test func versionAndHelp() throws {
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("kundval "))
        #expect(try CLI.run(["--help"]).stdout.contains("check"))
        #expect(try CLI.run(["check", "--help"]).status == 0)
    }

    // MARK: - Hostile input: always exit 1 with a diagnostic, never a signal.

    static let hostile: [(name: String, bytes: @Sendable () -> [UInt8], code: String)] = [
        ("tom fil", { [] }, "K0202"),
        ("ogiltig UTF-8", { Array("reglemente \"R\"\n".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0x80] }, "K0101"),
        ("NUL-tecken", { Array("reglemente \"R\"\n".utf8) + [0, 0, 0] + Array("villkor 1\n".utf8) }, "K0105"),
        ("100 000 nästlade parenteser", {
            Array("reglemente \"R\"\nvillkor 1\n  kräver ".utf8)
                + [UInt8](repeating: UInt8(ascii: "("), count: 100_000) + Array("ja".utf8)
                + [UInt8](repeating: UInt8(ascii: ")"), count: 100_000)
        }, "K0206"),
        ("heltal med 40 siffror", {
            Array("reglemente \"R\"\nvillkor 1\n  kräver anordnare.x < 1234567890123456789012345678901234567890\n".utf8)
        }, "K0104"),
        ("oavslutad text", { Array("reglemente \"R\"\nvillkor 1 \"Konkurs\n".utf8) }, "K0103"),
        ("oavslutad flerradstext", { Array("reglemente \"R\"\nvillkor 1\n  lydelse \"\"\"\n  text\n".utf8) }, "K0103"),
    ]

    @Test(arguments: hostile.indices)
    func hostileInputGivesDiagnosticsNotACrash(_ index: Int) throws {
        let input = Self.hostile[index]
        let path = try CLI.temporaryFile(input.bytes())
        let result = try CLI.run(["check", path])
        #expect(!result.crashed, "\(input.name): crashed")
        #expect(result.status == 1, "\(input.name): exit \(result.status)")
        #expect(result.stdout.contains("fel[\(input.code)]"), "\(input.name): \(result.stdout.prefix(500))")
    }

    /// A 10 MB rule file of distinct conditions: parsed and checked, no diagnostics.
    @Test func tenMegabytesOfConditionsAreChecked() throws {
        let path = try CLI.temporaryFile(Array(Self.largeRuleFile(bytes: 10_000_000).utf8))
        let result = try CLI.run(["check", path])
        #expect(!result.crashed)
        #expect(result.status == 0, "\(result.stdout.prefix(500))")
        #expect(result.stdout == "kontrollerade 1 fil: inga fel\n")
    }

    /// A valid reglemente of about `bytes` bytes: condition 9 and its sub-conditions 9.1, 9.2, …
    static func largeRuleFile(bytes: Int) -> String {
        var text = """
            reglemente "Stor" version "1"

            typ Dokument
              utfärdat: datum
            typ Person
              roll: Roll
              adekvat_kompetens: ja/nej
            typ Roll: en av väsentligt_inflytande, daglig_ledning
            typ Anordnare
              ansvarsförsäkring: Dokument kan saknas
              försäkringsbelopp: belopp
              personer: lista av Person
            fakta
              anordnare: Anordnare

            villkor 9 "Ansvarsförsäkring"

            """
        var number = 0
        while text.utf8.count < bytes {
            number += 1
            text += """

                villkor 9.\(number) "Ansvarsförsäkring"
                  lydelse \"\"\"
                    Anordnaren ska inneha ansvarsförsäkring som säkerställer att kunden
                    och kommunen hålls skadeslös för skada orsakad genom fel eller
                    försummelse av personal anställd hos anordnaren.
                    \"\"\"
                  kräver anordnare.ansvarsförsäkring finns och anordnare.försäkringsbelopp >= 5000000 kr
                  kräver alla p i anordnare.personer: p.roll är inte daglig_ledning eller p.adekvat_kompetens
                  underlag bifogas ansökan: anordnare.ansvarsförsäkring högst 3 månader gammalt
                  underlag uppföljning
                  vid brist: ej godkänd auktorisation, sanktion

                """
        }
        return text
    }

    @Test func aKundvalNamedAloneIsCheckedWithTheReglementeInItsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reglemente = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/reglemente-31.kundval"),
                                    encoding: .utf8)
        try reglemente.write(to: folder.appendingPathComponent("reglemente-31.kundval"), atomically: true, encoding: .utf8)
        let kundval = folder.appendingPathComponent("oppenvard.kundval")
        try """
            kundval "Öppenvård"
              enligt reglemente "Reglemente för kundval" version "31 villkor"

            villkor 19 förekommer inte i detta kundval
            villkor 4 förekommer inte i detta kundval
            """.write(to: kundval, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", kundval.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("oppenvard.kundval:5:9: fel[K0406]"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("kontrollerade 1 fil: 1 fel i 1 fil\n"))
    }
}
