import KundvalRuntime
import Testing

@Suite struct RationalTests {
    func r(_ n: Int64, _ d: Int64 = 1) -> Rational { try! Rational(numerator: n, denominator: d) }

    @Test func arithmeticIsExact() throws {
        #expect(try r(1, 3) + r(1, 6) == r(1, 2))
        #expect(try r(10000) / r(30) * r(30) == r(10000))
        #expect(try r(1, 10) + r(2, 10) == r(3, 10))
        #expect(try r(-7, 4) * r(4, 7) == r(-1))
        #expect(r(2, 4).numerator == 1 && r(2, 4).denominator == 2)
        #expect(r(3, -6) == r(-1, 2))
        #expect(r(1, 3) < r(1, 2) && r(-1, 2) < r(-1, 3))
        #expect(try Rational(scaled: 1250, scale: 2) == r(25, 2))
    }

    @Test func overflowAndDivisionByZeroAreErrorsNotTraps() throws {
        #expect(throws: EvaluationError.overflow) { try Rational(integer: .max) + Rational(integer: 1) }
        #expect(throws: EvaluationError.overflow) { try Rational(integer: .max) * Rational(integer: 2) }
        #expect(throws: EvaluationError.overflow) { try -Rational(integer: .min) }
        #expect(throws: EvaluationError.overflow) { try Rational(scaled: 1, scale: 30) }
        #expect(throws: EvaluationError.divisionByZero) { try Rational(integer: 1) / Rational.zero }
        #expect(throws: EvaluationError.divisionByZero) { try Rational(numerator: 1, denominator: 0) }
        // Large but exact comparisons do not overflow.
        #expect(try Rational(numerator: .max, denominator: 3) < Rational(numerator: .max, denominator: 2))
    }

    @Test(arguments: [
        (5, 2, Rational.Rounding.halfAwayFromZero, Int64(3)), (-5, 2, .halfAwayFromZero, -3), (7, 3, .halfAwayFromZero, 2),
        (5, 2, .down, 2), (-5, 2, .down, -3), (5, 2, .up, 3), (-5, 2, .up, -2), (6, 3, .up, 2), (-1, 3, .halfAwayFromZero, 0),
    ] as [(Int64, Int64, Rational.Rounding, Int64)])
    func rounding(_ n: Int64, _ d: Int64, _ mode: Rational.Rounding, _ expected: Int64) {
        #expect(r(n, d).rounded(mode) == expected)
    }

    @Test func description() {
        #expect(r(25, 2).description == "12,5")
        #expect(r(-1, 4).description == "-0,25")
        #expect(r(1, 3).description == "≈0,333333333")
        #expect(r(42).description == "42")
    }
}
