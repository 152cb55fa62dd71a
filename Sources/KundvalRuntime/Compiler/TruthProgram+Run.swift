import KundvalSyntax

/// A compiled truth program (see `TruthProgram.swift`): the instructions of every quick
/// decision of one assessment plan. Immutable after `init`, shared by every evaluation.
final class TruthProgram: @unchecked Sendable {
    // Unchecked: the buffers below are written once, in `init`, and only read afterwards.

    /// A quantifier over a fact table (`alla p i anordnare.personal: …`).
    struct Loop {
        /// The table of the list in the facts' storage.
        let table: Int
        /// The local slot of the element.
        let slot: Int
        /// Whether closures in the body read the element through the context's cursor, so
        /// the loop must set it for each element.
        let bindsCursor: Bool
        let quantifier: Quantifier
        /// Where `loopStart` and `loopEnd` are.
        let start: Int
        let end: Int
        /// The register of the quantifier's truth.
        let result: Int32
    }

    /// Fact slots of one word of ``FactStorage/yes`` and ``FactStorage/no`` that an `all` or
    /// `any` reads: as they are (`positive`) or negated (`negative`).
    struct LiteralWord {
        let word: Int
        let positive: UInt64
        let negative: UInt64
    }

    /// Where a running loop is: its current element's fields and truth bytes.
    struct Frame {
        var values: UnsafePointer<Value>
        var truths: UnsafePointer<UInt8>
        /// The elements after the current one.
        var remaining: Int
        var width: Int
        var accumulator: UInt8
    }

    let instructions: UnsafeMutablePointer<TruthInstruction>
    let count: Int
    /// The `all` and `any` of fact literals only, run by `literals`.
    let hoisted: UnsafeMutablePointer<TruthInstruction>
    let hoistedCount: Int
    let constants: UnsafeMutablePointer<Value>
    let constantCount: Int
    /// The operands of `all` and `any` (see ``TruthOperand``).
    let operands: UnsafeMutablePointer<Int32>
    let operandCount: Int
    /// The fact literals of `all` and `any`.
    let words: UnsafeMutablePointer<LiteralWord>
    let wordCount: Int
    let loops: UnsafeMutablePointer<Loop>
    let loopCount: Int
    /// Truth closures for what the instructions cannot express.
    let closures: [TruthBox]
    /// Value closures, for operands of comparisons the instructions cannot express.
    let valueClosures: [CodeBox]
    /// The arithmetic of `valueArithmetic`.
    let rules: [ArithmeticRule]
    /// The registers, the results first.
    let registerCount: Int
    let resultCount: Int
    /// The constants of value operands.
    let scalarConstants: UnsafeMutablePointer<ScalarValue>
    let scalarConstantCount: Int
    /// The value registers; register 0 is the assessment date.
    let valueRegisterCount: Int

    init(instructions: [TruthInstruction], hoisted: [TruthInstruction], constants: [Value], operands: [Int32], words: [LiteralWord], loops: [Loop],
         closures: [TruthBox],
         valueClosures: [CodeBox], rules: [ArithmeticRule], registerCount: Int, resultCount: Int,
         scalarConstants: [ScalarValue], valueRegisterCount: Int) {
        count = instructions.count
        self.instructions = .allocate(capacity: max(count, 1))
        self.instructions.initialize(from: instructions, count: count)
        hoistedCount = hoisted.count
        self.hoisted = .allocate(capacity: max(hoistedCount, 1))
        self.hoisted.initialize(from: hoisted, count: hoistedCount)
        constantCount = constants.count
        self.constants = .allocate(capacity: max(constantCount, 1))
        self.constants.initialize(from: constants, count: constantCount)
        operandCount = operands.count
        self.operands = .allocate(capacity: max(operandCount, 1))
        self.operands.initialize(from: operands, count: operandCount)
        wordCount = words.count
        self.words = .allocate(capacity: max(wordCount, 1))
        self.words.initialize(from: words, count: wordCount)
        loopCount = loops.count
        self.loops = .allocate(capacity: max(loopCount, 1))
        self.loops.initialize(from: loops, count: loopCount)
        self.closures = closures
        self.valueClosures = valueClosures
        self.rules = rules
        self.registerCount = registerCount
        self.resultCount = resultCount
        scalarConstantCount = scalarConstants.count
        self.scalarConstants = .allocate(capacity: max(scalarConstantCount, 1))
        self.scalarConstants.initialize(from: scalarConstants, count: scalarConstantCount)
        self.valueRegisterCount = valueRegisterCount
    }

    deinit {
        instructions.deallocate()
        hoisted.deallocate()
        constants.deinitialize(count: constantCount)
        constants.deallocate()
        operands.deallocate()
        words.deallocate()
        scalarConstants.deallocate()
        loops.deallocate()
    }

    /// Runs the program in `registers` (``registerCount`` bytes, the results first). A result
    /// is the status of its condition or service: 0 not met, 1 undecided (underlag saknas), 2
    /// met, 3 does not apply; results the program does not decide keep the value they had.
    func run(_ context: inout LazyContext, _ registers: UnsafeMutablePointer<UInt8>) throws(EvaluationError) {
        let facts = FactView(context.storage)
        try withUnsafeTemporaryAllocation(of: Frame.self, capacity: max(loopCount, 1)) { frames throws(EvaluationError) in
            try withUnsafeTemporaryAllocation(of: ScalarValue.self, capacity: valueRegisterCount) { values throws(EvaluationError) in
                let v = values.baseAddress!
                v.initialize(to: ScalarValue(kind: .date, first: Int64(context.date.number), second: 0))
                try execute(facts, &context, registers, frames.baseAddress!, v)
            }
        }
    }

    /// A truth byte of the facts' storage (0 `nej`, 1 `ja`, 2 unknown) in the program's order
    /// (0 `nej`, 1 unknown, 2 `ja`).
    @inline(__always)
    static func ordered(_ truth: UInt8) -> UInt8 { ((truth << 1) & 3) | (truth >> 1) }

    @inline(__always)
    static func compare(_ value: UnsafePointer<Value>, _ comparison: Int32, _ constant: Value) -> UInt8 {
        guard let order = Compiler.order(value.pointee, constant) else { return 1 }
        return (TruthComparison(rawValue: comparison) ?? .equal).holds(order) ? 2 : 0
    }

    @inline(__always)
    static func isCase(_ value: UnsafePointer<Value>, _ index: Int32, negated: Int32) -> UInt8 {
        guard case .enumCase(let actual) = value.pointee else { return 1 }
        return (actual == Int(index)) != (negated != 0) ? 2 : 0
    }

    /// The conjunction of fact literals, a word at a time: `nej` when one is `nej`, `ja` when
    /// all are `ja`, unknown otherwise.
    @inline(__always)
    static func all(_ words: UnsafePointer<LiteralWord>, _ count: Int, _ context: FactView) -> UInt8 {
        var known = true
        for word in UnsafeBufferPointer(start: words, count: count) {
            let (yes, no) = (context.yes[word.word], context.no[word.word])
            if (no & word.positive) | (yes & word.negative) != 0 { return 0 }
            if (yes & word.positive) != word.positive || (no & word.negative) != word.negative { known = false }
        }
        return known ? 2 : 1
    }

    /// The disjunction of fact literals: `ja` when one is `ja`, `nej` when all are `nej`,
    /// unknown otherwise.
    @inline(__always)
    static func any(_ words: UnsafePointer<LiteralWord>, _ count: Int, _ context: FactView) -> UInt8 {
        var known = true
        for word in UnsafeBufferPointer(start: words, count: count) {
            let (yes, no) = (context.yes[word.word], context.no[word.word])
            if (yes & word.positive) | (no & word.negative) != 0 { return 2 }
            if (no & word.positive) != word.positive || (yes & word.negative) != word.negative { known = false }
        }
        return known ? 0 : 1
    }

    /// A quantifier over one field of a table's elements: `alla` is the minimum, `någon` the
    /// maximum, `ingen` the negated maximum, stopping as soon as decided; unknown for an
    /// unknown list.
    @inline(__always)
    static func quantify(_ quantifier: Quantifier, _ table: FactStorage.Table, field: Int,
                         _ truth: ((values: UnsafePointer<Value>, truths: UnsafePointer<UInt8>)) -> UInt8) -> UInt8 {
        guard table.count >= 0 else { return 1 }
        var values = UnsafePointer(table.values) + field
        var truths = UnsafePointer(table.truths) + field
        var remaining = table.count
        if quantifier == .all {
            var result: UInt8 = 2
            while remaining > 0, result != 0 {
                result = min(result, truth((values, truths)))
                values += table.width
                truths += table.width
                remaining -= 1
            }
            return result
        }
        var found: UInt8 = 0
        while remaining > 0, found != 2 {
            found = max(found, truth((values, truths)))
            values += table.width
            truths += table.width
            remaining -= 1
        }
        return quantifier == .none ? 2 - found : found
    }

    /// The value a value operand reads (see ``ValueOperand``).
    @inline(__always)
    func scalar(_ operand: Int32, _ context: FactView, _ frames: UnsafeMutablePointer<Frame>,
                _ v: UnsafeMutablePointer<ScalarValue>) -> ScalarValue {
        let payload = Int(operand >> 2)
        switch operand & 3 {
        case ValueOperand.register: return v[payload]
        case ValueOperand.slot: return ScalarValue(context.flat + payload)
        case ValueOperand.cell: return ScalarValue(frames[payload >> 16].values + (payload & 0xFFFF))
        default: return scalarConstants[payload]
        }
    }

    /// The truth an operand of `all` or `any` reads (see ``TruthOperand``).
    @inline(__always)
    static func read(_ operand: Int32, _ context: FactView, _ r: UnsafeMutablePointer<UInt8>,
                     _ frames: UnsafeMutablePointer<Frame>) -> UInt8 {
        let payload = Int(operand >> 3)
        let truth: UInt8
        switch (operand >> 1) & 3 {
        case TruthOperand.slot: truth = ordered(context.truths[payload])
        case TruthOperand.register: truth = r[payload]
        case TruthOperand.cell: truth = ordered(frames[payload >> 16].truths[payload & 0xFFFF])
        default:
            let place = payload >> 1
            let value = payload & 1 == 0 ? UnsafePointer(context.flat + (place >> 12))
                : UnsafePointer(frames[place >> 23].values + ((place >> 12) & 0x7FF))
            truth = isCase(value, Int32(place & 0xFFF), negated: 0)
        }
        return operand & 1 == 0 ? truth : 2 &- truth
    }

    private func execute(_ facts: FactView, _ lazy: inout LazyContext, _ r: UnsafeMutablePointer<UInt8>,
                         _ frames: UnsafeMutablePointer<Frame>, _ v: UnsafeMutablePointer<ScalarValue>) throws(EvaluationError) {
        let context = facts
        var pc = 0
        while pc < count {
            let i = UnsafePointer(instructions + pc)
            pc += 1
            let t = Int(i.pointee.target)
            switch i.pointee.operation {
            case .constant:
                r[t] = UInt8(truncatingIfNeeded: i.pointee.a)
            case .slotTruth:
                r[t] = Self.ordered(context.truths[Int(i.pointee.a)])
            case .slotKnown:
                r[t] = context.known[Int(i.pointee.a)] == UInt8(truncatingIfNeeded: i.pointee.b) ? 2 : 0
            case .slotCompare:
                r[t] = Self.compare(context.flat + Int(i.pointee.a), i.pointee.b, constants[Int(i.pointee.c)])
            case .slotIsCase:
                r[t] = Self.isCase(context.flat + Int(i.pointee.a), i.pointee.b, negated: i.pointee.c)
            case .cellTruth:
                r[t] = Self.ordered(frames[Int(i.pointee.a)].truths[Int(i.pointee.b)])
            case .cellKnown:
                r[t] = frames[Int(i.pointee.a)].values[Int(i.pointee.b)].isKnown == (i.pointee.c != 0) ? 2 : 0
            case .cellIsCase:
                r[t] = Self.isCase(frames[Int(i.pointee.a)].values + Int(i.pointee.b), i.pointee.c, negated: i.pointee.d)
            case .cellCompare:
                r[t] = Self.compare(frames[Int(i.pointee.a)].values + Int(i.pointee.b), i.pointee.c, constants[Int(i.pointee.d)])
            case .valueArithmetic:
                let (a, b) = (scalar(i.pointee.a, context, frames, v), scalar(i.pointee.b, context, frames, v))
                v[t] = try rules[Int(i.pointee.c)].apply(a, b)
            case .valueClosure:
                v[t] = ScalarValue(try valueClosures[Int(i.pointee.a)].run(lazy.context))
            case .compareArithmetic:
                let d = i.pointee.d
                let computed = try rules[Int(d >> 3)].apply(scalar(i.pointee.b, context, frames, v), scalar(i.pointee.c, context, frames, v))
                guard let order = ScalarValue.order(scalar(i.pointee.a, context, frames, v), computed) else {
                    r[t] = 1
                    continue
                }
                r[t] = (TruthComparison(rawValue: d & 7) ?? .equal).holds(order) ? 2 : 0
            case .compareValues:
                guard let order = ScalarValue.order(scalar(i.pointee.a, context, frames, v), scalar(i.pointee.b, context, frames, v)) else {
                    r[t] = 1
                    continue
                }
                r[t] = (TruthComparison(rawValue: i.pointee.c) ?? .equal).holds(order) ? 2 : 0
            case .all:
                var truth = Self.all(words + Int(i.pointee.c), Int(i.pointee.d), context)
                if truth != 0 {
                    for operand in UnsafeBufferPointer(start: operands + Int(i.pointee.a), count: Int(i.pointee.b)) {
                        truth = min(truth, Self.read(operand, context, r, frames))
                    }
                }
                r[t] = truth
            case .any:
                var truth = Self.any(words + Int(i.pointee.c), Int(i.pointee.d), context)
                if truth != 2 {
                    for operand in UnsafeBufferPointer(start: operands + Int(i.pointee.a), count: Int(i.pointee.b)) {
                        truth = max(truth, Self.read(operand, context, r, frames))
                    }
                }
                r[t] = truth
            case .conditional:
                let condition = r[Int(i.pointee.a)]
                r[t] = condition == 2 ? r[Int(i.pointee.b)] : condition == 0 ? r[Int(i.pointee.c)] : 1
            case .closure:
                r[t] = Self.ordered(try closures[Int(i.pointee.a)].run(lazy.context))
            case .literals:
                for literal in UnsafeBufferPointer(start: hoisted + Int(i.pointee.a), count: Int(i.pointee.b)) {
                    let words = self.words + Int(literal.c)
                    r[Int(literal.target)] = literal.operation == .all
                        ? Self.all(words, Int(literal.d), context) : Self.any(words, Int(literal.d), context)
                }
            case .quantifyTruth:
                let loop = loops[Int(i.pointee.a)]
                let table = context.tables[loop.table]
                r[t] = Self.quantify(loop.quantifier, table, field: Int(i.pointee.b)) { Self.ordered($0.truths.pointee) }
            case .quantifyCase:
                let loop = loops[Int(i.pointee.a)]
                let table = context.tables[loop.table]
                r[t] = Self.quantify(loop.quantifier, table, field: Int(i.pointee.b)) { Self.isCase($0.values, i.pointee.c, negated: i.pointee.d) }
            case .loopStart:
                let loop = loops[Int(i.pointee.a)]
                let table = context.tables[loop.table]
                guard table.count > 0 else {
                    // An unknown list decides nothing; an empty one holds for `alla` and `ingen`.
                    r[Int(loop.result)] = table.count < 0 ? 1 : loop.quantifier == .some ? 0 : 2
                    pc = loop.end + 1
                    continue
                }
                frames[Int(i.pointee.a)] = Frame(values: table.values, truths: table.truths, remaining: table.count - 1,
                                         width: table.width, accumulator: loop.quantifier == .all ? 2 : 0)
                if loop.bindsCursor {
                    let context = lazy.context
                    context.reserveCursor(loop.slot)
                    context.cursors[loop.slot] = Cursor(fields: table.values, truths: table.truths, count: table.width)
                }
            case .loopEnd:
                let index = Int(i.pointee.a)
                let loop = loops[index]
                var frame = frames[index]
                let element = r[Int(i.pointee.b)]
                let decided: Bool
                if loop.quantifier == .all {
                    frame.accumulator = min(frame.accumulator, element)
                    decided = frame.accumulator == 0
                } else {
                    frame.accumulator = max(frame.accumulator, element)
                    decided = frame.accumulator == 2
                }
                if decided || frame.remaining == 0 {
                    r[t] = loop.quantifier == .none ? 2 - frame.accumulator : frame.accumulator
                    continue
                }
                frame.remaining -= 1
                frame.values += frame.width
                frame.truths += frame.width
                frames[index] = frame
                if loop.bindsCursor {
                    lazy.context.cursors[loop.slot] = Cursor(fields: frame.values, truths: frame.truths, count: frame.width)
                }
                pc = loop.start + 1
            case .part:
                let applies = r[Int(i.pointee.a)]
                r[t] = applies == 0 ? 3 : applies == 2 ? r[Int(i.pointee.b)] : 1
            case .combine:
                r[t] = min(r[Int(i.pointee.a)], r[Int(i.pointee.b)])
            case .store:
                r[Int(i.pointee.a)] = r[Int(i.pointee.b)]
            }
        }
    }
}

/// The facts an evaluation reads, as the plain pointers of their ``FactStorage``.
struct FactView {
    let flat: UnsafeMutablePointer<Value>
    let truths: UnsafeMutablePointer<UInt8>
    let known: UnsafeMutablePointer<UInt8>
    let tables: UnsafeMutablePointer<FactStorage.Table>
    let yes: UnsafeMutablePointer<UInt64>
    let no: UnsafeMutablePointer<UInt64>

    init(_ storage: FactStorage) {
        (flat, truths, known, tables) = (storage.values, storage.truths, storage.known, storage.tables)
        (yes, no) = (storage.yes, storage.no)
    }
}

/// The evaluation context of one evaluation, made the first time something needs it: a
/// closure, a cursor for one, or the slow path. A provider the truth program decides entirely
/// costs no context at all.
struct LazyContext {
    let storage: FactStorage
    let date: Day
    let definitionCount: Int
    private var made: EvaluationContext?

    init(storage: FactStorage, date: Day, definitionCount: Int) {
        (self.storage, self.date, self.definitionCount) = (storage, date, definitionCount)
    }

    /// An existing context (its frame reset to the top).
    init(_ context: EvaluationContext) {
        (storage, date, definitionCount) = (context.storage, context.date, context.definitionCount)
        context.base = 0
        made = context
    }

    /// Whether the context has been made.
    var exists: Bool { made != nil }

    /// The context, made now if it was not yet.
    var context: EvaluationContext {
        mutating get {
            if let made { return made }
            let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, tracing: false)
            made = context
            return context
        }
    }
}
