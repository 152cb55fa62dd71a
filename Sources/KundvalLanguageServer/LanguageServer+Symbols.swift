import KundvalDiagnostics
import KundvalSyntax

extension LanguageServer {
    /// The protocol's symbol kinds used here.
    enum SymbolKind: Int {
        case module = 2, namespace = 3, `class` = 5, field = 8, `enum` = 10, function = 12, constant = 14, object = 19, event = 24
        case `struct` = 23, variable = 13, array = 18, method = 6
    }

    /// `textDocument/documentSymbol`: the outline. Sections hold the declarations after them up
    /// to the next section; conditions, services, tables, definitions, types, facts, examples,
    /// tests and assessments are its entries, with a record's fields below it.
    func documentSymbols(_ params: JSONValue) throws -> JSONValue {
        let document = try openDocument(params)
        let parse = cache.parse(document)
        let file = document.file
        func symbol(_ name: String, _ detail: String?, _ kind: SymbolKind, _ span: SourceSpan, _ selection: SourceSpan,
                    _ children: [JSONValue] = []) -> JSONValue {
            var object: [String: JSONValue] = [
                "name": .string(name.isEmpty ? "–" : name), "kind": .int(kind.rawValue),
                "range": file.range(of: span).json, "selectionRange": file.range(of: selection).json,
            ]
            if let detail { object["detail"] = .string(detail) }
            if !children.isEmpty { object["children"] = .array(children) }
            return .object(object)
        }
        var top: [JSONValue] = []
        var section: (title: TextLiteral, children: [JSONValue], end: Int)?
        func closeSection() {
            guard let open = section else { return }
            top.append(symbol(open.title.value, "avsnitt", .namespace,
                              SourceSpan(start: open.title.span.start, end: open.end), open.title.span, open.children))
            section = nil
        }
        for declaration in parse.syntax.declarations {
            let entry: JSONValue?
            switch declaration {
            case .section(let title):
                closeSection()
                section = (title, [], title.span.end)
                continue
            case .condition(let decl):
                var name = "villkor \(decl.number)" + (decl.lastNumber.map { "–\($0)" } ?? "")
                if let title = decl.title { name += " " + title.value }
                entry = symbol(name, decl.isSwitchedOff ? "förekommer inte" : nil, .constant, decl.span, decl.number.span)
            case .type(let decl):
                switch decl.body {
                case .record(let fields), .extensionFields(let fields):
                    let children = fields.map { symbol($0.name.name, file.text(of: $0.type.span), .field, $0.span, $0.name.span) }
                    entry = symbol(decl.name.name, decl.body == .record(fields) ? "typ" : "typ utökas", .struct, decl.span, decl.name.span, children)
                case .enumeration, .extensionCases:
                    entry = symbol(decl.name.name, "en av", .enum, decl.span, decl.name.span)
                }
            case .facts(let decl):
                let children = decl.fields.map { symbol($0.name.name, file.text(of: $0.type.span), .field, $0.span, $0.name.span) }
                entry = symbol("fakta", nil, .module, decl.span, SourceSpan(start: decl.span.start, end: decl.span.start + 5), children)
            case .definition(let decl):
                entry = symbol(decl.name.name, "definition", .function, decl.span, decl.name.span)
            case .service(let decl):
                entry = symbol("insats \(decl.name.name)", decl.title?.value, .class, decl.span, decl.name.span)
            case .table(let decl):
                entry = symbol(decl.name.name, "tabell", .array, decl.span, decl.name.span)
            case .assessment(let decl):
                entry = symbol("bedömning \(decl.name.name)", decl.title?.value, .event, decl.span, decl.name.span)
            case .example(let decl):
                entry = symbol("exempel \(decl.name.name)", nil, .object, decl.span, decl.name.span)
            case .test(let decl):
                entry = symbol("test \(decl.name.value)", nil, .method, decl.span, decl.name.span)
            case .sanctionPolicy(let decl):
                entry = symbol("sanktioner", "enligt \(decl.table.name)", .object, decl.span, decl.table.span)
            case .deauthorization(let decl):
                entry = symbol("avauktorisation \(decl.title.value)", nil, .object, decl.span, decl.title.span)
            }
            guard let entry else { continue }
            if section != nil {
                section?.children.append(entry)
                section?.end = declaration.span.end
            } else {
                top.append(entry)
            }
        }
        closeSection()
        return .array(top)
    }
}
