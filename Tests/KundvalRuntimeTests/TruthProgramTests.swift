import Foundation
import KundvalSyntax
import Testing
@testable import KundvalRuntime

/// The truth programs' instructions on small rule texts: each test's statuses are compared on
/// every code path (program, closures, explained evaluation) before they are checked, so a
/// wrong instruction fails twice.
@Suite struct TruthProgramTests {
    /// Comparisons of dates and numbers in a truth program's value registers: fields of list
    /// elements, date arithmetic by days and months, date differences, money times a
    /// percentage, a definition's value, enumeration cases, presence, an unknown list, and a
    /// `gäller när` that cannot be decided.
    @Test func valueRegistersInTruthPrograms() throws {
        let text = """
            reglemente "R" version "1"
            typ Slag: en av enkel, dubbel
            typ Uppdrag
              mottagen: datum
              plan: datum kan saknas
              slag: Slag
            typ Anordnare
              startad: datum kan saknas
              uppdrag: lista av Uppdrag
              stängt: lista av datum kan saknas
              slag: Slag
              belopp: belopp
              andel: procent
              frånvaro: dagar kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition gräns: datum = bedömningsdatum - 3 år
            villkor 1 "Planer inom två veckor"
              kräver alla u i anordnare.uppdrag:
                (u.plan finns och u.plan <= u.mottagen + 2 veckor)
                  eller (u.plan saknas och bedömningsdatum <= u.mottagen + 14 dagar)
            villkor 2 "Startad inom sex månader"
              kräver anordnare.startad saknas eller bedömningsdatum <= anordnare.startad + 6 månader
            villkor 3 "Andel av beloppet"
              kräver anordnare.belopp * anordnare.andel >= 100 kr
            villkor 4 "Slag"
              gäller när anordnare.slag är dubbel
              kräver någon u i anordnare.uppdrag: u.slag är dubbel och u.mottagen >= gräns
            villkor 5 "Frånvaro"
              kräver om anordnare.frånvaro finns så anordnare.frånvaro <= 6 veckor annars ja
            villkor 6 "Stängda dagar"
              kräver ingen d i anordnare.stängt: d = bedömningsdatum
            villkor 7 "Startad före årsskiftet"
              gäller när anordnare.startad <= 2024-12-31
              kräver anordnare.belopp >= 1000 kr
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let good = """
            {"anordnare": {"startad": "2024-10-01", "slag": "dubbel", "belopp": 1000, "andel": 10, "frånvaro": 42,
              "stängt": ["2025-02-28"],
              "uppdrag": [{"mottagen": "2025-02-01", "plan": "2025-02-15", "slag": "enkel"},
                          {"mottagen": "2025-02-20", "slag": "dubbel"}]}}
            """
        #expect(try statuses(good) == ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
        let bad = """
            {"anordnare": {"startad": "2024-08-31", "slag": "dubbel", "belopp": 999, "andel": 10, "frånvaro": 43,
              "stängt": ["2025-03-01"],
              "uppdrag": [{"mottagen": "2025-02-01", "plan": "2025-02-16", "slag": "enkel"},
                          {"mottagen": "2021-02-20", "slag": "dubbel"}]}}
            """
        #expect(try statuses(bad) == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                                      "ej uppfyllt"])
        let unknown = """
            {"anordnare": {"slag": "enkel", "belopp": 1000, "andel": 10, "uppdrag": []}}
            """
        #expect(try statuses(unknown) == ["uppfyllt", "uppfyllt", "uppfyllt", "ej tillämpligt", "uppfyllt", "underlag saknas",
                                          "underlag saknas"])
    }

    /// `och` and `eller` of two registers (one instruction each, `both` and `either`), with
    /// either side negated, for every pair of `ja`, `nej` and unknown: Kleene's tables.
    @Test func connectivesOfTwoRegistersWithNegations() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              a: heltal kan saknas
              b: heltal kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Inte a eller b"
              kräver inte (anordnare.a > 0) eller anordnare.b > 0
            villkor 2 "A eller inte b"
              kräver anordnare.a > 0 eller inte (anordnare.b > 0)
            villkor 3 "Inte a och inte b"
              kräver inte (anordnare.a > 0) och inte (anordnare.b > 0)
            villkor 4 "A och inte b"
              kräver anordnare.a > 0 och inte (anordnare.b > 0)
            villkor 5 "A och b"
              kräver anordnare.a > 0 och anordnare.b > 0
            """
        try Self.checkKleeneTables(text, facts: [("1", 2), ("-1", 0), ("null", 1)]) { a, b in
            [max(2 - a, b), max(a, 2 - b), min(2 - a, 2 - b), min(a, 2 - b), min(a, b)]
        }
    }

    /// `och` and `eller` of `ja/nej` facts (decided a 64-bit word at a time), with either
    /// side negated, for every pair of `ja`, `nej` and unknown: Kleene's tables.
    @Test func connectivesOfFactLiteralsWithNegations() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              a: ja/nej kan saknas
              b: ja/nej kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Inte a eller b"
              kräver inte anordnare.a eller anordnare.b
            villkor 2 "A eller inte b"
              kräver anordnare.a eller inte anordnare.b
            villkor 3 "Inte a och inte b"
              kräver inte anordnare.a och inte anordnare.b
            villkor 4 "A och inte b"
              kräver anordnare.a och inte anordnare.b
            villkor 5 "A och b"
              kräver anordnare.a och anordnare.b
            villkor 6 "A eller b"
              kräver anordnare.a eller anordnare.b
            """
        try Self.checkKleeneTables(text, facts: [("true", 2), ("false", 0), ("null", 1)]) { a, b in
            [max(2 - a, b), max(a, 2 - b), min(2 - a, 2 - b), min(a, 2 - b), min(a, b), max(a, b)]
        }
    }

    /// For every pair of facts `a` and `b` (JSON, with its truth as 0 `nej`, 1 unknown, 2 `ja`),
    /// the statuses of document `R`'s conditions are those `expected` computes from the two
    /// truths by Kleene's tables (`och` the minimum, `eller` the maximum, `inte` 2 − x).
    static func checkKleeneTables(_ text: String, facts: [(json: String, truth: Int)],
                                  expected: (Int, Int) -> [Int]) throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let names = ["ej uppfyllt", "underlag saknas", "uppfyllt"]
        for a in facts {
            for b in facts {
                let json = #"{"anordnare": {"a": \#(a.json), "b": \#(b.json)}}"#
                #expect(try statuses(json) == expected(a.truth, b.truth).map { names[$0] }, "a = \(a.json), b = \(b.json)")
            }
        }
    }

    /// `x finns och <comparison>` and `x saknas och <comparison>`: one instruction with a
    /// presence guard, on fact slots and on elements' fields, at the top of a requirement and
    /// inside `eller`; `nej` without computing the comparison when the guard fails, as `och`
    /// stops at a `nej` on its left.
    @Test func presenceGuardedComparisons() throws {
        let text = """
            reglemente "R" version "1"
            typ Uppdrag
              mottagen: datum
              plan: datum kan saknas
            typ Anordnare
              start: datum kan saknas
              slut: datum
              n: heltal kan saknas
              m: heltal
              uppdrag: lista av Uppdrag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Start före slut"
              kräver anordnare.start finns och anordnare.start <= anordnare.slut
            villkor 2 "Utan start"
              kräver anordnare.start saknas och anordnare.slut + 1 dagar > bedömningsdatum
            villkor 3 "Stort tal"
              kräver anordnare.n saknas och anordnare.m * 1000000000000 > 0
            villkor 4 "Planer"
              kräver alla u i anordnare.uppdrag:
                (u.plan finns och u.plan <= u.mottagen + 2 veckor) eller (u.plan saknas och bedömningsdatum <= u.mottagen + 2 veckor)
            villkor 5 "Okänd jämförelse"
              kräver anordnare.n finns och anordnare.n < anordnare.m
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let planned = #""uppdrag": [{"mottagen": "2025-02-20", "plan": "2025-03-01"}, {"mottagen": "2025-02-20"}]"#
        #expect(try statuses(#"{"anordnare": {"start": "2025-01-01", "slut": "2025-06-01", "m": 1, \#(planned)}}"#)
            == ["uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"slut": "2025-03-01", "n": 5, "m": 10000000000, "uppdrag": []}}"#)
            == ["ej uppfyllt", "uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt"])
        let late = #""uppdrag": [{"mottagen": "2025-01-01", "plan": "2025-01-16"}]"#
        #expect(try statuses(#"{"anordnare": {"start": "2025-07-01", "slut": "2025-06-01", "n": 20, "m": 3, \#(late)}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt"])
        let missing = #""uppdrag": [{"mottagen": "2025-01-01"}]"#
        #expect(try statuses(#"{"anordnare": {"slut": "2025-02-27", "m": 3, \#(missing)}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt"])
    }

    /// Dates, enumeration cases and numbers read from their 8-byte keys (see `FactKey`), in
    /// slots and in elements' fields, compared with each other, with constants and by presence,
    /// including unknown ones, numbers that are not integers (read from their values) and a
    /// text field next to them (read from its value).
    @Test func datesCasesAndNumbersReadFromKeys() throws {
        let text = """
            reglemente "R" version "1"
            typ Slag: en av enkel, dubbel, trippel
            typ Uppdrag
              slag: Slag kan saknas
              start: datum kan saknas
              namn: text
              belopp: belopp kan saknas
            typ Anordnare
              slag: Slag kan saknas
              start: datum kan saknas
              personal: heltal kan saknas
              uppdrag: lista av Uppdrag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Samma slag"
              kräver alla u i anordnare.uppdrag: u.slag = anordnare.slag
            villkor 2 "Senare start"
              kräver alla u i anordnare.uppdrag: u.start >= anordnare.start
            villkor 3 "Något dubbelt"
              kräver någon u i anordnare.uppdrag: u.slag är dubbel eller u.namn = "X"
            villkor 4 "Kända"
              kräver alla u i anordnare.uppdrag: u.slag finns och u.start finns
            villkor 5 "Inte trippel"
              kräver anordnare.slag är inte trippel
            villkor 6 "Slag efter start"
              kräver alla u i anordnare.uppdrag: u.slag = (om anordnare.start finns så dubbel annars enkel)
            villkor 7 "Belopp"
              kräver alla u i anordnare.uppdrag: u.belopp >= 100,50 kr
            villkor 8 "Antal"
              kräver anordnare.personal >= 2 och anordnare.personal * 10 < 1000
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"""
            {"anordnare": {"slag": "dubbel", "start": "2025-01-01", "uppdrag": [
              {"slag": "dubbel", "start": "2025-01-01", "namn": "A", "belopp": 100.5},
              {"slag": "dubbel", "start": "2025-02-01", "namn": "B", "belopp": 2000}], "personal": 2}}
            """#) == ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"slag": "trippel", "start": "2025-03-01", "uppdrag": [
              {"slag": "enkel", "start": "2025-01-01", "namn": "A", "belopp": 100.49},
              {"slag": "trippel", "start": "2025-04-01", "namn": "B", "belopp": 100}], "personal": 100}}
            """#) == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                      "ej uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"uppdrag": [{"namn": "X"}, {"slag": "enkel", "namn": "B"}]}}
            """#) == ["underlag saknas", "underlag saknas", "uppfyllt", "ej uppfyllt", "underlag saknas", "underlag saknas",
                      "underlag saknas", "underlag saknas"])
    }

    /// A presence guard on a field beyond 16 bits (a record of 65,540 fields) names its frame
    /// and field as they are (when instructions packed them in bits, such a guard read another
    /// loop's frame, outside the frames); every code path agrees.
    @Test func guardOnAFieldBeyondSixteenBits() throws {
        let fields = (0..<65_540).map { "  f\($0): heltal kan saknas" }.joined(separator: "\n")
        let text = """
            reglemente "R" version "1"
            typ Rad
            \(fields)
            typ Anordnare
              rader: lista av Rad
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Brett"
              kräver alla r i anordnare.rader: r.f65537 finns och r.f65537 > r.f1
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        for index in 0..<program.instructions.count {
            switch program.instructions[index] {
            case .compareValues(_, _, _, let guarded?, _), .compareArithmetic(_, _, _, _, _, let guarded?, _):
                if case .cell(let cell) = guarded.place {
                    #expect(cell.frame < program.frameCount, "a guard names frame \(cell.frame) of \(program.frameCount)")
                    #expect(cell.field == 65537, "a guard names field \(cell.field)")
                }
            default:
                break
            }
        }
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"{"anordnare": {"rader": [{"f1": 1, "f65537": 5}]}}"#) == ["uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"rader": [{"f1": 1, "f65537": 5}, {"f1": 2}]}}"#) == ["ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"rader": [{"f1": 9, "f65537": 5}]}}"#) == ["ej uppfyllt"])
    }

    /// Integers equal to the keys' markers (`FactKey.unknown` is Int32.min, `FactKey.other`
    /// Int32.min + 1) and integers beyond 32 bits are read from their values, never taken for
    /// a marker or cut to 32 bits; the smallest integers the decoder accepts too.
    @Test func integersEqualToTheKeyMarkersOrBeyondThemReadTheirValues() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              n: heltal
              m: heltal
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Litet"
              kräver anordnare.n < 0
            villkor 2 "Summa"
              kräver anordnare.n + anordnare.m < 1
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"{"anordnare": {"n": -9223372036854775807, "m": 9223372036854775807}}"#)
            == ["uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": -9223372036854775806, "m": 9223372036854775807}}"#)
            == ["uppfyllt", "ej uppfyllt"])
        // Keys are 32 bits: the markers' values and integers beyond 32 bits read their values.
        #expect(try statuses(#"{"anordnare": {"n": -2147483648, "m": 2147483647}}"#) == ["uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": -2147483647, "m": 2147483647}}"#) == ["uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 2147483648, "m": -2147483647}}"#) == ["ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 4294967296, "m": -4294967296}}"#) == ["ej uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 2147483647, "m": -2147483647}}"#) == ["ej uppfyllt", "uppfyllt"])
    }

    /// Fields' presence and cases are read from their bytes (see ``CellByte``): a case past
    /// the first 252 is a known value tested through its key, a text's presence is its byte.
    /// Fails when a case past the limit reads as unknown or as another case, or when a known
    /// text reads as missing.
    @Test func fieldBytesTellPresenceAndCases() throws {
        let cases = (0..<300).map { "c\($0)" }.joined(separator: ", ")
        let text = """
            reglemente "R" version "1"
            typ Slag: en av \(cases)
            typ Uppdrag
              slag: Slag kan saknas
              namn: text kan saknas
              klar: ja/nej kan saknas
            typ Anordnare
              uppdrag: lista av Uppdrag
              slagen: lista av Slag kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Ett tidigt slag"
              kräver alla u i anordnare.uppdrag: u.slag är c5
            villkor 2 "Ett sent slag"
              kräver alla u i anordnare.uppdrag: u.slag är c299
            villkor 3 "Som operand"
              kräver någon u i anordnare.uppdrag: u.slag är inte c251 och u.klar
            villkor 4 "Namn"
              kräver alla u i anordnare.uppdrag: u.namn finns
            villkor 5 "Namn saknas eller klar"
              kräver alla u i anordnare.uppdrag: u.namn saknas eller u.klar
            villkor 6 "Sent slag i lista"
              kräver någon s i anordnare.slagen: s är c260
            villkor 7 "Tidigt slag i lista"
              kräver någon s i anordnare.slagen: s är c7
            villkor 8 "Namn och slag"
              kräver alla u i anordnare.uppdrag: u.namn finns och u.slag = c252
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"""
            {"anordnare": {"uppdrag": [{"slag": "c5", "namn": "A", "klar": true}, {"slag": "c5", "namn": "B", "klar": true}],
             "slagen": ["c7", "c260"]}}
            """#) == ["uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"uppdrag": [{"slag": "c299", "klar": false}, {"slag": "c252", "namn": "B"}], "slagen": ["c299"]}}
            """#) == ["ej uppfyllt", "ej uppfyllt", "underlag saknas", "ej uppfyllt", "underlag saknas", "ej uppfyllt",
                      "ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"uppdrag": [{"slag": "c252", "namn": "A"}, {"slag": "c299", "namn": "B"}], "slagen": ["c4"]}}
            """#) == ["ej uppfyllt", "ej uppfyllt", "underlag saknas", "uppfyllt", "underlag saknas", "ej uppfyllt",
                      "ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"uppdrag": [{"namn": "A"}]}}"#)
            == ["underlag saknas", "underlag saknas", "underlag saknas", "uppfyllt", "underlag saknas", "underlag saknas",
                "underlag saknas", "underlag saknas"])
    }

    /// Loops one after another take the same frame and a loop inside another the next one, so
    /// a program has as many frames as its loops nest deep: the inner loop reads its own
    /// element and the outer one's, the loop after them starts afresh; every code path agrees.
    @Test func loopsTakeTheFrameOfTheirDepth() throws {
        let text = """
            reglemente "R" version "1"
            typ Person
              namn: text
              timmar: heltal
            typ Uppdrag
              ansvarig: text
              timmar: heltal kan saknas
            typ Anordnare
              personal: lista av Person
              uppdrag: lista av Uppdrag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Först"
              kräver alla p i anordnare.personal: p.timmar > 0
            villkor 2 "Nästlad"
              kräver alla u i anordnare.uppdrag: någon p i anordnare.personal: p.namn = u.ansvarig och p.timmar >= u.timmar
            villkor 3 "Efter"
              kräver alla u i anordnare.uppdrag: u.timmar < 40
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.frameCount == 2, "\(program.frameCount) frames for loops two deep")
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let staff = #""personal": [{"namn": "A", "timmar": 10}, {"namn": "B", "timmar": 30}]"#
        #expect(try statuses(#"{"anordnare": {\#(staff), "uppdrag": [{"ansvarig": "B", "timmar": 20}, {"ansvarig": "A", "timmar": 5}]}}"#)
            == ["uppfyllt", "uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {\#(staff), "uppdrag": [{"ansvarig": "A", "timmar": 20}, {"ansvarig": "B", "timmar": 45}]}}"#)
            == ["uppfyllt", "ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"personal": [{"namn": "A", "timmar": 0}], "uppdrag": [{"ansvarig": "A"}]}}"#)
            == ["ej uppfyllt", "underlag saknas", "underlag saknas"])
    }

    /// `finns` and `saknas` of flat facts are fact literals beside the truths of `ja/nej` facts:
    /// decided with them a word at a time (in one word, across two words, and next to a
    /// comparison), always `ja` or `nej` themselves, negated by `inte`; a field's presence in
    /// `och` and `eller` inside a loop. Every pair of a date that is given or not and a truth
    /// that is `ja`, `nej` or unknown; every code path agrees, and no presence test is left as
    /// an instruction of its own.
    @Test func presenceTestsAreFactLiterals() throws {
        let spare = (0..<66).map { "  f\($0): ja/nej kan saknas\n" }.joined()
        let text = """
            reglemente "R" version "1"
            typ Uppdrag
              plan: datum kan saknas
              klar: ja/nej kan saknas
            typ Anordnare
              a: datum kan saknas
              b: ja/nej kan saknas
              n: heltal
              uppdrag: lista av Uppdrag
            \(spare)fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "A finns eller b"
              kräver anordnare.a finns eller anordnare.b
            villkor 2 "A saknas eller b"
              kräver anordnare.a saknas eller anordnare.b
            villkor 3 "A finns och inte b"
              kräver anordnare.a finns och inte anordnare.b
            villkor 4 "Inte a saknas, och b"
              kräver inte (anordnare.a saknas) och anordnare.b
            villkor 5 "A saknas"
              kräver anordnare.a saknas
            villkor 6 "B saknas eller a finns"
              kräver anordnare.b saknas eller anordnare.a finns
            villkor 7 "Över två ord"
              kräver anordnare.f65 saknas och (anordnare.a saknas eller anordnare.b)
            villkor 8 "Bredvid en jämförelse"
              kräver anordnare.n > 3 och anordnare.a finns och anordnare.b
            villkor 9 "Fält"
              kräver alla u i anordnare.uppdrag: u.plan finns eller u.klar
            villkor 10 "Fält saknas"
              kräver någon u i anordnare.uppdrag: u.plan saknas och inte u.klar
            villkor 11 "Bara fakta över två ord"
              kräver anordnare.f65 saknas och anordnare.a saknas och inte anordnare.b
            villkor 12 "Bara fakta över två ord, eller"
              kräver anordnare.f65 eller anordnare.a finns eller anordnare.b
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(!program.instructionList.contains { if case .cellKnown = $0 { true } else { false } },
                "a field's presence inside `och` or `eller` is an operand, not an instruction")
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let names = ["ej uppfyllt", "underlag saknas", "uppfyllt"]
        for (a, given) in [(#""2025-01-01""#, 2), ("null", 0)] {
            for (b, truth) in [("true", 2), ("false", 0), ("null", 1)] {
                let known = truth == 1 ? 0 : 2
                let expected = [max(given, truth), max(2 - given, truth), min(given, 2 - truth), min(given, truth), 2 - given,
                                max(2 - known, given), max(2 - given, truth), min(given, truth)]
                let json = #"{"anordnare": {"a": \#(a), "b": \#(b), "n": 5, "uppdrag": []}}"#
                let all = try statuses(json)
                #expect(all.prefix(8) == expected.map { names[$0] }[...], "a = \(a), b = \(b)")
                // `f65` is missing: `saknas` is `ja`, its truth unknown.
                #expect(all.suffix(2) == [names[min(2 - given, 2 - truth)], names[max(1, given, truth)]], "a = \(a), b = \(b)")
            }
        }
        let tasks = #""uppdrag": [{"plan": "2025-01-01", "klar": false}, {"klar": true}]"#
        #expect(try statuses(#"{"anordnare": {"n": 2, \#(tasks)}}"#).suffix(5).prefix(3) == ["ej uppfyllt", "uppfyllt", "ej uppfyllt"])
        let open = #""uppdrag": [{"klar": false}, {"plan": "2025-01-01"}]"#
        #expect(try statuses(#"{"anordnare": {"n": 4, "a": "2025-02-01", "b": true, \#(open)}}"#).suffix(5).prefix(3)
            == ["uppfyllt", "ej uppfyllt", "uppfyllt"])
        let unknown = #""uppdrag": [{}]"#
        #expect(try statuses(#"{"anordnare": {"n": 4, "a": "2025-02-01", "b": true, \#(unknown)}}"#).suffix(5).prefix(3)
            == ["uppfyllt", "underlag saknas", "underlag saknas"])
        #expect(program.instructionList.contains { if case .literals(let hoisted, _) = $0 { !hoisted.isEmpty } else { false } },
                "the connectives of literals in two words are hoisted")
    }

    /// A fact or a field read from its key (an integer, a date) compared with a constant of its
    /// kind is one `compareKey`: two integers compared, for every comparison; a decimal number,
    /// an integer beyond 32 bits and the keys' markers read the value instead; unknown stays
    /// unknown; a constant that is not an integer (`2,5`) keeps the comparison of values.
    @Test func keyComparisonsAgainstConstants() throws {
        let text = """
            reglemente "R" version "1"
            typ Rad
              n: heltal kan saknas
              d: datum kan saknas
            typ Anordnare
              n: heltal kan saknas
              x: decimaltal kan saknas
              d: datum kan saknas
              rader: lista av Rad
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Lika"
              kräver anordnare.n = 3
            villkor 2 "Olika"
              kräver anordnare.n != 3
            villkor 3 "Mindre"
              kräver anordnare.n < 3
            villkor 4 "Högst"
              kräver anordnare.n <= 3
            villkor 5 "Större"
              kräver anordnare.n > -3
            villkor 6 "Minst"
              kräver anordnare.n >= 3
            villkor 7 "Decimaltal"
              kräver anordnare.x > 2
            villkor 8 "Datum"
              kräver anordnare.d < 2025-03-01
            villkor 9 "Fält"
              kräver alla r i anordnare.rader: r.n >= 3 och r.d >= 2025-01-01
            villkor 10 "Inte heltal"
              kräver anordnare.n < 2,5
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        let keyed = program.keyComparisonCount
        #expect(keyed == 10, "\(keyed) comparisons read keys")
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let rows = #""rader": [{"n": 3, "d": "2025-01-01"}, {"n": 4, "d": "2025-02-01"}]"#
        #expect(try statuses(#"{"anordnare": {"n": 3, "x": 2.5, "d": "2025-02-28", \#(rows)}}"#)
            == ["uppfyllt", "ej uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt",
                "ej uppfyllt"])
        let late = #""rader": [{"n": 3, "d": "2024-12-31"}, {"n": 2, "d": "2025-02-01"}]"#
        #expect(try statuses(#"{"anordnare": {"n": 2, "x": 2, "d": "2025-03-01", \#(late)}}"#)
            == ["ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                "ej uppfyllt", "uppfyllt"])
        // Beyond 32 bits and the markers' values: read from the values.
        #expect(try statuses(#"{"anordnare": {"n": 4294967299, "x": 2.0000001, "rader": [{"n": -2147483648}]}}"#)
            == ["ej uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "underlag saknas",
                "ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": -2147483647, "rader": [{"n": -2147483647, "d": "2025-06-01"}]}}"#)
            == ["ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt", "underlag saknas",
                "underlag saknas", "ej uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"rader": [{}]}}"#)
            == Array(repeating: "underlag saknas", count: 10))
    }
}

extension TruthProgramTests {
    /// A whole number, a date and a case, each optional: the facts of the key tests below.
    static let keyTestFacts = """
            reglemente "R" version "1"
            typ Nivå: en av låg, hög i stigande ordning
            typ Anordnare
              n: heltal kan saknas
              d: datum kan saknas
              nivå: Nivå kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation

            """

    /// Comparisons of facts with constants under `och` and `eller` are read where they are, by
    /// the connective: one instruction for the requirement, not one per comparison.
    @Test func keyTestsUnderConnectivesAreReadInPlace() throws {
        let text = Self.keyTestFacts + """
            villkor 1 "Och"
              kräver anordnare.n >= 3 och anordnare.d < 2025-03-01
            villkor 2 "Eller"
              kräver anordnare.n < 0 eller inte (anordnare.nivå > låg)
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.keyOperandCount == 4)
        #expect(!program.instructionList.contains { if case .compareKey = $0 { true } else { false } })
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"{"anordnare": {"n": 3, "d": "2025-02-28", "nivå": "hög"}}"#)
            == ["uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": -1, "d": "2025-03-01", "nivå": "låg"}}"#)
            == ["ej uppfyllt", "uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 4}}"#) == ["underlag saknas", "underlag saknas"])
        #expect(try statuses(#"{"anordnare": {"n": 2}}"#) == ["ej uppfyllt", "underlag saknas"])
        #expect(try statuses(#"{"anordnare": {"nivå": "låg"}}"#) == ["underlag saknas", "uppfyllt"])
    }

    /// A constant written first (`3 <= anordnare.n`, `hög = anordnare.nivå`) is read in place as
    /// the comparison turned around, and a presence test before a key or case test
    /// (`anordnare.n finns och anordnare.n > 3`) is two operands read in place: no `compareKey`,
    /// no `both`. They decide what the value code decides, `nej` where the guard is not met.
    @Test func turnedAndGuardedKeyTestsAreReadInPlace() throws {
        let text = Self.keyTestFacts + """
            villkor 1 "Konstanten först"
              kräver 3 <= anordnare.n och 2025-03-01 > anordnare.d
            villkor 2 "Fallet först"
              kräver hög = anordnare.nivå eller anordnare.n = 0
            villkor 3 "Vakter"
              kräver anordnare.n finns och anordnare.n > 3
              kräver anordnare.d saknas och anordnare.d > 2025-01-01 eller anordnare.nivå finns och anordnare.nivå = låg
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.keyOperandCount == 5)
        #expect(!program.instructionList.contains {
            switch $0 {
            case .compareKey, .both, .slotIsCase: true
            default: false
            }
        }, "\(program.instructionList)")
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        #expect(try statuses(#"{"anordnare": {"n": 3, "d": "2025-02-28", "nivå": "hög"}}"#)
            == ["uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 4}}"#) == ["underlag saknas", "underlag saknas", "underlag saknas"])
        #expect(try statuses(#"{"anordnare": {}}"#) == ["underlag saknas", "underlag saknas", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"n": 5, "d": "2024-12-31", "nivå": "låg"}}"#)
            == ["uppfyllt", "ej uppfyllt", "uppfyllt"])
    }
}

extension TruthProgram {
    /// The instructions in order, for tests that look at what a program was built of.
    var instructionList: [TruthInstruction] { (0..<instructions.count).map { instructions[$0] } }

    /// How many comparisons read keys: `compareKey` instructions, and key tests that `all` and
    /// `any` read in place.
    var keyComparisonCount: Int {
        instructionList.count { if case .compareKey = $0 { true } else { false } } + keyOperandCount
    }

    /// How many operands of `all` and `any` are key tests.
    var keyOperandCount: Int {
        (0..<operands.count).count { if case .key = operands[$0].source { true } else { false } }
    }
}
