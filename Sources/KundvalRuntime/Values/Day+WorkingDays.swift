import KundvalDiagnostics

// Counting working days, as documents write their deadlines ("inom tre arbetsdagar"):
// `arbetsdagar_efter(datum, antal)`. A day is a working day by ``Day/isWorkingDay``. A count
// comes from the rules or from the facts, so it can be as large as the calendar: counting goes
// a year at a time while more days remain than a year holds (a stretch of a year has its
// weekdays less the holidays and eves that fall on one of them), and day by day only in the
// last year. A count past every date is an error at once.

extension Day {
    /// The `count`:th working day after this day, or before it when `count` is negative; the
    /// day itself for 0. A working day is one that ``isWorkingDay``: so `arbetsdagar_efter(d,
    /// 1)` of a Friday is the Monday after it, or the Tuesday when that Monday is a holiday.
    ///
    /// - Throws: ``EvaluationError/dateOutOfRange`` when that day is outside the calendar.
    public func adding(workingDays count: Int64) throws(EvaluationError) -> Day {
        guard count != 0 else { return self }
        // More working days than the calendar has weekdays: past every date, whatever the day.
        guard count.magnitude <= UInt64(Day.maximum.number / 7 * 5 + 5) else { throw .dateOutOfRange }
        let forward = count > 0
        var remaining = count.magnitude
        var day = self
        // A year has at most 262 working days: while more remain, take the rest of the year
        // whole (after this day going forward, before it going back).
        while remaining > 366 {
            if forward {
                guard day.number < Day.maximum.number else { throw .dateOutOfRange }
                let first = Day(number: day.number + 1)
                let last = Day(number: Int32(Day.number(year: first.components.year, month: 12, day: 31)))
                remaining -= UInt64(Day.workingDays(from: first, through: last))
                day = last
            } else {
                guard day.number > 0 else { throw .dateOutOfRange }
                let last = Day(number: day.number - 1)
                let first = Day(number: Int32(Day.number(year: last.components.year, month: 1, day: 1)))
                remaining -= UInt64(Day.workingDays(from: first, through: last))
                day = first
            }
        }
        while remaining > 0 {
            guard forward ? day.number < Day.maximum.number : day.number > 0 else { throw .dateOutOfRange }
            day = Day(number: day.number + (forward ? 1 : -1))
            if day.isWorkingDay { remaining -= 1 }
        }
        return day
    }

    /// The working days after this day up to and including `end`; for an earlier `end`, minus
    /// those after `end` up to and including this day: the inverse of
    /// ``adding(workingDays:)`` for counts of 0 or more (`d.workingDays(until:
    /// d.adding(workingDays: n))` is n).
    /// Counted a year at a time, so two dates of the calendar's ends take ten thousand steps.
    public func workingDays(until end: Day) -> Int {
        guard end != self else { return 0 }
        let (low, high) = self < end ? (self, end) : (end, self)
        var count = 0
        var first = Day(number: low.number + 1)
        while first <= high {
            let yearEnd = Day(number: Int32(Day.number(year: first.components.year, month: 12, day: 31)))
            let last = min(yearEnd, high)
            count += Day.workingDays(from: first, through: last)
            guard last < high else { break }
            first = Day(number: last.number + 1)
        }
        return self < end ? count : -count
    }

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
