import KundvalChecker

// The built-in functions. What each computes is written once, in `apply`, on values; the
// value code and the truth program both call it (the program with the values its registers
// hold). Only `element`, which takes a list, is not applied to registers: a program reads an
// element's fields from its list's table (see ``TruthInstruction/valueElement(loop:position:field:_:into:)``).

extension Builtin {
    /// Whether every argument and the value are values a program's register holds (see
    /// ``ScalarValue``): every function but `element`, which takes a list.
    var isScalar: Bool { self != .element }

    /// Whether the function reads its second argument even when the first is unknown:
    /// `minsta` and `största` read both, `rest`, `hela_månader_mellan`, `arbetsdagar_efter` and
    /// `arbetsdagar_mellan` stop at an unknown first argument.
    var readsBothArguments: Bool { self == .smallest || self == .largest }
}

extension Compiler {
    /// The code of a call of a built-in function; every one returns unknown when an argument
    /// is unknown.
    func compileBuiltin(_ builtin: Builtin, _ arguments: [Code]) -> Code {
        let first = arguments[0]
        if builtin == .element {
            let second = arguments[1]
            return { context throws(EvaluationError) in
                guard case .list(let elements) = try first(context), case .number(let position) = try second(context),
                      position.isInteger, position.numerator >= 1, position.numerator <= Int64(elements.count)
                else { return .unknown }
                return elements[Int(position.numerator) - 1]
            }
        }
        guard arguments.count == 2 else {
            return { context throws(EvaluationError) in try Self.apply(builtin, try first(context), .unknown) }
        }
        let second = arguments[1]
        let readsBoth = builtin.readsBothArguments
        return { context throws(EvaluationError) in
            let a = try first(context)
            guard readsBoth || a.isKnown else { return .unknown }
            return try Self.apply(builtin, a, try second(context))
        }
    }

    /// The value of `builtin` (any but `element`) of `a`, and of `b` for a function of two
    /// arguments (`b` is ignored otherwise); unknown when an argument it needs is unknown.
    static func apply(_ builtin: Builtin, _ a: Value, _ b: Value) throws(EvaluationError) -> Value {
        switch builtin {
        case .roundToÖre, .roundToKrona:
            let units: Int64 = builtin == .roundToÖre ? 100 : 1
            guard case .number(let amount) = a else { return .unknown }
            let whole = try amount.rounded(.halfAwayFromZero, units: units)
            return .number(try Rational(numerator: whole, denominator: units))
        case .round, .roundDown, .roundUp:
            let mode: Rational.Rounding = builtin == .round ? .halfAwayFromZero : builtin == .roundDown ? .down : .up
            guard case .number(let value) = a else { return .unknown }
            return .number(Rational(integer: value.rounded(mode)))
        case .startedWeeks:
            guard case .number(let days) = a else { return .unknown }
            // A negative number of days (`brist_dagar` written wrong) would make a negative fine.
            guard days.numerator >= 0 else { throw .negativeDays }
            return .number(Rational(integer: (try days / Rational(integer: 7)).rounded(.up)))
        case .nextWorkingDay:
            guard case .date(let day) = a else { return .unknown }
            // Past 9999-12-31 there is no working day: an error, as every date past the calendar
            // is (9999-12-31 itself was returned; found by an adversarial test).
            let deadline = day.deadline
            guard deadline.isWorkingDay else { throw .dateOutOfRange }
            return .date(deadline)
        case .workingDaysAfter:
            guard case .date(let day) = a, case .number(let count) = b, count.isInteger else { return .unknown }
            return .date(try day.adding(workingDays: count.numerator))
        case .isWorkingDay:
            guard case .date(let day) = a else { return .unknown }
            return .boolean(day.isWorkingDay)
        case .dayOfMonth:
            guard case .date(let day) = a else { return .unknown }
            return .number(Rational(integer: Int64(day.components.day)))
        case .daysInMonth:
            guard case .date(let day) = a else { return .unknown }
            let (year, month, _) = day.components
            return .number(Rational(integer: Int64(Day.daysIn(month: month, year: year))))
        case .smallest, .largest:
            guard let order = order(a, b) else { return .unknown }
            return (order <= 0) == (builtin == .smallest) ? a : b
        case .remainder:
            guard case .number(let a) = a, case .number(let b) = b else { return .unknown }
            guard b.numerator != 0 else { throw .divisionByZero }
            guard a.numerator != .min, b.numerator != .min else { throw .overflow }
            let remainder = a.numerator % b.numerator
            return .number(Rational(integer: remainder < 0 ? remainder + abs(b.numerator) : remainder))
        case .wholeMonthsBetween:
            guard case .date(let from) = a, case .date(let to) = b else { return .unknown }
            return .number(Rational(integer: try from.wholeMonths(until: to)))
        case .workingDaysBetween:
            guard case .date(let from) = a, case .date(let to) = b else { return .unknown }
            return .number(Rational(integer: Int64(from.workingDays(until: to))))
        case .element:
            // Never reached: `element` takes a list, and the builder lowers only the others
            // (``Builtin/isScalar``). A release build answers unknown rather than stop a service.
            assertionFailure("`element` takes a list: value code only")
            return .unknown
        }
    }
}
