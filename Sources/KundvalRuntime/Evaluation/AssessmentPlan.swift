import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// An assessment kind of a compiled document (`ansökan`, `uppföljning`, …), prepared for
/// evaluation: what the kind means for each condition is decided at load time, and conditions
/// never tested in this kind of assessment get their decision once and for all. Look it up once
/// with ``CompiledDocument/assessmentKind(named:)`` and pass it to
/// ``CompiledDocument/evaluate(_:kind:date:explain:computations:)`` on a hot path.
public final class AssessmentPlan: Sendable {
    /// The kind's name.
    public let name: String
    /// One condition in this kind of assessment.
    final class Entry: Sendable {
        /// The condition.
        let condition: CompiledCondition
        /// The parts tested in this kind of assessment; empty when the decision is constant.
        let active: [CompiledPart]
        /// The decision when every active part holds, or the constant decision.
        let prepared: ConditionDecision
        /// Whether `prepared` is the decision for every provider.
        let isConstant: Bool
        /// The decision when no active part applies to the provider (`gäller när` is false).
        let preparedNotApplicable: ConditionDecision?
        /// All active parts fused into one closure: 1 when met, 3 when no part applies, 0 when
        /// the slow path must decide (a failure, an unknown, evidence to date).
        let quick: TruthBox
        /// Whether `quick` can be used (not for constant decisions, nor for parts that check
        /// the age of documents).
        let hasQuick: Bool

        init(condition: CompiledCondition, active: [CompiledPart], prepared: ConditionDecision, isConstant: Bool,
             preparedNotApplicable: ConditionDecision? = nil) {
            self.condition = condition
            self.active = active
            self.prepared = prepared
            self.isConstant = isConstant
            self.preparedNotApplicable = preparedNotApplicable
            let (fused, usable) = isConstant ? ({ _ in 0 }, false) : Entry.fuse(active)
            self.quick = TruthBox(run: fused)
            self.hasQuick = usable
        }

        /// One closure for the parts: each part is 3 when `gäller när` is false, else the
        /// three-valued conjunction of its requirements; the condition is met when no part
        /// fails or is unknown and at least one holds.
        static func fuse(_ parts: [CompiledPart]) -> (Truth, Bool) {
            // Kept out of optionals: a closure stored in an optional is called through a thunk.
            var fused: Truth = { _ in 3 }
            var first = true
            for part in parts {
                guard !part.isSwitchedOff, !part.checksAge else { return ({ _ in 0 }, false) }
                var requirements: Truth = { _ in 1 }
                var noRequirement = true
                for box in part.requirementTruths {
                    let truth = box.run
                    if noRequirement {
                        requirements = truth
                        noRequirement = false
                        continue
                    }
                    let previous = requirements
                    requirements = { context throws(EvaluationError) in
                        let a = try previous(context)
                        if a == 0 { return 0 }
                        let b = try truth(context)
                        if b == 0 { return 0 }
                        return a == 1 && b == 1 ? 1 : 2
                    }
                }
                let body = requirements
                let partCode: Truth
                if let box = part.applicabilityTruth {
                    let applicability = box.run
                    partCode = { context throws(EvaluationError) in
                        switch try applicability(context) {
                        case 0: return 3
                        case 1: return try body(context)
                        default: return 2
                        }
                    }
                } else {
                    partCode = body
                }
                if first {
                    fused = { context throws(EvaluationError) in
                        let a = try partCode(context)
                        return a == 2 ? 0 : a
                    }
                    first = false
                } else {
                    let previous = fused
                    fused = { context throws(EvaluationError) in
                        let a = try previous(context)
                        if a == 0 || a == 2 { return 0 }
                        let b = try partCode(context)
                        if b == 0 || b == 2 { return 0 }
                        return a == 1 || b == 1 ? 1 : 3
                    }
                }
            }
            return (fused, !first)
        }
    }

    /// The reason texts of this kind of assessment.
    let reasons: CompiledDocument.Reasons

    let phase: UInt8
    let reviewed: Set<[Int]>?
    let entries: [Entry]

    /// What ``quick`` writes for each entry before it runs: ``constant`` for a constant
    /// decision, ``slow`` where there is no quick code.
    let template: [UInt8]
    /// The statuses a decision starts from: the constant decisions' statuses, `uppfyllt` for
    /// the others.
    let statusTemplate: [ConditionStatus]
    /// Every entry's quick code in one closure: writes each entry's result (1 met, 3 not
    /// applicable, 0 for the slow path) into a buffer laid out like ``template``. One call per
    /// evaluation instead of one per condition: no condition object is touched (nor its
    /// reference count) while the facts decide.
    let quick: QuickBox

    /// ``template``'s mark for a constant decision.
    static let constant: UInt8 = 255
    /// ``template``'s mark for the slow path.
    static let slow: UInt8 = 0

    init(name: String, phase: UInt8, reviewed: Set<[Int]>?, entries: [Entry], reasons: CompiledDocument.Reasons) {
        self.name = name
        self.phase = phase
        self.reviewed = reviewed
        self.entries = entries
        self.reasons = reasons
        template = entries.map { $0.isConstant ? Self.constant : Self.slow }
        statusTemplate = entries.map { $0.isConstant ? $0.prepared.status : .met }
        var chain: QuickCode = { _, _ throws(EvaluationError) in }
        for (index, entry) in entries.enumerated() where entry.hasQuick {
            let previous = chain
            let code = entry.quick.run
            chain = { context, results throws(EvaluationError) in
                try previous(context, results)
                results[index] = try code(context)
            }
        }
        quick = QuickBox(run: chain)
    }
}

/// The quick code of a whole assessment plan (see ``AssessmentPlan/quick``).
typealias QuickCode = @Sendable (EvaluationContext, UnsafeMutablePointer<UInt8>) throws(EvaluationError) -> Void

/// A ``QuickCode`` in a concrete container (see ``TruthBox``).
struct QuickBox: Sendable {
    let run: QuickCode
}
