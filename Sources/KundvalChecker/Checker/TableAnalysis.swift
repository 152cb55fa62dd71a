import KundvalSyntax

/// An exact decimal number for table analysis: `mantissa × 10^-scale`.
struct Exact: Hashable, Comparable {
    var mantissa: Int64
    var scale: Int

    var negated: Exact { Exact(mantissa: 0 &- mantissa, scale: scale) }

    /// The number at `scale` (larger or equal), or `nil` when that does not fit.
    func aligned(to target: Int) -> Int64? {
        var value = mantissa
        for _ in 0..<max(0, target - scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    static func < (lhs: Exact, rhs: Exact) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        if let a = lhs.aligned(to: scale), let b = rhs.aligned(to: scale) { return a < b }
        return Double(lhs.mantissa) / pow10(lhs.scale) < Double(rhs.mantissa) / pow10(rhs.scale)
    }

    static func == (lhs: Exact, rhs: Exact) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.aligned(to: scale) == rhs.aligned(to: scale)
    }

    func hash(into hasher: inout Hasher) {
        var value = self
        while value.scale > 0, value.mantissa % 10 == 0 { value = Exact(mantissa: value.mantissa / 10, scale: value.scale - 1) }
        hasher.combine(value.mantissa)
        hasher.combine(value.scale)
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 10 } }

    /// A value below this one (itself at the very bottom of the range).
    var below: Exact {
        let (value, overflow) = mantissa.subtractingReportingOverflow(1)
        return overflow ? self : Exact(mantissa: value, scale: scale)
    }

    /// A value above this one (itself at the very top of the range).
    var above: Exact {
        let (value, overflow) = mantissa.addingReportingOverflow(1)
        return overflow ? self : Exact(mantissa: value, scale: scale)
    }

    /// A value strictly between `self` and a larger `other`; for integral columns a whole
    /// number, or `nil` when there is none.
    func between(_ other: Exact, integral: Bool) -> Exact? {
        if integral {
            guard scale == 0, other.scale == 0, other.mantissa - mantissa > 1 else { return nil }
            return Exact(mantissa: mantissa + 1, scale: 0)
        }
        let target = max(scale, other.scale) + 1
        guard let a = aligned(to: target), let b = other.aligned(to: target) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { return nil }
        return Exact(mantissa: sum / 2, scale: target)
    }
}

/// One representative input value of a table column, with how to describe it.
struct Representative {
    enum Value {
        case ordinal(Int)
        case number(Exact)
        case text(String)
        case any
        case unknown
    }

    var value: Value
    /// `= risk`, `< 3`, or `nil` when the column is not constrained.
    var description: String?

    /// Whether the value passes a cell's test `value op constant`.
    func satisfies(_ op: BinaryOperator, _ constant: Value) -> Bool {
        let order: Int?
        switch (value, constant) {
        case (.ordinal(let a), .ordinal(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.number(let a), .number(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.text(let a), .text(let b)): order = a == b ? 0 : 1
        case (.any, _): return true
        default: order = nil
        }
        guard let order else { return false }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        default: return false
        }
    }
}

/// Day numbers for dates, so dates compare as numbers.
enum Calendar {
    /// Days since 0001-01-01 in the proleptic Gregorian calendar.
    static func dayNumber(_ date: DateLiteral) -> Int {
        let y = date.year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        let leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        days += cumulative[date.month - 1] + (leap && date.month > 2 ? 1 : 0) + date.day - 1
        return days
    }
}
