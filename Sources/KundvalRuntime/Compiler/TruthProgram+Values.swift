import KundvalChecker

/// A value in a value register of a ``TruthProgram``: `ja/nej`, a number, a date or an
/// enumeration case, in two integers and a kind. Registers hold no reference, so writing one
/// costs no reference counting; texts, records and lists never go into one (the builder
/// compares them through a closure instead).
struct ScalarValue {
    enum Kind: UInt8 {
        case unknown, boolean, number, date, enumCase
    }

    var kind: Kind
    /// The flag (0 or 1), the numerator, the day number or the case index.
    var first: Int64
    /// The denominator of a number.
    var second: Int64

    static let unknown = ScalarValue(kind: .unknown, first: 0, second: 0)

    init(kind: Kind, first: Int64, second: Int64) {
        (self.kind, self.first, self.second) = (kind, first, second)
    }

    @inline(__always)
    init(_ value: Value) {
        switch value {
        case .boolean(let flag): self.init(kind: .boolean, first: flag ? 1 : 0, second: 0)
        case .number(let number): self.init(kind: .number, first: number.numerator, second: number.denominator)
        case .date(let day): self.init(kind: .date, first: Int64(day.number), second: 0)
        case .enumCase(let index): self.init(kind: .enumCase, first: Int64(index), second: 0)
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

    /// A date.
    @inline(__always)
    init(_ day: Day) { self.init(kind: .date, first: Int64(day.number), second: 0) }

    /// A number.
    @inline(__always)
    init(_ number: Rational) { self.init(kind: .number, first: number.numerator, second: number.denominator) }

    /// The date, when the value is one.
    var day: Day? { kind == .date ? Day(number: Int32(truncatingIfNeeded: first)) : nil }

    /// The number, when the value is one.
    var number: Rational? { kind == .number ? Rational(parts: first, second) : nil }

    /// The value as the rest of the interpreter knows it.
    var value: Value {
        switch kind {
        case .unknown: .unknown
        case .boolean: .boolean(first != 0)
        case .number: .number(Rational(parts: first, second))
        // A day number came from a `Day`, so it fits.
        case .date: .date(Day(number: Int32(truncatingIfNeeded: first)))
        case .enumCase: .enumCase(Int(first))
        }
    }

    /// -1, 0 or 1 as ``Compiler/order(_:_:)`` orders the same values; `nil` when either is
    /// unknown or they are of different kinds.
    @inline(__always)
    static func order(_ x: ScalarValue, _ y: ScalarValue) -> Int? {
        guard x.kind == y.kind, x.kind != .unknown else { return nil }
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
        case .boolean, .integer, .decimal, .money, .percent, .date, .days, .months, .quantity, .rate, .enumeration: true
        case .text, .record, .list, .error, .optional: false
        }
    }
}
