import KundvalChecker
import KundvalSyntax

extension Compiler {
    /// `a op b` for two values of the same kind; unknown when either is unknown.
    func compileComparison(_ op: BinaryOperator, _ left: @escaping Code, _ right: @escaping Code) -> Code {
        { context throws(EvaluationError) in
            let a = try left(context)
            let b = try right(context)
            guard let order = Self.order(a, b) else { return .unknown }
            switch op {
            case .equal: return .boolean(order == 0)
            case .notEqual: return .boolean(order != 0)
            case .less: return .boolean(order < 0)
            case .lessEqual: return .boolean(order <= 0)
            case .greater: return .boolean(order > 0)
            case .greaterEqual: return .boolean(order >= 0)
            default: return .unknown
            }
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
        let (lt, rt) = (left.type.unwrapped, right.type.unwrapped)
        let hundred = Rational(integer: 100)
        switch (op, lt, rt) {
        case (.add, .date, .days), (.subtract, .date, .days):
            let sign: Int64 = op == .add ? 1 : -1
            return { context throws(EvaluationError) in
                guard case .date(let day) = try l(context), case .number(let days) = try r(context) else { return .unknown }
                return .date(try day.adding(days: sign * days.rounded(.down)))
            }
        case (.add, .days, .date):
            return { context throws(EvaluationError) in
                guard case .number(let days) = try l(context), case .date(let day) = try r(context) else { return .unknown }
                return .date(try day.adding(days: days.rounded(.down)))
            }
        case (.add, .date, .months), (.subtract, .date, .months):
            let sign: Int64 = op == .add ? 1 : -1
            return { context throws(EvaluationError) in
                guard case .date(let day) = try l(context), case .number(let months) = try r(context) else { return .unknown }
                return .date(try day.adding(months: sign * months.rounded(.down)).day)
            }
        case (.add, .months, .date):
            return { context throws(EvaluationError) in
                guard case .number(let months) = try l(context), case .date(let day) = try r(context) else { return .unknown }
                return .date(try day.adding(months: months.rounded(.down)).day)
            }
        case (.subtract, .date, .date):
            return { context throws(EvaluationError) in
                guard case .date(let a) = try l(context), case .date(let b) = try r(context) else { return .unknown }
                return .number(Rational(integer: b.days(to: a)))
            }
        case (.multiply, .money, .percent), (.multiply, .percent, .money):
            return { context throws(EvaluationError) in
                guard case .number(let a) = try l(context), case .number(let b) = try r(context) else { return .unknown }
                return .number(try (try a * b) / hundred)
            }
        default:
            return { context throws(EvaluationError) in
                guard case .number(let a) = try l(context), case .number(let b) = try r(context) else { return .unknown }
                switch op {
                case .add: return .number(try a + b)
                case .subtract: return .number(try a - b)
                case .multiply: return .number(try a * b)
                case .divide: return .number(try a / b)
                default: return .unknown
                }
            }
        }
    }

    /// Three-valued quantifiers: `alla` is false as soon as one element fails, `någon` true as
    /// soon as one holds; an unknown element makes the result unknown only if nothing decides.
    func compileQuantifier(_ quantifier: Quantifier, slot: Int, _ domain: @escaping Code, _ body: @escaping Code) -> Code {
        { context throws(EvaluationError) in
            guard case .list(let elements) = try domain(context) else { return .unknown }
            var unknown = false
            for element in elements {
                context.setLocal(slot, element)
                switch try body(context) {
                case .boolean(let holds):
                    if quantifier == .all && !holds { return .boolean(false) }
                    if quantifier != .all && holds { return .boolean(quantifier == .some) }
                default:
                    unknown = true
                }
            }
            if unknown { return .unknown }
            return .boolean(quantifier != .some)
        }
    }
}
