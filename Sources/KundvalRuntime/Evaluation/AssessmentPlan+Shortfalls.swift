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

    /// A condition the program found not met, and the consequences of its parts that are not
    /// met (see ``CompiledDocument/recommendSanction(_:statuses:decided:shortfalls:serviceStatuses:context:)``).
    typealias Shortfall = (index: Int, parts: [ShortfallConsequence])

    /// The conditions that the run of ``program`` in `registers` found not met, in order, each
    /// with the consequences of its parts that are not met. Read before the registers are gone;
    /// an entry the program did not decide (the slow path decided it) is not among them.
    func shortfalls(in registers: FencedBuffer<UInt8>) -> [Shortfall] {
        var found: [Shortfall] = []
        for index in entries.indices where registers[status: Register(index)] == .notMet {
            let results = partResults[index]
            // The run wrote a status only for an entry whose registers are recorded.
            guard !results.registers.isEmpty else {
                assertionFailure("entry \(index) was decided by the program without its parts' registers")
                continue
            }
            // One part: it is the one not met (the array is the plan's, shared, not copied).
            if results.registers.count == 1 {
                found.append((index, results.consequences))
                continue
            }
            var parts: [ShortfallConsequence] = []
            for (register, consequence) in zip(results.registers, results.consequences)
                where registers[status: register] == .notMet {
                parts.append(consequence)
            }
            found.append((index, parts))
        }
        return found
    }
}
