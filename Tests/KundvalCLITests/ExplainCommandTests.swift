import Foundation
import Testing

/// `kundval förklara` from the outside: a condition's status for a provider, in Swedish.
@Suite struct ExplainCommandTests {
    @Test func aFailingConditionIsExplainedWithItsWordingFactsAndConsequence() throws {
        let result = try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "17", "--facts",
                                  "conditions/exempel/oppenvard-brister.json", "--bedömning", "uppföljning", "--datum", "2025-03-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.hasPrefix("Villkor 17 ”Daglig ledning” är ej uppfyllt vid uppföljning 2025-03-01.\n"), "\(text)")
        #expect(text.contains("Lydelse i reglementet:\n  Den som utövar den dagliga ledningen"))
        #expect(text.contains("Lydelse i kundvalet:\n"))
        #expect(text.contains("  - Kravet ”Frånvaro över sex veckor meddelad” är inte uppfyllt.\n"))
        #expect(text.contains("`frånvarodagar(f) <= 6 veckor` är falskt"))
        #expect(text.contains("Följd vid brist: ej godkänd auktorisation, sanktion\n"), "\(text)")
        #expect(text.contains("Påföljd för villkoret: varning (tillåtna: åtgärdsplan, varning, vite, åtgärdsplan_förenad_med_vite, varning_förenad_med_vite, avauktorisation; enligt val_av_sanktion: "), "\(text)")
        #expect(text.contains("Rekommenderad sanktion för beslutet: varning för villkor 17, 23 (enligt val_av_sanktion"), "\(text)")
    }

    @Test func aServiceAndAMetConditionAndMistakes() throws {
        let service = try CLI.run(["förklara", "conditions/arbete-etablering-002.kundval", "fai_1", "--facts",
                                   "conditions/exempel/arbete-etablering-godkand.json", "--datum", "2025-03-01"])
        #expect(service.stdout == "Insatsen fai_1 ”FAI 1 Arbetsprövning”: uppfyllt vid ansökan 2025-03-01.\n", "\(service.stdout)\(service.stderr)")
        let met = try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "4", "--facts",
                               "conditions/exempel/oppenvard-godkand.json", "--datum", "2025-03-01"])
        #expect(met.stdout.hasPrefix("Villkor 4 ”Registreringsbevis” är uppfyllt vid ansökan 2025-03-01."), "\(met.stdout)")
        let unknown = try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "32", "--facts",
                                   "conditions/exempel/oppenvard-godkand.json"])
        #expect(unknown.status == 2 && unknown.stderr.contains("villkor `32` finns inte"))
        #expect(try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "4"]).status == 2)
    }

    /// A condition that cannot be decided reads as a Swedish sentence (`kan inte avgöras:
    /// underlag saknas`), not `är underlag saknas`.
    @Test func anUndecidedConditionIsASentence() throws {
        let facts = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.repositoryRoot
            .appendingPathComponent("conditions/exempel/oppenvard-godkand.json"))) as? [String: Any]
        var provider = try #require(facts?["anordnare"] as? [String: Any])
        provider["registreringsbevis"] = nil
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("utan-bevis-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["anordnare": provider]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "4", "--facts", file.path, "--datum", "2025-03-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Villkor 4 ”Registreringsbevis” kan inte avgöras: underlag saknas vid ansökan 2025-03-01.\n"),
                "\(result.stdout)")
    }

    /// A condition the kundval switches off (`förekommer inte i detta kundval`) shows the
    /// reglemente's wording and why it does not apply, but no evidence to check and no
    /// consequence of a shortfall: neither applies in this kundval.
    @Test func aSwitchedOffConditionHasNoEvidenceOrConsequence() throws {
        let result = try CLI.run(["förklara", "conditions/oppenvard-000.kundval", "19", "--facts",
                                  "conditions/exempel/oppenvard-brister.json", "--datum", "2025-03-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Villkor 19 ”Belastningsregister och misstankeregister” är ej tillämpligt"), "\(result.stdout)")
        #expect(result.stdout.contains("Villkoret förekommer inte i detta kundval."), "\(result.stdout)")
        #expect(!result.stdout.contains("Underlag för kontroll"), "\(result.stdout)")
        #expect(!result.stdout.contains("Följd vid brist"), "\(result.stdout)")
    }

    // Issue 15: a clarification printed by one document only is shown for that kundval only.
    @Test func aClarificationOfOneDocumentIsShownOnlyForItsKundval() throws {
        let arguments = ["29", "--facts", "conditions/exempel/oppenvard-godkand.json", "--bedömning", "uppföljning", "--datum", "2025-03-01"]
        let öppenvård = try CLI.run(["förklara", "conditions/oppenvard-000.kundval"] + arguments)
        #expect(öppenvård.stdout.contains("Plan för extraordinära händelser"), "\(öppenvård.stdout)\(öppenvård.stderr)")
        let arbete = try CLI.run(["förklara", "conditions/arbete-etablering-002.kundval", "29", "--facts",
                                  "conditions/exempel/arbete-etablering-godkand.json", "--bedömning", "uppföljning", "--datum", "2025-03-01"])
        #expect(arbete.status == 0, "\(arbete.stderr)")
        #expect(!arbete.stdout.contains("Plan för extraordinära händelser"), "\(arbete.stdout)")
    }

    // Issue 14: `--brister` shows only what did not hold.
    @Test func onlyWhatDecidedTheShortfall() throws {
        let arguments = ["förklara", "conditions/oppenvard-000.kundval", "17", "--facts", "conditions/exempel/oppenvard-brister.json",
                         "--bedömning", "uppföljning", "--datum", "2025-03-01"]
        let all = try CLI.run(arguments).stdout
        let failures = try CLI.run(arguments + ["--brister"])
        #expect(failures.status == 0)
        #expect(failures.stdout.contains("Så prövades det som inte höll"))
        #expect(failures.stdout.contains("`frånvarodagar(f) <= 6 veckor` är falskt"))
        #expect(!failures.stdout.contains("p.adekvat_kompetens"), "a requirement that held is not shown")
        #expect(all.contains("p.adekvat_kompetens"))
        let count = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("  rad ") || $0.contains(" rad ") }.count }
        #expect(count(failures.stdout) * 3 < count(all), "\(count(failures.stdout)) of \(count(all)) lines")
    }
}
