import Foundation
import KundvalDiagnostics
import Testing
@testable import KundvalRuntime

/// Explanations are the steps an observer of the value code recorded (see
/// ``EvaluationObserver``), written as lines when first read. What the lines say must not depend
/// on how the value code was compiled: a folded constant, a list walked through its table and a
/// definition called twice all show what a reader of the rules expects.
struct ExplanationObserverTests {
    static let text = """
        reglemente "R" version "1"
        typ Person
          namn: text
          utdrag: ja/nej
        typ Anordnare
          kreditvärdighet: heltal
          personal: lista av Person
          ort: text kan saknas
        fakta
          anordnare: Anordnare
        definition god_kredit = anordnare.kreditvärdighet >= 3
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Kredit"
          kräver god_kredit och (god_kredit eller anordnare.kreditvärdighet > 9)
        villkor 2 "Personal"
          kräver alla p i anordnare.personal: p.utdrag
        villkor 3 "Konstant"
          kräver 3 > 2
        villkor 4 "Ort"
          kräver anordnare.ort = "Nacka" eller anordnare.ort = "Värmdö"
        villkor 5 "Kredit igen"
          kräver god_kredit
        villkor 6 "Konstanter i ett villkor"
          kräver (3 > 2) och avrunda(2,5) > 2 och anordnare.kreditvärdighet > 0
        """

    static func decision(_ json: String, explain: Bool = true) throws -> Decision {
        let document = try CodePathAgreementTests.document(Self.text)
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        return try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1), explain: explain)
    }

    static let provider = #"""
        {"anordnare": {"kreditvärdighet": 4, "personal": [{"namn": "A", "utdrag": true}, {"namn": "B", "utdrag": false}]}}
        """#

    @Test func theLinesSayWhatWasReadAndDecided() throws {
        let conditions = try Self.decision(Self.provider).conditions
        // A definition called twice is computed once per condition; its steps show once.
        #expect(conditions[0].explanation?.lines == [
            "rad 11: anordnare.kreditvärdighet = 4",
            "rad 11: `anordnare.kreditvärdighet >= 3` är sant",
            "rad 15: god_kredit = ja",
            "rad 15: god_kredit = ja",
        ])
        // The list is read (and shown once) although the quantifier walks its table.
        let personal = try #require(conditions[1].explanation)
        #expect(personal.lines.first == "rad 17: anordnare.personal = [2 element]")
        #expect(personal.lines.last == "rad 17: `alla p i anordnare.personal: p.utdrag` är falskt")
        #expect(personal.facts.map(\.path) == ["anordnare.personal", "p.utdrag", "p.utdrag"])
        #expect(personal.failureLines == personal.lines)
        // A comparison of constants is computed at load time and still says what it decided.
        #expect(conditions[2].explanation?.lines == ["rad 19: `3 > 2` är sant"])
        // An unknown fact is a missing fact, once however often it is read, with or without
        // an explanation.
        #expect(conditions[3].status == .missingEvidence)
        #expect(conditions[3].missingFacts == ["anordnare.ort"])
        #expect(try Self.decision(Self.provider, explain: false).conditions[3].missingFacts == ["anordnare.ort"])
        #expect(conditions[3].explanation?.lines == [
            "rad 21: anordnare.ort = okänt",
            "rad 21: `anordnare.ort = \"Nacka\"` är okänt",
            "rad 21: `anordnare.ort = \"Värmdö\"` är okänt",
        ])
        // A definition an earlier condition computed shows its steps again in the next one.
        #expect(conditions[4].explanation?.lines == [
            "rad 11: anordnare.kreditvärdighet = 4",
            "rad 11: `anordnare.kreditvärdighet >= 3` är sant",
            "rad 23: god_kredit = ja",
        ])
        // Parts made only of constants are computed at load time and explained as if they were
        // computed now (what v0.4.0, which computed them for every explanation, showed).
        #expect(conditions[5].explanation?.lines == [
            "rad 25: `(3 > 2)` är sant",
            "rad 25: avrunda = 3",
            "rad 25: `avrunda(2,5) > 2` är sant",
            "rad 25: anordnare.kreditvärdighet = 4",
            "rad 25: `anordnare.kreditvärdighet > 0` är sant",
        ])
    }

    /// The lines are written once, on the first read, and are the same on every read, from any
    /// thread; a stored explanation reads back equal.
    @Test func writtenOnceAndStoredAsLines() async throws {
        let decision = try Self.decision(Self.provider)
        let explanation = try #require(decision.conditions[1].explanation)
        let lines = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { explanation.lines } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(lines).count == 1)
        let stored = try JSONDecoder().decode(Explanation.self, from: JSONEncoder().encode(explanation))
        #expect(stored == explanation)
        #expect(stored.lines == explanation.lines && stored.facts == explanation.facts)
        #expect(stored.failureLines == explanation.failureLines)
        #expect(explanation == Explanation(lines: explanation.lines, facts: explanation.facts,
                                           failureLines: explanation.failureLines))
    }
}

/// Steps that repeat word for word (a loop whose element is not a fact to show) are written
/// once, then how many times more they came: 001's monthly reports wrote the same three steps
/// seven times in a row.
struct ExplanationRepeatTests {
    @Test func aRepeatedRunIsWrittenOnce() {
        let lines = ["a", "b", "c", "d", "b", "c", "d", "b", "c", "d", "e"]
        #expect(ExplanationLog.collapsingRepeats(lines) == ["a", "b", "c", "d", "… samma 3 steg 2 gånger till", "e"])
        #expect(ExplanationLog.collapsingRepeats(["x", "x"]) == ["x", "x"])
        #expect(ExplanationLog.collapsingRepeats(["x", "x", "x", "y", "y"]) == ["x", "… samma steg 2 gånger till", "y", "y"])
        #expect(ExplanationLog.collapsingRepeats(["x", "y", "x", "z"]) == ["x", "y", "x", "z"])
        #expect(ExplanationLog.collapsingRepeats([]) == [])
    }

    /// The explanation of a loop over plain values shows its body once with the count.
    @Test func aLoopOverPlainValuesIsShownOnce() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              rapporter: lista av datum
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Rapporter"
              kräver någon d i anordnare.rapporter: d >= bedömningsdatum - 1 månader
            """
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        let document = try #require(rules.document(named: "R"))
        let dates = (1...6).map { "\"2024-0\($0)-01\"" }.joined(separator: ", ")
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"rapporter": [\#(dates)]}}"#.utf8)).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: Day(year: 2025, month: 3, day: 1), explain: true)
        let lines = try #require(decision.conditions.first?.explanation?.lines)
        #expect(lines.contains("… samma steg 5 gånger till"), "\(lines)")
        #expect(lines.filter { $0.contains("`d >= bedömningsdatum - 1 månader` är falskt") }.count == 1, "\(lines)")
    }
}
