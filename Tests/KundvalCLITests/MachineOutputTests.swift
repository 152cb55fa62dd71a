import Foundation
import Testing

/// Output for machines (issue 14): `check --json`, `test --json` and `täckning --minst`, in the
/// shapes the README documents.
@Suite struct MachineOutputTests {
    static let broken = """
        reglemente "R" version "1"
        typ A
          a: ja/nej
        fakta
          anordnare: A
        villkor 1 "x"
          kräver "Etikett" anordnare.a

        """

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func checkWritesEveryDiagnosticAsJSON() throws {
        let path = try CLI.temporaryFile(Array(Self.broken.utf8))
        let result = try CLI.run(["check", path, "--json"])
        #expect(result.status == 1)
        let report = try Self.object(result.stdout)
        #expect(report["filer"] as? Int == 1 && report["fel"] as? Int == 1 && report["varningar"] as? Int == 0)
        let diagnostic = try #require((report["diagnostiker"] as? [[String: Any]])?.first)
        #expect(diagnostic["kod"] as? String == "K0201")
        #expect(diagnostic["allvar"] as? String == "fel")
        #expect(diagnostic["fil"] as? String == path)
        #expect(diagnostic["rad"] as? Int == 7 && diagnostic["kolumn"] as? Int == 19)
        #expect((diagnostic["slut"] as? [String: Int])?["rad"] == 7)
        #expect(diagnostic["meddelande"] as? String == "etiketten ska följas av `:` före kravet")
        #expect(diagnostic["ledtråd"] as? String == "skriv `kräver \"etikett\": uttryck`")
        #expect(diagnostic["anteckningar"] as? [Any] != nil)
        let clean = try CLI.run(["check", "conditions", "--json"])
        #expect(clean.status == 0)
        #expect((try Self.object(clean.stdout)["diagnostiker"] as? [Any])?.isEmpty == true)
    }

    @Test func testWritesItsResultsAndTheRulesErrorsAsJSON() throws {
        let shipped = try CLI.run(["test", "conditions", "--json"])
        #expect(shipped.status == 0)
        let report = try Self.object(shipped.stdout)
        #expect((report["tester"] as? Int ?? 0) > 700 && report["misslyckade"] as? Int == 0)
        let documents = try #require(report["dokument"] as? [[String: Any]])
        #expect(documents.count == 5)
        #expect(documents.allSatisfy { $0["fil"] is String && $0["tester"] is Int && $0["misslyckade_tester"] is [Any] })

        let failing = try CLI.temporaryFile(Array((Self.broken.replacingOccurrences(of: "\"Etikett\" ", with: "") + """
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            test "fel med avsikt"
              vid ansökan 2025-03-01
              förväntas godkänd

            """).utf8))
        let failed = try Self.object(try CLI.run(["test", failing, "--json"]).stdout)
        #expect(failed["misslyckade"] as? Int == 1)
        let test = try #require(((failed["dokument"] as? [[String: Any]])?.first?["misslyckade_tester"] as? [[String: Any]])?.first)
        #expect(test["namn"] as? String == "fel med avsikt")
        #expect((test["fel"] as? [[String: Any]])?.first?["kod"] as? String == "K0601")

        let rules = try Self.object(try CLI.run(["test", try CLI.temporaryFile(Array(Self.broken.utf8)), "--json"]).stdout)
        #expect((rules["fel_i_reglerna"] as? [[String: Any]])?.first?["kod"] as? String == "K0201")
    }

    @Test func coverageHasAThresholdAndFailsWithFailingTests() throws {
        #expect(try CLI.run(["täckning", "conditions", "--minst", "100"]).status == 0)
        let uncovered = try CLI.temporaryFile(Array("""
            reglemente "R" version "1"
            typ A
              a: ja/nej
            fakta
              anordnare: A
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "x"
              kräver anordnare.a
            exempel e = { anordnare: { a: ja } }
            test "bara uppfyllt"
              vid ansökan 2025-03-01
              utgår från e
              förväntas villkor 1 uppfyllt

            """.utf8))
        #expect(try CLI.run(["täckning", uncovered]).status == 0)
        let below = try CLI.run(["täckning", uncovered, "--minst", "50"])
        #expect(below.status == 1 && below.stderr.contains("0,0 % av villkoren och insatserna är täckta"), "\(below.stderr)")
        let failing = try CLI.temporaryFile(Array((try String(contentsOfFile: uncovered, encoding: .utf8))
            .replacingOccurrences(of: "förväntas villkor 1 uppfyllt", with: "förväntas villkor 1 ej uppfyllt").utf8))
        #expect(try CLI.run(["täckning", failing]).status == 1)
    }

    // Issue 14: `--color` is one flag for every command, and `kundval help KOMMANDO` is the
    // command's own help.
    @Test func colorIsAcceptedByEveryCommandAndHelpNamesACommand() throws {
        let arguments: [[String]] = [
            ["check", "conditions"], ["test", "conditions/reglemente-31.kundval"], ["täckning", "conditions/reglemente-31.kundval"],
            ["eval", "conditions/oppenvard-000.kundval", "--facts", "conditions/exempel/oppenvard-godkand.json", "--datum", "2025-03-01"],
            ["förklara", "conditions/oppenvard-000.kundval", "4", "--facts", "conditions/exempel/oppenvard-godkand.json", "--datum", "2025-03-01"],
            ["batch", "conditions/oppenvard-000.kundval", "--in", "conditions/exempel/oppenvard-anordnare.jsonl", "--datum", "2025-03-01"],
        ]
        for command in arguments {
            let result = try CLI.run(command + ["--color", "never"], stdin: "")
            #expect(result.status == 0 && !result.stdout.contains("\u{1B}["), "\(command.joined(separator: " ")): \(result.stderr)")
        }
        #expect(try CLI.run(["check", "conditions", "--color=grön"]).status == 2)
        let help = try CLI.run(["help", "batch"])
        #expect(help.status == 0 && help.stdout.hasPrefix("användning: kundval batch"), "\(help.stdout)")
        #expect(try CLI.run(["help"]).stdout.contains("kommandon:"))
    }

    // Issue 14: one rule for flag names: Swedish, with the English name as an alias.
    @Test func englishFlagsAreAliasesOfTheSwedishOnes() throws {
        let swedish = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/oppenvard-brister.json",
                                   "--bedömning", "uppföljning", "--datum", "2025-03-01", "--färg", "never"])
        let english = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts=conditions/exempel/oppenvard-brister.json",
                                   "--assessment", "uppföljning", "--date", "2025-03-01", "--color", "never"])
        #expect(swedish.status == 0 && english.status == 0, "\(english.stderr)")
        #expect(swedish.stdout == english.stdout)
        #expect(try CLI.run(["check", "-h"]).stdout.hasPrefix("användning: kundval check"))
        #expect(try CLI.run(["check", "conditions", "--colour", "never"]).stderr.contains("okänd flagga `--colour`"))
        // An alias another command knows is named as written (`-o` is `dokument`'s `--ut`).
        let alias = try CLI.run(["check", "conditions", "-o", "x.html"])
        #expect(alias.status == 2 && alias.stderr.contains("okänd flagga `-o`"), "\(alias.stderr)")
        // A misspelled flag gets the command's closest flag, Swedish first, as a misspelled
        // command gets its closest command.
        let misspelled = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/oppenvard-godkand.json",
                                      "--datm", "2025-03-01"])
        #expect(misspelled.status == 2 && misspelled.stderr.contains("okänd flagga `--datm`; menade du `--datum`?"), "\(misspelled.stderr)")
        #expect(try CLI.run(["check", "conditions", "--colour", "never"]).stderr.contains("menade du `--färg`?"))
        #expect(try CLI.run(["check", "conditions", "--"]).stderr.hasSuffix("okänd flagga `--`\n"))
        let value = try CLI.run(["test", "conditions", "--mutera=ja"])
        #expect(value.status == 2 && value.stderr.contains("`--mutera` tar inget värde; skriv bara `--mutera`"), "\(value.stderr)")
    }

    // Issue 14: in JSON mode every error is JSON, on standard output.
    @Test func evalWritesItsErrorsAsJSON() throws {
        let date = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "x.json", "--datum", "2025-02-30", "--json"])
        #expect(date.status == 2 && date.stderr.isEmpty)
        #expect(try Self.object(date.stdout)["fel"] as? String == "kundval eval: `2025-02-30` är inget datum: februari 2025 har 28 dagar")
        let facts = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/reglemente-godkand.json",
                                 "--datum", "2025-03-01", "--json"])
        let problems = try #require(try Self.object(facts.stdout)["faktafel"] as? [String])
        #expect(facts.status == 2 && problems.contains { $0.hasPrefix("anordnare.personal[0].insatstyp: ") })
        let folder = URL(fileURLWithPath: try CLI.temporaryFile(Array(Self.broken.utf8), name: "r.kundval")).path
        let rules = try Self.object(try CLI.run(["eval", folder, "--fakta", "x.json", "--json"]).stdout)
        #expect((rules["diagnostiker"] as? [[String: Any]])?.first?["kod"] as? String == "K0201")
    }
}
