import KundvalRuntime
import Testing

/// A computation that fails says where: the last fact the failing condition's or service's
/// rules read before the error, as its line of an explanation. A failure named only the
/// condition and the error ("villkor 1 kunde inte beräknas: datumet hamnade utanför åren
/// 1–9999"), and the fact that made it had to be looked for (found by an adversarial session).
@Suite struct FailureLocationTests {
    static let rules = """
        reglemente "R" version "1"
        typ Anordnare
          start: datum
          timmar: heltal
          personer: heltal
          ok: ja/nej
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        villkor 1 "Gäller inte"
          gäller när anordnare.ok
          kräver anordnare.timmar / (anordnare.personer - anordnare.personer) > 1
        villkor 2 "Frist"
          kräver nästa_arbetsdag(anordnare.start) > 2000-01-01
        insats stöd "Stöd"
          kräver anordnare.timmar / anordnare.personer >= 1

        """

    static func failure(_ json: String) throws -> EvaluationFailure? {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.rules)]).get()
        let document = try #require(rules.document(named: "R"))
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        do throws(EvaluationFailure) {
            _ = try document.evaluate(facts, assessment: "ansökan", date: date)
            return nil
        } catch {
            return error
        }
    }

    @Test func aConditionsFailureNamesTheLastFactItRead() throws {
        // Condition 1 does not apply, and its division is never made: condition 2 fails.
        let failure = try #require(try Self.failure(#"{"anordnare": {"start": "9999-12-31", "timmar": 1, "personer": 1, "ok": false}}"#))
        #expect(failure.description
                == "villkor 2 kunde inte beräknas: datumet hamnade utanför åren 1–9999; senast lästa uppgift: rad 16: anordnare.start = 9999-12-31")
        #expect(failure.unlocated == .computation(.dateOutOfRange, condition: "2"))
    }

    @Test func aServicesFailureNamesTheLastFactItRead() throws {
        let failure = try #require(try Self.failure(#"{"anordnare": {"start": "2025-01-01", "timmar": 1, "personer": 0, "ok": false}}"#))
        #expect(failure.description
                == "kraven för insatsen `stöd` kunde inte beräknas: division med noll; senast lästa uppgift: rad 18: anordnare.personer = 0")
    }
}
