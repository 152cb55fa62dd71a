import KundvalChecker
import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// `arbetsdagar_efter(datum, n)`: the n:th working day after a date, as deadlines "inom tre
/// arbetsdagar" count. Counted a year at a time where it can, it must give the day that
/// counting one day at a time gives, in every year of the calendar and across the changes of
/// the holiday laws (1939, 1953, 2005).
@Suite struct WorkingDaysTests {
    /// Counting one day at a time, with ``Day/isWorkingDay``: the rule itself.
    static func counted(_ day: Day, _ count: Int64) -> Day? {
        var day = day
        var remaining = count.magnitude
        while remaining > 0 {
            let next = Int64(day.number) + (count > 0 ? 1 : -1)
            guard next >= 0, next <= Int64(Day.maximum.number) else { return nil }
            day = Day(number: Int32(next))
            if day.isWorkingDay { remaining -= 1 }
        }
        return day
    }

    @Test func deadlinesInWorkingDays() throws {
        // Friday 20 June 2025 is midsommarafton: one working day after Thursday 19 June is
        // Monday 23 June. Three after Monday 22 December are 23, 29 and 30 December.
        #expect(try Day(year: 2025, month: 6, day: 19).adding(workingDays: 1) == Day(year: 2025, month: 6, day: 23))
        #expect(try Day(year: 2025, month: 12, day: 22).adding(workingDays: 3) == Day(year: 2025, month: 12, day: 30))
        #expect(try Day(year: 2026, month: 1, day: 2).adding(workingDays: -1) == Day(year: 2025, month: 12, day: 30))
        // Zero is the day itself, a working day or not.
        #expect(try Day(year: 2025, month: 12, day: 25).adding(workingDays: 0) == Day(year: 2025, month: 12, day: 25))
    }

    @Test func countingByYearsGivesTheDayCountingDayByDayGives() throws {
        var generator = SplitMix64(seed: 97)
        // Years around each change of the holidays, the calendar's ends, and any year.
        let years = [1, 2, 1938, 1939, 1952, 1953, 2004, 2005, 2025, 9998, 9999]
        var compared = 0
        for round in 0..<1_500 {
            let year = round < 600 ? years[Int(generator.next() % UInt64(years.count))] : Int(generator.next() % 9999) + 1
            let day = try Day(year: year, month: Int(generator.next() % 12) + 1, day: Int(generator.next() % 28) + 1)
            // Short counts, and counts of several years (taken by whole years).
            let magnitude = Int64(round % 3 == 0 ? generator.next() % 3_000 : generator.next() % 40)
            let count = generator.next() % 2 == 0 ? magnitude : -magnitude
            let expected = Self.counted(day, count)
            let actual: Day?
            do { actual = try day.adding(workingDays: count) } catch { actual = nil }
            #expect(actual == expected, "\(day) + \(count) arbetsdagar")
            compared += 1
        }
        #expect(compared == 1_500)
    }

    @Test func aCountPastTheCalendarIsAnErrorAtOnce() throws {
        let day = try Day(year: 2025, month: 3, day: 1)
        for count in [Int64.max, Int64.min, 3_000_000, -3_000_000, 2_600_000] {
            #expect(throws: EvaluationError.dateOutOfRange) { try day.adding(workingDays: count) }
        }
        #expect(throws: EvaluationError.dateOutOfRange) { try Day.maximum.adding(workingDays: 1) }
        #expect(throws: EvaluationError.dateOutOfRange) { try Day(number: 0).adding(workingDays: -1) }
        // The last working days of the calendar are reached: 9999-12-30 is a Thursday.
        #expect(try Day(year: 9999, month: 12, day: 29).adding(workingDays: 1) == Day(year: 9999, month: 12, day: 30))
    }

    /// `nästa_arbetsdag` of the calendar's last day, a Friday that is nyårsafton: no working day
    /// follows in the calendar, an error as every date past it is (the day itself was given,
    /// though `är_arbetsdag` says it is none; found by an adversarial test).
    @Test func theNextWorkingDayPastTheCalendarIsAnError() throws {
        #expect(throws: EvaluationError.dateOutOfRange) { try Compiler.apply(.nextWorkingDay, .date(Day.maximum), .unknown) }
        let thirtieth = try Day(year: 9999, month: 12, day: 30)
        #expect(try Compiler.apply(.nextWorkingDay, .date(thirtieth), .unknown) == .date(thirtieth))
    }

    /// `arbetsdagar_mellan(från, till)`: the working days after `från` up to and including
    /// `till`, counted a year at a time, as counting day by day counts them, and the inverse of
    /// `arbetsdagar_efter` (an author could not write a fine per working day after a due date).
    @Test func workingDaysBetweenTwoDatesCountAsDayByDay() throws {
        var generator = SplitMix64(seed: 101)
        let years = [1, 1938, 1939, 1952, 1953, 2004, 2005, 2025, 9999]
        for round in 0..<600 {
            let year = round < 300 ? years[Int(generator.next() % UInt64(years.count))] : Int(generator.next() % 9999) + 1
            let day = try Day(year: year, month: Int(generator.next() % 12) + 1, day: Int(generator.next() % 28) + 1)
            let span = Int32(round % 3 == 0 ? generator.next() % 2_000 : generator.next() % 40)
            let other = Day(number: max(0, min(Day.maximum.number, generator.next() % 2 == 0 ? day.number + span : day.number - span)))
            var expected = 0
            let (low, high) = day < other ? (day, other) : (other, day)
            if low < high { for number in (low.number + 1)...high.number where Day(number: number).isWorkingDay { expected += 1 } }
            #expect(day.workingDays(until: other) == (day <= other ? expected : -expected), "\(day) till \(other)")
            let count = Int64(generator.next() % 300)
            if let later = try? day.adding(workingDays: count) { #expect(day.workingDays(until: later) == Int(count)) }
        }
        // Midsommarafton, a weekend and midsommardagen: 19 to 23 June 2025 is one working day.
        #expect(try Day(year: 2025, month: 6, day: 19).workingDays(until: Day(year: 2025, month: 6, day: 23)) == 1)
        // The whole calendar, from both ends, in ten thousand steps of a year.
        #expect(Day(number: 0).workingDays(until: Day.maximum) == -Day.maximum.workingDays(until: Day(number: 0)))
        // 23, 29 and 30 December and 2 January: julafton to annandag, nyårsafton and nyårsdagen are none.
        #expect(try Compiler.apply(.workingDaysBetween, .date(Day(year: 2025, month: 12, day: 22)),
                                   .date(Day(year: 2026, month: 1, day: 2))) == .number(Rational(integer: 4)))
    }

    /// The rule from a kundval, in the value code and the program alike.
    @Test func theBuiltinInARule() throws {
        let document = try CodePathAgreementTests.document("""
            reglemente "R" version "1"
            typ Avvikelse
              inträffade: datum
              rapporterad: datum kan saknas
            typ Anordnare
              avvikelser: lista av Avvikelse
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Avvikelser"
              kräver alla a i anordnare.avvikelser: a.rapporterad <= arbetsdagar_efter(a.inträffade, 2)
            villkor 2 "Avvikelser, räknade"
              kräver alla a i anordnare.avvikelser: arbetsdagar_mellan(a.inträffade, a.rapporterad) <= 2
            """)
        let date = try Day(year: 2025, month: 8, day: 1)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(document, date: date, seed: 98, rounds: 300) { g in
            let days = ["2025-06-18", "2025-06-19", "2025-06-20", "2025-06-23", "2025-06-24", "2025-12-23", "2025-12-29"]
            let events = (0..<g.next(below: 3)).map { _ in
                let reported = g.next(below: 4) == 0 ? "null" : "\"\(days[g.next(below: days.count)])\""
                return #"{"inträffade": "\#(days[g.next(below: 3)])", "rapporterad": \#(reported)}"#
            }
            return #"{"anordnare": {"avvikelser": [\#(events.joined(separator: ", "))]}}"#
        }
        #expect(compared >= 300)
        #expect(statuses.contains("1 uppfyllt") && statuses.contains("1 ej uppfyllt") && statuses.contains("1 underlag saknas"))
    }
}
