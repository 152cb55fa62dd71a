import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Nested tables, from an independent review: a recursive record type (a node with five lists of itself and a
/// list of integers), so that tables stop at ``FactLayout/maximumTableDepth`` and at
/// ``FactLayout/maximumTables`` (2 + 12 + 60 + 300 tables to depth 3, then the first 626 of
/// depth 4, which get no tables inside them); loops seven deep, shadowed names,
/// lists of an outer element read from an inner loop, inlined definitions that take a list or
/// an element, counts and sums of nested lists, fused bodies, branches, and text comparisons
/// (closures that read cursors) at depth. On random trees the program agrees with the value
/// code (and, on a share of them, every code path).
@Suite struct NestedListReviewTests {
    static let text = """
        reglemente "R" version "1"
        typ Nod
          ok: ja/nej kan saknas
          n: heltal kan saknas
          s: text kan saknas
          b1: lista av Nod kan saknas
          b2: lista av Nod kan saknas
          b3: lista av Nod kan saknas
          b4: lista av Nod kan saknas
          b5: lista av Nod kan saknas
          tal: lista av heltal kan saknas
        typ Anordnare
          noder: lista av Nod kan saknas
          övriga: lista av Nod kan saknas
          n: heltal kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition någon_ok(l: lista av Nod kan saknas): ja/nej kan saknas = någon k i l: k.ok
        definition nod_ok(x: Nod): ja/nej kan saknas = (någon k i x.b1: k.ok) och (alla j i x.b2: j.n > 0)
        definition antal_i(l: lista av Nod kan saknas): heltal kan saknas = antal k i l där k.ok
        villkor 1 "Sju nivåer"
          kräver alla a i anordnare.noder: alla b i a.b1: alla c i b.b1: alla d i c.b1: alla e i d.b1: alla f i e.b1: alla g i f.b1: g.ok
        villkor 2 "Sista fältet djupt"
          kräver alla a i anordnare.övriga: alla b i a.b5: alla c i b.b5: alla d i c.b5: alla e i d.b5: någon f i e.b5: f.ok
        villkor 3 "Yttre lista i inre slinga"
          kräver alla a i anordnare.noder: alla b i a.b1: någon c i a.b2: c.n = b.n
        villkor 4 "Yttre-yttre lista"
          kräver alla a i anordnare.noder: alla b i a.b1: alla c i b.b1: (antal d i a.b3 där d.n = c.n) + (antal e i b.b2) >= 1
        villkor 5 "Inlinad lista"
          kräver alla a i anordnare.noder: någon_ok(a.b1) och någon_ok(a.b2) och alla b i a.b3: någon_ok(b.b4)
        villkor 6 "Inlinad nod"
          kräver alla a i anordnare.noder: alla b i a.b1: nod_ok(a) eller nod_ok(b)
        villkor 7 "Summa av antal djupt"
          kräver (summa a i anordnare.noder: summa b i a.b1: summa c i b.b1: summa d i c.b1: summa e i d.b1: antal f i e.b1) >= 2
        villkor 8 "Antal med filter djupt"
          kräver alla a i anordnare.noder: alla b i a.b1: alla c i b.b1: alla d i c.b1: (antal e i d.b1 där någon f i e.b1: f.ok) >= 1
        villkor 9 "Sammanslagen"
          kräver alla a i anordnare.noder: (någon b i a.b2: b.ok) och (alla b i a.b3: b.ok) och (ingen b i a.b4: b.ok)
        villkor 10 "Grenar"
          kräver alla a i anordnare.noder: om a.ok så (någon b i a.b1: b.ok) annars (alla b i a.b2: b.n > 1)
        villkor 11 "Text djupt"
          kräver alla a i anordnare.noder: alla b i a.b1: någon c i b.b1: c.s = a.s
        villkor 12 "Tal djupt"
          kräver alla a i anordnare.noder: alla b i a.b1: alla c i b.b1: någon t i c.tal: t > a.n
        villkor 13 "Antal tal djupt"
          kräver (summa a i anordnare.noder: summa b i a.b2: antal t i b.tal) >= 3
        villkor 14 "Inlinat antal"
          kräver alla a i anordnare.noder: antal_i(a.b1) >= 1 och (summa b i a.b1: antal_i(b.b1)) >= 1
        villkor 15 "Samma fält på två nivåer"
          kräver alla a i anordnare.noder: alla b i a.b1: någon c i b.b1: någon d i a.b1: d.n = c.n
        villkor 16 "Skuggning"
          kräver alla a i anordnare.noder: alla a i a.b1: någon a i a.b1: a.ok
        villkor 17 "Fjärde djupet, alla fält"
          kräver alla a i anordnare.övriga: alla b i a.b4: alla c i b.b4: alla d i c.b4: alla e i d.b4: (antal f i e.b4) + (antal f i e.b5) + (antal f i e.b1) <= 3
        """

    static func pick(_ g: inout SplitMix64, _ options: [String?]) -> String? { options[g.next(below: options.count)] }

    static func node(_ g: inout SplitMix64, depth: Int) -> String {
        var fields: [String] = []
        func add(_ name: String, _ value: String?) { if let value { fields.append("\"\(name)\": \(value)") } }
        add("ok", pick(&g, ["true", "false", "null", nil]))
        add("n", pick(&g, ["0", "1", "2", "null", nil]))
        add("s", pick(&g, [#""x""#, #""y""#, "null", nil]))
        for name in ["b1", "b2", "b3", "b4", "b5"] {
            add(name, list(&g, depth: depth) { node(&$0, depth: depth + 1) })
        }
        add("tal", list(&g, depth: depth) { pick(&$0, ["0", "1", "3"])! })
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func list(_ g: inout SplitMix64, depth: Int, _ element: (inout SplitMix64) -> String) -> String? {
        if depth > 8 { return pick(&g, [nil, "null", "[]"]) }
        switch g.next(below: 6) {
        case 0: return nil
        case 1: return "null"
        default:
            let count = g.next(below: depth < 3 ? 3 : 2)
            return "[" + (0..<count).map { _ in element(&g) }.joined(separator: ", ") + "]"
        }
    }

    static func facts(_ g: inout SplitMix64) -> String {
        var fields: [String] = []
        if let l = list(&g, depth: 0, { node(&$0, depth: 1) }) { fields.append("\"noder\": \(l)") }
        if let l = list(&g, depth: 0, { node(&$0, depth: 1) }) { fields.append("\"övriga\": \(l)") }
        if let n = pick(&g, ["0", "1", "null", nil]) { fields.append("\"n\": \(n)") }
        return #"{"anordnare": {"# + fields.joined(separator: ", ") + "}}"
    }

    /// The layout stops at its limits: tables to depth 4, at most 1,000 of them.
    @Test func recursiveTypeStopsAtTheLimits() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let layout = document.decoder.layout
        #expect(layout.tables.count == FactLayout.maximumTables)
        #expect(layout.tables.allSatisfy { $0.depth <= FactLayout.maximumTableDepth })
        #expect(layout.tables.enumerated().allSatisfy { $1.parent < $0 })
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect((0..<program.loops.count).contains { program.loops[$0].parent != nil })
    }

    @Test func randomTreesAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let rounds = RandomRounds.of(150)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(
            document, date: try Day(year: 2025, month: 3, day: 1), seed: 7, rounds: rounds, fullEvery: 10, Self.facts)
        #expect(compared * 3 > rounds * 8, "\(compared)")
        #expect(statuses.count >= 17 * 2, "\(statuses.sorted())")
    }
}

/// Nested tables of scalar lists (cases, dates, texts read by a closure), a list field first in
/// its record (field 0), a record field that holds lists (no nested table: `u.inre.poster` is
/// read as a value), a list of lists beside them, and the same record type as a slot's list and as a flat record's list.
@Suite struct NestedScalarListReviewTests {
    static let text = """
        reglemente "R" version "1"
        typ Nivå: en av låg, mellan, hög i stigande ordning
        typ Post
          ok: ja/nej kan saknas
          d: datum kan saknas
        typ Inre
          poster: lista av Post kan saknas
        typ Uppdrag
          poster: lista av Post kan saknas
          nivåer: lista av Nivå kan saknas
          datum: lista av datum kan saknas
          inre: Inre kan saknas
          grupper: lista av lista av Post kan saknas
          nivå: Nivå kan saknas
          start: datum kan saknas
          texter: lista av text kan saknas
          namn: text kan saknas
        typ Anordnare
          uppdrag: lista av Uppdrag kan saknas
          huvud: Uppdrag kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Fält 0"
          kräver alla u i anordnare.uppdrag: någon p i u.poster: p.ok
        villkor 2 "Nivåer"
          kräver alla u i anordnare.uppdrag: någon n i u.nivåer: n = hög
        villkor 3 "Nivåer mot fält"
          kräver alla u i anordnare.uppdrag: alla n i u.nivåer: n >= u.nivå
        villkor 4 "Datum"
          kräver alla u i anordnare.uppdrag: alla d i u.datum: d >= u.start och d < 2025-06-01
        villkor 5 "Inre record"
          kräver alla u i anordnare.uppdrag: någon p i u.inre.poster: p.ok
        villkor 6 "Lista av listor"
          kräver alla u i anordnare.uppdrag: alla g i u.grupper: någon p i g: p.ok
        villkor 7 "Huvud"
          kräver någon p i anordnare.huvud.poster: p.ok och (alla n i anordnare.huvud.nivåer: n != låg)
        villkor 8 "Antal datum"
          kräver (summa u i anordnare.uppdrag: antal d i u.datum där d > 2025-01-01) >= 2
        villkor 9 "Poster efter start"
          kräver alla u i anordnare.uppdrag: alla p i u.poster: p.d saknas eller p.d >= u.start
        villkor 10 "Antal nivåer"
          kräver alla u i anordnare.uppdrag: (antal n i u.nivåer) = (antal p i u.poster)
        villkor 11 "Texter"
          kräver alla u i anordnare.uppdrag: någon t i u.texter: t = u.namn
        """

    static func pick(_ g: inout SplitMix64, _ options: [String?]) -> String? { NestedListProgramTests.pick(&g, options) }

    static func list(_ g: inout SplitMix64, _ element: (inout SplitMix64) -> String) -> String? {
        NestedListProgramTests.list(&g, element)
    }

    static func object(_ fields: [(String, String?)]) -> String {
        "{" + fields.compactMap { name, value in value.map { "\"\(name)\": \($0)" } }.joined(separator: ", ") + "}"
    }

    static func post(_ g: inout SplitMix64) -> String {
        object([("ok", pick(&g, ["true", "false", "null", nil])), ("d", pick(&g, [#""2025-01-01""#, #""2025-03-01""#, "null", nil]))])
    }

    static func assignment(_ g: inout SplitMix64) -> String {
        object([("poster", list(&g, post)),
                ("nivåer", list(&g) { pick(&$0, [#""låg""#, #""mellan""#, #""hög""#])! }),
                ("datum", list(&g) { pick(&$0, [#""2024-12-01""#, #""2025-02-01""#, #""2025-07-01""#])! }),
                ("inre", g.next(below: 3) == 0 ? nil : object([("poster", list(&g, post))])),
                ("grupper", list(&g) { g in "[" + (0..<g.next(below: 3)).map { _ in post(&g) }.joined(separator: ", ") + "]" }),
                ("nivå", pick(&g, [#""låg""#, #""hög""#, "null", nil])),
                ("start", pick(&g, [#""2025-01-15""#, "null", nil])),
                ("texter", list(&g) { pick(&$0, [#""x""#, #""y""#])! }),
                ("namn", pick(&g, [#""x""#, "null", nil]))])
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect((0..<program.loops.count).filter { program.loops[$0].parent != nil }.count >= 8)
        let (_, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(
            document, date: try Day(year: 2025, month: 3, day: 1), seed: 3, rounds: 1_000, fullEvery: 10) { g in
            #"{"anordnare": "# + Self.object([("uppdrag", Self.list(&g, Self.assignment)),
                                             ("huvud", g.next(below: 3) == 0 ? nil : Self.assignment(&g))]) + "}"
        }
        #expect(statuses.count == 11 * 3, "\(statuses.sorted())")
    }
}
