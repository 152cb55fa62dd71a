import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// A field of an element of a list of records (`element(anordnare.referenser, 1).datum`) is read
/// by the programs from the list's table, as an element of a list of plain values is: a number,
/// a date, a `ja/nej`, a case or a text, also of a list inside a list's elements and in a
/// computation. It was a closure. On random facts every program agrees with the value code.
@Suite struct ElementFieldTests {
    static let text = """
        reglemente "R" version "1"
        typ Nivå: en av låg, hög i stigande ordning
        typ Person
          namn: text kan saknas
          ålder: heltal kan saknas
          start: datum kan saknas
          aktiv: ja/nej kan saknas
          nivå: Nivå kan saknas
        typ Rapport
          klar: ja/nej kan saknas
          mängd: heltal kan saknas
        typ Uppdrag
          rapporter: lista av Rapport kan saknas
        fakta
          namn: text kan saknas
          n: heltal kan saknas
          personer: lista av Person kan saknas
          uppdrag: lista av Uppdrag kan saknas
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition första_start: datum kan saknas = element(personer, 1).start
        villkor 1 "Ålder"
          kräver element(personer, n).ålder >= 18
        villkor 2 "Aktiv"
          kräver element(personer, n).aktiv eller element(personer, 2).nivå = hög
        villkor 3 "Namn"
          kräver element(personer, 1).namn = namn
        villkor 4 "Start"
          kräver element(personer, n).start finns och element(personer, n).start <= bedömningsdatum - 1 månad
        villkor 5 "Rapporter"
          kräver alla u i uppdrag: element(u.rapporter, n).klar eller (summa r i u.rapporter: r.mängd) > element(u.rapporter, 1).mängd
        villkor 6 "Första"
          kräver första_start < 2025-01-01
        """

    static func facts(_ g: inout SplitMix64) -> String {
        func pick(_ options: [String?]) -> String? { options[Int(g.next() % UInt64(options.count))] }
        func list(_ element: () -> String) -> String? {
            guard g.next() % 5 != 0 else { return pick(["null", nil]) }
            return "[" + (0..<Int(g.next() % 4)).map { _ in element() }.joined(separator: ", ") + "]"
        }
        func record(_ fields: [(String, [String?])]) -> String {
            "{" + fields.compactMap { name, options in pick(options).map { #""\#(name)": \#($0)"# } }.joined(separator: ", ") + "}"
        }
        let truths: [String?] = ["true", "false", "null", nil]
        var fields: [String] = []
        if let v = pick([#""x""#, #""Ada""#, "null", nil]) { fields.append(#""namn": \#(v)"#) }
        if let v = pick(["1", "2", "3", "0", "null", nil]) { fields.append(#""n": \#(v)"#) }
        if let v = list({ record([("namn", [#""x""#, #""Ada""#, "null", nil]), ("ålder", ["17", "18", "40", "null", nil]),
                                  ("start", [#""2024-12-31""#, #""2025-02-01""#, #""2025-03-01""#, "null", nil]),
                                  ("aktiv", truths), ("nivå", [#""låg""#, #""hög""#, "null", nil])]) }) {
            fields.append(#""personer": \#(v)"#)
        }
        if let v = list({ record([("rapporter", [list({ record([("klar", truths), ("mängd", ["0", "2", "5", "null", nil])]) }) ?? "[]"])]) }) {
            fields.append(#""uppdrag": \#(v)"#)
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    @Test func fieldsOfElementsAreTheProgramsOwn() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
        #expect(document.computationProgram?.results == [.value(0)])
        let json = #"{"personer": [{"namn": "Ada", "start": "2024-05-06"}, {"namn": "x"}], "namn": "Ada"}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        #expect(try document.value(of: "första_start", facts: facts, date: date)?.text == "2024-05-06")
        let decision = try document.evaluate(facts, assessment: "ansökan", date: date)
        // Without `n` no element is chosen: its `start finns` is `nej`, the rest unknown; without
        // `uppdrag` condition 5 is undecided.
        #expect(decision.conditions.map(\.status.rawValue)
                == ["underlag saknas", "underlag saknas", "uppfyllt", "ej uppfyllt", "underlag saknas", "uppfyllt"])
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let rounds = RandomRounds.of(2_000)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(
            document, date: try Day(year: 2025, month: 3, day: 1), seed: 31, rounds: rounds, Self.facts)
        #expect(compared > 5 * rounds, "\(compared)")
        // Every condition is met, not met and undecided on some facts, but 4, which its presence
        // test decides.
        let all = Set((1...6).flatMap { number in ["uppfyllt", "ej uppfyllt", "underlag saknas"].map { "\(number) \($0)" } })
        #expect(statuses == all.subtracting(["4 underlag saknas"]), "\(statuses.sorted())")
    }
}
