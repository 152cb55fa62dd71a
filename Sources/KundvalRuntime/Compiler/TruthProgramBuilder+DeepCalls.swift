import KundvalChecker
import KundvalSyntax

// Chains of definitions without parameters deeper than the builder inlines them. Such a call is
// inlined ``TruthProgramBuilder/maximumParameterlessDepth`` levels deep (deeper, a chain of
// them would be tried twice at each level, in time exponential in its length), and a call
// deeper than that used to stay a closure: `kräver k8 <= 200` with `k8` calling `k7`, … `k1`
// ran the whole chain as value code on every evaluation.
//
// Before it lowers any check, the builder now finds the definitions without parameters that a
// check would reach that deep, and lowers each of them once at the program's start, the
// definitions it calls first (see ``TruthProgramBuilder/onceTruth(_:_:)``): a call of one then
// reads its register, at any depth, and its own body starts the count again. A program start
// runs on every evaluation, as the value code computes such a definition at most once per
// evaluation; an error it meets is a value in its register, which only a reader sees (see
// ``Truth/error``). Rules without such chains (all that are shipped) get the same program as
// before, instruction for instruction.

extension TruthProgramBuilder {
    /// Lowers once, at the start of the program (before anything else is emitted), every
    /// definition without parameters that lowering `roots` would otherwise meet at an
    /// inlining depth of ``maximumParameterlessDepth`` or more, callees first; each with the
    /// compiler of the first root that reaches it. A definition that cannot be lowered without
    /// value code (a record, a list) is left as it was: its calls stay closures.
    mutating func lowerDeepDefinitions(_ roots: [(expression: TypedExpression, compiler: Compiler)]) {
        guard let any = roots.first?.compiler else { return }
        let deep = Self.deepDefinitions(roots.map(\.expression), any.definitions, any.tables)
        for (name, root) in deep {
            guard let definition = any.definitions[name] else { continue }
            let compiler = roots[root].compiler
            let type = definition.body.expression.type
            if type.unwrapped == .boolean {
                _ = onceTruth(name, compiler)
            } else if ScalarValue.holds(type) {
                _ = onceValue(name, compiler)
            }
        }
    }

    /// The definitions without parameters that lowering `roots` calls at an inlining depth of
    /// ``maximumParameterlessDepth`` or more, once those found are lowered once (a call of one
    /// reads its register, and its body is lowered one level deep): callees first, each with
    /// the index of the first root that reaches it.
    ///
    /// A call is lowered at the depth of the body it is written in: 0 in a root, one more than
    /// the call's in an inlined body (a definition's, or a decision table's rows); an argument
    /// is computed at its call's depth. The checker has rejected recursion, so the calls form a
    /// graph without cycles, walked once: in an order with every caller before its callees,
    /// each definition's deepest call is known when it is reached. Work and recursion are
    /// bounded by the definitions and their bodies, whatever the chains.
    static func deepDefinitions(_ roots: [TypedExpression], _ definitions: [String: CheckedDefinition],
                                _ tables: [String: CheckedTable]) -> [(name: String, root: Int)] {
        // The calls written in each body reached, the root that reached it first, and the
        // callees-first order of a depth-first walk.
        var callees: [String: [String]] = [:]
        var firstRoot: [String: Int] = [:]
        var calleesFirst: [String] = []
        func visit(_ name: String, root: Int) {
            guard callees[name] == nil else { return }
            let bodies: [TypedExpression]
            if let definition = definitions[name] {
                bodies = [definition.body.expression]
            } else if let table = tables[name] {
                bodies = table.rows.flatMap { row in [row.result.expression] + row.tests.compactMap { $0?.1 } }
            } else {
                return
            }
            let called = calls(in: bodies)
            (callees[name], firstRoot[name]) = (called, root)
            for callee in called { visit(callee, root: root) }
            calleesFirst.append(name)
        }
        var depth: [String: Int] = [:]
        for (index, root) in roots.enumerated() {
            for callee in calls(in: [root]) {
                depth[callee] = 0
                visit(callee, root: index)
            }
        }
        var deep: Set<String> = []
        for name in calleesFirst.reversed() {
            guard let reached = depth[name] else { continue }
            var inside = reached + 1
            if reached >= maximumParameterlessDepth, let definition = definitions[name], definition.parameters.isEmpty {
                deep.insert(name)
                inside = 1
            }
            for callee in callees[name] ?? [] { depth[callee] = max(depth[callee] ?? 0, inside) }
        }
        return calleesFirst.filter(deep.contains).map { ($0, firstRoot[$0] ?? 0) }
    }

    /// The definitions and tables called in `expressions`, each once, in the order written.
    private static func calls(in expressions: [TypedExpression]) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        var pending = expressions.reversed() as [TypedExpression]
        while let expression = pending.popLast() {
            switch expression.kind {
            case .callDefinition(let name, _), .callTable(let name, _):
                if seen.insert(name).inserted { found.append(name) }
            default:
                break
            }
            pending.append(contentsOf: expression.children.reversed())
        }
        return found
    }
}
