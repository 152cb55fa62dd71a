// The two kinds of byte in a truth program's registers: a truth in three values (or an error)
// and the status of a condition's part, a condition or a service.

/// A truth in three values, ordered so that `inte` is 2 − x: `nej` (0) < not known (1) < `ja`
/// (2); or ``error``: what could not be computed here.
///
/// Without errors `och` is the minimum and `eller` the maximum. An error is a value like the
/// others (Kleene's logic with errors, as the language has it): a side that decides, `nej` in
/// `och` and `ja` in `eller`, decides even when the other is an error; otherwise the error
/// wins over `ja` and not known. So `nej och fel` is `nej` and `okänt och fel` is an error,
/// whichever side the error is on.
struct Truth: Equatable, Comparable {
    /// 0, 1, 2, or 129 for ``error``.
    let rawValue: UInt8

    static let no = Truth(rawValue: 0)
    static let unknown = Truth(rawValue: 1)
    static let yes = Truth(rawValue: 2)
    /// What could not be computed here: an overflow, a division by zero, a date past the
    /// calendar, a count that is a range, or value code that failed. The value code then decides
    /// what reads it (see ``TruthProgram``). The byte of ``Status/failed``, so that an error read
    /// as a status is a failed one. 129, so that `inte` stays 2 − x (2 − 129 is 129 in a byte),
    /// the error is above every truth, and its low bits (``clearingError``) read as not known.
    static let error = Truth(rawValue: 129)
    /// The bit that only ``error`` has among the truths (and ``Status/failed`` among the statuses
    /// a program computes): set in the bitwise or of truths when one of them is an error.
    static let errorBit: UInt8 = 0x80

    @inline(__always) init(rawValue: UInt8) {
        assert(rawValue <= 2 || rawValue == 129, "\(rawValue) is no truth: a register read before it was written")
        self.rawValue = rawValue
    }

    /// `ja` or `nej`.
    @inline(__always) init(_ flag: Bool) { rawValue = flag ? 2 : 0 }

    /// `inte`: an error stays one.
    @inline(__always) var negated: Truth { Truth(rawValue: 2 &- rawValue) }

    /// The truth with an error read as not known: for a minimum or maximum of truths, whose
    /// caller notes the error apart (see ``and(_:_:)``).
    @inline(__always) var clearingError: Truth { Truth(rawValue: rawValue & 3) }

    /// Whether the truth is an error.
    @inline(__always) var isError: Bool { rawValue & Truth.errorBit != 0 }

    /// `a och b`: `nej` when either is; else an error when either is; else the minimum.
    @inline(__always) static func and(_ a: Truth, _ b: Truth) -> Truth {
        let low = min(a.clearingError, b.clearingError)
        return low != .no && (a.rawValue | b.rawValue) & errorBit != 0 ? .error : low
    }

    /// `a eller b`: `ja` when either is; else an error when either is; else the maximum.
    @inline(__always) static func or(_ a: Truth, _ b: Truth) -> Truth {
        let high = max(a.clearingError, b.clearingError)
        return high != .yes && (a.rawValue | b.rawValue) & errorBit != 0 ? .error : high
    }

    /// Negated when `negate` is true.
    @inline(__always) func negated(if negate: Bool) -> Truth { negate ? negated : self }

    @inline(__always) static func < (a: Truth, b: Truth) -> Bool { a.rawValue < b.rawValue }
}

/// The status of a condition's part, a condition or a service in a program's registers,
/// ordered as the statuses win when parts hold together: not met (0) < undecided, underlag
/// saknas (1) < met (2) < does not apply (3); two parts together are their minimum, but a
/// ``failed`` part wins over every status except not met (see ``both(_:_:)``). A truth read as a
/// status keeps its value (`nej` is not met, unknown undecided, `ja` met, an error failed).
struct Status: Hashable, Comparable {
    /// 0 to 3; see also the template's marks in ``AssessmentPlan``.
    let rawValue: UInt8

    static let notMet = Status(rawValue: 0)
    static let undecided = Status(rawValue: 1)
    static let met = Status(rawValue: 2)
    static let doesNotApply = Status(rawValue: 3)
    /// Could not be computed here (see ``Truth/error``): the value code decides the condition
    /// or service, or reports the error where nothing else decides it.
    static let failed = Status(rawValue: 129)

    @inline(__always) init(rawValue: UInt8) {
        assert(rawValue <= 3 || rawValue == 129 || rawValue >= 254, "\(rawValue) is no status: a register read before it was written")
        self.rawValue = rawValue
    }

    /// A requirement's truth as a status.
    @inline(__always) init(_ truth: Truth) { rawValue = truth.rawValue }

    @inline(__always) static func < (a: Status, b: Status) -> Bool { a.rawValue < b.rawValue }

    /// Two parts together: not met when either is; else failed when either is; else the
    /// minimum. As for `och`, a part not met decides even when another could not be computed.
    @inline(__always) static func both(_ a: Status, _ b: Status) -> Status {
        let low = min(a.rawValue, b.rawValue)
        return low != 0 && (a.rawValue | b.rawValue) & Truth.errorBit != 0 ? .failed : Status(rawValue: low)
    }
}
