import Foundation
import Testing

/// The inputs of issue 12 through the `kundval` command: each once ended the process with a
/// trap (exit 132) or read memory it did not own; now each gets an exit code and a message.
/// The library's side is in `HostileInputTests`.
@Suite struct HostileInputCLITests {
    static let hugeExponent = "{\"anordnare\":{\"verksamhetsansvarig\":{\"år_av_dokumenterad_erfarenhet\":1e-9223372036854775808}}}"

    /// A copy of `conditions/` with `change` applied to one file, in a fresh folder.
    static func conditionsCopy(_ file: String, _ change: (String) -> String) throws -> String {
        let source = CLI.repositoryRoot.appendingPathComponent("conditions")
        let folder = URL(fileURLWithPath: try CLI.temporaryFile([], name: "tom")).deletingLastPathComponent()
            .appendingPathComponent("conditions")
        try FileManager.default.copyItem(at: source, to: folder)
        let url = folder.appendingPathComponent(file)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        return folder.path
    }

    @Test func hugeExponentInFactsIsAFactErrorForEvalAndBatch() throws {
        let facts = try CLI.temporaryFile(Array(Self.hugeExponent.utf8), name: "fakta.json")
        let eval = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts", facts, "--datum", "2025-03-01"])
        #expect(!eval.crashed && eval.status == 2, "\(eval.status) \(eval.stderr.prefix(300))")
        #expect(eval.stderr.contains("anordnare.verksamhetsansvarig.år_av_dokumenterad_erfarenhet"))
        let good = try BatchCommandTests.lines(["oppenvard-godkand.json"])
        let batch = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01"],
                                stdin: good + "\n" + Self.hugeExponent + "\n" + good + "\n")
        #expect(!batch.crashed && batch.status == 2)
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].contains("\"beslut\"") && lines[1].contains("\"fel\"") && lines[2].contains("\"beslut\""))
    }

    @Test func tableOfExtremeIntegersIsCheckedWithoutATrap() throws {
        let file = try CLI.temporaryFile(Array("""
            reglemente "R"
            tabell t(x: heltal): heltal
              | -9223372036854775807 | 1 |
              | 9223372036854775807 | 2 |

            """.utf8))
        let result = try CLI.run(["check", file])
        #expect(!result.crashed && result.status == 1 && result.stdout.contains("K0501"), "\(result.stdout)")
    }

    @Test(arguments: ["999999999999999999 år", "0,5 månader"])
    func documentAgesThatAreNoWholeDaysOrMonthsAreRefused(_ age: String) throws {
        let folder = try Self.conditionsCopy("arbete-etablering-002.kundval") {
            $0.replacingOccurrences(of: "registreringsbevis högst 3 månader gammalt", with: "registreringsbevis högst \(age) gammalt")
        }
        for command in ["check", "test"] {
            let result = try CLI.run([command, folder])
            #expect(!result.crashed && result.status == 1, "\(command): \(result.status)")
            #expect((result.stdout + result.stderr).contains("K0409"), "\(command)")
        }
    }

    @Test func testValueComputedFromFactsPasses() throws {
        let folder = try Self.conditionsCopy("oppenvard-000.kundval") { text in
            text + """

                test "probe"
                  vid uppföljning 2025-09-01
                  utgår från exempelvården
                  med anordnare.beaktar_anhörigperspektiv = anordnare.fungerande_telefon_och_epost och anordnare.lokaler.tillgängliga_vid_funktionsnedsättning
                  förväntas att anordnare.beaktar_anhörigperspektiv = ja

                """
        }
        let result = try CLI.run(["test", folder])
        #expect(!result.crashed && result.status == 0, "\(result.stdout.suffix(600))")
    }

    @Test func explainedAndBatchPathsAgreeWhenAConditionDoesNotApply() throws {
        let folder = try Self.conditionsCopy("oppenvard-000.kundval") { text in
            text + """

                villkor 31.9 "Prov"
                  gäller när vite_procentsats finns
                  kräver anordnare.verksamhetsansvarig.år_av_dokumenterad_erfarenhet / 0 > 1
                  vid brist: ej godkänd auktorisation, sanktion

                """
        }
        let file = folder + "/oppenvard-000.kundval"
        let facts = CLI.repositoryRoot.appendingPathComponent("conditions/exempel/oppenvard-godkand.json").path
        let eval = try CLI.run(["eval", file, "--facts", facts, "--datum", "2025-03-01", "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let explain = try CLI.run(["förklara", file, "31.9", "--facts", facts, "--datum", "2025-03-01"])
        #expect(explain.status == 0 && explain.stdout.contains("ej tillämpligt"), "\(explain.stdout) \(explain.stderr)")
        let batch = try CLI.run(["batch", file, "--datum", "2025-03-01"], stdin: try BatchCommandTests.lines(["oppenvard-godkand.json"]))
        #expect(batch.status == 0 && batch.stdout.contains("\"beslut\""), "\(batch.stdout.prefix(300))")
    }

    @Test func examplesOutsideTheRuleFolderAreNeverRead() throws {
        let file = try CLI.temporaryFile(Array("""
            reglemente "R" version "1"
            typ Anordnare
              namn: text
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            exempel lösenord från "/etc/passwd"
            exempel granne från "../../etc/passwd"
            test "läser utanför"
              vid ansökan 2025-03-01
              utgår från lösenord
              förväntas godkänd

            """.utf8))
        let result = try CLI.run(["test", file])
        let output = result.stdout + result.stderr
        #expect(!result.crashed && result.status == 1)
        #expect(output.components(separatedBy: "K0417").count == 3, "\(output)")
        #expect(!output.contains("root:"))
    }

    // A symbolic link inside the rule folder that leads out of it is not followed.
    @Test func aLinkOutOfTheRuleFolderIsNotFollowed() throws {
        let file = try CLI.temporaryFile(Array("""
            reglemente "R" version "1"
            typ Anordnare
              namn: text
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            exempel länkad från "länk.json"
            test "via en länk"
              vid ansökan 2025-03-01
              utgår från länkad
              förväntas godkänd

            """.utf8), name: "r.kundval")
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let outside = try CLI.temporaryFile(Array(#"{"anordnare": {"namn": "hemlig"}}"#.utf8), name: "utanför.json")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("länk.json").path,
                                                   withDestinationPath: outside)
        let result = try CLI.run(["test", file])
        #expect(!result.crashed && result.status == 1, "\(result.stdout)")
        // Said to lead out, as K0417 says a `..` path (it was "kan inte läsas").
        #expect(result.stdout.contains("fel[K0417]: exemplets fil `länk.json` pekar ut ur regelfilens mapp genom en symbolisk länk"),
                "\(result.stdout)")
        // The same file inside the folder is read.
        try FileManager.default.removeItem(atPath: folder.appendingPathComponent("länk.json").path)
        try FileManager.default.copyItem(atPath: outside, toPath: folder.appendingPathComponent("länk.json").path)
        let inside = try CLI.run(["test", file])
        #expect(inside.status == 0, "\(inside.stdout)")
    }
}
