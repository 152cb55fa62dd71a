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
// expression it does not yet cover (a loop over a list the program does not walk, a call it
// does not inline, a list or record named otherwise than the value code names it) leaves the
// check without a trace, and its condition is explained by its value code as before.

/// What an observer is told of one expression, and where the plan's run keeps the values told
/// (see `TraceNode.swift`). Made once per check at load time; immutable.
indirect enum TraceNode: Sendable {
    /// Where a run keeps a truth that a step tells: a register, or an operand the program reads
    /// where it is (a case test or a key test of a fact; see ``TruthOperand``).
    enum Place: Sendable {
        case register(Register)
        case operand(TruthOperand)
        /// A value a value register holds, or that the program reads where it is.
        case value(ValueOperand)
        /// Arithmetic an instruction does on two values and keeps no register of (a deadline's
        /// `u.mottagen + 2 veckor`, see ``TruthInstruction/compareArithmetic``): done again by
        /// the same rule when a step needs its value.
        case arithmetic(ArithmeticRule, ValueOperand, ValueOperand)
    }

    /// What a loop makes of its elements (see ``TruthProgram/Loop/Fold``).
    enum Fold: Sendable {
        /// A quantifier: stops at the first element that decides, and tells its truth.
        case quantifier(Quantifier)
        /// `antal … där …`: walks every element, and tells nothing of its own.
        case count
        /// `summa …: …`: stops at the first element whose value is not a number, and tells
        /// nothing of its own.
        case sum
        /// `största …: …` (`minsta` when not `largest`): walks each element's `där` (see
        /// ``Loop/filter``), and its value where the `där` holds; stops where the value code
        /// stops (a `där` or a value not known, a value that does not order against the one
        /// kept), and tells nothing of its own.
        case extreme(largest: Bool)
    }

    /// How the elements of a loop's list are named in steps (see `ElementNames.swift`): as
    /// elements of a fact path (`element(anordnare.personer, 2)`), of a list in a field of the
    /// element of a loop around it (`element(element(anordnare.uppdrag, 1).rapporter, 2)`), or not
    /// at all.
    enum ListName: Sendable {
        case path(String)
        case field(frame: Int32, suffix: String)
        case none
    }

    /// A loop over a fact table (`alla p i anordnare.personer: …`, `antal …`, `summa …`; see
    /// ``TraceWalker``).
    struct Loop: Sendable {
        /// Told a quantifier's truth after the elements (nil for a count or a sum).
        let point: TracePoint?
        /// The loop's truth or value.
        let result: Place
        /// The list, told first.
        let domain: TraceNode
        /// The program's loop (see ``TruthProgram/loops``), and the frame its element is in.
        let loop: Int32
        let frame: Int32
        let fold: Fold
        let list: ListName
        /// The body, walked for each element until the quantifier is decided.
        let body: TraceNode
        /// The `där` of a `största` or `minsta`, walked for each element before its body, which
        /// is walked only where it holds.
        let filter: TraceNode?
    }

    /// How a definition's parameter is bound while a walk is in its body.
    enum Parameter: Sendable {
        /// To the value its argument's trace gave; the fields of a record named, when missing,
        /// by the argument's path (`anordnare.garant`).
        case value(named: String?)
        /// To the element of the loop in frame `frame` (`uppfyller(p)` in `alla p i …`), or to the
        /// record at `path` inside it (`behörig(p.utbildning)`: `[1]`): its fields are that
        /// element's cells (see ``FactTable/column(_:)``), named by the element and `suffix`
        /// (`.utbildning`), as the value code names them through the argument.
        case element(frame: Int32, path: [Int] = [], suffix: String = "")
    }

    /// A call of a definition (see `TruthProgramBuilder+CallTraces.swift`).
    struct Call: Sendable {
        /// Told the call's value, after its arguments and body.
        let point: TracePoint
        /// Each argument's trace, walked first in order (nil for an element bound as it is,
        /// which tells nothing).
        let arguments: [TraceNode?]
        let parameters: [Parameter]
        let body: TraceNode
        /// For a definition without parameters, its name: its body is walked at its first
        /// call only, as the value code computes it once per evaluation.
        let memo: String?
        /// Whether its body was lowered once outside every loop and is walked inside one: its
        /// loops are in the frames from the first on, which the loops around the call use too,
        /// so a walk of the body gives every frame back afterwards.
        var restoresFrames = false
        /// For a definition without parameters, the instance its body was lowered in and the
        /// file of the part reading it: calls with the same share one body in a ``TraceTable``
        /// (see ``TraceWork/bodies``).
        var sharedBody: TraceWork.Key? = nil
    }

    /// A fact of a flat slot: `point` is told the slot's value.
    case fact(TracePoint, slot: Int)
    /// A call of a definition.
    case definition(Call)
    /// Parameter `index` of the definition whose body is walked, bound to a value: nothing is
    /// told.
    case parameter(Int)
    /// Field `field` of that parameter's record (`p.roll`): `point` is told its value, named
    /// by the argument (and `suffix`) when it is missing.
    case parameterField(TracePoint, Int, field: Int, suffix: String)
    /// A field of a loop's element (`p.roll`): `point` is told its value, named by its element
    /// when it is not known (`element(anordnare.personer, 2)` and `suffix`, `.roll`). A plain
    /// element of a list of plain values (`t` in `någon t i anordnare.tal: …`) tells nothing
    /// (no `point`).
    case cell(TracePoint?, Cell, suffix: String)
    /// A quantifier over a fact table.
    case loop(Loop)
    /// A constant written in the rules: nothing is told.
    case constant(Value)
    /// A constant the rules compute (`3 > 2`): the steps of its computation, made when it was
    /// lowered, are told again as the value code tells them (see ``Compiler/compile(_:)``).
    case folded([TraceEntry], Value)
    /// An expression whose value no step tells (arithmetic, `antal` without `där`, the
    /// assessment date): the steps of its parts, in order; its value read from `place`, or
    /// without one not read (see ``isRead``).
    case value([TraceNode], place: Place?)
    /// A built-in function (`är_arbetsdag(d)`): the steps of its arguments, the second only
    /// when the first is known unless `readsBoth`, then `point` is told its value, read from
    /// `place`.
    case call(TracePoint, [TraceNode], readsBoth: Bool, place: Place)
    /// `dokument högst … gammalt vid at`: the steps of the document, those of `at` only when the
    /// document has a date of issue (its field `issuedField`, or itself), then `point` is told
    /// the truth, read from `truth`.
    case documentAge(TracePoint, TraceNode, issuedField: Int32?, at: TraceNode, truth: Place)
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
    /// `element(lista, n)`: the steps of the list, those of the place only when the list is
    /// one, then `point` is told the element (not known for a place outside the list), as the
    /// value code tells them. The walk takes the element from the list's value: the program
    /// reads the element's fields from the list's table and keeps no value of the element.
    case element(TracePoint, list: TraceNode, place: TraceNode)
    /// Fields of a computed record (`element(lista, 2).utbildning.hp`, `(om … så p.a annars
    /// p.b).hp`): the steps of the record, then `point` is told the field's value, taken from the
    /// record's value; named by `name` when it is missing, as ``Compiler/tracedFields`` names it.
    case fields(TracePoint, record: TraceNode, fields: [Int], name: ElementName?)

    /// How a field of a computed element is named when it is missing
    /// (`element(anordnare.personal, 2).utbildning.hp`): element `index` (from 0) of the list
    /// `list` names, then the fields `suffix` names.
    struct ElementName: Sendable {
        let list: ListName
        let index: Int
        let suffix: String
    }
}

extension TraceNode {
    /// Whether a walk of the node gives its value (every node but a ``value(_:place:)`` without
    /// a place, and what picks one): a node whose steps depend on an operand's value reads only
    /// such operands.
    var isRead: Bool {
        switch self {
        case .value(_, let place): place != nil
        case .conditional(_, let then, let otherwise): then.isRead && otherwise.isRead
        default: true
        }
    }
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
    /// The inlined call whose body it is in (0 outside every one): a definition's body is
    /// lowered again at each call.
    let instance: Int

    /// The key of `expression` in file `file`, for its truth or loop, or its value when
    /// `value`; nil for an expression a trace never reads from where the builder put it.
    init?(_ expression: TypedExpression, file: Int, value: Bool = false, instance: Int) {
        switch (expression.kind, value) {
        case (.binary(let op, _, _), false):
            guard let comparison = TruthComparison(op) else { return nil }
            tag = Int(comparison.rawValue)
        case (.presence(_, let present), false): tag = present ? 10 : 11
        case (.documentAge, false): tag = 12
        case (.quantified, false): tag = 13
        case (.callBuiltin, false): tag = 14
        case (.callDefinition, false): tag = 15
        case (.callTable, false): tag = 16
        // Where a value is (see ``TruthProgramBuilder/value(of:_:)``).
        case (.binary(let op, _, _), true):
            tag = switch op {
            case .add: 20
            case .subtract: 21
            case .multiply: 22
            case .divide: 23
            default: 24
            }
        case (.unary, true): tag = 25
        case (.callBuiltin, true): tag = 26
        case (.conditional, true): tag = 27
        case (.count, true): tag = 28
        case (.sum, true): tag = 29
        case (.extreme(let largest, _, _, _, _), true): tag = largest ? 30 : 31
        default: return nil
        }
        (self.file, start, end, self.instance) = (file, expression.span.start, expression.span.end, instance)
    }
}
