import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// A fact missing in one element of a list is named by its element, as the language writes it
/// (`element(anordnare.personer, 2).näringsförbud`, counted from 1): it was named `p.näringsförbud`,
/// and a case officer asked for it could not tell whose (found by an author of an LSS kundval).
/// The name is the same with and without an explanation, through cursors, counts, sums, nested
/// lists and calls whose argument is the element.
@Suite struct MissingElementFactTests {
    static let rules = """
        reglemente "R" version "1"
        typ Uppdrag
          avslutat: ja/nej kan saknas
          timmar: heltal kan saknas
        typ Person
          utbildad: ja/nej kan saknas
          svenska: ja/nej kan saknas
          uppdrag: lista av Uppdrag
        typ Anordnare
          personal: lista av Person
          datum: lista av datum
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        definition lämplig(p: Person): ja/nej kan saknas = p.utbildad och p.svenska
        definition andra_utbildad: ja/nej kan saknas = alla c i [element(anordnare.personal, 2)]: c.utbildad
        definition lämplig_kan_saknas(p: Person kan saknas): ja/nej kan saknas = p.utbildad
        definition tredje(l: lista av Person): Person kan saknas = element(l, 3)
        definition andre: Person kan saknas = element(anordnare.personal, 2)
        villkor 1 "Alla utbildade och svensktalande"
          kräver alla p i anordnare.personal: p.utbildad och p.svenska
        villkor 2 "Genom en definition"
          kräver alla p i anordnare.personal: lämplig(p)
        villkor 3 "Minst två utbildade"
          kräver (antal p i anordnare.personal där p.utbildad) >= 2
        villkor 4 "Alla uppdrag avslutade"
          kräver alla p i anordnare.personal: alla u i p.uppdrag: u.avslutat
        villkor 5 "Timmar"
          kräver alla p i anordnare.personal: (summa u i p.uppdrag: u.timmar) >= 0
        villkor 6 "En lista skriven i reglerna"
          kräver alla p i [element(anordnare.personal, 1)]: p.utbildad
        villkor 7 "En definitions lista, i en loop"
          kräver alla p i anordnare.personal: p.svenska och andra_utbildad
        villkor 8 "Ett element med sitt nummer"
          kräver element(anordnare.personal, 2).svenska och lämplig_kan_saknas(element(anordnare.personal, 3))
        villkor 9 "Ett element som en definition ger"
          kräver andre.svenska och lämplig_kan_saknas(tredje(anordnare.personal))
        """

    static func missing(_ json: String, condition: Int) throws -> [String] {
        let document = try CodePathAgreementTests.document(rules)
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let fast = try document.evaluate(facts, assessment: "ansökan", date: date)
        let explained = try document.evaluate(facts, assessment: "ansökan", date: date, explain: true)
        let (a, b) = (fast.conditions[condition - 1], explained.conditions[condition - 1])
        #expect(a.status == .missingEvidence, "villkor \(condition): \(a.status)")
        #expect(a.missingFacts == b.missingFacts, "villkor \(condition)")
        return a.missingFacts
    }

    static let staff = #"""
        {"anordnare": {"datum": [], "personal": [
          {"utbildad": true, "svenska": true, "uppdrag": [{"avslutat": true, "timmar": 1}]},
          {"utbildad": true, "svenska": null, "uppdrag": [{"avslutat": true, "timmar": 2}, {"avslutat": null, "timmar": null}]},
          {"utbildad": null, "svenska": true, "uppdrag": []}
        ]}}
        """#

    @Test func eachMissingFactIsNamedByItsElement() throws {
        #expect(try Self.missing(Self.staff, condition: 1)
                == ["element(anordnare.personal, 2).svenska", "element(anordnare.personal, 3).utbildad"])
    }

    @Test func aCallNamesItsParameterByTheElementGiven() throws {
        #expect(try Self.missing(Self.staff, condition: 2)
                == ["element(anordnare.personal, 2).svenska", "element(anordnare.personal, 3).utbildad"])
    }

    @Test func aCountNamesTheElementsItCannotCount() throws {
        // Two trained, one not known: two to three, decided; with one trained, not.
        let one = Self.staff.replacingOccurrences(of: #""utbildad": true, "svenska": null"#, with: #""utbildad": false, "svenska": null"#)
        #expect(try Self.missing(one, condition: 3) == ["element(anordnare.personal, 3).utbildad"])
    }

    @Test func anElementOfAnElementIsNamedThroughBoth() throws {
        #expect(try Self.missing(Self.staff, condition: 4) == ["element(element(anordnare.personal, 2).uppdrag, 2).avslutat"])
    }

    @Test func aSumNamesTheElementsItCannotAdd() throws {
        #expect(try Self.missing(Self.staff, condition: 5) == ["element(element(anordnare.personal, 2).uppdrag, 2).timmar"])
    }

    /// A definition's loop over a list written in it, called inside a loop of the caller's,
    /// does not take the caller's element for its own: the missing fact was named on the first
    /// person, who has it (found by review).
    @Test func aLoopInACallDoesNotTakeTheCallersName() throws {
        let json = #"{"anordnare": {"datum": [], "personal": [{"utbildad": true, "svenska": true, "uppdrag": []}, "#
            + #"{"utbildad": null, "svenska": true, "uppdrag": []}]}}"#
        #expect(try Self.missing(json, condition: 7) == ["c.utbildad"])
    }

    /// `element(lista, n)` names the element at its place, read directly or given to a call.
    @Test func anElementByItsPlaceIsNamed() throws {
        #expect(try Self.missing(Self.staff, condition: 8)
                == ["element(anordnare.personal, 2).svenska", "element(anordnare.personal, 3).utbildad"])
    }

    /// An element a definition returns is named through it, with or without parameters
    /// (`….utbildad` and `p.utbildad`; found by an adversarial session).
    @Test func anElementADefinitionReturnsIsNamed() throws {
        #expect(try Self.missing(Self.staff, condition: 9)
                == ["element(anordnare.personal, 2).svenska", "element(anordnare.personal, 3).utbildad"])
    }

    @Test func aListWithoutANameKeepsTheFieldAsWritten() throws {
        // A list written in the rules: its element is no fact's, and has no name.
        let json = #"{"anordnare": {"datum": [], "personal": [{"utbildad": null, "svenska": true, "uppdrag": []}]}}"#
        #expect(try Self.missing(json, condition: 6) == ["p.utbildad"])
    }
}
