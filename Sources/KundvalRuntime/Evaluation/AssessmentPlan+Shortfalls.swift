// During operation a condition not met needs, besides its status, what its shortfall leads to:
// the consequences of the parts that are not met, which the sanction policy weighs. The plan's
// program already computed each part's status on its way to the condition's, so they are read
// off its registers after the run, while they are still on the stack: no second evaluation and
// no reasons made for a decision whose caller may never read them (the reasons are made when
// ``Decision/conditions`` is first read, and give the same consequence: see
// `AssessmentPlan+Checks.swift`).

extension AssessmentPlan {
    /// A condition the program found not met (its entry's index), and which of its tested parts
    /// are not met: bit `i` for the `i`th part with a ``PartPlan`` (the order of
    /// ``partRegisters``). Plain integers, so that the list of an evaluation's shortfalls is made
    /// without a reference count.
    typealias Shortfall = (index: Int, failingParts: UInt64)

    /// The conditions that the run of ``program`` in `registers` found not met, in order, each
    /// with its parts that are not met. Read before the registers are gone; an entry the
    /// program did not decide (the slow path decided it) is not among them, nor one of more
    /// parts than a mask holds (the slow path then decides it when the sanction is weighed).
    func shortfalls(in registers: FencedBuffer<UInt8>) -> [Shortfall] {
        var found: [Shortfall] = []
        for index in entries.indices where registers[status: Register(index)] == .notMet {
            let parts = partRegisters[index]
            // The run wrote a status only for an entry whose registers are recorded.
            guard !parts.isEmpty else {
                assertionFailure("entry \(index) was decided by the program without its parts' registers")
                continue
            }
            guard parts.count <= UInt64.bitWidth else { continue }
            var failing: UInt64 = 0
            for (part, register) in parts.enumerated() where registers[status: register] == .notMet {
                failing |= 1 << UInt64(part)
            }
            found.append((index, failing))
        }
        return found
    }

    /// What the shortfall of entry `index` leads to when its parts `failingParts` (a mask, as
    /// in ``Shortfall``) are not met.
    func consequence(of index: Int, failingParts: UInt64, context: EvaluationContext) -> ConsequenceDecision? {
        let plans = entries[index].parts
        // One part: it is the one not met (no list made).
        if partRegisters[index].count == 1, let plan = plans.lazy.compactMap({ $0 }).first {
            return sanctions.consequence(of: plan.consequence, context: context)
        }
        var parts: [ShortfallConsequence] = []
        for (part, plan) in plans.lazy.compactMap({ $0 }).enumerated() where failingParts & (1 << UInt64(part)) != 0 {
            parts.append(plan.consequence)
        }
        return sanctions.consequence(ofFailingParts: parts, context: context)
    }
}
