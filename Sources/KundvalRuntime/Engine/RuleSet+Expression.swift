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
public enum ExpressionProblem: Error, Sendable, CustomStringConvertible {
    /// The expression has errors; the diagnostics refer to the expression's own text.
    case diagnostics(FileDiagnostics)
    /// The facts do not fit the rules.
    case facts(FactsProblem)
    /// The evaluation failed (overflow, division by zero, a date out of range).
    case evaluation(EvaluationError)
    /// Something else, in Swedish.
    case message(String)

    /// The problem for people: the expression's diagnostics rendered, the facts' problems, or
    /// one sentence (it printed as the enum and its source's bytes).
    public var description: String {
        switch self {
        case .diagnostics(let file): DiagnosticRenderer().render(file)
        case .facts(let problem): problem.description
        case .evaluation(let error): error.message
        case .message(let message): message
        }
    }
}

extension RuleSet {
    /// The name the expression is compiled under; not a name a rule file can declare.
    static let expressionName = "uttryck vid prompten"

    /// Evaluates one expression in the context of `document` (its facts, definitions, tables and
    /// its reglemente's), for the given facts (as JSON; every fact unknown when `nil`) and date.
    /// The expression is checked against the document as it was checked when the rules were
    /// loaded — every name, type and unit rule applies as in a rule file — and compiled on its
    /// own: the rule set is neither checked nor compiled again (what a prompt needs per line).
    public func evaluate(expression text: String, in document: CompiledDocument, factsJSON: [UInt8]?,
                         date: Day) -> Result<ExpressionValue, ExpressionProblem> {
        guard !text.contains("\n"), !text.contains("\r") else {
            return .failure(.message("skriv uttrycket på en rad"))
        }
        guard let checked = program.documents.first(where: { $0.path == document.path }) else {
            return .failure(.message("dokumentet finns inte bland de kontrollerade"))
        }
        let definition: CheckedDefinition
        switch Checker.checkExpression(SourceFile(path: "uttryck", text: text), in: checked, as: Self.expressionName) {
        case .failure(let diagnostics): return .failure(.diagnostics(diagnostics))
        case .success(let checkedDefinition): definition = checkedDefinition
        }
        let facts: Facts
        if let factsJSON {
            switch document.decoder.decode(json: factsJSON) {
            case .success(let decoded): facts = decoded
            case .failure(let problem): return .failure(.facts(problem))
            }
        } else {
            facts = document.unknownFacts
        }
        do {
            let value = try document.value(of: definition, facts: facts, date: date)
            let full = FullValue(document: checked, formatter: document.formatter)
                .describe(value, as: definition.resultType, indent: "")
            return .success(ExpressionValue(value: document.formatter.describe(value, as: TypeDescription(definition.resultType)),
                                            type: definition.resultType.description, full: full))
        } catch {
            return .failure(.evaluation(error))
        }
    }
}

extension CompiledDocument {
    /// The value of a definition checked against this document after it was loaded
    /// (``Checker/checkExpression(_:in:as:)``), lowered now with the document's definitions and
    /// tables as far as it calls them: into a program, as a decision's computations are, when a
    /// register holds its value; by value code otherwise (a record, a list), and when the
    /// program's result is an error (the value code then names it).
    func value(of definition: CheckedDefinition, facts: Facts, date: Day) throws(EvaluationError) -> Value {
        guard facts.storage.fits(decoder.layout.shape) else { throw .factsOfAnotherDocument }
        let name = definition.name
        var definitions = environment.definitions
        definitions[name] = definition
        var definitionIndex = environment.definitionIndex
        definitionIndex[name] = definitionCount
        let compiler = Compiler(file: environment.ownFile, ownFile: environment.ownFile, sources: nil, definitions: definitions, tables: environment.tables,
                                definitionIndex: definitionIndex, enumerations: environment.enumerations,
                                library: CodeLibrary(), layout: decoder.layout)
        let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: definitionCount + 1)
        if let value = ComputationProgram.make([(name, definition.resultType, definition.span)], compiler: compiler)?
            .value(at: 0, in: context) {
            return value
        }
        let code = compiler.compileCall(name, arguments: [], span: definition.span, type: definition.resultType)
        return try code(context)
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


extension CompiledDocument {
    /// The reference code of an expression of this document written in file `file` (see
    /// ``Compiler/reference``): what the tests and the fuzz targets compare the value code with.
    func referenceCode(_ expression: TypedExpression, file: Int) -> Code {
        var compiler = Compiler(file: file, ownFile: environment.ownFile, sources: nil, definitions: environment.definitions, tables: environment.tables,
                                definitionIndex: environment.definitionIndex, enumerations: environment.enumerations,
                                library: CodeLibrary(), layout: decoder.layout)
        compiler.reference = true
        return compiler.compile(expression)
    }
}
