import Testing
@testable import KundvalRuntime

/// A number of one takes its unit in the singular, in decisions and explanations alike: output
/// read "1 dagar", "1 månader", "1 timmar" (found by an adversarial session). The JSON keeps the
/// unit's symbol (`"enhet": "dagar"`), which a service reads.
@Suite struct UnitWordTests {
    @Test func oneTakesTheSingular() {
        let formatter = ValueFormatter(enumerations: [:])
        #expect(formatter.describe(.number(.one), as: .days) == "1 dag")
        #expect(formatter.describe(.number(Rational(integer: -1)), as: .months) == "-1 månad")
        #expect(formatter.describe(.number(.one), as: .unit("timmar")) == "1 timme")
        #expect(formatter.describe(.number(.one), as: .unit("hp")) == "1 hp")
        #expect(formatter.describe(.number(Rational(integer: 2)), as: .days) == "2 dagar")
        #expect(formatter.describe(.bounded(low: .one, high: Rational(integer: 3)), as: .days) == "mellan 1 dag och 3 dagar")
        #expect(ResultValue.number(.one).text(unit: .months) == "1 månad")
        #expect(ResultValue.number(.one).text(unit: .kronor) == "1 kr")
        #expect(ResultValue.number(Rational(integer: 7)).text(unit: .days) == "7 dagar")
    }
}
