import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Shapes of conditions that a nämnd's document may use and the shipped ones do not, lowered
/// into the truth program without a closure: texts compared with texts, definitions called
/// with computed arguments (`stor(n + 1)`, `sen(d + 2 veckor)`, a `ja/nej` expression, a call
/// of another definition), decision tables (of a truth, a case, a number and a text, with
/// computed arguments, in loops, nested), a text chosen by `om … så … annars` compared,
/// quantifiers over lists written out, and definitions without parameters too large to inline,
/// computed once where every evaluation runs them and again where only some do (in a branch,
/// in a loop). On random facts the program agrees with the value code on every condition, and
/// every condition is met, not met and undecided on some of them.
@Suite struct GeneralLoweringTests {
    static let large = (0..<100).map { "(anordnare.b0 eller anordnare.n0 > \($0 % 7))" }.joined(separator: " och ")
    static let largeNumber = (0..<80).map { "(om anordnare.b\($0 % 2) så \($0 % 3) annars 0)" }.joined(separator: " + ")

    static let text = """
        reglemente "R" version "1"
        typ Nivå: en av låg, mellan, hög i stigande ordning
        typ Rad
          b: ja/nej kan saknas
          n: heltal kan saknas
          s: text kan saknas
        typ Anordnare
          b0: ja/nej kan saknas
          b1: ja/nej kan saknas
          n0: heltal kan saknas
          n1: heltal kan saknas
          d0: datum kan saknas
          s0: text kan saknas
          s1: text kan saknas
          e: Nivå kan saknas
          rader: lista av Rad kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        tabell nivå(n: heltal kan saknas, b: ja/nej kan saknas): Nivå i ordning
          | < 0  | -  | låg    |
          | >= 5 | ja | hög    |
          | -    | -  | mellan |
        tabell krav(e: Nivå kan saknas): ja/nej i ordning
          | låg | nej |
          | -   | ja  |
        tabell gräns(e: Nivå kan saknas, n: heltal kan saknas): heltal kan saknas i ordning
          | hög    | -   | n + 2 |
          | mellan | > 3 | n     |
          | -      | -   | 1     |
        tabell ort(e: Nivå kan saknas): text kan saknas i ordning
          | hög | "x" |
          | -   | "y" |
        definition stor(n: heltal kan saknas): ja/nej kan saknas = n finns och n > 3
        definition över(n: heltal kan saknas, gräns: heltal): ja/nej kan saknas = n > gräns
        definition sen(d: datum kan saknas): ja/nej kan saknas = d > 2025-03-01
        definition antingen(b: ja/nej kan saknas, n: heltal kan saknas): ja/nej kan saknas = om b så n finns annars n saknas
        definition känd(b: ja/nej kan saknas): ja/nej = b finns
        definition dubbel(n: heltal kan saknas): heltal kan saknas = n * 2
        definition stort_villkor: ja/nej kan saknas = \(large)
        definition stort_tal: heltal kan saknas = \(largeNumber)
        villkor 1 "Texter"
          kräver anordnare.s0 = anordnare.s1
        villkor 2 "Texter i rader"
          kräver alla r i anordnare.rader: r.s ≠ anordnare.s0
        villkor 3 "Summa som argument"
          kräver över(anordnare.n0 + anordnare.n1, 3)
        villkor 4 "Datum som argument"
          kräver sen(anordnare.d0 + 2 veckor)
        villkor 5 "Argument i rader"
          kräver alla r i anordnare.rader: stor(r.n - 1)
        villkor 6 "Ja/nej som argument"
          kräver antingen(anordnare.b0 och anordnare.b1, anordnare.n0 + 1)
        villkor 7 "Tabell"
          kräver nivå(anordnare.n0, anordnare.b0) >= mellan
        villkor 8 "Tabell av ja/nej"
          kräver krav(anordnare.e)
        villkor 9 "Tabell i rader"
          kräver alla r i anordnare.rader: nivå(r.n, r.b) ≠ låg
        villkor 10 "Tabell av tal"
          kräver gräns(anordnare.e, anordnare.n0) <= anordnare.n1
        villkor 11 "Stort tal i en gren"
          kräver om anordnare.b1 så stort_tal >= 25 annars anordnare.b0
        villkor 12 "Stort tal"
          kräver stort_tal < 30
        villkor 13 "Stort tal i rader"
          kräver alla r i anordnare.rader: r.n finns och r.n * 8 <= stort_tal
        villkor 14 "Stort villkor"
          kräver stort_villkor eller anordnare.n1 = 1
        villkor 15 "Tabeller i varandra"
          kräver krav(nivå(anordnare.n0 + 1, anordnare.b1))
        villkor 16 "Anrop som argument"
          kräver dubbel(dubbel(anordnare.n0)) > 12
        villkor 17 "Känt ja/nej som argument"
          kräver känd(anordnare.b0 eller anordnare.b1) och anordnare.b0
        villkor 18 "Vald text"
          kräver (om anordnare.b0 så anordnare.s0 annars anordnare.s1) = "x"
        villkor 19 "Tabell av text"
          kräver ort(anordnare.e) ≠ anordnare.s0
        villkor 20 "Uppräknad lista"
          kräver någon x i [anordnare.n0, anordnare.n1]: x > 4
        villkor 21 "Uppräknade texter"
          kräver ingen x i [anordnare.s0, anordnare.s1, "z"]: x = "y"
        villkor 22 "Uppräknad lista i rader"
          kräver alla r i anordnare.rader: alla x i [r.n, anordnare.n0]: x finns och x >= 0
        villkor 23 "Text först"
          kräver "x" = anordnare.s1
        """

    static func facts(_ g: inout SplitMix64) -> String {
        typealias N = NestedListProgramTests
        let truth: (inout SplitMix64) -> String? = { N.pick(&$0, ["true", "false", "null", nil]) }
        let number: (inout SplitMix64) -> String? = { N.pick(&$0, ["-3", "-1", "0", "1", "3", "4", "5", "7", "null", nil]) }
        let text: (inout SplitMix64) -> String? = { N.pick(&$0, [#""x""#, #""y""#, "null", nil]) }
        let rows: (inout SplitMix64) -> String? = { g in
            N.list(&g) { g in N.record(&g, [("b", truth), ("n", number), ("s", text)]) }
        }
        return #"{"anordnare": "# + N.record(&g, [
            ("b0", truth), ("b1", truth), ("n0", number), ("n1", { N.pick(&$0, ["1", "4", "2147483647", "null", nil]) }),
            ("d0", { N.pick(&$0, [#""2025-02-10""#, #""2025-02-20""#, "null", nil]) }), ("s0", text), ("s1", text),
            ("e", { N.pick(&$0, [#""låg""#, #""mellan""#, #""hög""#, "null", nil]) }), ("rader", rows),
        ]) + "}"
    }

    @Test func everyShapeIsLoweredWithoutAClosure() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
    }

    /// A definition without parameters too large to inline is lowered once for the calls that
    /// follow where every evaluation runs: a second condition that calls it at the top adds
    /// no arithmetic; one that calls it only in a branch or a loop has its own.
    @Test func largeDefinitionsAreLoweredOnce() throws {
        func arithmetic(_ conditions: [String]) throws -> Int {
            var text = Self.text.components(separatedBy: "villkor 1 ")[0]
            for (index, condition) in conditions.enumerated() { text += "villkor \(index + 1) \"V\"\n  kräver \(condition)\n" }
            let program = try #require(try CodePathAgreementTests.document(text).assessmentKind(named: "ansökan")).program
            #expect(program.closures.isEmpty && program.valueClosures.isEmpty)
            return program.instructionList.count { if case .valueArithmetic = $0 { true } else { false } }
        }
        let once = try arithmetic(["stort_tal < 30"])
        #expect(once >= 79)
        #expect(try arithmetic(["stort_tal < 30", "stort_tal > 3", "anordnare.b0 eller stort_tal = 7"]) == once)
        #expect(try arithmetic(["om anordnare.b1 så stort_tal >= 25 annars anordnare.b0", "stort_tal < 30"]) == 2 * once)
        #expect(try arithmetic(["stort_tal < 30", "om anordnare.b1 så stort_tal >= 25 annars anordnare.b0"]) == once)
        #expect(try arithmetic(["alla r i anordnare.rader: r.n finns och r.n <= stort_tal", "stort_tal < 30"]) == 2 * once)
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 23)
        var (compared, undecodable, statuses) = (0, 0, Set<String>())
        let rounds = RandomRounds.of(2_000)
        for run in 0..<rounds {
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
        #expect(compared > 10 * rounds, "\(compared)")
        // Every condition is met, not met and undecided on some facts.
        #expect(statuses.count == 23 * 3, "\(statuses.sorted())")
    }
}
