import KundvalDiagnostics
import KundvalSyntax

extension Checker {
    /// Checks one expression in the environment of a checked document — its facts, types,
    /// definitions and tables, the reglemente's included — as the body of a definition `name`
    /// without parameters in the document's own file, so every name, type and unit rule applies as
    /// in a rule file. The document is not checked again: this is what a prompt calls per line.
    ///
    /// - Returns: the definition, or the diagnostics; their spans refer to `file`, the
    ///   expression's own text.
    public static func checkExpression(_ file: SourceFile, in document: CheckedDocument, as name: String)
        -> Result<CheckedDefinition, FileDiagnostics> {
        let (expression, parseDiagnostics) = Parser.parseExpression(file)
        guard !parseDiagnostics.contains(where: { $0.severity == .error }) else {
            return .failure(FileDiagnostics(file: file, diagnostics: parseDiagnostics))
        }
        var checker = DocumentChecker(file: file, syntax: SourceFileSyntax(header: nil, declarations: []),
                                      diagnostics: DiagnosticList())
        checker.enter(document)
        var scope = Scope()
        let typed = checker.check(expression, in: &scope)
        let diagnostics = parseDiagnostics + checker.diagnostics.items
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return .failure(FileDiagnostics(file: file, diagnostics: diagnostics))
        }
        return .success(CheckedDefinition(name: name, parameters: [], resultType: typed.type,
                                          body: CheckedBody(expression: typed, frameSize: scope.frameSize), span: typed.span))
    }
}

extension DocumentChecker {
    /// Takes the names of a checked document as this checker's environment: what its own
    /// file's definitions see once it is checked.
    mutating func enter(_ document: CheckedDocument) {
        records = document.records
        enumerations = document.enumerations
        facts = document.facts
        definitions = document.definitions.mapValues { definition in
            var inherited = definition
            inherited.isInherited = true
            return inherited
        }
        tables = document.tables.mapValues { table in
            var inherited = table
            inherited.isInherited = true
            return inherited
        }
        assessments = document.assessments
        examples = document.examples
        for (name, definition) in document.definitions {
            definitionSignatures[name] = DefinitionSignature(parameters: definition.parameters,
                                                             resultType: definition.resultType, span: definition.span)
        }
        for (name, table) in document.tables {
            tableSignatures[name] = TableSignature(parameters: table.parameters, resultType: table.resultType, span: table.span)
        }
        for condition in document.generalConditions + document.conditions {
            conditionNumbers.insert(condition.number.parts)
        }
    }
}
