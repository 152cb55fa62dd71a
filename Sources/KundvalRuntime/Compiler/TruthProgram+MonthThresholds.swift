import KundvalChecker

// Limits in months on the assessment date, checked as comparisons of day numbers (see
// `Day+MonthThresholds.swift`): a document's largest age in months ("högst 3 månader gammalt")
// and a deadline that moves a date by months and compares it with the assessment date
// (`bedömningsdatum <= x + 6 månader`). Each run finds, for each number of months, the first day
// whose move reaches the assessment date (and the first reaching the day after) when it first
// needs it, and keeps it in a value register of its own: a document of 2,000 providers' worth
// of checks then moves no date. A day that cannot be moved by the months is moved as the
// language moves it, which fails where the language fails.

extension TruthProgram {
    /// A number of months that days are moved by and compared with the assessment date, and
    /// where a run keeps the first day reaching it (``register``) and the first reaching the day
    /// after it (the next register). Both registers start unknown and are written once, when a
    /// check first asks (see ``firstReaching(_:dayAfter:_:date:)``).
    struct MonthThreshold {
        let months: Int32
        let register: ValueRegister
        /// The days that can be moved by the months, from `movableFrom` through `movableThrough`
        /// (see ``Day/movable(byMonths:)``; none when the first is after the last).
        let movableFrom: Int32
        let movableThrough: Int32

        init(months: Int32, register: ValueRegister) {
            (self.months, self.register) = (months, register)
            let movable = Day.movable(byMonths: Int64(months))
            (movableFrom, movableThrough) = (movable?.lowerBound ?? 1, movable?.upperBound ?? 0)
        }

        /// Whether `day` can be moved by the months.
        @inline(__always)
        func canMove(_ day: Int32) -> Bool { day >= movableFrom && day <= movableThrough }
    }

    /// A document's largest age, with the index of its months' threshold among
    /// ``monthThresholds`` (nil for an age in days, which moves a date by adding a number).
    struct AgeLimit {
        let age: DocumentAge
        let threshold: Int32?
    }

    /// Marks every threshold register not yet computed, at the start of a run.
    @inline(__always)
    func resetMonthThresholds(_ v: FencedBuffer<ScalarValue>) {
        var index = 0
        while index < monthThresholds.count {
            let register = Int(monthThresholds[index].register)
            v[register] = .unknown
            v[register + 1] = .unknown
            index += 1
        }
    }

    /// The first day whose move by threshold `index`'s months reaches the assessment date `date`
    /// (or, when `dayAfter`, the day after it), computed on first use in this run.
    @inline(__always)
    func firstReaching(_ index: Int32, dayAfter: Bool, _ v: FencedBuffer<ScalarValue>, date: Day) -> Int32 {
        let threshold = monthThresholds[Int(index)]
        let register = Int(threshold.register) + (dayAfter ? 1 : 0)
        let kept = v[register]
        if kept.kind != .unknown { return Int32(truncatingIfNeeded: kept.first) }
        let first = Day.firstReaching(Day(number: date.number + (dayAfter ? 1 : 0)), byMonths: Int64(threshold.months))
        // Held as a day number; no instruction reads the register as a value.
        v[register] = ScalarValue(kind: .date, first: Int64(first), second: 0)
        return first
    }

    /// Whether a document issued on `issued` is older than age limit `index` on the assessment
    /// date `date`, as ``DocumentAge/isExceeded(issued:on:)`` decides it. Not inlined, as the
    /// comparison below: the loop that runs the instructions is faster without their bodies.
    @inline(never)
    func isExceeded(_ index: Int32, issued: Day, _ v: FencedBuffer<ScalarValue>, date: Day) -> Bool {
        let limit = ages[Int(index)]
        guard let threshold = limit.threshold, monthThresholds[Int(threshold)].canMove(issued.number) else {
            return limit.age.isExceeded(issued: issued, on: date)
        }
        // Too old when its last valid day, the issue date moved by the months, is before the date.
        return issued.number < firstReaching(threshold, dayAfter: false, v, date: date)
    }

    /// `dokument högst … gammalt [vid D]` for age limit `index`, as
    /// ``DocumentAge/truth(issued:on:isAssessmentDate:)`` decides it: too old on the assessment
    /// date by the run's threshold, on another date by moving the day.
    @inline(__always)
    func ageTruth(_ index: Int32, issued: Day, on date: Day, isAssessmentDate: Bool, _ v: FencedBuffer<ScalarValue>) -> Truth {
        let exceeded = isAssessmentDate ? isExceeded(index, issued: issued, v, date: date)
            : ages[Int(index)].age.isExceeded(issued: issued, on: date)
        return DocumentAge.truth(issued: issued, on: date, isAssessmentDate: isAssessmentDate, exceeded: exceeded)
    }

    /// The truth of `date <comparison> day + months`, for `day` among the days the months can move
    /// (see ``MonthThreshold/canMove(_:)``) and the assessment date `date`: by where `day` lies from
    /// the first days whose move reaches the date and passes it.
    @inline(never)
    func compareWithMoved(_ comparison: TruthComparison, day: Int32, threshold index: Int32, _ v: FencedBuffer<ScalarValue>,
                          date: Day) -> Bool {
        switch comparison {
        case .lessEqual: day >= firstReaching(index, dayAfter: false, v, date: date)
        case .greater: day < firstReaching(index, dayAfter: false, v, date: date)
        case .less: day >= firstReaching(index, dayAfter: true, v, date: date)
        case .greaterEqual: day < firstReaching(index, dayAfter: true, v, date: date)
        case .equal, .notEqual:
            (day >= firstReaching(index, dayAfter: false, v, date: date) && day < firstReaching(index, dayAfter: true, v, date: date))
                == (comparison == .equal)
        }
    }
}

extension TruthProgramBuilder {
    /// The index among the program's ages of `age`, with its months' threshold.
    mutating func ageLimit(_ age: DocumentAge) -> Int32 {
        let threshold = age.unit == .months ? monthThreshold(Int32(age.amount)) : nil
        ages.append(TruthProgram.AgeLimit(age: age, threshold: threshold))
        return Int32(ages.count - 1)
    }

    /// The index of the threshold of `months` among the program's, made on first use with two
    /// value registers of its own.
    mutating func monthThreshold(_ months: Int32) -> Int32 {
        if let index = monthThresholds.firstIndex(where: { $0.months == months }) { return Int32(index) }
        let register = reserveValueRegisters(2)
        monthThresholds.append(TruthProgram.MonthThreshold(months: months, register: register))
        return Int32(monthThresholds.count - 1)
    }
}
