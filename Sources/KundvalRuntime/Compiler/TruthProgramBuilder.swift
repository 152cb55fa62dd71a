import KundvalChecker
import KundvalSyntax

/// Lowers typed `ja/nej` expressions into a ``TruthProgram``. Each expression gets its own
/// register (no register is reused except a quantifier body's, once per element). The first
/// registers are the program's results, one per condition and service (see ``store(_:into:)``).
struct TruthProgramBuilder {
    var instructions: [TruthInstruction] = []
    var constants: [Value] = []
    var operands: [TruthOperand] = []
    var registerReads: [RegisterRead] = []
    /// The computed arguments of inlined calls (see ``TruthInstruction/anyError(_:into:)``).
    var arguments: [ArgumentSource] = []
    var words: [TruthProgram.LiteralWord] = []
    var loops: [TruthProgram.Loop?] = []
    private(set) var closures: [CodeBox] = []
    var valueClosures: [CodeBox] = []
    var rules: [ArithmeticRule] = []
    var scalarConstants: [ScalarValue] = []
    /// The largest ages of documents (see ``TruthInstruction/document(_:issued:age:into:)``).
    var ages: [TruthProgram.AgeLimit] = []
    /// The numbers of months days are moved by and compared with the assessment date (see
    /// `TruthProgram+MonthThresholds.swift`).
    var monthThresholds: [TruthProgram.MonthThreshold] = []
    /// The scalar constant `ja`, once a truth is read from a value register.
    private var yesConstant: Int32?
    private let resultCount: Int32
    private var registerCount: Int32
    /// Value register 0 is the assessment date.
    private var valueRegisterCount: Int32 = 1
    /// How many inlined calls the expression being lowered is inside (see
    /// `TruthProgramBuilder+Calls.swift`), and the first local slot the next inlined body's
    /// own locals take (far above any frame's).
    var inliningDepth = 0
    /// The nodes the call being inlined has brought in so far, with the calls inside it, tried
    /// or kept (see ``maximumInlinedTree``). Shared by the builder's trial copies: an attempt
    /// that fails has spent what it tried, so a call retried at every level of a chain cannot
    /// take time exponential in its depth.
    let inlining = InliningBudget()
    /// What the traces made from this builder share while they are made (see ``TraceWork``).
    let traceWork = TraceWork()
    /// The nodes every inlined call of the program has brought in (see ``maximumInlinedTotal``).
    var inlinedTotal = 0
    /// How many reads written into the branches of a choice the expression being lowered is
    /// inside (see `TruthProgramBuilder+Choices.swift`): a call inside one counts against the
    /// bound of the choice's reads, as a call inside an inlined body does against its call's.
    var choiceDepth = 0
    var nextInlinedLocal = Self.firstInlinedLocal
    /// The parameters of inlined calls whose argument is computed (not a path): the local slot
    /// the body reads for the parameter, and the register the argument was computed into,
    /// a truth register for a `ja/nej` argument, a value operand for any other.
    var boundTruths: [Int: Register] = [:]
    var boundValues: [Int: ValueOperand] = [:]
    /// Definitions without parameters too large to inline at each call, where they were
    /// lowered once (see ``onceTruth(_:_:)``).
    var onceTruths: [String: Register] = [:]
    var onceValues: [String: ValueOperand] = [:]
    /// The instance of each of their bodies (see ``TraceKey/instance``).
    var onceInstances: [String: Int] = [:]
    /// Values the program's caller reads after a run (see ``valueResult(of:_:)``).
    var valueResults: [ValueOperand] = []
    /// Registers past the results that the caller reads after a run (see
    /// ``truthResult(of:_:)``).
    var truthResults: [Register] = []
    /// Where the truths of comparisons, presence tests and documents' ages were lowered (see
    /// ``note(_:for:_:)``), for the traces of a checks' program; and those lowered twice.
    var tracePlaces: [TraceKey: TraceNode.Place] = [:]
    var ambiguousPlaces: Set<TraceKey> = []
    /// The loop each quantifier over a fact table was lowered to, for the same traces.
    var traceLoops: [TraceKey: Int32] = [:]
    /// The inlined call whose body is being lowered (0 outside every one; see ``TraceKey``), the
    /// number of them so far, and for each call inlined the instance of its body.
    var traceInstance = 0
    var traceInstances = 0
    var traceCalls: [TraceKey: (instance: Int, depth: Int)] = [:]
    /// Set while a loop whose body passes its element whole to definitions is tried (see
    /// ``loopPassingElement(_:)``): its cursor check, and those of the loops inside it, see
    /// through those calls.
    var seesThroughCalls = false
    /// While a trace of a definition's body is made: how its parameters are bound (see
    /// `TruthProgramBuilder+CallTraces.swift`); nil outside every body.
    var traceParameters: [TraceNode.Parameter]?
    /// The instance of the body of the call inlined last, and how many loops were around it
    /// where it was lowered.
    var lastInlined = 0
    var lastInlinedDepth = 0
    /// How many branches of `om … så … annars …` the code being emitted is inside.
    var branchDepth = 0
    /// Whether the code being emitted runs on every evaluation: outside every branch and loop
    /// (a loop over an empty list skips its body).
    var runsAlways: Bool { branchDepth == 0 && elements.isEmpty }
    /// The first local slot of inlined bodies. Far above any frame's, so never the slot of a
    /// cursor: an inlined body is kept only when it needs no closure, so its loops bind none
    /// (a cursor's slot sizes the context's cursor storage).
    static let firstInlinedLocal = 1 << 24
    /// The quantifiers whose body is being emitted: their element's local slot and frame (the
    /// depth of the loop, its index in this stack), and the table they walk.
    var elements: [(slot: Int, frame: Int32, scalar: Bool, table: Int)] = []
    /// The frames of the loops so far: the deepest nesting of loops that keep a frame.
    var frameCount: Int32 = 0

    /// A builder of a program with `results` results.
    init(results: Int) {
        resultCount = Int32(results)
        registerCount = resultCount
    }

    /// The program. Every loop is finished by construction (each `loopStart` is emitted with
    /// its `loopEnd`).
    ///
    /// An `all` or `any` of fact literals only (most conditions: `kräver a`, `kräver inte b
    /// och c`) reads no register, so it can run anywhere: all of them move to one `literals`
    /// instruction at the start, which decides them in one loop (out of the quantifiers, too,
    /// where they do not depend on the element).
    ///
    /// Those of one word (nearly all) become word tests, decided without branches.
    func build() -> TruthProgram {
        assert(unwrittenReads.isEmpty, "registers \(unwrittenReads.sorted()) are read but never written")
        var hoisted: [TruthInstruction] = []
        var wordTests: [TruthProgram.WordTest] = []
        var kept: [TruthInstruction] = []
        var moved = [Int](repeating: -1, count: instructions.count)
        for (index, instruction) in instructions.enumerated() {
            guard let (literals, target, isAny) = Self.literalsOnly(instruction) else {
                moved[index] = kept.count
                kept.append(instruction)
                continue
            }
            if literals.count == 1 {
                let word = words[Int(literals.lowerBound)]
                wordTests.append(TruthProgram.WordTest(word, isAny: isAny, target: target))
            } else {
                hoisted.append(instruction)
            }
        }
        if !hoisted.isEmpty || !wordTests.isEmpty {
            kept.insert(.literals(hoisted: 0..<Int32(hoisted.count), wordTests: 0..<Int32(wordTests.count)), at: 0)
            moved = moved.map { $0 < 0 ? $0 : $0 + 1 }
        }
        assert(loops.allSatisfy { !($0?.bindsCursor ?? false) || $0!.slot < Self.firstInlinedLocal },
               "an inlined loop binds a cursor")
        let finished = loops.compactMap { $0 }.map { loop in
            loop.start < 0 ? loop : loop.moved(start: moved[loop.start], end: moved[loop.end])
        }
        // A jump lands on the first instruction kept at or after its target.
        var landing = [Int](repeating: kept.count, count: instructions.count + 1)
        for index in instructions.indices.reversed() { landing[index] = moved[index] >= 0 ? moved[index] : landing[index + 1] }
        kept = kept.map { instruction in
            switch instruction {
            case .jump(let target): .jump(to: Int32(landing[Int(target)]))
            case .jumpUnless(let c, let truth, let target): .jumpUnless(c, is: truth, to: Int32(landing[Int(target)]))
            default: instruction
            }
        }
        return TruthProgram(instructions: kept, wordTests: wordTests, hoisted: hoisted, constants: constants, registerReads: registerReads,
                            arguments: arguments, operands: operands,
                            words: words, loops: finished, closures: closures, valueClosures: valueClosures, rules: rules,
                            ages: ages, monthThresholds: monthThresholds, registerCount: Int(registerCount),
                            scalarConstants: scalarConstants, valueRegisterCount: Int(valueRegisterCount), valueResults: valueResults,
                            frameCount: Int(frameCount), resultCount: Int(resultCount), truthResults: truthResults)
    }

    /// The literals, register and kind of an `all` or `any` of fact literals only.
    static func literalsOnly(_ instruction: TruthInstruction) -> (Range<Int32>, Register, Bool)? {
        switch instruction {
        case .all(let reading, let target) where reading.readsLiteralsOnly: (reading.literals, target, false)
        case .any(let reading, let target) where reading.readsLiteralsOnly: (reading.literals, target, true)
        default: nil
        }
    }

    /// The registers past the results that an instruction reads and none writes: none, by
    /// construction. (A register read on a path where it was not written is caught at run time
    /// in debug builds; this finds one that no path writes, such as a register whose writer
    /// was made to write a result instead while others still read it.)
    var unwrittenReads: Set<Register> {
        let written = Set(instructions.compactMap(\.target))
        var read = Set(instructions.flatMap(\.registersRead))
        for instruction in instructions {
            switch instruction {
            case .all(let connective, _), .any(let connective, _):
                for index in connective.registers { read.insert(registerReads[Int(index)].register) }
            default:
                continue
            }
        }
        return read.filter { $0 >= resultCount && !written.contains($0) }
    }

    /// Appends the instruction `make` makes for a new register, and returns the register.
    mutating func emit(_ make: (Register) -> TruthInstruction) -> Register {
        let target = registerCount
        registerCount += 1
        instructions.append(make(target))
        return target
    }

    /// `count` value registers no instruction writes, the first of them: for what a run keeps
    /// of its own (see ``TruthProgram/MonthThreshold``).
    mutating func reserveValueRegisters(_ count: Int32) -> ValueRegister {
        let first = valueRegisterCount
        valueRegisterCount += count
        return first
    }

    /// Appends the instruction `make` makes for a new value register, and returns it.
    mutating func emitValue(_ make: (ValueRegister) -> TruthInstruction) -> ValueRegister {
        let target = valueRegisterCount
        valueRegisterCount += 1
        instructions.append(make(target))
        return target
    }

    /// `expression`'s value as a result its caller reads after a run (see
    /// ``TruthProgram/run(_:_:)``): its index among the program's value results. Nil,
    /// with nothing emitted, when it needs a closure or is of a type the registers do not hold.
    /// Lowered where every evaluation runs it, as everything outside the conditions.
    mutating func valueResult(of expression: TypedExpression, _ compiler: Compiler) -> Int? {
        guard ScalarValue.holds(expression.type), runsAlways,
              let value = withoutClosures({ $0.value(of: expression, compiler) }) else { return nil }
        valueResults.append(value)
        return valueResults.count - 1
    }

    /// `expression`'s truth in a register its caller reads after a run; nil, with nothing
    /// emitted, when it needs a closure.
    mutating func truthResult(of expression: TypedExpression, _ compiler: Compiler) -> Register? {
        guard runsAlways, let register = withoutClosures({ $0.truth(of: expression, compiler) }) else { return nil }
        truthResults.append(register)
        return register
    }

    /// What `lower` makes on a copy of the builder, kept only when it needs no closure more;
    /// nil, with nothing kept, otherwise.
    mutating func withoutClosures<Lowered>(_ lower: (inout TruthProgramBuilder) -> Lowered?) -> Lowered? {
        var trial = self
        guard let lowered = lower(&trial),
              trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        self = trial
        return lowered
    }

    /// The scalar constant `ja`, added the first time it is needed.
    mutating func yesScalar() -> Int32 {
        if let yesConstant { return yesConstant }
        scalarConstants.append(ScalarValue(.boolean(true)))
        yesConstant = Int32(scalarConstants.count - 1)
        return Int32(scalarConstants.count - 1)
    }

    /// The truth of a `ja/nej` a value register holds: the value compared with `ja` (unknown
    /// stays unknown).
    mutating func isYes(_ value: ValueRegister) -> Register {
        let yes = yesScalar()
        return emit { .compareValues(.register(value), .equal, .constant(yes), guarded: nil, into: $0) }
    }

    /// A register holding `expression`'s truth computed by its closure (what the instructions
    /// cannot express).
    mutating func closureCall(_ expression: TypedExpression, _ compiler: Compiler) -> Register {
        closures.append(CodeBox(run: compiler.compile(expression)))
        let closure = Int32(closures.count - 1)
        return emit { .closure(closure, into: $0) }
    }

    /// A register holding a constant truth.
    mutating func constant(_ truth: Truth) -> Register { emit { .constant(truth, into: $0) } }

    /// A part of a condition or a service, as its status: does not apply when `applicability`
    /// is `nej`, undecided when it is unknown, else its documents' status (see
    /// ``documents(_:)``) unless they are all given and fresh, then the conjunction of the
    /// requirements (one `all` over them and their own `och`). Every document must have
    /// ``CompiledEvidenceDocument/slots``.
    mutating func part(applicability: TypedExpression?, requirements: [TypedExpression],
                       documents: [CompiledEvidenceDocument] = [], _ compiler: Compiler) -> Register {
        let applies = applicability.map { truth(of: $0, compiler) }
        var list: [Term] = []
        for requirement in requirements { flatten(requirement, .and, compiler, into: &list) }
        // Without requirements the part is met wherever it applies: its applicability is the
        // body too (`ja` gives met, unknown undecided).
        // The requirements' truth is read as a status (see ``Status/init(_:)``): `nej`, not known
        // and `ja` are not met, undecided and met, the same bytes.
        var body = list.isEmpty ? applies ?? constant(.yes) : connective(any: false, list)
        if !documents.isEmpty {
            let checked = self.documents(documents)
            body = emit { [body] in .gate(documents: checked, requirements: body, into: $0) }
        }
        guard let applies else { return body }
        return emit { [body] in .part(applies: applies, body: body, into: $0) }
    }

    /// The documents a part's control points ask for, as one status: undecided when one is
    /// missing, undated, issued after the assessment date or older than it may be, else met;
    /// as ``CompiledDocument/decidePart(_:_:reasons:context:)`` decides.
    mutating func documents(_ documents: [CompiledEvidenceDocument]) -> Register {
        var combined: Register?
        for document in documents {
            guard let slots = document.slots else { preconditionFailure("a document without a slot in a truth program") }
            var age: Int32?
            if let maximum = document.maximumAge {
                age = ageLimit(maximum)
            }
            let issued: IssueDate = switch slots.issued {
            case .itself: .itself
            case .field(let slot): .slot(Slot(slot))
            case .none: .none
            }
            let status = emit { .document(Slot(slots.document), issued: issued, age: age, into: $0) }
            combined = combined.map { previous in emit { .combine(previous, status, into: $0) } } ?? status
        }
        return combined ?? constant(.yes)
    }

    /// The parts of one condition together: statuses are ordered as they win, so both parts
    /// holding is their minimum, but for a failed one (see ``Status/both(_:_:)``).
    mutating func combine(_ parts: [Register]) -> Register {
        guard var combined = parts.first else {
            // No part: does not apply (a part whose applicability is `nej`).
            let never = constant(.no)
            return emit { .part(applies: never, body: never, into: $0) }
        }
        for part in parts.dropFirst() { combined = emit { [combined] in .combine(combined, part, into: $0) } }
        return combined
    }

    /// Makes result `index` (a register among the first) hold `register`'s status: the
    /// instruction that computed it writes there instead, or a `store` copies it. Not the
    /// register of a definition lowered once (see ``onceTruth(_:_:)``): later calls read it.
    mutating func store(_ register: Register, into index: Int) {
        if let last = instructions.last, last.target == register, register >= resultCount,
           !onceTruths.values.contains(register), let retargeted = last.writing(Register(index)) {
            instructions[instructions.count - 1] = retargeted
            // A trace reads the truth where it now is.
            movePlaces(of: register, to: .register(Register(index)))
            return
        }
        instructions.append(.store(register, result: Register(index)))
    }
}

/// What the call being inlined has spent of ``TruthProgramBuilder/maximumInlinedTree``: one
/// counter that every trial copy of a builder shares.
final class InliningBudget {
    var spent = 0
}

/// What the traces a builder makes share while they are made (see
/// `TruthProgramBuilder+Traces.swift`): how deep the trace being made is, and the traces of
/// the bodies of definitions without parameters.
final class TraceWork {
    /// A body's instance (see ``TraceKey/instance``), and the file of the part whose trace reads
    /// it (its places are keyed by that file).
    struct Key: Hashable {
        let instance: Int
        let file: Int
    }

    /// The bodies' traces made so far, nil for one without a trace. Such a body's trace depends
    /// on its instance only (it binds no parameter, and it reads the loops around its call only
    /// when it was inlined there, in an instance of its own): a definition lowered once and read
    /// by many calls, each of which calls another one so, made traces exponential in the length
    /// of the chain when each call made its own.
    var bodies: [Key: (trace: TraceNode?, height: Int)] = [:]
    /// The nodes around the one being made; the deepest reached since ``deepest`` was set; and
    /// whether a trace was left out for its depth since ``cut`` was set (see
    /// ``TruthProgramBuilder/maximumTraceDepth``). A body's trace is kept with its height, the
    /// levels it takes, so that a call deeper down uses it only where it fits; and a body left
    /// without a trace only for the depth it was made at is not kept.
    var depth = 0
    var deepest = 0
    var cut = false
}
