import KundvalChecker
import KundvalSyntax

/// A compiled truth program (see `TruthInstruction.swift`): the instructions of every quick
/// decision of one assessment plan. Immutable after `init`, shared by every evaluation.
final class TruthProgram: Sendable {

    /// A loop over a fact table: a quantifier (`alla p i anordnare.personal: …`), a count or
    /// a sum.
    struct Loop {
        /// What a loop makes of its elements.
        enum Fold: UInt8 {
            /// `någon`, `ingen`, `alla`: a truth, into a register; the loop stops once it is
            /// decided.
            case some, none, all
            /// `antal … där …`: how many elements' truths are `ja`, into a value register; a
            /// range when some are not known (see ``ScalarValue/Kind/range``), an error when one
            /// is an error.
            case count
            /// `summa …: …`: the sum of the elements' values, into a value register; unknown
            /// (and the loop stops) at the first that is not a number.
            case sum
            /// `största …: …` and `minsta …: …`: the largest or smallest of the elements' values
            /// (of those its `där` holds for), into a value register; unknown for none. The loop
            /// stops at the first element whose `där` or value is not known, or whose value does
            /// not order against the largest so far (unknown), or is an error (an error).
            case largest, smallest

            init(_ quantifier: Quantifier) {
                switch quantifier {
                case .all: self = .all
                case .some: self = .some
                case .none: self = .none
                }
            }

            /// Whether the loop makes a value (into a value register) rather than a truth.
            @inline(__always) var makesValue: Bool { rawValue >= Fold.count.rawValue }

            /// The value of the loop before its first element, and of one over an empty list: 0
            /// for a count or a sum, unknown for the largest or smallest (there is none).
            var startValue: ScalarValue {
                switch self {
                case .count, .sum: ScalarValue(Rational.zero)
                case .largest, .smallest, .some, .none, .all: .unknown
                }
            }

            /// The loop frame's accumulator at the first element: `nej` for `någon` and
            /// `ingen` (nothing found yet), `ja` for `alla` and for a count (whose
            /// accumulator is an error after an element whose truth is one).
            @inline(__always) var start: Truth { rawValue < Fold.all.rawValue ? .no : .yes }
        }

        /// The table of the list in the facts' storage.
        let table: Int
        /// For a list inside the elements of a loop around it (a nested table): the field of
        /// that loop's element that holds it; nil for the list at a slot.
        let parent: Cell?
        /// The local slot of the element.
        let slot: Int
        /// Whether closures in the body read the element through the context's cursor, so
        /// the loop must set it for each element.
        let bindsCursor: Bool
        /// The fields of the table's elements.
        let width: Int
        let fold: Fold
        /// Where `loopStart` and the loop's end instruction are.
        let start: Int
        let end: Int
        /// The register of the quantifier's truth, or the value register of the count or sum.
        let result: Register
        /// Where the loop keeps its place while it runs: its depth among the loops around it
        /// (0 for one inside no other). Loops one after the other take the same frame, so a
        /// program has as many frames as its loops nest deep, not one per loop.
        let frame: Int32

        /// The same loop with its start and end instructions at `start` and `end`.
        func moved(start: Int, end: Int) -> Loop {
            Loop(table: table, parent: parent, slot: slot, bindsCursor: bindsCursor, width: width, fold: fold,
                 start: start, end: end, result: result, frame: frame)
        }
    }

    /// Fact slots of one word of the bit sets ``FactStorage/yes``, ``FactStorage/no`` and
    /// ``FactStorage/known`` that an `all` or `any` reads: their truths as they are
    /// (`positive`) or negated (`negative`), and whether they are known (`present`, `finns`)
    /// or not (`absent`, `saknas`).
    struct LiteralWord {
        let word: Int
        let positive: UInt64
        let negative: UInt64
        let present: UInt64
        let absent: UInt64
    }

    /// An `all` or `any` of fact literals of one word (most conditions: `kräver a och b och
    /// inte c`, `kräver x saknas eller d`), decided without branches. An `any` is the negated
    /// `all` of its negated literals (`a eller b` is `inte (inte a och inte b)`); its masks
    /// are made so when the test is built, and only its result is turned around when it runs.
    struct WordTest {
        let word: Int32
        /// The register written.
        let target: Register
        /// Whether the test is an `any` (else an `all`).
        let isAny: Bool
        /// The slots the `all` needs `ja`, `nej`, known and not known.
        let yes: UInt64
        let no: UInt64
        let known: UInt64
        let unknown: UInt64

        /// The test of `literals`, an `all` or an `any` writing `target`.
        init(_ literals: LiteralWord, isAny: Bool, target: Register) {
            (word, self.target, self.isAny) = (Int32(literals.word), target, isAny)
            (yes, no, known, unknown) = isAny ? (literals.negative, literals.positive, literals.absent, literals.present)
                : (literals.positive, literals.negative, literals.present, literals.absent)
        }

        /// The test's truth for the word's bit sets: as ``TruthProgram/all(_:_:)`` or
        /// ``TruthProgram/any(_:_:)`` decide it. Whether a slot is known is always decided.
        @inline(__always)
        func truth(yes isYes: UInt64, no isNo: UInt64, known isKnown: UInt64) -> Truth {
            let failed = (isNo & yes) | (isYes & no) | (~isKnown & known) | (isKnown & unknown) != 0
            // Where nothing failed, a slot in both `yes` and `no` cannot be: each is `ja` or `nej` as needed.
            let decided = (isYes & yes) | (isNo & no) == yes | no
            let truth: Truth = failed ? .no : decided ? .yes : .unknown
            return truth.negated(if: isAny)
        }
    }

    /// Where a running loop is: its table's fields, truth bytes and keys, and where the
    /// current element's fields start among them.
    struct Frame {
        var values: FencedView<Value>
        var truths: FencedView<UInt8>
        var keys: FencedView<Int32>
        /// The current element's first field among the table's.
        var offset: Int
        /// The elements after the current one.
        var remaining: Int
        var width: Int
        /// A quantifier's truth so far; for a count, an error once an element's truth is one
        /// (see ``Loop/Fold/start``).
        var accumulator: Truth

        /// No loop running.
        static var idle: Frame {
            Frame(values: .empty, truths: .empty, keys: .empty, offset: 0, remaining: 0, width: 0, accumulator: .no)
        }

        /// Field `field` of the current element: its value, its byte (see ``CellByte``), its
        /// key (see ``FactKey``).
        @inline(__always) func value(_ field: Int) -> Value { values[offset + field] }
        @inline(__always) func truth(_ field: Int) -> UInt8 { truths[offset + field] }
        @inline(__always) func key(_ field: Int) -> Int32 { keys[offset + field] }
    }

    let instructions: FencedBuffer<TruthInstruction>
    /// The `all` and `any` of fact literals only, run by `literals`: those of one word as
    /// word tests, the others as instructions.
    let wordTests: FencedBuffer<WordTest>
    let hoisted: FencedBuffer<TruthInstruction>
    let constants: FencedBuffer<Value>
    /// The registers `all` and `any` read.
    let registerReads: FencedBuffer<RegisterRead>
    /// The computed arguments of inlined calls, as `anyError` reads them.
    let arguments: FencedBuffer<ArgumentSource>
    /// The other operands of `all` and `any`.
    let operands: FencedBuffer<TruthOperand>
    /// The fact literals of `all` and `any`.
    let words: FencedBuffer<LiteralWord>
    let loops: FencedBuffer<Loop>
    /// Value closures for `ja/nej` expressions the instructions cannot express.
    let closures: [CodeBox]
    /// Value closures, for operands of comparisons the instructions cannot express.
    let valueClosures: [CodeBox]
    /// The arithmetic of `valueArithmetic`.
    let rules: [ArithmeticRule]
    /// The largest ages of documents, for `document` and `documentAge`.
    let ages: [AgeLimit]
    /// The numbers of months days are moved by and compared with the assessment date.
    let monthThresholds: FencedBuffer<MonthThreshold>
    /// The registers, the results first.
    let registerCount: Int
    /// The constants of value operands.
    let scalarConstants: FencedBuffer<ScalarValue>
    /// The value registers; register 0 is the assessment date.
    let valueRegisterCount: Int
    /// The frames of running loops: the deepest nesting of loops (see ``Loop/frame``).
    let frameCount: Int
    /// The values a run gives its caller besides the results (see ``run(_:_:)``).
    let valueResults: FencedBuffer<ValueOperand>
    /// The results: the first registers, which the caller reads after a run.
    let resultCount: Int
    /// The other registers the caller reads after a run.
    let truthResults: [Register]

    init(instructions: [TruthInstruction], wordTests: [WordTest], hoisted: [TruthInstruction], constants: [Value], registerReads: [RegisterRead], arguments: [ArgumentSource], operands: [TruthOperand],
         words: [LiteralWord], loops: [Loop], closures: [CodeBox], valueClosures: [CodeBox], rules: [ArithmeticRule],
         ages: [AgeLimit], monthThresholds: [MonthThreshold], registerCount: Int, scalarConstants: [ScalarValue], valueRegisterCount: Int,
         valueResults: [ValueOperand], frameCount: Int, resultCount: Int, truthResults: [Register]) {
        precondition(resultCount <= registerCount && truthResults.allSatisfy { $0 >= 0 && Int($0) < registerCount },
                     "the results are registers")
        self.truthResults = truthResults
        self.instructions = .copying(instructions)
        self.resultCount = resultCount
        self.wordTests = .copying(wordTests)
        self.hoisted = .copying(hoisted)
        self.constants = .copying(constants)
        self.registerReads = .copying(registerReads)
        self.arguments = .copying(arguments)
        self.operands = .copying(operands)
        self.words = .copying(words)
        self.loops = .copying(loops)
        self.scalarConstants = .copying(scalarConstants)
        self.closures = closures
        self.valueClosures = valueClosures
        self.rules = rules
        self.ages = ages
        self.monthThresholds = .copying(monthThresholds)
        self.registerCount = registerCount
        self.valueRegisterCount = valueRegisterCount
        self.valueResults = .copying(valueResults)
        self.frameCount = frameCount
    }

    deinit {
        instructions.free()
        wordTests.free()
        hoisted.free()
        constants.free()
        registerReads.free()
        arguments.free()
        operands.free()
        words.free()
        scalarConstants.free()
        loops.free()
        valueResults.free()
        monthThresholds.free()
    }
}
