// Records and lists chosen by an expression: `om c så a annars b` of two records or two lists,
// and a call of a definition whose value is one (`definition ansvarig: Person kan saknas = om
// anordnare.har_tillförordnad så anordnare.tillförordnad annars anordnare.verksamhetsansvarig`).
// No register holds a record or a list, so what reads one is lowered where it is chosen:
//
// - a field of it is read in each branch: `(om c så a annars b).ålder` is `om c så a.ålder
//   annars b.ålder`;
// - a quantifier, count, sum, `största` or `minsta` walks each branch's list: `alla p i (om c så
//   l1 annars l2): …` is `om c så (alla p i l1: …) annars (alla p i l2: …)`;
// - an element of a list is read from each branch's list: `element(om c så l1 annars l2, n)`;
// - a call's body is inlined with the read in it: `ansvarig.ålder` reads `ålder` of the body.
//
// The value code gives the same. When `c` is not known the choice is not known, and so is a
// field of it and a quantifier, count or sum over it (an unknown list); so is the pushed-in `om`.
// When `c` is an error both are that error. Otherwise both read the branch `c` picks. Whether
// the record or list is there (`finns`) is no such read: an unknown choice is not there (`nej`),
// where an `om` of two presence tests would be unknown; it is lowered on its own
// (``choicePresence(_:_:present:_:)``).
//
// What is lowered this way is kept only when it needs no closure; otherwise the read stays one
// closure, as before. What is written into both branches counts against the bounds of inlined
// calls, as if it were a call's body, and so do the calls inside it (see ``spend(_:)``). The
// places of what the builder wrote are noted in a trace instance of their own, where a trace of
// the check as written never reads them: a check that needs them has no trace, and the value
// code explains it (a presence test of an `om` written in the check is traced as written).

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// `read` of the record or list `choice` as a value operand (see
    /// ``throughChoice(_:_:_:_:guarded:)``); nil, with nothing emitted, where it is not lowered.
    mutating func valueThroughChoice(_ choice: TypedExpression, _ compiler: Compiler,
                                     _ read: (TypedExpression) -> TypedExpression) -> ValueOperand? {
        throughChoice(choice, read, compiler, { $0.value(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) })
    }

    /// `read` of the record or list `choice` as a truth (see ``throughChoice(_:_:_:_:guarded:)``);
    /// nil, with nothing emitted, where it is not lowered.
    mutating func truthThroughChoice(_ choice: TypedExpression, _ compiler: Compiler,
                                     _ read: (TypedExpression) -> TypedExpression) -> Register? {
        throughChoice(choice, read, compiler, { $0.truth(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) })
    }

    /// `read` of the record or list `choice` lowered by `lower` where it is chosen: in each branch
    /// of an `om`, in the inlined body of a call (whose arguments' errors `guarded` keeps, as the
    /// call's). Nil, with nothing emitted, for anything else, and where that needs a closure or
    /// would grow past the bounds.
    private mutating func throughChoice<Lowered>(_ choice: TypedExpression, _ read: (TypedExpression) -> TypedExpression,
                                                 _ compiler: Compiler,
                                                 _ lower: (inout TruthProgramBuilder, TypedExpression) -> Lowered,
                                                 guarded: (inout TruthProgramBuilder, Lowered, Register) -> Lowered) -> Lowered? {
        switch choice.kind {
        case .conditional(let condition, let then, let otherwise):
            // A branch `okänt` (`om x finns så x annars okänt`): so is what reads it.
            func branch(_ expression: TypedExpression) -> TypedExpression {
                let made = read(expression)
                guard case .unknown = expression.kind else { return made }
                return TypedExpression(.unknown, type: made.type, span: made.span)
            }
            let first = branch(then)
            let written = TypedExpression(.conditional(condition, first, branch(otherwise)), type: first.type, span: choice.span)
            guard spend(written.size(limit: Self.maximumInlinedTree)) else { return nil }
            return withoutClosures { $0.asWritten { lower(&$0, written) } }
        case .callDefinition(let name, let arguments):
            return withoutClosures { $0.inlinedCall(name, arguments, compiler, { lower(&$0, read($1)) }, guarded: guarded) }
        default:
            return nil
        }
    }

    /// Whether `read` of the record or list `choice` is there (`finns`; `saknas` when not
    /// `present`), where `choice` is an `om` or a call (see above): for an `om`, `c finns och (om
    /// c så read(a) finns annars read(b) finns)`, which is `nej` when `c` is not known, as the
    /// value code has it (for `saknas`, `c saknas eller (om …)`). Nil, with nothing emitted, for
    /// anything else, and where that needs a closure or would grow past the bounds.
    mutating func choicePresence(_ choice: TypedExpression, _ read: (TypedExpression) -> TypedExpression, present: Bool,
                                 _ compiler: Compiler) -> Register? {
        func presence(_ operand: TypedExpression) -> TypedExpression {
            let made = read(operand)
            // A branch `okänt` is not there.
            if case .unknown = operand.kind { return TypedExpression(.boolean(!present), type: .boolean, span: made.span) }
            return TypedExpression(.presence(made, present: present), type: .boolean, span: made.span)
        }
        switch choice.kind {
        case .conditional(let condition, let then, let otherwise):
            let (whenYes, whenNo) = (presence(then), presence(otherwise))
            let size = condition.size(limit: Self.maximumInlinedTree) + whenYes.size(limit: Self.maximumInlinedTree)
                + whenNo.size(limit: Self.maximumInlinedTree)
            guard spend(size) else { return nil }
            return withoutClosures { builder in
                builder.asWritten { builder in
                    let picker = builder.truth(of: condition, compiler)
                    let (yes, no) = builder.branches(on: picker) { $0.truth(of: whenYes, compiler) }
                        otherwise: { $0.truth(of: whenNo, compiler) }
                    let picked = builder.emit { .conditional(picker, then: yes, otherwise: no, into: $0) }
                    // Whether the condition is known (an error stays one): `ja` or `nej` picks a branch.
                    let known = builder.emit { .registerKnown(picker, present: true, into: $0) }
                    let reads = (RegisterRead(register: known, negated: !present), RegisterRead(register: picked, negated: false))
                    return builder.emit { present ? .both(reads.0, reads.1, into: $0) : .either(reads.0, reads.1, into: $0) }
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

    /// Whether `size` more nodes, written into both branches of a choice, fit in what one call
    /// written in the rules may bring in (``maximumInlinedTree``) and in what the program may
    /// (``maximumInlinedTotal``); they are then spent. A read written into both branches is
    /// written twice, a read inside it four times, and so on: the reads of one choice written in
    /// the rules, and every call inside them, count against the bound of one call (a choice
    /// outside every inlined body starts the count, as such a call does; see ``choiceDepth``).
    /// What is spent stays spent when the attempt is dropped, so that the next one stops sooner.
    private mutating func spend(_ size: Int) -> Bool {
        if inliningDepth == 0, choiceDepth == 0 { inlining.spent = 0 }
        guard inlining.spent + size <= Self.maximumInlinedTree, inlinedTotal + size <= Self.maximumInlinedTotal else { return false }
        inlining.spent += size
        inlinedTotal += size
        return true
    }

    /// What `lower` makes of an expression the builder wrote: inside a choice (see
    /// ``choiceDepth``), with its places noted in a trace instance of their own (see
    /// ``TraceKey/instance``), since such expressions share their spans with the rules'.
    private mutating func asWritten<Lowered>(_ lower: (inout TruthProgramBuilder) -> Lowered) -> Lowered {
        let outer = traceInstance
        traceInstances += 1
        traceInstance = traceInstances
        choiceDepth += 1
        let lowered = lower(&self)
        choiceDepth -= 1
        traceInstance = outer
        return lowered
    }
}

extension TypedExpression {
    /// The record or list chosen by an expression (see `TruthProgramBuilder+Choices.swift`) that
    /// this expression reads, with the read rebuilt on another record or list: the expression
    /// itself when it is an `om` or a call of a definition; the record whose field (or field of a
    /// field) it is (`ansvarig.adress.ort`); the list it is an element of (`element(lista, n)`:
    /// the value code computes no `n` of a list not known, nor does an `om` whose condition is not
    /// known). Nil for anything else.
    var readOfChoice: (choice: TypedExpression, read: (TypedExpression) -> TypedExpression)? {
        switch kind {
        case .conditional, .callDefinition:
            return (self, { $0 })
        case .field(let base, let index, let name):
            guard let (choice, read) = base.readOfChoice else { return nil }
            return (choice, { TypedExpression(.field(read($0), index: index, name: name), type: type, span: span) })
        case .callBuiltin(.element, let arguments) where arguments.count == 2:
            guard let (choice, read) = arguments[0].readOfChoice else { return nil }
            return (choice, { TypedExpression(.callBuiltin(.element, [read($0), arguments[1]]), type: type, span: span) })
        default:
            return nil
        }
    }
}
