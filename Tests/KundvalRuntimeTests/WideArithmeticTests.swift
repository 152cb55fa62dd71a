import KundvalDiagnostics
import KundvalRuntime
import Testing

/// Issue 16 (numbers): every result whose reduced parts fit in 64 bits is computed, with the
/// intermediate products in 128 bits, and every value prints; the holiday table covers every
/// year a date can hold. Expected values computed independently with Python's `fractions`.
/// `n / d`, for the tables of this file (never a zero denominator there).
private func q(_ n: Int64, _ d: Int64 = 1) -> Rational { try! Rational(numerator: n, denominator: d) }

@Suite struct WideArithmeticTests {
    // Sums whose cross products overflow 64 bits although the sum is small.
    @Test(arguments: [
        (q(-4404700335098555297, 5687189123), q(3146218445400743734, 4062277945), q(33777, 35)),
        (q(-4381038993092411823, 6487363148), q(1408186053360167218, 2085223869), q(-610483, 252)),
        (q(7303502695346129782, 11827866855), q(-1947591858950737387, 3154097828), q(168539, 60)),
        (q(7856513441398437169, 7785512020), q(-2142706056815038457, 2123321460), q(-319736, 33)),
        (q(7917194452564815328, 67380543259), q(-32249175182477585, 274462498), q(319829, 982)),
        (q(8284988289985255105, 16708939161), q(-69915651082608285, 141003706), q(-464195, 474)),
        (q(-5226396590316453112, 106137398175), q(139376671122922137, 2830330618), q(323039, 150)),
        (q(-5614617735679505456, 132563985369), q(238893313614888329, 5641020654), q(-443087, 94)),
        (q(9223372036854775807, 10), q(-5534023222112865481, 6), q(8, 15)),
    ])
    func sumsThatFitAreComputed(_ a: Rational, _ b: Rational, _ sum: Rational) throws {
        #expect(try a + b == sum)
        #expect(try b + a == sum)
        #expect(try -sum + a == -b)
    }

    @Test func sumsThatDoNotFitAreOverflow() {
        // 2^63 / 3: the reduced numerator needs 64 bits.
        #expect(throws: EvaluationError.overflow) { try q(.max, 3) + q(1, 3) }
        #expect(throws: EvaluationError.overflow) { try q(.max, 2) + q(.max - 2, 3) }
    }

    @Test func percentagesOfLargeAmounts() throws {
        #expect(try Rational.percentage(q(4294967295), of: q(3037000499)) == q(2608763563620736041, 20))
        #expect(try Rational.percentage(q(.max), of: q(50)) == q(.max, 2))
        #expect(try Rational.percentage(q(-.max), of: q(100)) == q(-.max))
        #expect(throws: EvaluationError.overflow) { try Rational.percentage(q(.max), of: q(200)) }
    }

    @Test(arguments: [
        (Int64(-4237705469354094395), Int64(999999999999999999), Int64(100), Int64(-424)),
        (.max, 1000, 100, 922337203685477581),          // 922337203685477580,7 öre
        (.max, 1, 1, .max),
        (-.max, 2, 1, -4611686018427387904),           // half away from zero
    ] as [(Int64, Int64, Int64, Int64)])
    func roundingToUnitsUsesTheWholeProduct(_ n: Int64, _ d: Int64, _ units: Int64, _ expected: Int64) throws {
        #expect(try q(n, d).rounded(.halfAwayFromZero, units: units) == expected)
    }

    @Test func roundingToMoreUnitsThanFitIsOverflow() {
        #expect(throws: EvaluationError.overflow) { try q(.max, 1).rounded(.halfAwayFromZero, units: 100) }
    }

    @Test(arguments: [
        (q(10000000000, 7), "≈1428571428,571428571"),
        (q(.max, 2), "4611686018427387903,5"),
        (q(-.max, 2), "-4611686018427387903,5"),
        (q(.max, 3), "≈3074457345618258602,333333333"),
        (q(2, 3), "≈0,666666667"),
        (q(-1, 3_000_000_000), "≈0"),                   // rounds to zero: no sign
        (q(1999999999, 2000000000), "≈1"),              // 0,9999999995 rounds up into the whole part
        (q(.max, 1_000_000_000), "9223372036,854775807"),
    ])
    func everyValuePrints(_ value: Rational, _ text: String) {
        #expect(value.description == text)
    }

    @Test func aMoneyFactOfManyKronorIsWholeÖre() {
        #expect(q(.max).isWhole(scaledBy: 100))
        #expect(q(.max, 100).isWhole(scaledBy: 100))
        #expect(!q(1, 1000).isWhole(scaledBy: 100))
    }

    @Test func theHolidayTableCoversEveryYearADateCanHold() throws {
        for year in [1, 2, 9998, 9999] {
            let newYear = try Day(year: year, month: 1, day: 1)
            #expect(newYear.isPublicHoliday, "nyårsdagen \(year)")
            #expect(!newYear.isWorkingDay)
            #expect(Day.publicHolidays(year).count >= 11)
        }
        #expect(!(try Day(year: 9999, month: 12, day: 25)).isWorkingDay)
    }

    /// The issue's examples, through the language (checked, compiled and printed as at a prompt).
    @Test(arguments: [
        ("4294967295 kr * 3037000499 %", "130438178181036802,05 kr"),
        ("avrunda_till_öre(-4237705469354094395 kr / 999999999999999999)", "-4,24 kr"),
        ("10000000000 kr / 7", "≈1428571428,571428571 kr"),
        ("9223372036854775807 / 2", "4611686018427387903,5"),
        ("är_arbetsdag(9999-01-01)", "nej"),
    ])
    func theIssuesExamples(_ expression: String, _ expected: String) throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: "reglemente \"R\"\n")]).get()
        let document = try #require(rules.documents.first)
        let value = try rules.evaluate(expression: expression, in: document, factsJSON: nil,
                                       date: try Day(year: 2025, month: 3, day: 1)).get()
        #expect(value.value == expected)
    }
}
