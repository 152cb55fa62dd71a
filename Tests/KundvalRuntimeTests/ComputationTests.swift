import Foundation
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The computations the documents describe, written in the language and evaluated exactly:
/// the compensation of 002 ("månadsbelopp dividerat med 30 dagar, multiplicerat med antalet
/// insatsdagar under månaden", late reports paid the month after), the fine of 000 and 002 (per
/// started week, a percentage of the average monthly payment of the last three months), the
/// de-authorization dates (six months' notice, twelve months without assignments) and the yearly
/// no-choice rotation ("varje godkänd anordnare är ickevalsalternativ under en månads tid").
@Suite struct ComputationTests {
    static let rules = """
        reglemente "Beräkningar" version "1"
        typ Uppdrag
          bekräftat: datum
          avslutat: datum kan saknas
        typ Underlag
          månadsbelopp: belopp
          uppdrag: Uppdrag
          månad_början: datum
          rapport_inkom: datum
          brytdatum: datum
          ersättningar_tre_månader: lista av belopp
          procentsats: procent
          brist_från: datum
          brist_till: datum
          uppsägning_meddelad: datum
          senaste_uppdrag: datum
          godkända_utan_tak: lista av text
          månad_i_året: heltal
        fakta
          u: Underlag

        definition månad_slut = u.månad_början + 1 månad - 1 dagar
        definition insats_från = största(u.uppdrag.bekräftat, u.månad_början)
        definition insats_till = om u.uppdrag.avslutat finns så minsta(u.uppdrag.avslutat, månad_slut) annars månad_slut
        definition insatsdagar = insats_till - insats_från + 1 dagar
        definition ersättning: belopp = avrunda_till_öre(u.månadsbelopp / 30 * (insatsdagar / 1 dagar))
        definition betalas_nästa_månad = u.rapport_inkom > u.brytdatum
        definition genomsnitt: belopp = (summa e i u.ersättningar_tre_månader: e) / 3
        definition vite: belopp =
          avrunda_till_öre(påbörjade_veckor(u.brist_till - u.brist_från) * u.procentsats * genomsnitt)
        definition avauktorisation_på_egen_begäran = u.uppsägning_meddelad + 6 månader
        definition avauktorisation_utan_uppdrag = u.senaste_uppdrag + 12 månader
        definition ickevalsalternativ = element(u.godkända_utan_tak,
          rest(u.månad_i_året - 1, antal a i u.godkända_utan_tak) + 1)
        """

    func values(_ facts: String) throws -> [String: String] {
        let rules = try RuleSet.compile([SourceFile(path: "b.kundval", text: Self.rules)]).get()
        let document = try #require(rules.document(named: "Beräkningar"))
        let decoded = try document.decoder.decode(json: Array("{\"u\": {\(facts)}}".utf8)).get()
        var result: [String: String] = [:]
        for name in ["insatsdagar", "ersättning", "betalas_nästa_månad", "genomsnitt", "vite",
                     "avauktorisation_på_egen_begäran", "avauktorisation_utan_uppdrag", "ickevalsalternativ"] {
            result[name] = try document.value(of: name, facts: decoded, date: try Day(year: 2025, month: 3, day: 1))?.text
        }
        return result
    }

    static let base = """
        "månadsbelopp": 10000, "uppdrag": {"bekräftat": "2025-02-12", "avslutat": null},
        "månad_början": "2025-02-01", "rapport_inkom": "2025-03-03", "brytdatum": "2025-03-05",
        "ersättningar_tre_månader": [10000, 12000, 14500.50], "procentsats": 2,
        "brist_från": "2025-01-01", "brist_till": "2025-01-16", "uppsägning_meddelad": "2025-08-31",
        "senaste_uppdrag": "2024-02-29", "godkända_utan_tak": ["A", "B", "C", "D", "E"], "månad_i_året": 7
        """

    @Test func compensationFineDatesAndRotation() throws {
        let result = try values(Self.base)
        #expect(result["insatsdagar"] == "17 dagar")            // 12–28 februari
        #expect(result["ersättning"] == "5666,67 kr")           // 10 000 / 30 × 17, rounded to öre at the end
        #expect(result["betalas_nästa_månad"] == "nej")
        #expect(result["genomsnitt"] == "≈12166,833333333 kr")  // (10 000 + 12 000 + 14 500,50) / 3, kept exact
        #expect(result["vite"] == "730,01 kr")                  // 15 days = 3 started weeks × 2 % × average
        #expect(result["avauktorisation_på_egen_begäran"] == "2026-02-28")  // 31 augusti + 6 månader
        #expect(result["avauktorisation_utan_uppdrag"] == "2025-02-28")     // 29 februari + 12 månader
        #expect(result["ickevalsalternativ"] == "\"B\"")        // juli: the 7th month, 5 providers
    }

    @Test func endedAssignmentAndLateReport() throws {
        let result = try values(Self.base
            .replacingOccurrences(of: "\"avslutat\": null", with: "\"avslutat\": \"2025-02-20\"")
            .replacingOccurrences(of: "\"rapport_inkom\": \"2025-03-03\"", with: "\"rapport_inkom\": \"2025-03-06\""))
        #expect(result["insatsdagar"] == "9 dagar")
        #expect(result["ersättning"] == "3000 kr")
        #expect(result["betalas_nästa_månad"] == "ja")
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
