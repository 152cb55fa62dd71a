/// A JSON number as its significant digits and a power of ten: `-1.50e2` is −15 × 10¹,
/// `0.0300` is 3 × 10⁻², `0e400` has no significant digit (it is zero). Leading and trailing
/// zeros are not significant, so a value is read the same however many zeros it is written
/// with. Read from text the JSON reader has already accepted
/// (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`); it never traps on any text.
struct DecimalNumber {
    /// Whether the number is written with a minus sign.
    private(set) var negative = false
    /// The first 19 significant digits as an integer (all of them when ``digitCount`` is at
    /// most 19; 19 nines are less than 2⁶⁴).
    private(set) var significand: UInt64 = 0
    /// How many significant digits there are: 0 for zero.
    private(set) var digitCount = 0
    /// The power of ten the significand is multiplied by, kept between −10⁹ and 10⁹ (an
    /// exponent beyond is far past every range a fact has).
    private(set) var exponent = 0

    init(_ text: String) {
        var zeros = 0  // zeros after the last nonzero digit, not yet in the significand
        var fraction = false
        var written = 0  // the exponent as written after `e`
        var exponentSign = 1
        var inExponent = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where !inExponent: negative = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): fraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if inExponent {
                    written = min(written * 10 + digit, Self.exponentLimit)
                    continue
                }
                if fraction { exponent -= 1 }
                if digit == 0 {
                    if digitCount > 0 { zeros += 1 }
                    continue
                }
                // The zeros between nonzero digits are significant.
                for _ in 0..<zeros { append(0) }
                zeros = 0
                append(digit)
            default: break
            }
        }
        // Trailing zeros move into the exponent: `1500` is 15 × 10², `1.50` is 15 × 10⁻¹.
        exponent += zeros
        exponent = max(-Self.exponentLimit, min(Self.exponentLimit, exponent + exponentSign * written))
    }

    /// Whether the value is further from zero than 9223372036854775807, the largest integer
    /// counted exactly.
    var exceedsLargestInteger: Bool {
        let integerDigits = digitCount + exponent
        guard integerDigits == 19 else { return integerDigits > 19 }
        // The integer part has 19 digits: the first 19 significant ones (which the significand
        // holds), or all of them followed by zeros.
        var integerPart = significand
        for _ in 0..<max(0, 19 - digitCount) { integerPart = integerPart &* 10 }
        let largest = UInt64(Int64.max)
        return integerPart > largest || (integerPart == largest && digitCount > 19)
    }

    /// The largest exponent magnitude kept (see ``exponent``).
    private static let exponentLimit = 1_000_000_000

    private mutating func append(_ digit: Int) {
        digitCount += 1
        if digitCount <= 19 { significand = significand &* 10 &+ UInt64(digit) }
    }
}
