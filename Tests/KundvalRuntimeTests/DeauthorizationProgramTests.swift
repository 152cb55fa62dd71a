import Foundation
import KundvalChecker
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// During operation the truth program computes the grounds for de-authorization (`gäller när`
/// and `från`) with the conditions, instead of the value code after them. On random facts it
/// gives the grounds the value code gives: the same grounds left out, undated and dated, and
/// where it fails (a date past the calendar) the value code decides them.
@Suite struct DeauthorizationProgramTests {
    static let text = """
        reglemente "R" version "1"
        typ Uppdrag
          slut: datum kan saknas
        typ Anordnare
          meddelad: datum kan saknas
          planerat: datum kan saknas
          aktiv: ja/nej kan saknas
          uppdrag: lista av Uppdrag kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        definition tidigast: datum kan saknas = anordnare.meddelad + 6 månader
        villkor 1 "V"
          kräver anordnare.aktiv
        avauktorisation "Egen begäran"
          gäller när anordnare.meddelad finns
          från största(anordnare.planerat, tidigast)
        avauktorisation "Utan uppdrag"
          gäller när ingen u i anordnare.uppdrag: u.slut saknas
          från (om anordnare.planerat finns så anordnare.planerat annars anordnare.meddelad) + 12 månader
        avauktorisation "Efter en månad"
          från anordnare.meddelad + 30 dagar
        """

    static func facts(_ g: inout SplitMix64) -> String {
        typealias N = NestedListProgramTests
        let date: (inout SplitMix64) -> String? = {
            N.pick(&$0, [#""2024-01-31""#, #""2024-09-15""#, #""2025-02-28""#, #""9999-10-01""#, "null", nil])
        }
        let assignments: (inout SplitMix64) -> String? = { g in N.list(&g) { g in N.record(&g, [("slut", date)]) } }
        return #"{"anordnare": "# + N.record(&g, [
            ("meddelad", date), ("planerat", date), ("aktiv", { N.pick(&$0, ["true", "false", "null", nil]) }),
            ("uppdrag", assignments),
        ]) + "}"
    }

    /// Compares the grounds the program computes for `facts` with the value code's; false when
    /// the program computes none (one is an error: the value code reports it).
    static func compareGrounds(_ document: CompiledDocument, _ plan: AssessmentPlan, _ facts: Facts, date: Day,
                               label: String) throws -> Bool {
        guard let byProgram = try programGrounds(document, plan, facts, date: date) else { return false }
        let byCode = Result { () throws(EvaluationFailure) in
            try document.deauthorizationGrounds(context: EvaluationContext(storage: facts.storage, date: date,
                                                                           definitionCount: document.definitionCount))
        }
        #expect(try byCode.get() == byProgram, "\(label)")
        return true
    }

    /// The grounds as the program computes them for `facts`, nil when one is an error.
    static func programGrounds(_ document: CompiledDocument, _ plan: AssessmentPlan, _ facts: Facts,
                               date: Day) throws -> [DeauthorizationDecision]? {
        var computed: [(applies: Truth, from: Day?)]?
        plan.program.withMemory(registers: plan.template.count) { memory in
            memory.registers.update(from: plan.fencedTemplate)
            var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            plan.program.run(&lazy, memory)
            computed = plan.grounds(memory.registers, memory.results)
        }
        guard let computed else { return nil }
        var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        return try document.deauthorizationGrounds(computed: computed, context: &lazy)
    }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let plan = try #require(document.assessmentKind(named: "uppföljning"))
        #expect(plan.groundResults?.count == 3)
        #expect(document.assessmentKind(named: "ansökan")?.groundResults == nil)
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
        let date = try Day(year: 2025, month: 3, day: 1)
        var g = SplitMix64(seed: 31)
        var (compared, failed, seen) = (0, 0, Set<String>())
        let rounds = RandomRounds.of(2_000)
        for _ in 0..<rounds {
            let json = Self.facts(&g)
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            let byCode = Result { () throws(EvaluationFailure) in
                try document.deauthorizationGrounds(context: EvaluationContext(storage: facts.storage, date: date,
                                                                               definitionCount: document.definitionCount))
            }
            guard let byProgram = try Self.programGrounds(document, plan, facts, date: date) else {
                failed += 1
                continue
            }
            // The program computed every ground without an error, so the value code cannot fail.
            #expect(try byCode.get() == byProgram, "\(json)")
            compared += 1
            for title in ["Egen begäran", "Utan uppdrag", "Efter en månad"] {
                let ground = byProgram.first { $0.ground == title }
                seen.insert("\(title) \(ground == nil ? "-" : ground?.date == nil ? "odaterad" : ground!.hasOccurred ? "inträffat" : "kommande")")
            }
            #expect(try document.evaluate(facts, assessment: "uppföljning", date: date).deauthorizations == byProgram)
        }
        #expect(compared * 5 > rounds * 3 && failed > 0, "\(compared) compared, \(failed) failed")
        // Each ground left out (those with `gäller när`), undated, occurred and still to come.
        #expect(seen.count == 2 * 4 + 3, "\(seen.sorted())")
    }

    /// The shipped documents' grounds are all computed by their programs during operation.
    @Test func shippedGroundsAreComputedByTheProgram() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        var operation = 0
        for document in rules.documents {
            for name in document.assessmentNames {
                let plan = try #require(document.assessmentKind(named: name))
                guard plan.phase.contains(.operation) else { continue }
                operation += 1
                #expect(plan.groundResults?.count == document.deauthorizations.count, "\(document.name) \(name)")
            }
        }
        #expect(operation >= 3)
    }
}
