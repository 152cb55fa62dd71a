// During operation a condition not met needs, besides its status, what its shortfall leads to:
// the consequences of the parts that are not met, which the sanction policy weighs. The plan's
// program already computed each part's status on its way to the condition's, so they are read
// off its registers after the run, while they are still on the stack: no second evaluation and
// no reasons made for a decision whose caller may never read them (the reasons are made when
// ``Decision/conditions`` is first read, and give the same consequence: see
// `AssessmentPlan+Checks.swift`).

extension AssessmentPlan {
    /// Where a run of the plan's program leaves the statuses of one entry's tested parts, and
    /// what a shortfall of each leads to, in the order of the parts.
    struct PartResults: Sendable {
        /// The register of each part's status: the entry's result for a condition of one part.
        let registers: [Register]
        /// Each part's ``PartPlan/consequence``.
        let consequences: [ShortfallConsequence]

        /// An entry the program does not decide.
        static let none = PartResults(registers: [], consequences: [])
    }

    /// A condition the program found not met (its entry's index), and which of its tested parts
    /// are not met: bit `i` for part `i` of its ``PartResults``. Plain integers, so that the list
    /// of an evaluation's shortfalls is made without a reference count.
    typealias Shortfall = (index: Int, failingParts: UInt64)

    /// The conditions that the run of ``program`` in `registers` found not met, in order, each
    /// with its parts that are not met. Read before the registers are gone; an entry the
    /// program did not decide (the slow path decided it) is not among them, nor one of more
    /// parts than a mask holds (the slow path then decides it when the sanction is weighed).
    func shortfalls(in registers: FencedBuffer<UInt8>) -> [Shortfall] {
        var found: [Shortfall] = []
        for index in entries.indices where registers[status: Register(index)] == .notMet {
            let results = partResults[index].registers
            // The run wrote a status only for an entry whose registers are recorded.
            guard !results.isEmpty else {
                assertionFailure("entry \(index) was decided by the program without its parts' registers")
                continue
            }
            guard results.count <= UInt64.bitWidth else { continue }
            var failing: UInt64 = 0
            for (part, register) in results.enumerated() where registers[status: register] == .notMet {
                failing |= 1 << UInt64(part)
            }
            found.append((index, failing))
        }
        return found
    }

    /// What the shortfall of entry `index` leads to when its parts `failingParts` (a mask, as
    /// in ``Shortfall``) are not met.
    func consequence(of index: Int, failingParts: UInt64, context: EvaluationContext) -> ConsequenceDecision? {
        let consequences = partResults[index].consequences
        // One part: it is the one not met.
        if consequences.count == 1 { return sanctions.consequence(of: consequences[0], context: context) }
        var parts: [ShortfallConsequence] = []
        for (part, consequence) in consequences.enumerated() where failingParts & (1 << UInt64(part)) != 0 {
            parts.append(consequence)
        }
        return sanctions.consequence(ofFailingParts: parts, context: context)
    }
}
