import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// Explanations from the plan's run (as cel-go explains an exhaustive evaluation from the values
// it recorded per node): a check's program computes every value eagerly, and leaves the truths
// of its comparisons in registers. The trace of the check says what an observer is told about
// it, in the order the language evaluates it (left to right, `och` stopping at `nej` and `eller`
// at `ja`, only the branch of `om` that its condition picks), and where each value told is:
// a fact in its slot, a comparison's truth in its register or read where it is. A walk of the
// trace after the run (see ``TraceWalker``) tells the observer those steps, without computing
// anything again. The walk is the language's order of steps; the program stays free to compute
// in any order it likes.
//
// The trace is made by the builder that lowers the check (see
// `TruthProgramBuilder+Traces.swift`), from the same expression and at the same time. An
// expression it does not yet cover (a loop, a call, a field of a computed record) leaves the
// check without a trace, and its condition is explained by its value code as before.

/// What an observer is told of one expression, and where the plan's run keeps the values told
/// (see `TraceNode.swift`). Made once per check at load time; immutable.
indirect enum TraceNode: Sendable {
    /// Where a run keeps a truth that a step tells: a register, or an operand the program reads
    /// where it is (a case test or a key test of a fact; see ``TruthOperand``).
    enum Place: Sendable {
        case register(Register)
        case operand(TruthOperand)
    }

    /// A fact of a flat slot: `point` is told the slot's value.
    case fact(TracePoint, slot: Int)
    /// A constant written in the rules: nothing is told.
    case constant(Value)
    /// A constant the rules compute (`3 > 2`): the steps of its computation, made when it was
    /// lowered, are told again as the value code tells them (see ``Compiler/compile(_:)``).
    case folded([TraceEntry], Value)
    /// An expression whose own value no step tells and no other node reads (arithmetic, the
    /// assessment date): the steps of its parts, in order.
    case parts([TraceNode])
    /// `inte`, `och`, `eller` and `om … så … annars …`: the steps of their operands, in the
    /// order the language evaluates them.
    case not(TraceNode)
    case and(TraceNode, TraceNode)
    case or(TraceNode, TraceNode)
    case conditional(TraceNode, then: TraceNode, otherwise: TraceNode)
    /// A comparison or a document's age: the steps of its parts in order, then `point` is told
    /// its truth, read from `truth`.
    case decision(TracePoint, [TraceNode], truth: Place)
    /// `x finns` (`saknas` when not `present`): the steps of `x`, then `point` is told whether
    /// the test holds, read from `truth`, or without one from `x`, a fact.
    case presence(TracePoint, TraceNode, present: Bool, truth: Place?)
}

/// Where a builder lowered a comparison, a presence test or a document's age, so that the trace
/// of its check can read the truth the run left there (see ``TruthProgramBuilder/note(_:for:_:)``).
/// An expression is known by its file, its place in it and what it is: two expressions the
/// checker made at one place (`mellan` as two comparisons) differ in their operator.
struct TraceKey: Hashable {
    let file: Int
    let start: Int
    let end: Int
    let tag: Int

    /// The key of `expression` in file `file`; nil for an expression whose truth a trace never
    /// reads from where the builder put it.
    init?(_ expression: TypedExpression, file: Int) {
        switch expression.kind {
        case .binary(let op, _, _):
            guard let comparison = TruthComparison(op) else { return nil }
            tag = Int(comparison.rawValue)
        case .presence(_, let present): tag = present ? 10 : 11
        case .documentAge: tag = 12
        default: return nil
        }
        (self.file, start, end) = (file, expression.span.start, expression.span.end)
    }
}
