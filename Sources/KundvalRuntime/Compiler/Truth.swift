// The two kinds of byte in a truth program's registers: a truth in three values and the status
// of a condition's part, a condition or a service.

/// A truth in three values, ordered so that `och` is the minimum, `eller` the maximum and
/// `inte` is 2 − x: `nej` (0) < not known (1) < `ja` (2).
struct Truth: Equatable, Comparable {
    /// 0, 1 or 2.
    let rawValue: UInt8

    static let no = Truth(rawValue: 0)
    static let unknown = Truth(rawValue: 1)
    static let yes = Truth(rawValue: 2)

    @inline(__always) init(rawValue: UInt8) {
        assert(rawValue <= 2, "\(rawValue) is no truth: a register read before it was written")
        self.rawValue = rawValue
    }

    /// `ja` or `nej`.
    @inline(__always) init(_ flag: Bool) { rawValue = flag ? 2 : 0 }

    /// `inte`.
    @inline(__always) var negated: Truth { Truth(rawValue: 2 &- rawValue) }

    /// Negated when `negate` is true.
    @inline(__always) func negated(if negate: Bool) -> Truth { negate ? negated : self }

    @inline(__always) static func < (a: Truth, b: Truth) -> Bool { a.rawValue < b.rawValue }
}

/// The status of a condition's part, a condition or a service in a program's registers,
/// ordered as the statuses win when parts hold together: not met (0) < undecided, underlag
/// saknas (1) < met (2) < does not apply (3); two parts together are their minimum. A truth
/// read as a status keeps its value (`nej` is not met, unknown undecided, `ja` met).
struct Status: Hashable, Comparable {
    /// 0 to 3; see also the template's marks in ``AssessmentPlan``.
    let rawValue: UInt8

    static let notMet = Status(rawValue: 0)
    static let undecided = Status(rawValue: 1)
    static let met = Status(rawValue: 2)
    static let doesNotApply = Status(rawValue: 3)

    @inline(__always) init(rawValue: UInt8) {
        assert(rawValue <= 3 || rawValue >= 253, "\(rawValue) is no status: a register read before it was written")
        self.rawValue = rawValue
    }

    /// A requirement's truth as a status.
    @inline(__always) init(_ truth: Truth) { rawValue = truth.rawValue }

    @inline(__always) static func < (a: Status, b: Status) -> Bool { a.rawValue < b.rawValue }
}
