import KundvalRuntime
import Testing

@Suite struct CalendarTests {
    func day(_ text: String) -> Day {
        let parts = text.split(separator: "-").map { Int($0)! }
        return try! Day(year: parts[0], month: parts[1], day: parts[2])
    }

    @Test func everyDayFrom1900To2100RoundTripsAndWeekdaysAdvance() throws {
        var previous = try Day(year: 1899, month: 12, day: 31)
        #expect(previous.weekday == 7)  // 31 december 1899 was a Sunday
        for year in 1900...2100 {
            for month in 1...12 {
                for dayOfMonth in 1...Day.daysIn(month: month, year: year) {
                    let day = try Day(year: year, month: month, day: dayOfMonth)
                    let components = day.components
                    #expect(components == (year, month, dayOfMonth))
                    #expect(day.number == previous.number + 1)
                    #expect(day.weekday == previous.weekday % 7 + 1)
                    previous = day
                }
            }
        }
        #expect(day("2025-03-01").weekday == 6)
        #expect(day("2000-01-01").weekday == 6)
    }

    /// Every day a `datum` can hold, 0001-01-01 to 9999-12-31, against a calendar counted one
    /// day at a time (the day, then the month, then the year rolls over): the numbers run
    /// without a gap and ``Day/components`` and ``Day/init(year:month:day:)`` agree with the
    /// count both ways. The conversions are arithmetic (no tables, no loops), so they are checked
    /// on every day rather than on a sample.
    @Test func everyDayOfTheCalendarAgreesWithACountedCalendar() throws {
        var (year, month, dayOfMonth) = (1, 1, 1)
        var mismatches = 0
        var first: String?
        for number in 0...Int(try Day(year: 9999, month: 12, day: 31).number) {
            let day = Day(number: Int32(number))
            let made = try Day(year: year, month: month, day: dayOfMonth)
            if day.components != (year, month, dayOfMonth) || made.number != day.number {
                mismatches += 1
                first = first ?? "\(number): \(day.components) ≠ \((year, month, dayOfMonth)), made \(made.number)"
            }
            dayOfMonth += 1
            if dayOfMonth > Day.daysIn(month: month, year: year) { (month, dayOfMonth) = (month + 1, 1) }
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        #expect(mismatches == 0, "\(first ?? "")")
        #expect((year, month, dayOfMonth) == (10000, 1, 1))
    }

    /// ``Day/isPublicHoliday`` and ``Day/isHolidayEve`` decide from the date alone; here they
    /// are held against the year's list of ``Day/publicHolidays(_:)`` on every day of the years
    /// around each change of the law (1939, 1953, 2005), of 1900–2100, of the calendar's first
    /// and last years and of every 7th year between.
    @Test func holidaysDecidedFromTheDateAgreeWithTheYearsList() throws {
        let years = Set(Array(1...12) + Array(1900...2100) + Array(9990...9999) + Array(stride(from: 13, to: 9990, by: 7)))
        let last = try Day(year: 9999, month: 12, day: 31)
        var mismatches: [String] = []
        for year in years.sorted() {
            let holidays = Day.publicHolidays(year)
            let listed = Set(holidays.map(\.day.number))
            let midsummer = try #require(holidays.first { $0.name == "midsommardagen" }).day
            var day = try Day(year: year, month: 1, day: 1)
            while day.components.year == year {
                let (_, month, dayOfMonth) = day.components
                let holiday = day.weekday == 7 || listed.contains(day.number)
                let eve = month == 12 && (dayOfMonth == 24 || dayOfMonth == 31) || day.number == midsummer.number - 1
                if day.isPublicHoliday != holiday || day.isHolidayEve != eve || day.isWorkingDay != (day.weekday < 6 && !holiday && !eve) {
                    mismatches.append(day.description)
                }
                if day == last { break }
                day = Day(number: day.number + 1)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// `Day(number:)` is public and takes any number; a day outside 0001-01-01 … 9999-12-31 has no
    /// holidays but Sundays (as when ``Day/publicHolidays(_:)`` was searched: it is empty for
    /// such years), and asking never traps (Easter of year 0 or 10000 is no `Day`). From a
    /// review.
    @Test func holidaysOfDaysOutsideTheCalendarDoNotTrap() {
        for number: Int32 in [.min, -1_000_000, -306, -250, -185, -1, 3_652_059, 3_652_059 + 90, 3_652_059 + 160, .max] {
            let day = Day(number: number)
            #expect(day.isPublicHoliday == (day.weekday == 7), "\(number)")
            _ = day.isHolidayEve
            _ = day.isWorkingDay
        }
    }

    /// One rule: keep the day of the month; in a shorter month take its last day.
    @Test(arguments: [
        ("2024-01-31", 1, "2024-02-29", true), ("2023-01-31", 1, "2023-02-28", true),
        ("2024-02-29", 12, "2025-02-28", true), ("2024-03-31", -1, "2024-02-29", true),
        ("2024-05-31", 1, "2024-06-30", true), ("2024-01-15", 1, "2024-02-15", false),
        ("2024-12-31", 2, "2025-02-28", true), ("2025-03-01", -3, "2024-12-01", false),
        ("2000-02-29", 48, "2004-02-29", false), ("1900-01-31", 1, "1900-02-28", true),
    ] as [(String, Int64, String, Bool)])
    func monthArithmetic(_ start: String, _ months: Int64, _ expected: String, _ clamped: Bool) throws {
        let result = try day(start).adding(months: months)
        #expect(result.day == day(expected))
        #expect(result.clamped == clamped)
    }

    /// Whole months between two dates follow the same rule as adding months.
    @Test(arguments: [
        ("2025-01-31", "2025-02-28", 1), ("2025-01-31", "2025-02-27", 0), ("2025-01-15", "2025-01-15", 0),
        ("2025-01-15", "2026-01-14", 11), ("2025-01-15", "2026-01-15", 12), ("2024-02-29", "2025-02-28", 12),
        ("2025-03-31", "2025-02-28", -1), ("2025-03-01", "2025-01-31", -1), ("1900-01-01", "2100-12-31", 2411),
    ] as [(String, String, Int64)])
    func wholeMonthsBetween(_ from: String, _ to: String, _ expected: Int64) throws {
        #expect(try day(from).wholeMonths(until: day(to)) == expected)
    }

    /// For every pair of days in three years, `från + n månader <= till < från + (n + 1) månader`.
    @Test func wholeMonthsAgreeWithAddingMonths() throws {
        let start = day("2023-11-01")
        for a in stride(from: 0, to: 1100, by: 7) {
            for b in stride(from: 0, to: 1100, by: 5) {
                let from = try start.adding(days: Int64(a))
                let to = try start.adding(days: Int64(b))
                let n = try from.wholeMonths(until: to)
                guard to >= from else { continue }
                #expect(try from.adding(months: n).day <= to)
                #expect(try from.adding(months: n + 1).day > to)
            }
        }
    }

    @Test func monthArithmeticIsNotAssociativeAndSaysSo() throws {
        let start = day("2025-01-31")
        let twice = try start.adding(months: 1).day.adding(months: 1).day
        let once = try start.adding(months: 2).day
        #expect(twice == day("2025-03-28"))
        #expect(once == day("2025-03-31"))
    }

    @Test func datesOutOfRangeAreErrorsNotTraps() {
        #expect(throws: EvaluationError.dateOutOfRange) { try Day(year: 9999, month: 12, day: 31).adding(days: 1) }
        #expect(throws: EvaluationError.dateOutOfRange) { try Day(year: 1, month: 1, day: 1).adding(months: -1) }
        #expect(throws: EvaluationError.dateOutOfRange) { try Day(year: 2025, month: 1, day: 1).adding(months: .max) }
        #expect(throws: EvaluationError.dateOutOfRange) { try Day(year: 10000, month: 1, day: 1) }
        // A day the calendar does not have is said to be so, not to be outside the years.
        #expect(throws: EvaluationError.noSuchDate) { try Day(year: 2025, month: 2, day: 29) }
        #expect(throws: EvaluationError.noSuchDate) { try Day(year: 2025, month: 13, day: 1) }
    }

    /// `ÅÅÅÅ-MM-DD` is read as decisions write it, and nothing else is a date.
    @Test func aDateIsReadFromItsText() throws {
        #expect(Day("2024-02-29") == (try Day(year: 2024, month: 2, day: 29)))
        #expect(Day("0001-01-01")?.description == "0001-01-01")
        for text in ["2025-02-29", "2025-13-01", "2025-1-01", "+202-01-01", "2025-01-0١", "2025/01/01", "", "2025-01-01-"] {
            #expect(Day(text) == nil, "\(text)")
        }
    }

    /// Easter by a second, independent method (Meeus's Julian-to-Gregorian form is not used by
    /// the library; this is the Gauss algorithm with the Lichtenberg corrections).
    static func gaussEaster(_ year: Int) -> (month: Int, day: Int) {
        let k = year / 100
        let m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25
        let s = 2 - (3 * k + 3) / 4
        let a = year % 19
        let d = (19 * a + m) % 30
        let r = (d + a / 11) / 29
        let og = 21 + d - r
        let sz = 7 - (year + year / 4 + s) % 7
        let oe = 7 - (og - sz) % 7
        let os = og + oe
        return os > 31 ? (4, os - 31) : (3, os)
    }

    @Test func easterAgreesWithAnIndependentMethodFrom1900To2100() {
        for year in 1900...2100 {
            let easter = Day.easterSunday(year)
            let (month, dayOfMonth) = Self.gaussEaster(year)
            #expect(easter.components == (year, month, dayOfMonth), "\(year)")
            #expect(easter.weekday == 7)
        }
        #expect(Day.easterSunday(2024) == day("2024-03-31"))
        #expect(Day.easterSunday(2025) == day("2025-04-20"))
        #expect(Day.easterSunday(1943) == day("1943-04-25"))
        #expect(Day.easterSunday(2008) == day("2008-03-23"))
    }

    @Test func publicHolidaysOfEveryYearFrom1900To2100() {
        for year in 1900...2100 {
            let holidays = Day.publicHolidays(year)
            let names = Set(holidays.map(\.name))
            let easter = Day.easterSunday(year)
            func on(_ name: String) -> Day? { holidays.first { $0.name == name }?.day }
            // Always: the Christmas, New Year and Easter-dependent days.
            #expect(on("nyårsdagen") == (try! Day(year: year, month: 1, day: 1)))
            #expect(on("trettondedag jul") == (try! Day(year: year, month: 1, day: 6)))
            #expect(on("långfredagen")?.number == easter.number - 2)
            #expect(on("påskdagen") == easter)
            #expect(on("annandag påsk")?.number == easter.number + 1)
            #expect(on("Kristi himmelsfärdsdag")?.number == easter.number + 39)
            #expect(on("Kristi himmelsfärdsdag")?.weekday == 4)
            #expect(on("pingstdagen")?.number == easter.number + 49)
            #expect(on("juldagen") == (try! Day(year: year, month: 12, day: 25)))
            #expect(on("annandag jul") == (try! Day(year: year, month: 12, day: 26)))
            // The changes of 1939, 1953 and 2005.
            #expect(names.contains("första maj") == (year >= 1939))
            #expect(names.contains("Marie bebådelsedag") == (year < 1953))
            #expect(names.contains("alla helgons dag") == (year >= 1953))
            #expect(names.contains("annandag pingst") == (year <= 2004))
            #expect(names.contains("Sveriges nationaldag") == (year >= 2005))
            let midsummer = on("midsommardagen")!
            if year >= 1953 {
                #expect(midsummer.weekday == 6 && (20...26).contains(midsummer.components.day) && midsummer.components.month == 6)
                let allSaints = on("alla helgons dag")!
                #expect(allSaints.weekday == 6)
                #expect(allSaints.number >= (try! Day(year: year, month: 10, day: 31)).number)
                #expect(allSaints.number <= (try! Day(year: year, month: 11, day: 6)).number)
            } else {
                #expect(midsummer == (try! Day(year: year, month: 6, day: 24)))
            }
            #expect(holidays.count == (year < 1939 ? 12 : 13), "\(year)")
        }
    }

    @Test func holidaysOf2025() {
        let expected = ["2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29",
                        "2025-06-06", "2025-06-08", "2025-06-21", "2025-11-01", "2025-12-25", "2025-12-26"]
        #expect(Day.publicHolidays(2025).map(\.day.description) == expected)
    }

    @Test(arguments: [
        ("2025-06-20", "2025-06-23"),  // midsommarafton (fredag) → måndag
        ("2025-12-24", "2025-12-29"),  // julafton, juldagen, annandag, helg
        ("2025-12-31", "2026-01-02"),  // nyårsafton, nyårsdagen
        ("2025-03-01", "2025-03-03"),  // lördag
        ("2025-04-18", "2025-04-22"),  // långfredagen … annandag påsk
        ("2025-03-04", "2025-03-04"),  // en vanlig tisdag
        ("2025-05-29", "2025-05-30"),  // Kristi himmelsfärdsdag
    ])
    func deadlineRule(_ last: String, _ expected: String) {
        #expect(day(last).deadline == day(expected))
    }
}
