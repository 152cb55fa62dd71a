import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// Hours (and credits) are computed as days and months are: a share of them by a percentage, a
/// part of them by a number, and two of them divided into a ratio. An author writing a
/// hemtjänst kundval found `timmar / timmar` and `procent * timmar` refused while `dagar / dagar`
/// and `procent * dagar` were allowed; the checker now types them (see
/// `DocumentChecker+Operators.swift`) and the runtime computes them by the same rules.
@Suite struct QuantityArithmeticTests {
    static let rules = """
        reglemente "R" version "1"
        typ Person
          sysselsättningsgrad: procent
          planerad_tid: timmar
          utförd_tid: timmar kan saknas
        typ Anordnare
          personal: lista av Person
          beviljade_timmar: timmar
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        definition tillgänglig_tid: timmar = summa p i anordnare.personal: 160 timmar * p.sysselsättningsgrad
        definition halva_beviljade: timmar = anordnare.beviljade_timmar / 2
        definition täckning: decimaltal = tillgänglig_tid / anordnare.beviljade_timmar
        villkor 1 "Bemanning"
          kräver tillgänglig_tid >= anordnare.beviljade_timmar
        villkor 2 "Utförd tid"
          kräver alla p i anordnare.personal: p.utförd_tid / p.planerad_tid >= 0,9
        villkor 3 "Andel"
          kräver anordnare.beviljade_timmar * 50 % <= halva_beviljade
        """

    static let facts = #"""
        {"anordnare": {"beviljade_timmar": 200, "personal": [
          {"sysselsättningsgrad": 75, "planerad_tid": 100, "utförd_tid": 95},
          {"sysselsättningsgrad": 50, "planerad_tid": 80, "utförd_tid": 70}]}}
        """#

    @Test func hoursAreSharedDividedAndCompared() throws {
        let document = try CodePathAgreementTests.document(Self.rules)
        let facts = try document.decoder.decode(json: Array(Self.facts.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        // 160 × 75 % + 160 × 50 % = 200 hours; 200 / 2 = 100 hours; 200 / 200 = 1.
        #expect(try document.value(of: "tillgänglig_tid", facts: facts, date: date)?.text == "200 timmar")
        #expect(try document.value(of: "halva_beviljade", facts: facts, date: date)?.text == "100 timmar")
        #expect(try document.value(of: "täckning", facts: facts, date: date)?.text == "1")
        let decision = try document.evaluate(facts, assessment: "ansökan", date: date)
        // 70 / 80 is 0,875: the second person did less than nine tenths of the planned time.
        #expect(decision.conditions.map(\.status) == [.met, .notMet, .met])
    }

    @Test func hoursDecideAsTheValueCode() throws {
        let document = try CodePathAgreementTests.document(Self.rules)
        let date = try Day(year: 2025, month: 3, day: 1)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(document, date: date, seed: 71, rounds: 300) { g in
            let staff = (0..<g.next(below: 4)).map { _ in
                let share = ["25", "50", "100"][g.next(below: 3)]
                let done = ["null", "0", "72", "90", "100"][g.next(below: 5)]
                return #"{"sysselsättningsgrad": \#(share), "planerad_tid": 80, "utförd_tid": \#(done)}"#
            }
            let granted = ["0", "100", "160", "400"][g.next(below: 4)]
            return #"{"anordnare": {"beviljade_timmar": \#(granted), "personal": [\#(staff.joined(separator: ", "))]}}"#
        }
        #expect(compared >= 300)
        for status in ["1 uppfyllt", "1 ej uppfyllt", "2 uppfyllt", "2 ej uppfyllt", "2 underlag saknas", "3 uppfyllt"] {
            #expect(statuses.contains(status), "\(status) never reached")
        }
    }
}
