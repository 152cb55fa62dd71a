import KundvalChecker
import KundvalSyntax

extension Compiler {
    /// `a op b` for two values of the same kind; unknown when either is unknown.
    func compileComparison(_ op: BinaryOperator, _ left: @escaping Code, _ right: @escaping Code) -> Code {
        guard let comparison = TruthComparison(op) else { return { _ in .unknown } }
        return { context throws(EvaluationError) in
            let a = try left(context)
            let b = try right(context)
            guard let order = Self.order(a, b) else { return Self.compareBounds(comparison, a, b) }
            return .boolean(comparison.holds(order))
        }
    }

    /// The lowest and highest a number may be: a known number is both; a range
    /// (``Value/bounded(low:high:)``) its ends; nil for anything else.
    static func bounds(_ value: Value) -> (low: Rational, high: Rational)? {
        switch value {
        case .number(let x): (x, x)
        case .bounded(let low, let high): (low, high)
        default: nil
        }
    }

    /// A comparison with a range on a side (``Value/bounded(low:high:)``): `ja` when it holds
    /// for every number in the ranges, `nej` when it holds for none, unknown otherwise (so
    /// three of four known to hold is `ja` for `>= 3` and `nej` for `< 3`). Unknown for any
    /// other values, as ``order(_:_:)`` leaves them.
    @inline(never)
    static func compareBounds(_ comparison: TruthComparison, _ a: Value, _ b: Value) -> Value {
        guard let (aLow, aHigh) = bounds(a), let (bLow, bHigh) = bounds(b) else { return .unknown }
        // The orders of the ends that decide: `a < b` for every pair when aHigh < bLow, for
        // none when aLow >= bHigh.
        let disjoint = aHigh < bLow || bHigh < aLow
        let always: Bool, never: Bool
        switch comparison {
        case .less: (always, never) = (aHigh < bLow, aLow >= bHigh)
        case .lessEqual: (always, never) = (aHigh <= bLow, aLow > bHigh)
        case .greater: (always, never) = (aLow > bHigh, aHigh <= bLow)
        case .greaterEqual: (always, never) = (aLow >= bHigh, aHigh < bLow)
        case .equal: (always, never) = (aLow == aHigh && bLow == bHigh && aLow == bLow, disjoint)
        case .notEqual: (always, never) = (disjoint, aLow == aHigh && bLow == bHigh && aLow == bLow)
        }
        return always ? .boolean(true) : never ? .boolean(false) : .unknown
    }

    /// -1, 0 or 1; `nil` when a value is unknown or the values cannot be ordered. Switches on
    /// one value at a time: a switch over the pair would copy both into a tuple first.
    @inline(__always)
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch a {
        case .number(let x):
            guard case .number(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case .date(let x):
            guard case .date(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case .enumCase(let x):
            guard case .enumCase(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case .boolean(let x):
            guard case .boolean(let y) = b else { return nil }
            return x == y ? 0 : (!x ? -1 : 1)
        case .text(let x):
            guard case .text(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            return nil
        }
    }

    /// Arithmetic by the unit rules: percentages of amounts are divided by 100, dates move by
    /// days or by calendar months (clamped to the end of a shorter month).
    func compileArithmetic(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression) -> Code {
        let (l, r) = (compile(left), compile(right))
        let rule = ArithmeticRule(op, left.type, right.type)
        return { context throws(EvaluationError) in try rule.apply(try l(context), try r(context)) }
    }

    /// Three-valued quantifiers: `alla` is false as soon as one element fails, `någon` true as
    /// soon as one holds; an unknown element makes the result unknown only if nothing decides,
    /// and an element that could not be computed makes it an error only if nothing decides.
    func compileQuantifier(_ quantifier: Quantifier, slot: Int, _ domain: @escaping Code, _ body: @escaping Code,
                           name: ElementNamer?) -> Code {
        { context throws(EvaluationError) in
            guard case .list(let elements) = try domain(context) else { return .unknown }
            var unknown = false
            var failure: EvaluationError?
            let list = context.observer == nil ? nil : name?(context)
            for (index, element) in elements.enumerated() {
                context.bindElement(slot, element, index: index, of: list)
                let value: Value
                do throws(EvaluationError) { value = try body(context) } catch {
                    failure = failure ?? error
                    continue
                }
                switch value {
                case .boolean(let holds):
                    if quantifier == .all && !holds { return .boolean(false) }
                    if quantifier != .all && holds { return .boolean(quantifier == .some) }
                default:
                    unknown = true
                }
            }
            if let failure { throw failure }
            if unknown { return .unknown }
            return .boolean(quantifier != .some)
        }
    }

    /// The value of `a och b` (`decisive` false) or `a eller b` (`decisive` true) when `a`
    /// could not be computed: `b` decides when it is `nej` (`ja`), since then `a` does not
    /// matter; otherwise `a`'s error stands. The same holds with the sides swapped, and for the
    /// requirements of a condition and the parts of one: a result never depends on the order
    /// its sides are evaluated in, so the truth programs may test cheap facts first. Only
    /// where an error is seen (a division by zero, an overflow, a date beyond the calendar).
    @inline(never)
    static func decidedByOtherSide(_ decisive: Bool, _ other: Code, context: EvaluationContext,
                                   failure: EvaluationError) throws(EvaluationError) -> Value {
        if case .boolean(decisive)? = try? other(context) { return .boolean(decisive) }
        throw failure
    }
}

/// What `+`, `-`, `*` or `/` means for the types of its operands, decided at load time: the
/// one rule of the language for arithmetic, used by compiled closures and truth programs alike.
enum ArithmeticRule: Sendable {
    /// A date moved by days (`+` is 1, `-` is -1; the days are rounded down).
    case dateByDays(sign: Int64)
    /// Days added to a date.
    case daysToDate
    /// A date moved by calendar months, clamped to the end of a shorter month.
    case dateByMonths(sign: Int64)
    /// Months added to a date.
    case monthsToDate
    /// The days from the right date to the left one.
    case dateDifference
    /// A percentage of an amount or a period: the product divided by 100.
    case percentOfAmount
    /// Exact arithmetic on numbers (overflow and division by zero are errors).
    case numbers(BinaryOperator)

    init(_ op: BinaryOperator, _ left: KundvalType, _ right: KundvalType) {
        switch (op, left.unwrapped, right.unwrapped) {
        case (.add, .date, .days), (.subtract, .date, .days): self = .dateByDays(sign: op == .add ? 1 : -1)
        case (.add, .days, .date): self = .daysToDate
        case (.add, .date, .months), (.subtract, .date, .months): self = .dateByMonths(sign: op == .add ? 1 : -1)
        case (.add, .months, .date): self = .monthsToDate
        case (.subtract, .date, .date): self = .dateDifference
        case (.multiply, .money, .percent), (.multiply, .percent, .money),
             (.multiply, .days, .percent), (.multiply, .percent, .days),
             (.multiply, .months, .percent), (.multiply, .percent, .months),
             (.multiply, .quantity, .percent), (.multiply, .percent, .quantity): self = .percentOfAmount
        default: self = .numbers(op)
        }
    }

    /// Whether the rule's amount is its first operand (`2 veckor + d`).
    var takesAmountFirst: Bool {
        switch self {
        case .daysToDate, .monthsToDate: true
        default: false
        }
    }

    /// The shift of a date by `amount` (the rule's amount, written in the rules), signed and
    /// rounded as ``apply(_:_:)-(ScalarValue,ScalarValue)`` does; nil for a rule that does not
    /// move a date, for an unknown amount, and for one beyond every date (which ``apply``
    /// reports when it meets a date).
    func shift(by amount: ScalarValue) -> DateShift? {
        guard let number = amount.number else { return nil }
        let signed: Int64?, months: Bool
        switch self {
        case .dateByDays(let sign): (signed, months) = (try? Self.signed(sign, number.rounded(.towardZero)), false)
        case .daysToDate: (signed, months) = (number.rounded(.towardZero), false)
        case .dateByMonths(let sign): (signed, months) = (try? Self.signed(sign, number.rounded(.towardZero)), true)
        case .monthsToDate: (signed, months) = (number.rounded(.towardZero), true)
        default: return nil
        }
        guard let signed, let amount = Int32(exactly: signed) else { return nil }
        return DateShift(amount: amount, months: months)
    }

    /// `amount` with `sign`; the one amount without a negation (`Int64.min`) is out of range
    /// for any date.
    static func signed(_ sign: Int64, _ amount: Int64) throws(EvaluationError) -> Int64 {
        let (product, overflow) = sign.multipliedReportingOverflow(by: amount)
        guard !overflow else { throw .dateOutOfRange }
        return product
    }

    /// The result; unknown when an operand is unknown or not of the rule's kind.
    func apply(_ a: Value, _ b: Value) throws(EvaluationError) -> Value {
        if case .bounded = a { return try applyToBounds(a, b) }
        if case .bounded = b { return try applyToBounds(a, b) }
        return try apply(ScalarValue(a), ScalarValue(b)).value
    }

    /// Arithmetic on numbers where one is a range (see ``Value/bounded(low:high:)``): the
    /// range of every result the numbers in the ranges give, from the rule applied to their
    /// ends (sums, differences, products and quotients of numbers are largest and smallest at
    /// the ends). A quotient by a range that holds zero may be anything: unknown. Unknown for
    /// a rule that moves dates, and for a value that is no number.
    @inline(never)
    func applyToBounds(_ a: Value, _ b: Value) throws(EvaluationError) -> Value {
        guard let (aLow, aHigh) = Compiler.bounds(a), let (bLow, bHigh) = Compiler.bounds(b) else { return .unknown }
        let results: [Rational]
        // An end that cannot be computed (an overflow) leaves the range unknown, as it was
        // before ranges: the number itself may be computable.
        do throws(EvaluationError) {
            switch self {
            case .numbers(.add): results = [try aLow + bLow, try aHigh + bHigh]
            case .numbers(.subtract): results = [try aLow - bHigh, try aHigh - bLow]
            case .numbers(.multiply):
                results = [try aLow * bLow, try aLow * bHigh, try aHigh * bLow, try aHigh * bHigh]
            case .numbers(.divide):
                // A divisor range that holds zero may give anything; by a known zero, unknown too,
                // as an unknown number divided by zero is (not the error a known one is).
                guard bLow > .zero || bHigh < .zero else { return .unknown }
                results = [try aLow / bLow, try aLow / bHigh, try aHigh / bLow, try aHigh / bHigh]
            case .percentOfAmount:
                results = [try Rational.percentage(aLow, of: bLow), try Rational.percentage(aLow, of: bHigh),
                           try Rational.percentage(aHigh, of: bLow), try Rational.percentage(aHigh, of: bHigh)]
            default:
                return .unknown
            }
        } catch {
            return .unknown
        }
        let low = results.min()!, high = results.max()!
        return low == high ? .number(low) : .bounded(low: low, high: high)
    }

    /// The same on the values of a truth program's registers (dates, numbers): the rule's one
    /// implementation. A date moves by whole days or months: the part of one that a computed
    /// amount has (`7 dagar * 50 %`) is dropped, towards zero, so `d - x` and `d + (0 - x)` are
    /// the same date (rounding down moved `d + (0 - x)` a day or month further back; found by
    /// an adversarial session).
    func apply(_ a: ScalarValue, _ b: ScalarValue) throws(EvaluationError) -> ScalarValue {
        switch self {
        case .dateByDays(let sign):
            guard let day = a.day, let days = b.number else { return .unknown }
            return ScalarValue(try day.adding(days: try Self.signed(sign, days.rounded(.towardZero))))
        case .daysToDate:
            guard let days = a.number, let day = b.day else { return .unknown }
            return ScalarValue(try day.adding(days: days.rounded(.towardZero)))
        case .dateByMonths(let sign):
            guard let day = a.day, let months = b.number else { return .unknown }
            return ScalarValue(try day.adding(months: try Self.signed(sign, months.rounded(.towardZero))).day)
        case .monthsToDate:
            guard let months = a.number, let day = b.day else { return .unknown }
            return ScalarValue(try day.adding(months: months.rounded(.towardZero)).day)
        case .dateDifference:
            guard let x = a.day, let y = b.day else { return .unknown }
            return ScalarValue(Rational(integer: y.days(to: x)))
        case .percentOfAmount:
            guard let x = a.number, let y = b.number else { return .unknown }
            return ScalarValue(try Rational.percentage(x, of: y))
        case .numbers(let op):
            guard let x = a.number, let y = b.number else { return .unknown }
            switch op {
            case .add: return ScalarValue(try x + y)
            case .subtract: return ScalarValue(try x - y)
            case .multiply: return ScalarValue(try x * y)
            case .divide: return ScalarValue(try x / y)
            default: return .unknown
            }
        }
    }
}
