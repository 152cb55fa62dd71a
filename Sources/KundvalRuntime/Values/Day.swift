/// A calendar date as a day number (days since 0001-01-01 in the proleptic Gregorian calendar),
/// with the calendar arithmetic the rules need.
///
/// **Month arithmetic** has one documented rule: adding months keeps the day of the month, and
/// when the target month is shorter the result is that month's last day. So 31 januari + 1
/// månad = 28 (or 29) februari, and 31 mars − 1 månad = 28/29 februari. ``adding(months:)``
/// also says whether the day was moved, so explanations can show it.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Days since 0001-01-01.
    public let number: Int32

    /// The day with the given number.
    public init(number: Int32) { self.number = number }

    /// The date `year-month-day`, which must exist.
    public init(year: Int, month: Int, day: Int) throws(EvaluationError) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year)
        else { throw .dateOutOfRange }
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        days += Day.cumulativeDays[month - 1] + (Day.isLeap(year) && month > 2 ? 1 : 0) + day - 1
        number = Int32(days)
    }

    static let cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

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
        // Days in 400, 100 and 4 years, then the year within.
        var days = Int(number)
        let cycles400 = days / 146_097
        days %= 146_097
        var cycles100 = days / 36_524
        if cycles100 == 4 { cycles100 = 3 }
        days -= cycles100 * 36_524
        let cycles4 = days / 1461
        days %= 1461
        var years = days / 365
        if years == 4 { years = 3 }
        days -= years * 365
        let year = cycles400 * 400 + cycles100 * 100 + cycles4 * 4 + years + 1
        var month = 1
        while month < 12 {
            let next = Day.cumulativeDays[month] + (Day.isLeap(year) && month >= 2 ? 1 : 0)
            if days < next { break }
            month += 1
        }
        let day = days - Day.cumulativeDays[month - 1] - (Day.isLeap(year) && month > 2 ? 1 : 0) + 1
        return (year, month, day)
    }

    /// `ÅÅÅÅ-MM-DD`.
    public var description: String {
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
        return (try Day(year: year, month: month, day: min(d, last)), d > last)
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
        var days: [(Day, String)] = [
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
        return days.sorted { $0.0 < $1.0 }
    }

    /// Whether the day is an allmän helgdag (Sundays included).
    public var isPublicHoliday: Bool {
        if weekday == 7 { return true }
        let year = components.year
        return Day.publicHolidays(year).contains { $0.day == self }
    }

    /// Midsommarafton (the Friday before midsommardagen), julafton or nyårsafton.
    public var isHolidayEve: Bool {
        let (year, month, day) = components
        if month == 12 && (day == 24 || day == 31) { return true }
        guard month == 6 else { return false }
        let midsummer = year < 1953 ? try! Day(year: year, month: 6, day: 24) : Day.saturday(year: year, month: 6, from: 20)
        return number == midsummer.number - 1
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
