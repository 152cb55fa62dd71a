import Foundation
import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// The rule files in the repository: every one parses without a diagnostic, and the current
/// reglemente holds its 31 general conditions.
@Suite struct ShippedConditionsTests {
    @Test func everyKundvalFileInTheRepositoryParses() throws {
        let files = Repository.kundvalFiles()
        #expect(!files.isEmpty)
        for url in files {
            let file = SourceFile(path: url.path, bytes: try [UInt8](Data(contentsOf: url)))
            let result = Parser.parse(file)
            let rendered = DiagnosticRenderer().render(FileDiagnostics(file: file, diagnostics: result.diagnostics))
            #expect(result.diagnostics.isEmpty, "\(rendered)")
        }
    }

    @Test func theCurrentReglementeHasItsThirtyOneConditions() throws {
        let result = Parser.parse(try Repository.text("conditions/reglemente-31.kundval"))
        #expect(result.syntax.header?.kind == .reglemente)
        let conditions = result.syntax.declarations.compactMap { declaration -> ConditionDecl? in
            if case .condition(let condition) = declaration { return condition }
            return nil
        }
        #expect(conditions.map(\.number.description) == (1...31).map(String.init))
        for condition in conditions {
            let wordings = condition.clauses.compactMap { clause -> String? in
                if case .wording(let text) = clause { return text.value }
                return nil
            }
            #expect(wordings.count == 1, "villkor \(condition.number) ska ha en lydelse")
            let requirements = condition.clauses.filter { if case .requirement = $0 { true } else { false } }
            #expect(!requirements.isEmpty, "villkor \(condition.number) ska ha ett predikat")
        }
        // Condition 19 is "i förekommande fall" so that a kundval may switch it off (000 does).
        #expect(conditions[18].appliesWhereRelevant)
        // Multi-line legal text keeps its words and loses the source indentation.
        guard case .wording(let first) = conditions[0].clauses[0] else {
            Issue.record("villkor 1 ska börja med sin lydelse")
            return
        }
        #expect(first.value.hasPrefix("Anordnaren eller personer som har väsentligt inflytande över verksamheten får inte vara i\nkonkurs"))
        #expect(first.value.hasSuffix("annat liknande förfarande"))
    }

    /// The older reglemente (from 001) has its 27 general conditions, each with its wording and
    /// a predicate, and 001's header says who adopted it and when.
    @Test func theOlderReglementeAndItsKundval() throws {
        let reglemente = Parser.parse(try Repository.text("conditions/reglemente-27.kundval"))
        let conditions = reglemente.syntax.declarations.compactMap { declaration -> ConditionDecl? in
            if case .condition(let condition) = declaration { return condition }
            return nil
        }
        #expect(conditions.map(\.number.description) == (1...27).map(String.init))
        for condition in conditions {
            #expect(condition.clauses.contains { if case .wording = $0 { true } else { false } }, "villkor \(condition.number)")
            #expect(condition.clauses.contains { if case .requirement = $0 { true } else { false } }, "villkor \(condition.number)")
        }
        let kundval = Parser.parse(try Repository.text("conditions/oppenvard-001.kundval"))
        let clauses = kundval.syntax.header?.clauses ?? []
        #expect(clauses.contains { if case .registrationNumber(let text) = $0 { text.value == "SOCN-2023-00373" } else { false } })
        #expect(clauses.contains { if case .adopted(let date) = $0 { date.description == "2024-11-01" } else { false } })
    }
}
