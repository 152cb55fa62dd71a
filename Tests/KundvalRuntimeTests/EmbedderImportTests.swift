import Foundation
import KundvalRuntime
import KundvalTestSupport
import Testing

/// A service's code, importing only `KundvalRuntime` (not `@testable`), in a target built with
/// `MemberImportVisibility`: every member this file reads compiles only when the module that
/// declares it is imported by that one import. It did not for a document's `kind`
/// (`KundvalSyntax`) nor for a source file's and a diagnostic's fields (`KundvalDiagnostics`).
@Suite struct EmbedderImportTests {
    static let date = Day("2025-03-01")!

    static func oppenvard() throws -> (engine: Engine, document: CompiledDocument, facts: Facts) {
        let engine = try Engine(folder: Repository.url("conditions").path)
        let document = try #require(engine.rules.document(named: "oppenvard-000", on: date))
        let bytes = try Data(contentsOf: Repository.url("conditions/exempel/oppenvard-brister.json"))
        return (engine, document, try document.decoder.decode(json: Array(bytes)).get())
    }

    /// A load failure read field by field, and a document's kind and file.
    @Test func aLoadFailureAndADocumentReadWithOneImport() throws {
        let files = [SourceFile(path: "x.kundval", text: "reglemente \"x\" version \"1\"\nvillkor 1\n  kräver jaa\n")]
        do {
            _ = try Engine(sources: files)
            Issue.record("rules with an error were loaded")
        } catch {
            let diagnostics = error.files.flatMap(\.diagnostics)
            #expect(error.files.map(\.file.path) == ["x.kundval"])
            #expect(diagnostics.map(\.code.rawValue) == ["K0301"])
            #expect(diagnostics.first?.message.contains("`jaa`") == true)
        }
        let (_, document, _) = try Self.oppenvard()
        #expect(document.kind == .kundval && document.kind.rawValue == "kundval")
        #expect(document.sourceFile.path.hasSuffix("oppenvard-000.kundval"))
    }

    /// A computation asked for by name is typed, as the decision reports it: an exact amount
    /// beside its unit, not a value of the interpreter's to be printed.
    @Test func aComputationByNameIsTyped() throws {
        let (_, document, facts) = try Self.oppenvard()
        let fine = try #require(try document.value(of: "vitesbelopp", facts: facts, date: Self.date))
        #expect(fine.value == .number(Rational(integer: 16500)) && fine.unit == .kronor && fine.type == "belopp")
        #expect(fine.text == "16500 kr" && fine.exact == "16500")
        #expect(try document.value(of: "finns_inte", facts: facts, date: Self.date) == nil)
    }

    /// Every computation of every shipped document, asked for by name, is the decision's entry
    /// of that name, for its example's facts at both kinds of assessment.
    @Test func everyComputationByNameIsTheDecisions() throws {
        let engine = try Engine(folder: Repository.url("conditions").path)
        let examples = ["oppenvard-000": "oppenvard-brister.json", "oppenvard-001": "oppenvard-001-godkand.json",
                        "arbete-etablering-002": "arbete-etablering-godkand.json"]
        var compared = 0
        for (name, example) in examples {
            let document = try #require(engine.rules.document(named: name))
            let bytes = try Data(contentsOf: Repository.url("conditions/exempel/" + example))
            let facts = try document.decoder.decode(json: Array(bytes)).get()
            for kind in document.assessmentKinds {
                let decision = try document.evaluate(facts, assessment: kind, date: Self.date, computations: true)
                for computation in decision.computations {
                    #expect(try document.value(of: computation.name, facts: facts, date: Self.date) == computation, "\(name) \(computation.name)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 6, "\(compared)")
    }

    /// An assessment kind whose phase is not the document's kind of that name is refused (it
    /// was evaluated by its name alone).
    @Test func aKindOfAnotherPhaseIsRefused() throws {
        let (_, document, facts) = try Self.oppenvard()
        let followUp = try #require(document.assessmentKinds.first { $0.name == "uppföljning" })
        #expect(followUp.phase == .operation)
        let wrong = AssessmentKind(name: "uppföljning", phase: .application)
        #expect(throws: EvaluationFailure.assessmentPhase(wrong, document: followUp)) {
            try document.evaluate(facts, assessment: wrong, date: Self.date)
        }
        #expect(EvaluationFailure.assessmentPhase(wrong, document: followUp).description
                == "bedömningen `uppföljning` gavs i fasen ansökan men är i fasen drift i reglerna")
        #expect(try document.evaluate(facts, assessment: followUp, date: Self.date).assessment == followUp)
    }
}
