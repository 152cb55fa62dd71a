import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax
import Testing

/// What the evidence column of documents outside this repository needs (issue 13): a
/// document's age at another date than the assessment's, inside a quantifier over staff; the
/// day of the month; full-time equivalents (a period times a percentage, a percentage divided
/// by a percentage).
@Suite struct EvidenceColumnTests {
    static let rules = """
        reglemente "R" version "1"
        typ Dokument
          utfärdat: datum
        typ Person
          registerutdrag: Dokument kan saknas
          anställd: datum
          född: datum
          sysselsättningsgrad: procent
        typ Anordnare
          personal: lista av Person
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 19 "Registerutdrag"
          lydelse "Utdraget får vara högst sex månader gammalt."
          kräver "Utdraget högst sex månader gammalt vid anställningen":
            alla p i anordnare.personal: p.registerutdrag högst 6 månader gammalt vid p.anställd
        definition utdrag_aktuellt_idag: ja/nej kan saknas =
          alla p i anordnare.personal: p.registerutdrag högst 6 månader gammalt
        definition födda_den_5_15_eller_25: heltal =
          antal p i anordnare.personal där dag_i_månaden(p.född) = 5 eller dag_i_månaden(p.född) = 15
            eller dag_i_månaden(p.född) = 25
        definition heltidsmånader: månader = summa p i anordnare.personal: 6 månader * p.sysselsättningsgrad
        definition heltidsdagar: dagar = summa p i anordnare.personal: 30 dagar * p.sysselsättningsgrad
        definition årsarbetare: decimaltal = summa p i anordnare.personal: p.sysselsättningsgrad / 100 %

        """

    static func document() throws -> CompiledDocument {
        try #require(try RuleSet.compile([SourceFile(path: "r.kundval", text: rules)]).get().document(named: "R"))
    }

    /// One employee per element: issued (or `nil`), employed, born, share.
    static func facts(_ document: CompiledDocument, _ staff: [(String?, String, String, Int)]) throws -> Facts {
        let people = staff.map { issued, employed, born, share in
            "{\"registerutdrag\": \(issued.map { "{\"utfärdat\": \"\($0)\"}" } ?? "null"), \"anställd\": \"\(employed)\", "
                + "\"född\": \"\(born)\", \"sysselsättningsgrad\": \(share)}"
        }
        let json = "{\"anordnare\": {\"personal\": [\(people.joined(separator: ", "))]}}"
        return try document.decoder.decode(json: Array(json.utf8)).get()
    }

    static let date = try! Day(year: 2026, month: 3, day: 1)

    func status(_ staff: [(String?, String, String, Int)]) throws -> ConditionStatus {
        let document = try Self.document()
        let decision = try document.evaluate(Self.facts(document, staff), assessment: "ansökan", date: Self.date)
        return try #require(decision.conditions.first).status
    }

    // "Utdraget får vara högst sex månader gammalt" when the person was employed: measured at the
    // employment date, for each person, with the month rule at the boundary.
    @Test(arguments: [
        ("2024-02-01", "2024-08-01", ConditionStatus.met),     // exactly six months
        ("2024-02-01", "2024-08-02", ConditionStatus.notMet),  // a day more
        ("2024-08-31", "2025-02-28", ConditionStatus.met),     // 31 augusti + 6 månader = 28 februari
        ("2024-08-31", "2025-03-01", ConditionStatus.notMet),
    ])
    func aDocumentsAgeAtTheEmploymentDate(issued: String, employed: String, expected: ConditionStatus) throws {
        #expect(try status([(issued, employed, "1990-01-05", 100)]) == expected)
    }

    @Test func eachPersonHasTheirOwnDateAndAnUnknownDocumentIsNotAShortfall() throws {
        #expect(try status([("2024-02-01", "2024-08-01", "1990-01-05", 100), ("2025-01-01", "2025-06-30", "1990-01-05", 50)]) == .met)
        #expect(try status([("2024-02-01", "2024-08-01", "1990-01-05", 100), ("2025-01-01", "2025-07-02", "1990-01-05", 50)]) == .notMet)
        #expect(try status([("2024-02-01", "2024-08-01", "1990-01-05", 100), (nil, "2025-07-02", "1990-01-05", 50)]) == .missingEvidence)
        // The same document without `vid` is measured on the assessment date.
        let document = try Self.document()
        let facts = try Self.facts(document, [("2024-02-01", "2024-08-01", "1990-01-05", 100)])
        #expect(try document.value(of: "utdrag_aktuellt_idag", facts: facts, date: Self.date)?.text == "nej")
    }

    @Test func theDayOfTheMonth() throws {
        let document = try Self.document()
        let staff = [("2024-01-01", "2024-02-01", "1985-03-05", 100), ("2024-01-01", "2024-02-01", "1990-12-15", 100),
                     ("2024-01-01", "2024-02-01", "2000-02-29", 100), ("2024-01-01", "2024-02-01", "1979-07-25", 100)]
        let facts = try Self.facts(document, staff.map { ($0.0, $0.1, $0.2, $0.3) })
        #expect(try document.value(of: "födda_den_5_15_eller_25", facts: facts, date: Self.date)?.text == "3")
    }

    @Test func fullTimeEquivalents() throws {
        let document = try Self.document()
        let facts = try Self.facts(document, [("2024-01-01", "2024-02-01", "1990-01-05", 75),
                                              ("2024-01-01", "2024-02-01", "1990-01-05", 50)])
        #expect(try document.value(of: "heltidsmånader", facts: facts, date: Self.date)?.text == "7,5 månader")
        #expect(try document.value(of: "heltidsdagar", facts: facts, date: Self.date)?.text == "37,5 dagar")
        #expect(try document.value(of: "årsarbetare", facts: facts, date: Self.date)?.text == "1,25")
    }
}
