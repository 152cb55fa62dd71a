// Records and lists chosen by an expression: `om c så a annars b` of two records or two lists,
// and a call of a definition whose value is one (`definition ansvarig: Person kan saknas = om
// anordnare.har_tillförordnad så anordnare.tillförordnad annars anordnare.verksamhetsansvarig`).
// No register holds a record or a list, so what reads one is lowered where it is chosen:
//
// - a field of it is read in each branch: `(om c så a annars b).ålder` is `om c så a.ålder
//   annars b.ålder`;
// - a quantifier, count or sum walks each branch's list: `alla p i (om c så l1 annars l2): …` is
//   `om c så (alla p i l1: …) annars (alla p i l2: …)`;
// - an element of a list is read from each branch's list: `element(om c så l1 annars l2, n)`;
// - a call's body is inlined with the read in it: `ansvarig.ålder` reads `ålder` of the body.
//
// The value code gives the same. When `c` is not known the choice is not known, and so is a
// field of it and a quantifier, count or sum over it (an unknown list); so is the pushed-in `om`.
// When `c` is an error both are that error. Otherwise both read the branch `c` picks. Whether
// the record or list is there (`finns`) is no such read: an unknown choice is not there (`nej`),
// where an `om` of two presence tests would be unknown; it is lowered on its own
// (``choicePresence(_:present:_:)``).
//
// What is lowered this way is kept only when it needs no closure; otherwise the read stays one
// closure, as before. Its places are noted in a trace instance of their own: they belong to
// expressions the builder wrote, not to the rules, and a check that reads such a record or list
// has no trace (its condition is explained by the value code).

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// `read` of the record or list `chosen` lowered by `lower` where it is chosen: in each
    /// branch of an `om`, in the inlined body of a call (whose arguments' errors `guarded`
    /// keeps, as the call's). Nil, with nothing emitted, for anything else, and where that needs
    /// a closure.
    mutating func throughChoice<Lowered>(_ chosen: TypedExpression, _ read: (TypedExpression) -> TypedExpression,
                                         _ compiler: Compiler, _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered,
                                         guarded: (inout TruthProgramBuilder, Lowered, Register) -> Lowered) -> Lowered? {
        switch chosen.kind {
        case .conditional(let condition, let then, let otherwise):
            // A branch `okänt` (`om x finns så x annars okänt`): so is what reads it.
            func branch(_ expression: TypedExpression) -> TypedExpression {
                let made = read(expression)
                guard case .unknown = expression.kind else { return made }
                return TypedExpression(.unknown, type: made.type, span: made.span)
            }
            let first = branch(then)
            let pushed = TypedExpression(.conditional(condition, first, branch(otherwise)), type: first.type, span: chosen.span)
            guard spend(pushed.size(limit: Self.maximumInlinedTree)) else { return nil }
            return withoutClosures { $0.ownInstance { lower(&$0, pushed) } }
        case .callDefinition(let name, let arguments):
            return withoutClosures { $0.inlinedCall(name, arguments, compiler, { lower(&$0, read($1)) }, guarded: guarded) }
        default:
            return nil
        }
    }

    /// Whether `read` of the record or list `chosen` is there (`finns`; `saknas` when not
    /// `present`), where `chosen` is an `om` or a call (see above): for an `om`, `c finns och
    /// (om c så read(a) finns annars read(b) finns)`, which is `nej` when `c` is not known, as the
    /// value code has it (for `saknas`, `c saknas eller (om …)`). Nil, with nothing emitted, for
    /// anything else, and where that needs a closure.
    mutating func choicePresence(_ chosen: TypedExpression, _ read: (TypedExpression) -> TypedExpression, present: Bool,
                                 _ compiler: Compiler) -> Register? {
        func presence(_ operand: TypedExpression) -> TypedExpression {
            let read = read(operand)
            // A branch `okänt` is not there.
            if case .unknown = operand.kind { return TypedExpression(.boolean(!present), type: .boolean, span: read.span) }
            return TypedExpression(.presence(read, present: present), type: .boolean, span: read.span)
        }
        switch chosen.kind {
        case .conditional(let condition, let then, let otherwise):
            guard spend(chosen.size(limit: Self.maximumInlinedTree)) else { return nil }
            return withoutClosures { builder in
                builder.ownInstance { builder in
                    let c = builder.truth(of: condition, compiler)
                    let (a, b) = builder.branches(on: c) { $0.truth(of: presence(then), compiler) }
                        otherwise: { $0.truth(of: presence(otherwise), compiler) }
                    let picked = builder.emit { .conditional(c, then: a, otherwise: b, into: $0) }
                    // Whether `c` is known (an error stays one): `ja` or `nej` picks a branch.
                    let known = builder.emit { .registerKnown(c, present: true, into: $0) }
                    let (k, p) = (RegisterRead(register: known, negated: !present), RegisterRead(register: picked, negated: false))
                    return builder.emit { present ? .both(k, p, into: $0) : .either(k, p, into: $0) }
                }
            }
        case .callDefinition(let name, let arguments):
            return withoutClosures {
                $0.inlinedCall(name, arguments, compiler, { $0.truth(of: presence($1), compiler) }, guarded: { $0.guarded($1, by: $2) })
            }
        default:
            return nil
        }
    }

    /// Whether `size` more nodes fit in what inlined calls may bring in (see
    /// ``maximumInlinedTree`` and ``maximumInlinedTotal``), which are then spent: a read pushed
    /// into both branches is written twice, and a chain of choices (`om c så x annars y`, each of
    /// `x` and `y` a call of the same kind) would double it at every step.
    private mutating func spend(_ size: Int) -> Bool {
        guard inlining.spent + size <= Self.maximumInlinedTree, inlinedTotal + size <= Self.maximumInlinedTotal else { return false }
        inlining.spent += size
        inlinedTotal += size
        return true
    }

    /// What `lower` makes on a copy of the builder, kept only when it needs no closure more;
    /// nil, with nothing kept, otherwise.
    private mutating func withoutClosures<Lowered>(_ lower: (inout TruthProgramBuilder) -> Lowered?) -> Lowered? {
        var trial = self
        guard let lowered = lower(&trial),
              trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        self = trial
        return lowered
    }

    /// What `lower` makes with its places noted in a trace instance of their own (see
    /// ``TraceKey/instance``): expressions the builder wrote share their spans with the rules'.
    private mutating func ownInstance<Lowered>(_ lower: (inout TruthProgramBuilder) -> Lowered) -> Lowered {
        let outer = traceInstance
        traceInstances += 1
        traceInstance = traceInstances
        let lowered = lower(&self)
        traceInstance = outer
        return lowered
    }
}

extension TypedExpression {
    /// A record or list no path names, chosen by an expression (see
    /// `TruthProgramBuilder+Choices.swift`), that the expression reads: the expression itself
    /// when it is an `om` or a call of a definition, the record whose field (or field of a
    /// field) it is (`ansvarig.adress.ort`), or the list it is an element of (`element(lista,
    /// n)`: the value code does not compute `n` of a list not known, nor does an `om` whose
    /// condition is not known); with the read rebuilt on another record or list. Nil for
    /// anything else.
    var chosen: (choice: TypedExpression, read: (TypedExpression) -> TypedExpression)? {
        switch kind {
        case .conditional, .callDefinition:
            return (self, { $0 })
        case .field(let base, let index, let name):
            guard let (choice, read) = base.chosen else { return nil }
            return (choice, { TypedExpression(.field(read($0), index: index, name: name), type: type, span: span) })
        case .callBuiltin(.element, let arguments) where arguments.count == 2:
            guard let (choice, read) = arguments[0].chosen else { return nil }
            return (choice, { TypedExpression(.callBuiltin(.element, [read($0), arguments[1]]), type: type, span: span) })
        default:
            return nil
        }
    }
}
