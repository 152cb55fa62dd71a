import KundvalSyntax

/// A compiled truth program (see `TruthInstruction.swift`): the instructions of every quick
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
        // The loops' frames and the value registers in one stack allocation.
        let framesSize = max(loopCount, 1) * MemoryLayout<Frame>.stride
        let valuesOffset = (framesSize + MemoryLayout<ScalarValue>.alignment - 1)
            / MemoryLayout<ScalarValue>.alignment * MemoryLayout<ScalarValue>.alignment
        let byteCount = valuesOffset + valueRegisterCount * MemoryLayout<ScalarValue>.stride
        try withUnsafeTemporaryAllocation(byteCount: byteCount,
                                          alignment: max(MemoryLayout<Frame>.alignment, MemoryLayout<ScalarValue>.alignment)) {
            raw throws(EvaluationError) in
            let frames = raw.baseAddress!.bindMemory(to: Frame.self, capacity: max(loopCount, 1))
            let v = (raw.baseAddress! + valuesOffset).bindMemory(to: ScalarValue.self, capacity: valueRegisterCount)
            v.initialize(to: ScalarValue(kind: .date, first: Int64(context.date.number), second: 0))
            try execute(facts, &context, registers, frames, v)
        }
    }
}
