import KundvalChecker
import KundvalSyntax

// Calls of definitions in a truth program. Most conditions that call a definition call it on
// a fact or a list's element (`alla p i anordnare.personal: uppfyller_kompetenskrav(p)`); as a
// closure, such a call costs a context, a frame of locals and reference counts per element.
// Inlined, the definition's body reads the element's fields where they are, as if the
// condition had spelled it out.
//
// A call is inlined when every argument is a path (a literal, a fact, a local or a field of
// one: it cannot fail, so dropping an argument the body does not read changes no error), when
// its body is small, and when the whole body lowers without a closure; otherwise nothing of the
// attempt is kept and the call stays a closure. The checker has rejected recursive
// definitions, and inlining stops at a fixed depth all the same.

extension TruthProgramBuilder {
    /// How deep calls inside inlined bodies are inlined.
    static let maximumInliningDepth = 4
    /// The largest body (in expression nodes) inlined.
    static let maximumInlinedSize = 400

    /// `name(arguments)` lowered by `lower` with the definition's body in its place; nil, with
    /// nothing emitted, when the call cannot be inlined (see above).
    mutating func inlinedCall<Lowered>(_ name: String, _ arguments: [TypedExpression], _ compiler: Compiler,
                                       _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered) -> Lowered? {
        guard inliningDepth < Self.maximumInliningDepth, let definition = compiler.definitions[name],
              definition.parameters.count == arguments.count, arguments.allSatisfy(\.isPath),
              definition.body.expression.size(limit: Self.maximumInlinedSize) <= Self.maximumInlinedSize else { return nil }
        let body = definition.body.expression.inlining(arguments, shift: nextInlinedLocal)
        var trial = self
        trial.inliningDepth += 1
        trial.nextInlinedLocal += max(definition.body.frameSize, 1)
        let lowered = lower(&trial, body)
        guard trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        trial.inliningDepth -= 1
        self = trial
        return lowered
    }

    /// A loop (`alla|någon|ingen x i lista: body`, `antal x i lista där body`, `summa x i lista:
    /// body`) whose body calls definitions (on the element: `uppfyller_kompetenskrav(p)`, or on
    /// anything else), lowered by `lower` with every call of the body that can be inlined
    /// inlined, when it then binds the element as a cursor and needs no closure; nil, with
    /// nothing emitted, otherwise.
    mutating func loopInliningCalls<Lowered>(body: TypedExpression, _ compiler: Compiler,
                                             _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered?) -> Lowered? {
        var trial = self
        let expanded = trial.expandingCalls(body, compiler, depth: inliningDepth)
        guard expanded != body, let lowered = lower(&trial, expanded),
              trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        self = trial
        return lowered
    }

    /// `expression` with every call that ``inlinedCall(_:_:_:_:)`` could inline replaced by the
    /// definition's body, to `depth` ``maximumInliningDepth``.
    mutating func expandingCalls(_ expression: TypedExpression, _ compiler: Compiler, depth: Int) -> TypedExpression {
        if case .callDefinition(let name, let arguments) = expression.kind, depth < Self.maximumInliningDepth,
           let definition = compiler.definitions[name], definition.parameters.count == arguments.count {
            let expandedArguments = arguments.map { expandingCalls($0, compiler, depth: depth) }
            if expandedArguments.allSatisfy(\.isPath),
               definition.body.expression.size(limit: Self.maximumInlinedSize) <= Self.maximumInlinedSize {
                let body = definition.body.expression.inlining(expandedArguments, shift: nextInlinedLocal)
                nextInlinedLocal += max(definition.body.frameSize, 1)
                return expandingCalls(body, compiler, depth: depth + 1)
            }
        }
        let children = expression.children
        guard !children.isEmpty else { return expression }
        var index = 0
        return expression.replacingChildren { _ in
            defer { index += 1 }
            return expandingCalls(children[index], compiler, depth: depth)
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
        case .count(let slot, let domain, let filter):
            let d = t(domain)
            replaced = .count(slot: slot, d, filter: filter.map(t))
        case .record(let name, let fields): replaced = .record(name, fields.map { $0.map(t) })
        }
        return TypedExpression(replaced, type: type, span: span)
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
        case .list(let elements): inlined = .list(elements.map(r))
        case .record(let name, let fields): inlined = .record(name, fields.map { $0.map(r) })
        }
        return TypedExpression(inlined, type: type, span: span)
    }
}
