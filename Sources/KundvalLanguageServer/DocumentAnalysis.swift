import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// What a name in a rule file refers to.
enum Symbol {
    /// A root fact (`anordnare`).
    case fact(Located<FieldDecl>)
    /// A field of a record (`anordnare.lokaler`).
    case field(record: String, Located<FieldDecl>)
    /// A parameter of a definition or a decision table.
    case parameter(Located<FieldDecl>)
    /// The variable of `alla u i lista: …` (and `någon`, `ingen`, `antal`, `summa`), with the
    /// list's element type when it is known.
    case binding(Located<Identifier>, TypeReference?)
    /// A definition.
    case definition(Located<DefinitionDecl>)
    /// A decision table.
    case table(Located<DecisionTableDecl>)
    /// A type, declared (with where) or built in.
    case type(String, Located<Identifier>?)
    /// A case of an enumeration.
    case enumerationCase(String, Located<Identifier>)
    /// A built-in function.
    case builtin(Builtin)
    /// An example.
    case example(Located<ExampleDecl>)
    /// A service.
    case service(Located<ServiceDecl>)
    /// `bedömningsdatum`.
    case assessmentDate
}

/// One open document read for a request: its parse, its tokens and the symbols it can name.
struct DocumentAnalysis {
    let document: TextDocument
    let parse: ParseResult
    let tokens: [Token]
    let index: SymbolIndex
    /// The reglemente the document refines, when it is a kundval and the reglemente is found.
    let reglemente: ParseResult?

    init(document: TextDocument, folderFiles: [ParseResult], cache: ParseCache) {
        self.document = document
        self.parse = cache.parse(document)
        var diagnostics = DiagnosticList()
        self.tokens = Lexer.tokenize(document.file, diagnostics: &diagnostics)
        self.reglemente = RuleFolder.reglemente(of: parse, among: folderFiles)
        self.index = SymbolIndex(document: parse, reglemente: reglemente)
    }

    var file: SourceFile { document.file }

    /// The text of a token.
    func text(_ index: Int) -> String { file.text(of: tokens[index].span) }

    /// The token at a byte offset: the one containing it, else the one ending there (a cursor
    /// right after a word is on the word).
    func tokenIndex(at offset: Int) -> Int? {
        var low = 0
        var high = tokens.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if tokens[mid].span.start <= offset { low = mid } else { high = mid - 1 }
        }
        guard !tokens.isEmpty else { return nil }
        let token = tokens[low]
        if token.kind != .endOfFile, token.span.start <= offset, offset < token.span.end { return low }
        if token.kind != .endOfFile, token.span.end == offset { return low }
        if low > 0, tokens[low - 1].span.end == offset { return low - 1 }
        return nil
    }

    /// The index of the first token at or after a byte offset.
    func firstToken(from offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].span.start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The top-level declaration containing a byte offset.
    func declaration(at offset: Int) -> Declaration? {
        parse.syntax.declarations.last { $0.span.start <= offset && offset <= $0.span.end }
    }

    /// The token indices of the names in `a.b.c` ending at token `last`.
    func chain(endingAt last: Int) -> [Int] {
        var indices = [last]
        var index = last
        while index >= 2, tokens[index - 1].kind == .dot, tokens[index - 2].isIdentifier,
              tokens[index - 1].span.start == tokens[index - 2].span.end {
            index -= 2
            indices.insert(index, at: 0)
        }
        return indices
    }

    /// What the name chain ending at token `last` refers to.
    func symbol(chainEndingAt last: Int, depth: Int = 0) -> Symbol? {
        guard depth < 8 else { return nil }
        let names = chain(endingAt: last)
        guard var symbol = root(names[0], depth: depth) else { return nil }
        for index in names.dropFirst() {
            guard let record = type(of: symbol)?.name, let field = self.index.field(text(index), of: record) else { return nil }
            symbol = .field(record: record, field)
        }
        return symbol
    }

    /// The type of a symbol's value, as written.
    func type(of symbol: Symbol) -> TypeReference? {
        switch symbol {
        case .fact(let field), .field(_, let field), .parameter(let field):
            return TypeReference(syntax: field.value.type, file: field.file)
        case .binding(_, let type): return type
        case .definition(let decl): return decl.value.resultType.map { TypeReference(syntax: $0, file: decl.file) }
        case .table(let decl): return TypeReference(syntax: decl.value.resultType, file: decl.file)
        default: return nil
        }
    }

    /// What the first name of a chain (token `index`) refers to: a variable or parameter in
    /// scope, then the document's names.
    private func root(_ index: Int, depth: Int) -> Symbol? {
        let name = text(index)
        let offset = tokens[index].span.start
        let enclosing = declaration(at: offset)
        if let enclosing {
            let first = firstToken(from: enclosing.span.start)
            var k = index - 1
            while k >= first {
                if let keyword = tokens[k].keyword, [.alla, .någon, .ingen, .antal, .summa].contains(keyword),
                   k + 2 < tokens.count, tokens[k + 1].isIdentifier, text(k + 1) == name, tokens[k + 2].is(.i) {
                    var listEnd = k + 3
                    while listEnd + 2 < tokens.count, tokens[listEnd + 1].kind == .dot, tokens[listEnd + 2].isIdentifier { listEnd += 2 }
                    var element: TypeReference?
                    if k + 3 < tokens.count, tokens[k + 3].isIdentifier, listEnd != index,
                       let list = symbol(chainEndingAt: listEnd, depth: depth + 1) {
                        element = type(of: list)?.element
                    }
                    return .binding(Located(value: Identifier(name: name, span: tokens[k + 1].span), file: file), element)
                }
                k -= 1
            }
            var parameters: [FieldDecl] = []
            if case .definition(let decl) = enclosing { parameters = decl.parameters }
            if case .table(let decl) = enclosing { parameters = decl.parameters }
            if let parameter = parameters.first(where: { $0.name.name == name }) {
                return .parameter(Located(value: parameter, file: file))
            }
        }
        if let fact = self.index.facts.last(where: { $0.value.name.name == name }) { return .fact(fact) }
        if let definition = self.index.definitions[name] { return .definition(definition) }
        if let table = self.index.tables[name] { return .table(table) }
        if let found = self.index.enumerationCase(name) { return .enumerationCase(found.enumeration, found.case) }
        if let builtin = Builtin(rawValue: name) { return .builtin(builtin) }
        if let type = self.index.types[name] { return .type(name, type) }
        if KundvalType.builtins[name] != nil { return .type(name, nil) }
        if let example = self.index.examples[name] { return .example(example) }
        if let service = self.index.services[name] { return .service(service) }
        if name == Builtin.assessmentDateName { return .assessmentDate }
        return nil
    }

    /// The condition number at token `index` when it follows `villkor` (also in a list or range
    /// such as `villkor 17, 23` or `villkor 1–9`).
    func conditionNumber(at index: Int) -> [Int]? {
        guard [.integer, .dottedNumber].contains(tokens[index].kind) else { return nil }
        var k = index - 1
        while k >= 0, [.integer, .dottedNumber, .comma, .dash, .minus].contains(tokens[k].kind) { k -= 1 }
        guard k >= 0, tokens[k].is(.villkor) else { return nil }
        let parts = text(index).split(separator: ".").compactMap { Int($0) }
        return parts.isEmpty ? nil : parts
    }
}
