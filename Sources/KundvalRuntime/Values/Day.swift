import KundvalDiagnostics

/// A calendar date as a day number (days since 0001-01-01 in the proleptic Gregorian calendar),
/// with the calendar arithmetic the rules need.
///
/// **Month arithmetic** has one documented rule: adding months keeps the day of the month, and
/// when the target month is shorter the result is that month's last day. So 31 januari + 1
/// månad = 28 (or 29) februari, and 31 mars − 1 månad = 28/29 februari. ``adding(months:)``
/// also says whether the day was moved, so explanations can show it.
public struct Day: Hashable, Sendable, Comparable, LosslessStringConvertible {
    /// Days since 0001-01-01.
    public let number: Int32

    /// The day with the given number. Only the numbers of 0001-01-01 to 9999-12-31 are dates
    /// of the calendar (``isInCalendar``); an evaluation on any other day is refused.
    public init(number: Int32) { self.number = number }

    /// Whether the day is in the calendar the rules count in: 0001-01-01 to 9999-12-31, the
    /// dates facts, rules and stored decisions write.
    public var isInCalendar: Bool { number >= 0 && number <= Day.maximum.number }

    /// The date `year-month-day`, which must exist: a year outside 1–9999 is
    /// ``EvaluationError/dateOutOfRange``, a month or day that does not exist (`2025-02-30`)
    /// ``EvaluationError/noSuchDate``.
    public init(year: Int, month: Int, day: Int) throws(EvaluationError) {
        guard (1...9999).contains(year) else { throw .dateOutOfRange }
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { throw .noSuchDate }
        number = Int32(Day.number(year: year, month: month, day: day))
    }

    /// The date written `ÅÅÅÅ-MM-DD`, as facts, tests and decisions write it (`2025-03-01`);
    /// `nil` when the text is not of that form (digits only) or names no date (`2025-02-30`).
    public init?(_ description: String) {
        let parts = description.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } })
        else { return nil }
        func number(_ digits: Substring.UTF8View.SubSequence) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        guard let day = try? Day(year: number(parts[0]), month: number(parts[1]), day: number(parts[2])) else { return nil }
        self = day
    }

    /// Why `text` is no date, in one Swedish sentence for a person who wrote it: not of the form
    /// ÅÅÅÅ-MM-DD, a month or day the calendar does not have (`februari 2025 har 28 dagar`), or a
    /// year outside 1–9999. For a text that ``init(_:)`` refuses.
    public static func problem(with text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2],
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return "\(Quoting.quoted(text)) är inget datum på formen ÅÅÅÅ-MM-DD"
        }
        guard (1...12).contains(month) else { return "\(Quoting.quoted(text)) är inget datum: det finns ingen månad \(month)" }
        let names = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                     "november", "december"]
        let days = Day.daysIn(month: month, year: year)
        guard day > 0 else { return "\(Quoting.quoted(text)) är inget datum: det finns ingen dag 0" }
        guard (1...days).contains(day) else { return "\(Quoting.quoted(text)) är inget datum: \(names[month - 1]) \(year) har \(days) dagar" }
        return "\(Quoting.quoted(text)) är inget datum mellan år 1 och 9999"
    }

    // The calendar in years that start on 1 March (as in H. Hinnant's `days_from_civil` and
    // `civil_from_days`): the leap day is then the last day of its year, so a day of the year
    // maps to its month by one formula, `(153 × m + 2) / 5` days before month `m` (0 = March),
    // and a date to its number by arithmetic alone, without tables or loops. 0001-01-01 is day
    // 306 of year 0 counted so; every number below is non-negative for the years 1–9999.

    /// The number of an existing date.
    @inline(__always)
    static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 306
    }

    /// Whether `year` is a leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Unsigned for the dates a fact or a computation can hold: every part is then
        // non-negative, and a division by a constant needs no correction for a sign (about half
        // the instructions). Signed for any other number ``init(number:)`` was given.
        number >= 0 ? Self.civil(UInt(number) + 306) : Self.civil(Int(number) + 306)
    }

    /// Year, month and day of the day `shifted` days from 0000-03-01.
    @inline(__always)
    private static func civil<N: FixedWidthInteger>(_ shifted: N) -> (year: Int, month: Int, day: Int) {
        // Wrapping operators: every value stays far inside 64 bits for a 32-bit day number.
        let era = shifted / 146_097
        let dayOfEra = shifted &- era &* 146_097
        let yearOfEra = (dayOfEra &- dayOfEra / 1460 &+ dayOfEra / 36_524 &- dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra &- (365 &* yearOfEra &+ yearOfEra / 4 &- yearOfEra / 100)
        let march = (5 &* dayOfYear &+ 2) / 153
        let day = dayOfYear &- (153 &* march &+ 2) / 5 &+ 1
        let month = march < 10 ? march &+ 3 : march &- 9
        return (Int(truncatingIfNeeded: era &* 400 &+ yearOfEra) &+ (month <= 2 ? 1 : 0), Int(truncatingIfNeeded: month),
                Int(truncatingIfNeeded: day))
    }

    /// `ÅÅÅÅ-MM-DD`.
    public var description: String {
        // No text names a day outside the calendar; such a number is shown as one.
        guard isInCalendar else { return "dag \(number) utanför kalendern" }
        let (y, m, d) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Order in time.
    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    /// 1 = måndag … 7 = söndag.
    public var weekday: Int { Int((number % 7 + 7) % 7) + 1 }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int64) throws(EvaluationError) -> Day {
        let (value, overflow) = Int64(number).addingReportingOverflow(days)
        guard !overflow, value >= 0, value <= Day.maximum.number else { throw .dateOutOfRange }
        return Day(number: Int32(value))
    }

    /// The same day `months` months later (earlier when negative); when that month is shorter,
    /// its last day. `clamped` says whether the day had to move.
    public func adding(months: Int64) throws(EvaluationError) -> (day: Day, clamped: Bool) {
        let (y, m, d) = components
        let (total, overflow) = Int64(y * 12 + (m - 1)).addingReportingOverflow(months)
        guard !overflow, total >= 12, total < 10_000 * 12 else { throw .dateOutOfRange }
        let year = Int(total / 12)
        let month = Int(total % 12) + 1
        let last = Day.daysIn(month: month, year: year)
        // The year, the month and (clamped) the day are valid: no need to check them again.
        return (Day(number: Int32(Day.number(year: year, month: month, day: min(d, last)))), d > last)
    }

    /// 9999-12-31.
    static let maximum = try! Day(year: 9999, month: 12, day: 31)

    /// Whole months from `self` to `other` by the month rule: the largest n with
    /// `self + n months <= other`, so 31 januari to 28 februari is one month. Negative (the same
    /// count, backwards) when `other` is earlier.
    public func wholeMonths(until other: Day) throws(EvaluationError) -> Int64 {
        if other < self { return -(try other.wholeMonths(until: self)) }
        let (y1, m1, _) = components
        let (y2, m2, _) = other.components
        let months = Int64((y2 - y1) * 12 + (m2 - m1))
        return try adding(months: months).day > other ? months - 1 : months
    }

    /// Whole days from `self` to `other`.
    public func days(to other: Day) -> Int64 { Int64(other.number) - Int64(number) }
}

extension Day {
    // MARK: - Swedish public holidays

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return try! Day(year: year, month: month, day: day)
    }

    /// The Saturday in `month` whose day is within `range` (midsommardagen, alla helgons dag).
    private static func saturday(year: Int, month: Int, from start: Int) -> Day {
        let first = try! Day(year: year, month: month, day: start)
        return Day(number: first.number + Int32((6 - first.weekday + 7) % 7))
    }

    /// The allmänna helgdagar of a year with their names, in date order.
    ///
    /// The calendar follows lag (1989:253) om allmänna helgdagar and the changes that shaped it:
    /// första maj from 1939; the 1953 reform, which moved midsommardagen from 24 juni to the
    /// Saturday 20–26 juni, made the Saturday 31 oktober–6 november alla helgons dag, and
    /// moved Marie bebådelsedag (before then 25 mars) to a Sunday; nationaldagen 6 juni from
    /// 2005, when annandag pingst ceased to be a holiday. Before 1953 Marie bebådelsedag is
    /// taken as 25 mars every year; the older rules for moving it out of Holy Week are not
    /// modelled. Sundays are holidays too (see ``isWorkingDay``).
    public static func publicHolidays(_ year: Int) -> [(day: Day, name: String)] {
        guard (1...9999).contains(year) else { return [] }
        let easter = easterSunday(year)
        func date(_ month: Int, _ day: Int) -> Day { try! Day(year: year, month: month, day: day) }
        func fromEaster(_ offset: Int32) -> Day { Day(number: easter.number + offset) }
        var days: [(day: Day, name: String)] = [
            (date(1, 1), "nyårsdagen"), (date(1, 6), "trettondedag jul"),
            (fromEaster(-2), "långfredagen"), (easter, "påskdagen"), (fromEaster(1), "annandag påsk"),
            (fromEaster(39), "Kristi himmelsfärdsdag"), (fromEaster(49), "pingstdagen"),
            (date(12, 25), "juldagen"), (date(12, 26), "annandag jul"),
        ]
        if year < 1953 { days.append((date(3, 25), "Marie bebådelsedag")) }
        if year >= 1939 { days.append((date(5, 1), "första maj")) }
        if year <= 2004 { days.append((fromEaster(50), "annandag pingst")) }
        if year >= 2005 { days.append((date(6, 6), "Sveriges nationaldag")) }
        if year < 1953 {
            days.append((date(6, 24), "midsommardagen"))
        } else {
            days.append((saturday(year: year, month: 6, from: 20), "midsommardagen"))
            days.append((saturday(year: year, month: 10, from: 31 - 0), "alla helgons dag"))
        }
        days.sort { $0.day < $1.day }
        return days
    }

    /// Whether the day is an allmän helgdag (Sundays included): the days of
    /// ``publicHolidays(_:)`` decided from the date itself, without making the year's list
    /// (working days are counted in the hot path of evaluation).
    public var isPublicHoliday: Bool {
        let weekday = weekday
        if weekday == 7 { return true }
        let (year, month, day) = components
        // A day outside the calendar (`Day(number:)` takes any number) has no holidays but
        // Sundays, as the year's list of such a year is empty; its Easter is no `Day`.
        guard (1...9999).contains(year) else { return false }
        switch (month, day) {
        case (1, 1), (1, 6), (12, 25), (12, 26): return true
        case (3, 25) where year < 1953: return true
        case (5, 1) where year >= 1939: return true
        case (6, 6) where year >= 2005: return true
        case (6, 24) where year < 1953: return true
        default: break
        }
        if year >= 1953, weekday == 6 {
            // Midsommardagen, the Saturday 20–26 juni; alla helgons dag, 31 oktober–6 november.
            if month == 6 && (20...26).contains(day) || month == 10 && day == 31 || month == 11 && day <= 6 { return true }
        }
        // From långfredagen (20 March at the earliest) to annandag pingst (14 June at the latest).
        guard (3...6).contains(month) else { return false }
        switch Int(number) - Int(Day.easterSunday(year).number) {
        case -2, 0, 1, 39, 49: return true
        case 50: return year <= 2004
        default: return false
        }
    }

    /// Midsommarafton (the Friday before midsommardagen), julafton or nyårsafton.
    public var isHolidayEve: Bool {
        let (year, month, day) = components
        if month == 12 && (day == 24 || day == 31) { return true }
        guard month == 6 else { return false }
        return year < 1953 ? day == 23 : weekday == 5 && (19...25).contains(day)
    }

    /// A helgfri vardag that is not midsommarafton, julafton or nyårsafton: the days of 002
    /// 14.1 and of the deadline rule in lag (1930:173).
    public var isWorkingDay: Bool {
        weekday < 6 && !isPublicHoliday && !isHolidayEve
    }

    /// The deadline rule of lag (1930:173) om beräkning av lagstadgad tid: a last day that falls
    /// on a Saturday, Sunday or public holiday, midsommarafton, julafton or nyårsafton moves to
    /// the next working day.
    public var deadline: Day {
        var day = self
        while !day.isWorkingDay, day < Day.maximum { day = Day(number: day.number + 1) }
        return day
    }
}
