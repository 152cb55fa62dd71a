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
    /// compiler of the first root that reaches it: `compiler(file)` for a root written in a part
    /// of file `file`, `document` (any compiler of the document) for one without a file. A
    /// definition that cannot be lowered without value code (a record, a list) is left as it
    /// was: its calls stay closures.
    mutating func lowerDeepDefinitions(_ roots: [(expression: TypedExpression, file: Int?)], document: Compiler,
                                       compiler: (Int) -> Compiler) {
        let library = document.library
        // Nearly every document's chains of calls are shorter than four: nothing to look for.
        guard !roots.isEmpty,
              Self.longestChain(document.definitions, document.tables, library) >= Self.maximumParameterlessDepth else { return }
        // What each root calls, found once for every program of the document that lowers it.
        let calls = roots.map { root in
            let site = CodeLibrary.Site(file: root.file ?? -1, start: root.expression.span.start, end: root.expression.span.end)
            if let known = library.rootCalls[site] { return known }
            let found = Self.calls(in: [root.expression])
            library.rootCalls[site] = found
            return found
        }
        let deep = Self.deepDefinitions(calls: calls, document.definitions, document.tables, library: library)
        for (name, root) in deep {
            guard let definition = document.definitions[name] else { continue }
            let lowering = roots[root].file.map(compiler) ?? document
            let type = definition.body.expression.type
            if type.unwrapped == .boolean {
                _ = onceTruth(name, lowering)
            } else if ScalarValue.holds(type) {
                _ = onceValue(name, lowering)
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
    /// bounded by the definitions and their bodies, whatever the chains; what is found of the
    /// bodies is kept in `library` for the next program of the document.
    static func deepDefinitions(_ roots: [TypedExpression], _ definitions: [String: CheckedDefinition],
                                _ tables: [String: CheckedTable], library: CodeLibrary = CodeLibrary()) -> [(name: String, root: Int)] {
        deepDefinitions(calls: roots.map { calls(in: [$0]) }, definitions, tables, library: library)
    }

    /// The same for roots that call `rootCalls`.
    private static func deepDefinitions(calls rootCalls: [[String]], _ definitions: [String: CheckedDefinition],
                                        _ tables: [String: CheckedTable], library: CodeLibrary) -> [(name: String, root: Int)] {
        let callees = { (name: String) in Self.callees(name, definitions, tables, library) }
        let chainLength = { (name: String) in Self.chainLength(name, definitions, tables, library) }
        guard rootCalls.contains(where: { $0.contains { chainLength($0) >= maximumParameterlessDepth } }) else { return [] }
        // The root that reached each body first, and the callees-first order of a depth-first walk.
        var firstRoot: [String: Int] = [:]
        var calleesFirst: [String] = []
        func visit(_ name: String, root: Int) {
            guard firstRoot[name] == nil, let called = callees(name) else { return }
            firstRoot[name] = root
            for callee in called { visit(callee, root: root) }
            calleesFirst.append(name)
        }
        var depth: [String: Int] = [:]
        for (index, called) in rootCalls.enumerated() {
            for callee in called {
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
            for callee in callees(name) ?? [] { depth[callee] = max(depth[callee] ?? 0, inside) }
        }
        return calleesFirst.filter(deep.contains).map { ($0, firstRoot[$0] ?? 0) }
    }

    /// The definitions and tables called in the body of definition or table `name`; nil for
    /// neither (a built-in). Kept in `library`.
    private static func callees(_ name: String, _ definitions: [String: CheckedDefinition], _ tables: [String: CheckedTable],
                                _ library: CodeLibrary) -> [String]? {
        if let known = library.callsWritten[name] { return known }
        guard let bodies = bodies(of: name, definitions, tables) else { return nil }
        let called = calls(in: bodies)
        library.callsWritten[name] = called
        return called
    }

    /// What a call of definition or table `name` lowers: the definition's body, or each row's
    /// result and the constants of its tests, in order; nil for neither (a built-in).
    static func bodies(of name: String, _ definitions: [String: CheckedDefinition],
                       _ tables: [String: CheckedTable]) -> [TypedExpression]? {
        if let definition = definitions[name] { return [definition.body.expression] }
        return tables[name].map { table in table.rows.flatMap { row in [row.result.expression] + row.tests.compactMap { $0?.1 } } }
    }

    /// The depth of the deepest call below a call of `name` made at depth 0. Kept in `library`.
    private static func chainLength(_ name: String, _ definitions: [String: CheckedDefinition], _ tables: [String: CheckedTable],
                                    _ library: CodeLibrary) -> Int {
        if let known = library.chainLengths[name] { return known }
        let length = (callees(name, definitions, tables, library) ?? []).map { 1 + chainLength($0, definitions, tables, library) }.max() ?? 0
        library.chainLengths[name] = length
        return length
    }

    /// The longest chain of calls from any definition or table: no call is deeper. Kept in
    /// `library`.
    static func longestChain(_ definitions: [String: CheckedDefinition], _ tables: [String: CheckedTable],
                             _ library: CodeLibrary) -> Int {
        if let known = library.longestChain { return known }
        let longest = (Array(definitions.keys) + Array(tables.keys)).map { chainLength($0, definitions, tables, library) }.max() ?? 0
        library.longestChain = longest
        return longest
    }

    /// The definitions and tables called in `expressions`, each once, in the order written.
    static func calls(in expressions: [TypedExpression]) -> [String] {
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
