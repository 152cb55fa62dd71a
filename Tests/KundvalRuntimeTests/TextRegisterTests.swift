import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// A value register holds a text as where it is (a constant of the rules, a fact slot, a cell of
/// a list, or a text value code gave the run), so texts the rules only pick go through the
/// programs like every other value: a computation of a text (öppenvård's ickevalsalternativ),
/// a text chosen by `om` or a table and compared, an element of a list of texts, a text passed
/// to a definition, a sanction table's text input. They were each a closure. On random facts
/// every program agrees with the value code, computations included.
@Suite struct TextRegisterTests {
    static let text = """
        reglemente "R" version "1"
        typ Sanktion: en av varning, vite i stigande ordning
        typ Person
          namn: text kan saknas
          aktiv: ja/nej kan saknas
        fakta
          namn: text kan saknas
          ort: text kan saknas
          lista: lista av text kan saknas
          personer: lista av Person kan saknas
          p1: Person kan saknas
          p2: Person kan saknas
          a: ja/nej kan saknas
          b: ja/nej kan saknas
          n: heltal kan saknas
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        tabell ortnummer(t: text kan saknas): heltal i ordning
          | "Nacka" | 1 |
          | "Solna" | 2 |
          | -       | 3 |
        tabell efter_ort(ort_eller_namn: text kan saknas): Sanktion i ordning
          | "Nacka" | vite    |
          | -       | varning |
        sanktioner enligt efter_ort
        definition vald: text kan saknas = om a så namn annars "Nacka"
        definition n_te: text kan saknas = element(lista, n)
        definition ur_post: text kan saknas = (om b så p1 annars p2).namn
        definition första_namn: text kan saknas = element(["x", "Nacka"], n)
        definition är_x(t: text kan saknas): ja/nej kan saknas = t = "x"
        definition ort_eller_namn: text kan saknas = om ort finns så ort annars namn
        villkor 1 "Vald"
          kräver vald = n_te
          vid brist: ej godkänd auktorisation, sanktion
        villkor 2 "Tabell"
          kräver ortnummer(element(lista, n)) < 3
          vid brist: ej godkänd auktorisation, sanktion
        villkor 3 "Person"
          kräver någon p i personer: är_x(om p.aktiv så p.namn annars namn)
          vid brist: ej godkänd auktorisation, sanktion
        villkor 4 "Post"
          kräver ur_post ≠ vald eller första_namn = "x"
          vid brist: ej godkänd auktorisation, sanktion
        villkor 5 "Inte Nacka"
          kräver ort_eller_namn ≠ "Nacka" eller är_x(ort_eller_namn)
          vid brist: ej godkänd auktorisation, sanktion enligt efter_ort
        """

    static func facts(_ g: inout SplitMix64) -> String {
        func pick(_ options: [String?]) -> String? { options[Int(g.next() % UInt64(options.count))] }
        let texts: [String?] = [#""x""#, #""Nacka""#, #""Solna""#, #""Lidingö""#, #""""#, "null", nil]
        var fields: [String] = []
        for name in ["namn", "ort"] { if let v = pick(texts) { fields.append(#""\#(name)": \#(v)"#) } }
        if let v = pick(["true", "false", "null", nil]) { fields.append(#""a": \#(v)"#) }
        if let v = pick(["true", "false", "null", nil]) { fields.append(#""b": \#(v)"#) }
        if let v = pick(["1", "2", "3", "0", "null", nil]) { fields.append(#""n": \#(v)"#) }
        let count = Int(g.next() % 4)
        if g.next() % 5 != 0 {
            // An element of a list is never missing.
            fields.append(#""lista": ["# + (0..<count).compactMap { _ in pick(Array(texts.prefix(5))) }.joined(separator: ", ") + "]")
        }
        func person() -> String {
            var own: [String] = []
            if let v = pick(texts) { own.append(#""namn": \#(v)"#) }
            if let v = pick(["true", "false", "null", nil]) { own.append(#""aktiv": \#(v)"#) }
            return "{" + own.joined(separator: ", ") + "}"
        }
        if g.next() % 5 != 0 { fields.append(#""personer": ["# + (0..<count).map { _ in person() }.joined(separator: ", ") + "]") }
        for name in ["p1", "p2"] where g.next() % 4 != 0 { fields.append(#""\#(name)": \#(person())"#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Every text is a register's, the field of a record chosen by `om` (`ur_post`) too: it is
    /// read in each branch (see `TruthProgramBuilder+Choices.swift`; it was value code). But for
    /// an element of a list written out (`första_namn`): value code gives the run that text, which
    /// a register holds as kept by the run's context.
    @Test func textsAreTheProgramsOwn() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        for kind in document.assessmentNames {
            let program = try #require(document.assessmentKind(named: kind)).program
            #expect(program.closures.isEmpty, "\(kind): \(program.closures.count) closures")
            // `första_namn`, called by condition 4.
            #expect(program.valueClosures.count == 1, "\(kind): \(program.valueClosures.count) value closures")
        }
        // Every computation is the program's but the one that calls value code.
        let computations = try #require(document.computationProgram)
        let byValueCode = zip(document.computations, computations.results).filter { $0.1 == nil }.map(\.0.name)
        #expect(byValueCode == ["första_namn"])
        #expect(try #require(document.sanctionTables["efter_ort"]).program != nil)
    }

    /// The texts by name, as the decision reports them.
    @Test func textComputationsByName() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let json = #"{"namn": "x", "a": true, "lista": ["Solna", "Nacka"], "n": 2, "b": false, "p2": {"namn": "Lidingö"}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        #expect(try document.value(of: "vald", facts: facts, date: date)?.value == .text("x"))
        #expect(try document.value(of: "n_te", facts: facts, date: date)?.value == .text("Nacka"))
        #expect(try document.value(of: "ur_post", facts: facts, date: date)?.value == .text("Lidingö"))
        #expect(try document.value(of: "ort_eller_namn", facts: facts, date: date)?.text == "\"x\"")
        let decision = try document.evaluate(facts, assessment: "uppföljning", date: date)
        // Condition 1 fails ("x" is not "Nacka"); the table chooses by condition 5's text.
        #expect(decision.failing.map(\.number) == ["1"])
        #expect(decision.sanction?.factors.first?.value == .text("x"))
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let rounds = RandomRounds.of(2_000)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(
            document, date: try Day(year: 2025, month: 3, day: 1), seed: 23, rounds: rounds, Self.facts)
        #expect(compared > 5 * rounds, "\(compared)")
        // Every condition is met, not met and undecided on some facts.
        #expect(statuses.count == 5 * 3, "\(statuses.sorted())")
    }
}
