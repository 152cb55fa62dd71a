import KundvalSyntax

/// The result of evaluating a kundval for one provider: the overall outcome, every condition's
/// status with its reasons, and (during operation) the recommended sanction. A value: services
/// render it as JSON with ``json(pretty:)`` (the stable shape of `kundval eval --json`) and
/// store it with `Codable` (see `Decision+Codable.swift`).
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
        switch origin {
        case .evaluated(let made): made.plan.document
        case .stored(let stored): stored.document
        }
    }
    /// Its version, if it has one.
    public var version: String? {
        switch origin {
        case .evaluated(let made): made.plan.version
        case .stored(let stored): stored.version
        }
    }
    /// The rules it was made by (``CompiledDocument/rulesHash``).
    public var rules: String {
        switch origin {
        case .evaluated(let made): made.plan.rules
        case .stored(let stored): stored.rules
        }
    }
    /// The kind of assessment, such as `ansökan` (an application).
    public var assessment: AssessmentKind {
        switch origin {
        case .evaluated(let made): made.plan.kind
        case .stored(let stored): stored.assessment
        }
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
    /// met or does not apply nothing is made from the facts and nothing is kept: a decision
    /// whose statuses are its kind's usual ones shares the kind's array, any other gets an array
    /// of the prepared decisions.
    public var conditions: [ConditionDecision] {
        switch origin {
        case .stored(let stored): return stored.conditions
        case .evaluated(let made):
            // Statuses that are still the plan's template (the same storage): its shared decisions.
            if made.decided.isEmpty, Self.sameStorage(statuses, made.plan.statusTemplate) { return made.plan.templateConditions }
            guard let reasons = made.reasons else { return Self.makeConditions(made, statuses: statuses, date: date) }
            return reasons.conditions { Self.makeConditions(made, statuses: statuses, date: date) }
        }
    }
    /// During operation, when a condition is not met: the recommended sanction.
    public let sanction: SanctionRecommendation?
    /// During operation: the grounds for de-authorization that concern the provider, with their
    /// dates (the outcome is `avauktorisation` when one has occurred).
    public let deauthorizations: [DeauthorizationDecision]
    /// Values of the definitions without parameters (amounts, dates), when asked for.
    public let computations: [Computation]
    /// The requirements of each service (insatsvillkor): met, not met, undecided, or not
    /// applicable when the provider does not offer the service. Made on the first read and
    /// kept, like ``conditions``.
    public var services: [ServiceDecision] {
        switch origin {
        case .stored(let stored): return stored.services
        case .evaluated(let made):
            if !made.plan.reviewsServices { return made.plan.notReviewedServices }
            // Each met or not offered: the plan's shared decisions for that mix.
            if made.decidedServices.isEmpty, !made.plan.sharedServices.isEmpty, let mask = Self.sharedServiceMask(serviceStatuses) {
                return made.plan.sharedServices[mask]
            }
            guard let reasons = made.reasons else { return Self.makeServices(made, statuses: serviceStatuses, date: date) }
            return reasons.services { Self.makeServices(made, statuses: serviceStatuses, date: date) }
        }
    }
    /// Each service's status, in the order of ``services``.
    public let serviceStatuses: [ConditionStatus]
    /// Where the decision comes from: an evaluation, or a stored decision read back.
    let origin: Origin

    /// The source of a decision's conditions and services.
    enum Origin: Sendable {
        /// Made by evaluation: the plan's prepared decisions, those made during evaluation and
        /// the facts to make the others from.
        case evaluated(Evaluated)
        /// Read back (`Codable`): everything as it was written.
        case stored(StoredDecision)
    }

    /// What an evaluated decision keeps to make its conditions and services on access.
    struct Evaluated: Sendable {
        /// The prepared decisions, and what the decision shares with every other of its kind
        /// (names, services): one reference instead of one per field.
        let plan: AssessmentPlan
        /// The decisions made during evaluation, by position, in order.
        let decided: [(index: Int, decision: ConditionDecision)]
        let decidedServices: [(index: Int, decision: ServiceDecision)]
        /// The facts evaluated, for the reasons of conditions and services made on access.
        let facts: FactStorage
        /// The conditions and services made on the first read; `nil` when every condition and
        /// service is met or does not apply (nothing is made from the facts).
        let reasons: DecisionReasons?
    }

    /// A decision made by evaluation.
    init(date: Day, outcome: Outcome, statuses: [ConditionStatus], plan: AssessmentPlan,
         decided: [(index: Int, decision: ConditionDecision)], sanction: SanctionRecommendation?,
         deauthorizations: [DeauthorizationDecision], computations: [Computation], serviceStatuses: [ConditionStatus],
         decidedServices: [(index: Int, decision: ServiceDecision)], facts: FactStorage) {
        self.date = date
        self.outcome = outcome
        self.statuses = statuses
        self.sanction = sanction
        self.deauthorizations = deauthorizations
        self.computations = computations
        self.serviceStatuses = serviceStatuses
        // Reasons are made from the facts only for a condition or service not met or undecided:
        // none when every one is met or does not apply (the outcome says so), and evaluation
        // then allocates nothing here.
        let allMet = outcome == .approved || outcome == .noShortfalls
        origin = .evaluated(Evaluated(plan: plan, decided: decided, decidedServices: decidedServices, facts: facts,
                                      reasons: allMet ? nil : DecisionReasons()))
    }

    /// The conditions of an evaluated decision: the prepared ones, those decided during
    /// evaluation, and the reasons of the others made now.
    static func makeConditions(_ made: Evaluated, statuses: [ConditionStatus], date: Day) -> [ConditionDecision] {
        let plan = made.plan
        var context: EvaluationContext?
        return merge(count: plan.entries.count, decided: made.decided) { index in
            let entry = plan.entries[index]
            switch statuses[index] {
            case .met, .notApplicable:
                return entry.prepared(for: statuses[index])
            case .notMet, .missingEvidence:
                let facts = context ?? EvaluationContext(storage: made.facts, date: date,
                                                         definitionCount: plan.definitionCount, tracing: false)
                context = facts
                return plan.detail(index, status: statuses[index], context: facts)
            }
        }
    }

    /// The services of an evaluated decision, made as ``makeConditions(_:statuses:date:)`` makes
    /// the conditions.
    static func makeServices(_ made: Evaluated, statuses: [ConditionStatus], date: Day) -> [ServiceDecision] {
        let plan = made.plan
        var context: EvaluationContext?
        return merge(count: plan.services.count, decided: made.decidedServices) { index in
            let service = plan.services[index]
            switch statuses[index] {
            case .met, .notApplicable:
                return service.prepared(for: statuses[index])
            case .notMet, .missingEvidence:
                let facts = context ?? EvaluationContext(storage: made.facts, date: date,
                                                         definitionCount: plan.definitionCount, tracing: false)
                context = facts
                return service.detail(status: statuses[index], context: facts)
            }
        }
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
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
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
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            var next = 0
            for index in 0..<count {
                if next < decided.count, decided[next].index == index {
                    (buffer.baseAddress! + index).initialize(to: decided[next].decision)
                    next += 1
                } else {
                    (buffer.baseAddress! + index).initialize(to: prepared(index))
                }
                initialized = index + 1
            }
        }
    }
}
