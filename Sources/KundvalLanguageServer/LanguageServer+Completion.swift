import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension LanguageServer {
    /// The protocol's completion item kinds used here.
    enum CompletionKind: Int {
        case function = 3, field = 5, variable = 6, enumMember = 20, keyword = 14, constant = 21, `struct` = 22, value = 12
    }

    /// `textDocument/completion`: after `a.b.` the fields of the record `a.b` is; after
    /// `villkor` the condition numbers; elsewhere keywords, facts, definitions, tables,
    /// enumeration cases, functions, types and the variables in scope.
    func completion(_ params: JSONValue) throws -> JSONValue {
        let (document, offset) = try documentPosition(params)
        let analysis = analysis(of: document)
        let bytes = document.file.bytes
        // The word being typed: letters, digits, `_` and non-ASCII before the cursor.
        var wordStart = offset
        while wordStart > 0, Self.isWordByte(bytes[wordStart - 1]) { wordStart -= 1 }
        var items: [JSONValue] = []
        func item(_ label: String, _ kind: CompletionKind, _ detail: String? = nil) {
            var object: [String: JSONValue] = ["label": .string(label), "kind": .int(kind.rawValue)]
            if let detail { object["detail"] = .string(detail) }
            items.append(.object(object))
        }
        if wordStart > 0, bytes[wordStart - 1] == UInt8(ascii: ".") {
            // Fields of the record before the dot.
            let dot = wordStart - 1
            let before = analysis.firstToken(from: dot) - 1
            guard before >= 0, analysis.tokens[before].isIdentifier,
                  analysis.tokens[before].span.end == dot,
                  let symbol = analysis.symbol(chainEndingAt: before),
                  let record = analysis.type(of: symbol)?.name, let fields = analysis.index.records[record] else {
                return ["isIncomplete": false, "items": []]
            }
            for field in fields { item(field.value.name.name, .field, field.file.text(of: field.value.type.span)) }
            return ["isIncomplete": false, "items": .array(items)]
        }
        let previous = analysis.firstToken(from: wordStart) - 1
        if previous >= 0, analysis.tokens[previous].is(.villkor) || (analysis.tokens[previous].kind == .comma && afterConditionList(previous, analysis)) {
            var seen = Set<String>()
            for condition in analysis.index.generalConditions + analysis.index.ownConditions {
                let label = condition.value.number.description
                guard seen.insert(label).inserted else { continue }
                item(label, .constant, condition.value.title?.value)
            }
            return ["isIncomplete": false, "items": .array(items)]
        }
        for keyword in Keyword.allCases { item(keyword.rawValue, .keyword, keyword.isReserved ? "nyckelord" : "ord i språket") }
        for fact in analysis.index.facts { item(fact.value.name.name, .variable, fact.file.text(of: fact.value.type.span)) }
        for (name, decl) in analysis.index.definitions.sorted(by: { $0.key < $1.key }) {
            item(name, .function, decl.value.resultType.map { decl.file.text(of: $0.span) } ?? "definition")
        }
        for (name, decl) in analysis.index.tables.sorted(by: { $0.key < $1.key }) {
            item(name, .function, "tabell: " + decl.file.text(of: decl.value.resultType.span))
        }
        for (enumeration, cases) in analysis.index.enumerations.sorted(by: { $0.key < $1.key }) {
            for found in cases { item(found.value.name, .enumMember, "fall av \(enumeration)") }
        }
        for builtin in Builtin.allCases { item(builtin.rawValue, .function, builtin.signature) }
        item(Builtin.assessmentDateName, .value, "datum")
        for name in Set(analysis.index.types.keys).union(KundvalType.builtins.keys).sorted() { item(name, .struct, "typ") }
        for name in analysis.index.examples.keys.sorted() { item(name, .value, "exempel") }
        for variable in variablesInScope(at: offset, analysis: analysis) { item(variable.name, .variable, variable.detail) }
        return ["isIncomplete": false, "items": .array(items)]
    }

    /// Whether the comma at token `index` continues a list of condition numbers after `villkor`.
    private func afterConditionList(_ index: Int, _ analysis: DocumentAnalysis) -> Bool {
        var k = index - 1
        while k >= 0, [.integer, .dottedNumber, .comma, .dash].contains(analysis.tokens[k].kind) { k -= 1 }
        return k >= 0 && k < index - 1 && analysis.tokens[k].is(.villkor)
    }

    /// The parameters of the enclosing definition or table and the variables bound before the
    /// cursor in it.
    private func variablesInScope(at offset: Int, analysis: DocumentAnalysis) -> [(name: String, detail: String)] {
        guard let enclosing = analysis.declaration(at: offset) else { return [] }
        var result: [(name: String, detail: String)] = []
        var parameters: [FieldDecl] = []
        if case .definition(let decl) = enclosing { parameters = decl.parameters }
        if case .table(let decl) = enclosing { parameters = decl.parameters }
        for parameter in parameters {
            result.append((parameter.name.name, analysis.file.text(of: parameter.type.span)))
        }
        var k = analysis.firstToken(from: enclosing.span.start)
        let tokens = analysis.tokens
        while k + 2 < tokens.count, tokens[k].span.end <= offset {
            if let keyword = tokens[k].keyword, [.alla, .någon, .ingen, .antal, .summa].contains(keyword),
               tokens[k + 1].isIdentifier, tokens[k + 2].is(.i) {
                result.append((analysis.text(k + 1), "variabel"))
            }
            k += 1
        }
        return result
    }

    /// Whether a byte can be part of a name (ASCII letter, digit, `_`, or part of a non-ASCII
    /// character).
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)
            || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}
