import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Lists inside list elements (`någon r i u.rapporter` in `alla u i anordnare.uppdrag: …`) are
/// nested tables of the facts' storage and loops of the truth program, not closures: quantifiers,
/// counts with and without a filter, sums, scalar lists, two levels deep, reading the outer
/// element's fields, fused one-field bodies, a comparison of two texts, and a definition called
/// with a text chosen by `om … så … annars` (it needed a closure, and both loops bound cursors,
/// until registers held texts as where they are). On random facts the program agrees with the value code on every condition (and
/// every code path on a share of them); lists and fields may be missing, empty or `null` at
/// every level.
@Suite struct NestedListProgramTests {
    static let text = """
        reglemente "R" version "1"
        typ Rapport
          klar: ja/nej kan saknas
          datum: datum kan saknas
          n: heltal kan saknas
          s: text kan saknas
        typ Del
          poster: lista av Rapport kan saknas
          ok: ja/nej kan saknas
        typ Uppdrag
          start: datum kan saknas
          rapporter: lista av Rapport kan saknas
          taggar: lista av heltal kan saknas
          delar: lista av Del kan saknas
          gräns: heltal kan saknas
          namn: text kan saknas
        typ Anordnare
          uppdrag: lista av Uppdrag kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Någon klar i varje"
          kräver alla u i anordnare.uppdrag: någon r i u.rapporter: r.klar
        villkor 2 "Efter start"
          kräver alla u i anordnare.uppdrag: alla r i u.rapporter: r.datum finns och r.datum >= u.start
        villkor 3 "Ingen stor"
          kräver någon u i anordnare.uppdrag: ingen r i u.rapporter: r.n > u.gräns
        villkor 4 "Antal klara"
          kräver alla u i anordnare.uppdrag: (antal r i u.rapporter där r.klar) >= 1
        villkor 5 "Antal rapporter"
          kräver alla u i anordnare.uppdrag: (antal r i u.rapporter) <= 2
        villkor 6 "Summa"
          kräver alla u i anordnare.uppdrag: (summa r i u.rapporter: r.n) < 10
        villkor 7 "Taggar"
          kräver alla u i anordnare.uppdrag: någon t i u.taggar: t > 2
        villkor 8 "Två nivåer"
          kräver alla u i anordnare.uppdrag: alla d i u.delar: d.ok eller någon p i d.poster: p.klar och p.n >= 1
        villkor 9 "Antal i två nivåer"
          kräver (antal u i anordnare.uppdrag där någon d i u.delar: (antal p i d.poster där p.klar) >= 2) >= 1
        villkor 10 "Text"
          kräver alla u i anordnare.uppdrag: någon r i u.rapporter: r.s = u.namn
        villkor 11 "Antal taggar"
          kräver (summa u i anordnare.uppdrag: antal t i u.taggar) >= 2
        definition är_x(t: text kan saknas): ja/nej kan saknas = t = "x"
        villkor 12 "Vald text"
          kräver alla u i anordnare.uppdrag: någon r i u.rapporter: är_x(om r.klar så r.s annars u.namn)
        """

    static func pick(_ g: inout SplitMix64, _ options: [String?]) -> String? { options[g.next(below: options.count)] }

    static func record(_ g: inout SplitMix64, _ fields: [(String, (inout SplitMix64) -> String?)]) -> String {
        "{" + fields.compactMap { name, value in value(&g).map { "\"\(name)\": \($0)" } }.joined(separator: ", ") + "}"
    }

    static func list(_ g: inout SplitMix64, _ element: (inout SplitMix64) -> String) -> String? {
        switch g.next(below: 6) {
        case 0: return nil
        case 1: return "null"
        default: return "[" + (0..<g.next(below: 4)).map { _ in element(&g) }.joined(separator: ", ") + "]"
        }
    }

    static func report(_ g: inout SplitMix64) -> String {
        record(&g, [("klar", { pick(&$0, ["true", "false", "null", nil]) }),
                    ("datum", { pick(&$0, [#""2025-01-01""#, #""2025-02-01""#, "null", nil]) }),
                    ("n", { pick(&$0, ["0", "1", "4", "9", "null", nil]) }),
                    ("s", { pick(&$0, [#""x""#, #""y""#, "null", nil]) })])
    }

    static func facts(_ g: inout SplitMix64) -> String {
        let assignments = list(&g) { g in
            record(&g, [("start", { pick(&$0, [#""2025-01-15""#, "null", nil]) }),
                        ("rapporter", { list(&$0, report) }),
                        ("taggar", { list(&$0) { pick(&$0, ["1", "3", "5"])! } }),
                        ("delar", { list(&$0) { g in
                            record(&g, [("poster", { list(&$0, report) }), ("ok", { pick(&$0, ["true", "false", "null", nil]) })])
                        } }),
                        ("gräns", { pick(&$0, ["2", "5", "null", nil]) }),
                        ("namn", { pick(&$0, [#""x""#, #""y""#, "null", nil]) })])
        }
        return #"{"anordnare": {"# + (assignments.map { #""uppdrag": \#($0)"# } ?? "") + "}}"
    }

    /// Every loop is an instruction loop, and nothing is a closure: the call with a chosen text
    /// takes the text as where it is, a field of the inner or the outer loop's element.
    @Test func nestedListsAreLoopsOfTheProgram() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
        let nested = (0..<program.loops.count).filter { program.loops[$0].parent != nil }
        #expect(nested.count >= 10, "\(nested.count) nested loops")
        #expect(!(0..<program.loops.count).contains { program.loops[$0].bindsCursor }, "a loop binds a cursor for a closure")
    }

    /// The facts' storage: one element header for each element of a table whose records hold a
    /// list, its key the header's index when the list is known, below 0 when it is not; no header
    /// of a nested table among the slots' tables' headers.
    @Test func elementHeadersAndTheirKeys() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let json = #"{"anordnare": {"uppdrag": [{"rapporter": [{"n": 1}, {"n": 2}]}, {"rapporter": null}, {"rapporter": []}]}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let storage = facts.storage
        let layout = document.decoder.layout
        let assignments = try #require(layout.tables.firstIndex { $0.parent < 0 })
        let reports = try #require(layout.tableOfField[assignments]?[1])
        #expect(layout.tables[reports].depth == 1 && layout.tables[reports].width == 4)
        // Three elements, each with the three lists of its record (rapporter, taggar, delar),
        // and none of their delar's poster.
        #expect(storage.elementHeaders.count == 9)
        // Only the slot's table has a header in the part of the block every evaluation reads.
        #expect(layout.shape.slotTableCount == 1 && storage.headers.count == 1)
        let width = layout.tables[assignments].width
        let keys = (0..<3).map { storage.cellKeys[$0 * width + 1] }
        #expect(keys[1] < 0, "an unknown list has no header")
        let first = storage.elementHeaders[Int(keys[0])], third = storage.elementHeaders[Int(keys[2])]
        #expect(first.count == 2 && third.count == 0)
        #expect(storage.cells[Int(first.start) + 2] == .number(Rational(integer: 1)))
        #expect(storage.cells[Int(first.start) + 4 + 2] == .number(Rational(integer: 2)))
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 11)
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
            for condition in try document.evaluate(facts, assessment: "ansökan", date: date).conditions {
                statuses.insert("\(condition.number) \(condition.status.rawValue)")
            }
        }
        #expect(undecodable == 0)
        #expect(compared > 5 * rounds, "\(compared)")
        // Every condition is met, not met and undecided on some facts.
        #expect(statuses.count == 12 * 3, "\(statuses.sorted())")
    }
}
