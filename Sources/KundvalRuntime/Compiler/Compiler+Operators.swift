import KundvalChecker
import KundvalSyntax

extension Compiler {
    /// `a op b` for two values of the same kind; unknown when either is unknown.
    func compileComparison(_ op: BinaryOperator, _ left: @escaping Code, _ right: @escaping Code) -> Code {
        guard let comparison = TruthComparison(op) else { return { _ in .unknown } }
        return { context throws(EvaluationError) in
            let a = try left(context)
            let b = try right(context)
            guard let order = Self.order(a, b) else { return .unknown }
            return .boolean(comparison.holds(order))
        }
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
    func compileQuantifier(_ quantifier: Quantifier, slot: Int, _ domain: @escaping Code, _ body: @escaping Code) -> Code {
        { context throws(EvaluationError) in
            guard case .list(let elements) = try domain(context) else { return .unknown }
            var unknown = false
            var failure: EvaluationError?
            for element in elements {
                context.setLocal(slot, element)
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
        case .dateByDays(let sign): (signed, months) = (try? Self.signed(sign, number.rounded(.down)), false)
        case .daysToDate: (signed, months) = (number.rounded(.down), false)
        case .dateByMonths(let sign): (signed, months) = (try? Self.signed(sign, number.rounded(.down)), true)
        case .monthsToDate: (signed, months) = (number.rounded(.down), true)
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
        try apply(ScalarValue(a), ScalarValue(b)).value
    }

    /// The same on the values of a truth program's registers (dates, numbers): the rule's one
    /// implementation.
    func apply(_ a: ScalarValue, _ b: ScalarValue) throws(EvaluationError) -> ScalarValue {
        switch self {
        case .dateByDays(let sign):
            guard let day = a.day, let days = b.number else { return .unknown }
            return ScalarValue(try day.adding(days: try Self.signed(sign, days.rounded(.down))))
        case .daysToDate:
            guard let days = a.number, let day = b.day else { return .unknown }
            return ScalarValue(try day.adding(days: days.rounded(.down)))
        case .dateByMonths(let sign):
            guard let day = a.day, let months = b.number else { return .unknown }
            return ScalarValue(try day.adding(months: try Self.signed(sign, months.rounded(.down))).day)
        case .monthsToDate:
            guard let months = a.number, let day = b.day else { return .unknown }
            return ScalarValue(try day.adding(months: months.rounded(.down)).day)
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
