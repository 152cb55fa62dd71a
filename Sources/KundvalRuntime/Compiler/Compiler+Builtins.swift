import KundvalChecker

extension Compiler {
    /// The built-in functions; every one returns unknown when an argument is unknown.
    func compileBuiltin(_ builtin: Builtin, _ arguments: [Code], argumentTypes: [KundvalType]) -> Code {
        let first = arguments[0]
        switch builtin {
        case .roundToÖre, .roundToKrona:
            let units: Int64 = builtin == .roundToÖre ? 100 : 1
            return { context throws(EvaluationError) in
                guard case .number(let amount) = try first(context) else { return .unknown }
                let whole = try amount.rounded(.halfAwayFromZero, units: units)
                return .number(try Rational(numerator: whole, denominator: units))
            }
        case .round, .roundDown, .roundUp:
            let mode: Rational.Rounding = builtin == .round ? .halfAwayFromZero : builtin == .roundDown ? .down : .up
            return { context throws(EvaluationError) in
                guard case .number(let value) = try first(context) else { return .unknown }
                return .number(Rational(integer: value.rounded(mode)))
            }
        case .startedWeeks:
            return { context throws(EvaluationError) in
                guard case .number(let days) = try first(context) else { return .unknown }
                return .number(Rational(integer: (try days / Rational(integer: 7)).rounded(.up)))
            }
        case .nextWorkingDay:
            return { context throws(EvaluationError) in
                guard case .date(let day) = try first(context) else { return .unknown }
                return .date(day.deadline)
            }
        case .isWorkingDay:
            return { context throws(EvaluationError) in
                guard case .date(let day) = try first(context) else { return .unknown }
                return .boolean(day.isWorkingDay)
            }
        case .dayOfMonth:
            return { context throws(EvaluationError) in
                guard case .date(let day) = try first(context) else { return .unknown }
                return .number(Rational(integer: Int64(day.components.day)))
            }
        case .daysInMonth:
            return { context throws(EvaluationError) in
                guard case .date(let day) = try first(context) else { return .unknown }
                let (year, month, _) = day.components
                return .number(Rational(integer: Int64(Day.daysIn(month: month, year: year))))
            }
        case .smallest, .largest:
            let second = arguments[1]
            let wantSmaller = builtin == .smallest
            return { context throws(EvaluationError) in
                let a = try first(context)
                let b = try second(context)
                guard let order = Self.order(a, b) else { return .unknown }
                return (order <= 0) == wantSmaller ? a : b
            }
        case .remainder:
            let second = arguments[1]
            return { context throws(EvaluationError) in
                guard case .number(let a) = try first(context), case .number(let b) = try second(context) else { return .unknown }
                guard b.numerator != 0 else { throw .divisionByZero }
                guard a.numerator != .min, b.numerator != .min else { throw .overflow }
                let remainder = a.numerator % b.numerator
                return .number(Rational(integer: remainder < 0 ? remainder + abs(b.numerator) : remainder))
            }
        case .wholeMonthsBetween:
            let second = arguments[1]
            return { context throws(EvaluationError) in
                guard case .date(let from) = try first(context), case .date(let to) = try second(context) else { return .unknown }
                return .number(Rational(integer: try from.wholeMonths(until: to)))
            }
        case .element:
            let second = arguments[1]
            return { context throws(EvaluationError) in
                guard case .list(let elements) = try first(context), case .number(let position) = try second(context),
                      position.isInteger, position.numerator >= 1, position.numerator <= Int64(elements.count)
                else { return .unknown }
                return elements[Int(position.numerator) - 1]
            }
        }
    }
}
