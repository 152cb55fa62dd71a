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
        reportDeepChains(order: order, edges: edges, bodies: bodies)
        reportLargeExpansions(order: order, bodies: bodies)
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

    /// The most levels of nesting of a definition's computation, counted through the
    /// definitions and tables it uses (`a` uses `b`, which uses `c`, …: their expressions' depths
    /// added along the chain). Evaluation compiles and calls one nested step per level, so more
    /// could exhaust a thread's stack: a chain of 20,000 definitions crashed `kundval eval`, and
    /// 2,000 levels overflow the 512 KB of a Dispatch worker thread on Apple platforms (a test
    /// evaluates 1,000 on one).
    static let maximumNesting = 1_000

    /// Finds cycles with a depth-first search, reports each once with its chain of names, and
    /// returns the names in an order where every callee comes before its callers. The search
    /// keeps its own stack, so a long chain of definitions cannot exhaust the thread's.
    private mutating func reportCycles(edges: [String: [String]],
                                       bodies: [String: (decl: DefinitionDecl?, table: DecisionTableDecl?)]) -> [String] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        var reported = Set<String>()
        let names = bodies.keys.sorted { (bodies[$0]?.decl?.span.start ?? bodies[$0]?.table?.span.start ?? 0)
            < (bodies[$1]?.decl?.span.start ?? bodies[$1]?.table?.span.start ?? 0) }
        for root in names where marks[root] == nil {
            // Each frame: a name being visited and the index of its next callee.
            var stack: [(name: String, next: Int)] = [(root, 0)]
            marks[root] = .visiting
            while let (name, next) = stack.last {
                let callees = edges[name] ?? []
                guard next < callees.count else {
                    stack.removeLast()
                    marks[name] = .done
                    order.append(name)
                    continue
                }
                stack[stack.count - 1].next += 1
                let callee = callees[next]
                switch marks[callee] {
                case .done?:
                    continue
                case .visiting?:
                    let start = stack.lastIndex { $0.name == callee } ?? 0
                    let cycle = stack[start...].map(\.name) + [callee]
                    let key = Set(cycle)
                    if reported.isDisjoint(with: key) {
                        reported.formUnion(key)
                        let span = bodies[callee]?.decl?.name.span ?? bodies[callee]?.table?.name.span ?? .point(0)
                        report(.definitionCycle,
                               cycle.count == 2 ? "`\(callee)` anropar sig själv"
                                   : "definitionerna anropar varandra i en cirkel: " + cycle.map { "`\($0)`" }.joined(separator: " → "),
                               at: span, hint: "en definition får inte bero på sig själv; då skulle beräkningen aldrig bli klar")
                    }
                case nil:
                    marks[callee] = .visiting
                    stack.append((callee, 0))
                }
            }
        }
        return order
    }

    /// Reports each definition or table nested deeper than ``maximumNesting`` through the ones
    /// it uses while they are not: the first link past the limit of each chain, once.
    private mutating func reportDeepChains(order: [String], edges: [String: [String]],
                                           bodies: [String: (decl: DefinitionDecl?, table: DecisionTableDecl?)]) {
        var nesting: [String: Int] = [:]
        for name in order {
            let own: Int
            if let decl = bodies[name]?.decl {
                own = decl.body.nestingDepth
            } else {
                own = bodies[name]?.table?.rows.map(\.result.nestingDepth).max() ?? 1
            }
            let deepest = (edges[name] ?? []).map { nesting[$0] ?? 0 }.max() ?? 0
            nesting[name] = own + deepest
            guard own + deepest > Self.maximumNesting, deepest <= Self.maximumNesting else { continue }
            let span = bodies[name]?.decl?.name.span ?? bodies[name]?.table?.name.span ?? .point(0)
            report(.definitionChainTooDeep,
                   "`\(name)` är nästlad i \(own + deepest) nivåer genom definitionerna den använder; högst \(Self.maximumNesting) går att beräkna",
                   at: span, hint: "räkna ut mellanresultat i färre steg, till exempel med en definition som gör flera steg på en gång")
        }
    }
}

extension DocumentChecker {
    /// The most steps one call of a definition or table may take, counted as the nodes of its
    /// expressions with every call of a definition with parameters or a table expanded (a
    /// definition without parameters is computed once per evaluation and counts 1). Without a
    /// bound, definitions that each call the one before twice (`d2(x) = d1(x) och d1(x)`, …)
    /// would take time exponential in their number: forty of them, a trillion steps.
    static let maximumExpansion = 1_000_000

    /// Reports each definition or table whose expansion (see ``maximumExpansion``) exceeds the
    /// bound while the ones it uses do not: the first of each chain, once.
    private mutating func reportLargeExpansions(order: [String],
                                                bodies: [String: (decl: DefinitionDecl?, table: DecisionTableDecl?)]) {
        var expansion: [String: Int] = [:]
        let memoized = Set(bodies.compactMap { name, body in body.decl.map { $0.parameters.isEmpty ? name : nil } ?? nil })
        for name in order {
            var bound = Set<String>()
            var expressions: [Expression] = []
            if let decl = bodies[name]?.decl {
                bound = Set(decl.parameters.map(\.name.name))
                expressions = [decl.body]
            } else if let table = bodies[name]?.table {
                bound = Set(table.parameters.map(\.name.name))
                expressions = table.rows.map(\.result)
            }
            let callees = expressions.map { $0.expansion(bound: bound, costs: expansion, memoized: memoized) }
            let total = callees.reduce(0) { Self.saturatingSum($0, $1) }
            expansion[name] = total
            let worstCallee = expressions.flatMap { $0.referencedNames(bound: bound) }.compactMap { expansion[$0] }.max() ?? 0
            guard total > Self.maximumExpansion, worstCallee <= Self.maximumExpansion else { continue }
            let span = bodies[name]?.decl?.name.span ?? bodies[name]?.table?.name.span ?? .point(0)
            report(.definitionTooLarge,
                   "`\(name)` tar mer än en miljon steg att beräkna, eftersom den anropar andra definitioner många gånger",
                   at: span, hint: "räkna ut ett delresultat en gång i en definition utan parametrar och använd det där det behövs")
        }
    }

    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

extension Expression {
    /// The nodes of the expression, with every call of a definition or table in `costs` that is
    /// not `memoized` counted at its cost (saturating at `Int.max`). Recursion depth is bounded
    /// by the parser's nesting limit.
    func expansion(bound: Set<String>, costs: [String: Int], memoized: Set<String>) -> Int {
        func cost(_ name: String) -> Int {
            guard !bound.contains(name), let callee = costs[name] else { return 0 }
            return memoized.contains(name) ? 1 : callee
        }
        let sum = DocumentChecker.saturatingSum
        switch kind {
        case .name(let name):
            return sum(1, cost(name))
        case .boolean, .unknown, .number, .date, .text, .error:
            return 1
        case .member(let base, _):
            return sum(1, base.expansion(bound: bound, costs: costs, memoized: memoized))
        case .call(let callee, let arguments):
            return ([callee] + arguments).reduce(1) { sum($0, $1.expansion(bound: bound, costs: costs, memoized: memoized)) }
        case .unary(_, let operand), .presence(let operand, _):
            return sum(1, operand.expansion(bound: bound, costs: costs, memoized: memoized))
        case .binary(_, let left, let right):
            return sum(sum(1, left.expansion(bound: bound, costs: costs, memoized: memoized)),
                       right.expansion(bound: bound, costs: costs, memoized: memoized))
        case .conditional(let a, let b, let c):
            return [a, b, c].reduce(1) { sum($0, $1.expansion(bound: bound, costs: costs, memoized: memoized)) }
        case .documentAge(let document, _, let date):
            return ([document] + (date.map { [$0] } ?? [])).reduce(1) { sum($0, $1.expansion(bound: bound, costs: costs, memoized: memoized)) }
        case .quantified(_, let variable, let domain, let body), .sum(let variable, let domain, let body),
             .extreme(_, let variable, let domain, nil, let body):
            let inner = bound.union([variable.name])
            return sum(sum(1, domain.expansion(bound: bound, costs: costs, memoized: memoized)),
                       body.expansion(bound: inner, costs: costs, memoized: memoized))
        case .extreme(_, let variable, let domain, let filter?, let body):
            let inner = bound.union([variable.name])
            return sum(sum(sum(1, domain.expansion(bound: bound, costs: costs, memoized: memoized)),
                           filter.expansion(bound: inner, costs: costs, memoized: memoized)),
                       body.expansion(bound: inner, costs: costs, memoized: memoized))
        case .count(let variable, let domain, let filter):
            let inner = bound.union([variable.name])
            return sum(sum(1, domain.expansion(bound: bound, costs: costs, memoized: memoized)),
                       filter?.expansion(bound: inner, costs: costs, memoized: memoized) ?? 0)
        case .list(let elements):
            return elements.reduce(1) { sum($0, $1.expansion(bound: bound, costs: costs, memoized: memoized)) }
        case .record(let fields):
            return fields.reduce(1) { sum($0, $1.value.expansion(bound: bound, costs: costs, memoized: memoized)) }
        }
    }

    /// The levels of the expression's tree (1 for a leaf). The parser bounds it, so the
    /// recursion here is shallow.
    var nestingDepth: Int {
        switch kind {
        case .name, .boolean, .unknown, .number, .date, .text, .error:
            return 1
        case .member(let base, _):
            return 1 + base.nestingDepth
        case .call(let callee, let arguments):
            return 1 + ([callee] + arguments).map(\.nestingDepth).max()!
        case .unary(_, let operand), .presence(let operand, _):
            return 1 + operand.nestingDepth
        case .binary(_, let left, let right):
            return 1 + max(left.nestingDepth, right.nestingDepth)
        case .conditional(let a, let b, let c):
            return 1 + max(a.nestingDepth, b.nestingDepth, c.nestingDepth)
        case .documentAge(let document, _, let date):
            return 1 + max(document.nestingDepth, date?.nestingDepth ?? 0)
        case .quantified(_, _, let domain, let body), .sum(_, let domain, let body):
            return 1 + max(domain.nestingDepth, body.nestingDepth)
        case .extreme(_, _, let domain, let filter, let body):
            return 1 + max(domain.nestingDepth, filter?.nestingDepth ?? 0, body.nestingDepth)
        case .count(_, let domain, let filter):
            return 1 + max(domain.nestingDepth, filter?.nestingDepth ?? 0)
        case .list(let elements):
            return 1 + (elements.map(\.nestingDepth).max() ?? 0)
        case .record(let fields):
            return 1 + (fields.map(\.value.nestingDepth).max() ?? 0)
        }
    }

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
        case .documentAge(let document, _, let date):
            document.collectNames(into: &names, bound: bound)
            date?.collectNames(into: &names, bound: bound)
        case .quantified(_, let variable, let domain, let body), .sum(let variable, let domain, let body),
             .extreme(_, let variable, let domain, nil, let body):
            domain.collectNames(into: &names, bound: bound)
            body.collectNames(into: &names, bound: bound.union([variable.name]))
        case .extreme(_, let variable, let domain, let filter?, let body):
            domain.collectNames(into: &names, bound: bound)
            filter.collectNames(into: &names, bound: bound.union([variable.name]))
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
