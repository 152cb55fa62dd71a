import KundvalDiagnostics
import KundvalSyntax

/// A declaration with the file it was written in.
struct Located<Value> {
    /// The declaration.
    let value: Value
    /// Its file, for positions and text.
    let file: SourceFile
}

/// A written type with its file, so it can be shown as written (`datum kan saknas`).
struct TypeReference {
    /// The type.
    let syntax: TypeSyntax
    /// The file it was written in.
    let file: SourceFile

    /// The type as written.
    var text: String { file.text(of: syntax.span) }

    /// The record or enumeration it names, if any.
    var name: String? {
        if case .named(let identifier) = syntax.kind { return identifier.name }
        return nil
    }

    /// The element type of a list.
    var element: TypeReference? {
        if case .list(let inner) = syntax.kind { return TypeReference(syntax: inner, file: file) }
        return nil
    }
}

/// What a document can name, read from the syntax trees of the document and the reglemente it
/// refines. It needs no successful check, so it serves hover, definition and completion while
/// the author is in the middle of a change.
struct SymbolIndex {
    /// Record fields by record name, from the record and its `utökas` extensions.
    var records: [String: [Located<FieldDecl>]] = [:]
    /// Where each type is declared (not extended).
    var types: [String: Located<Identifier>] = [:]
    /// Enumeration cases by enumeration name.
    var enumerations: [String: [Located<Identifier>]] = [:]
    /// The root facts.
    var facts: [Located<FieldDecl>] = []
    /// Definitions by name (the document's over the reglemente's).
    var definitions: [String: Located<DefinitionDecl>] = [:]
    /// Decision tables by name.
    var tables: [String: Located<DecisionTableDecl>] = [:]
    /// Examples by name.
    var examples: [String: Located<ExampleDecl>] = [:]
    /// Services by name.
    var services: [String: Located<ServiceDecl>] = [:]
    /// The reglemente's conditions (general) and the document's own (specific).
    var generalConditions: [Located<ConditionDecl>] = []
    /// The document's own conditions.
    var ownConditions: [Located<ConditionDecl>] = []

    /// Indexes a document and, for a kundval, its reglemente.
    init(document: ParseResult, reglemente: ParseResult?) {
        if let reglemente { add(reglemente, own: false) }
        add(document, own: true)
    }

    private mutating func add(_ parse: ParseResult, own: Bool) {
        let file = parse.file
        for declaration in parse.syntax.declarations {
            switch declaration {
            case .type(let type):
                switch type.body {
                case .record(let fields):
                    if types[type.name.name] == nil { types[type.name.name] = Located(value: type.name, file: file) }
                    records[type.name.name, default: []] += fields.map { Located(value: $0, file: file) }
                case .extensionFields(let fields):
                    records[type.name.name, default: []] += fields.map { Located(value: $0, file: file) }
                case .enumeration(let cases, _):
                    if types[type.name.name] == nil { types[type.name.name] = Located(value: type.name, file: file) }
                    enumerations[type.name.name, default: []] += cases.map { Located(value: $0, file: file) }
                case .extensionCases(let cases, _):
                    enumerations[type.name.name, default: []] += cases.map { Located(value: $0, file: file) }
                }
            case .facts(let decl): facts += decl.fields.map { Located(value: $0, file: file) }
            case .definition(let decl): definitions[decl.name.name] = Located(value: decl, file: file)
            case .table(let decl): tables[decl.name.name] = Located(value: decl, file: file)
            case .example(let decl): examples[decl.name.name] = Located(value: decl, file: file)
            case .service(let decl): services[decl.name.name] = Located(value: decl, file: file)
            case .condition(let decl):
                if own { ownConditions.append(Located(value: decl, file: file)) } else {
                    generalConditions.append(Located(value: decl, file: file))
                }
            default: break
            }
        }
    }

    /// The field `name` of record `record`.
    func field(_ name: String, of record: String) -> Located<FieldDecl>? {
        records[record]?.first { $0.value.name.name == name }
    }

    /// The enumeration that has a case `name`, with the case.
    func enumerationCase(_ name: String) -> (enumeration: String, case: Located<Identifier>)? {
        for (enumeration, cases) in enumerations.sorted(by: { $0.key < $1.key }) {
            if let found = cases.first(where: { $0.value.name == name }) { return (enumeration, found) }
        }
        return nil
    }

    /// The general and specific conditions with a number, general first.
    func conditions(numbered parts: [Int]) -> (general: [Located<ConditionDecl>], own: [Located<ConditionDecl>]) {
        func matches(_ condition: Located<ConditionDecl>) -> Bool {
            let decl = condition.value
            if decl.number.parts == parts { return true }
            // `villkor 15–18` states every number in its range.
            if let last = decl.lastNumber, decl.number.parts.count == 1, last.parts.count == 1, parts.count == 1 {
                return (decl.number.parts[0]...max(decl.number.parts[0], last.parts[0])).contains(parts[0])
            }
            return false
        }
        return (generalConditions.filter(matches), ownConditions.filter(matches))
    }
}

extension Declaration {
    /// The whole declaration's span.
    var span: SourceSpan {
        switch self {
        case .section(let text): text.span
        case .condition(let decl): decl.span
        case .type(let decl): decl.span
        case .facts(let decl): decl.span
        case .definition(let decl): decl.span
        case .service(let decl): decl.span
        case .table(let decl): decl.span
        case .assessment(let decl): decl.span
        case .example(let decl): decl.span
        case .test(let decl): decl.span
        case .sanctionPolicy(let decl): decl.span
        case .deauthorization(let decl): decl.span
        }
    }
}
