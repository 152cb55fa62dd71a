import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    /// Declares every definition and table with its parameter and result types.
    mutating func declareSignatures() {
        for declaration in syntax.declarations {
            switch declaration {
            case .definition(let decl):
                guard declareValue(decl.name, as: "definitionen") else { continue }
                let parameters = resolveFields(decl.parameters, owner: "definitionen `\(decl.name.name)`", existing: [])
                definitionSignatures[decl.name.name] = DefinitionSignature(
                    parameters: parameters, resultType: decl.resultType.map { resolveType($0) }, span: decl.name.span)
            case .table(let decl):
                guard declareValue(decl.name, as: "tabellen") else { continue }
                let parameters = resolveFields(decl.parameters, owner: "tabellen `\(decl.name.name)`", existing: [])
                tableSignatures[decl.name.name] = TableSignature(
                    parameters: parameters, resultType: resolveType(decl.resultType), span: decl.name.span)
            default:
                continue
            }
        }
    }

    /// Declares a value name: no fact, definition or table of this document or its reglemente
    /// may already have it.
    private mutating func declareValue(_ name: Identifier, as what: String) -> Bool {
        let inReglemente = declaredHere["värde:" + name.name] == nil
            && (definitionSignatures[name.name] != nil || tableSignatures[name.name] != nil || facts.contains { $0.name == name.name })
        if inReglemente {
            report(.duplicateDeclaration, "`\(name.name)` finns redan i reglementet", at: name.span, hint: "ge \(what) ett eget namn")
            return false
        }
        return declare(name, as: what, namespace: "värde")
    }

    /// Checks definition bodies in dependency order, after rejecting cycles: a definition may
    /// not call itself, directly or through other definitions and tables.
    mutating func checkDefinitions() {
        var bodies: [String: (decl: DefinitionDecl?, table: DecisionTableDecl?)] = [:]
        for declaration in syntax.declarations {
            switch declaration {
            case .definition(let decl) where declaredHere["värde:" + decl.name.name] == decl.name.span:
                bodies[decl.name.name] = (decl, nil)
            case .table(let decl) where declaredHere["värde:" + decl.name.name] == decl.name.span:
                bodies[decl.name.name] = (nil, decl)
            default:
                continue
            }
        }
        var edges: [String: [String]] = [:]
        for (name, body) in bodies {
            var names = Set<String>()
            if let decl = body.decl {
                names = decl.body.referencedNames(bound: Set(decl.parameters.map(\.name.name)))
            } else if let table = body.table {
                let bound = Set(table.parameters.map(\.name.name))
                for row in table.rows { names.formUnion(row.result.referencedNames(bound: bound)) }
            }
            edges[name] = names.filter { bodies[$0] != nil }.sorted()
        }
        let order = reportCycles(edges: edges, bodies: bodies)
        for name in order {
            guard let decl = bodies[name]?.decl, let signature = definitionSignatures[name] else { continue }
            var scope = Scope(parameters: signature.parameters)
            let body = check(decl.body, expected: signature.resultType, in: &scope)
            let resultType = signature.resultType ?? body.type
            if signature.resultType == nil, body.type.isError == false {
                definitionSignatures[name]?.resultType = body.type
            }
            definitions[name] = CheckedDefinition(name: name, parameters: signature.parameters, resultType: resultType,
                                                  body: CheckedBody(expression: body, frameSize: scope.frameSize),
                                                  span: decl.span)
        }
    }

    /// Finds cycles with a depth-first search, reports each once with its chain of names, and
    /// returns the names in an order where every callee comes before its callers.
    private mutating func reportCycles(edges: [String: [String]],
                                       bodies: [String: (decl: DefinitionDecl?, table: DecisionTableDecl?)]) -> [String] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        var stack: [String] = []
        var reported = Set<String>()
        func visit(_ name: String, _ checker: inout DocumentChecker) {
            if marks[name] == .done { return }
            if marks[name] == .visiting {
                let cycle = Array(stack[stack.lastIndex(of: name)!...]) + [name]
                let key = Set(cycle)
                if reported.isDisjoint(with: key) {
                    reported.formUnion(key)
                    let span = bodies[name]?.decl?.name.span ?? bodies[name]?.table?.name.span ?? .point(0)
                    checker.report(.definitionCycle,
                                   cycle.count == 2 ? "`\(name)` anropar sig själv"
                                       : "definitionerna anropar varandra i en cirkel: " + cycle.map { "`\($0)`" }.joined(separator: " → "),
                                   at: span, hint: "en definition får inte bero på sig själv; då skulle beräkningen aldrig bli klar")
                }
                return
            }
            marks[name] = .visiting
            stack.append(name)
            for callee in edges[name] ?? [] { visit(callee, &checker) }
            stack.removeLast()
            marks[name] = .done
            order.append(name)
        }
        let names = bodies.keys.sorted { (bodies[$0]?.decl?.span.start ?? bodies[$0]?.table?.span.start ?? 0)
            < (bodies[$1]?.decl?.span.start ?? bodies[$1]?.table?.span.start ?? 0) }
        for name in names { visit(name, &self) }
        return order
    }
}

extension Expression {
    /// The free names an expression refers to: names and called names, not those bound by
    /// `alla`, `antal`, `summa` or by parameters.
    func referencedNames(bound: Set<String>) -> Set<String> {
        var names = Set<String>()
        collectNames(into: &names, bound: bound)
        return names
    }

    private func collectNames(into names: inout Set<String>, bound: Set<String>) {
        switch kind {
        case .name(let name):
            if !bound.contains(name) { names.insert(name) }
        case .member(let base, _):
            base.collectNames(into: &names, bound: bound)
        case .call(let callee, let arguments):
            callee.collectNames(into: &names, bound: bound)
            for argument in arguments { argument.collectNames(into: &names, bound: bound) }
        case .unary(_, let operand), .presence(let operand, _):
            operand.collectNames(into: &names, bound: bound)
        case .binary(_, let left, let right):
            left.collectNames(into: &names, bound: bound)
            right.collectNames(into: &names, bound: bound)
        case .conditional(let a, let b, let c):
            for part in [a, b, c] { part.collectNames(into: &names, bound: bound) }
        case .quantified(_, let variable, let domain, let body), .sum(let variable, let domain, let body):
            domain.collectNames(into: &names, bound: bound)
            body.collectNames(into: &names, bound: bound.union([variable.name]))
        case .count(let variable, let domain, let filter):
            domain.collectNames(into: &names, bound: bound)
            filter?.collectNames(into: &names, bound: bound.union([variable.name]))
        case .list(let elements):
            for element in elements { element.collectNames(into: &names, bound: bound) }
        case .record(let fields):
            for field in fields { field.value.collectNames(into: &names, bound: bound) }
        case .boolean, .unknown, .number, .date, .text, .error:
            break
        }
    }
}
