import Foundation
import KundvalDiagnostics
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Adversarial documents for the plan's traces (review 49): each compared step for step with the
/// value code by ``PlanTraceAgreementTests/compare(_:_:date:label:)``.
@Suite struct PlanTraceReviewTests {
    typealias Random = RandomConditionAgreementTests
    static let date = try! Day(year: 2025, month: 3, day: 1)

    static func document(_ files: [(String, String)], name: String = "R") throws -> CompiledDocument {
        switch RuleSet.compile(files.map { SourceFile(path: $0.0, text: $0.1) }) {
        case .success(let rules): return try #require(rules.document(named: name))
        case .failure(let error):
            Issue.record("does not compile: \(error)")
            throw error
        }
    }

    /// Which conditions have traces, per kind.
    static func traced(_ document: CompiledDocument) -> String {
        var out: [String] = []
        for kind in document.assessmentNames {
            guard let plan = document.assessmentKind(named: kind) else { continue }
            let numbers = plan.entries.enumerated().filter { plan.checkPrograms[$0.offset]?.traces != nil }.map { $0.element.condition.numberText }
            let untraced = plan.entries.enumerated().filter { plan.checkPrograms[$0.offset] != nil && plan.checkPrograms[$0.offset]?.traces == nil }.map { $0.element.condition.numberText }
            out.append("\(kind): traced \(numbers) untraced \(untraced)")
        }
        return out.joined(separator: "; ")
    }

    static func run(_ document: CompiledDocument, _ jsons: [String], label: String) throws {
        print("plan trace review: \(label): \(traced(document))")
        var (walked, left) = (0, 0)
        for json in jsons {
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else {
                print("plan trace review: \(label): refused \(json)")
                continue
            }
            let (w, l, _) = try PlanTraceAgreementTests.compare(document, facts, date: date, label: "\(label) \(json)")
            walked += w
            left += l
        }
        print("plan trace review: \(label): \(walked) walks, \(left) left")
    }

    static func randomFacts(_ count: Int, seed: UInt64) -> [String] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in Random.facts(&g) }
    }

    static let head = Random.header + Random.spare() + Random.tail

    /// A definition with a list parameter: the value code names the elements by the argument.
    @Test func listParameterNamesElements() throws {
        let text = Self.head + """
            definition alla_b(l: lista av Rad): ja/nej kan saknas = alla q i l: q.b
            definition någon_n(l: lista av Rad): ja/nej kan saknas = någon q i l: q.n > 3
            villkor 1 "V1"
              kräver alla_b(anordnare.rader)
            villkor 2 "V2"
              kräver någon_n(anordnare.rader)

            """
        let doc = try Self.document([("r.kundval", text)])
        try Self.run(doc, [#"{"anordnare": {"rader": [{"b": null, "n": null}]}}"#,
                           #"{"anordnare": {"rader": [{"b": true, "n": 1}, {"n": 2}]}}"#], label: "list parameter")
    }

    static func bigDefinition() -> String {
        let group = (0..<55).map { "anordnare.f\($0)" }.joined(separator: " eller ")
        let chain = (0..<5).map { _ in "(\(group))" }.joined(separator: " eller ")
        return "definition stor_d: ja/nej kan saknas = (alla q i anordnare.rader: q.n > 3) och (\(chain))\n"
    }

    /// A definition without parameters too large to inline, lowered once at the top of one
    /// check, first walked inside a loop of another (the first call skipped by `och`).
    @Test func onceDefinitionFirstWalkedInLoop() throws {
        let text = Self.head + Self.bigDefinition() + """
            villkor 1 "V1"
              kräver anordnare.b0 och stor_d
              kräver alla r i anordnare.rader: r.b och stor_d
              kräver alla r i anordnare.rader: alla w i r.v: w finns

            """
        let doc = try Self.document([("r.kundval", text)])
        try Self.run(doc, [#"{"anordnare": {"b0": false, "rader": [{"b": true, "n": 10}, {"b": true, "n": 1}]}}"#,
                           #"{"anordnare": {"b0": false, "rader": [{"b": true, "n": 1}, {"b": true, "n": 10}]}}"#],
                     label: "once in loop")
    }

    /// The same without a nested loop: the program has one frame, the walk writes a second.
    @Test func onceDefinitionFirstWalkedInLoopOneFrame() throws {
        let text = Self.head + Self.bigDefinition() + """
            villkor 1 "V1"
              kräver anordnare.b0 och stor_d
              kräver alla r i anordnare.rader: r.b och stor_d

            """
        let doc = try Self.document([("r.kundval", text)])
        try Self.run(doc, [#"{"anordnare": {"b0": false, "rader": [{"b": true, "n": 10}, {"b": true, "n": 1}]}}"#],
                     label: "once in loop, one frame")
    }

    /// The once-lowered definition's loop walked inside a loop, with the element of the loop
    /// around it read after the call: the walk gives that loop its frame back.
    @Test func onceDefinitionWalkedBetweenReadsOfTheElement() throws {
        let text = Self.head + Self.bigDefinition() + """
            villkor 1 "V1"
              kräver anordnare.b0 eller stor_d
              kräver alla r i anordnare.rader: r.b eller (stor_d och r.n > 2) eller r.d saknas

            """
        let doc = try Self.document([("r.kundval", text)])
        #expect(Self.traced(doc) == #"ansökan: traced ["1"] untraced []"#)
        try Self.run(doc, Self.randomFacts(200, seed: 50), label: "once in loop, element read after")
    }

    static let reglemente = """
        reglemente "R" version "1"
        typ Anordnare
          a: ja/nej kan saknas
          n: heltal kan saknas
          m: heltal kan saknas
        fakta
          anordnare: Anordnare
        definition stor(x: heltal kan saknas): ja/nej kan saknas = x > 3
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 5 "V"
          kräver stor(anordnare.n) eller anordnare.a

        """

    static let kundval = """
        kundval "K"
          enligt reglemente "R" version "1"
        villkor 5
          kräver stor(anordnare.m)

        """

    /// A definition of the reglemente called from both files.
    @Test func reglementeDefinitionCalledFromKundval() throws {
        let doc = try Self.document([("r.kundval", Self.reglemente), ("k.kundval", Self.kundval)], name: "K")
        try Self.run(doc, [#"{"anordnare": {"n": 5, "m": 1}}"#, #"{"anordnare": {"n": 1, "m": 5, "a": false}}"#, #"{"anordnare": {}}"#],
                     label: "reglemente definition")
    }

    /// Assorted shapes the random generator does not make, each in a document of its own.
    @Test func assortedShapes() throws {
        let definitions = """
            definition rb(r: Rad): ja/nej kan saknas = r.b och r.n > 1
            definition cnt(l: lista av Rad): heltal kan saknas = antal q i l där q.b
            definition sumn(l: lista av Rad): heltal kan saknas = summa q i l: q.n
            definition tidig(d: datum kan saknas): ja/nej kan saknas = d < 2025-01-01
            definition dd: datum kan saknas = anordnare.d0
            definition två(r: Rad): ja/nej kan saknas = rb(r) eller r.e = hög
            definition inre(r: Rad): ja/nej kan saknas = någon w i r.v: tidig(w)
            definition någon_tidig: ja/nej kan saknas = någon q i anordnare.rader: tidig(q.d)
            definition rbk(r: Rad kan saknas): ja/nej kan saknas = r.b och r.n > 1
            tabell nivåtal(e: Nivå kan saknas): heltal
              | låg | 1 |
              | mellan | 2 |
              | hög | 3 |

            """
        let shapes = [
            "kräver alla r i anordnare.rader: rb(r)",
            "kräver rbk(element(anordnare.rader, 1))",
            "kräver stor(anordnare.n0) och stor(anordnare.n1)",
            "kräver cnt(anordnare.rader) > 1 eller sumn(anordnare.rader) > 3",
            "kräver största(om anordnare.b0 så anordnare.n0 annars anordnare.n1, 3) > 3",
            "kräver nivåtal(anordnare.e) > 1",
            "kräver alla r i anordnare.rader: någon w i r.v: tidig(w)",
            "kräver alla r i anordnare.rader: tidig(r.d) eller tidig(dd)",
            "kräver anordnare.s = \"a\" eller anordnare.s2 = anordnare.s",
            "kräver alla r i anordnare.rader: rb(r) och inte rb(r)",
            "kräver är_arbetsdag(dd) och tidig(dd)",
            "kräver hög = anordnare.e eller element(anordnare.rader, 1).n > 2",
            "kräver alla r i anordnare.rader: två(r)",
            "kräver alla r i anordnare.rader: inre(r)",
            "gäller när anordnare.b1\n  kräver tidig(dd) eller anordnare.b2\n  kräver tidig(dd) och någon r i anordnare.rader: tidig(r.d)",
            "kräver alla r i anordnare.rader: (om r.b så r.n annars anordnare.n0) > 2 och stor(r.n)",
            "kräver (antal r i anordnare.rader där stor(r.n)) >= 1 och (summa r i anordnare.rader: välj(r.d, r.n, 2)) > 3",
            "kräver anordnare.b0 och dd > 2025-01-01\n  kräver alla r i anordnare.rader: r.d = dd eller dd finns",
            "kräver alla r i anordnare.rader: alla w i r.v: w > dd och stor(r.n)",
            "kräver sen(anordnare.d0) eller sen(anordnare.d1) eller sen(anordnare.d0)",
            "kräver (anordnare.d0 högst 3 månader gammalt vid anordnare.d1) eller anordnare.b0",
            "kräver hög = anordnare.e eller anordnare.b0",
            "kräver 3 < anordnare.n0 eller anordnare.b0",
            "kräver alla r i anordnare.rader: någon w i r.v: w > r.d och rb(r)",
            "kräver alla r i anordnare.rader: r.n finns och r.n > anordnare.n0",
            "kräver alla r i anordnare.rader: största(välj(r.d, r.n, anordnare.n0), 2) > 2",
            "kräver anordnare.b0 och någon_tidig\n  kräver alla r i anordnare.rader: r.b och någon_tidig",
            "kräver alla r i anordnare.rader: rb(r) eller tidig(r.d)\n  kräver någon r i anordnare.rader: tidig(r.d) och r.e = hög",
            "kräver alla r i anordnare.rader: (antal q i anordnare.rader där q.n > r.n) < 2",
            "kräver (summa r i anordnare.rader: om r.b så r.n annars 0) > 2 eller inte (alla t i anordnare.tal: t > 1)",
        ]
        for (index, shape) in shapes.enumerated() {
            let text = Self.head + definitions + "villkor 1 \"V\"\n  \(shape)\n"
            guard case .success(let rules) = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]),
                  let doc = rules.document(named: "R") else {
                Issue.record("shape \(index) does not compile: \(shape)")
                continue
            }
            try Self.run(doc, Self.randomFacts(300, seed: 49 &+ UInt64(index)), label: "shape \(index) [\(shape)]")
        }
    }

    /// A definition written out twice in one loop's body (`loopInliningCalls`), once on the
    /// element (its presence test noted where the cell is read) and once on a record fact (the
    /// same test a fact literal, noted nowhere): both bodies share one key, noted once.
    @Test func expandedCallsShareAKey() throws {
        let text = Random.header + "  rad0: Rad\n" + Random.spare() + Random.tail + """
            definition har_d(rr: Rad): ja/nej = rr.d finns
            villkor 1 "V1"
              kräver alla r i anordnare.rader: har_d(r) och har_d(anordnare.rad0)

            """
        let doc = try Self.document([("r.kundval", text)])
        try Self.run(doc, [#"{"anordnare": {"rader": [{"d": "2025-01-01"}], "rad0": {}}}"#,
                           #"{"anordnare": {"rader": [{"d": "2025-01-01"}], "rad0": {"d": "2025-01-01"}}}"#,
                           #"{"anordnare": {"rader": [{}], "rad0": {"d": "2025-01-01"}}}"#],
                     label: "expanded calls share a key")
    }

    /// The same through the public `evaluate`, without an explanation: an undecided condition
    /// names its missing facts from the walk (`CompiledDocument.decision` → `observeChecks`).
    @Test func onceDefinitionThroughEvaluate() throws {
        let text = Self.head + Self.bigDefinition() + """
            villkor 1 "V1"
              kräver anordnare.b0 eller stor_d
              kräver alla r i anordnare.rader: r.b eller stor_d

            """
        let doc = try Self.document([("r.kundval", text)])
        let json = #"{"anordnare": {"b0": true, "rader": [{"n": 10}, {"n": 1}]}}"#
        let facts = try doc.decoder.decode(json: Array(json.utf8)).get()
        print("plan trace review: evaluate: about to evaluate")
        let decision = try doc.evaluate(facts, assessment: "ansökan", date: Self.date)
        print("plan trace review: evaluate: \(decision.conditions.map { ($0.status, $0.reasons) })")
    }
}
