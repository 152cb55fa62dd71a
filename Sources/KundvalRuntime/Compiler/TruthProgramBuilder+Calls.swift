import KundvalChecker
import KundvalSyntax

// Calls of definitions and decision tables in a truth program. Most conditions that call a
// definition call it on a fact or a list's element (`alla p i anordnare.personal:
// uppfyller_kompetenskrav(p)`); as a closure, such a call costs a context, a frame of locals
// and reference counts per element. Inlined, the definition's body reads the element's fields
// where they are, as if the condition had spelled it out.
//
// A call is inlined when its body is small and the whole body lowers without a closure;
// otherwise nothing of the attempt is kept and the call stays a closure. An argument that is a
// path (a literal, a fact, a local or a field of one) takes the parameter's place in the body.
// Any other argument of a type the value registers hold (`stor(n + 1)`, `inom(d + 2 veckor)`)
// is computed first, into a register the body reads for the parameter: computed once, before
// the body, as the value code computes every argument before the call (so the program meets
// every error the value code meets). The checker has rejected recursive definitions. What a
// call may grow into is bounded by the nodes it brings in, its own body's and those of every
// call inside it: a chain of small definitions with parameters (`a6(p)` calls `a5(p)`, …
// `a1(p)`), as authors write them, is inlined whole, while a call that would grow past the
// bound (a definition that calls the next one twice, twenty deep) stays a closure. Definitions
// without parameters are inlined four levels deep; those a check reaches deeper are lowered once
// at the program's start (see `TruthProgramBuilder+DeepCalls.swift`), and a call reads them
// there. One too large to inline at each call, and each computation, is lowered once where
// every evaluation runs it, and every later call reads it there (see
// ``TruthProgramBuilder/onceTruth(_:_:)``).
//
// A decision table is inlined as the chain of its rows in the language's own words: `om <the
// first row's tests> så <its result> annars om <the second row's> så … annars okänt`. That is
// the table's rule exactly: a row whose tests are all `ja` gives its result, one with a test
// `nej` passes to the next, and one with a test not known (and none `nej`) makes the result
// unknown; no matching row is unknown too. A row without tests matches always.

extension TruthProgramBuilder {
    /// How deep calls of definitions with parameters inside inlined bodies are inlined: a safety
    /// net only (the checker rejects recursion, and ``maximumInlinedTree`` bounds the growth).
    static let maximumInliningDepth = 32
    /// How deep calls of definitions without parameters are inlined, or lowered once, inside
    /// inlined bodies. Such a call that cannot be inlined is tried again as lowered once (see
    /// ``onceTruth(_:_:)``); deeper, a chain of them (`d1 = d0 och d0`, … `d40`) would be
    /// tried twice at each level, in time exponential in its length. The definitions a check
    /// reaches this deep are lowered once at the program's start instead (see
    /// ``lowerDeepDefinitions(_:document:compiler:)``).
    static let maximumParameterlessDepth = 4
    /// The largest body (in expression nodes) inlined.
    static let maximumInlinedSize = 400
    /// How many branches of `om … så … annars …` deep a decision table's chain of rows is
    /// inlined (inside the branches around its call): each row is a branch, lowered by
    /// recursion. Tables nested in one another's last rows (31 tables of 40 rows) overflowed an
    /// 8 MB stack while a debug build lowered them (found by review); deeper, a call stays a
    /// closure, which goes through the rows in a loop.
    static let maximumBranchDepth = 256
    /// The most nodes one call outside every inlined body brings in, with every call inlined
    /// inside it, tried or kept (see ``inlining``): the program grows at most this much per call
    /// written in a condition, and lowering does at most this much work for it, however the
    /// definitions call each other.
    static let maximumInlinedTree = 10_000
    /// The most nodes all inlined calls of one program bring in together: past it, calls stay
    /// closures, and the program stays small whatever the rules.
    static let maximumInlinedTotal = 200_000

    /// `name(arguments)` lowered by `lower` with the definition's body in its place; nil, with
    /// nothing emitted, when the call cannot be inlined (see above).
    mutating func inlinedCall<Lowered>(_ name: String, _ arguments: [TypedExpression], _ compiler: Compiler,
                                       _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered,
                                       guarded: (inout TruthProgramBuilder, Lowered, Register) -> Lowered) -> Lowered? {
        guard let definition = compiler.definitions[name], definition.parameters.count == arguments.count else { return nil }
        let size = definition.body.expression.size(limit: Self.maximumInlinedSize)
        guard size <= Self.maximumInlinedSize else { return nil }
        return inlined(arguments, size: size, frameSize: definition.body.frameSize, compiler, lower, guarded: guarded) {
            definition.body.expression.inlining($0, shift: $2)
        }
    }

    /// The largest body of a definition without parameters computed once (see
    /// ``onceTruth(_:_:)``).
    static let maximumOnceSize = 5_000

    /// Definition `name` without parameters as the register of its truth: for one too large to
    /// inline at every call, and for a computation (see ``ComputationProgram``). Lowered where it
    /// is first called, and read from there by every call after it (before any inlining) when
    /// that place runs on every evaluation (outside loops and branches: see ``runsAlways``), as
    /// the value code computes it once per evaluation. Nil, with nothing emitted, when it cannot
    /// be lowered without a closure.
    mutating func onceTruth(_ name: String, _ compiler: Compiler) -> Register? {
        if let register = onceTruths[name] {
            // Lowered where every evaluation runs it: outside every loop.
            (lastInlined, lastInlinedDepth) = (onceInstances[name] ?? 0, 0)
            return register
        }
        guard let definition = compiler.definitions[name], definition.parameters.isEmpty,
              case let size = definition.body.expression.size(limit: Self.maximumOnceSize), size <= Self.maximumOnceSize,
              let register = inlined([], size: size, frameSize: definition.body.frameSize, compiler, { $0.truth(of: $1, compiler) },
                                     guarded: { $0.guarded($1, by: $2) },
                                     body: { definition.body.expression.inlining($0, shift: $2) }) else { return nil }
        if runsAlways { (onceTruths[name], onceInstances[name]) = (register, lastInlined) }
        return register
    }

    /// The same for a definition of a value (see ``onceTruth(_:_:)``).
    mutating func onceValue(_ name: String, _ compiler: Compiler) -> ValueOperand? {
        if let value = onceValues[name] {
            (lastInlined, lastInlinedDepth) = (onceInstances[name] ?? 0, 0)
            return value
        }
        guard let definition = compiler.definitions[name], definition.parameters.isEmpty,
              case let size = definition.body.expression.size(limit: Self.maximumOnceSize), size <= Self.maximumOnceSize,
              let value = inlined([], size: size, frameSize: definition.body.frameSize, compiler, { $0.value(of: $1, compiler) },
                                  guarded: { $0.guarded($1, by: $2) },
                                  body: { definition.body.expression.inlining($0, shift: $2) }) else { return nil }
        if runsAlways { (onceValues[name], onceInstances[name]) = (value, lastInlined) }
        return value
    }

    /// A call of decision table `name` lowered by `lower` as the chain of its rows (see above);
    /// nil, with nothing emitted, when it cannot be.
    mutating func tableCall<Lowered>(_ name: String, _ arguments: [TypedExpression], _ compiler: Compiler,
                                     _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered,
                                     guarded: (inout TruthProgramBuilder, Lowered, Register) -> Lowered) -> Lowered? {
        guard let table = compiler.tables[name], table.parameters.count == arguments.count,
              table.rows.count * (arguments.count + 1) <= Self.maximumInlinedSize,
              branchDepth + table.rows.count <= Self.maximumBranchDepth else { return nil }
        let frameSize = table.rows.map(\.result.frameSize).max() ?? 0
        let size = table.rows.count * (arguments.count + 1)
        // A row's tests order an argument as a number, as the value code orders it: a range
        // (see ``ScalarValue/Kind/range``) leaves each test undecided; its results read it as it is.
        return inlined(arguments, size: size, frameSize: frameSize, compiler, lower, guarded: guarded,
                       exactTests: true) { arguments, tested, shift in
            let chain = Self.rowChain(table, arguments, tested: tested, shift: shift)
            return chain.size(limit: Self.maximumInlinedSize) <= Self.maximumInlinedSize ? chain : nil
        }
    }

    /// A body of `size` nodes made by `body` from the arguments (paths, and locals standing for
    /// the registers of the others) and the shift of its own locals, lowered by `lower`; nil,
    /// with nothing emitted, when the call would bring in more than ``maximumInlinedTree`` nodes
    /// with the calls around it, an argument cannot be computed into a register, the body is
    /// nil, or it needs a closure. With computed arguments, the result is `guarded` by whether
    /// one of them is an error (see ``TruthInstruction/anyError(_:into:)``). The body is also
    /// given the arguments as a table's tests read them: with `exactTests`, a computed number
    /// that is a range is read there as not known (see ``TruthInstruction/exactValue(_:into:)``).
    private mutating func inlined<Lowered>(_ arguments: [TypedExpression], size: Int, frameSize: Int, _ compiler: Compiler,
                                           _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered,
                                           guarded: (inout TruthProgramBuilder, Lowered, Register) -> Lowered,
                                           exactTests: Bool = false,
                                           body: ([TypedExpression], [TypedExpression], Int) -> TypedExpression?) -> Lowered? {
        guard inliningDepth < (arguments.isEmpty ? Self.maximumParameterlessDepth : Self.maximumInliningDepth),
              inlinedTotal + size <= Self.maximumInlinedTotal else { return nil }
        var trial = self
        var passed = arguments
        var tested = arguments
        var computed: [ArgumentSource] = []
        // A local is passed as it is, but one bound to a computed value (a parameter of a call
        // around this one, an element of a list written out) may hold a range.
        for (index, argument) in arguments.enumerated() where exactTests && argument.isPath {
            if case .local(let slot, _) = argument.kind, let value = trial.boundValues[slot], case .register = value {
                tested[index] = trial.exactLocal(value, argument)
            }
        }
        for (index, argument) in arguments.enumerated() where !argument.isPath {
            guard ScalarValue.holds(argument.type) else { return nil }
            let slot = trial.nextInlinedLocal
            trial.nextInlinedLocal += 1
            if argument.type.unwrapped == .boolean {
                let register = trial.truth(of: argument, compiler)
                trial.boundTruths[slot] = register
                computed.append(.truth(register))
            } else {
                let value = trial.value(of: argument, compiler)
                trial.boundValues[slot] = value
                computed.append(.value(value))
                if exactTests, case .register = value {
                    tested[index] = trial.exactLocal(value, argument)
                    passed[index] = TypedExpression(.local(slot: slot, name: "argument"), type: argument.type, span: argument.span)
                    continue
                }
            }
            passed[index] = TypedExpression(.local(slot: slot, name: "argument"), type: argument.type, span: argument.span)
            tested[index] = passed[index]
        }
        // A call outside every inlined body starts its own count (its computed arguments, lowered
        // before it, are calls of their own); each attempt is counted, kept or not.
        if inliningDepth == 0, choiceDepth == 0 { inlining.spent = 0 }
        guard inlining.spent + size <= Self.maximumInlinedTree, let made = body(passed, tested, trial.nextInlinedLocal) else { return nil }
        inlining.spent += size
        trial.inlinedTotal += size
        trial.inliningDepth += 1
        trial.nextInlinedLocal += max(frameSize, 1)
        // The body's places are its own (see ``TraceKey/instance``).
        let outer = trial.traceInstance
        trial.traceInstances += 1
        trial.traceInstance = trial.traceInstances
        var lowered = lower(&trial, made)
        (trial.lastInlined, trial.lastInlinedDepth) = (trial.traceInstance, trial.elements.count)
        trial.traceInstance = outer
        guard trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        trial.inliningDepth -= 1
        if let failure = trial.failure(of: computed) { lowered = guarded(&trial, lowered, failure) }
        self = trial
        return lowered
    }

    /// A local of its own bound to `value` as a table's tests read `argument`: a range as not
    /// known (see ``TruthInstruction/exactValue(_:into:)``).
    private mutating func exactLocal(_ value: ValueOperand, _ argument: TypedExpression) -> TypedExpression {
        let slot = nextInlinedLocal
        nextInlinedLocal += 1
        boundValues[slot] = .register(emitValue { .exactValue(value, into: $0) })
        return TypedExpression(.local(slot: slot, name: "argument"), type: argument.type, span: argument.span)
    }

    /// The register of whether one of the values `computed` is an error (see
    /// ``TruthInstruction/anyError(_:into:)``): the computed arguments of a call, or the
    /// elements of a list written out, which the value code computes before the body that reads
    /// them (or does not). Nil, with nothing emitted, for none.
    mutating func failure(of computed: [ArgumentSource]) -> Register? {
        guard !computed.isEmpty else { return nil }
        let start = Int32(arguments.count)
        arguments += computed
        let range = start..<Int32(arguments.count)
        return emit { .anyError(range, into: $0) }
    }

    /// `truth`, or an error when `failure` is one (`failure` is `ja` otherwise).
    mutating func guarded(_ truth: Register, by failure: Register) -> Register {
        emit { .conditional(failure, then: truth, otherwise: truth, into: $0) }
    }

    /// `value`, or an error when `failure` is one (`failure` is `ja` otherwise).
    mutating func guarded(_ value: ValueOperand, by failure: Register) -> ValueOperand {
        .register(emitValue { .valueSelect(failure, then: value, otherwise: value, into: $0) })
    }

    /// The rows of `table` called with `arguments` as a chain of `om … så … annars …` (see
    /// above), each row's result with its own locals shifted by `shift`.
    static func rowChain(_ table: CheckedTable, _ arguments: [TypedExpression], tested: [TypedExpression]? = nil,
                         shift: Int) -> TypedExpression {
        let resultType = KundvalType.optional(table.resultType.unwrapped)
        var chain = TypedExpression(.unknown, type: resultType, span: table.span)
        for row in table.rows.reversed() {
            let result = row.result.expression.inlining(arguments, shift: shift)
            let tests = zip(row.tests, tested ?? arguments).compactMap { test, argument in
                test.map { rowTest($0, argument, $1) }
            }
            guard let first = tests.first else {
                // Matches whatever the arguments: the rows after it are never reached.
                chain = result
                continue
            }
            let condition = tests.dropFirst().reduce(first) {
                TypedExpression(.binary(.and, $0, $1), type: .optional(.boolean), span: row.span)
            }
            chain = TypedExpression(.conditional(condition, result, chain), type: resultType, span: row.span)
        }
        return chain
    }

    /// The test of a row's cell, `argument <op> constant`, at the constant's place: each cell's
    /// test is an expression of its own (see ``TraceKey``), whose truth a table call's trace reads.
    static func rowTest(_ op: BinaryOperator, _ argument: TypedExpression, _ constant: TypedExpression) -> TypedExpression {
        TypedExpression(.binary(op, argument, constant), type: .optional(.boolean), span: constant.span)
    }

    /// A loop (`alla|någon|ingen x i lista: body`, `antal x i lista där body`, `summa x i lista:
    /// body`) whose body passes its element whole to definitions (`uppfyller(p)`), lowered by
    /// `lower` with the element bound as a cursor all the same: each such call is inlined (in an
    /// instance of its own, see ``TraceKey``), and its body reads the element's fields where they
    /// are. Nil, with nothing emitted, when a call or anything else in the loop needs a closure,
    /// which would read the element as a whole value that a cursor does not hold.
    mutating func loopPassingElement<Lowered>(_ lower: (inout TruthProgramBuilder) -> Lowered?) -> Lowered? {
        guard !seesThroughCalls else { return nil }
        return withoutClosures { builder in
            builder.seesThroughCalls = true
            defer { builder.seesThroughCalls = false }
            return lower(&builder)
        }
    }
}

extension TypedExpression {
    /// The expression with each direct sub-expression replaced by `transform` of it, in the
    /// order of ``children``.
    func replacingChildren(_ transform: (TypedExpression) -> TypedExpression) -> TypedExpression {
        let t = transform
        let replaced: Kind
        switch kind {
        case .boolean, .unknown, .number, .date, .text, .enumCase, .fact, .local, .assessmentDate, .error: return self
        case .field(let base, let index, let name): replaced = .field(t(base), index: index, name: name)
        case .callDefinition(let name, let arguments): replaced = .callDefinition(name, arguments.map(t))
        case .callTable(let name, let arguments): replaced = .callTable(name, arguments.map(t))
        case .callBuiltin(let builtin, let arguments): replaced = .callBuiltin(builtin, arguments.map(t))
        case .list(let elements): replaced = .list(elements.map(t))
        case .unary(let op, let operand): replaced = .unary(op, t(operand))
        case .presence(let operand, let present): replaced = .presence(t(operand), present: present)
        case .binary(let op, let left, let right):
            let l = t(left)
            replaced = .binary(op, l, t(right))
        case .conditional(let a, let b, let c):
            let (x, y) = (t(a), t(b))
            replaced = .conditional(x, y, t(c))
        case .documentAge(let document, let field, let age, let date):
            let d = t(document)
            replaced = .documentAge(d, issuedField: field, age, at: date.map(t))
        case .quantified(let quantifier, let slot, let domain, let body):
            let d = t(domain)
            replaced = .quantified(quantifier, slot: slot, d, t(body))
        case .sum(let slot, let domain, let body):
            let d = t(domain)
            replaced = .sum(slot: slot, d, t(body))
        case .extreme(let largest, let slot, let domain, let filter, let body):
            let d = t(domain)
            let f = filter.map(t)
            replaced = .extreme(largest: largest, slot: slot, d, filter: f, t(body))
        case .count(let slot, let domain, let filter):
            let d = t(domain)
            replaced = .count(slot: slot, d, filter: filter.map(t))
        case .record(let name, let fields): replaced = .record(name, fields.map { $0.map(t) })
        }
        return TypedExpression(replaced, type: type, span: span)
    }

    /// The expression with local `slot` replaced by `value` wherever it is read (a quantifier
    /// inside that binds the same slot hides it).
    func replacingLocal(_ slot: Int, with value: TypedExpression) -> TypedExpression {
        switch kind {
        case .local(slot, _):
            return value
        case .quantified(_, slot, _, _), .count(slot, _, _), .sum(slot, _, _), .extreme(_, slot, _, _, _):
            // The domain is read outside the inner binding; the body sees the inner element.
            let children = self.children
            var index = 0
            return replacingChildren { child in
                defer { index += 1 }
                return index == 0 ? children[0].replacingLocal(slot, with: value) : child
            }
        default:
            return replacingChildren { $0.replacingLocal(slot, with: value) }
        }
    }

    /// Whether evaluating the expression can neither fail nor do more than read: a literal, a
    /// fact, a local, the assessment date or a field of one.
    var isPath: Bool {
        switch kind {
        case .boolean, .unknown, .number, .date, .text, .enumCase, .fact, .local, .assessmentDate: true
        case .field(let base, _, _): base.isPath
        default: false
        }
    }

    /// The number of nodes, counting no further than `limit` past it.
    func size(limit: Int) -> Int {
        var count = 0
        func visit(_ expression: TypedExpression) {
            guard count <= limit else { return }
            count += 1
            expression.children.forEach(visit)
        }
        visit(self)
        return count
    }

    /// The direct sub-expressions.
    var children: [TypedExpression] {
        switch kind {
        case .boolean, .unknown, .number, .date, .text, .enumCase, .fact, .local, .assessmentDate, .error: []
        case .field(let base, _, _): [base]
        case .callDefinition(_, let arguments), .callTable(_, let arguments), .callBuiltin(_, let arguments),
             .list(let arguments): arguments
        case .unary(_, let operand), .presence(let operand, _): [operand]
        case .binary(_, let left, let right): [left, right]
        case .conditional(let a, let b, let c): [a, b, c]
        case .documentAge(let document, _, _, let date): [document] + (date.map { [$0] } ?? [])
        case .quantified(_, _, let domain, let body), .sum(_, let domain, let body): [domain, body]
        case .extreme(_, _, let domain, let filter, let body): [domain] + (filter.map { [$0] } ?? []) + [body]
        case .count(_, let domain, let filter): [domain] + (filter.map { [$0] } ?? [])
        case .record(_, let fields): fields.compactMap { $0 }
        }
    }

    /// A definition's body with its parameters (locals `0 ..< arguments.count`) replaced by
    /// `arguments` and its other locals (those its quantifiers bind) moved up by `shift`, so
    /// that they meet no local of the caller's.
    func inlining(_ arguments: [TypedExpression], shift: Int) -> TypedExpression {
        func r(_ expression: TypedExpression) -> TypedExpression { expression.inlining(arguments, shift: shift) }
        func moved(_ slot: Int) -> Int { slot + shift }
        let inlined: Kind
        switch kind {
        case .local(let slot, let name):
            if slot < arguments.count { return arguments[slot] }
            inlined = .local(slot: moved(slot), name: name)
        case .boolean, .unknown, .number, .date, .text, .enumCase, .fact, .assessmentDate, .error:
            return self
        case .field(let base, let index, let name): inlined = .field(r(base), index: index, name: name)
        case .callDefinition(let name, let arguments): inlined = .callDefinition(name, arguments.map(r))
        case .callTable(let name, let arguments): inlined = .callTable(name, arguments.map(r))
        case .callBuiltin(let builtin, let arguments): inlined = .callBuiltin(builtin, arguments.map(r))
        case .unary(let op, let operand): inlined = .unary(op, r(operand))
        case .binary(let op, let left, let right): inlined = .binary(op, r(left), r(right))
        case .presence(let operand, let present): inlined = .presence(r(operand), present: present)
        case .conditional(let a, let b, let c): inlined = .conditional(r(a), r(b), r(c))
        case .documentAge(let document, let field, let age, let date):
            inlined = .documentAge(r(document), issuedField: field, age, at: date.map(r))
        case .quantified(let quantifier, let slot, let domain, let body):
            inlined = .quantified(quantifier, slot: moved(slot), r(domain), r(body))
        case .count(let slot, let domain, let filter): inlined = .count(slot: moved(slot), r(domain), filter: filter.map(r))
        case .sum(let slot, let domain, let body): inlined = .sum(slot: moved(slot), r(domain), r(body))
        case .extreme(let largest, let slot, let domain, let filter, let body):
            inlined = .extreme(largest: largest, slot: moved(slot), r(domain), filter: filter.map(r), r(body))
        case .list(let elements): inlined = .list(elements.map(r))
        case .record(let name, let fields): inlined = .record(name, fields.map { $0.map(r) })
        }
        return TypedExpression(inlined, type: type, span: span)
    }
}
