import Testing
@testable import KundvalRuntime

/// A date moved by a computed amount with a part of a day or month (`7 dagar * 50 %`) moves by
/// the whole days or months only, towards zero, in every evaluator: `d - x` was rounded to
/// fewer days and `d + (0 - x)` to more, so the two were different dates (found by an
/// adversarial session; GUIDE §"Tal, datum och tidslängder").
struct FractionalDateShiftTests {
    static let rules = """
        reglemente "R" version "1"
        typ Anordnare
          start: datum
          grad: procent
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Dagar bakåt"
          kräver anordnare.start - 7 dagar * anordnare.grad = anordnare.start + (0 dagar - 7 dagar * anordnare.grad)
        villkor 2 "Månader bakåt"
          kräver anordnare.start - 1 månad * anordnare.grad = anordnare.start + (0 månader - 1 månad * anordnare.grad)
        villkor 3 "Dagar framåt"
          kräver anordnare.start + 7 dagar * anordnare.grad = anordnare.start + 3 dagar
        villkor 4 "Månader"
          kräver anordnare.start - 3 månader * anordnare.grad = anordnare.start - 1 månad
        villkor 5 "Genom bedömningsdatum"
          kräver bedömningsdatum - 7 dagar * anordnare.grad = bedömningsdatum - 3 dagar
        """

    @Test(arguments: ["2025-01-31", "2024-03-31", "2025-03-01"])
    func partsOfDaysAndMonthsAreDroppedTowardsZero(_ start: String) throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.rules)
        let found = try statuses(#"{"anordnare": {"start": "\#(start)", "grad": 50}}"#)
        #expect(found == Array(repeating: "uppfyllt", count: 5))
    }
}
