import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// `största x i lista [där …]: värde` and `minsta …` over a fact table are loops of the programs
/// (``TruthInstruction/extremeEnd(loop:filter:element:into:)``), as counts and sums are: "tolv
/// månader från det senaste uppdragets slut" is a de-authorization ground. They were each a
/// closure. On random facts (values and `där` known or not, lists empty, missing or nested)
/// every program agrees with the value code, computations included.
@Suite struct ExtremeProgramTests {
    static let text = """
        reglemente "R" version "1"
        typ Uppdrag
          avslutat: datum kan saknas
          timmar: heltal kan saknas
          belopp: belopp kan saknas
          aktiv: ja/nej kan saknas
          delar: lista av heltal kan saknas
        fakta
          uppdrag: lista av Uppdrag kan saknas
          andra: lista av Uppdrag kan saknas
          val: ja/nej kan saknas
          n: heltal kan saknas
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition senaste: datum kan saknas = största u i uppdrag: u.avslutat
        definition timmar_av(u: Uppdrag): heltal kan saknas = u.timmar
        definition kvot: decimaltal kan saknas = minsta u i uppdrag där u.aktiv: 100 / n + u.timmar
        villkor 1 "Senaste"
          kräver senaste >= bedömningsdatum - 12 månader
        villkor 2 "Minsta"
          kräver (minsta u i uppdrag: u.timmar) >= 5
        villkor 3 "Där"
          kräver (största u i uppdrag där u.aktiv: u.belopp) <= 10000 kr
        villkor 4 "Inre"
          kräver alla u i uppdrag: (största d i u.delar: d) < 10
        villkor 5 "Vald"
          kräver (största u i (om val så uppdrag annars andra): u.timmar) > 3
        villkor 6 "Anrop"
          kräver (minsta u i uppdrag: timmar_av(u)) < 8 eller (största u i andra där inte u.aktiv: u.avslutat) finns
        villkor 7 "Kvot"
          kräver kvot > 25
        """

    static func facts(_ g: inout SplitMix64) -> String {
        func pick(_ options: [String?]) -> String? { options[Int(g.next() % UInt64(options.count))] }
        func list() -> String? {
            guard g.next() % 6 != 0 else { return pick(["null", nil]) }
            let elements = (0..<Int(g.next() % 4)).map { _ in
                var fields: [String] = []
                if let v = pick([#""2024-01-01""#, #""2024-06-30""#, #""2025-02-01""#, "null", nil]) { fields.append(#""avslutat": \#(v)"#) }
                if let v = pick(["2", "5", "9", "null", nil]) { fields.append(#""timmar": \#(v)"#) }
                if let v = pick(["5000", "10000", "12000.5", "null", nil]) { fields.append(#""belopp": \#(v)"#) }
                if let v = pick(["true", "false", "null", nil]) { fields.append(#""aktiv": \#(v)"#) }
                if let v = pick(["[]", "[3]", "[12, 4]", "[1, 2, 9]", "null", nil]) { fields.append(#""delar": \#(v)"#) }
                return "{" + fields.joined(separator: ", ") + "}"
            }
            return "[" + elements.joined(separator: ", ") + "]"
        }
        var fields: [String] = []
        if let v = list() { fields.append(#""uppdrag": \#(v)"#) }
        if let v = list() { fields.append(#""andra": \#(v)"#) }
        if let v = pick(["true", "false", "null", nil]) { fields.append(#""val": \#(v)"#) }
        // Not 0: a division by it fails the evaluation (see ``anErrorStopsWhereTheValueCodeStops()``).
        if let v = pick(["1", "5", "null", nil]) { fields.append(#""n": \#(v)"#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    @Test func extremesAreTheProgramsOwn() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
        #expect(try #require(document.computationProgram).results.allSatisfy { $0 != nil })
        // Every condition's checks have a trace, explained from the program, but the one over a
        // list an `om` chooses (a choice has no trace yet: the value code explains it).
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.checkPrograms.map { $0?.traces != nil } == [true, true, true, true, false, true, true])
        let json = #"{"uppdrag": [{"avslutat": "2024-06-30", "timmar": 9, "belopp": 5000, "aktiv": true, "delar": [3]}, "#
            + #"{"avslutat": "2025-02-01", "timmar": 5, "aktiv": false, "delar": []}], "val": true, "n": 5}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        #expect(try document.value(of: "senaste", facts: facts, date: date)?.text == "2025-02-01")
        #expect(try document.value(of: "kvot", facts: facts, date: date)?.text == "29")
        // 3: the active one's amount; 4: an empty list has no largest; 6: the smallest is 5; 7: 20 + 9 > 25.
        #expect(try document.evaluate(facts, assessment: "ansökan", date: date).conditions.map(\.status.rawValue)
                == ["uppfyllt", "uppfyllt", "uppfyllt", "underlag saknas", "uppfyllt", "uppfyllt", "uppfyllt"])
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let rounds = RandomRounds.of(2_000)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(
            document, date: try Day(year: 2025, month: 3, day: 1), seed: 53, rounds: rounds, Self.facts)
        #expect(compared > 7 * rounds, "\(compared)")
        // Their explanations are walked from the programs' runs (a `största`'s trace: its `där`,
        // then its value where the `där` holds), step for step the value code's.
        var g = SplitMix64(seed: 54)
        var walked = 0
        for _ in 0..<rounds / 4 {
            let json = Self.facts(&g)
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            walked += try PlanTraceAgreementTests.compare(document, facts, date: try Day(year: 2025, month: 3, day: 1), label: json).walked
        }
        #expect(walked > 3 * (rounds / 4), "\(walked)")
        // Every condition is met, not met and undecided on some facts.
        let all = Set((1...7).flatMap { number in ["uppfyllt", "ej uppfyllt", "underlag saknas"].map { "\(number) \($0)" } })
        #expect(statuses == all, "missing: \(all.subtracting(statuses).sorted())")
    }

    /// A value that cannot be computed (`100 / n` with `n` 0) fails the loop where the value code
    /// computes it: for an element whose `där` holds, not for one whose `där` does not hold or
    /// after one whose `där` is not known (the value code stops there).
    @Test func anErrorStopsWhereTheValueCodeStops() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        for (json, fails) in [(#"{"n": 0, "uppdrag": [{"aktiv": false, "timmar": 1}]}"#, false),
                              (#"{"n": 0, "uppdrag": [{"timmar": 1}, {"aktiv": true, "timmar": 1}]}"#, false),
                              (#"{"n": 0, "uppdrag": [{"aktiv": false}, {"aktiv": true, "timmar": 1}]}"#, true)] {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
            let failed = Result { try document.evaluate(facts, assessment: "ansökan", date: date) }
            if case .failure(let error) = failed {
                #expect(fails && "\(error)".contains("division med noll"), "\(json): \(error)")
            } else {
                #expect(!fails, "\(json)")
            }
        }
    }
}
