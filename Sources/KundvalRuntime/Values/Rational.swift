/// An exact rational number `numerator / denominator` with 64-bit parts, always reduced and
/// with a positive denominator. Every operation checks for overflow and reports it as
/// ``EvaluationError/overflow``; nothing ever traps.
///
/// All numbers of the language are rationals: amounts (in kronor), percentages, durations,
/// decimals. Division is exact (`1000 kr / 30` stays exact); rounding happens only where a rule
/// says so, through the rounding functions.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numerator.
    public let numerator: Int64
    /// The denominator, always positive.
    public let denominator: Int64

    /// Zero.
    public static let zero = Rational(integer: 0)
    /// One.
    public static let one = Rational(integer: 1)

    /// An integer.
    public init(integer: Int64) {
        numerator = integer
        denominator = 1
    }

    /// `scaled × 10^-scale`, as a decimal literal is written (`2,50` is 250 with scale 2).
    public init(scaled: Int64, scale: Int) throws(EvaluationError) {
        var denominator: Int64 = 1
        for _ in 0..<scale { denominator = try Self.checked(denominator.multipliedReportingOverflow(by: 10)) }
        self = try Rational(numerator: scaled, denominator: denominator)
    }

    /// A reduced fraction; the denominator must not be zero.
    public init(numerator: Int64, denominator: Int64) throws(EvaluationError) {
        guard denominator != 0 else { throw .divisionByZero }
        guard numerator != .min, denominator != .min else { throw .overflow }
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        var n = numerator / Int64(divisor)
        var d = denominator / Int64(divisor)
        if d < 0 { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    /// The parts of a rational taken apart earlier, put back together as they were (already
    /// reduced, the denominator positive).
    init(parts numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether the number is a whole number.
    public var isInteger: Bool { denominator == 1 }

    /// Whether `self × units` is a whole number (`units` 100: an amount in whole öre). The
    /// fraction is reduced, so that is whether the denominator divides `units`; nothing can overflow.
    public func isWhole(scaledBy units: Int64) -> Bool { units % denominator == 0 }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    @inline(__always)
    static func checked(_ result: (partialValue: Int64, overflow: Bool)) throws(EvaluationError) -> Int64 {
        if result.overflow { throw .overflow }
        return result.partialValue
    }

    // MARK: - Arithmetic

    /// `a + b`. The cross products are taken in 128 bits when 64 do not hold them, so every sum
    /// whose reduced parts fit is computed.
    public static func + (a: Rational, b: Rational) throws(EvaluationError) -> Rational {
        if a.denominator == 1 && b.denominator == 1 {
            return Rational(integer: try checked(a.numerator.addingReportingOverflow(b.numerator)))
        }
        let divisor = Int64(gcd(a.denominator.magnitude, b.denominator.magnitude))
        let left = a.numerator.multipliedReportingOverflow(by: b.denominator / divisor)
        let right = b.numerator.multipliedReportingOverflow(by: a.denominator / divisor)
        let denominator = (a.denominator / divisor).multipliedReportingOverflow(by: b.denominator)
        let sum = left.partialValue.addingReportingOverflow(right.partialValue)
        guard !left.overflow, !right.overflow, !denominator.overflow, !sum.overflow, sum.partialValue != .min else {
            return try wideSum(a, b)
        }
        return try Rational(numerator: sum.partialValue, denominator: denominator.partialValue)
    }

    /// `-a`.
    public static prefix func - (a: Rational) throws(EvaluationError) -> Rational {
        guard a.numerator != .min else { throw .overflow }
        return try Rational(numerator: -a.numerator, denominator: a.denominator)
    }

    /// `a - b`.
    public static func - (a: Rational, b: Rational) throws(EvaluationError) -> Rational {
        try a + (try -b)
    }

    /// `a × b`. After cross-reduction the parts are coprime, so a product that does not fit in
    /// 64 bits is a result that does not fit.
    public static func * (a: Rational, b: Rational) throws(EvaluationError) -> Rational {
        if a.denominator == 1 && b.denominator == 1 {
            return Rational(integer: try checked(a.numerator.multipliedReportingOverflow(by: b.numerator)))
        }
        let g1 = Int64(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int64(gcd(b.numerator.magnitude, a.denominator.magnitude))
        let numerator = try checked((a.numerator / g1).multipliedReportingOverflow(by: b.numerator / g2))
        let denominator = try checked((a.denominator / g2).multipliedReportingOverflow(by: b.denominator / g1))
        return try Rational(numerator: numerator, denominator: denominator)
    }

    /// `a × b / 100`: a percentage of an amount or a period. The product is taken in 128 bits
    /// when 64 do not hold it, so `4294967295 kr × 3037000499 %` is computed.
    public static func percentage(_ a: Rational, of b: Rational) throws(EvaluationError) -> Rational {
        do throws(EvaluationError) {
            return try (a * b) / Rational(integer: 100)
        } catch {
            guard error == .overflow else { throw error }
            return try product(a, b, dividedBy: 100)
        }
    }

    /// `a / b`; dividing by zero is ``EvaluationError/divisionByZero``.
    public static func / (a: Rational, b: Rational) throws(EvaluationError) -> Rational {
        guard b.numerator != 0 else { throw .divisionByZero }
        return try a * Rational(numerator: b.denominator, denominator: b.numerator)
    }

    /// Numeric order.
    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        // Compare a.n × b.d with b.n × a.d in 128 bits.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    // MARK: - Rounding

    /// How to round to a whole number of units.
    public enum Rounding: Sendable {
        /// Half away from zero (0,5 → 1, −0,5 → −1): ordinary commercial rounding.
        case halfAwayFromZero
        /// Towards minus infinity.
        case down
        /// Towards plus infinity.
        case up
        /// Towards zero: the whole part (3,5 → 3, −3,5 → −3).
        case towardZero
    }

    /// The nearest whole number under `mode`.
    public func rounded(_ mode: Rounding) -> Int64 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        if remainder == 0 { return quotient }
        switch mode {
        case .down: return numerator < 0 ? quotient - 1 : quotient
        case .up: return numerator < 0 ? quotient : quotient + 1
        case .towardZero: return quotient
        case .halfAwayFromZero:
            let twice = remainder.magnitude * 2
            if twice >= denominator.magnitude { return numerator < 0 ? quotient - 1 : quotient + 1 }
            return quotient
        }
    }

    /// The number as a decimal with a decimal comma, exact when the denominator has only the
    /// factors 2 and 5 (at most 9 decimals), otherwise rounded half away from zero to 9 decimals
    /// and marked `≈`. Computed by long division, so every value prints, however large.
    public var description: String {
        if denominator == 1 { return String(numerator) }
        var scale = 0
        var power: Int64 = 1
        while scale < 9, power % denominator != 0 {
            power *= 10
            scale += 1
        }
        let exact = power % denominator == 0
        let divisor = denominator.magnitude
        var whole = numerator.magnitude / divisor
        var remainder = numerator.magnitude % divisor
        var digits: [UInt8] = []
        for _ in 0..<scale {
            // remainder < divisor, so the quotient is one digit.
            let (digit, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
            digits.append(UInt8(digit))
            remainder = rest
        }
        if !exact, remainder >= divisor - remainder {
            var index = digits.count - 1
            while index >= 0, digits[index] == 9 {
                digits[index] = 0
                index -= 1
            }
            if index >= 0 { digits[index] += 1 } else { whole += 1 }
        }
        while digits.last == 0 { digits.removeLast() }
        let sign = numerator < 0 && (whole != 0 || !digits.isEmpty) ? "-" : ""
        let fraction = digits.isEmpty ? "" : "," + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        return (exact ? "" : "≈") + sign + String(whole) + fraction
    }
}

/// An error during evaluation: the rules could not be computed for these facts.
public enum EvaluationError: Error, Hashable, Sendable {
    /// A number grew beyond 64 bits.
    case overflow
    /// Division by zero.
    case divisionByZero
    /// A date outside the years 1–9999.
    case dateOutOfRange
    /// A month or a day of the month that does not exist (`2025-02-30`, month 13).
    case noSuchDate
    /// The facts were decoded by another document's decoder, with other slots.
    case factsOfAnotherDocument
    /// `påbörjade_veckor` of a negative number of days: no week has started.
    case negativeDays
    /// The amount of a sanction step (`vid vite: vitesbelopp`) came out negative: the facts it
    /// is computed from are wrong (a negative percentage or payment).
    case negativeAmount

    /// One Swedish sentence.
    public var message: String {
        switch self {
        case .overflow: "talet blev för stort för att räknas exakt"
        case .divisionByZero: "division med noll"
        case .dateOutOfRange: "datumet hamnade utanför åren 1–9999"
        case .noSuchDate: "det finns inget sådant datum"
        case .factsOfAnotherDocument: "fakta är avkodade för ett annat dokument; avkoda dem med dokumentets `decoder`"
        case .negativeDays: "`påbörjade_veckor` fick ett negativt antal dagar"
        case .negativeAmount: "sanktionens belopp blev negativt; kontrollera uppgifterna det räknas från"
        }
    }
}

extension Rational {
    /// The number for machines: an exact decimal with a point when one exists (`12.5`, `-0.05`,
    /// `16500`), otherwise the fraction `p/q` (`1000/3`). Never rounded.
    public var exactText: String {
        var reduced = denominator.magnitude
        var twos = 0
        var fives = 0
        while reduced % 2 == 0 { reduced /= 2; twos += 1 }
        while reduced % 5 == 0 { reduced /= 5; fives += 1 }
        guard reduced == 1 else { return "\(numerator)/\(denominator)" }
        let (whole, fraction) = (numerator.magnitude / denominator.magnitude, numerator.magnitude % denominator.magnitude)
        var text = (numerator < 0 ? "-" : "") + String(whole)
        let digits = max(twos, fives)
        guard digits > 0 else { return text }
        text += "."
        var remainder = fraction
        // Long division in 128 bits: `remainder × 10` can exceed 64 bits.
        for _ in 0..<digits {
            let (digit, rest) = denominator.magnitude.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
            text += String(digit)
            remainder = rest
        }
        return text
    }
}
