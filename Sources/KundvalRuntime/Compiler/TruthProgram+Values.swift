import KundvalChecker

/// A value in a value register of a ``TruthProgram``: `ja/nej`, a number, a date, an
/// enumeration case, a text or a range of integers (a count not known exactly), in two
/// integers and a kind. Registers hold no reference, so
/// writing one costs no reference counting: a text is held as where it is (see ``TextSource``),
/// since the language computes no texts, it only picks them. Records and lists never go into one.
struct ScalarValue {
    enum Kind: UInt8 {
        /// The kinds that order as values (see ``isOrdered``): declared first.
        case boolean, number, date, enumCase, text
        case unknown
        /// What could not be computed here (see ``Truth/error``).
        case error
        /// An integer not known exactly, known to lie from `first` to `second` (`first <
        /// second`): a count of the elements a filter holds for, when it is not known for some
        /// of them, as the value code's ``Value/bounded(low:high:)`` (whose ends may also be
        /// fractions, which no register holds: see ``init(result:)``).
        case range

        /// Whether two values of the kind order as values (see ``order(_:_:)``): those declared
        /// before ``unknown``, tested with one comparison.
        @inline(__always) var isOrdered: Bool { rawValue < Kind.unknown.rawValue }
    }

    /// Where a text in a register is: every text a program handles is written in the rules,
    /// held by the facts, or made by value code the program calls.
    enum TextSource: Int64 {
        /// Element `second` of the program's ``TruthProgram/constants``.
        case constant
        /// Flat slot `second` of the facts.
        case slot
        /// Cell `second` of the facts' tables (counted over all tables: see ``FactStorage``).
        case cell
        /// Text `second` that value code gave the run, kept by its context
        /// (``EvaluationContext/keptTexts``).
        case kept
    }

    var kind: Kind
    /// The flag (0 or 1), the numerator, the day number, the case index, or where a text is
    /// (a ``TextSource``).
    var first: Int64
    /// The denominator of a number; the index of a text in its source.
    var second: Int64

    static let unknown = ScalarValue(kind: .unknown, first: 0, second: 0)
    static let error = ScalarValue(kind: .error, first: 0, second: 0)

    init(kind: Kind, first: Int64, second: Int64) {
        (self.kind, self.first, self.second) = (kind, first, second)
    }

    /// The value, but a text, which is held as where it is (see ``text(_:at:)``): unknown.
    @inline(__always)
    init(_ value: Value) {
        switch value {
        case .boolean(let flag): self.init(kind: .boolean, first: flag ? 1 : 0, second: 0)
        case .number(let number): self.init(kind: .number, first: number.numerator, second: number.denominator)
        case .date(let day): self.init(kind: .date, first: Int64(day.number), second: 0)
        case .enumCase(let index): self.init(kind: .enumCase, first: Int64(index), second: 0)
        // A text is never read so: the builder reads a text fact as a text operand, before it
        // chooses any other reading. (An assertion here, compiled out of release builds all
        // the same, made the compiler stop inlining `scalar` into the executor.)
        default: self = .unknown
        }
    }

    /// A value read from its key (see ``FactKey``) as `reading` says (a date, an enumeration
    /// case or a number), or from its value (element `index` of `values`) when the key cannot
    /// hold it.
    @inline(__always)
    init(key: Int32, _ reading: ValueOperand.Reading, in values: FencedView<Value>, at index: Int) {
        switch key {
        case FactKey.unknown: self = .unknown
        case FactKey.other: self.init(values[index])
        default:
            switch reading {
            case .date: self.init(kind: .date, first: Int64(key), second: 0)
            case .enumCase: self.init(kind: .enumCase, first: Int64(key), second: 0)
            case .number, .value: self.init(kind: .number, first: Int64(key), second: 1)
            }
        }
    }

    /// A value that value code or an arithmetic rule on ranges computed (see
    /// ``ArithmeticRule/applyToBounds(_:_:)``), as a register holds it: a range with integer
    /// ends as a ``Kind/range``; one with an end that is a fraction, which no register holds, as
    /// an error, so that the value code decides what reads it (a text: unknown, as ``init(_:)``).
    init(result value: Value) {
        guard case .bounded(let low, let high) = value else {
            self.init(value)
            return
        }
        self = low.isInteger && high.isInteger && low.numerator < high.numerator
            ? ScalarValue(kind: .range, first: low.numerator, second: high.numerator) : .error
    }

    /// A date.
    @inline(__always)
    init(_ day: Day) { self.init(kind: .date, first: Int64(day.number), second: 0) }

    /// A number.
    @inline(__always)
    init(_ number: Rational) { self.init(kind: .number, first: number.numerator, second: number.denominator) }

    /// The text at `index` of `source`.
    @inline(__always)
    static func text(_ source: TextSource, at index: Int) -> ScalarValue {
        ScalarValue(kind: .text, first: source.rawValue, second: Int64(index))
    }

    /// `value`, read at `index` of `source`: a text as that place (see ``TextSource``), any
    /// other value itself. The place is computed only for a text.
    @inline(__always)
    init(_ value: Value, _ source: TextSource, at index: @autoclosure () -> Int) {
        if case .text = value {
            self = .text(source, at: index())
        } else {
            self.init(value)
        }
    }

    /// The date, when the value is one.
    var day: Day? { kind == .date ? Day(number: Int32(truncatingIfNeeded: first)) : nil }

    /// The number, when the value is one.
    var number: Rational? { kind == .number ? Rational(parts: first, second) : nil }

    /// The value as the rest of the interpreter knows it; a text only where it is, which
    /// ``TruthProgram/value(of:_:_:)`` reads (here: unknown, which no caller asks of a text).
    var value: Value {
        switch kind {
        case .unknown: return .unknown
        case .error:
            assertionFailure("an error read as a value")
            return .unknown
        case .boolean: return .boolean(first != 0)
        case .number: return .number(Rational(parts: first, second))
        // A day number came from a `Day`, so it fits.
        case .date: return .date(Day(number: Int32(truncatingIfNeeded: first)))
        case .enumCase: return .enumCase(Int(first))
        case .text:
            assertionFailure("a text read without its source")
            return .unknown
        case .range: return .bounded(low: Rational(integer: first), high: Rational(integer: second))
        }
    }

    /// -1, 0 or 1 as ``Compiler/order(_:_:)`` orders the same values; `nil` when either is
    /// unknown, an error or a range, or they are of different kinds. Not for texts, which are
    /// ordered where they are (see ``TruthProgram/order(_:_:_:_:)``).
    @inline(__always)
    static func order(_ x: ScalarValue, _ y: ScalarValue) -> Int? {
        guard x.kind == y.kind, x.kind.isOrdered else { return nil }
        assert(x.kind != .text, "texts compared without their sources")
        if x.kind == .number {
            let (a, b) = (Rational(parts: x.first, x.second), Rational(parts: y.first, y.second))
            return a < b ? -1 : a == b ? 0 : 1
        }
        // Flags (`nej` before `ja`), day numbers and case indices order as integers.
        return x.first < y.first ? -1 : x.first == y.first ? 0 : 1
    }

    /// Whether values of `type` fit in a register.
    static func holds(_ type: KundvalType) -> Bool {
        switch type.unwrapped {
        case .boolean, .integer, .decimal, .money, .percent, .date, .days, .months, .quantity, .rate, .enumeration, .text: true
        case .record, .list, .error, .optional: false
        }
    }
}
