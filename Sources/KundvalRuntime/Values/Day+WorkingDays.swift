import KundvalDiagnostics

// Counting working days, as documents write their deadlines ("inom tre arbetsdagar") and fines
// ("per påbörjad arbetsdag"): `arbetsdagar_efter(datum, antal)` and `arbetsdagar_mellan(från,
// till)`. A day is a working day by ``Day/isWorkingDay``. Dates and counts come from the facts, so
// they can be as far apart as the calendar: each day is given its place among all the working
// days of the calendar, from a table of the working days before each year (made once, on first
// use), and the rest of its own year. Counting a year at a time took ten thousand steps for two
// dates at the calendar's ends, and the expression fuzzer found evaluations that made many such
// calls run for minutes.

extension Day {
    /// The `count`:th working day after this day, or before it when `count` is negative; the
    /// day itself for 0. A working day is one that ``isWorkingDay``: so `arbetsdagar_efter(d,
    /// 1)` of a Friday is the Monday after it, or the Tuesday when that Monday is a holiday.
    ///
    /// - Throws: ``EvaluationError/dateOutOfRange`` when that day is outside the calendar.
    public func adding(workingDays count: Int64) throws(EvaluationError) -> Day {
        guard count != 0 else { return self }
        // The place of the day sought among the calendar's working days, counted from 1: after
        // this day's own place going forward; before the working days up to the day before it
        // going back (this day need not be a working day).
        let total = Int64(Self.workingDaysBeforeYear[Self.workingDaysBeforeYear.count - 1])
        let start = count > 0 ? Int64(workingDaysThrough) : Int64(number == 0 ? 0 : Day(number: number - 1).workingDaysThrough) + 1
        let (sought, overflow) = start.addingReportingOverflow(count)
        guard !overflow, sought >= 1, sought <= total else { throw .dateOutOfRange }
        return Self.workingDay(at: Int(sought))
    }

    /// The working days after this day up to and including `end`; for an earlier `end`, minus
    /// those after `end` up to and including this day: the inverse of
    /// ``adding(workingDays:)`` for counts of 0 or more (`d.workingDays(until:
    /// d.adding(workingDays: n))` is n).
    public func workingDays(until end: Day) -> Int {
        end.workingDaysThrough - workingDaysThrough
    }

    /// The working days of the calendar up to and including this day.
    var workingDaysThrough: Int {
        let year = components.year
        let first = Day(number: Int32(Day.number(year: year, month: 1, day: 1)))
        return Int(Self.workingDaysBeforeYear[year - 1]) + Day.workingDays(from: first, through: self)
    }

    /// The working day that is the `place`:th of the calendar (from 1, at most all of them):
    /// its year found among the years' counts, then its day counted in that year.
    static func workingDay(at place: Int) -> Day {
        let counts = workingDaysBeforeYear
        // The last year whose working days before it are fewer than `place`.
        var (low, high) = (0, counts.count - 2)
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(counts[middle]) < place { low = middle } else { high = middle - 1 }
        }
        var remaining = place - Int(counts[low])
        var day = Day(number: Int32(Day.number(year: low + 1, month: 1, day: 1)))
        while true {
            if day.isWorkingDay {
                remaining -= 1
                if remaining == 0 { return day }
            }
            day = Day(number: day.number + 1)
        }
    }

    /// For each year from 1 (index 0) to 9999, the working days of the years before it, and
    /// after them all the calendar's: ten thousand counts of a year's working days, once.
    static let workingDaysBeforeYear: [Int32] = {
        var counts: [Int32] = [0]
        counts.reserveCapacity(Day.maximum.components.year + 1)
        for year in 1...Day.maximum.components.year {
            let first = Day(number: Int32(Day.number(year: year, month: 1, day: 1)))
            let last = Day(number: Int32(Day.number(year: year, month: 12, day: 31)))
            counts.append(counts[counts.count - 1] + Int32(workingDays(from: first, through: last)))
        }
        return counts
    }()

    /// The working days from `first` through `last`, two days of one year in order: its
    /// weekdays, less those that ``isWorkingDay`` says are none. Only a public holiday or an eve
    /// closes a weekday, so only those days are asked: the year's holidays, julafton, nyårsafton
    /// and the days midsommarafton falls among (19–25 juni), each once (in some years Kristi
    /// himmelsfärdsdag is första maj).
    static func workingDays(from first: Day, through last: Day) -> Int {
        let year = first.components.year
        let eves = (19...25).map { (6, $0) } + [(12, 24), (12, 31)]
        let candidates = publicHolidays(year).map(\.day) + eves.map { Day(number: Int32(number(year: year, month: $0.0, day: $0.1))) }
        var closed: [Day] = []
        for day in candidates where first <= day && day <= last && day.weekday <= 5 && !day.isWorkingDay && !closed.contains(day) {
            closed.append(day)
        }
        return weekdays(from: first, through: last) - closed.count
    }

    /// The days Monday to Friday from `first` through `last`.
    static func weekdays(from first: Day, through last: Day) -> Int {
        let total = Int(last.number) - Int(first.number) + 1
        guard total > 0 else { return 0 }
        var count = total / 7 * 5
        // The days after the whole weeks start on `first`'s weekday.
        var weekday = first.weekday
        for _ in 0..<(total % 7) {
            if weekday <= 5 { count += 1 }
            weekday = weekday == 7 ? 1 : weekday + 1
        }
        return count
    }
}
