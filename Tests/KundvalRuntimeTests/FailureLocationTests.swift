import KundvalRuntime
import Testing

/// A computation that fails says where: the facts the failing check of a condition or service
/// read before the error, as lines of an explanation. A failure named only the
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

    @Test func aConditionsFailureNamesTheFactsItsCheckRead() throws {
        // Condition 1 does not apply, and its division is never made: condition 2 fails.
        let failure = try #require(try Self.failure(#"{"anordnare": {"start": "9999-12-31", "timmar": 1, "personer": 1, "ok": false}}"#))
        #expect(failure.description
                == "villkor 2 kunde inte beräknas: datumet hamnade utanför åren 1–9999; uppgifter som lästes: rad 16: anordnare.start = 9999-12-31")
        #expect(failure.unlocated == .computation(.dateOutOfRange, condition: "2"))
    }

    @Test func aServicesFailureNamesTheFactsItsCheckRead() throws {
        let failure = try #require(try Self.failure(#"{"anordnare": {"start": "2025-01-01", "timmar": 1, "personer": 0, "ok": false}}"#))
        #expect(failure.description
                == "kraven för insatsen `stöd` kunde inte beräknas: division med noll; uppgifter som lästes: rad 18: anordnare.timmar = 1, rad 18: anordnare.personer = 0")
    }

    /// Only the failing check's facts: one an earlier check read is not named (it was, as the
    /// last fact read; found by review), and a provider's text is shown on one line, shortened.
    @Test func onlyTheFailingChecksFactsOnOneLine() throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: """
            reglemente "R" version "1"
            typ Anordnare
              namn: text
              start: datum
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Frist"
              kräver anordnare.namn ≠ ""
              kräver bedömningsdatum + 1 månad > 2000-01-01
            villkor 2 "Start"
              kräver anordnare.namn ≠ "" och anordnare.start + 1 dag > 2000-01-01
            """)]).get()
        let document = try #require(rules.document(named: "R"))
        func failure(_ json: String, _ date: Day) throws -> String {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            do throws(EvaluationFailure) {
                _ = try document.evaluate(facts, assessment: "ansökan", date: date)
                return ""
            } catch {
                return error.description
            }
        }
        #expect(try failure(#"{"anordnare": {"namn": "A", "start": "2025-01-01"}}"#, Day(year: 9999, month: 12, day: 15))
                == "villkor 1 kunde inte beräknas: datumet hamnade utanför åren 1–9999")
        let long = String(repeating: "x", count: 100) + "\\u001b[31m\\nrad 99: falsk"
        let shown = try failure(#"{"anordnare": {"namn": "\#(long)", "start": "9999-12-31"}}"#, Day(year: 2025, month: 3, day: 1))
        #expect(shown.hasPrefix("villkor 2 kunde inte beräknas: datumet hamnade utanför åren 1–9999; uppgifter som lästes: rad 13: anordnare.namn = \"xxx"), "\(shown)")
        #expect(shown.hasSuffix("…, rad 13: anordnare.start = 9999-12-31"), "\(shown)")
        #expect(!shown.contains("\n") && !shown.contains("\u{1B}"), "\(shown)")
    }
}
