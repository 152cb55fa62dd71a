import Foundation
import KundvalDiagnostics
import KundvalRuntime
import KundvalTestSupport
import Testing

/// An assessment kind looked up in one document evaluates only that document, as loaded then,
/// and an assessment date is a date of the calendar. Found by an embedder's walk: 002's
/// `uppföljning` plan given to öppenvård's `evaluate(_:kind:date:)` read past the facts (an
/// assertion in a debug build, a heap overflow under the address sanitizer, a decision of
/// `avauktorisation` in a release build), a plan kept from before a reload applied the old
/// rules silently, and a day after 9999-12-31 was evaluated into a decision that could not be
/// read back.
@Suite struct PlanOwnershipTests {
    static let date = Day("2025-03-01")!

    static func facts(_ document: CompiledDocument, _ example: String) throws -> Facts {
        let bytes = try [UInt8](Data(contentsOf: Repository.url("conditions/exempel/\(example)")))
        return try document.decoder.decode(json: bytes).get()
    }

    @Test func aPlanOfAnotherDocumentIsRefused() throws {
        let rules = try RuleSet.compile(try Engine.readFolder(Repository.url("conditions").path)).get()
        let oppenvard = try #require(rules.document(named: "oppenvard-000"))
        let arbete = try #require(rules.document(named: "arbete-etablering-002"))
        let facts = try Self.facts(oppenvard, "oppenvard-brister.json")
        for kind in ["ansökan", "uppföljning"] {
            let foreign = try #require(arbete.assessmentKind(named: kind))
            #expect(throws: EvaluationFailure.assessmentOfAnotherDocument(kind, document: oppenvard.name)) {
                try oppenvard.evaluate(facts, kind: foreign, date: Self.date)
            }
            // Its own plan of the same name evaluates.
            let own = try #require(oppenvard.assessmentKind(named: kind))
            #expect(try oppenvard.evaluate(facts, kind: own, date: Self.date).outcome != .approved)
        }
        let message = EvaluationFailure.assessmentOfAnotherDocument("ansökan", document: oppenvard.name).description
        #expect(message.hasPrefix("bedömningen `ansökan` hör inte till dokumentet `\(oppenvard.name)`"), "\(message)")
    }

    /// The README's hot path keeps the plan; after a reload it is looked up again.
    @Test func aPlanFromBeforeAReloadIsRefused() throws {
        let engine = try Engine(folder: Repository.url("conditions").path)
        let before = try #require(engine.rules.document(named: "oppenvard-000"))
        let kept = try #require(before.assessmentKind(named: "ansökan"))
        if case .failure(let failure) = engine.reload(folder: Repository.url("conditions").path) {
            Issue.record("\(failure.message)")
        }
        let after = try #require(engine.rules.document(named: "oppenvard-000"))
        let facts = try Self.facts(after, "oppenvard-godkand.json")
        #expect(throws: EvaluationFailure.assessmentOfAnotherDocument("ansökan", document: after.name)) {
            try after.evaluate(facts, kind: kept, date: Self.date)
        }
        let again = try #require(after.assessmentKind(named: "ansökan"))
        #expect(try after.evaluate(facts, kind: again, date: Self.date).outcome == .approved)
        // The document it was looked up in still evaluates with it.
        #expect(try before.evaluate(try Self.facts(before, "oppenvard-godkand.json"), kind: kept, date: Self.date).outcome == .approved)
    }

    @Test(arguments: [Int32(-1), 3_652_059, Int32.min, Int32.max])
    func anAssessmentDateOutsideTheCalendarIsRefused(number: Int32) throws {
        let rules = try RuleSet.compile(try Engine.readFolder(Repository.url("conditions").path)).get()
        let oppenvard = try #require(rules.document(named: "oppenvard-000"))
        let facts = try Self.facts(oppenvard, "oppenvard-godkand.json")
        let day = Day(number: number)
        #expect(!day.isInCalendar)
        #expect(day.description == "dag \(number) utanför kalendern")
        #expect(throws: EvaluationFailure.dateOutsideCalendar(day)) {
            try oppenvard.evaluate(facts, assessment: "ansökan", date: day)
        }
    }

    @Test func theCalendarsEndsAreInIt() throws {
        let first = Day(number: 0), last = try Day(year: 9999, month: 12, day: 31)
        #expect(first.isInCalendar && first.description == "0001-01-01")
        #expect(last.isInCalendar && Day(number: last.number + 1).isInCalendar == false)
    }
}
