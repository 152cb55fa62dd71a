import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Records and lists chosen by `om` or by a call, read where they are chosen (see
/// `TruthProgramBuilder+Choices.swift`), on the shapes an independent review tried against the
/// value code: errors in the choice and in one branch, unknown choices, records present with no
/// fields, lists null and empty, choices inside loops through a definition with a parameter,
/// tables, computations, sanction tables, de-authorization grounds, services, explanations, a
/// kundval calling its reglemente's choices, both kinds of assessment, dates near the end of the
/// calendar and sums that overflow. Which shapes stay closures is stated, so that a change in
/// the lowering shows here.
@Suite struct ChoiceReviewTests {
    static let head = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Påverkan: en av liten, stor
        typ Adress
          ort: text kan saknas
          sedan: datum kan saknas
        typ Person
          namn: text kan saknas
          ålder: heltal kan saknas
          aktiv: ja/nej kan saknas
          start: datum kan saknas
          grad: Påverkan kan saknas
          adress: Adress kan saknas
          uppdrag: lista av heltal kan saknas
          adresser: lista av Adress kan saknas
        fakta
          a: Person kan saknas
          b: Person kan saknas
          val: ja/nej kan saknas
          val2: ja/nej kan saknas
          n: heltal kan saknas
          l1: lista av Person kan saknas
          l2: lista av Person kan saknas
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        definition ansvarig: Person kan saknas = om val så a annars b
        definition lista: lista av Person kan saknas = om val så l1 annars l2
        definition välj(p: Person kan saknas): Person kan saknas = om p.aktiv så a annars p
        definition välj2(p: Person kan saknas, q: Person kan saknas): Person kan saknas = om p.ålder >= q.ålder så p annars q
        definition nästlad: Person kan saknas = om val så (om val2 så a annars b) annars (om n > 1 så b annars a)
        definition felval: Person kan saknas = om 10 / n > 2 så a annars b
        definition felgren: Person kan saknas = om val så a annars felval
        definition kanske: Person kan saknas = om val så a annars okänt
        definition kanske_lista: lista av Person kan saknas = om val så okänt annars l2
        definition listval(p: Person kan saknas): lista av heltal kan saknas = om p.aktiv så p.uppdrag annars a.uppdrag
        definition kedja: Person kan saknas = ansvarig
        definition kedja2: Person kan saknas = om val2 så kedja annars nästlad
        definition påverkan: Påverkan kan saknas = ansvarig.grad
        definition vitesbelopp: belopp kan saknas = ansvarig.ålder * 1000 kr
        definition c_ålder: heltal kan saknas = ansvarig.ålder
        definition c_antal: heltal kan saknas = antal p i (om val så l1 annars l2) där p.aktiv
        definition c_summa: heltal kan saknas = summa p i lista: p.ålder
        definition c_ort: text kan saknas = nästlad.adress.ort
        definition c_start: datum kan saknas = (om val så a annars b).start + 3000 år
        definition c_fel: heltal kan saknas = felval.ålder
        definition c_finns: ja/nej kan saknas = kanske finns
        tabell nivå(x: heltal kan saknas): heltal kan saknas i ordning
          | >= 18 | 2 |
          | -     | 1 |
        tabell sträng(påverkan: Påverkan): Sanktion
          | liten | vite            |
          | stor  | avauktorisation |
        sanktioner enligt sträng
          vid vite: vitesbelopp

        """

    static let conditions: [String] = [
        "alla p i l1: välj(p).ålder >= 18",
        "någon p i l1: välj(p).aktiv",
        "ingen p i l1: välj(p) saknas",
        "alla p i l1: välj(p) finns",
        "inte (ansvarig finns)",
        "inte ansvarig.aktiv",
        "nästlad.adress.ort = \"Nacka\" eller nästlad.adress saknas",
        "(om val så a annars b).start + 3000 år > bedömningsdatum",
        "felval.ålder >= 18 eller val",
        "felval saknas eller val2",
        "(antal p i (om val så l1 annars l2) där p.aktiv) >= 2",
        "(summa p i (om val så l1 annars l2): p.ålder) > 30",
        "(summa u i ansvarig.uppdrag: u) > 5",
        "alla x i nästlad.adresser: x.ort = \"Nacka\"",
        "alla p i l1: alla u i (välj(p).uppdrag): u > 2",
        "alla p i l1: någon x i (välj(p).adresser): x.sedan <= p.start",
        "nivå(ansvarig.ålder) >= 2",
        "alla p i l1: nivå(välj(p).ålder) >= 2",
        "om ansvarig.aktiv så ansvarig.ålder >= 18 annars ansvarig saknas",
        "kanske.ålder >= 18 eller kanske saknas",
        "antal p i (om val så l1 annars l2) > 0",
        "inte ((om val så l1 annars l2) saknas)",
        "ansvarig.uppdrag finns och ansvarig.adresser saknas",
        "ansvarig.grad = stor",
        "alla p i l1: välj2(p, a).ålder > 20",
        "kedja2.ålder >= 18 eller kedja2 saknas",
        "kanske_lista finns eller (antal p i kanske_lista där p.aktiv) = 0",
        "alla p i l1: (listval(p) finns och (antal u i (listval(p)) där u > 2) >= 1)",
        "felgren finns",
        "någon p i (om val så l1 annars (om val2 så l2 annars l1)): p.ålder >= 40",
        "(om val så a annars b) finns och (om val så a annars b).adress.sedan + n * 1 år <= bedömningsdatum",
        "alla p i l1: om välj(p) finns så välj(p).namn = \"Ada\" annars p.aktiv",
        "(om val så nästlad annars kedja2).aktiv",
        "ingen p i lista: p.ålder < 18",
        "(summa p i lista: om p.aktiv så p.ålder annars 0) > 40",
        "(antal p i lista där p.aktiv) finns",
    ]

    static func text(_ conditions: [String], consequence: Bool = true) -> String {
        var text = head
        for (index, condition) in conditions.enumerated() {
            text += "villkor \(index + 1) \"V\(index + 1)\"\n  kräver \(condition)\n"
            if consequence, index % 3 == 0 { text += "  vid brist: ej godkänd auktorisation, sanktion\n" }
            if consequence, index % 5 == 1 { text += "  gäller när ansvarig finns eller val2\n" }
        }
        return text
    }

    static func facts(_ g: inout SplitMix64, zero: Bool = true) -> String {
        func pick(_ options: [String?]) -> String? { options[Int(g.next() % UInt64(options.count))] }
        let truths: [String?] = ["true", "false", "null", nil]
        func adress() -> String {
            let ort = pick([#""Nacka""#, #""Solna""#, "null", nil]).map { #""ort": \#($0)"# }
            let sedan = pick([#""2024-01-01""#, #""2025-06-01""#, #""8000-01-01""#, "null", nil]).map { #""sedan": \#($0)"# }
            return "{\([ort, sedan].compactMap { $0 }.joined(separator: ", "))}"
        }
        func person() -> String? {
            guard g.next() % 5 != 0 else { return pick(["null", nil, "{}"]) }
            var fields: [String] = []
            if let v = pick([#""Ada""#, #""x""#, "null", nil]) { fields.append(#""namn": \#(v)"#) }
            if let v = pick(["17", "18", "40", "null", nil]) { fields.append(#""ålder": \#(v)"#) }
            if let v = pick(truths) { fields.append(#""aktiv": \#(v)"#) }
            if let v = pick([#""2025-02-01""#, #""2025-04-01""#, #""7500-01-01""#, "null", nil]) { fields.append(#""start": \#(v)"#) }
            if let v = pick([#""liten""#, #""stor""#, "null", nil]) { fields.append(#""grad": \#(v)"#) }
            if g.next() % 3 != 0 { fields.append(#""adress": \#(g.next() % 4 == 0 ? "null" : adress())"#) }
            if g.next() % 3 != 0 {
                fields.append(g.next() % 4 == 0 ? #""uppdrag": null"#
                    : #""uppdrag": [\#((0..<Int(g.next() % 3)).map { _ in pick(["1", "3", "5"])! }.joined(separator: ", "))]"#)
            }
            if g.next() % 3 != 0 {
                fields.append(g.next() % 4 == 0 ? #""adresser": null"#
                    : #""adresser": [\#((0..<Int(g.next() % 3)).map { _ in adress() }.joined(separator: ", "))]"#)
            }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        func list() -> String? {
            guard g.next() % 5 != 0 else { return pick(["null", nil, "[]"]) }
            return "[" + (0..<Int(g.next() % 4)).map { _ in person().flatMap { $0 == "null" ? nil : $0 } ?? "{}" }
                .joined(separator: ", ") + "]"
        }
        var fields: [String] = []
        if let v = person() { fields.append(#""a": \#(v)"#) }
        if let v = person() { fields.append(#""b": \#(v)"#) }
        if let v = pick(truths) { fields.append(#""val": \#(v)"#) }
        if let v = pick(truths) { fields.append(#""val2": \#(v)"#) }
        let numbers: [String?] = zero ? ["0", "1", "2", "5", "null", nil, "9000"] : ["1", "2", "5", "null", nil]
        if let v = pick(numbers) { fields.append(#""n": \#(v)"#) }
        if let v = list() { fields.append(#""l1": \#(v)"#) }
        if let v = list() { fields.append(#""l2": \#(v)"#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Compares the programs with the value code (errors included), and all code paths where the
    /// value code does not fail; returns how many were compared.
    static func agree(_ document: CompiledDocument, _ json: String, date: Day) throws -> Int {
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        var compared = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
        let fails = document.assessmentNames.contains { (try? document.evaluate(facts, assessment: $0, date: date)) == nil }
        if !fails { compared += try CodePathAgreementTests.compare(document, facts, date: date, label: json) }
        _ = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
        return compared
    }

    /// ``agree(_:_:date:)`` on `rounds` fact sets from a generator seeded `seed`, on 2025-03-01
    /// (every seventh on 9990-01-01 when `late`, where dates moved by years leave the calendar);
    /// returns how many were compared.
    static func agree(_ document: CompiledDocument, seed: UInt64, rounds: Int, late: Bool = false) throws -> Int {
        var g = SplitMix64(seed: seed)
        var compared = 0
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 9990, month: 1, day: 1)]
        for round in 0..<rounds {
            compared += try Self.agree(document, Self.facts(&g), date: dates[late && round % 7 == 0 ? 1 : 0])
        }
        return compared
    }

    /// The conditions of `conditions` whose program calls value code.
    static func closures(_ conditions: [String]) throws -> [String] {
        try conditions.filter { condition in
            let document = try CodePathAgreementTests.document(Self.text([condition], consequence: false))
            let program = try #require(document.assessmentKind(named: "ansökan")).program
            return !program.closures.isEmpty || !program.valueClosures.isEmpty
        }
    }

    /// Every shape is lowered but those whose `om` has the loop's element itself as a branch
    /// (`välj(p)`: see ``aChoiceOfTheElementItselfStaysAClosure()``).
    @Test func shapesAreLowered() throws {
        #expect(try Self.closures(Self.conditions) == Self.conditions.filter { $0.contains("välj") })
    }

    @Test func randomFactsAgreeOnAllShapes() throws {
        let document = try CodePathAgreementTests.document(Self.text(Self.conditions))
        let rounds = RandomRounds.of(300)
        let compared = try Self.agree(document, seed: 4242, rounds: rounds, late: true)
        #expect(compared > 30 * rounds, "\(compared)")
    }
}

extension ChoiceReviewTests {
    /// Nested quantifiers over chosen lists, each body calling a small definition.
    static func nested(_ depth: Int, call: Bool) -> String {
        var body = "p\(depth).aktiv"
        for level in stride(from: depth, through: 1, by: -1) {
            let inner = level == depth ? body : "(\(body))"
            body = "alla p\(level) i (om val så l1 annars l2): \(call ? "f och " : "")\(inner)"
        }
        return body
    }

    /// A read pushed into both branches that calls a definition (`alla pK i (om val så l1 annars
    /// l2): f och (…)`, nested) counts against the bound of one call, the calls inside it too: a
    /// call inside a choice outside every inlined body does not start a count of its own (it did,
    /// so each level doubled what was lowered: depth 12 took 8.8 s in a debug build and made
    /// 53,235 instructions, depth 16 339 s). What is lowered agrees with the value code.
    @Test func nestedChoicesCallingADefinitionStayBounded() throws {
        for depth in [12, 16] {
            let text = Self.head + "definition f: ja/nej kan saknas = val2\n" + "villkor 1 \"V\"\n  kräver \(Self.nested(depth, call: true))\n"
            let document = try CodePathAgreementTests.document(text)
            let program = try #require(document.assessmentKind(named: "ansökan")).program
            #expect(program.instructions.count < 20_000, "depth \(depth): \(program.instructions.count) instructions")
            for json in [#"{"val": true, "val2": true, "l1": [{"aktiv": true}]}"#, #"{"val": false, "val2": true, "l2": [{"aktiv": false}]}"#,
                         #"{"val2": true}"#] {
                let facts = try document.decoder.decode(json: Array(json.utf8)).get()
                _ = try CodePathAgreementTests.compareProgram(document, facts, date: try Day(year: 2025, month: 3, day: 1), label: json)
            }
        }
    }
}

extension ChoiceReviewTests {
    static let moreConditions: [String] = [
        "alla p i (om val så l1 annars l2): p.adress.ort = \"Nacka\"",
        "någon p i (om val så l1 annars l2): p.adress saknas",
        "nivå(antal p i (om val så l1 annars l2) där p.aktiv) >= 2",
        "(om val så okänt annars a).adress finns",
        "(om val så okänt annars a).ålder >= 18 eller val2",
        "alla u i (om val så okänt annars a.uppdrag): u > 2",
        "(om val så a annars b).uppdrag saknas eller (summa u i ((om val så a annars b).uppdrag): u) > 3",
        "ansvarig.ålder / n > 3 eller val2",
        "(om 10 / n > 1 så l1 annars l2) saknas",
        "inte (om val så a annars b).aktiv eller (om val2 så a annars b).aktiv",
        "(antal p i (om val så l1 annars l2)) = (antal p i lista)",
        "(antal p i (om val så l1 annars l2) där p.aktiv) * 100 % / (antal p i lista) >= 50 %",
        "(om val så (om val2 så a annars okänt) annars b) saknas",
        "(om (om val så a annars b).aktiv så l1 annars l2) finns och alla p i (om (om val så a annars b).aktiv så l1 annars l2): p.ålder > 17",
        "ingen p i (om val så l1 annars l2): p.start + 3000 år > bedömningsdatum",
        "(summa p i (om val så l1 annars l2): p.ålder * 4611686018427387904) > 3",
        "kedja.adress.sedan <= bedömningsdatum eller kedja.adress.sedan saknas",
        "c_finns och c_antal >= 1",
        "c_start finns eller c_ort = \"Nacka\"",
    ]

    static let extras = """
        insats s1 "S"
          gäller när någon p i (om val så l1 annars l2): p.aktiv
          kräver "K": ansvarig.ålder >= 18
        insats s2 "S2"
          gäller när ansvarig finns
          kräver "K2": alla p i lista: p.aktiv
        avauktorisation "X"
          gäller när ansvarig.aktiv
          från (om val så a annars b).start + 1 år

        """

    /// Every shape is lowered (a field of a record inside an element of a chosen list,
    /// `p.adress.ort`, is a column of the list's table: see ``NestedFieldProgramTests``), and all
    /// agree with the value code.
    @Test func randomFactsAgreeOnMoreShapes() throws {
        #expect(try Self.closures(Self.moreConditions) == [])
        let document = try CodePathAgreementTests.document(Self.text(Self.moreConditions) + Self.extras)
        let rounds = RandomRounds.of(300)
        let compared = try Self.agree(document, seed: 777, rounds: rounds, late: true)
        #expect(compared > 20 * rounds, "\(compared)")
    }

    /// A kundval calling its reglemente's definitions whose value is a chosen record or list.
    @Test func aKundvalReadsTheReglementesChoices() throws {
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            villkor 1
              kräver ansvarig.ålder >= 18 och nästlad finns
            villkor 2
              kräver alla p i lista: p.aktiv
              vid brist: sanktion
            villkor 5.1 "Nytt"
              kräver (antal p i lista där p.aktiv) >= 1 eller kedja2.adress.ort = "Solna"
            villkor 6.1 "Nytt2"
              kräver nivå(kedja.ålder) >= 2 eller felval saknas

            """
        let files = [SourceFile(path: "r.kundval", text: Self.text(Array(Self.conditions.prefix(6)))),
                     SourceFile(path: "k.kundval", text: kundval)]
        let rules = try RuleSet.compile(files).get()
        let document = try #require(rules.document(named: "K"))
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        // The reglemente's four loops over `välj(p)` (see ``shapesAreLowered()``).
        #expect(program.closures.count + program.valueClosures.count == 4)
        let rounds = RandomRounds.of(200)
        let compared = try Self.agree(document, seed: 991, rounds: rounds)
        #expect(compared > 10 * rounds, "\(compared)")
    }
}

extension ChoiceReviewTests {
    static let thirdConditions: [String] = [
        "(om val så a annars b).namn = (om val2 så a annars b).namn",
        "ansvarig.namn ≠ \"x\" och kedja2.namn = \"Ada\"",
        "ansvarig.grad är stor eller nästlad.grad är liten",
        "ansvarig.start <= bedömningsdatum - 1 år eller (om val2 så a annars b).start > 2025-03-01",
        "(om val så a annars b).ålder + (om val2 så a annars b).ålder > 50",
        "(om val så a annars b).ålder = (om val så a annars b).ålder",
        "(om val så a annars b).aktiv = (om val2 så b annars a).aktiv",
        "om (om val så a annars b) finns så (om val så a annars b).aktiv annars val2",
        "alla p i lista: p.adress finns",
        "(antal p i lista där p.adress.ort = \"Nacka\") >= 1",
        "(antal x i (ansvarig.adresser) där x.sedan <= bedömningsdatum) = 1",
        "någon x i (kedja2.adresser): x.ort finns",
    ]

    /// Texts, cases, dates and arithmetic of chosen records, and a field of a record in an
    /// element of a list (`p.adress.ort`, a column of the list's table): all lowered.
    @Test func randomFactsAgreeOnThirdShapes() throws {
        #expect(try Self.closures(Self.thirdConditions) == [])
        let document = try CodePathAgreementTests.document(Self.text(Self.thirdConditions))
        let rounds = RandomRounds.of(300)
        let compared = try Self.agree(document, seed: 31337, rounds: rounds)
        #expect(compared > 10 * rounds, "\(compared)")
    }
}

extension ChoiceReviewTests {
    /// An `om` one of whose branches is the loop's element itself (`välj(p)` with `om p.aktiv så
    /// a annars p`) keeps the whole loop a closure (the loop reads its element only by its
    /// fields); a choice between fields of the element, or between facts, inside the loop is
    /// lowered.
    @Test func aChoiceOfTheElementItselfStaysAClosure() throws {
        for (condition, closures) in [("alla p i l1: välj(p).ålder >= 18", 1), ("alla p i l1: (om p.aktiv så a annars p).ålder >= 18", 1),
                                      ("alla p i l1: (om p.aktiv så a annars b).ålder >= 18", 0), ("alla p i l1: listval(p) finns", 0)] {
            let document = try CodePathAgreementTests.document(Self.text([condition], consequence: false))
            let program = try #require(document.assessmentKind(named: "ansökan")).program
            #expect(program.closures.count + program.valueClosures.count == closures, "\(condition)")
        }
    }

    /// A presence test of an `om` written in the check (`(om val så a annars b) finns`) has a
    /// trace, as written: every walk agrees with the value code.
    @Test func aPresenceOfAWrittenChoiceHasATraceThatAgrees() throws {
        let conditions = ["(om val så a annars b) finns", "(om val så a annars b) saknas eller val2",
                          "(om n > 1 så a annars b) finns", "antal p i (om val så l1 annars l2) > 0",
                          "(om val så a annars okänt) finns", "(om 10 / n > 1 så a annars b) saknas eller val2"]
        let document = try CodePathAgreementTests.document(Self.text(conditions))
        var g = SplitMix64(seed: 5)
        var walked = 0
        for _ in 0..<RandomRounds.of(300) {
            let json = Self.facts(&g)
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try Self.agree(document, json, date: try Day(year: 2025, month: 3, day: 1))
            walked += try PlanTraceAgreementTests.compare(document, facts, date: try Day(year: 2025, month: 3, day: 1), label: json).walked
        }
        #expect(walked > 0)
    }
}
