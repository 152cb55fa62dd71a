import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Arithmetic shapes the truth program lowers without a closure: deadlines whose amount is
/// written in the rules (`d + 2 veckor`, `14 dagar + d`, `bedömningsdatum - 36 månader`, in a
/// loop and behind a presence guard) as one `compareDates`; negation (`-n`); counts and sums
/// over lists written out, their elements paths or computed; `element` of a list of plain
/// values, at the top and in a loop, of a slot's list and of a list in a list element. On random
/// facts the program agrees with the value code on every condition, and every condition is
/// met, not met and undecided on some of them.
@Suite struct ArithmeticLoweringTests {
    static let text = """
        reglemente "R" version "1"
        typ Rad
          d: datum kan saknas
          e: datum kan saknas
          n: heltal kan saknas
          t: lista av heltal kan saknas
        typ Anordnare
          b0: ja/nej kan saknas
          n0: heltal kan saknas
          n1: heltal kan saknas
          d0: datum kan saknas
          d1: datum kan saknas
          tal: lista av heltal kan saknas
          rader: lista av Rad kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Frist i dagar"
          kräver anordnare.d1 <= anordnare.d0 + 2 veckor
        villkor 2 "Frist först"
          kräver 14 dagar + anordnare.d0 >= anordnare.d1
        villkor 3 "Månader bakåt"
          kräver anordnare.d0 >= bedömningsdatum - 36 månader
        villkor 4 "Månader framåt, till månadens slut"
          kräver bedömningsdatum <= anordnare.d0 + 1 månad
        villkor 5 "Skrivet datum"
          kräver 2025-02-12 < anordnare.d0 + 3 dagar
        villkor 6 "Frist i rader med vakt"
          kräver alla r i anordnare.rader: r.e finns och r.e <= r.d + 2 veckor
        villkor 7 "Negation"
          kräver -anordnare.n0 < anordnare.n1
        villkor 8 "Negation av en skillnad"
          kräver -(anordnare.n0 - anordnare.n1) >= 0
        villkor 9 "Antal i en uppräknad lista"
          kräver (antal x i [anordnare.n0, anordnare.n1 + 1, 3] där x > 2) >= 2
        villkor 10 "Antal utan villkor"
          kräver (antal x i [anordnare.n0 + 1, anordnare.n1]) = 2 och anordnare.b0
        villkor 11 "Summa över en uppräknad lista"
          kräver (summa x i [anordnare.n0, anordnare.n1 * 2]: x + 1) > 4
        villkor 12 "Element"
          kräver element(anordnare.tal, anordnare.n0) > 2
        villkor 13 "Element i rader"
          kräver alla r i anordnare.rader: element(anordnare.tal, r.n) finns
        villkor 14 "Element ur en lista i en rad"
          kräver alla r i anordnare.rader: element(r.t, 1) > 0
        """

    static func facts(_ g: inout SplitMix64) -> String {
        typealias N = NestedListProgramTests
        let truth: (inout SplitMix64) -> String? = { N.pick(&$0, ["true", "false", "null", nil]) }
        let number: (inout SplitMix64) -> String? = { N.pick(&$0, ["-3", "-1", "0", "1", "2", "3", "4", "7", "null", nil]) }
        let date: (inout SplitMix64) -> String? = {
            N.pick(&$0, [#""2025-01-31""#, #""2025-02-10""#, #""2025-02-20""#, #""2025-03-01""#, #""2022-03-01""#,
                         #""2022-02-28""#, "null", nil])
        }
        let integers: (inout SplitMix64) -> String? = { g in N.list(&g) { g in N.pick(&g, ["-1", "0", "3", "5"])! } }
        let rows: (inout SplitMix64) -> String? = { g in
            N.list(&g) { g in N.record(&g, [("d", date), ("e", date), ("n", number), ("t", integers)]) }
        }
        return #"{"anordnare": "# + N.record(&g, [
            ("b0", truth), ("n0", number), ("n1", number), ("d0", date), ("d1", date), ("tal", integers), ("rader", rows),
        ]) + "}"
    }

    @Test func everyShapeIsLoweredWithoutAClosure() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
        // Every deadline is one instruction without the general arithmetic.
        let dates = program.instructionList.count { if case .compareDates = $0 { true } else { false } }
        let general = program.instructionList.count { if case .compareArithmetic = $0 { true } else { false } }
        #expect(dates == 6 && general == 0, "\(dates) compareDates, \(general) compareArithmetic")
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 29)
        var (compared, undecodable, statuses) = (0, 0, Set<String>())
        for run in 0..<2_000 {
            let json = Self.facts(&g)
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else {
                undecodable += 1
                continue
            }
            compared += run % 10 == 0 ? try CodePathAgreementTests.compare(document, facts, date: date, label: json)
                : try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
            guard let decision = try? document.evaluate(facts, assessment: "ansökan", date: date) else { continue }
            for condition in decision.conditions { statuses.insert("\(condition.number) \(condition.status.rawValue)") }
        }
        #expect(undecodable == 0)
        #expect(compared > 10_000, "\(compared)")
        // Every condition is met, not met and undecided on some facts.
        #expect(statuses.count == 14 * 3, "\(statuses.sorted())")
    }

    /// A month added to 31 January is the last day of February, as the value code counts: with
    /// the assessment on 1 March, `d0 + 1 månad` is 28 February and condition 4 is not met;
    /// from 1 February it is 1 March, and it is.
    @Test func monthsAreClampedAsTheValueCodeClampsThem() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        for (d0, expected) in [("2025-01-31", ConditionStatus.notMet), ("2025-02-01", .met)] {
            let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"d0": "\#(d0)"}}"#.utf8)).get()
            let decision = try document.evaluate(facts, assessment: "ansökan", date: date)
            #expect(decision.conditions[3].status == expected, "\(d0)")
        }
    }

    /// A deadline past the calendar's last day is an error of the evaluation, as in the value
    /// code: the program does not decide the condition but leaves it to the value code, which
    /// reports the error.
    @Test func aDeadlinePastTheCalendarIsAnError() throws {
        let text = Self.text.components(separatedBy: "villkor 1 ")[0] + """
            villkor 1 "Frist"
              kräver anordnare.d1 <= anordnare.d0 + 2 veckor

            """
        let document = try CodePathAgreementTests.document(text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"d0": "9999-12-25"}}"#.utf8)).get()
        var results = plan.template.map(\.rawValue)
        var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        plan.program.run(&lazy, results: &results)
        #expect(results[0] == Status.failed.rawValue)
        #expect(throws: EvaluationFailure.self) { try document.evaluate(facts, assessment: "ansökan", date: date) }
        // An unknown date decides nothing and fails nothing.
        let unknown = try document.decoder.decode(json: Array(#"{"anordnare": {"d1": "2025-01-01"}}"#.utf8)).get()
        #expect(try document.evaluate(unknown, assessment: "ansökan", date: date).conditions[0].status == .missingEvidence)
    }
}
