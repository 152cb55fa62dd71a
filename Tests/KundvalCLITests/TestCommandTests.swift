import Foundation
import Testing

/// `kundval test` from the outside: tests written in rule files, run and reported.
@Suite struct TestCommandTests {
    static let rules = """
        reglemente "R" version "1"
        typ Anordnare
          kreditvärdighet: heltal kan saknas
        fakta
          anordnare: Anordnare
        villkor 6 "Ekonomisk kapacitet"
          kräver anordnare.kreditvärdighet >= 3
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        exempel bra = { anordnare: { kreditvärdighet: 4 } }
        test "godkänd"
          vid ansökan 2025-03-01
          utgår från bra
          förväntas godkänd

        """

    @Test func passingTestsExitZero() throws {
        let path = try CLI.temporaryFile(Array(Self.rules.utf8))
        let result = try CLI.run(["test", path, "--alla", "--color", "never"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✓ godkänd"))
        #expect(result.stdout.hasSuffix("1 test: alla gick igenom\n"), "\(result.stdout)")
    }

    @Test func aFailingTestShowsItsLineAndExitsOne() throws {
        let path = try CLI.temporaryFile(Array((Self.rules + """
            test "för låg kreditvärdighet"
              vid ansökan 2025-03-01
              utgår från bra
              med anordnare.kreditvärdighet = 2
              förväntas godkänd

            """).utf8))
        let result = try CLI.run(["test", path, "--color", "never"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ för låg kreditvärdighet"))
        #expect(result.stdout.contains("fil.kundval:19:13: fel[K0601]: väntade `godkänd` men beslutet blev `ej godkänd`"),
                "\(result.stdout)")
        #expect(result.stdout.contains("19 |   förväntas godkänd"))
        #expect(result.stdout.contains("2 tester: 1 misslyckades, 1 gick igenom"))
    }

    /// An example file whose facts do not fit is one error, at the line that names the file,
    /// shown by `check` and by `test`; the tests that start from it are each one line (every
    /// test repeated the file's whole error, and `check` said there was none; found by a
    /// policy author's walk).
    @Test func anExampleFileThatDoesNotFitIsOneError() throws {
        let rules = Self.rules.replacingOccurrences(of: "exempel bra = { anordnare: { kreditvärdighet: 4 } }",
                                                    with: "exempel bra från \"bra.json\"")
            + "test \"också\"\n  vid ansökan 2025-03-01\n  utgår från bra\n  förväntas godkänd\n"
        let folder = try CLI.temporaryFolder(["r.kundval": rules, "bra.json": #"{"anordnare": {"kreditvärdighet": "fyra"}}"#])
        let check = try CLI.run(["check", folder.path, "--färg", "aldrig"])
        #expect(check.status == 1)
        #expect(check.stdout.components(separatedBy: "fel[K0603]").count == 2, "\(check.stdout)")
        #expect(check.stdout.contains("r.kundval:10:18: fel[K0603]: exemplets fil"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("kontrollerade 1 fil: 1 fel i 1 fil\n"), "\(check.stdout)")
        let test = try CLI.run(["test", folder.path, "--färg", "aldrig"])
        #expect(test.status == 1)
        #expect(test.stdout.components(separatedBy: "fel[K0603]").count == 2, "\(test.stdout)")
        #expect(!test.stdout.contains("K0602"), "\(test.stdout)")
        #expect(test.stdout.contains("  ✗ godkänd: kördes inte, exemplet `bra` kan inte användas\n"), "\(test.stdout)")
        #expect(test.stdout.contains("  ✗ också: kördes inte, exemplet `bra` kan inte användas\n"), "\(test.stdout)")
        // A broken file no test starts from is an error of `test` too (it said all passed, exit 0).
        let unused = rules.replacingOccurrences(of: "  utgår från bra\n", with: "  med anordnare.kreditvärdighet = 4\n")
        try unused.write(to: folder.appendingPathComponent("r.kundval"), atomically: true, encoding: .utf8)
        let alone = try CLI.run(["test", folder.path, "--färg", "aldrig"])
        #expect(alone.status == 1 && alone.stdout.contains("fel[K0603]"), "\(alone.stdout)")
        #expect(alone.stdout.hasSuffix("2 tester: alla gick igenom; 1 exempelfil kan inte användas\n"), "\(alone.stdout)")
        #expect(try CLI.run(["test", folder.path, "--json"]).status == 1)
        try rules.write(to: folder.appendingPathComponent("r.kundval"), atomically: true, encoding: .utf8)
        // The file fixed, both are clean.
        try #"{"anordnare": {"kreditvärdighet": 4}}"#.write(to: folder.appendingPathComponent("bra.json"),
                                                             atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", folder.path]).status == 0)
        #expect(try CLI.run(["test", folder.path]).status == 0)
    }

    /// An example file that is a symbolic link leading out of the rule file's folder is said to
    /// lead out, as K0417 says a `..` path does, by `check` and by `test`: it was K0603 "kan inte
    /// läsas — sökvägen räknas från regelfilens mapp", though the file was there and readable
    /// (found by an adversarial session). A link that stays inside the folder is read.
    @Test func anExampleLinkLeadingOutOfTheFolderSaysSo() throws {
        let rules = Self.rules.replacingOccurrences(of: "exempel bra = { anordnare: { kreditvärdighet: 4 } }",
                                                    with: "exempel bra från \"länk.json\"")
        let outside = try CLI.temporaryFolder(["bra.json": #"{"anordnare": {"kreditvärdighet": 4}}"#])
        let folder = try CLI.temporaryFolder(["r.kundval": rules, "inne.json": #"{"anordnare": {"kreditvärdighet": 4}}"#])
        let link = folder.appendingPathComponent("länk.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.appendingPathComponent("bra.json").path)
        let check = try CLI.run(["check", folder.path, "--färg", "aldrig"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("r.kundval:10:18: fel[K0417]: exemplets fil `länk.json` pekar ut ur regelfilens mapp genom en symbolisk länk\n"),
                "\(check.stdout)")
        #expect(check.stdout.contains("= hjälp: lägg filen i regelfilens mapp eller en mapp under den"), "\(check.stdout)")
        #expect(!check.stdout.contains("kan inte läsas"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("kontrollerade 1 fil: 1 fel i 1 fil\n"), "\(check.stdout)")
        let test = try CLI.run(["test", folder.path, "--färg", "aldrig"])
        #expect(test.status == 1)
        #expect(test.stdout.components(separatedBy: "fel[K0417]").count == 2, "\(test.stdout)")
        #expect(test.stdout.contains("  ✗ godkänd: kördes inte, exemplet `bra` kan inte användas\n"), "\(test.stdout)")
        // A link to a file inside the folder is read as the file.
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "inne.json")
        #expect(try CLI.run(["check", folder.path]).status == 0)
        #expect(try CLI.run(["test", folder.path]).status == 0)
    }

    /// A kundval's test that starts from its reglemente's example, whose file does not fit the
    /// kundval's facts, shows why (the reason was dropped with the one-line form, which is for
    /// an example of the file's own, whose error is shown at its path; a review).
    @Test func aReglementesExampleThatDoesNotFitSaysWhy() throws {
        let reglemente = Self.rules.replacingOccurrences(of: "exempel bra = { anordnare: { kreditvärdighet: 4 } }",
                                                         with: "exempel bra från \"bra.json\"")
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            typ Anordnare utökas
              timmar: heltal
            villkor 6
              kräver anordnare.timmar >= 1
            test "k"
              vid ansökan 2025-03-01
              utgår från bra
              förväntas godkänd

            """
        let folder = try CLI.temporaryFolder(["r.kundval": reglemente, "k.kundval": kundval,
                                              "bra.json": #"{"anordnare": {"kreditvärdighet": 4}}"#])
        let result = try CLI.run(["test", folder.appendingPathComponent("k.kundval").path, "--färg", "aldrig"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("fel[K0602]: testet kördes inte: exemplet `bra` kan inte användas"), "\(result.stdout)")
        #expect(result.stdout.contains("hjälp: exemplet står i reglementet, och dess fil passar inte detta dokuments fakta: "
                                       + "exemplets fil"), "\(result.stdout)")
        #expect(result.stdout.contains("anordnare.timmar: uppgiften saknas"), "\(result.stdout)")
        // The reglemente's own test, from the same file, passes.
        #expect(try CLI.run(["test", folder.appendingPathComponent("r.kundval").path]).status == 0)
    }

    @Test func rulesWithErrorsAreReportedInsteadOfRun() throws {
        let path = try CLI.temporaryFile(Array(Self.rules.replacingOccurrences(of: ">= 3", with: ">= 3 kr").utf8))
        let result = try CLI.run(["test", path, "--color", "never"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("fel[K0305]"))
        #expect(result.stderr.contains("reglerna har fel"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["test"]).status == 2)
        #expect(try CLI.run(["test", "finns-inte"]).status == 2)
        #expect(try CLI.run(["test", "conditions", "--okänd"]).status == 2)
        #expect(try CLI.run(["test", "conditions", "--color", "grön"]).status == 2)
    }

    @Test func coverageCountsPassedTestsPerCondition() throws {
        let path = try CLI.temporaryFile(Array((Self.rules + """
            villkor 7 "Utan test"
              kräver anordnare.kreditvärdighet finns
            test "brist i 6"
              vid ansökan 2025-03-01
              utgår från bra
              med anordnare.kreditvärdighet = 2
              förväntas villkor 6 ej uppfyllt
            test "misslyckas och räknas inte"
              vid ansökan 2025-03-01
              utgår från bra
              förväntas villkor 7 ej uppfyllt

            """).utf8))
        let text = try CLI.run(["täckning", path])
        // The coverage is shown, and a failing test makes the exit status 1 (issue 14).
        #expect(text.status == 1 && text.stderr.contains("1 test misslyckas och räknas inte"), "\(text.stderr)")
        #expect(text.stdout.contains("tester: 3 (1 misslyckas och räknas inte); täckta åt båda hållen: 1 av 2 (50 %)"), "\(text.stdout)")
        let result = try CLI.run(["täckning", path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let conditions = try #require(json.first?["villkor"] as? [[String: Any]])
        #expect(conditions.compactMap { $0["nummer"] as? String } == ["6", "7"])
        let tests = conditions.compactMap { $0["test"] as? [String: Int] }
        #expect(tests == [["uppfyllt": 1, "ej uppfyllt": 1, "underlag saknas": 0],
                          ["uppfyllt": 1, "ej uppfyllt": 0, "underlag saknas": 0]])
        #expect(conditions.compactMap { $0["täckt"] as? Bool } == [true, false])
    }

    /// A document of thousands of conditions gets its whole table, every row without trailing
    /// spaces: the trimming now works on each row, where it trimmed the whole table so far once
    /// per row (41 s for 2,000 conditions; found by a hostile-input session). The test shows the
    /// rows, not the time: it passes on the slow code too, only slower.
    @Test func coverageOfManyConditionsListsEveryRow() throws {
        let conditions = (1...3_000).map { "villkor \($0) \"V\($0)\"\n  kräver ja\n" }.joined()
        let path = try CLI.temporaryFile(Array(("reglemente \"Stor\" version \"1\"\n" + conditions).utf8))
        let result = try CLI.run(["täckning", path])
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true }
        #expect(rows.count == 3_000, "\(result.stderr)")
        #expect(rows.allSatisfy { !$0.hasSuffix(" ") })
    }

    /// The shipped rule files: every test passes, and every condition in force is covered both ways.
    @Test func shippedConditionsAreTestedAndCovered() throws {
        let tests = try CLI.run(["test", "conditions", "--color", "never"])
        #expect(tests.status == 0, "\(tests.stdout)")
        #expect(tests.stdout.contains("alla gick igenom"))
        let coverage = try CLI.run(["täckning", "conditions", "--json"])
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [[String: Any]])
        #expect(documents.count >= 2)
        for document in documents {
            let conditions = try #require(document["villkor"] as? [[String: Any]])
            let uncovered = conditions.filter { $0["täckt"] as? Bool != true }.compactMap { $0["nummer"] as? String }
            #expect(uncovered.isEmpty, "\(document["dokument"] ?? ""): \(uncovered)")
            #expect(document["misslyckade_tester"] as? Int == 0)
        }
    }

    // `--mutera`: the one test pins `>= 3` from above only; the survivor is listed with its place,
    // in text and JSON, and `--minst` turns the score into the exit status.
    @Test func mutationTestingListsWhatNoTestNotices() throws {
        let path = try CLI.temporaryFile(Array((Self.rules + """
            test "tre räcker"
              vid ansökan 2025-03-01
              utgår från bra
              med anordnare.kreditvärdighet = 3
              förväntas godkänd

            """).utf8))
        let text = try CLI.run(["test", "--mutera", path])
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains(":7:") && text.stdout.contains(": villkor 6: gränsvärde `3` → `2`"), "\(text.stdout)")
        #expect(text.stdout.contains("4 mutanter, 2 dödade, 2 överlevde, 0 ogiltiga: 50,0 % dödade"), "\(text.stdout)")

        let json = try CLI.run(["test", "--mutera", path, "--json", "--minst", "90"])
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((report["filer"] as? [[String: Any]])?.first)
        #expect(file["mutanter"] as? Int == 4)
        let survivors = try #require(file["överlevande"] as? [[String: Any]])
        #expect(survivors.map { $0["till"] as? String } == ["ja", "2"])
        #expect(survivors.first?["del"] as? String == "villkor 6")
        #expect(survivors.first?["rad"] as? Int == 7)

        let usage = try CLI.run(["test", path, "--minst", "90"])
        #expect(usage.status == 2)
    }
}
