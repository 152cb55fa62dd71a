import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension LanguageServer {
    /// `textDocument/definition`: a name goes to its declaration (fact, field, type, definition,
    /// table, parameter, variable, enumeration case, example, service); a condition number to
    /// the general condition it refines (or, without one, to the condition); an example's file
    /// name to the JSON file.
    func definition(_ params: JSONValue) throws -> JSONValue {
        let (document, offset) = try documentPosition(params)
        let analysis = analysis(of: document)
        guard let index = analysis.tokenIndex(at: offset) else { return .null }
        if let number = analysis.conditionNumber(at: index) {
            let found = analysis.index.conditions(numbered: number)
            // On a condition's own heading the target is the general one; elsewhere (a test, an
            // assessment) the document's own row, else the general one.
            let isHeading = analysis.tokens[index].span.start == found.own.first.map({ $0.value.number.span.start })
            let targets = isHeading ? found.general : (found.own.isEmpty ? found.general : found.own)
            guard !targets.isEmpty else { return .null }
            return .array(targets.map { location(span: $0.value.number.span, in: $0.file) })
        }
        if let example = exampleFile(at: index, analysis: analysis) {
            return location(path: example)
        }
        guard analysis.tokens[index].isIdentifier, let symbol = analysis.symbol(chainEndingAt: index) else { return .null }
        switch symbol {
        case .fact(let field), .field(_, let field), .parameter(let field):
            return location(span: field.value.name.span, in: field.file)
        case .binding(let identifier, _): return location(span: identifier.value.span, in: identifier.file)
        case .definition(let decl): return location(span: decl.value.name.span, in: decl.file)
        case .table(let decl): return location(span: decl.value.name.span, in: decl.file)
        case .type(_, let declaration): return declaration.map { location(span: $0.value.span, in: $0.file) } ?? .null
        case .enumerationCase(_, let found): return location(span: found.value.span, in: found.file)
        case .example(let decl): return location(span: decl.value.name.span, in: decl.file)
        case .service(let decl): return location(span: decl.value.name.span, in: decl.file)
        case .builtin, .assessmentDate: return .null
        }
    }

    /// The JSON file an `exempel … från "fil.json"` names, when the cursor is on that text or on
    /// the example's name, resolved against the rule file's folder.
    func exampleFile(at index: Int, analysis: DocumentAnalysis) -> String? {
        let offset = analysis.tokens[index].span.start
        guard case .example(let decl)? = analysis.declaration(at: offset), case .file(let name) = decl.source,
              decl.name.span.start == offset || name.span.start == offset,
              CheckedExample.pathProblem(name.value) == nil, let folder = analysis.document.folder else { return nil }
        return folder + "/" + name.value
    }

    /// A location in a file: the editor's URI when the file is open.
    func location(span: SourceSpan, in file: SourceFile) -> JSONValue {
        let uri = documents.values.first { $0.file.path == file.path }?.uri ?? TextDocument.uri(of: file.path)
        return ["uri": .string(uri), "range": file.range(of: span).json]
    }

    /// The start of a file that is not a rule file.
    func location(path: String) -> JSONValue {
        let start = Position(line: 0, character: 0).json
        return ["uri": .string(TextDocument.uri(of: path)), "range": ["start": start, "end": start]]
    }
}
