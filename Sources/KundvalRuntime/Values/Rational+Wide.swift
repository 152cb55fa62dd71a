/// A 128-bit magnitude for the steps of rational arithmetic whose intermediate values do not fit
/// in 64 bits although the result may: a sum's cross products, a percentage's product before it
/// is divided by 100, the scaling of a value to its decimals for display.
///
/// Built from two `UInt64` words (the standard library's `UInt128` needs macOS 15, and the library
/// stays portable to older Apple systems). Only the slow paths use it: every operation first tries
/// 64-bit arithmetic and comes here when that reports an overflow.
struct WideMagnitude: Comparable {
    var high: UInt64
    var low: UInt64

    static let zero = WideMagnitude(high: 0, low: 0)

    init(high: UInt64, low: UInt64) { (self.high, self.low) = (high, low) }
    init(_ value: UInt64) { (high, low) = (0, value) }

    /// The full product of two 64-bit magnitudes.
    init(_ a: UInt64, times b: UInt64) {
        let product = a.multipliedFullWidth(by: b)
        (high, low) = (product.high, product.low)
    }

    var isZero: Bool { high == 0 && low == 0 }

    /// The value, when it fits in 63 bits (the magnitude of an `Int64` other than `.min`).
    var int64: Int64? { high == 0 && low <= UInt64(Int64.max) ? Int64(low) : nil }

    static func < (a: WideMagnitude, b: WideMagnitude) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// `a + b`, or `nil` beyond 128 bits.
    static func adding(_ a: WideMagnitude, _ b: WideMagnitude) -> WideMagnitude? {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        let (high1, overflow1) = a.high.addingReportingOverflow(b.high)
        let (high, overflow2) = high1.addingReportingOverflow(carry ? 1 : 0)
        return overflow1 || overflow2 ? nil : WideMagnitude(high: high, low: low)
    }

    /// `a - b` for `a >= b`.
    static func subtracting(_ a: WideMagnitude, _ b: WideMagnitude) -> WideMagnitude {
        assert(!(a < b), "WideMagnitude.subtracting: a < b")
        let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
        return WideMagnitude(high: a.high &- b.high &- (borrow ? 1 : 0), low: low)
    }

    /// `self × factor`, or `nil` beyond 128 bits.
    func multiplied(by factor: UInt64) -> WideMagnitude? {
        let low = self.low.multipliedFullWidth(by: factor)
        let high = self.high.multipliedFullWidth(by: factor)
        guard high.high == 0 else { return nil }
        let (top, overflow) = high.low.addingReportingOverflow(low.high)
        return overflow ? nil : WideMagnitude(high: top, low: low.low)
    }

    /// Quotient and remainder by a 64-bit divisor (not zero); the quotient may need 128 bits.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: WideMagnitude, remainder: UInt64) {
        precondition(divisor != 0, "WideMagnitude: division by zero")
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        // highRemainder < divisor, so the second division's quotient fits in 64 bits.
        let (lowQuotient, remainder) = divisor.dividingFullWidth((highRemainder, low))
        return (WideMagnitude(high: highQuotient, low: lowQuotient), remainder)
    }

    var trailingZeroBitCount: Int { low != 0 ? low.trailingZeroBitCount : 64 + high.trailingZeroBitCount }

    func shiftedRight(_ count: Int) -> WideMagnitude {
        if count == 0 { return self }
        if count >= 64 { return WideMagnitude(high: 0, low: count >= 128 ? 0 : high >> UInt64(count - 64)) }
        return WideMagnitude(high: high >> UInt64(count), low: (low >> UInt64(count)) | (high << UInt64(64 - count)))
    }

    func shiftedLeft(_ count: Int) -> WideMagnitude {
        if count == 0 { return self }
        if count >= 64 { return WideMagnitude(high: count >= 128 ? 0 : low << UInt64(count - 64), low: 0) }
        return WideMagnitude(high: (high << UInt64(count)) | (low >> UInt64(64 - count)), low: low << UInt64(count))
    }

    /// The greatest common divisor (binary GCD: shifts and subtractions only); 1 for two zeros.
    static func gcd(_ a: WideMagnitude, _ b: WideMagnitude) -> WideMagnitude {
        if a.isZero { return b.isZero ? WideMagnitude(1) : b }
        if b.isZero { return a }
        let shift = min(a.trailingZeroBitCount, b.trailingZeroBitCount)
        var x = a.shiftedRight(a.trailingZeroBitCount)
        var y = b
        while !y.isZero {
            y = y.shiftedRight(y.trailingZeroBitCount)
            if y < x { swap(&x, &y) }
            y = subtracting(y, x)
        }
        return x.shiftedLeft(shift)
    }

    /// `self / divisor` for a divisor that divides it exactly (long division, bit by bit). The
    /// divisor is below 2^127, so the running remainder never loses its top bit.
    func dividedExactly(by divisor: WideMagnitude) -> WideMagnitude {
        assert(divisor.high >> 63 == 0, "WideMagnitude.dividedExactly: divisor of 128 bits")
        if divisor.high == 0 { return quotientAndRemainder(dividingBy: divisor.low).quotient }
        var quotient = WideMagnitude.zero
        var remainder = WideMagnitude.zero
        for bit in (0..<128).reversed() {
            remainder = remainder.shiftedLeft(1)
            if (bit >= 64 ? high >> UInt64(bit - 64) : low >> UInt64(bit)) & 1 == 1 { remainder.low |= 1 }
            if !(remainder < divisor) {
                remainder = WideMagnitude.subtracting(remainder, divisor)
                if bit >= 64 { quotient.high |= 1 << UInt64(bit - 64) } else { quotient.low |= 1 << UInt64(bit) }
            }
        }
        return quotient
    }
}

extension Rational {
    /// The reduced fraction `±numerator / denominator` of two 128-bit magnitudes, when it fits
    /// in 64-bit parts; otherwise ``EvaluationError/overflow``. The denominator is not zero.
    static func reduced(negative: Bool, _ numerator: WideMagnitude, _ denominator: WideMagnitude) throws(EvaluationError) -> Rational {
        let divisor = WideMagnitude.gcd(numerator, denominator)
        guard let n = numerator.dividedExactly(by: divisor).int64,
              let d = denominator.dividedExactly(by: divisor).int64 else { throw .overflow }
        return Rational(parts: negative ? -n : n, d)
    }

    /// `a + b` with the cross products in 128 bits: the slow path of `+` when 64 bits overflow.
    static func wideSum(_ a: Rational, _ b: Rational) throws(EvaluationError) -> Rational {
        let divisor = gcd(a.denominator.magnitude, b.denominator.magnitude)
        let left = WideMagnitude(a.numerator.magnitude, times: b.denominator.magnitude / divisor)
        let right = WideMagnitude(b.numerator.magnitude, times: a.denominator.magnitude / divisor)
        let denominator = WideMagnitude(a.denominator.magnitude / divisor, times: b.denominator.magnitude)
        let (leftNegative, rightNegative) = (a.numerator < 0, b.numerator < 0)
        if leftNegative == rightNegative {
            // Each product is below 2^126, so the sum fits in 128 bits.
            guard let sum = WideMagnitude.adding(left, right) else { throw .overflow }
            return try reduced(negative: leftNegative, sum, denominator)
        }
        return right < left
            ? try reduced(negative: leftNegative, WideMagnitude.subtracting(left, right), denominator)
            : try reduced(negative: rightNegative, WideMagnitude.subtracting(right, left), denominator)
    }

    /// `a × b / divisor` in one step, with the product in 128 bits: a percentage of an amount
    /// (`divisor` 100) whose product does not fit in 64 bits although the result does.
    static func product(_ a: Rational, _ b: Rational, dividedBy divisor: UInt64) throws(EvaluationError) -> Rational {
        // Cross-reduce first: what is left is coprime, so only the divisor can reduce further.
        let g1 = gcd(a.numerator.magnitude, b.denominator.magnitude)
        let g2 = gcd(b.numerator.magnitude, a.denominator.magnitude)
        let numerator = WideMagnitude(a.numerator.magnitude / g1, times: b.numerator.magnitude / g2)
        let denominator = WideMagnitude(a.denominator.magnitude / g2, times: b.denominator.magnitude / g1)
        let common = gcd(numerator.quotientAndRemainder(dividingBy: divisor).remainder, divisor)
        guard let scaled = denominator.multiplied(by: divisor / common) else { throw .overflow }
        return try reduced(negative: (a.numerator < 0) != (b.numerator < 0),
                           numerator.quotientAndRemainder(dividingBy: common).quotient, scaled)
    }

    /// The number rounded to a whole number of `1/units` (`units` 100: öre), as that count:
    /// `n × units / d` rounded, with the product in 128 bits. Overflow when the count does not fit.
    public func rounded(_ mode: Rounding, units: Int64) throws(EvaluationError) -> Int64 {
        precondition(units > 0, "Rational.rounded(_:units:): units must be positive")
        let product = WideMagnitude(numerator.magnitude, times: units.magnitude)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: denominator.magnitude)
        guard var whole = quotient.int64 else { throw .overflow }
        if remainder != 0 {
            let negative = numerator < 0
            let awayFromZero: Bool = switch mode {
            case .down: negative
            case .up: !negative
            case .towardZero: false
            case .halfAwayFromZero: remainder >= denominator.magnitude - remainder
            }
            if awayFromZero { whole = try Self.checked(whole.addingReportingOverflow(1)) }
        }
        return numerator < 0 ? -whole : whole
    }
}
