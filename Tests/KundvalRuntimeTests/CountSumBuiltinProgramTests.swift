import Testing
@testable import KundvalRuntime
import KundvalDiagnostics
import KundvalSyntax

/// `antal`, `summa` and the built-in functions in the truth program: they are instructions,
/// not calls of value code, and they agree with the value code on every code path (each
/// `statuses` call compares them first).
@Suite struct CountSumBuiltinProgramTests {
    static let text = """
        reglemente "R" version "1"
        typ Rad
          ok: ja/nej kan saknas
          belopp: belopp kan saknas
        typ Anordnare
          rader: lista av Rad
          stängda: lista av datum
          tal: heltal kan saknas
          delare: heltal kan saknas
          datum: datum kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Antal där"
          kräver (antal r i anordnare.rader där r.ok) >= 2
        villkor 2 "Antal"
          kräver (antal r i anordnare.rader) = 3
        villkor 3 "Summa"
          kräver (summa r i anordnare.rader: r.belopp) <= 1000 kr
        villkor 4 "Arbetsdagar"
          kräver ingen d i anordnare.stängda: är_arbetsdag(d)
        villkor 5 "Nästa arbetsdag"
          kräver nästa_arbetsdag(anordnare.datum) <= 2025-03-03
        villkor 6 "Rest"
          kräver rest(anordnare.tal, anordnare.delare) = 1
        villkor 7 "Minsta"
          kräver minsta(anordnare.tal, 10) >= 5
        villkor 8 "Dagar i månaden"
          kräver dagar_i_månaden(anordnare.datum) = 31
        villkor 9 "Antal och summa i en slinga"
          kräver alla r i anordnare.rader: r.belopp finns och (summa s i anordnare.rader: s.belopp) >= 2 * r.belopp
        definition godkänd(r: Rad): ja/nej kan saknas = r.ok
        villkor 10 "Antal med en definition på elementet"
          kräver (antal r i anordnare.rader där godkänd(r)) >= 1
        """

    /// None of the conditions needs a closure: counts, sums and functions are instructions,
    /// and a definition called on a count's element is inlined as in a quantifier.
    @Test func loweredWithoutClosures() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty,
                "\(program.closures.count) closures, \(program.valueClosures.count) value closures")
        let kinds = program.instructionList.map { "\($0)".prefix { $0 != "(" } }
        for kind in ["countEnd", "countAll", "sumEnd", "valueBuiltin"] {
            #expect(kinds.contains(Substring(kind)), "no \(kind) in \(kinds)")
        }
    }

    @Test func knownFacts() throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.text)
        // 2025-03-01 is a Saturday: its next working day is Monday 2025-03-03.
        let rows = #""rader": [{"ok": true, "belopp": 300}, {"ok": true, "belopp": 400}, {"ok": false, "belopp": 200}]"#
        #expect(try statuses(#"{"anordnare": {\#(rows), "stängda": ["2025-03-01", "2025-03-02"], "tal": 7, "delare": 3, "datum": "2025-03-01"}}"#)
            == Array(repeating: "uppfyllt", count: 10))
        let other = #""rader": [{"ok": false, "belopp": 600}, {"ok": true, "belopp": 500}]"#
        #expect(try statuses(#"{"anordnare": {\#(other), "stängda": ["2025-03-04"], "tal": 2, "delare": 3, "datum": "2025-03-04"}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                "uppfyllt", "ej uppfyllt", "uppfyllt"])
    }

    /// A count with one element's filter unknown is a range, which decides when enough are `ja`
    /// (two of three, one unknown: at least two, so `>= 2` and `>= 1` hold; it was unknown
    /// before ranges: see ``Value/bounded(low:high:)``); a sum is unknown at its first unknown
    /// value; an empty list counts and sums to 0; an unknown argument makes a function's value
    /// unknown.
    @Test func unknownsAndEmptyLists() throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.text)
        let rows = #""rader": [{"ok": true, "belopp": 300}, {"ok": true}, {"belopp": 100}]"#
        #expect(try statuses(#"{"anordnare": {\#(rows), "stängda": [], "tal": 12}}"#)
            == ["uppfyllt", "uppfyllt", "underlag saknas", "uppfyllt", "underlag saknas", "underlag saknas",
                "uppfyllt", "underlag saknas", "ej uppfyllt", "uppfyllt"])
        // One `ja` and two unknown: one to three, which `>= 2` cannot tell.
        let fewer = #""rader": [{"ok": true, "belopp": 300}, {"belopp": 50}, {"belopp": 100}]"#
        #expect(try statuses(#"{"anordnare": {\#(fewer), "stängda": [], "tal": 12}}"#).first == "underlag saknas")
        #expect(try statuses(#"{"anordnare": {"rader": [], "stängda": [], "delare": 2}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "underlag saknas", "underlag saknas",
                "underlag saknas", "underlag saknas", "uppfyllt", "ej uppfyllt"])
    }

    /// An error in a function or a sum is the evaluation's error, as in the value code: `rest`
    /// by zero, a sum beyond the largest amount.
    @Test func errorsAreTheEvaluations() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        for json in [#"{"anordnare": {"rader": [], "stängda": [], "tal": 7, "delare": 0}}"#,
                     #"{"anordnare": {"rader": [{"belopp": 5000000000000000000}, {"belopp": 5000000000000000000}], "stängda": []}}"#] {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            #expect(throws: EvaluationFailure.self, "\(json)") {
                try document.evaluate(facts, assessment: "ansökan", date: date)
            }
        }
    }
}
