// A limit in months on the assessment date, as one day to compare with: "högst 3 månader
// gammalt" and "bedömningsdatum <= x + 6 månader" move each provider's date by the months, which
// takes the date apart and together again (``Day/adding(months:)``). Moving by months never
// puts a later day before an earlier one (the day of the month is kept, or clamped to the last
// of a shorter month, in the same order), so the days whose move reaches a given date are all
// the days from one on: that first day, found once per evaluation, turns each of those checks
// into a comparison of day numbers (see `TruthProgram+MonthThresholds.swift`).

extension Day {
    /// The first day whose move by `months` months is on or after `date`: for every day `x`
    /// that can be moved by `months` (see ``movable(byMonths:)``), `x.adding(months: months).day
    /// >= date` exactly when `x.number >= firstReaching(date, byMonths: months)`. `Int32.min`
    /// when every such day reaches it, `Int32.max` when none does. `date` may lie one day past
    /// the calendar (the day after 9999-12-31, which no move reaches).
    static func firstReaching(_ date: Day, byMonths months: Int64) -> Int32 {
        let (year, month, day) = date.components
        // The month a day must be in to land in `date`'s month; a day of an earlier month lands
        // before it, one of a later month after it.
        let (index, overflow) = Int64(year * 12 + (month - 1)).subtractingReportingOverflow(months)
        guard !overflow else { return months > 0 ? Int32.min : Int32.max }
        if index < 12 { return Int32.min }
        if index >= 120_000 { return Int32.max }
        let (landingYear, landingMonth) = (Int(index / 12), Int(index % 12) + 1)
        // Within that month, a day lands on its own day of the month, clamped to the last of
        // `date`'s month, which `date`'s day does not pass: it reaches `date` from `date`'s day
        // on. A shorter month has no such day, and the next month's first is the first.
        if day <= Day.daysIn(month: landingMonth, year: landingYear) {
            return Int32(Day.number(year: landingYear, month: landingMonth, day: day))
        }
        guard index + 1 < 120_000 else { return Int32.max }
        let next = index + 1
        return Int32(Day.number(year: Int(next / 12), month: Int(next % 12) + 1, day: 1))
    }

    /// The days that can be moved by `months` months: the calendar's days whose move is a date
    /// of the calendar too (``adding(months:)`` throws for the others). Empty when none can.
    static func movable(byMonths months: Int64) -> ClosedRange<Int32>? {
        // Month indices (year × 12 + month − 1) of the calendar: 12 (0001-01) to 119_999 (9999-12).
        let first = max(12, 12 - min(months, 200_000)), last = min(119_999, 119_999 - max(months, -200_000))
        guard first <= last else { return nil }
        let lastYear = Int(last / 12), lastMonth = Int(last % 12) + 1
        let from = Day.number(year: Int(first / 12), month: Int(first % 12) + 1, day: 1)
        let to = Day.number(year: lastYear, month: lastMonth, day: Day.daysIn(month: lastMonth, year: lastYear))
        return Int32(from)...Int32(to)
    }
}
