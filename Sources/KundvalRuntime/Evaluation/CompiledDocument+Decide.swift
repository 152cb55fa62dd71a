import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    // How a condition is decided, the same on every path (the assessment plans' truth programs,
    // the truth code below, the reasons made on access, the explained path):
    //
    // - A part not tested in this kind of assessment, or switched off, does not apply.
    // - `gäller när`: `nej`, the part does not apply; unknown, it cannot be decided (its
    //   requirements are not tested).
    // - The requirements hold together like `och`: one `nej` and the part is not met, even when
    //   another requirement could not be computed; otherwise such an error stands.
    // - The parts hold together the same way: one part not met and the condition is not met,
    //   even when another part could not be computed.
    //
    // So no status depends on the order in which requirements or parts are evaluated. An error
    // that stands fails the evaluation with the condition's number.

    /// One part's status only, as fast as possible: no strings, no arrays; `nil` when the part
    /// needs ``decidePart(_:phase:reasons:context:)`` (a document's age to check).
    @inline(__always)
    static func quickStatus(_ part: CompiledPart, phase: UInt8, context: EvaluationContext) throws(EvaluationError) -> ConditionStatus? {
        if part.isSwitchedOff || part.checksAge { return nil }
        if part.phases != 0, phase != 0, part.phases & phase == 0 { return .notApplicable }
        if let applicability = part.applicabilityTruth {
            switch try applicability.run(context) {
            case 0: return .notApplicable
            case 1: break
            default: return .missingEvidence
            }
        }
        var status = ConditionStatus.met
        var failure: EvaluationError?
        for truth in part.requirementTruths {
            let holds: UInt8
            do throws(EvaluationError) { holds = try truth.run(context) } catch {
                failure = failure ?? error
                continue
            }
            switch holds {
            case 1: continue
            case 0: return .notMet
            default: status = .missingEvidence
            }
        }
        if let failure { throw failure }
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
        var failure: EvaluationError?
        for requirement in part.requirements {
            let value: Value
            do throws(EvaluationError) { value = try requirement.fast(context) } catch {
                failure = failure ?? error
                reasons.append(Reasons.notComputed(requirement.failure, error))
                continue
            }
            switch value {
            case .boolean(true): continue
            case .boolean(false):
                status = .notMet
                reasons.append(requirement.failure)
            default:
                if status == .met { status = .missingEvidence }
            }
        }
        for document in part.documents where document.maximumAge != nil && document.applies(to: phase) {
            let value: Value
            do throws(EvaluationError) { value = try document.fast(context) } catch {
                failure = failure ?? error
                reasons.append("underlaget `\(document.path)` kunde inte beräknas (\(error.message))")
                continue
            }
            guard let issued = document.issued(value) else {
                if status == .met { status = .missingEvidence }
                reasons.append("underlaget `\(document.path)` saknas")
                continue
            }
            let age = document.maximumAge!
            if age.isExceeded(issued: issued, on: context.date) {
                status = .notMet
                reasons.append("`\(document.path)` är utfärdat \(issued) och är mer än \(age) gammalt \(context.date)")
            }
        }
        // Not met decides even where a requirement or a document could not be computed.
        if let failure, status != .notMet { throw failure }
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
            // Every part must hold: not met wins, then an error, then missing evidence, then met.
            var failure: EvaluationError?
            for part in condition.parts {
                // The fast path: a part that is met or not tested needs no reasons to be built.
                let partStatus: ConditionStatus
                let partReasons: [String]
                do throws(EvaluationError) {
                    if let quick = try quickStatus(part, phase: phase, context: context), quick == .met || quick == .notApplicable {
                        partStatus = quick
                        // Not applicable: either not tested in this kind of assessment, or `gäller när` is false.
                        let untested = part.phases != 0 && phase != 0 && part.phases & phase == 0
                        partReasons = quick == .met ? [] : untested ? fixed.notTested : Reasons.doesNotApply
                    } else {
                        (partStatus, partReasons) = try decidePart(part, phase: phase, reasons: fixed, context: context)
                    }
                } catch {
                    failure = failure ?? error
                    reasons.append("en del av villkoret kunde inte beräknas: \(error.message)")
                    continue
                }
                switch (status, partStatus) {
                case (_, .notMet), (.notMet, _): status = .notMet
                case (_, .missingEvidence), (.missingEvidence, _): status = .missingEvidence
                case (_, .met), (.met, _): status = .met
                default: status = .notApplicable
                }
                if partStatus != .met { reasons = reasons.isEmpty ? partReasons : reasons + partReasons }
            }
            if let failure, status != .notMet { throw failure }
        }
        var missing: [String] = []
        var requests: [String] = []
        var explanation: Explanation?
        if status == .missingEvidence || explain {
            let trace = traceParts(condition, phase: phase, context: context, definitionCount: definitionCount)
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

    /// Evaluates again, with tracing on, what decides each part tested in this kind of
    /// assessment: its `gäller när`, and unless that is `nej`, its requirements and dated
    /// documents. Tracing records what was read; the status (and any error that stands) is
    /// decided by ``decide(_:phase:reviewed:reasons:context:definitionCount:explanation:)``, so
    /// an expression that cannot be computed here only ends its own trace.
    static func traceParts(_ condition: CompiledCondition, phase: UInt8, context: EvaluationContext,
                           definitionCount: Int) -> [TraceEntry] {
        let traced = EvaluationContext(storage: context.storage, date: context.date,
                                       definitionCount: definitionCount, tracing: true)
        for part in condition.parts where !part.isSwitchedOff {
            if part.phases != 0, phase != 0, part.phases & phase == 0 { continue }
            if let applicability = part.applicability {
                traced.base = 0
                if case .boolean(false)? = try? applicability.traced(traced) { continue }
            }
            for requirement in part.requirements {
                traced.base = 0
                _ = try? requirement.traced(traced)
            }
            for document in part.documents where document.maximumAge != nil && document.applies(to: phase) {
                traced.base = 0
                _ = try? document.traced(traced)
            }
        }
        return traced.trace ?? []
    }
}
