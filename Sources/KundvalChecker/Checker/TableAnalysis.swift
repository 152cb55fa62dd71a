import KundvalSyntax

/// An exact decimal number for table analysis: `mantissa × 10^-scale`.
struct Exact: Hashable, Comparable {
    var mantissa: Int64
    var scale: Int

    var negated: Exact { Exact(mantissa: 0 &- mantissa, scale: scale) }

    /// The number at `scale` (larger or equal), or `nil` when that does not fit.
    func aligned(to target: Int) -> Int64? {
        var value = mantissa
        for _ in 0..<max(0, target - scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    /// Exact for every pair: when aligning the scales overflows 64 bits, the products are
    /// compared in 128 bits (scales differ by at most 19 digits, so one factor fits in 64 bits).
    static func < (lhs: Exact, rhs: Exact) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        if let a = lhs.aligned(to: scale), let b = rhs.aligned(to: scale) { return a < b }
        let (a, b) = (lhs.normalized, rhs.normalized)
        // Compare a.mantissa × 10^(b.scale − a.scale) with b.mantissa (or the other way round).
        if a.scale <= b.scale {
            // Past 10^18 the scaled side outweighs the other unless it is zero.
            guard let factor = power(b.scale - a.scale) else { return a.mantissa == 0 ? b.mantissa > 0 : a.mantissa < 0 }
            return wide(a.mantissa, factor) < wide(b.mantissa, 1)
        }
        guard let factor = power(a.scale - b.scale) else { return b.mantissa == 0 ? a.mantissa < 0 : b.mantissa > 0 }
        return wide(a.mantissa, 1) < wide(b.mantissa, factor)
    }

    /// 10^n, when it fits in 64 bits.
    private static func power(_ n: Int) -> Int64? {
        var value: Int64 = 1
        for _ in 0..<n {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    /// `value × factor` as a 128-bit number, comparable as a pair (high word first).
    private static func wide(_ value: Int64, _ factor: Int64) -> Wide {
        let (high, low) = value.multipliedFullWidth(by: factor)
        return Wide(high: high, low: low)
    }

    private struct Wide: Comparable {
        let high: Int64
        let low: UInt64
        static func < (a: Wide, b: Wide) -> Bool { (a.high, a.low) < (b.high, b.low) }
    }

    /// Equal values have equal normal forms (``normalized``), whatever their scales; aligning
    /// both to the larger scale could overflow for one and not the other.
    static func == (lhs: Exact, rhs: Exact) -> Bool {
        let (a, b) = (lhs.normalized, rhs.normalized)
        return a.mantissa == b.mantissa && a.scale == b.scale
    }

    func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.mantissa)
        hasher.combine(value.scale)
    }

    /// The same value without trailing zeros after the comma (`2,50` is `2,5`).
    var normalized: Exact {
        var value = self
        while value.scale > 0, value.mantissa % 10 == 0 { value = Exact(mantissa: value.mantissa / 10, scale: value.scale - 1) }
        return value
    }

    /// A value below this one (itself at the very bottom of the range).
    var below: Exact {
        let (value, overflow) = mantissa.subtractingReportingOverflow(1)
        return overflow ? self : Exact(mantissa: value, scale: scale)
    }

    /// A value above this one (itself at the very top of the range).
    var above: Exact {
        let (value, overflow) = mantissa.addingReportingOverflow(1)
        return overflow ? self : Exact(mantissa: value, scale: scale)
    }

    /// A value strictly between `self` and a larger `other`; for integral columns a whole
    /// number, or `nil` when there is none.
    func between(_ other: Exact, integral: Bool) -> Exact? {
        if integral {
            // The difference of two 64-bit integers may not fit in 64 bits; when it does not, it
            // is far more than 1, and `mantissa + 1` fits since `mantissa < other.mantissa`.
            guard scale == 0, other.scale == 0 else { return nil }
            let (difference, overflow) = other.mantissa.subtractingReportingOverflow(mantissa)
            guard overflow || difference > 1 else { return nil }
            return Exact(mantissa: mantissa + 1, scale: 0)
        }
        let target = max(scale, other.scale) + 1
        guard let a = aligned(to: target), let b = other.aligned(to: target) else { return nil }
        // Both are multiples of 10 at one digit more than either scale, so halving each is
        // exact, and their sum never leaves 64 bits.
        return Exact(mantissa: a / 2 + b / 2, scale: target)
    }
}

/// One representative input value of a table column, with how to describe it.
struct Representative {
    enum Value {
        case ordinal(Int)
        case number(Exact)
        case text(String)
        case any
        case unknown
    }

    var value: Value
    /// `= risk`, `< 3`, or `nil` when the column is not constrained.
    var description: String?

    /// How two values of a column compare: -1, 0 or 1; texts only equal (0) or not (1);
    /// `nil` when they cannot be compared.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.ordinal(let a), .ordinal(let b)): a < b ? -1 : a == b ? 0 : 1
        case (.number(let a), .number(let b)): a < b ? -1 : a == b ? 0 : 1
        case (.text(let a), .text(let b)): a == b ? 0 : 1
        default: nil
        }
    }

    /// Whether the value passes a cell's test `value op constant`.
    func satisfies(_ op: BinaryOperator, _ constant: Value) -> Bool {
        if case .any = value { return true }
        guard let order = Self.order(value, constant) else { return false }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        default: return false
        }
    }
}

/// For one input column of a decision table: for each representative value, the rows whose
/// cell in that column it passes, as a bit set over the rows (see
/// `DocumentChecker+TableAnalysis.swift`). Built in time proportional to the rows plus the
/// representatives times the rows / 64.
struct RowSets {
    /// 64-bit words per set.
    let words: Int
    /// Representative `r`'s rows are words `r * words ..< (r + 1) * words`.
    private var bits: [UInt64]

    init(representatives: [Representative], tests: [(BinaryOperator, Representative.Value)?]) {
        let count = representatives.count
        words = (tests.count + 63) / 64
        bits = [UInt64](repeating: 0, count: count * words)
        guard count > 0 else { return }
        // Each row passes intervals of the representatives; a sweep over them adds a row to the
        // sets where its interval starts and removes it where it ends.
        let index = ColumnIndex(representatives)
        var starts = [[Int]](repeating: [], count: count + 1)
        var ends = [[Int]](repeating: [], count: count + 1)
        for (row, test) in tests.enumerated() {
            for range in index.passing(test) where !range.isEmpty {
                starts[range.lowerBound].append(row)
                ends[range.upperBound].append(row)
            }
        }
        var active = [UInt64](repeating: 0, count: words)
        for representative in 0..<count {
            for row in ends[representative] { active[row >> 6] &= ~(1 << UInt64(row & 63)) }
            for row in starts[representative] { active[row >> 6] |= 1 << UInt64(row & 63) }
            let start = representative * words
            for word in 0..<words { bits[start + word] = active[word] }
        }
    }

    /// Keeps in `rows` only the rows that representative `choice` passes.
    func intersect(_ choice: Int, into rows: inout [UInt64]) {
        let start = choice * words
        for word in 0..<words { rows[word] &= bits[start + word] }
    }

    /// The first row in `set` that is not in `excluded`, if any.
    static func first(in set: [UInt64], without excluded: [UInt64]? = nil) -> Int? {
        for index in set.indices {
            let word = set[index] & ~(excluded?[index] ?? 0)
            if word != 0 { return index * 64 + word.trailingZeroBitCount }
        }
        return nil
    }
}

/// Which representatives of a column pass a cell's test, as intervals of their indices: by
/// binary search where the representatives ascend (numbers, dates, enumeration cases), by a
/// dictionary for a text's `=` and `≠`, else one by one.
private struct ColumnIndex {
    /// What the representatives are, when all are the same: a constant of that kind can be
    /// compared with every one of them.
    enum Kind { case numbers, ordinals, texts, mixed }

    let representatives: [Representative]
    let kind: Kind
    let ascending: Bool
    let texts: [String: Int]

    init(_ representatives: [Representative]) {
        self.representatives = representatives
        func kindOf(_ value: Representative.Value) -> Kind {
            switch value {
            case .number: .numbers
            case .ordinal: .ordinals
            case .text: .texts
            case .any, .unknown: .mixed
            }
        }
        let kinds = Set(representatives.map { kindOf($0.value) })
        kind = kinds.count == 1 ? kinds.first! : .mixed
        ascending = (kind == .numbers || kind == .ordinals)
            && zip(representatives, representatives.dropFirst()).allSatisfy { pair in
                (Representative.order(pair.0.value, pair.1.value) ?? 1) <= 0
            }
        var texts: [String: Int] = [:]
        for (index, representative) in representatives.enumerated() {
            if case .text(let text) = representative.value, texts[text] == nil { texts[text] = index }
        }
        self.texts = texts
    }

    func passing(_ test: (BinaryOperator, Representative.Value)?) -> [Range<Int>] {
        let all = 0..<representatives.count
        guard let (op, constant) = test else { return [all] }
        let comparable: Bool
        switch constant {
        case .number: comparable = kind == .numbers
        case .ordinal: comparable = kind == .ordinals
        default: comparable = false
        }
        if ascending, comparable {
            // The first representative not below the constant, and the first above it.
            let lower = partition { Representative.order($0, constant)! >= 0 }
            let upper = partition { Representative.order($0, constant)! > 0 }
            switch op {
            case .less: return [0..<lower]
            case .lessEqual: return [0..<upper]
            case .equal: return [lower..<upper]
            case .notEqual: return [0..<lower, upper..<all.upperBound]
            case .greater: return [upper..<all.upperBound]
            case .greaterEqual: return [lower..<all.upperBound]
            default: break
            }
        }
        if case .text(let text) = constant, op == .equal || op == .notEqual, kind == .texts {
            guard let k = texts[text] else { return op == .equal ? [] : [all] }
            return op == .equal ? [k..<k + 1] : [0..<k, k + 1..<all.upperBound]
        }
        // One by one, as contiguous runs.
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, representative) in representatives.enumerated() {
            let passes = representative.satisfies(op, constant)
            if passes, start == nil { start = index }
            if !passes, let first = start { ranges.append(first..<index); start = nil }
        }
        if let first = start { ranges.append(first..<all.upperBound) }
        return ranges
    }

    /// The first index whose representative's value has `property` (which holds from some
    /// index on, the representatives ascending); the count when none has.
    private func partition(_ property: (Representative.Value) -> Bool) -> Int {
        var (low, high) = (0, representatives.count)
        while low < high {
            let middle = low + (high - low) / 2
            if property(representatives[middle].value) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Day numbers for dates, so dates compare as numbers.
enum Calendar {
    /// Days since 0001-01-01 in the proleptic Gregorian calendar.
    static func dayNumber(_ date: DateLiteral) -> Int {
        let y = date.year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        let leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        days += cumulative[date.month - 1] + (leap && date.month > 2 ? 1 : 0) + date.day - 1
        return days
    }
}
