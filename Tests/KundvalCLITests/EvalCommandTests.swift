import Foundation
import Testing

/// `kundval eval` and `kundval bench` from the outside.
@Suite struct EvalCommandTests {
    static let kundval = "Öppenvårdsinsatser för personer med skadligt bruk och beroende"

    @Test func approvedProviderAsText() throws {
        let result = try CLI.run(["eval", Self.kundval, "--facts", "conditions/exempel/oppenvard-godkand.json",
                                  "--datum", "2025-03-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("utfall: godkänd"))
        #expect(result.stdout.contains("19 (förekommer inte i detta kundval)"))
        // A computation whose facts are not given is not shown in the text (every decision said
        // `beräkningar: ickevalsalternativ = okänt`); the JSON keeps it, as null.
        #expect(!result.stdout.contains("= okänt"), "\(result.stdout)")
        let json = try CLI.run(["eval", Self.kundval, "--facts", "conditions/exempel/oppenvard-godkand.json",
                                "--datum", "2025-03-01", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rotation = try #require((object["beräkningar"] as? [String: Any])?["ickevalsalternativ"] as? [String: Any])
        #expect(rotation["värde"] is NSNull)
    }

    @Test func shortfallsAtFollowUpAsJSON() throws {
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts", "conditions/exempel/oppenvard-brister.json",
                                  "--datum", "2025-03-01", "--bedömning", "uppföljning", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["utfall"] as? String == "brister")
        let conditions = try #require(json["villkor"] as? [[String: Any]])
        let failing = conditions.filter { $0["status"] as? String == "ej uppfyllt" }.compactMap { $0["nummer"] as? String }
        #expect(failing == ["17", "23"])
        #expect(conditions.allSatisfy { $0["förklaring"] is [String] })
        // Explanation lines of a kundval say which file each line is in: the reglemente's and the
        // kundval's own (a bare `rad 237` beside the reglemente's lines read as one of them).
        let explanation = try #require(conditions.first { $0["nummer"] as? String == "17" }?["förklaring"] as? [String])
        #expect(explanation.contains { $0.hasPrefix("reglemente-31.kundval rad ") }, "\(explanation)")
        #expect(explanation.contains { $0.hasPrefix("oppenvard-000.kundval rad ") }, "\(explanation)")
        #expect(!explanation.contains { $0.hasPrefix("rad ") }, "\(explanation)")
        #expect((json["sanktion"] as? [String: Any])?["sanktion"] as? String == "varning")
        // The fine goes with the step vite (the policy's `vid vite: vitesbelopp`): with a warning,
        // neither the sanction nor the computations show it.
        #expect((json["sanktion"] as? [String: Any])?["belopp"] is NSNull)
        #expect((json["beräkningar"] as? [String: Any])?["vitesbelopp"] == nil)
    }

    /// A rule file named without its folder is looked for in the rule folder; a file that is
    /// nowhere is an error that names it (the folder it would be in, the working directory, was
    /// read instead: every rule file below it, with their errors).
    /// A fine computed from a negative percentage is an error naming the amount, not a
    /// recommendation of `-41250 kr` (found by an adversarial test); and a facts file larger
    /// than a line of `kundval batch` is refused before it is read (one of 210 MB was decoded
    /// for minutes).
    @Test func aNegativeFineAndAFactsFileTooLargeAreRefused() throws {
        let data = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/exempel/oppenvard-brister.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["vite_procentsats"] = -5
        object["inte_åtgärdad_inom_utsatt_tid"] = true
        let negative = try CLI.temporaryFile(Array(try JSONSerialization.data(withJSONObject: object)), name: "negativ.json")
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", negative, "--bedömning", "uppföljning",
                                  "--datum", "2025-03-01"])
        #expect(result.status == 2)
        #expect(result.stderr == "kundval eval: definitionen `vitesbelopp` kunde inte beräknas: sanktionens belopp blev negativt; "
                + "kontrollera uppgifterna det räknas från\n", "\(result.stderr)")
        let large = try CLI.temporaryFile(Array(repeating: UInt8(ascii: " "), count: (16 << 20) + 1), name: "stor.json")
        let refused = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", large, "--datum", "2025-03-01"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasSuffix("är 16 MiB; en anordnares fakta får vara högst 16 MiB, som en rad i `kundval batch`\n"),
                "\(refused.stderr)")
    }

    @Test func aRuleFileIsFoundInTheRuleFolderOrNamedAsMissing() throws {
        let found = try CLI.run(["eval", "oppenvard-000.kundval", "--facts", "conditions/exempel/oppenvard-godkand.json",
                                 "--datum", "2025-03-01"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("utfall: godkänd"))
        let missing = try CLI.run(["eval", "oppenvard-00.kundval", "--facts", "conditions/exempel/oppenvard-godkand.json",
                                   "--datum", "2025-03-01"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "kundval eval: filen `oppenvard-00.kundval` finns inte; menade du `conditions/oppenvard-000.kundval`?\n",
                "\(missing.stderr)")
        // Its name without `.kundval`, as the file is listed, names its document too.
        let stem = try CLI.run(["eval", "oppenvard-000", "--facts", "conditions/exempel/oppenvard-godkand.json",
                                "--datum", "2025-03-01"])
        #expect(stem.status == 0, "\(stem.stderr)")
        #expect(stem.stdout == found.stdout)
    }

    /// An undecided service names what it misses in eval's text, as a condition does.
    /// Facts of another kundval are named as such, with the file that takes them (as the REPL
    /// names them), by `eval` and `förklara`; only the list of mismatches was printed.
    @Test func factsOfAnotherKundvalNameTheDocumentTheyFit() throws {
        let arguments = ["--fakta", "conditions/exempel/oppenvard-godkand.json", "--datum", "2025-03-01"]
        for command in [["eval", "conditions/arbete-etablering-002.kundval"], ["förklara", "conditions/arbete-etablering-002.kundval", "1"]] {
            let result = try CLI.run(command + arguments)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.hasSuffix("  fakta passar \"Öppenvårdsinsatser för personer med skadligt bruk och beroende\": ange `oppenvard-000.kundval` i stället\n"),
                    "\(result.stderr)")
        }
        // Facts that fit no document get no such line.
        let none = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/oppenvard-brister.json",
                                "--datum", "2025-03-01"])
        #expect(!none.stderr.contains("fakta passar"))
    }

    @Test func anUndecidedServiceNamesItsMissingFacts() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-radgivning-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let example = try String(contentsOfFile: "conditions/exempel/oppenvard-godkand.json", encoding: .utf8)
        var facts = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
        var provider = try #require(facts["anordnare"] as? [String: Any])
        provider["rådgivning"] = NSNull()
        facts["anordnare"] = provider
        try JSONSerialization.data(withJSONObject: facts).write(to: url)
        let result = try CLI.run(["eval", "oppenvard-000", "--fakta", url.path, "--datum", "2025-03-01"])
        #expect(result.stdout.contains("insats rådgivning_och_förstärkt_stöd ”Rådgivning och förstärkt stöd”: underlag saknas"))
        #expect(result.stdout.contains("    saknade fakta: anordnare.rådgivning."), "\(result.stdout)")
    }

    /// Run where there is no `conditions` folder, eval says how to name the rules; a facts file
    /// that cannot be read says why; a document's name without quotes is named as such; the
    /// REPL's `förklara` without a number says what it needs.
    @Test func missingRulesFactsAndNumbersSayWhatToDo() throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let noRules = try CLI.run(["eval", Self.kundval, "--fakta", "x.json"], in: elsewhere)
        #expect(noRules.status == 2)
        #expect(noRules.stderr == "kundval eval: mappen `conditions` finns inte; ange mappen med regelfilerna med `--regler MAPP`\n",
                "\(noRules.stderr)")
        let noFacts = try CLI.run(["eval", Self.kundval, "--fakta", "conditions/exempel/finns-inte.json"])
        #expect(noFacts.stderr == "kundval eval: kan inte läsa `conditions/exempel/finns-inte.json`: filen finns inte\n",
                "\(noFacts.stderr)")
        let folder = try CLI.run(["eval", Self.kundval, "--fakta", "conditions"])
        #expect(folder.stderr.hasSuffix("det är en mapp\n"), "\(folder.stderr)")
        let unquoted = try CLI.run(["eval", "Arbete", "och", "etablering", "--fakta", "x.json"])
        #expect(unquoted.status == 2)
        #expect(unquoted.stderr.hasPrefix("kundval eval: för många argument: `Arbete` `och` `etablering`; skriv ett namn med "
                                          + "mellanslag inom citattecken, till exempel `kundval eval \"Arbete och etablering\"`\n"),
                "\(unquoted.stderr)")
        let repl = try CLI.run(["repl"], stdin: "förklara\n")
        #expect(repl.stdout.contains("fel: skriv villkorets nummer eller insatsens namn, till exempel `förklara 17`"), "\(repl.stdout)")
    }

    /// A definition that cannot be computed fails the evaluation as a condition does, in text
    /// and in JSON: never `okänt` with exit 0.
    @Test func anErrorInADefinitionFailsTheEvaluation() throws {
        let rules = """
            reglemente "R" version "1"
            typ Anordnare
              anställda: heltal
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Antal"
              kräver anordnare.anställda >= 0
            definition per_anställd: decimaltal = 100 / anordnare.anställda

            """
        let file = try CLI.temporaryFile(Array(rules.utf8), name: "r.kundval")
        let facts = try CLI.temporaryFile(Array("{\"anordnare\": {\"anställda\": 0}}".utf8), name: "fakta.json")
        let message = "definitionen `per_anställd` kunde inte beräknas: division med noll"
        let text = try CLI.run(["eval", file, "--facts", facts, "--datum", "2025-03-01"])
        #expect(text.status == 2 && text.stderr.contains(message) && text.stdout.isEmpty, "\(text.stderr)")
        // In JSON mode the error is JSON on standard output (issue 14).
        let json = try CLI.run(["eval", file, "--facts", facts, "--datum", "2025-03-01", "--json"])
        #expect(json.status == 2 && json.stderr.isEmpty)
        #expect(json.stdout == "{\"fel\": \"kundval eval: \(message)\"}\n", "\(json.stdout)")
        let fine = try CLI.temporaryFile(Array("{\"anordnare\": {\"anställda\": 4}}".utf8), name: "fakta.json")
        let computed = try CLI.run(["eval", file, "--facts", fine, "--datum", "2025-03-01"])
        #expect(computed.status == 0)
        #expect(computed.stdout.contains("per_anställd = 25"))
    }

    @Test func badInputGivesOneClearMessageAndExitTwo() throws {
        let path = try CLI.temporaryFile(Array("{\"anordnare\": {\"namn\": 3}}".utf8), name: "fakta.json")
        let wrongType = try CLI.run(["eval", Self.kundval, "--facts", path, "--datum", "2025-03-01"])
        #expect(wrongType.status == 2)
        #expect(wrongType.stderr.contains("anordnare.namn: värdet är talet 3 (väntade `text`)"))
        let malformed = try CLI.temporaryFile(Array("{\"anordnare\": ".utf8), name: "fakta.json")
        #expect(try CLI.run(["eval", Self.kundval, "--facts", malformed]).stderr.contains("rad 1, kolumn 15"))
        let unknown = try CLI.run(["eval", "Öppenvård", "--facts", path])
        #expect(unknown.status == 2 && unknown.stderr.contains("det finns inget dokument"))
        let badDate = try CLI.run(["eval", Self.kundval, "--facts", path, "--datum", "2025-02-30"])
        #expect(badDate.status == 2)
        let noFacts = try CLI.run(["eval", Self.kundval])
        #expect(noFacts.status == 2 && noFacts.stderr.contains("--fakta"))
        let unknownAssessment = try CLI.run(["eval", Self.kundval, "--facts", "conditions/exempel/oppenvard-godkand.json",
                                             "--bedömning", "ansökning"])
        #expect(unknownAssessment.status == 2 && unknownAssessment.stderr.contains("det finns ingen bedömning `ansökning`"))
    }

    /// The benchmark checks that the interpreter and the hand-written Swift agree on every
    /// condition and service of every generated provider before timing anything.
    @Test func benchAgreesWithTheHandWrittenSwift() throws {
        let result = try CLI.run(["bench", "--antal", "60", "--varv", "1", "--utan-förklaring"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("µs per beslut"))
    }

    /// A rule folder that does not exist is an error also when a file names the document (it
    /// was ignored; found by a hostile-input session).
    @Test func aMissingRuleFolderIsAnErrorBesideAFile() throws {
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/oppenvard-godkand.json",
                                  "--regler", "/finns/inte"])
        #expect(result.status == 2)
        #expect(result.stderr == "kundval eval: mappen `/finns/inte` (`--regler`) finns inte\n", "\(result.stderr)")
    }

    /// A count or a number of rounds that is no whole number in range is a usage error:
    /// `--antal -1` and `--varv 0` crashed `bench`, `--antal abc` was ignored (found by a
    /// hostile-input session); a flag given twice says so instead of calling it unknown.
    @Test(arguments: [["--antal", "-1"], ["--antal", "0"], ["--antal", "abc"], ["--varv", "0"], ["--varv", "-1"],
                      ["--varv", "99999999999999999999"]])
    func benchRefusesCountsOutOfRange(arguments: [String]) throws {
        let result = try CLI.run(["bench"] + arguments + ["--utan-förklaring"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("kundval bench: `\(arguments[0])` väntar ett heltal från 1 till"), "\(result.stderr)")
        let twice = try CLI.run(["bench", "--utan-förklaring", "--utan-förklaring"])
        #expect(twice.status == 2 && twice.stderr == "kundval bench: `--utan-förklaring` anges flera gånger; ange den en gång\n",
                "\(twice.stderr)")
    }

    // Issue 14: two versions of a reglemente without dates are equally in force; a name alone
    // does not choose between them.
    @Test func aNameWithTwoVersionsInForceIsAnError() throws {
        let result = try CLI.run(["eval", "Reglemente för kundval", "--facts", "conditions/exempel/reglemente-godkand.json",
                                  "--datum", "2025-03-01"])
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.contains("finns i flera versioner som gäller samtidigt: version `27 villkor`"), "\(result.stderr)")
        let version = try CLI.run(["eval", "31 villkor", "--facts", "conditions/exempel/reglemente-godkand.json", "--datum", "2025-03-01"])
        #expect(version.status == 0 && version.stdout.hasPrefix("Reglemente för kundval (31 villkor)"), "\(version.stderr)")
    }

    // Issue 14: each message says what is actually wrong.
    @Test(arguments: [
        ("--datum", "2025-02-30", "`2025-02-30` är inget datum: februari 2025 har 28 dagar"),
        ("--datum", "2025-13-01", "`2025-13-01` är inget datum: det finns ingen månad 13"),
        ("--datum", "1 mars", "`1 mars` är inget datum på formen ÅÅÅÅ-MM-DD"),
    ])
    func aDateThatIsNoDaySaysWhy(flag: String, value: String, message: String) throws {
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts", "conditions/exempel/oppenvard-godkand.json", flag, value])
        #expect(result.status == 2)
        #expect(result.stderr == "kundval eval: \(message)\n", "\(result.stderr)")
    }

    @Test(arguments: [
        (Array("not json".utf8), "fakta i `FIL` är inte giltig JSON:\n  rad 1, kolumn 1: `not` är inget JSON-värde; ett värde är ett objekt `{…}`, en lista `[…]`, en text, ett tal, `true`, `false` eller `null`"),
        (Array(#"{"anordnare": {"a": tru}}"#.utf8), "fakta i `FIL` är inte giltig JSON:\n  rad 1, kolumn 21: väntade `true` men fann `tru`"),
        (Array(#"{"anordnare": {"a": 3}}"#.utf8), "fakta i `FIL` stämmer inte med reglerna:"),
    ])
    func malformedFactsAreCalledMalformed(bytes: [UInt8], message: String) throws {
        let rules = try CLI.temporaryFile(Array("reglemente \"R\" version \"1\"\ntyp A\n  a: ja/nej\nfakta\n  anordnare: A\nbedömning ansökan\n  vid brist: ej godkänd auktorisation\n".utf8))
        let facts = URL(fileURLWithPath: rules).deletingLastPathComponent().appendingPathComponent("fakta.json").path
        try Data(bytes).write(to: URL(fileURLWithPath: facts))
        let result = try CLI.run(["eval", rules, "--facts", facts, "--datum", "2025-03-01"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("kundval eval: " + message.replacingOccurrences(of: "FIL", with: facts)), "\(result.stderr)")
    }

    @Test func factsWithAByteOrderMarkAreRead() throws {
        let rules = try CLI.temporaryFile(Array("reglemente \"R\" version \"1\"\ntyp A\n  a: ja/nej\nfakta\n  anordnare: A\nbedömning ansökan\n  vid brist: ej godkänd auktorisation\n".utf8))
        let facts = URL(fileURLWithPath: rules).deletingLastPathComponent().appendingPathComponent("fakta.json").path
        try Data([0xEF, 0xBB, 0xBF] + Array(#"{"anordnare": {"a": true}}"#.utf8)).write(to: URL(fileURLWithPath: facts))
        let result = try CLI.run(["eval", rules, "--facts", facts, "--datum", "2025-03-01"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func anOptionGivenTwiceIsSaidSo() throws {
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts", "a.json", "--facts", "b.json"])
        #expect(result.status == 2)
        #expect(result.stderr == "kundval eval: `--fakta` anges 2 gånger; ange den en gång\n", "\(result.stderr)")
    }
}
