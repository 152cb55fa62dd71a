import Testing
@testable import KundvalRuntime

/// Calls of definitions on facts and list elements are inlined into the assessment plan's
/// program (no closure), and decide as the value code does
/// (``CodePathAgreementTests/compare(_:_:date:label:)`` compares every path); a call that
/// cannot be inlined stays a closure, whole.
struct InlinedCallTests {
    static let text = """
        reglemente "R" version "1"
        typ Uppdrag
          avslutat: datum kan saknas
          mottaget: datum
          rapport: datum kan saknas
          eftervård: ja/nej
        typ Frånvaro
          från: datum
          till: datum kan saknas
          meddelad: ja/nej
        typ Anordnare
          uppdrag: lista av Uppdrag
          frånvaro: lista av Frånvaro
          huvuduppdrag: Uppdrag kan saknas
          kapacitet: heltal
          kunder: heltal
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition rapport_i_tid(u: Uppdrag): ja/nej =
          u.avslutat finns
            eller bedömningsdatum <= (om u.rapport finns så u.rapport annars u.mottaget)
              + (om u.eftervård så 3 månader annars 1 månad)
        definition frånvarodagar(f: Frånvaro): dagar =
          (om f.till finns så f.till annars bedömningsdatum) - f.från + 1 dag
        definition fullt: ja/nej = anordnare.kunder >= anordnare.kapacitet
        definition ledigt: ja/nej = inte fullt
        villkor 1 "Rapporter"
          kräver alla u i anordnare.uppdrag: rapport_i_tid(u)
        villkor 2 "Frånvaro"
          kräver alla f i anordnare.frånvaro: frånvarodagar(f) <= 6 veckor eller f.meddelad
        villkor 3 "Huvuduppdraget"
          kräver anordnare.huvuduppdrag saknas eller rapport_i_tid(anordnare.huvuduppdrag)
        villkor 4 "Plats"
          kräver ledigt
        villkor 5 "Beräknat argument"
          kräver alla u i anordnare.uppdrag: rapport_i_tid(om u.eftervård så u annars u)
        """

    @Test func callsOnFactsAndElementsNeedNoClosure() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        // Condition 5 calls a definition on a computed argument (`om … så … annars …`): that
        // loop stays a closure, and only that one.
        #expect(plan.program.closures.count + plan.program.valueClosures.count == 1)
    }

    /// The assessment date is 2025-03-01.
    @Test(arguments: [
        (#""uppdrag": [], "frånvaro": [], "kapacitet": 5, "kunder": 2"#,
         ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"]),
        (#""uppdrag": [{"mottaget": "2025-02-01", "eftervård": false}], "frånvaro": [], "kapacitet": 5, "kunder": 5"#,
         ["uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt", "uppfyllt"]),
        (#""uppdrag": [{"mottaget": "2025-01-31", "eftervård": false}], "frånvaro": [], "kapacitet": 5, "kunder": 2"#,
         ["ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt"]),
        (#""uppdrag": [{"mottaget": "2024-12-01", "eftervård": true}, {"mottaget": "2024-01-01", "avslutat": "2024-02-01", "eftervård": false}], "frånvaro": [], "kapacitet": 5, "kunder": 2"#,
         ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"]),
        (#""uppdrag": [], "frånvaro": [{"från": "2025-01-01", "meddelad": false}], "kapacitet": 5, "kunder": 2"#,
         ["uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"]),
        (#""uppdrag": [], "frånvaro": [{"från": "2025-01-01", "till": "2025-01-10", "meddelad": false}], "kapacitet": 5, "kunder": 2"#,
         ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"]),
        (#""uppdrag": [], "frånvaro": [{"från": "2025-01-01", "meddelad": true}], "huvuduppdrag": {"mottaget": "2024-01-01", "eftervård": false}, "kapacitet": 5, "kunder": 2"#,
         ["uppfyllt", "uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt"]),
    ])
    func inlinedCallsDecideAsTheValueCode(_ fields: String, _ expected: [String]) throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.text)
        let json = #"{"anordnare": {"# + fields + "}}"
        #expect(try statuses(json) == expected)
    }
}
