import KundvalSyntax

/// The result of evaluating a kundval for one provider: the overall outcome, every condition's
/// status with its reasons, and (during operation) the recommended sanction. A value: services
/// render it as JSON with ``json(pretty:)`` (the stable shape of `kundval eval --json`) and
/// store it with `Codable` (see `Decision+Storage.swift`).
///
/// Evaluation decides every status; the reasons of a condition or service that is not met or
/// undecided (which requirement failed, the missing facts, the evidence to request) are made
/// when ``conditions`` or ``services`` is first read, from the facts the decision keeps, and
/// kept. A decision made by evaluation therefore holds on to its provider's facts for as long
/// as it lives. A decision read back with `Codable` holds what was written (every condition's
/// and service's decision, the sanction, the grounds, the computations) and no facts: it
/// cannot be evaluated again, and it equals the decision that was written.
public struct Decision: Sendable {
    /// The kundval (or reglemente) evaluated.
    public var document: String {
        if let plan { return plan.document }
        return details?.stored?.document ?? ""
    }
    /// Its version, if it has one.
    public var version: String? {
        if let plan { return plan.version }
        return details?.stored?.version
    }
    /// The rules it was made by (``CompiledDocument/rulesHash``).
    public var rules: String {
        if let plan { return plan.rules }
        return details?.stored?.rules ?? ""
    }
    /// The kind of assessment, such as `ansökan` (an application).
    public var assessment: AssessmentKind {
        if let plan { return plan.kind }
        return details?.stored?.assessment ?? AssessmentKind(name: "", phase: .application)
    }
    /// The assessment date.
    public let date: Day
    /// The overall outcome.
    public let outcome: Outcome
    /// Every condition's status, in number order (the order of ``conditions``).
    public let statuses: [ConditionStatus]
    /// Every condition in force, in number order, with its reasons.
    ///
    /// Made from ``statuses`` when read: a condition that is met, not applicable or constant
    /// shares the decision its assessment kind prepared at load time; one that is not met or
    /// undecided gets its reasons, missing facts and evidence to request on the first read,
    /// from the facts the decision keeps (the status was decided during evaluation), and the
    /// array is kept: later reads, from any thread (threads that read at once wait for the one
    /// that makes it), share it. Keeping shared objects out of evaluation spares it a reference
    /// count per condition (which threads evaluating at once would contend on), and a caller
    /// that needs only the statuses never pays for reasons. When every condition and service is
    /// met or does not apply nothing is made from the facts: a decision whose statuses are its
    /// kind's usual ones shares the kind's array, any other gets an array of the prepared
    /// decisions (kept when the decision has ``DecisionDetails``, made again on each read when
    /// it has none).
    public var conditions: [ConditionDecision] {
        guard let plan, let facts else { return details?.stored?.conditions ?? [] }
        // Statuses that are still the plan's template (the same storage): its shared decisions.
        if decided.isEmpty, Self.sameStorage(statuses, plan.statusTemplate) { return plan.templateConditions }
        guard let details else { return makeConditions(plan, facts) }
        return details.conditions { makeConditions(plan, facts) }
    }
    /// During operation, when a condition is not met: the recommended sanction.
    public var sanction: SanctionRecommendation? { details?.sanction }
    /// During operation: the grounds for de-authorization that concern the provider, with their
    /// dates (the outcome is `avauktorisation` when one has occurred).
    public var deauthorizations: [DeauthorizationDecision] { details?.deauthorizations ?? [] }
    /// Values of the definitions without parameters (amounts, dates), when asked for.
    public var computations: [Computation] { details?.computations ?? [] }
    /// The requirements of each service (insatsvillkor): met, not met, undecided, or not
    /// applicable when the provider does not offer the service. Made on the first read and
    /// kept, like ``conditions``.
    public var services: [ServiceDecision] {
        guard let plan, let facts else { return details?.stored?.services ?? [] }
        if !plan.reviewsServices { return plan.notReviewedServices }
        // Each met or not offered: the plan's shared decisions for that mix.
        if decidedServices.isEmpty, !plan.sharedServices.isEmpty, let mask = Self.sharedServiceMask(serviceStatuses) {
            return plan.sharedServices[mask]
        }
        guard let details else { return makeServices(plan, facts) }
        return details.services { makeServices(plan, facts) }
    }
    /// Each service's status, in the order of ``services``.
    public let serviceStatuses: [ConditionStatus]
    // Where the decision comes from. Made by evaluation: `plan` and `facts` are set, and
    // `details` holds what the evaluation made beyond the statuses, if anything. Read back
    // (`Codable`): only `details`, whose `stored` holds everything as it was written.
    //
    // Few references on purpose: an evaluated decision is made and dropped on the hot path,
    // and each reference it holds is retained when it is made and released when it is dropped.
    // A decision at application whose conditions and services are all met or do not apply
    // holds four: its statuses, its services' statuses, the plan and the facts (it held twelve,
    // five of them empty arrays).

    /// The prepared decisions, and what the decision shares with every other of its kind (names,
    /// services): one reference instead of one per field.
    let plan: AssessmentPlan?
    /// The facts evaluated, for the reasons of conditions and services made on access.
    let facts: FactStorage?
    /// The rest: nil for a decision at application with nothing beyond its statuses (every
    /// condition and service met or not applying, none decided on the slow path, no
    /// computations asked for).
    let details: DecisionDetails?

    /// The decisions made during evaluation, by position, in order.
    var decided: [(index: Int, decision: ConditionDecision)] { details?.decided ?? [] }
    var decidedServices: [(index: Int, decision: ServiceDecision)] { details?.decidedServices ?? [] }
    /// The sanction tables' choices made during evaluation, for the contexts that make reasons
    /// on access (empty when none was made).
    var sanctionChoices: [KeptSanctionChoice] { details?.sanctionChoices ?? [] }

    /// A decision made by evaluation; `details` nil when it has nothing beyond its statuses
    /// (see ``DecisionDetails``).
    init(date: Day, outcome: Outcome, statuses: [ConditionStatus], serviceStatuses: [ConditionStatus],
         plan: AssessmentPlan, facts: FactStorage, details: DecisionDetails?) {
        self.date = date
        self.outcome = outcome
        self.statuses = statuses
        self.serviceStatuses = serviceStatuses
        self.plan = plan
        self.facts = facts
        self.details = details
    }

    /// The conditions of an evaluated decision: the prepared ones, those decided during
    /// evaluation, and the reasons of the others made now.
    func makeConditions(_ plan: AssessmentPlan, _ facts: FactStorage) -> [ConditionDecision] {
        var context: EvaluationContext?
        return Self.merge(count: plan.entries.count, decided: decided) { index in
            let entry = plan.entries[index]
            switch statuses[index] {
            case .met, .notApplicable:
                return entry.prepared(for: statuses[index])
            case .notMet, .missingEvidence:
                let made = context ?? madeContext(plan, facts)
                context = made
                return plan.detail(index, status: statuses[index], context: made)
            }
        }
    }

    /// The services of an evaluated decision, made as ``makeConditions(_:_:)`` makes the
    /// conditions.
    func makeServices(_ plan: AssessmentPlan, _ facts: FactStorage) -> [ServiceDecision] {
        var context: EvaluationContext?
        let services = Self.merge(count: plan.services.count, decided: decidedServices) { index in
            let service = plan.services[index]
            switch serviceStatuses[index] {
            case .met, .notApplicable:
                return service.prepared(for: serviceStatuses[index])
            case .notMet, .missingEvidence:
                let made = context ?? madeContext(plan, facts)
                context = made
                return plan.serviceDetail(index, status: serviceStatuses[index], context: made)
            }
        }
        // What an undecided service misses, by whichever path it was decided.
        return services.enumerated().map { index, service in
            guard service.status == .missingEvidence, service.missingFacts.isEmpty else { return service }
            return service.with(missingFacts: plan.services[index].missingFacts(storage: facts, date: date,
                                                                                   definitionCount: plan.definitionCount))
        }
    }

    /// The context that reasons are made in on access: the facts and date of the evaluation,
    /// and the sanction tables' choices it made.
    func madeContext(_ plan: AssessmentPlan, _ facts: FactStorage) -> EvaluationContext {
        let context = EvaluationContext(storage: facts, date: date, definitionCount: plan.definitionCount)
        context.sanctionChoices = sanctionChoices
        return context
    }

    /// The index in the plan's shared service arrays of these services' statuses, when each
    /// is met or not offered (bit `i` set when service `i` is not offered).
    static func sharedServiceMask(_ statuses: [ConditionStatus]) -> Int? {
        var mask = 0
        for (index, status) in statuses.enumerated() {
            switch status {
            case .met: continue
            case .notApplicable: mask |= 1 << index
            default: return nil
            }
        }
        return mask
    }

    /// Whether two arrays share their storage (so they are equal without comparing).
    static func sameStorage(_ a: [ConditionStatus], _ b: [ConditionStatus]) -> Bool {
        sharesStorage(a, b)
    }

    /// The failing conditions.
    public var failing: [ConditionDecision] { conditions.filter { $0.status == .notMet } }
    /// The conditions that cannot be decided yet.
    public var incomplete: [ConditionDecision] { conditions.filter { $0.status == .missingEvidence } }
}

extension Decision {
    /// `count` items: those decided during evaluation (by position, in order), the prepared
    /// one elsewhere.
    /// Inlined, so that each caller gets code for its own item type, and written in place:
    /// building an array of class references by appending costs a call per element.
    @inline(__always)
    static func merge<Item>(count: Int, decided: [(index: Int, decision: Item)], prepared: (Int) -> Item) -> [Item] {
        var next = 0
        return arrayInPlace(count: count) { index in
            guard next < decided.count, decided[next].index == index else { return prepared(index) }
            next += 1
            return decided[next - 1].decision
        }
    }
}
