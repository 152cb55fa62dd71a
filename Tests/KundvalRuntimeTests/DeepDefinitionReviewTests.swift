import Foundation
import KundvalChecker
import KundvalSyntax
import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// The independent review of 9754b1b (definitions without parameters reached four calls deep lowered once at
/// the program's start; shared body traces with a depth bound).
@Suite struct DeepDefinitionReviewTests {
    typealias Random = RandomConditionAgreementTests
    static let date = try! Day(year: 2025, month: 3, day: 1)
    static let head = Random.header + Random.spare() + Random.tail

    /// Closures of the plan's program, and of each condition's checks' program.
    static func closures(_ document: CompiledDocument) throws -> (plan: Int, checks: [Int?]) {
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let own = plan.program.closures.count + plan.program.valueClosures.count
        let checks = plan.checkPrograms.map { $0.map { $0.program.closures.count + $0.program.valueClosures.count } }
        return (own, checks)
    }

    static func chain(_ prefix: String, _ count: Int, type: String = "heltal kan saknas", base: String,
                      step: (String, Int) -> String) -> String {
        var lines = ["definition \(prefix)1: \(type) = \(base)"]
        for i in 2...count { lines.append("definition \(prefix)\(i): \(type) = \(step("\(prefix)\(i - 1)", i))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func chain(_ prefix: String, _ count: Int, type: String = "heltal kan saknas", base: String,
                      step: (String) -> String) -> String {
        chain(prefix, count, type: type, base: base) { previous, _ in step(previous) }
    }

    /// Every code path and every trace walk on random facts.
    static func agree(_ document: CompiledDocument, seed: UInt64, rounds: Int, label: String) throws -> Set<String> {
        var g = SplitMix64(seed: seed)
        var statuses = Set<String>()
        var (walked, left) = (0, 0)
        for _ in 0..<rounds {
            let json = Random.facts(&g)
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else { continue }
            _ = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: "\(label) \(json)")
            let (w, l, _) = try PlanTraceAgreementTests.compare(document, facts, date: date, label: "\(label) \(json)")
            (walked, left) = (walked + w, left + l)
            do {
                _ = try CodePathAgreementTests.compare(document, facts, date: date, label: "\(label) \(json)")
                for condition in try document.evaluate(facts, assessment: "ansökan", date: date).conditions {
                    statuses.insert("\(condition.number) \(condition.status.rawValue)")
                }
            } catch {
                // The value code fails: so must both evaluations, with the same error.
                let quick = Result { try document.evaluate(facts, assessment: "ansökan", date: date) }
                let explained = Result { try document.evaluate(facts, assessment: "ansökan", date: date, explain: true) }
                switch (quick, explained) {
                case (.failure(let a), .failure(let b)):
                    #expect("\(a)" == "\(b)", "\(label) \(json)")
                    statuses.insert("fel")
                default:
                    Issue.record("\(label) \(json): \(error); quick \(quick), explained \(explained)")
                }
            }
        }
        return statuses
    }

    // MARK: 1. Depth model

    /// A kundval's own chain, read by a part of a condition whose first part is the
    /// reglemente's: `deepDefinitions` walks only the first root's compiler's definitions.
    @Test func kundvalOwnChainInThePlan() throws {
        let reglemente = Self.head.replacingOccurrences(of: "reglemente \"R\" version \"1\"", with: "reglemente \"R\" version \"1\"") + """
            villkor 1 "V1"
              kräver anordnare.b0
            villkor 2 "V2"
              kräver anordnare.b1 eller anordnare.b2

            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            \(Self.chain("kk", 8, base: "anordnare.n0") { "\($0) + 1" })
            villkor 2
              kräver kk8 < 20

            """
        let document = try PlanTraceReviewTests.document([("r.kundval", reglemente), ("k.kundval", kundval)], name: "K")
        let (plan, checks) = try Self.closures(document)
        #expect(plan == 0, "the plan's program calls value code for the kundval's chain")
        #expect(checks.allSatisfy { ($0 ?? 0) == 0 }, "a checks' program calls value code")
        _ = try Self.agree(document, seed: 1, rounds: 40, label: "kundval chain")
    }

    /// The same chain in a kundval's own condition part only: the checks' program of that
    /// condition starts with the reglemente's part.
    @Test func kundvalOwnChainInAServiceLessDocument() throws {
        let reglemente = Self.head + """
            villkor 1 "V1"
              kräver anordnare.b0

            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            \(Self.chain("kk", 8, base: "anordnare.n0") { "\($0) + 1" })
            villkor 1
              kräver kk8 < 20

            """
        let document = try PlanTraceReviewTests.document([("r.kundval", reglemente), ("k.kundval", kundval)], name: "K")
        let (plan, checks) = try Self.closures(document)
        #expect(plan == 0)
        #expect(checks.allSatisfy { ($0 ?? 0) == 0 })
    }

    /// A deep truth read where a value is lowered (`b8 = anordnare.b0`, `b8 finns`).
    @Test func deepTruthReadAsAValue() throws {
        let text = Self.head + Self.chain("bb", 8, type: "ja/nej kan saknas", base: "anordnare.b0") { "\($0) och anordnare.b1" } + """
            villkor 1 "Lika"
              kräver bb8 = anordnare.b2
            villkor 2 "Finns"
              kräver bb8 finns
            villkor 3 "Vanlig"
              kräver bb8

            """
        let document = try CodePathAgreementTests.document(text)
        let (plan, checks) = try Self.closures(document)
        // `bb8 = anordnare.b2` reads the truth as a value (see `TruthAsValueTests`); it stayed a
        // closure until then.
        #expect(plan == 0)
        #expect(checks.allSatisfy { ($0 ?? 0) == 0 })
        _ = try Self.agree(document, seed: 2, rounds: 40, label: "truth as value")
    }

    /// A large definition (more than 400 nodes, lowered once instead of inlined) in the chain,
    /// first read inside a branch (so lowered where it is, not once).
    @Test func largeDefinitionInTheChain() throws {
        let group = (0..<60).map { "anordnare.f\($0)" }.joined(separator: " eller ")
        let big = "definition stor_d: ja/nej kan saknas = kk3 > 2 och ((\(group)) eller (\(group)) eller (\(group)) eller (\(group)))\n"
        let text = Self.head + Self.chain("kk", 3, base: "anordnare.n0") { "\($0) + 1" } + big + """
            definition ett: ja/nej kan saknas = stor_d eller anordnare.b3
            definition två: ja/nej kan saknas = ett och anordnare.b2
            definition tre: ja/nej kan saknas = två eller anordnare.b1
            villkor 1 "Gren"
              kräver om anordnare.b0 så tre annars ja
            villkor 2 "Direkt"
              kräver tre

            """
        let document = try CodePathAgreementTests.document(text)
        let (plan, checks) = try Self.closures(document)
        #expect(plan == 0)
        #expect(checks.allSatisfy { ($0 ?? 0) == 0 })
        _ = try Self.agree(document, seed: 3, rounds: 40, label: "large in chain")
    }

    /// Through a definition with a parameter and a table in between, and a deep definition
    /// read as an argument computed at its call.
    @Test func throughParametersTablesAndArguments() throws {
        let text = Self.head + Self.chain("kk", 6, base: "anordnare.n0") { "\($0) + 1" } + """
            definition p1(x: heltal kan saknas): heltal kan saknas = x + kk2
            definition p2(x: heltal kan saknas): heltal kan saknas = p1(x + kk1) * 2
            tabell t(x: heltal kan saknas): heltal kan saknas i ordning
              | < 0    | p2(x)    |
              | >= 0   | kk6      |
            definition q: heltal kan saknas = t(kk4) + 1
            villkor 1 "Tabell"
              kräver t(anordnare.n1) < 30
            villkor 2 "Arg"
              kräver p2(q) < 100
            villkor 3 "Loop"
              kräver alla r i anordnare.rader: r.n > q eller p1(r.n) < kk5

            """
        let document = try CodePathAgreementTests.document(text)
        let (plan, checks) = try Self.closures(document)
        #expect(plan == 0)
        #expect(checks.allSatisfy { ($0 ?? 0) == 0 })
        _ = try Self.agree(document, seed: 4, rounds: 60, label: "parameters/tables")
    }

    /// A reglemente's chain read from the reglemente's part and the kundval's part of one
    /// condition, or from the kundval's only: which parts have traces.
    @Test(arguments: [true, false])
    func reglementeChainFromKundval(_ fromBoth: Bool) throws {
        let reglemente = Self.head + Self.chain("rr", 8, base: "anordnare.n0") { "\($0) + 1" } + """
            villkor 1 "V1"
              kräver \(fromBoth ? "rr8 < 100" : "anordnare.b0")

            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            villkor 1
              kräver rr8 > 1

            """
        let document = try PlanTraceReviewTests.document([("r.kundval", reglemente), ("k.kundval", kundval)], name: "K")
        let kind = try #require(document.assessmentKind(named: "ansökan"))
        #expect(kind.program.closures.isEmpty && kind.program.valueClosures.isEmpty)
        _ = try Self.agree(document, seed: 10, rounds: 30, label: "reglemente chain from kundval \(fromBoth)")
    }

    // MARK: 2. Semantics with errors

    /// Deep definitions that overflow, divide by zero or leave the calendar on some facts,
    /// read only in branches not always taken, in loops and in `gäller när`.
    @Test func errorsInDeepDefinitions() throws {
        let text = Self.head
            + Self.chain("ov", 6, base: "anordnare.n0 * anordnare.n0 * anordnare.n0") { "\($0) * anordnare.n1 + \($1)" }
            + Self.chain("dv", 6, type: "decimaltal kan saknas", base: "100 / anordnare.x") { "\($0) + 1 / (anordnare.x - 3)" }
            + Self.chain("dt", 6, type: "datum kan saknas", base: "anordnare.d0 + anordnare.t * anordnare.n0") { "\($0) + anordnare.t" }
            + Self.chain("bb", 6, type: "ja/nej kan saknas", base: "dt2 > anordnare.d1 eller ov3 > 7") { "\($0) och (anordnare.b1 eller dv\(min($1, 6)) > 1)" }
            + """
            villkor 1 "Gren"
              kräver om anordnare.b0 så ov6 > 3 annars ja
            villkor 2 "Loop"
              kräver alla r i anordnare.rader: r.b eller r.n < ov6
            villkor 3 "Datum"
              gäller när anordnare.b2
              kräver dt6 < 2026-01-01 eller anordnare.b3
            villkor 4 "Kvot"
              kräver anordnare.b1 eller dv6 > 2
            villkor 5 "Ja/nej"
              kräver om anordnare.b3 så bb6 annars anordnare.b0
            villkor 6 "Någon"
              kräver någon r i anordnare.rader: r.b och bb6

            """
        let document = try CodePathAgreementTests.document(text)
        let (plan, _) = try Self.closures(document)
        #expect(plan == 0)
        let statuses = try Self.agree(document, seed: 5, rounds: 300, label: "errors")
        #expect(statuses.count > 8)
    }

    /// A reglemente's chain read from both files, and a kundval's own chain built on it.
    @Test func twoFilesAgree() throws {
        let reglemente = Self.head + Self.chain("rr", 7, base: "anordnare.n0") { "\($0) * 2 + anordnare.n1" }
            + Self.chain("rb", 7, type: "ja/nej kan saknas", base: "rr3 > 4") { "\($0) eller anordnare.b\($1 % 4)" } + """
            villkor 1 "V1"
              kräver rr7 < 100
            villkor 2 "V2"
              kräver rb7 eller anordnare.b0

            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            \(Self.chain("kk", 6, base: "rr5") { "\($0) + 1" })
            villkor 1
              kräver kk6 < 50
            villkor 2
              kräver rb7 och rr7 > 1

            """
        let document = try PlanTraceReviewTests.document([("r.kundval", reglemente), ("k.kundval", kundval)], name: "K")
        let (plan, checks) = try Self.closures(document)
        #expect(plan == 0 && checks.allSatisfy { ($0 ?? 0) == 0 }, "\(plan) \(checks)")
        _ = try Self.agree(document, seed: 6, rounds: 150, label: "two files")
    }

    /// Record- and list-typed definitions in the chain (not lowered once).
    @Test func recordAndListDefinitions() throws {
        let text = Self.head + Self.chain("kk", 6, base: "anordnare.n0") { "\($0) + 1" } + """
            definition rad: Rad = { b: kk5 > 3, d: anordnare.d0, n: kk6, e: anordnare.e, p: anordnare.p }
            definition a1: ja/nej kan saknas = rad.n > 4
            definition a2: ja/nej kan saknas = a1 och anordnare.b0
            definition a3: ja/nej kan saknas = a2 eller anordnare.b1
            definition a4: ja/nej kan saknas = a3 och rad.b
            villkor 1 "Post"
              kräver a4 eller a2

            """
        guard case .success = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]) else {
            return
        }
        let document = try CodePathAgreementTests.document(text)
        _ = try Self.agree(document, seed: 7, rounds: 60, label: "records")
    }

    // MARK: 3–4. Traces, bounded work

    /// A doubling chain as long as the checker allows: compiled in bounded time, explained as
    /// the value code does.
    @Test(arguments: [60, 150, 240, 320])
    func longDoublingChain(_ length: Int) throws {
        let text = Self.head + "definition g0: ja/nej kan saknas = anordnare.b0 och anordnare.n0 > 1\n"
            + (1...length).map { "definition g\($0): ja/nej kan saknas = g\($0 - 1) och (g\($0 - 1) eller anordnare.f\($0 % 70))" }.joined(separator: "\n")
            + """

            villkor 1 "Lång"
              kräver g\(length)
            villkor 2 "Loop"
              kräver alla r i anordnare.rader: r.b eller g\(length / 2)
            villkor 3 "Båda"
              kräver g\(length / 3) och (anordnare.b1 eller g\(length))

            """
        let start = Date()
        guard case .success(let rules) = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]) else {
            return
        }
        let document = try #require(rules.document(named: "R"))
        _ = document.assessmentKind(named: "ansökan")
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 20)
        _ = try Self.agree(document, seed: 8, rounds: 20, label: "doubling \(length)")
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"b0": true, "n0": 3, "rader": [{"b": false}]}}"#.utf8)).get()
        _ = try document.evaluate(facts, assessment: "ansökan", date: Self.date, explain: true)
    }

    /// A straight chain whose trace is deeper than 512 levels, and a call of a shallow body
    /// first traced high up, then read near the bound.
    @Test(arguments: [100, 200, 300])
    func deepTraceChain(_ length: Int) throws {
        let text = Self.head + "definition h0: heltal kan saknas = anordnare.n0\n"
            + (1...length).map { "definition h\($0): heltal kan saknas = om anordnare.f\($0 % 70) så h\($0 - 1) + 1 annars h\($0 - 1) - 1" }.joined(separator: "\n")
            + """

            villkor 1 "Kort"
              kräver h\(length / 4) > 0
            villkor 2 "Lång"
              kräver h\(length) > 0 och h\(length / 4) < 100
            villkor 3 "Mitt"
              kräver h\(length / 2) < 5

            """
        guard case .success(let rules) = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]) else {
            return
        }
        let document = try #require(rules.document(named: "R"))
        _ = try Self.agree(document, seed: 9, rounds: 20, label: "trace chain \(length)")
        // An explained evaluation on a thread with a 512 KB stack.
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"n0": 3, "f1": true, "rader": []}}"#.utf8)).get()
        let semaphore = DispatchSemaphore(value: 0)
        let thread = Thread { [document] in
            _ = try? document.evaluate(facts, assessment: "ansökan", date: Self.date, explain: true)
            semaphore.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        #expect(semaphore.wait(timeout: .now() + 60) == .success)
    }
}
