import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// `element(lista, n)` and fields of a computed record (`element(lista, 2).utb.hp`, `(om … så
/// p.utb annars p.intyg.utb).hp`) are explained from the plan's run: the walk tells the list, the
/// place (only when the list is one), the element and the field, as the value code tells them,
/// the element named when its field is missing (`element(anordnare.personal, 2).utb.hp`). Before,
/// such a condition was lowered to the program but had no trace, and its explanation ran the
/// value code again.
@Suite struct ElementTraceTests {
    static let extras = """
        definition första_hp(l: lista av Person kan saknas): heltal kan saknas = element(l, 1).utb.hp

        """

    static let conditions: [String] = [
        "element(anordnare.personal, 2).utb.hp > 60",
        "element(anordnare.personal, anordnare.n).intyg.utb.hp > 60",
        "alla p i anordnare.personal: element(p.barn, 1).utb.hp > 3",
        "alla p i anordnare.personal: element(p.barn, 2).intyg.utb.nivå är specialist",
        "alla p i anordnare.personal: (om val så p.utb annars p.intyg.utb).hp > 5",
        "(om val så element(anordnare.personal, 1) annars element(anordnare.personal, 2)).utb.hp >= 60",
        "element(anordnare.personal, 1 + 1).namn finns eller element(anordnare.personal, 1).utb.ort = anordnare.ort",
        "alla p i anordnare.personal: element(p.utb.tal, 2) > 3",
        "första_hp(anordnare.personal) > 5",
        "element(anordnare.personal, anordnare.n * 4611686018427387904).utb.hp > 1",
    ]

    /// The rules of `conditions` (all by default) after ``NestedReviewTests/head``.
    static func text(_ conditions: [String] = conditions) -> String {
        NestedReviewTests.text(conditions).replacingOccurrences(of: "\nvillkor 1 ", with: "\n" + extras + "villkor 1 ")
    }

    /// Each shape is the program's own (no value code at a run) and has a trace: in a loop, in a
    /// choice, through a definition's list parameter, and with a place computed from a fact.
    @Test func shapesAreTraced() throws {
        let document = try CodePathAgreementTests.document(Self.text())
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let closures = plan.checkPrograms.map { $0.map { $0.program.closures.count + $0.program.valueClosures.count } ?? -1 }
        #expect(closures == Array(repeating: 0, count: Self.conditions.count), "\(closures)")
        let traced = plan.checkPrograms.map { $0?.traces != nil }
        #expect(traced == [true, true, true, true, true, true, true, true, true, true], "\(traced)")
        #expect(plan.programTraces.prefix(Self.conditions.count).allSatisfy { $0 != nil })
    }

    /// On random facts (missing lists, records and fields, short lists, places outside them, an
    /// overflow computing a place), the walk from the plan's run tells the value code's steps,
    /// names included, and every explanation reads as the value code's.
    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text())
        var g = SplitMix64(seed: 56_2026)
        var (walked, own, left) = (0, 0, 0)
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 9999, month: 6, day: 1)]
        for round in 0..<RandomRounds.of(120) {
            // `anordnare.n` 0, 1, 2 or missing: places inside and outside the lists, and (2) a
            // product that overflows.
            let json = NestedReviewTests.facts(&g)
            let date = dates[round % 9 == 0 ? 1 : 0]
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
            let (w, l, o) = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
            (walked, left, own) = (walked + w, left + l, own + o)
        }
        #expect(walked > 0 && own > 0 && left > 0, "walked \(walked), from the plan's program \(own), left by an error \(left)")
    }

    /// The steps and the missing fact of an element's field, told from the plan's run.
    @Test func explanationNamesTheElement() throws {
        // Without the overflowing place, which fails the evaluation for two or more.
        let document = try CodePathAgreementTests.document(Self.text(Array(Self.conditions.dropLast())))
        let json = #"{"anordnare": {"n": 2, "personal": [{"namn": "A", "utb": {"hp": 70}, "barn": [{"utb": {"hp": 2}}]}, {"utb": {}}]}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1), explain: true)
        let first = decision.conditions[0]
        #expect(first.status == .missingEvidence)
        #expect(first.missingFacts == ["element(anordnare.personal, 2).utb.hp"])
        let lines = try #require(first.explanation).lines.filter { $0.contains("rad ") }
        #expect(lines.map { $0.replacingOccurrences(of: #"rad \d+: "#, with: "", options: .regularExpression) } == [
            "anordnare.personal = [2 element]",
            "element = {8 fält}",
            "….utb.hp = okänt",
            "`element(anordnare.personal, 2).utb.hp > 60` är okänt",
        ], "\(lines)")
        // The place read from a fact is told before the element, and names no element.
        let second = decision.conditions[1]
        #expect(second.status == .missingEvidence && second.missingFacts == ["….intyg.utb.hp"], "\(second.missingFacts)")
    }
}
