import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// One part's status only, as fast as possible: no strings, no arrays.
    @inline(__always)
    static func quickStatus(_ part: CompiledPart, phase: UInt8, context: EvaluationContext) throws(EvaluationError) -> ConditionStatus? {
        if part.isSwitchedOff || part.checksAge { return nil }
        if part.phases != 0, phase != 0, part.phases & phase == 0 { return .notApplicable }
        if let applicability = part.applicabilityTruth {
            switch try applicability.run(context) {
            case 0: return .notApplicable
            case 1: break
            default: return nil
            }
        }
        var status = ConditionStatus.met
        for truth in part.requirementTruths {
            switch try truth.run(context) {
            case 1: continue
            case 0: return .notMet
            default: status = .missingEvidence
            }
        }
        return status
    }

    /// One part's status and reasons.
    static func decidePart(_ part: CompiledPart, phase: UInt8, reasons fixed: Reasons,
                            context: EvaluationContext) throws(EvaluationError) -> (ConditionStatus, [String]) {
        if part.isSwitchedOff { return (.notApplicable, Reasons.switchedOff) }
        if part.phases != 0, phase != 0, part.phases & phase == 0 { return (.notApplicable, fixed.notTested) }
        context.base = 0
        if let applicability = part.applicability {
            switch try applicability.fast(context) {
            case .boolean(false): return (.notApplicable, Reasons.doesNotApply)
            case .boolean(true): break
            default: return (.missingEvidence, Reasons.applicabilityUnknown)
            }
        }
        var status = ConditionStatus.met
        var reasons: [String] = []
        for requirement in part.requirements {
            switch try requirement.fast(context) {
            case .boolean(true): continue
            case .boolean(false):
                status = .notMet
                reasons.append(requirement.failure)
            default:
                if status == .met { status = .missingEvidence }
            }
        }
        for document in part.documents where document.maximumAge != nil && document.applies(to: phase) {
            let value = try document.fast(context)
            guard let issued = document.issued(value) else {
                if status == .met { status = .missingEvidence }
                reasons.append("underlaget `\(document.path)` saknas")
                continue
            }
            let (amount, months) = document.maximumAge!
            let expiry = months ? try issued.adding(months: amount).day : try issued.adding(days: amount)
            if expiry < context.date {
                status = .notMet
                reasons.append("`\(document.path)` är utfärdat \(issued) och är mer än \(amount) \(months ? "månader" : "dagar") gammalt \(context.date)")
            }
        }
        return (status, reasons)
    }

    func decide(_ condition: CompiledCondition, phase: UInt8, reviewed: Set<[Int]>?, reasons fixed: Reasons,
                context: EvaluationContext, explain: Bool) throws(EvaluationError) -> ConditionDecision {
        var make: (([TraceEntry]) -> Explanation)?
        if explain { make = { trace in self.explanation(from: trace) } }
        return try Self.decide(condition, phase: phase, reviewed: reviewed, reasons: fixed, context: context,
                               definitionCount: definitionCount, explanation: make)
    }

    /// A condition's decision with its reasons, the facts it misses and the evidence to
    /// request; with an explanation made from the trace by `explanation`, when given.
    static func decide(_ condition: CompiledCondition, phase: UInt8, reviewed: Set<[Int]>?, reasons fixed: Reasons,
                       context: EvaluationContext, definitionCount: Int,
                       explanation makeExplanation: (([TraceEntry]) -> Explanation)?) throws(EvaluationError) -> ConditionDecision {
        let explain = makeExplanation != nil
        var status = ConditionStatus.notApplicable
        var reasons: [String] = []
        if let reviewed, !reviewed.contains(condition.number.parts) {
            reasons = fixed.notReviewed
        } else if condition.isSwitchedOff {
            reasons = Reasons.switchedOff
        } else {
            // Both parts must hold: not met wins, then missing evidence, then met.
            for part in condition.parts {
                // The fast path: a part that is met or not tested needs no reasons to be built.
                let partStatus: ConditionStatus
                let partReasons: [String]
                if let quick = try quickStatus(part, phase: phase, context: context), quick == .met || quick == .notApplicable {
                    partStatus = quick
                    // Not applicable: either not tested in this kind of assessment, or `gäller när` is false.
                    let untested = part.phases != 0 && phase != 0 && part.phases & phase == 0
                    partReasons = quick == .met ? [] : untested ? fixed.notTested : Reasons.doesNotApply
                } else {
                    (partStatus, partReasons) = try decidePart(part, phase: phase, reasons: fixed, context: context)
                }
                switch (status, partStatus) {
                case (_, .notMet), (.notMet, _): status = .notMet
                case (_, .missingEvidence), (.missingEvidence, _): status = .missingEvidence
                case (_, .met), (.met, _): status = .met
                default: status = .notApplicable
                }
                if partStatus != .met { reasons = reasons.isEmpty ? partReasons : reasons + partReasons }
            }
        }
        var missing: [String] = []
        var requests: [String] = []
        var explanation: Explanation?
        if status == .missingEvidence || explain {
            let trace = try traceParts(condition, context: context, definitionCount: definitionCount)
            if status == .missingEvidence {
                missing = Self.unique(trace.compactMap { entry in
                    if case .fact(let path) = entry.kind, !entry.value.isKnown { return path }
                    return nil
                })
                requests = Self.unique(condition.parts.flatMap { part in
                    part.evidence.filter { Self.phaseAllows($0.kind, phase) }.map { evidence in
                        evidence.kind.rawValue + (evidence.description.map { ": \($0)" } ?? "")
                    }
                })
            }
            if let makeExplanation { explanation = makeExplanation(trace) }
        }
        return ConditionDecision(number: condition.numberText, title: condition.title, status: status,
                                 reasons: status == .met ? [] : reasons, missingFacts: missing,
                                 evidenceToRequest: requests, explanation: explanation)
    }

    /// Evaluates every part again with tracing on.
    static func traceParts(_ condition: CompiledCondition, context: EvaluationContext,
                           definitionCount: Int) throws(EvaluationError) -> [TraceEntry] {
        let traced = EvaluationContext(storage: context.storage, date: context.date,
                                       definitionCount: definitionCount, tracing: true)
        for part in condition.parts where !part.isSwitchedOff {
            _ = try part.applicability?.traced(traced)
            for requirement in part.requirements {
                _ = try requirement.traced(traced)
            }
            for document in part.documents where document.maximumAge != nil {
                _ = try document.traced(traced)
            }
        }
        return traced.trace ?? []
    }
}
