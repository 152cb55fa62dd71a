import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    // How a condition is decided, the same on every path (the assessment plans' truth programs,
    // the value code below, the reasons made on access, the explained path):
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
    /// needs ``decidePart(_:_:reasons:context:)`` (documents to check, or switched off).
    @inline(__always)
    static func quickStatus(_ part: CompiledPart, _ plan: AssessmentPlan.PartPlan, context: EvaluationContext) throws(EvaluationError) -> ConditionStatus? {
        if part.isSwitchedOff || !plan.documents.isEmpty { return nil }
        context.base = 0
        if let applicability = part.applicability {
            switch try applicability(context) {
            case .boolean(false): return .notApplicable
            case .boolean(true): break
            default: return .missingEvidence
            }
        }
        var status = ConditionStatus.met
        var failure: EvaluationError?
        for requirement in part.requirements {
            context.base = 0
            let holds: Value
            do throws(EvaluationError) { holds = try requirement.code(context) } catch {
                failure = failure ?? error
                continue
            }
            switch holds {
            case .boolean(true): continue
            case .boolean(false): return .notMet
            default: status = .missingEvidence
            }
        }
        if let failure { throw failure }
        return status
    }

    /// One part's status and reasons. The documents its control points ask for come first: one
    /// that is not given, undated, issued after the assessment date or too old makes the part
    /// `underlag saknas` (valid evidence is not here yet, which is no shortfall); then the
    /// requirements.
    static func decidePart(_ part: CompiledPart, _ plan: AssessmentPlan.PartPlan, reasons fixed: Reasons,
                            context: EvaluationContext) throws(EvaluationError) -> (ConditionStatus, [String]) {
        if part.isSwitchedOff { return (.notApplicable, Reasons.switchedOff) }
        context.base = 0
        if let applicability = part.applicability {
            switch try applicability(context) {
            case .boolean(false): return (.notApplicable, Reasons.doesNotApply)
            case .boolean(true): break
            default: return (.missingEvidence, Reasons.applicabilityUnknown)
            }
        }
        var status = ConditionStatus.met
        var reasons: [String] = []
        var failure: EvaluationError?
        var missingDocument = false
        for document in plan.documents {
            context.base = 0
            let value: Value
            do throws(EvaluationError) { value = try document.code(context) } catch {
                failure = failure ?? error
                reasons.append("underlaget `\(document.path)` kunde inte beräknas (\(error.message))")
                continue
            }
            // Missing, undated, issued after the date or too old: a document still to be given
            // (a stale certificate in an application is completed, not refused).
            let evidence = DocumentEvidence(given: value.isKnown, issued: document.issued(value),
                                            maximumAge: document.maximumAge, on: context.date)
            if let reason = evidence.reason(document.path, date: context.date) {
                missingDocument = true
                reasons.append(reason)
            }
        }
        // Requirements are tested on the documents once they are given.
        if missingDocument {
            if let failure { throw failure }
            return (.missingEvidence, reasons)
        }
        for requirement in part.requirements {
            context.base = 0
            let value: Value
            do throws(EvaluationError) { value = try requirement.code(context) } catch {
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
        // Not met decides even where a requirement or a document could not be computed.
        if let failure, status != .notMet { throw failure }
        return (status, reasons)
    }

    /// A condition's decision with its reasons, the facts it misses, the evidence to request
    /// and, when it is not met, what that leads to; with its explanation when `explainer` is
    /// given.
    static func decide(_ entry: AssessmentPlan.Entry, _ index: Int, in plan: AssessmentPlan, context: EvaluationContext,
                       explainer: Explainer?) throws(EvaluationError) -> ConditionDecision {
        let condition = entry.condition
        let fixed = plan.reasons
        var status = ConditionStatus.notApplicable
        var reasons: [String] = []
        var failingParts: [ShortfallConsequence] = []
        var undecidedParts: [AssessmentPlan.PartPlan] = []
        if let reviewed = plan.reviewed, !reviewed.contains(condition.number.parts) {
            reasons = fixed.notReviewed
        } else if condition.isSwitchedOff {
            reasons = Reasons.switchedOff
        } else {
            // Every part must hold: not met wins, then an error, then missing evidence, then met.
            var failure: EvaluationError?
            for (index, (part, partPlan)) in zip(condition.parts, entry.parts).enumerated() {
                guard let partPlan else {
                    if let note = entry.notTestedNotes[index] { reasons.append(note) }
                    continue
                }
                // The fast path: a part that is met or does not apply needs no reasons to be built.
                let partStatus: ConditionStatus
                let partReasons: [String]
                do throws(EvaluationError) {
                    if let quick = try quickStatus(part, partPlan, context: context), quick == .met || quick == .notApplicable {
                        partStatus = quick
                        partReasons = quick == .met ? [] : Reasons.doesNotApply
                    } else {
                        (partStatus, partReasons) = try decidePart(part, partPlan, reasons: fixed, context: context)
                    }
                } catch {
                    failure = failure ?? error
                    reasons.append("en del av villkoret kunde inte beräknas: \(error.message)")
                    continue
                }
                if partStatus == .notMet { failingParts.append(partPlan.consequence) }
                if partStatus == .missingEvidence { undecidedParts.append(partPlan) }
                status = joined(status, partStatus)
                if partStatus != .met { reasons = reasons.isEmpty ? partReasons : reasons + partReasons }
            }
            if let failure, status != .notMet { throw failure }
        }
        return decision(entry, index, in: plan, status: status, reasons: reasons, failingParts: failingParts,
                        undecidedParts: undecidedParts, context: context, explainer: explainer)
    }

    /// The status of a condition's parts so far, `status`, with one more part's, `part`: not
    /// met wins, then missing evidence, then met; parts that do not apply add nothing.
    @inline(__always)
    static func joined(_ status: ConditionStatus, _ part: ConditionStatus) -> ConditionStatus {
        switch (status, part) {
        case (_, .notMet), (.notMet, _): .notMet
        case (_, .missingEvidence), (.missingEvidence, _): .missingEvidence
        case (_, .met), (.met, _): .met
        default: .notApplicable
        }
    }

    /// The decision of a condition whose parts are decided (`status`, their `reasons`, the
    /// consequences of those not met and the plans of those undecided): the facts it misses and
    /// the evidence to request when it is `underlag saknas` (see
    /// ``AssessmentPlan/requests(for:undecided:)``), what a shortfall leads to, its
    /// explanation when `explainer` is given.
    static func decision(_ entry: AssessmentPlan.Entry, _ index: Int, in plan: AssessmentPlan, status: ConditionStatus, reasons: [String],
                         failingParts: [ShortfallConsequence], undecidedParts: [AssessmentPlan.PartPlan],
                         context: EvaluationContext, explainer: Explainer?) -> ConditionDecision {
        let condition = entry.condition
        var missing: [String] = []
        var requests: [String] = []
        var explanation: Explanation?
        var unknown: UnknownFactsObserver?
        if let explainer {
            let (made, steps) = explainer.explain(entry, index)
            explanation = made
            if status == .missingEvidence { unknown = explainer.unknownFacts(steps) }
        } else if status == .missingEvidence {
            // From the run of the condition's checks when they have traces, else from its value code.
            let observer = UnknownFactsObserver()
            unknown = plan.observeChecks(index, storage: context.storage, date: context.date, observer: observer) ? observer
                : UnknownFactsObserver.watching(storage: context.storage, date: context.date,
                                                definitionCount: plan.definitionCount) { observeParts(entry, observed: $0) }
        }
        var reasons = reasons
        if let unknown {
            missing = unknown.paths
            requests = plan.requests(for: entry, undecided: undecidedParts)
            // Undecided with no fact to ask for: say what is unknown, which only the rules
            // settle (a condition was `underlag saknas` with nothing to request; found by a
            // policy author whose `största` met an empty list). Not where a part waits for a
            // document, which a newer or dated one settles (found by review).
            if missing.isEmpty, undecidedParts.allSatisfy(\.documents.isEmpty), let line = unknown.firstUnknownDecision {
                reasons.append("ingen uppgift saknas, men " + line)
            }
        }
        let consequence = status == .notMet
            ? plan.sanctions.consequence(ofFailingParts: failingParts, context: context)
            : nil
        return ConditionDecision(number: condition.numberText, title: condition.title, status: status,
                                 controlPoints: entry.controlPoints, reasons: status == .met ? [] : readable(unique(reasons), status: status),
                                 missingFacts: missing,
                                 evidenceToRequest: requests, consequence: consequence, explanation: explanation)
    }

    /// The reasons of a condition as its reader takes them: when it is not met or undecided, a
    /// part that does not apply (`villkoret gäller inte för anordnaren`) is not what decided it,
    /// and beside the reason that did, it reads as contradicting the decision.
    static func readable(_ reasons: [String], status: ConditionStatus) -> [String] {
        guard status == .notMet || status == .missingEvidence, reasons.count > 1 else { return reasons }
        return reasons.filter { $0 != Reasons.doesNotApply[0] }
    }

    /// Evaluates again what decides each part tested in this kind of assessment in `observed`,
    /// a context whose observer is told of every step: its `gäller när`, and unless that is
    /// `nej`, its documents and requirements; `checked` is called before each document check and
    /// requirement and `held` after it (whether it held). The status (and any error that stands)
    /// is decided by ``decide(_:in:context:explainer:)``, so an expression that cannot be
    /// computed here only ends its own steps.
    static func observeParts(_ entry: AssessmentPlan.Entry, observed: EvaluationContext,
                             checked: () -> Void = {}, held: (Bool) -> Void = { _ in }) {
        observeParts(entry, date: observed.date, observer: observed.observer, checked: checked, held: held) { check in
            observed.base = 0
            return try? entry.checks[check].code(observed)
        }
    }

    /// The walk of ``observeParts(_:observed:checked:held:)`` on `date`, with `value` giving
    /// check `index` of ``AssessmentPlan/Entry/checks``'s value (nil when it cannot be computed)
    /// and telling its steps, and `observer` told the steps of documents' ages (a value code's
    /// context's observer, or the plan's: see ``AssessmentPlan/observeChecks(_:storage:date:observer:checked:held:)``).
    static func observeParts(_ entry: AssessmentPlan.Entry, date: Day, observer: (any EvaluationObserver)?,
                             checked: () -> Void = {}, held: (Bool) -> Void = { _ in }, value: (Int) -> Value?) {
        let checks = entry.checks
        var next = 0
        while next < checks.count {
            let check = checks[next]
            next += 1
            switch check {
            case .applicability(_, let partEnd):
                if case .boolean(false)? = value(next - 1) { next = partEnd }
                continue
            // A document holds when it is given, dated and not too old.
            case .document(_, let maximumAge, let issuedField, let points):
                checked()
                guard let value = value(next - 1), value.isKnown else {
                    held(false)
                    continue
                }
                let issued = CompiledEvidenceDocument.issued(value, field: issuedField)
                let evidence = DocumentEvidence(given: true, issued: issued, maximumAge: maximumAge, on: date)
                // The date and the age check, for an explanation (the document itself was read
                // above): unknown when undated or issued after the date, whose age is not known.
                if maximumAge != nil, let observer, let points {
                    if let point = points.issued { observer.observe(point, issued.map(Value.date) ?? .unknown) }
                    let young: Value = switch evidence {
                    case .given: .boolean(true)
                    case .tooOld: .boolean(false)
                    case .missing, .undated, .issuedAfter: .unknown
                    }
                    observer.observe(points.age, young)
                }
                held(evidence.isGiven)
            // A requirement holds when it is `ja`.
            case .requirement:
                checked()
                if case .boolean(true)? = value(next - 1) { held(true) } else { held(false) }
            }
        }
    }
}

/// One step of what explains a condition (see ``AssessmentPlan/Entry/checks``).
enum ObservedCheck: Sendable {
    /// A part's `gäller när`; when it is `nej`, the part's other checks are passed over, up to
    /// check `partEnd`.
    case applicability(Code, partEnd: Int)
    /// A document a control point of the part asks for, with what an explanation shows of its
    /// age check.
    case document(Code, maximumAge: DocumentAge?, issuedField: Int?, points: CompiledEvidenceDocument.AgePoints?)
    /// A requirement of the part.
    case requirement(Code)

    /// The check's value code.
    var code: Code {
        switch self {
        case .applicability(let code, _), .document(let code, _, _, _), .requirement(let code): code
        }
    }

    /// The checks of the parts of `condition` that `parts` test (a part switched off, or not
    /// tested in this kind of assessment, has none): each part's `gäller när`, then its
    /// documents, then its requirements.
    static func checks(of condition: CompiledCondition, _ parts: [AssessmentPlan.PartPlan?]) -> [ObservedCheck] {
        var checks: [ObservedCheck] = []
        for (part, plan) in zip(condition.parts, parts) where !part.isSwitchedOff {
            guard let plan else { continue }
            let start = checks.count
            if let applicability = part.applicability { checks.append(.applicability(applicability, partEnd: -1)) }
            for document in plan.documents {
                checks.append(.document(document.code, maximumAge: document.maximumAge, issuedField: document.issuedField,
                                        points: document.agePoints))
            }
            for requirement in part.requirements { checks.append(.requirement(requirement.code)) }
            if let applicability = part.applicability { checks[start] = .applicability(applicability, partEnd: checks.count) }
        }
        return checks
    }
}
