import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Adversarial checks of the lowering of 3975752 and c085a5e (texts compared where they are,
/// computed arguments, decision tables as chains of rows, definitions lowered once, choices of
/// comparisons, quantifiers over lists written out): the program gives the value code's status
/// or throws (never a status where the value code throws), and reads no register that no
/// instruction writes.
@Suite struct LoweringReviewTests {
    typealias N = NestedListProgramTests

    // MARK: - Helpers

    /// The truth registers `instruction` reads.
    static func reads(_ instruction: TruthInstruction, _ program: TruthProgram) -> [Register] {
        func reads(_ connective: Connective) -> [Register] {
            (connective.registers.lowerBound..<connective.registers.upperBound).map { program.registerReads[Int($0)].register }
        }
        switch instruction {
        case .all(let c, _), .any(let c, _): return reads(c)
        case .both(let a, let b, _), .either(let a, let b, _): return [a.register, b.register]
        case .conditional(let c, let a, let b, _): return [c, a, b]
        case .valueSelect(let c, _, _, _), .jumpUnless(let c, _, _): return [c]
        case .loopEnd(_, let e, _), .countEnd(_, let e, _): return [e]
        case .part(let a, let b, _), .combine(let a, let b, _), .gate(let a, let b, _): return [a, b]
        case .store(let r, _), .registerKnown(let r, _, _): return [r]
        default: return []
        }
    }

    /// Registers at or above `results` that some instruction reads and none writes (not the
    /// instructions, not the hoisted ones, not the word tests).
    static func unwrittenReads(_ program: TruthProgram, results: Int) -> Set<Register> {
        let instructions = program.instructionList
        let hoisted = (0..<program.hoisted.count).map { program.hoisted[$0] }
        var written = Set((instructions + hoisted).compactMap(\.target))
        for index in 0..<program.wordTests.count { written.insert(program.wordTests[index].target) }
        let read = Set((instructions + hoisted).flatMap { reads($0, program) })
        return read.filter { Int($0) >= results && !written.contains($0) }
    }

    /// Each plan's program against the value code, condition by condition: when the program
    /// succeeds, every condition the value code decides has the program's status, and no
    /// condition's value code throws (an error the program does not meet would be lost).
    /// Returns how many were compared and how many evaluations the program refused.
    static func strict(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) throws -> (compared: Int, refused: Int) {
        var (compared, refused) = (0, 0)
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            func context() -> EvaluationContext {
                EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            }
            var results = plan.template.map(\.rawValue)
            var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            plan.program.run(&lazy, results: &results)
            let statuses: [Status: ConditionStatus] = [.notMet: .notMet, .undecided: .missingEvidence, .met: .met,
                                                      .doesNotApply: .notApplicable]
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick {
                // A condition whose code failed is the value code's to decide or to fail.
                if results[index] == Status.failed.rawValue {
                    refused += 1
                    continue
                }
                let slow = Result { () throws(EvaluationError) in
                    try CompiledDocument.decide(entry, index, in: plan, context: context(), explainer: nil)
                }
                switch slow {
                case .failure(let error):
                    Issue.record("\(label) \(kind) villkor \(entry.condition.numberText): programmet ger \(results[index]), värdekoden kastar \(error)")
                case .success(let decision):
                    #expect(statuses[Status(rawValue: results[index])] == decision.status,
                            "\(label) \(kind) villkor \(entry.condition.numberText): programmet \(results[index]), värdekoden \(decision.status)")
                }
                compared += 1
            }
        }
        return (compared, refused)
    }

    /// ``CodePathAgreementTests/compare(_:_:date:label:references:)``, where an evaluation
    /// that fails (an error of the facts, such as a date past 9999-12-31) is a result too.
    static func compareAll(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) {
        do {
            _ = try CodePathAgreementTests.compare(document, facts, date: date, label: label)
        } catch is EvaluationFailure {
        } catch {
            Issue.record("\(label): \(error)")
        }
    }

    static let large = (0..<100).map { "(anordnare.b0 eller anordnare.n0 > \($0 % 7))" }.joined(separator: " och ")
    static let largeNumber = (0..<80).map { "(om anordnare.b\($0 % 2) så \($0 % 3) annars 0)" }.joined(separator: " + ")

    static let header = """
        reglemente "R" version "1"
        typ Nivå: en av låg, mellan, hög i stigande ordning
        typ Rad
          b: ja/nej kan saknas
          n: heltal kan saknas
          s: text kan saknas
          d: datum kan saknas
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
          orter: lista av text kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition stort_villkor: ja/nej kan saknas = \(large)
        definition stort_tal: heltal kan saknas = \(largeNumber)

        """

    // MARK: - A definition lowered once, read by a later condition

    /// `kräver stort_villkor` alone: the once-lowered body's last instruction writes the
    /// register the cache remembers, and `store` retargets that instruction to the
    /// condition's result. The second condition then reads a register nothing writes.
    static let onceThenStored = header + """
        villkor 1 "Ensam"
          kräver stort_villkor
        villkor 2 "Senare"
          kräver stort_villkor eller anordnare.b1

        """

    @Test func onceRegisterIsStillWrittenAfterStore() throws {
        let document = try CodePathAgreementTests.document(Self.onceThenStored)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let program = plan.program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty)
        let unwritten = Self.unwrittenReads(program, results: plan.entries.count + document.services.count)
        #expect(unwritten.isEmpty, "registers read but never written: \(unwritten.sorted())")
    }

    /// The same shape run: in a debug build the poisoned register stops the process (an exit
    /// test, so that the rest of the suite runs); in a release build the second condition
    /// reads whatever the scratch memory held.
    @Test func onceRegisterRunsWithoutReadingAPoisonedRegister() async {
        await #expect(processExitsWith: .success) {
            let document = try CodePathAgreementTests.document(LoweringReviewTests.onceThenStored)
            let date = try Day(year: 2025, month: 3, day: 1)
            for json in [#"{"anordnare": {"b0": true, "b1": false, "n0": 1}}"#, #"{"anordnare": {"b0": false, "n0": 0}}"#] {
                let facts = try document.decoder.decode(json: Array(json.utf8)).get()
                _ = try LoweringReviewTests.strict(document, facts, date: date, label: json)
                _ = try document.evaluate(facts, assessment: "ansökan", date: date)
            }
        }
    }

    /// Once-lowered definitions first met in a branch, in a loop, in a computed argument and in
    /// a list written out, then at the top: no register read is left unwritten.
    @Test func onceInEveryPlaceLeavesNoUnwrittenRead() throws {
        let shapes = [
            "om anordnare.b0 så stort_villkor annars anordnare.b1",
            "alla r i anordnare.rader: r.b eller stort_villkor",
            "alla x i [anordnare.n0, anordnare.n1]: x finns eller stort_villkor",
            "(stort_tal + 1) > anordnare.n0",
            "om anordnare.b1 så stort_tal > 3 annars stort_tal < 7",
        ]
        for first in shapes {
            let text = Self.header + """
                villkor 1 "Först"
                  kräver \(first)
                villkor 2 "Toppen"
                  kräver stort_villkor och stort_tal > 2
                villkor 3 "Igen"
                  kräver stort_villkor eller stort_tal < 20

                """
            let document = try CodePathAgreementTests.document(text)
            let plan = try #require(document.assessmentKind(named: "ansökan"))
            let unwritten = Self.unwrittenReads(plan.program, results: plan.entries.count)
            #expect(unwritten.isEmpty, "\(first): \(unwritten.sorted())")
        }
    }

    // MARK: - Adversarial shapes on random facts

    static let shapes = header + """
        tabell två(a: heltal kan saknas, b: heltal kan saknas): heltal kan saknas i ordning
          | < 0 | < 0 | 1 |
          | -   | > 2 | 2 |
          | > 5 | -   | a |
          | -   | -   | 4 |
        tabell tre(a: heltal kan saknas, b: heltal kan saknas): heltal
          | < 0  | -    | 1 |
          | >= 0 | < 3  | 2 |
          | >= 0 | >= 3 | 3 |
        tabell sann(a: heltal kan saknas, e: Nivå kan saknas): ja/nej kan saknas i ordning
          | >= 3 | hög       | ja     |
          | < 3  | -         | nej    |
          | -    | >= mellan | a > 10 |
          | -    | -         | a = 7  |
        tabell datumrad(d: datum kan saknas): heltal i ordning
          | < 2025-01-01 | 1 |
          | -            | 2 |
        tabell ortval(e: Nivå kan saknas, b: ja/nej kan saknas): text kan saknas i ordning
          | hög | -  | "x" |
          | -   | ja | "y" |
          | -   | -  | "z" |
        definition ignorera(d: datum kan saknas): ja/nej = ja
        definition känd_dag(d: datum kan saknas): ja/nej = d finns
        definition saknas_tal(n: heltal kan saknas): ja/nej = n saknas
        definition id(b: ja/nej kan saknas): ja/nej kan saknas = b
        definition båda(b: ja/nej kan saknas, c: ja/nej kan saknas): ja/nej kan saknas = b och (c saknas eller c)
        definition alla_tal(n: heltal kan saknas, m: heltal kan saknas): ja/nej kan saknas = alla x i [n, m, 3]: x >= 0
        definition tabellarg(n: heltal kan saknas): heltal kan saknas = två(n, n - 3)
        villkor 1 "Tabell med okänt och nej i samma rad"
          kräver två(anordnare.n0, anordnare.n1) >= 2
        villkor 2 "Tabell med räknade argument"
          kräver två(anordnare.n0 + 1, anordnare.n1 - 1) = 4
        villkor 3 "Tabell av ja/nej"
          kräver sann(anordnare.n0, anordnare.e)
        villkor 4 "Räknat uppräkningsvärde"
          kräver sann(anordnare.n0 * 2, om anordnare.b0 så hög annars låg)
        villkor 5 "Datum nära slutet i tabell"
          kräver datumrad(anordnare.d0 + 2 veckor) = 1
        villkor 6 "Argument som inte läses"
          kräver ignorera(anordnare.d0 + 2 veckor)
        villkor 7 "Argument som inte läses, eller"
          kräver ignorera(anordnare.d0 + 2 veckor) eller anordnare.b0
        villkor 8 "Datum nära början"
          kräver känd_dag(anordnare.d0 - 1 dagar)
        villkor 9 "Saknas av räknat tal"
          kräver saknas_tal(anordnare.n0 + anordnare.n1)
        villkor 10 "Ja/nej rakt igenom"
          kräver id(anordnare.b0 och anordnare.b1)
        villkor 11 "Två ja/nej"
          kräver båda(anordnare.b0 eller anordnare.b1, inte anordnare.b0)
        villkor 12 "Uppräknad lista av parametrar"
          kräver alla_tal(anordnare.n0 - 1, anordnare.n1)
        villkor 13 "Tabell i definition"
          kräver tabellarg(anordnare.n1 * 2) > 1
        villkor 14 "Text ur tabell"
          kräver ortval(anordnare.e, anordnare.b0) = anordnare.s0
        villkor 15 "Vald text till höger"
          kräver anordnare.s1 ≠ (om anordnare.b1 så anordnare.s0 annars "m")
        villkor 16 "Texter i slingor"
          kräver alla r i anordnare.rader: r.s ≠ anordnare.s0 och (någon o i anordnare.orter: o = r.s)
        villkor 17 "Texter i en lista av texter"
          kräver alla o i anordnare.orter: o ≠ anordnare.s1
        villkor 18 "Vald text i uppräknad lista"
          kräver ingen x i [anordnare.s0, anordnare.s1]: x = (om anordnare.b0 så "x" annars anordnare.s1)
        villkor 19 "Slinga i uppräknad lista"
          kräver alla x i [anordnare.n0, anordnare.n1]: (alla r i anordnare.rader: r.n finns och r.n < x) eller x saknas
        villkor 20 "Stort villkor i gren"
          kräver om anordnare.b0 så stort_villkor annars anordnare.b1
        villkor 21 "Stort villkor"
          kräver stort_villkor eller anordnare.b1
        villkor 22 "Stort villkor i slinga"
          kräver alla r i anordnare.rader: r.b eller stort_villkor
        villkor 23 "Stort tal"
          kräver stort_tal + anordnare.n0 > 20
        villkor 24 "Tabell i slinga med stort tal"
          kräver alla r i anordnare.rader: två(r.n, stort_tal - 30) >= 2
        villkor 25 "Datum i uppräknad lista"
          kräver någon x i [anordnare.d0, 2025-01-01]: x + 2 veckor > bedömningsdatum
        villkor 26 "Tabeller i varandra"
          kräver sann(två(anordnare.n0, anordnare.n1), anordnare.e)
        villkor 27 "Räknat uppräkningsvärde i slinga"
          kräver alla r i anordnare.rader: sann(r.n + 1, om r.b så mellan annars anordnare.e)
        villkor 28 "Tabell utan ordning"
          kräver tre(anordnare.n0, anordnare.n1 - 2) >= 2
        villkor 29 "Texter i rader"
          kräver alla r i anordnare.rader: r.s = anordnare.s1 eller r.s saknas
        villkor 30 "Stort tal i gren och efter"
          kräver (om anordnare.b1 så stort_tal annars 1) < stort_tal

        """

    static func facts(_ g: inout SplitMix64) -> String {
        let truth: (inout SplitMix64) -> String? = { N.pick(&$0, ["true", "false", "null", nil]) }
        let number: (inout SplitMix64) -> String? = {
            N.pick(&$0, ["-3", "-1", "0", "1", "3", "4", "5", "7", "11", "2147483647", "4611686018427387904", "null", nil])
        }
        let text: (inout SplitMix64) -> String? = { N.pick(&$0, [#""x""#, #""y""#, #""m""#, #""a""#, "null", nil]) }
        let date: (inout SplitMix64) -> String? = {
            N.pick(&$0, [#""2024-12-31""#, #""2025-02-20""#, #""9999-12-25""#, #""9999-12-31""#, #""0001-01-01""#, "null", nil])
        }
        let rows: (inout SplitMix64) -> String? = { g in
            N.list(&g) { g in N.record(&g, [("b", truth), ("n", number), ("s", text), ("d", date)]) }
        }
        let places: (inout SplitMix64) -> String? = { g in N.list(&g) { g in N.pick(&g, [#""x""#, #""y""#, #""a""#])! } }
        return #"{"anordnare": "# + N.record(&g, [
            ("b0", truth), ("b1", truth), ("n0", number), ("n1", number), ("d0", date), ("s0", text), ("s1", text),
            ("e", { N.pick(&$0, [#""låg""#, #""mellan""#, #""hög""#, "null", nil]) }), ("rader", rows), ("orter", places),
        ]) + "}"
    }

    @Test func adversarialShapesAgreeStrictly() throws {
        let document = try CodePathAgreementTests.document(Self.shapes)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let unwritten = Self.unwrittenReads(plan.program, results: plan.entries.count)
        #expect(unwritten.isEmpty, "registers read but never written: \(unwritten.sorted())")
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 7)
        var (compared, refused, decoded) = (0, 0, 0)
        let rounds = RandomRounds.of(1_500)
        for run in 0..<rounds {
            let json = Self.facts(&g)
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else { continue }
            decoded += 1
            let (c, r) = try Self.strict(document, facts, date: date, label: json)
            (compared, refused) = (compared + c, refused + r)
            if run % 15 == 0 { Self.compareAll(document, facts, date: date, label: json) }
        }
        print("LoweringReviewTests: \(decoded) decoded, \(compared) compared, \(refused) refused by the program")
        #expect(decoded * 3 > rounds * 2, "\(decoded)")
        #expect(compared * 3 > rounds * 20, "\(compared) compared, \(refused) refused")
    }

    /// Which of the shapes above still need a closure (reported, not required).
    @Test func closuresLeftInTheShapes() throws {
        let document = try CodePathAgreementTests.document(Self.shapes)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        print("LoweringReviewTests: \(program.closures.count) closures, \(program.valueClosures.count) value closures")
    }

    // MARK: - Tables with undecided rows, shadowed names, choices in loops, deep calls

    static let extra = header + """
        tabell lucka(a: heltal kan saknas, b: ja/nej kan saknas): heltal kan saknas i ordning
          | > 3 | ja  | 1 |
          | < 0 | -   | 2 |
          | -   | nej | 3 |
          | -   | -   | 4 |
        tabell ortval(e: Nivå kan saknas, b: ja/nej kan saknas): text kan saknas i ordning
          | hög | -  | "x" |
          | -   | ja | "y" |
          | -   | -  | "z" |
        tabell två(a: heltal kan saknas, b: heltal kan saknas): heltal kan saknas i ordning
          | < 0 | < 0 | 1 |
          | -   | > 2 | 2 |
          | > 5 | -   | a |
          | -   | -   | 4 |
        definition dubbel(n: heltal kan saknas): heltal kan saknas = n * 2
        definition nära(d: datum kan saknas, n: heltal kan saknas): ja/nej kan saknas = om n finns så d + 2 veckor > 2025-03-01 annars d saknas
        villkor 1 "Okänt och nej i raderna"
          kräver lucka(anordnare.n0, anordnare.b0) >= 1
        villkor 2 "Okänt och nej i raderna, räknat"
          kräver lucka(anordnare.n0 - anordnare.n1, anordnare.b1) = 2
        villkor 3 "Samma namn i uppräknade listor"
          kräver alla x i [anordnare.n0, anordnare.n1]: alla x i [x, 1]: x > 0
        villkor 4 "Vald text i slinga"
          kräver alla r i anordnare.rader: ortval(anordnare.e, r.b) = r.s
        villkor 5 "Tabeller djupt"
          kräver två(två(två(anordnare.n0, anordnare.n1), dubbel(anordnare.n1)), dubbel(dubbel(dubbel(anordnare.n0)))) >= 2
        villkor 6 "Anrop djupt"
          kräver dubbel(dubbel(dubbel(dubbel(dubbel(dubbel(anordnare.n0)))))) > 100
        villkor 7 "Datum i gren av definition"
          kräver nära(anordnare.d0, anordnare.n0 + 1)
        villkor 8 "Datum i rader"
          kräver någon r i anordnare.rader: nära(r.d, r.n) och nära(r.d + 1 dagar, dubbel(r.n))
        villkor 9 "Tabell i uppräknad lista"
          kräver någon x i [anordnare.n0, anordnare.n1, 3]: två(x, x - 4) = 2
        villkor 10 "Två texter ur val"
          kräver (om anordnare.b0 så anordnare.s0 annars "x") ≠ anordnare.s1 och anordnare.s0 = anordnare.s1

        """

    @Test func extraShapesAgreeStrictly() throws {
        let document = try CodePathAgreementTests.document(Self.extra)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let unwritten = Self.unwrittenReads(plan.program, results: plan.entries.count)
        #expect(unwritten.isEmpty, "registers read but never written: \(unwritten.sorted())")
        print("LoweringReviewTests extra: \(plan.program.closures.count) closures, \(plan.program.valueClosures.count) value closures")
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 11)
        var (compared, refused, decoded) = (0, 0, 0)
        var statuses = Set<String>()
        for run in 0..<1_500 {
            let json = Self.facts(&g)
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else { continue }
            decoded += 1
            let (c, r) = try Self.strict(document, facts, date: date, label: json)
            (compared, refused) = (compared + c, refused + r)
            if run % 15 == 0 { Self.compareAll(document, facts, date: date, label: json) }
            if let decision = try? document.evaluate(facts, assessment: "ansökan", date: date) {
                for condition in decision.conditions { statuses.insert("\(condition.number) \(condition.status.rawValue)") }
            }
        }
        print("LoweringReviewTests extra: \(decoded) decoded, \(compared) compared, \(refused) refused; \(statuses.sorted())")
        #expect(decoded > 1_000, "\(decoded)")
    }

    // MARK: - Targeted facts

    /// A row whose first test is unknown and second `nej` passes to the next row; one whose
    /// test is unknown and none `nej` makes the table unknown; arguments computed near the
    /// end of the calendar are errors in both, also when the body never reads them.
    @Test func targetedFacts() throws {
        let document = try CodePathAgreementTests.document(Self.shapes)
        let date = try Day(year: 2025, month: 3, day: 1)
        let cases = [
            #"{"anordnare": {"n1": 5, "b0": true, "b1": false}}"#,
            #"{"anordnare": {"n0": 7, "b0": false, "e": "hög"}}"#,
            #"{"anordnare": {"d0": "9999-12-25", "b0": true}}"#,
            #"{"anordnare": {"d0": "9999-12-25", "b0": false}}"#,
            #"{"anordnare": {"d0": "0001-01-01"}}"#,
            #"{"anordnare": {"n0": 4611686018427387904, "n1": 4611686018427387904}}"#,
            #"{"anordnare": {"s0": "x", "s1": "x", "orter": ["x", "y"], "rader": [{"s": "x"}, {"s": null}]}}"#,
            #"{"anordnare": {"e": "mellan", "n0": 11, "b0": null, "rader": [{"b": null, "n": 2}]}}"#,
            #"{"anordnare": {"rader": [], "orter": []}}"#,
        ]
        for json in cases {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try Self.strict(document, facts, date: date, label: json)
            Self.compareAll(document, facts, date: date, label: json)
        }
    }
}
