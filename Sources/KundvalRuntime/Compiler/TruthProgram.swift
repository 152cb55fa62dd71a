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
        /// The fields of the table's elements.
        let width: Int
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

    /// An `all` or `any` of fact literals of one word (most conditions: `kräver a och b och
    /// inte c`), decided without branches: `any` is `all` with the `ja` and `nej` bit sets
    /// swapped and its result turned around (`inte`).
    struct WordTest {
        let word: Int32
        /// The register written, shifted left by one; bit 0 is set for `any`.
        let target: Int32
        let positive: UInt64
        let negative: UInt64

        /// The test's truth for the word's bit sets: as ``TruthProgram/all(_:_:_:)`` or
        /// ``TruthProgram/any(_:_:_:)`` decide it.
        @inline(__always)
        func truth(yes: UInt64, no: UInt64) -> UInt8 {
            let any = target & 1 != 0
            let (holds, fails) = any ? (no, yes) : (yes, no)
            let failed = (fails & positive) | (holds & negative) != 0
            let decided = (holds & positive) == positive && (fails & negative) == negative
            let truth: UInt8 = failed ? 0 : decided ? 2 : 1
            return any ? 2 &- truth : truth
        }
    }

    /// Where a running loop is: its current element's fields, truth bytes and keys.
    struct Frame {
        var values: UnsafePointer<Value>
        var truths: UnsafePointer<UInt8>
        var keys: UnsafePointer<Int32>
        /// The elements after the current one.
        var remaining: Int
        var width: Int
        var accumulator: UInt8
    }

    let instructions: UnsafeMutablePointer<TruthInstruction>
    let count: Int
    /// The `all` and `any` of fact literals only, run by `literals`: those of one word as
    /// word tests, the others as instructions.
    let wordTests: UnsafeMutablePointer<WordTest>
    let hoisted: UnsafeMutablePointer<TruthInstruction>
    let constants: UnsafeMutablePointer<Value>
    let constantCount: Int
    /// The operands of `all` and `any` (see ``TruthOperand``).
    let operands: UnsafeMutablePointer<Int32>
    /// The fact literals of `all` and `any`.
    let words: UnsafeMutablePointer<LiteralWord>
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
    /// The constants of value operands.
    let scalarConstants: UnsafeMutablePointer<ScalarValue>
    /// The value registers; register 0 is the assessment date.
    let valueRegisterCount: Int

    init(instructions: [TruthInstruction], wordTests: [WordTest], hoisted: [TruthInstruction], constants: [Value], operands: [Int32],
         words: [LiteralWord], loops: [Loop], closures: [TruthBox], valueClosures: [CodeBox], rules: [ArithmeticRule],
         registerCount: Int, scalarConstants: [ScalarValue], valueRegisterCount: Int) {
        (self.instructions, count) = (Self.buffer(instructions), instructions.count)
        self.wordTests = Self.buffer(wordTests)
        self.hoisted = Self.buffer(hoisted)
        (self.constants, constantCount) = (Self.buffer(constants), constants.count)
        self.operands = Self.buffer(operands)
        self.words = Self.buffer(words)
        (self.loops, loopCount) = (Self.buffer(loops), loops.count)
        self.scalarConstants = Self.buffer(scalarConstants)
        self.closures = closures
        self.valueClosures = valueClosures
        self.rules = rules
        self.registerCount = registerCount
        self.valueRegisterCount = valueRegisterCount
    }

    /// A copy of `array` in memory of its own (at least one element's room, so that the
    /// pointer is always valid), freed in `deinit`.
    private static func buffer<Element>(_ array: [Element]) -> UnsafeMutablePointer<Element> {
        let buffer = UnsafeMutablePointer<Element>.allocate(capacity: max(array.count, 1))
        buffer.initialize(from: array, count: array.count)
        return buffer
    }

    deinit {
        instructions.deallocate()
        wordTests.deallocate()
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
