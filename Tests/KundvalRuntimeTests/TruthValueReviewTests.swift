import Foundation
import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// A review of b1b3de2 (a `ja/nej` computed by an expression and read as a value is the truth
/// program's `truthValue`) and 44354b8 (a range read as not known by `exactValue` in a decision
/// table's row tests and in the terms of a sum over a list written out). The program must give
/// an error (the value code decides) or exactly the value code's result, and its walked
/// explanations must be the value code's steps.
@Suite struct TruthValueReviewTests {
    typealias R = CountRangeReviewTests
    static let date = R.date

    /// Facts for every combination of `a`, `b`, `n` and staffs with and without unknowns.
    static func grid(ns: [String] = ["null", "0", "2", "7"],
                     staffs: [[String]] = [[], ["true", "true", "null"], ["false", "null"], ["true", "false"]]) -> [String] {
        var all: [String] = []
        for a in ["true", "false", "null"] {
            for b in ["true", "false", "null"] {
                for n in ns {
                    for staff in staffs {
                        all.append(R.json(staff: staff, ages: ["30", "null"], courses: [["true", "null"], ["false"]],
                                          a: a, b: b, n: n, m: n))
                    }
                }
            }
        }
        return all
    }

    /// The program against the value code on `json` (errors included: the slow path is compared
    /// only when no evaluation fails), the statuses of `ansökan`, and the walked explanations.
    @discardableResult
    static func agree(_ document: CompiledDocument, _ jsons: [String]) throws -> (walked: Int, left: Int) {
        var (walked, left) = (0, 0)
        for json in jsons {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
            if (try? document.evaluate(facts, assessment: "ansökan", date: date)) != nil {
                _ = try CodePathAgreementTests.compare(document, facts, date: date, label: json)
                let (decision, valueCode) = try R.statuses(document, json)
                #expect(decision == valueCode, "\(json): beslutet \(decision), värdekoden \(valueCode)")
                let counted = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
                walked += counted.walked
                left += counted.left
            }
        }
        return (walked, left)
    }

    static let levels = """
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        tabell nivå(n: heltal kan saknas): heltal i ordning
          | < 2 | 1 |
          | -   | 2 |

        """

    // MARK: - Findings (44354b8): a range reaches a table's row tests through a local
    //
    // `inlined(…exactTests:)` reads a range as not known only for an argument that is not a
    // path; `.local` is a path (`isPath`), but a local may be bound to a value register that holds
    // a range: a parameter of an inlined definition, a table's parameter passed on in its row's
    // result, an element of a list written out. The four tests below fail at 44354b8 and at
    // b1b3de2 alike (the shapes 44354b8 fixed for direct calls, left open through locals).

    /// A table called in the body of a definition with a parameter, with that parameter:
    /// `via(utbildade)` inlines `via`, whose `k` is bound to the range's register; `nivå(k)` has
    /// an argument that is a local, which `inlined(…exactTests:)` passed as it is, so the row
    /// test `k < 2` decided the range 2 to 3 (`nej`: row 2, value 2), where the value code's
    /// table leaves row 1 undecided (not known). Found by the review; a local bound to a
    /// computed value is now read by the tests through `exactValue` too.
    @Test func aTableCalledWithADefinitionsParameter() throws {
        let document = try CodePathAgreementTests.document(R.head + Self.levels + """
            definition via(k: heltal kan saknas): heltal kan saknas = nivå(k)
            villkor 1 "Via"
              kräver via(utbildade) = 2
            villkor 2 "Via, första raden"
              kräver via(utbildade) = 1
            """)
        let json = R.json(staff: ["true", "true", "null"])
        let (decision, valueCode) = try R.statuses(document, json)
        #expect(decision == valueCode, "beslutet \(decision), värdekoden \(valueCode)")
        try Self.agree(document, [json])
    }

    /// The same for a table called in a row's result of another table with its parameter:
    /// `yttre(utbildade)` reads `n` in its tests as not known, but its result `inre(n)` gets the
    /// range itself (the results read the argument as it is), as a path.
    @Test func aTableCalledInAnotherTablesResult() throws {
        let document = try CodePathAgreementTests.document(R.head + Self.levels + """
            tabell yttre(n: heltal kan saknas): heltal i ordning
              | - | nivå(n) |
            villkor 1 "Yttre"
              kräver yttre(utbildade) = 2
            """)
        let json = R.json(staff: ["true", "true", "null"])
        let (decision, valueCode) = try R.statuses(document, json)
        #expect(decision == valueCode, "beslutet \(decision), värdekoden \(valueCode)")
        try Self.agree(document, [json])
    }

    /// The same for an element of a list written out: `writtenOut` binds the computed element
    /// to a local, and `nivå(x)` reads it as a path.
    @Test func aTableOfAnElementOfAListWrittenOut() throws {
        let document = try CodePathAgreementTests.document(R.head + Self.levels + """
            villkor 1 "Alla"
              kräver alla x i [utbildade, 5]: nivå(x) = 2
            villkor 2 "Summa"
              kräver (summa x i [utbildade, 5]: nivå(x)) = 4
            """)
        let json = R.json(staff: ["true", "true", "null"])
        let (decision, valueCode) = try R.statuses(document, json)
        #expect(decision == valueCode, "beslutet \(decision), värdekoden \(valueCode)")
        try Self.agree(document, [json])
    }

    /// The same in the computations reported with a decision and in a sanction table's
    /// program: a definition that calls a table with its parameter.
    @Test func aTableCalledWithAParameterInComputationsAndSanctions() throws {
        let document = try CodePathAgreementTests.document(R.head + """
            bedömning uppföljning
              vid brist: sanktion
            sanktioner enligt val
            tabell nivå(n: heltal kan saknas): heltal i ordning
              | < 2 | 1 |
              | -   | 2 |
            definition via(k: heltal kan saknas): heltal kan saknas = nivå(k)
            definition steg: heltal kan saknas = via(utbildade)
            definition nivåtal: heltal kan saknas = via(utbildade)
            tabell val(nivåtal: heltal kan saknas): Sanktion i ordning
              | = 1 | vite    |
              | -   | varning |
            villkor 1 "A"
              kräver anordnare.a
              vid brist: sanktion
            """)
        let json = R.json(staff: ["true", "true", "null"], a: "false")
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        _ = try CodePathAgreementTests.compareProgram(document, facts, date: Self.date, label: json)
        try R.agree(document, json)
    }

    // MARK: - Passing shapes (44354b8)

    /// Tables whose results read the parameter, tables of several parameters (computed and
    /// paths), tables in loops with the element's fields and counts, nested tables whose
    /// argument is another table's result, and sums over lists written out.
    @Test func tableShapesWithRangesAgree() throws {
        let document = try CodePathAgreementTests.document(R.head + Self.levels + """
            tabell plus(n: heltal kan saknas): heltal kan saknas i ordning
              | - | n + 1 |
            tabell två(n: heltal kan saknas, m: heltal kan saknas): heltal kan saknas i ordning
              | < 2 | > 5 | 1     |
              | -   | < 1 | n     |
              | >= 2 | -  | n + m |
              | -   | -   | 0     |
            tabell medja(n: heltal kan saknas, b: ja/nej kan saknas): heltal kan saknas i ordning
              | > 1 | ja | n |
              | -   | -  | 9 |
            definition ut: heltal kan saknas = antal p i anordnare.personal där p.utbildad och anordnare.b
            villkor 1 "Resultat läser parametern"
              kräver plus(utbildade) >= 3
            villkor 2 "Två parametrar"
              kräver två(utbildade, anordnare.m) >= 2
            villkor 3 "Två parametrar, en väg"
              kräver två(anordnare.n, utbildade) = 1
            villkor 4 "I en slinga"
              kräver alla p i anordnare.personal: nivå(antal k i p.kurser där k.klar) = 1
            villkor 5 "I en slinga, fält"
              kräver någon p i anordnare.personal: nivå(p.ålder) = 2
            villkor 6 "Tabell av en tabell"
              kräver nivå(plus(utbildade)) = 2
            villkor 7 "Tabell av en tabell, andra"
              kräver plus(nivå(utbildade)) = 2
            villkor 8 "Summa"
              kräver (summa x i [utbildade, anordnare.n, ut]: x) >= 2
            villkor 9 "Summa av slinga"
              kräver (summa p i anordnare.personal: antal k i p.kurser där k.klar) >= 1
            villkor 10 "Med ja/nej"
              kräver medja(ut, anordnare.a och anordnare.b) >= 1
            villkor 11 "Element"
              kräver element(anordnare.personal, utbildade).utbildad
            villkor 12 "Avrunda"
              kräver avrunda(utbildade) >= 1
            """)
        let (walked, left) = try Self.agree(document, Self.grid())
        #expect(walked > 0, "walked \(walked), left \(left)")
        #expect(left == 0, "walked \(walked), left \(left)")
    }

    // MARK: - b1b3de2: ja/nej computed and read as a value

    static let truths = """
        definition bb: ja/nej kan saknas = anordnare.a och anordnare.b
        definition kvot: ja/nej kan saknas = anordnare.a och 10 / anordnare.n > 1
        definition lika(x: ja/nej kan saknas, y: ja/nej kan saknas): ja/nej kan saknas = x = y
        definition d1: ja/nej kan saknas = anordnare.a och anordnare.b
        definition d2: ja/nej kan saknas = d1 eller anordnare.n > 3
        definition d3: ja/nej kan saknas = d2 och inte anordnare.b
        definition d4: ja/nej kan saknas = d3 eller utbildade >= 2
        definition d5: ja/nej kan saknas = d4 och anordnare.a
        definition d6: ja/nej kan saknas = inte d5
        definition p1(x: ja/nej kan saknas): ja/nej kan saknas = x och anordnare.a
        definition p2(x: ja/nej kan saknas): ja/nej kan saknas = p1(x) eller anordnare.b
        definition p3(x: ja/nej kan saknas): ja/nej kan saknas = inte p2(x och anordnare.n > 1)
        definition p4(x: ja/nej kan saknas): ja/nej kan saknas = p3(x) = anordnare.a
        definition p5(x: ja/nej kan saknas): ja/nej kan saknas = p4(inte x) och x
        definition p6(x: ja/nej kan saknas): ja/nej kan saknas = p5(x = anordnare.b)
        tabell s(n: heltal kan saknas): ja/nej kan saknas i ordning
          | > 1 | anordnare.a och anordnare.b |
          | -   | n > 0                       |
        tabell t(x: ja/nej kan saknas): heltal i ordning
          | ja  | 1 |
          | nej | 2 |
          | -   | 3 |

        """

    @Test func truthsReadAsValuesAgree() throws {
        let document = try CodePathAgreementTests.document(R.head + Self.levels + Self.truths + """
            villkor 1 "Fel, lika"
              kräver kvot = anordnare.b
            villkor 2 "Fel, olika"
              kräver kvot ≠ anordnare.b
            villkor 3 "Fel mot okänt"
              kräver bb = kvot
            villkor 4 "Fel mot okänt, eller"
              kräver anordnare.b eller (kvot = bb)
            villkor 5 "Tabell"
              kräver t(bb) = 1 eller t(anordnare.a och anordnare.b) = 2
            villkor 6 "Tabell med fel"
              kräver t(kvot) = 3
            villkor 7 "Parametrar"
              kräver lika(anordnare.n > 3, anordnare.a och anordnare.b)
            villkor 8 "Parametrar, okänt intervall"
              kräver lika(utbildade >= 2, anordnare.a)
            villkor 9 "Om"
              kräver (om anordnare.a så (anordnare.b och utbildade > 1) annars anordnare.n > 1) = anordnare.b
            villkor 10 "Djup kedja"
              kräver d6 = anordnare.b
            villkor 11 "Djup kedja, olika"
              kräver d6 ≠ (anordnare.a eller anordnare.b)
            villkor 12 "Jämförelse med jämförelse"
              kräver (anordnare.n > 1) = (utbildade > 1)
            villkor 13 "Kvantifierare"
              kräver (alla p i anordnare.personal: p.utbildad) = anordnare.a
            villkor 14 "Tabell i djup kedja"
              kräver t(d6) ≠ 3
            villkor 15 "I en slinga"
              kräver alla p i anordnare.personal: (p.utbildad och anordnare.a) = (p.ålder > 20)
            villkor 16 "Djup kedja med parametrar"
              kräver p6(anordnare.n > 1 och utbildade >= 2) = anordnare.b
            villkor 17 "Tabell av ja/nej, läst som värde"
              kräver s(utbildade) = anordnare.a
            villkor 18 "Tabell av ja/nej, resultat läser parametern"
              kräver s(anordnare.n - utbildade) ≠ (anordnare.a eller bb)
            """)
        let (walked, left) = try Self.agree(document, Self.grid())
        #expect(walked > 0, "walked \(walked), left \(left)")
        #expect(left == 0, "walked \(walked), left \(left)")
    }
}
