import Foundation
import KundvalSyntax
import Testing
@testable import KundvalRuntime

/// Edge cases of presence literals, key comparisons and branches without code, each checked
/// on every code path and against statuses worked out independently (a small Kleene oracle).
/// Written by an independent review of the change that brought them.
@Suite struct PresenceAndKeyComparisonTests {
    static let names = ["ej uppfyllt", "underlag saknas", "uppfyllt"]

    /// Key comparisons against constants of every kind that has keys: percentages, amounts,
    /// weeks, years, ordered enumeration cases (flat and in a loop), list elements at the
    /// markers' values, and a negative bound at `Int32.min`.
    @Test func keyComparisonsOfEveryUnit() throws {
        let text = """
            reglemente "R" version "1"
            typ Nivå: en av låg, mellan, hög i stigande ordning
            typ Rad
              nivå: Nivå kan saknas
              andel: procent kan saknas
            typ Anordnare
              andel: procent kan saknas
              belopp: belopp kan saknas
              väntetid: dagar kan saknas
              löptid: månader kan saknas
              nivå: Nivå kan saknas
              n: heltal kan saknas
              rader: lista av Rad
              tal: lista av heltal
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Procent"
              kräver anordnare.andel >= 5 %
            villkor 2 "Hel procent"
              kräver anordnare.andel < 100 %
            villkor 3 "Belopp"
              kräver anordnare.belopp > 100 kr
            villkor 4 "Veckor"
              kräver anordnare.väntetid <= 2 veckor
            villkor 5 "År"
              kräver anordnare.löptid >= 1 år
            villkor 6 "Ordnad"
              kräver anordnare.nivå > låg
            villkor 7 "Ordnad i fält"
              kräver alla r i anordnare.rader: r.nivå <= mellan och r.andel != 50 %
            villkor 8 "Element vid markörerna"
              kräver någon t i anordnare.tal: t < -2147483647
            villkor 9 "Minsta heltalet"
              kräver anordnare.n >= -2147483648
            """
        let document = try CodePathAgreementTests.document(text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        let keyed = program.keyComparisonCount
        #expect(keyed == 10, "\(keyed) comparisons read keys")
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        let equal = """
            {"anordnare": {"andel": 5, "belopp": 100, "väntetid": "2 veckor", "löptid": 12, "nivå": "mellan", "n": -2147483648,
              "rader": [{"nivå": "mellan", "andel": 50}], "tal": [-2147483648]}}
            """
        #expect(try statuses(equal) == [2, 2, 0, 2, 2, 2, 0, 2, 2].map { Self.names[$0] })
        let off = """
            {"anordnare": {"andel": 4.99, "belopp": 100.01, "väntetid": 15, "löptid": 11, "nivå": "låg", "n": 5000000000,
              "rader": [{"nivå": "låg", "andel": 49.5}, {"nivå": "hög"}], "tal": [-2147483647, 4294967296]}}
            """
        #expect(try statuses(off) == [0, 2, 2, 0, 0, 0, 0, 0, 2].map { Self.names[$0] })
        #expect(try statuses(#"{"anordnare": {"rader": [{}], "tal": []}}"#) == [1, 1, 1, 1, 1, 1, 1, 0, 1].map { Self.names[$0] })
    }

    /// Presence literals beside truths in one word and across words, negated, in both branches
    /// of `om … så … annars` (hoisted out of them), in a loop, beside key comparisons with and
    /// without a presence guard, and a value conditional whose branches have no code: for every
    /// combination of given and missing facts, against a Kleene oracle.
    @Test func presenceLiteralsAndBranchesWithoutCode() throws {
        let spare = (0..<70).map { "  f\($0): ja/nej kan saknas\n" }.joined()
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              a: datum kan saknas
              b: ja/nej kan saknas
              c: ja/nej kan saknas
              n: heltal kan saknas
              m: heltal kan saknas
              tal: lista av heltal
            \(spare)  z: ja/nej kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Gren utan kod"
              kräver (om anordnare.c så anordnare.n annars anordnare.m) > 3
            villkor 2 "Grenar av literaler"
              kräver om anordnare.c så anordnare.a finns annars anordnare.z saknas
            villkor 3 "Inte, över två ord"
              kräver inte (anordnare.a saknas eller anordnare.z) och (anordnare.b eller anordnare.f69 saknas)
            villkor 4 "Närvaro i en slinga"
              kräver alla t i anordnare.tal: anordnare.a finns och t > 0
            villkor 5 "Skyddad och inte skyddad"
              kräver anordnare.n finns och anordnare.n > 3 och inte (anordnare.m finns och anordnare.m = 2147483647)
            villkor 6 "Eller med saknas"
              gäller när anordnare.z saknas eller anordnare.b
              kräver anordnare.c eller anordnare.a saknas eller anordnare.m < 0
            villkor 7 "Och över två ord"
              kräver anordnare.a saknas och anordnare.z
            villkor 8 "En gren utan kod, en med"
              kräver (om anordnare.c så anordnare.n annars anordnare.m + 1) > 3
            """
        let statuses = try CodePathAgreementTests.comparedStatuses(text)
        func truth(_ json: String) -> Int { json == "true" ? 2 : json == "false" ? 0 : 1 }
        for a in [#""2025-01-01""#, "null"] {
            for b in ["true", "false", "null"] {
                for c in ["true", "false", "null"] {
                    for z in ["true", "false", "null"] {
                        for (n, m) in [("5", "null"), ("null", "2147483647"), ("2", "-1"), ("2147483647", "5")] {
                            let json = """
                                {"anordnare": {"a": \(a), "b": \(b), "c": \(c), "z": \(z), "n": \(n), "m": \(m), "f69": null, "tal": [1, 2]}}
                                """
                            let (tb, tc, tz) = (truth(b), truth(c), truth(z))
                            let aKnown = a == "null" ? 0 : 2
                            func compare(_ value: String, _ holds: (Int64) -> Bool) -> Int {
                                value == "null" ? 1 : holds(Int64(value)!) ? 2 : 0
                            }
                            func pick(_ cond: Int, _ x: Int, _ y: Int) -> Int { cond == 2 ? x : cond == 0 ? y : 1 }
                            let picked = tc == 2 ? n : tc == 0 ? m : "null"
                            let v1 = compare(picked) { $0 > 3 }
                            let v2 = pick(tc, aKnown, tz == 1 ? 2 : 0)
                            let v3 = min(2 - max(2 - aKnown, tz), max(tb, 2))
                            let v4 = aKnown
                            let nKnown = n == "null" ? 0 : 2, mKnown = m == "null" ? 0 : 2
                            let v5 = min(nKnown, compare(n) { $0 > 3 }, 2 - min(mKnown, compare(m) { $0 == 2147483647 }))
                            let applies = max(tz == 1 ? 2 : 0, tb)
                            let body = max(tc, 2 - aKnown, compare(m) { $0 < 0 })
                            let expected = [v1, v2, v3, v4, v5].map { Self.names[$0] }
                                + [applies == 0 ? "ej tillämpligt" : applies == 1 ? "underlag saknas" : Self.names[body]]
                                + [Self.names[min(2 - aKnown, tz)]]
                                + [Self.names[tc == 2 ? compare(n) { $0 > 3 } : tc == 0 ? compare(m) { $0 + 1 > 3 } : 1]]
                            #expect(try statuses(json) == expected, "\(json)")
                        }
                    }
                }
            }
        }
    }
}
