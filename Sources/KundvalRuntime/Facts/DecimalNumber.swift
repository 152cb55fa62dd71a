/// A JSON number as its significant digits and a power of ten: `-1.50e2` is −15 × 10¹,
/// `0.0300` is 3 × 10⁻², `0e400` has no significant digit (it is zero). Leading and trailing
/// zeros are not significant, so a value is read the same however many zeros it is written
/// with. Any other text than a JSON number (`-?[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?`, leading
/// zeros allowed) is none (`okänt`, `1.2.3`: a unit's hint read them as 0; found by review);
/// it never traps on any text.
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

    init?(_ text: String) {
        var zeros = 0  // zeros after the last nonzero digit, not yet in the significand
        var written = 0  // the exponent as written after `e`
        var exponentSign = 1
        // Where the reader is: 0 before the digits, 1 in the integer's digits, 2 after `.`, 3 in
        // the fraction's digits, 4 after `e`, 5 after its sign, 6 in the exponent's digits.
        var state = 0
        for byte in text.utf8 {
            switch (state, byte) {
            case (0, UInt8(ascii: "-")) where !negative: negative = true
            case (1, UInt8(ascii: ".")): state = 2
            case (1, UInt8(ascii: "e")), (1, UInt8(ascii: "E")), (3, UInt8(ascii: "e")), (3, UInt8(ascii: "E")): state = 4
            case (4, UInt8(ascii: "+")): state = 5
            case (4, UInt8(ascii: "-")): exponentSign = -1; state = 5
            case (_, UInt8(ascii: "0")...UInt8(ascii: "9")):
                let digit = Int(byte - UInt8(ascii: "0"))
                switch state {
                case 4, 5, 6:
                    written = min(written * 10 + digit, Self.exponentLimit)
                    state = 6
                    continue
                case 2, 3:
                    exponent -= 1
                    state = 3
                default:
                    state = 1
                }
                if digit == 0 {
                    if digitCount > 0 { zeros += 1 }
                    continue
                }
                // The zeros between nonzero digits are significant.
                for _ in 0..<zeros { append(0) }
                zeros = 0
                append(digit)
            default:
                return nil
            }
        }
        guard state == 1 || state == 3 || state == 6 else { return nil }
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
