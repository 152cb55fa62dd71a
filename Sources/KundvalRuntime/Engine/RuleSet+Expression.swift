import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// The value of an expression written at a prompt, with its type.
public struct ExpressionValue: Sendable {
    /// The value as text (`5 000 kr`, `ja`, `okänt`; a list or record summarized).
    public let value: String
    /// The type as the rules write it (`belopp`, `ja/nej kan saknas`).
    public let type: String
    /// The value in full: every element of a list and every field of a record, by name, one per
    /// line and indented (`visa` at the prompt).
    public let full: String
}

/// Why an expression could not be evaluated.
public enum ExpressionProblem: Error, Sendable {
    /// The expression has errors; the diagnostics refer to the expression's own text.
    case diagnostics(FileDiagnostics)
    /// The facts do not fit the rules.
    case facts(FactsProblem)
    /// The evaluation failed (overflow, division by zero, a date out of range).
    case evaluation(EvaluationError)
    /// Something else, in Swedish.
    case message(String)
}

extension RuleSet {
    /// The name the expression is checked under; not a name a rule file can declare by accident.
    static let expressionName = "repl_uttryck_"

    /// Evaluates one expression in the context of `document` (its facts, definitions, tables and
    /// its reglemente's), for the given facts (as JSON; every fact unknown when `nil`) and date.
    /// The document's files are checked again with the expression added as a definition, so every name,
    /// type and unit rule applies as in a rule file. Slower than evaluating compiled rules; meant
    /// for people trying rules at a prompt.
    public func evaluate(expression text: String, in document: CompiledDocument, factsJSON: [UInt8]?,
                         date: Day) -> Result<ExpressionValue, ExpressionProblem> {
        let expressionFile = SourceFile(path: "uttryck", text: text)
        guard !text.contains("\n"), !text.contains("\r") else {
            return .failure(.message("skriv uttrycket på en rad"))
        }
        guard let own = document.files.last else { return .failure(.message("dokumentet har ingen fil")) }
        let prefix = Array(own.bytes) + Array("\ndefinition \(Self.expressionName) = ".utf8)
        let extended = SourceFile(path: own.path, bytes: prefix + Array(text.utf8) + [0x0A])
        // Only the document's own files (its reglemente and itself): the other documents of the
        // set cannot change what its names mean.
        let sources = document.files.map { $0.path == own.path ? extended : $0 }
        switch RuleSet.compile(sources) {
        case .failure(let failure):
            let offset = prefix.count
            let diagnostics = failure.files.filter { $0.file.path == own.path }.flatMap(\.diagnostics)
                .filter { $0.span.start >= offset }
                .map { diagnostic -> Diagnostic in
                    var moved = diagnostic
                    moved.span = SourceSpan(start: diagnostic.span.start - offset, end: min(diagnostic.span.end - offset, text.utf8.count))
                    moved.notes = []
                    return moved
                }
            guard !diagnostics.isEmpty else { return .failure(.message(failure.rendered())) }
            return .failure(.diagnostics(FileDiagnostics(file: expressionFile, diagnostics: diagnostics)))
        case .success(let rules):
            guard let compiled = rules.documents.first(where: { $0.path == own.path }),
                  let checked = rules.program.documents.first(where: { $0.path == own.path }),
                  let definition = checked.definitions[Self.expressionName] else {
                return .failure(.message("uttrycket kunde inte kontrolleras"))
            }
            let facts: Facts
            if let factsJSON {
                switch compiled.decoder.decode(json: factsJSON) {
                case .success(let decoded): facts = decoded
                case .failure(let problem): return .failure(.facts(problem))
                }
            } else {
                facts = compiled.unknownFacts
            }
            do {
                guard let result = try compiled.value(of: Self.expressionName, facts: facts, date: date) else {
                    return .failure(.message("uttrycket kunde inte beräknas"))
                }
                let full = FullValue(document: checked, formatter: compiled.formatter)
                    .describe(result.value, as: definition.resultType, indent: "")
                return .success(ExpressionValue(value: result.text, type: definition.resultType.description, full: full))
            } catch {
                return .failure(.evaluation(error))
            }
        }
    }
}

extension CompiledDocument {
    /// Facts where every fact is unknown: what a prompt evaluates against before facts are set.
    public var unknownFacts: Facts {
        let values = [Value](repeating: .unknown, count: rootCount)
        return Facts(values: values, layout: decoder.layout)
    }
}

/// A value in full, with the checked document's record fields and enumeration cases.
struct FullValue {
    let document: CheckedDocument
    let formatter: ValueFormatter

    func describe(_ value: Value, as type: KundvalType, indent: String) -> String {
        switch (value, type.unwrapped) {
        case (.list(let elements), .list(let element)):
            if elements.isEmpty { return "[]" }
            return "[\n" + elements.map { indent + "  " + describe($0, as: element, indent: indent + "  ") }.joined(separator: ",\n")
                + "\n" + indent + "]"
        case (.record(let values), .record(let name)):
            guard let record = document.records[name], record.fields.count == values.count else { break }
            return "{\n" + zip(record.fields, values).map { field, value in
                indent + "  " + field.name + ": " + describe(value, as: field.type, indent: indent + "  ")
            }.joined(separator: "\n") + "\n" + indent + "}"
        default:
            break
        }
        return formatter.describe(value, as: TypeDescription(type))
    }
}

