@testable import KundvalRuntime
import Testing

/// A condition of several parts whose one failing part waits for a table's factor still leads
/// to at least what its other failing parts decide: both parts of villkor 1 failing gave no
/// sanction at all where part B alone gave a varning (found by a policy author checking a new
/// kundval against an oracle of her own; conditions beside one that waits already counted).
struct PartialSanctionTests {
    static let rules = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Påverkan: en av ringa, allvarlig
        bedömning uppföljning
          vid brist: sanktion
        typ Anordnare
          a: ja/nej
          b: ja/nej
          c: ja/nej
        fakta
          anordnare: Anordnare
          påverkan: Påverkan kan saknas
        sanktioner enligt val
        tabell val(påverkan: Påverkan): Sanktion
          | ringa     | åtgärdsplan |
          | allvarlig | vite        |
        villkor 1 "Del A"
          kräver anordnare.a
          vid brist: sanktion
        villkor 1 "Del B"
          kräver anordnare.b
          vid brist: varning
        villkor 2 "C"
          kräver anordnare.c
          vid brist: sanktion
        """

    /// The recommendation of both paths (quick and explained), which must agree.
    static func recommendation(_ facts: String) throws -> SanctionRecommendation? {
        let document = try CodePathAgreementTests.document(Self.rules)
        let decoded = try document.decoder.decode(json: Array(facts.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let quick = try document.evaluate(decoded, assessment: "uppföljning", date: date)
        let explained = try document.evaluate(decoded, assessment: "uppföljning", date: date, explain: true)
        #expect(quick.sanction == explained.sanction)
        return quick.sanction
    }

    @Test func aPartDecidedCountsWhileAnotherWaits() throws {
        let waiting = try #require(try Self.recommendation(#"{"anordnare": {"a": false, "b": false, "c": true}}"#))
        #expect(waiting.sanction?.name == "varning")
        #expect(waiting.conditions == ["1"] && waiting.undecidedConditions == ["1"] && waiting.missingFactors == ["påverkan"])
        // As part B beside another condition that waits.
        let beside = try #require(try Self.recommendation(#"{"anordnare": {"a": true, "b": false, "c": false}}"#))
        #expect(beside.sanction?.name == "varning" && beside.undecidedConditions == ["2"])
    }

    @Test func theMostSevereDecidedPartLeads() throws {
        let severe = try #require(try Self.recommendation(#"{"anordnare": {"a": false, "b": false, "c": true}, "påverkan": "allvarlig"}"#))
        #expect(severe.sanction?.name == "vite" && severe.undecidedConditions.isEmpty)
        let mild = try #require(try Self.recommendation(#"{"anordnare": {"a": false, "b": false, "c": true}, "påverkan": "ringa"}"#))
        #expect(mild.sanction?.name == "varning" && mild.undecidedConditions.isEmpty && mild.conditions == ["1"])
    }
}
