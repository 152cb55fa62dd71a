import Testing
@testable import KundvalRuntime

/// The truths of a program's registers with the error among them (see ``Truth/error``): `och`,
/// `eller` and `inte` as the value code has them, where a side that could not be computed
/// loses only to a side that decides (`nej` in `och`, `ja` in `eller`), and the statuses of a
/// condition's parts likewise. Checked against the rule written out, for every pair.
@Suite struct TruthErrorTests {
    static let truths: [Truth] = [.no, .unknown, .yes, .error]

    /// The value code's `och` (see `Compiler.swift`): `nej` decides, else an error stands,
    /// else `ja` only when both are.
    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .error || b == .error { return .error }
        return a == .yes && b == .yes ? .yes : .unknown
    }

    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .error || b == .error { return .error }
        return a == .no && b == .no ? .no : .unknown
    }

    @Test func connectivesFollowTheValueCode() {
        for a in Self.truths {
            for b in Self.truths {
                #expect(Truth.and(a, b) == Self.and(a, b), "\(a.rawValue) och \(b.rawValue)")
                #expect(Truth.or(a, b) == Self.or(a, b), "\(a.rawValue) eller \(b.rawValue)")
            }
        }
    }

    @Test func negationKeepsAnError() {
        #expect(Self.truths.map(\.negated) == [.yes, .unknown, .no, .error])
        for truth in Self.truths {
            #expect(truth.negated.negated == truth)
            #expect(truth.isError == (truth == .error))
        }
        // Read as not known for a minimum or maximum; a truth that is none is itself.
        #expect(Self.truths.map(\.clearingError) == [.no, .unknown, .yes, .unknown])
    }

    /// An error read as a status is a failed one; two parts together are not met when either
    /// is, else failed when either is, else their minimum.
    @Test func partsTogether() {
        #expect(Status(Truth.error) == .failed)
        let statuses: [Status] = [.notMet, .undecided, .met, .doesNotApply, .failed]
        for a in statuses {
            for b in statuses {
                let expected: Status = a == .notMet || b == .notMet ? .notMet
                    : a == .failed || b == .failed ? .failed : min(a, b)
                #expect(Status.both(a, b) == expected, "\(a.rawValue) med \(b.rawValue)")
            }
        }
    }
}
