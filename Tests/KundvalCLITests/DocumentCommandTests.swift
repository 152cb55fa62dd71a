import Foundation
import Testing

/// `kundval dokument` from the outside (issue 17): the official document as one HTML page, on
/// standard output or in a file, and the errors the other commands give.
@Suite struct DocumentCommandTests {
    @Test func aFileIsRenderedToStandardOutput() throws {
        let result = try CLI.run(["dokument", "conditions/oppenvard-000.kundval"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let html = result.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\""))
        #expect(html.contains("<h1>Öppenvårdsinsatser för personer med skadligt bruk och beroende</h1>"))
        #expect(html.contains("<tr id=\"villkor-16\" class=\"villkor\" data-nummer=\"16\" data-generell=\"conditions/reglemente-31.kundval:"))
        #expect(html.contains("data-specifik=\"conditions/oppenvard-000.kundval:"))
        #expect(!html.contains("<script"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func aNameAndADatePickTheVersionAndOutputGoesToAFile() throws {
        let folder = CLI.scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for flag in ["--ut", "-o", "--output"] {
            let path = folder.appendingPathComponent("arbete\(flag).html").path
            let result = try CLI.run(["dokument", "Arbete och etablering", "--datum", "2025-03-01", flag, path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
            #expect(result.stdout == "skrev `\(path)`: Arbete och etablering\n")
            let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(html.contains("<h1>Arbete och etablering</h1>") && html.contains("id=\"villkor-16.8.4\""))
        }
        // 001 is the öppenvård version of 2024-11-01 on the older reglemente; 000 has no date.
        let older = try CLI.run(["dokument", "conditions/oppenvard-001.kundval"])
        #expect(older.status == 0 && older.stdout.contains("<dt>Diarienummer</dt><dd>SOCN-2023-00373</dd>"), "\(older.stderr)")
        #expect(older.stdout.contains("<dt>Fastställd</dt><dd>2024-11-01</dd>"))
    }

    @Test func mistakesAreReportedInSwedish() throws {
        let unknown = try CLI.run(["dokument", "Arbete och etablerin"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("kundval dokument: det finns inget dokument `Arbete och etablerin` i `conditions`; menade du `Arbete och etablering`?"),
                "\(unknown.stderr)")
        let broken = try CLI.temporaryFile(Array("kundval \"Trasig\"\n  nämnd \"N\"\n\nvillkor 1\n  kräver finns_inte\n".utf8))
        let errors = try CLI.run(["dokument", broken, "--färg", "never"])
        // The diagnostics as `check` prints them, then the command's line, on standard error:
        // standard output (a page redirected to a file) stays empty.
        #expect(errors.status == 1 && errors.stderr.contains("fel[K") && errors.stdout.isEmpty, "\(errors.stdout)")
        #expect(errors.stderr.contains("kundval dokument: reglerna har fel; rätta dem först"), "\(errors.stderr)")
        let none = try CLI.run(["dokument"])
        #expect(none.status == 2 && none.stderr.hasPrefix("kundval dokument: ange en kundval"))
        let flag = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--okänd"])
        #expect(flag.status == 2 && flag.stderr.hasPrefix("kundval dokument: okänd flagga `--okänd`"))
        let date = try CLI.run(["dokument", "Arbete och etablering", "--datum", "2025-02-30"])
        #expect(date.status == 2 && date.stderr.contains("februari 2025 har 28 dagar"), "\(date.stderr)")
        let unwritable = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "-o", "/finns/inte/alls/sida.html"])
        #expect(unwritable.status == 2
                && unwritable.stderr.hasPrefix("kundval dokument: kan inte skriva `/finns/inte/alls/sida.html`: mappen finns inte eller namnet är ogiltigt"),
                "\(unwritable.stderr)")
        // In Swedish, never Foundation's English ("The operation could not be completed").
        let folder = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "-o", NSTemporaryDirectory()])
        #expect(folder.status == 2 && folder.stderr.contains(": det är en mapp"), "\(folder.stderr)")
        let typo = try CLI.run(["dokumnet"])
        #expect(typo.status == 2 && typo.stderr.contains("menade du `dokument`?"))
        let help = try CLI.run(["hjälp", "dokument"])
        #expect(help.status == 0 && help.stdout.hasPrefix("användning: kundval dokument KUNDVAL"))
    }

    /// The page is never written over a rule file (`dokument X.kundval --ut X.kundval` replaced
    /// the rules with HTML; found by a hostile-input session).
    @Test func thePageIsNotWrittenOverARuleFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-dokument-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("r.kundval")
        let rules = "reglemente \"R\" version \"1\"\nvillkor 1 \"A\"\n  lydelse \"Text.\"\n"
        try rules.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["dokument", file.path, "--ut", file.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("skulle skriva sidan över en regelfil"), "\(result.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == rules)
        // Nor through a link to it.
        let link = folder.appendingPathComponent("sida.html")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: file.path)
        let linked = try CLI.run(["dokument", file.path, "--ut", link.path])
        #expect(linked.status == 2 && linked.stderr.contains("skulle skriva sidan över en regelfil"), "\(linked.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == rules)
    }

    /// The page is written where the name leads, and what the name is stays: a link stays a
    /// link to the page, and a pipe a pipe. The page was moved into place over the name, and
    /// `--ut /dev/null`, run as root, made `/dev/null` a plain file, which broke every program
    /// on the machine that wrote there (found by an adversarial session; see `OutputFile`).
    @Test func aLinkOrAPipeIsWrittenThroughNotReplaced() throws {
        let folder = try CLI.temporaryFolder([:])
        let target = folder.appendingPathComponent("sida.html")
        try Data("gammal".utf8).write(to: target)
        let link = folder.appendingPathComponent("länk.html")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let result = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", link.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // A pipe: a reader takes the page while the command writes it.
        let pipe = folder.appendingPathComponent("rör")
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        made.arguments = [pipe.path]
        try made.run()
        made.waitUntilExit()
        try #require(made.terminationStatus == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [pipe.path]
        let output = Pipe()
        reader.standardOutput = output
        try reader.run()
        let written = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", pipe.path])
        let page = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(written.status == 0, "\(written.stderr)")
        #expect(String(decoding: page, as: UTF8.self).hasSuffix("</html>\n"))
        let type = try FileManager.default.attributesOfItem(atPath: pipe.path)[.type] as? FileAttributeType
        #expect(type != .typeRegular, "\(String(describing: type))")
        // A link to a file not there yet leads to it (it was opened as a stream, which failed).
        let ahead = folder.appendingPathComponent("framtida.html")
        let dangling = folder.appendingPathComponent("hänvisning.html")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: ahead.path)
        let created = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", dangling.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try String(contentsOf: ahead, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling.path) == ahead.path)
    }

    /// A file written keeps its permissions and its other names, and links in a circle are
    /// an error: `fmt` made a rule file of mode 0640 readable by everyone, a hard link kept the
    /// old page, and `--ut` to a circle of links replaced it with a plain file (found by an
    /// adversarial session).
    @Test func aFileWrittenKeepsItsModeAndItsNames() throws {
        let folder = try CLI.temporaryFolder([:])
        let rules = folder.appendingPathComponent("regler")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let file = rules.appendingPathComponent("r.kundval")
        let shipped = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/reglemente-31.kundval"), encoding: .utf8)
        try Data(shipped.replacingOccurrences(of: "\nvillkor 1 ", with: "\nvillkor  1 ").utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let other = folder.appendingPathComponent("annat-namn.kundval")
        try FileManager.default.linkItem(at: file, to: other)
        let formatted = try CLI.run(["fmt", file.path])
        #expect(formatted.status == 0, "\(formatted.stderr)")
        #expect(try String(contentsOf: other, encoding: .utf8) == shipped)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        // A page over a file of mode 0600 stays 0600.
        let page = folder.appendingPathComponent("sida.html")
        try Data("gammal".utf8).write(to: page)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: page.path)
        #expect(try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", page.path]).status == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: page.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // A page of a long name is replaced as often as it is written (the copy beside it had
        // the name and more, past the system's 255 bytes; found by review).
        let long = folder.appendingPathComponent(String(repeating: "s", count: 245) + ".html")
        for _ in 0..<2 { #expect(try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", long.path]).status == 0) }
        // Links in a circle.
        let (first, second) = (folder.appendingPathComponent("a.html"), folder.appendingPathComponent("b.html"))
        try FileManager.default.createSymbolicLink(atPath: first.path, withDestinationPath: second.path)
        try FileManager.default.createSymbolicLink(atPath: second.path, withDestinationPath: first.path)
        let circle = try CLI.run(["dokument", "conditions/oppenvard-000.kundval", "--ut", first.path])
        #expect(circle.status == 2)
        #expect(circle.stderr.contains("är en symbolisk länk som leder runt i en slinga"), "\(circle.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: first.path) == second.path)
    }

    /// `--ut /dev/stdout` writes where standard output is open, as the shell opened it: `>>`
    /// appends, and the page has no line of the command's own in it. The name was followed to
    /// the file and a new file moved over it, and what the file held was lost (found by review).
    @Test func standardOutputIsWrittenWhereItIsOpen() throws {
        let folder = try CLI.temporaryFolder([:])
        let file = folder.appendingPathComponent("ut.txt")
        try Data("innan\n".utf8).write(to: file)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.currentDirectoryURL = CLI.repositoryRoot
        shell.arguments = ["-c", "\"$0\" dokument conditions/oppenvard-000.kundval --ut /dev/stdout >> \"$1\"",
                           CLI.executable.path, file.path]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.hasPrefix("innan\n<!DOCTYPE html>"), "\(written.prefix(80))")
        #expect(written.hasSuffix("</html>\n"))
    }
}
