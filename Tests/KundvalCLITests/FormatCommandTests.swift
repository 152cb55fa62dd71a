import Foundation
import Testing

/// `kundval fmt` from the outside: in place, `--kontrollera`, `--skillnad`, standard in, and a
/// file with syntax errors.
@Suite struct FormatCommandTests {
    static let unformatted = "reglemente \"R\"   version \"1\"\nfakta\n    a: ja/nej\nvillkor 1 \"A\"\n      kräver a\n"
    static let formatted = "reglemente \"R\"\n  version \"1\"\nfakta\n  a: ja/nej\nvillkor 1 \"A\"\n  kräver a\n"

    @Test func rewritesFilesInPlaceAndSaysWhichChanged() throws {
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        let result = try CLI.run(["fmt", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "formaterade \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.formatted)
        let again = try CLI.run(["formatera", path])
        #expect(again.status == 0)
        #expect(again.stdout == "filen var redan formaterad\n")
    }

    /// A rule file reached through a link is formatted where it is, and the link stays a link
    /// (the formatted text was moved over the link, which became a copy; see `OutputFile`).
    @Test func aLinkedFileIsFormattedWhereItIs() throws {
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        let link = path + "-länk.kundval"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let result = try CLI.run(["fmt", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.formatted)
    }

    @Test func checkListsUnformattedFilesAndWritesNothing() throws {
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        let clean = try CLI.temporaryFile(Array(Self.formatted.utf8))
        let result = try CLI.run(["fmt", "--kontrollera", path, clean])
        #expect(result.status == 1)
        #expect(result.stdout == path + "\n1 av 2 filer är inte formaterade; kör `kundval fmt` för att formatera dem\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.unformatted)
        let formatted = try CLI.run(["fmt", "--check", clean])
        #expect(formatted.status == 0)
        #expect(formatted.stdout == "filen är formaterad\n")
    }

    @Test func diffPrintsAUnifiedDiffAndWritesNothing() throws {
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        let result = try CLI.run(["fmt", "--diff", path])
        #expect(result.status == 1)
        // An absolute path after `a` and `b` without a second slash.
        #expect(path.hasPrefix("/"))
        #expect(result.stdout.hasPrefix("--- a\(path)\n+++ b\(path)\n@@ -1,5 +1,6 @@\n"), "\(result.stdout.prefix(120))")
        #expect(result.stdout.contains("-reglemente \"R\"   version \"1\"\n+reglemente \"R\"\n+  version \"1\"\n"))
        #expect(result.stdout.contains("-    a: ja/nej\n+  a: ja/nej\n"))
        #expect(result.stderr == "filen är inte formaterad; kör `kundval fmt` för att formatera den\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.unformatted)
    }

    @Test func standardInIsFormattedToStandardOut() throws {
        let result = try CLI.run(["fmt", "-"], stdin: Self.unformatted)
        #expect(result.status == 0)
        #expect(result.stdout == Self.formatted)
        let check = try CLI.run(["fmt", "--kontrollera", "-"], stdin: Self.unformatted)
        #expect(check.status == 1)
    }

    @Test func standardInTogetherWithPathsIsRefused() throws {
        // `--kontrollera - fil` checked standard in and skipped the file: it exited 0 although
        // the file was not formatted.
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        for flags in [["--kontrollera"], ["--skillnad"], []] {
            let result = try CLI.run(["fmt"] + flags + ["-", path], stdin: Self.formatted)
            #expect(result.status == 2, "\(flags)")
            #expect(result.stdout == "")
            #expect(result.stderr == "kundval fmt: `-` (standard in) kan inte kombineras med sökvägar som `\(path)`; "
                + "formatera standard in och filerna i var sitt anrop\n")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.unformatted)
        let formatted = try CLI.run(["fmt", "--kontrollera", "-"], stdin: Self.formatted)
        #expect(formatted.status == 0)
        #expect(formatted.stdout == "")
    }

    @Test func aFileThatCannotBeWrittenIsExplainedInSwedish() throws {
        let path = try CLI.temporaryFile(Array(Self.unformatted.utf8))
        let folder = (path as NSString).deletingLastPathComponent
        // A folder that refuses new files: read-only for an ordinary user; immutable for root,
        // who may write anyway (`chattr +i`, where the file system supports it).
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        var immutable = false
        defer {
            if immutable { _ = try? Spawn.run("/usr/bin/env", ["chattr", "-i", folder]) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        }
        if FileManager.default.isWritableFile(atPath: folder) {
            immutable = (try? Spawn.run("/usr/bin/env", ["chattr", "+i", folder])) != nil
            // Neither way makes the folder read-only here: nothing to observe.
            guard immutable else { return }
        }
        let result = try CLI.run(["fmt", path])
        #expect(result.status == 1)
        #expect(result.stderr == "kundval fmt: kan inte skriva `\(path)`: behörighet att skriva saknas "
            + "(filen eller mappen är skrivskyddad); filen lämnas som den var\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.unformatted)
    }

    @Test func aFileThatCannotBeReadIsExplainedInSwedish() throws {
        // `/proc/self/mem` exists but reading it from the start fails (Linux).
        guard FileManager.default.fileExists(atPath: "/proc/self/mem") else { return }
        let result = try CLI.run(["fmt", "/proc/self/mem"])
        #expect(result.status == 1)
        #expect(result.stderr == "kundval fmt: kan inte läsa `/proc/self/mem`: filen gick inte att läsa\n"
            + "filen kunde inte formateras\n")
    }

    @Test func aFileWithSyntaxErrorsIsShownAndLeftAlone() throws {
        let broken = "reglemente \"R\"\nvillkor 1\n  krävs a\n"
        let path = try CLI.temporaryFile(Array(broken.utf8))
        let result = try CLI.run(["fmt", path, "--färg", "never"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):3:3: fel[K0204]"))
        #expect(result.stderr.contains("`\(path)` har syntaxfel och formateras inte"))
        #expect(result.stderr.hasSuffix("filen kunde inte formateras\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
        let check = try CLI.run(["fmt", "--kontrollera", path])
        #expect(check.status == 1)
        #expect(check.stdout == "filen kunde inte formateras\n")
        let unknown = try CLI.run(["fmt", "--okänd", path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "kundval fmt: okänd flagga `--okänd`\n")
    }
}
