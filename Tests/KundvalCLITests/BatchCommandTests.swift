import Foundation
import Testing

/// `kundval batch` from the outside: one output line per input line, errors as values.
@Suite struct BatchCommandTests {
    static func lines(_ files: [String]) throws -> String {
        try files.map { name in
            let data = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/exempel/\(name)"))
            let object = try JSONSerialization.jsonObject(with: data)
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }.joined(separator: "\n")
    }

    @Test func decisionsAndErrorsOneLineEach() throws {
        let input = try Self.lines(["oppenvard-godkand.json"]) + "\n\n{\"anordnare\": 3\n"
            + (try Self.lines(["oppenvard-brister.json"])) + "\n{\"anordnare\": {\"namn\": 1}}\n"
        let result = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01",
                                  "--bedömning", "uppföljning"], stdin: input)
        #expect(result.status == 2, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["rad"] as? Int } == [1, 3, 4, 5])
        #expect((objects[0]["beslut"] as? [String: Any])?["utfall"] as? String == "inga brister")
        #expect(objects[1]["fel"] as? [String] == ["kolumn 16: väntade `,` eller `}`"])
        #expect((objects[2]["beslut"] as? [String: Any])?["utfall"] as? String == "brister")
        #expect((objects[3]["fel"] as? [String])?.first == "anordnare.namn: värdet är talet 1 (väntade `text`)")
        // No progress line when standard error is not a terminal, but one line that says why the
        // exit status is 2 (a newcomer saw exit 2 and nothing on standard error).
        #expect(result.stderr == "kundval batch: 2 av 4 rader kunde inte bedömas; deras \"fel\" står i utdata\n")
    }

    /// The computations are in a line's decision with `--beräkningar`, as `eval --json` has
    /// them; without it "beräkningar" is empty (an author read the empty object as "none").
    @Test func computationsWhenAskedFor() throws {
        let input = try Self.lines(["oppenvard-godkand.json"]) + "\n"
        for (flags, expected) in [([String](), false), (["--beräkningar"], true), (["--computations"], true)] {
            let result = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01"] + flags, stdin: input)
            #expect(result.status == 0, "\(result.stderr)")
            let line = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let computed = try #require((line["beslut"] as? [String: Any])?["beräkningar"] as? [String: Any])
            #expect((computed["ickevalsalternativ"] != nil) == expected, "\(flags): \(computed)")
        }
    }

    /// A computation that cannot be made stops the evaluation in `batch` as in `eval` and
    /// `förklara`, with or without `--beräkningar`: `batch` approved where `eval` stopped, and
    /// `förklara` explained a met condition (found by an adversarial session).
    @Test func aComputationThatCannotBeMadeStopsEveryCommandAlike() throws {
        let folder = try CLI.temporaryFolder([
            "m.kundval": """
                reglemente "M" version "1"
                typ Anordnare
                  t: timmar
                  n: heltal
                fakta
                  anordnare: Anordnare
                bedömning ansökan
                  vid brist: ej godkänd auktorisation
                definition kvot: decimaltal = anordnare.t / (anordnare.n * 1 timmar)
                villkor 1 "Timmar"
                  kräver anordnare.t > 0 timmar
                """,
            "f.json": #"{"anordnare": {"t": 5, "n": 0}}"#,
        ])
        let (rules, facts) = (folder.appendingPathComponent("m.kundval").path, folder.appendingPathComponent("f.json").path)
        let message = "definitionen `kvot` kunde inte beräknas: division med noll"
        for flags in [[], ["--beräkningar"]] {
            let batch = try CLI.run(["batch", rules, "--in", facts, "--datum", "2025-03-01"] + flags)
            #expect(batch.stdout == "{\"rad\": 1, \"fel\": [\"\(message)\"]}\n", "\(flags): \(batch.stdout)")
        }
        for command in [["eval", rules], ["förklara", rules, "1"]] {
            let result = try CLI.run(command + ["--fakta", facts, "--datum", "2025-03-01"])
            #expect(result.status != 0 && result.stderr.contains(message), "\(command): \(result.stdout) \(result.stderr)")
        }
    }

    @Test func anIdentityPathThatNoLineHasIsWarnedAboutOnce() throws {
        // A newcomer's misspelled --id gave `"id": null` on every line and nothing else.
        let input = try Self.lines(["oppenvard-godkand.json", "oppenvard-godkand.json"])
        let result = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01", "--id", "anordnare.orgnr"],
                                 stdin: input)
        #expect(result.status == 0)
        #expect(result.stderr == "kundval batch: varning: rad 1 har inget värde vid `anordnare.orgnr` (--id); sådana rader får \"id\": null\n")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"rad\": ") && $0.contains("\"id\": null") })
        let named = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01",
                                 "--id", "anordnare.organisationsnummer"], stdin: input)
        #expect(named.stderr.isEmpty && named.stdout.contains("\"id\": \"556"), "\(named.stderr)")
        // A path with an empty field names nothing: it is refused before any line is read.
        for path in ["", "anordnare..namn", "anordnare."] {
            let empty = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01", "--id", path], stdin: input)
            #expect(empty.status == 2 && empty.stdout.isEmpty, "\(path)")
            #expect(empty.stderr.hasPrefix("kundval batch: `--id \(path)` är ingen fältsökväg"), "\(empty.stderr)")
        }
    }

    @Test func allGoodIsExitZeroAndUsageErrorsAreExitTwo() throws {
        let input = try Self.lines(["oppenvard-godkand.json", "oppenvard-godkand.json"])
        let ok = try CLI.run(["batch", "Öppenvårdsinsatser för personer med skadligt bruk och beroende",
                              "--datum", "2025-03-01"], stdin: input)
        #expect(ok.status == 0 && ok.stdout.split(separator: "\n").count == 2, "\(ok.stderr)")
        #expect(try CLI.run(["batch"]).status == 2)
        #expect(try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--in", "/finns/inte.jsonl"]).status == 2)
        #expect(try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--bedömning", "tillsyn"], stdin: "").status == 2)
    }

    // Issue 14: `--id` echoes each line's identity, also on a line that cannot be decided, and
    // `--in -` is standard input.
    @Test func eachLineCarriesTheIdentityAskedFor() throws {
        let input = try Self.lines(["oppenvard-godkand.json"]) + "\n{\"anordnare\": {\"namn\": \"Okänd AB\"}}\nnot json\n"
        let result = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--in", "-", "--id", "anordnare.namn",
                                  "--datum", "2025-03-01"], stdin: input)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("{\"rad\": 1, \"id\": \"Exempelvården AB\", \"beslut\": "), "\(lines[0].prefix(80))")
        #expect(lines[1].hasPrefix("{\"rad\": 2, \"id\": \"Okänd AB\", \"fel\": "), "\(lines[1].prefix(80))")
        #expect(lines[2].hasPrefix("{\"rad\": 3, \"id\": null, \"fel\": "), "\(lines[2].prefix(80))")
    }

    @Test func evalReadsFactsFromStandardInput() throws {
        let facts = try Self.lines(["oppenvard-godkand.json"])
        let result = try CLI.run(["eval", "conditions/oppenvard-000.kundval", "--facts", "-", "--datum", "2025-03-01"], stdin: facts)
        #expect(result.status == 0 && result.stdout.contains("utfall: godkänd"), "\(result.stderr)")
    }

    /// A JSON file of one provider over many lines (an example file) gets one warning that batch
    /// reads a provider per line, besides each line's error; a line that is a whole value does not.
    @Test func aJSONTextOverManyLinesIsNamedOnce() throws {
        let result = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--in", "conditions/exempel/oppenvard-godkand.json",
                                  "--datum", "2025-03-01"])
        #expect(result.status == 2)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("JSON Lines") }
        #expect(warnings == ["kundval batch: varning: rad 1 börjar ett JSON-värde som fortsätter på nästa rad; batch läser en "
                             + "anordnare per rad (JSON Lines), så skriv varje anordnares fakta på en rad"], "\(result.stderr)")
        // A whole value on its line, with brackets inside its texts, is no such opening.
        let whole = try CLI.run(["batch", "conditions/oppenvard-000.kundval", "--datum", "2025-03-01"],
                                stdin: #"{"anordnare": {"namn": "{[ Ab"}, "x": [1]}"# + "\n")
        #expect(whole.status == 2)
        #expect(!whole.stderr.contains("JSON Lines"), "\(whole.stderr)")
    }
}
