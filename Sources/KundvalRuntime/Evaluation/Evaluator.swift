import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Why an evaluation could not be made.
public enum EvaluationFailure: Error, Sendable, CustomStringConvertible {
    /// The assessment kind is not declared.
    case unknownAssessment(String, known: [String])
    /// A computation failed (overflow, division by zero, a date out of range).
    case computation(EvaluationError, condition: String)
    /// A computation in a service's requirements failed.
    case serviceComputation(EvaluationError, service: String)

    /// One Swedish sentence.
    public var description: String {
        switch self {
        case .unknownAssessment(let name, let known):
            "det finns ingen bedömning `\(name)`; bedömningar: " + known.map { "`\($0)`" }.joined(separator: ", ")
        case .computation(let error, let condition): "villkor \(condition) kunde inte beräknas: \(error.message)"
        case .serviceComputation(let error, let service): "kraven för insatsen `\(service)` kunde inte beräknas: \(error.message)"
        }
    }
}

extension CompiledDocument {
    /// Evaluates the document for one provider: a pure function of the rules, the facts, the
    /// assessment kind and the assessment date. No clock, no I/O; always terminates.
    ///
    /// - Parameters:
    ///   - explain: build a full explanation for every condition (slower: each condition is
    ///     evaluated again with tracing on).
    ///   - computations: also compute every definition without parameters.
    public func evaluate(_ facts: Facts, assessment: String, date: Day, explain: Bool = false,
                         computations includeComputations: Bool = false) throws(EvaluationFailure) -> Decision {
        guard let plan = plan(for: assessment) else {
            throw .unknownAssessment(assessment, known: assessmentNames)
        }
        return try evaluate(facts, kind: plan, date: date, explain: explain, computations: includeComputations)
    }

    /// The assessment kind called `name`, for ``evaluate(_:kind:date:explain:computations:)``.
    public func assessmentKind(named name: String) -> AssessmentPlan? { plan(for: name) }

    /// Evaluates the document for one provider with an assessment kind looked up beforehand.
    public func evaluate(_ facts: Facts, kind plan: AssessmentPlan, date: Day, explain: Bool = false,
                         computations includeComputations: Bool = false) throws(EvaluationFailure) -> Decision {
        let assessment = plan.name
        let phase = plan.phase
        let reviewed = plan.reviewed
        let reasons = plan.reasons
        let context = EvaluationContext(facts: facts.values, flat: facts.flat, truths: facts.truths, known: facts.known, date: date,
                                        definitionCount: definitionCount, tracing: false)
        var results: [ConditionDecision] = []
        results.reserveCapacity(plan.entries.count)
        var anyNotMet = false
        var anyMissing = false
        for entry in plan.entries {
            if entry.isConstant {
                results.append(entry.prepared)
            } else {
                let condition = entry.condition
                do {
                    // The fast path: every active part holds, and the decision is the prepared one.
                    if !explain, entry.hasQuick {
                        // Every active part is met, or does not apply to the provider.
                        switch try entry.quick.run(context) {
                        case 1:
                            results.append(entry.prepared)
                            continue
                        case 3:
                            if let decision = entry.preparedNotApplicable {
                                results.append(decision)
                                continue
                            }
                        default:
                            break
                        }
                    }
                    let decision = try decide(condition, phase: phase, reviewed: reviewed, reasons: reasons,
                                              context: context, explain: explain)
                    anyNotMet = anyNotMet || decision.status == .notMet
                    anyMissing = anyMissing || decision.status == .missingEvidence
                    results.append(decision)
                } catch {
                    throw .computation(error, condition: condition.numberText)
                }
            }
        }
        // The insatsvillkor: a service the provider offers must meet its requirements.
        var serviceDecisions: [ServiceDecision] = []
        if !services.isEmpty {
            serviceDecisions.reserveCapacity(services.count)
            for service in services {
                do {
                    let decision = try service.decide(context)
                    anyNotMet = anyNotMet || decision.status == .notMet
                    anyMissing = anyMissing || decision.status == .missingEvidence
                    serviceDecisions.append(decision)
                } catch {
                    throw .serviceComputation(error, service: service.name)
                }
            }
        }
        let outcome: Outcome = anyNotMet ? .notApproved : anyMissing ? .incomplete : .approved
        var sanction: SanctionRecommendation?
        if outcome == .notApproved, phase & Phase.operation != 0 {
            sanction = recommendSanction(failing: results, context: context)
        }
        var computed: [Computation] = []
        if includeComputations {
            for (name, code, type) in computations {
                let value = (try? code(context)) ?? .unknown
                computed.append(Computation(name: name, value: formatter.describe(value, as: type)))
            }
        }
        return Decision(document: name, version: version, assessment: assessment, date: date, outcome: outcome,
                        conditions: results, sanction: sanction, computations: computed, services: serviceDecisions)
    }

    /// The plan of an assessment kind: by its name's bytes first, then by Unicode equality.
    func plan(for assessment: String) -> AssessmentPlan? {
        for (name, plan) in planList where assessment.utf8.elementsEqual(name) { return plan }
        return plans[assessment]
    }

    /// The value of a definition without parameters for the given facts and date: a named
    /// computation such as a fine or a compensation. `nil` when there is no such definition.
    public func value(of definition: String, facts: Facts, date: Day) throws(EvaluationError) -> (value: Value, text: String)? {
        guard let computation = computations.first(where: { $0.name == definition }) else { return nil }
        let context = EvaluationContext(facts: facts.values, flat: facts.flat, truths: facts.truths, known: facts.known, date: date,
                                        definitionCount: definitionCount, tracing: false)
        let value = try computation.code(context)
        return (value, formatter.describe(value, as: computation.type))
    }

    /// The phases of an assessment as bits: application (shortfall means not approved) and
    /// operation (shortfall means a sanction).
    enum Phase {
        static let application: UInt8 = 1
        static let operation: UInt8 = 2

        static func mask(_ consequences: [ConsequenceSyntax.Kind]) -> UInt8 {
            consequences.reduce(0) { mask, consequence in
                switch consequence {
                case .notApproved, .noAuthorization: mask | application
                case .sanction, .deauthorization: mask | operation
                }
            }
        }
    }

    /// The reason texts of one kind of assessment, made once.
    struct Reasons: Sendable {
        let notTested: [String]
        let notReviewed: [String]
        static let switchedOff = ["förekommer inte i detta kundval"]
        static let doesNotApply = ["villkoret gäller inte för anordnaren"]
        static let applicabilityUnknown = ["det går inte att avgöra om villkoret gäller"]

        init(assessment: String) {
            notTested = ["prövas inte vid \(assessment)"]
            notReviewed = ["granskas inte vid \(assessment)"]
        }
    }

    /// One part's status only, as fast as possible: no strings, no arrays.
    @inline(__always)
    private func quickStatus(_ part: CompiledPart, phase: UInt8, context: EvaluationContext) throws(EvaluationError) -> ConditionStatus? {
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
    private func decidePart(_ part: CompiledPart, phase: UInt8, reasons fixed: Reasons,
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
                reasons.append("kravet är inte uppfyllt: " + (requirement.label ?? files[part.file].text(of: requirement.span)))
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

    private func decide(_ condition: CompiledCondition, phase: UInt8, reviewed: Set<[Int]>?, reasons fixed: Reasons,
                        context: EvaluationContext, explain: Bool) throws(EvaluationError) -> ConditionDecision {
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
            let trace = try traceParts(condition, context: context)
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
            if explain { explanation = self.explanation(from: trace) }
        }
        return ConditionDecision(number: condition.numberText, title: condition.title, status: status,
                                 reasons: status == .met ? [] : reasons, missingFacts: missing,
                                 evidenceToRequest: requests, explanation: explanation)
    }

    /// Evaluates every part again with tracing on.
    private func traceParts(_ condition: CompiledCondition, context: EvaluationContext) throws(EvaluationError) -> [TraceEntry] {
        let traced = EvaluationContext(facts: context.facts, flat: context.flat, truths: context.truths, known: context.known, date: context.date,
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

    static func phaseAllows(_ kind: EvidenceKind, _ phase: UInt8) -> Bool {
        switch kind {
        case .attachedToApplication: phase == 0 || phase & Phase.application != 0
        case .followUp: phase == 0 || phase & Phase.operation != 0
        default: true
        }
    }

    /// The source text of a span on one line: runs of spaces and line breaks become one space.
    static func singleLine(_ file: SourceFile, _ span: SourceSpan) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(span.length)
        var previousSpace = false
        for byte in file.bytes[max(0, span.start)..<min(span.end, file.bytes.count)] {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if space && previousSpace { continue }
            bytes.append(space ? 0x20 : byte)
            previousSpace = space
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The explanation of a trace: facts read and decisions made, with their source lines.
    func explanation(from trace: [TraceEntry]) -> Explanation {
        var lines: [String] = []
        var facts: [(String, String)] = []
        var seen = Set<String>()
        // `rad 12: ` in the document's own file; `reglemente-31.kundval rad 12: ` in its reglemente.
        let own = files.count - 1
        let prefixes = files.indices.map { $0 == own ? "rad " : Self.fileName(files[$0].path) + " rad " }
        for entry in trace {
            let file = files[entry.file]
            let line = prefixes[entry.file] + String(file.lineIndex(of: entry.span.start) + 1) + ": "
            let value = formatter.describe(entry.value, as: entry.type)
            switch entry.kind {
            case .fact(let path):
                if seen.insert(path + value).inserted {
                    facts.append((path, value))
                    lines.append(line + "\(path) = \(value)")
                }
            case .decision:
                let text = Self.singleLine(file, entry.span)
                let truth = switch entry.value {
                case .boolean(true): "sant"
                case .boolean(false): "falskt"
                default: "okänt"
                }
                lines.append(line + "`\(text)` är \(truth)")
            case .call(let name):
                lines.append(line + "\(name) = \(value)")
            }
        }
        return Explanation(lines: lines, facts: facts)
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private func recommendSanction(failing: [ConditionDecision], context: EvaluationContext) -> SanctionRecommendation? {
        let failingNumbers = Set(failing.filter { $0.status == .notMet }.map(\.number))
        var best: (rank: Int, recommendation: SanctionRecommendation)?
        for condition in conditions where failingNumbers.contains(condition.numberText) {
            for part in condition.parts {
                for case .sanction(let table?) in part.consequences {
                    guard let compiled = sanctionTables[table.name],
                          case .enumCase(let rank)? = try? compiled.code(context) else { continue }
                    let cases = formatter.enumerations[compiled.resultEnumeration] ?? []
                    let factors = compiled.inputs.map { input in
                        (input.name, formatter.describe((try? input.code(context)) ?? .unknown, as: input.type))
                    }
                    if rank >= best?.rank ?? -1, rank < cases.count {
                        best = (rank, SanctionRecommendation(sanction: cases[rank], table: table.name, factors: factors))
                    }
                }
            }
        }
        return best?.recommendation
    }
}

extension CompiledEvidenceDocument {
    func applies(to phase: UInt8) -> Bool { CompiledDocument.phaseAllows(kind, phase) }

    /// The issue date of a document value: the value itself for a date, the `utfärdat` field
    /// of a record.
    func issued(_ value: Value) -> Day? {
        switch value {
        case .date(let day): return day
        case .record(let fields):
            guard let issuedField, issuedField < fields.count, case .date(let day) = fields[issuedField] else { return nil }
            return day
        default: return nil
        }
    }
}
