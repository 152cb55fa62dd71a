import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// A `ja/nej` computed by an expression and read as a value (`bb = anordnare.b2` with `bb` an
/// `och`; a `ja/nej` definition reported with a decision) is the program's: the expression's
/// truth, held as a value (``TruthInstruction/truthValue(_:into:)``). It was a closure, run as
/// value code on every evaluation (found by the review of deep definitions).
@Suite struct TruthAsValueTests {
    static let rules = """
        reglemente "R" version "1"
        typ Anordnare
          b1: ja/nej kan saknas
          b2: ja/nej kan saknas
          b3: ja/nej kan saknas
          n: heltal kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        definition bb: ja/nej kan saknas = anordnare.b1 och anordnare.b3
        definition stort: ja/nej kan saknas = anordnare.n > 10
        definition kvot: ja/nej kan saknas = 100 / anordnare.n > 5
        definition lika(x: ja/nej kan saknas, y: ja/nej kan saknas): ja/nej kan saknas = x = y
        villkor 1 "Lika"
          kräver bb = anordnare.b2
        villkor 2 "Olika"
          kräver bb ≠ anordnare.b2
        villkor 3 "Jämförelse med en jämförelse"
          kräver stort = (anordnare.b1 eller anordnare.b2)
        villkor 4 "Ett fel på ena sidan"
          kräver kvot = anordnare.b1
        villkor 5 "Parametrar"
          kräver lika(anordnare.b1 och anordnare.b2, inte anordnare.b3)
        villkor 6 "Eller ett fel"
          kräver anordnare.b2 eller kvot = anordnare.b1
        """

    static let date = try! Day(year: 2025, month: 3, day: 1)

    /// No closure in any program; every path agrees on every combination of the facts.
    @Test func truthsReadAsValuesAreThePrograms() throws {
        let document = try CodePathAgreementTests.document(Self.rules)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
        #expect(plan.checkPrograms.allSatisfy { ($0?.program.closures.isEmpty ?? true) && ($0?.program.valueClosures.isEmpty ?? true) })
        let truths = ["true", "false", "null"]
        var walked = 0
        for b1 in truths {
            for b2 in truths {
                for b3 in truths {
                    for n in ["0", "5", "20", "null"] {
                        let json = #"{"anordnare": {"b1": \#(b1), "b2": \#(b2), "b3": \#(b3), "n": \#(n)}}"#
                        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
                        // Dividing by zero fails the evaluation (4 is not decided in spite of it):
                        // the programs against the slow path only.
                        if n == "0" {
                            _ = try CodePathAgreementTests.compareProgram(document, facts, date: Self.date, label: json)
                            continue
                        }
                        _ = try CodePathAgreementTests.compare(document, facts, date: Self.date, label: json)
                        walked += try PlanTraceAgreementTests.compare(document, facts, date: Self.date, label: json).walked
                    }
                }
            }
        }
        // Every condition of every fact set without an error is walked from the run.
        #expect(walked == 27 * 3 * 6)
    }
}
