import KundvalSyntax

/// The result of evaluating a kundval for one provider: the overall outcome, every condition's
/// status with its reasons, and (during operation) the recommended sanction. A value: services
/// store it and render it as JSON with ``json(pretty:)``.
///
/// Evaluation decides every status; the reasons of a condition or service that is not met or
/// undecided (which requirement failed, the missing facts, the evidence to request) are made
/// when ``conditions`` or ``services`` is read, from the facts the decision keeps. A decision
/// therefore holds on to its provider's facts for as long as it lives.
public struct Decision: Sendable {
    /// The kundval (or reglemente) evaluated.
    public var document: String { plan.document }
    /// Its version, if it has one.
    public var version: String? { plan.version }
    /// The rules it was made by (``CompiledDocument/rulesHash``).
    public var rules: String { plan.rules }
    /// The assessment kind, such as `ansökan`.
    public var assessment: String { plan.name }
    /// The assessment date.
    public let date: Day
    /// The overall outcome.
    public let outcome: Outcome
    /// Every condition's status, in number order (the order of ``conditions``).
    public let statuses: [ConditionStatus]
    /// Every condition in force, in number order, with its reasons.
    ///
    /// Made on each access from ``statuses``: a condition that is met, not applicable or
    /// constant shares the decision its assessment kind prepared at load time; one that is not
    /// met or undecided gets its reasons, missing facts and evidence to request now, from the
    /// facts the decision keeps (the status was decided during evaluation). Keeping shared
    /// objects out of the decision spares evaluation a reference count per condition (which
    /// threads evaluating at once would contend on), and a caller that needs only the statuses
    /// never pays for reasons; read it into a local when you need it more than once.
    public var conditions: [ConditionDecision] {
        // Statuses that are still the plan's template (the same storage): its shared decisions.
        if decided.isEmpty, Self.sameStorage(statuses, plan.statusTemplate) { return plan.templateConditions }
        var context: EvaluationContext?
        return Self.merge(count: plan.entries.count, decided: decided) { index in
            let entry = plan.entries[index]
            switch statuses[index] {
            case .met, .notApplicable:
                return entry.prepared(for: statuses[index])
            case .notMet, .missingEvidence:
                let made = context ?? EvaluationContext(storage: facts, date: date,
                                                        definitionCount: plan.definitionCount, tracing: false)
                context = made
                return plan.detail(index, status: statuses[index], context: made)
            }
        }
    }
    /// The prepared decisions, and what the decision shares with every other of its kind
    /// (names, services): one reference instead of one per field.
    let plan: AssessmentPlan
    /// The decisions made during evaluation, by position, in order.
    let decided: [(index: Int, decision: ConditionDecision)]
    /// During operation, when a condition is not met: the recommended sanction.
    public let sanction: SanctionRecommendation?
    /// During operation: the grounds for de-authorization that concern the provider, with their
    /// dates (the outcome is `avauktorisation` when one has occurred).
    public let deauthorizations: [DeauthorizationDecision]
    /// Values of the definitions without parameters (amounts, dates), when asked for.
    public let computations: [Computation]
    /// The requirements of each service (insatsvillkor): met, not met, undecided, or not
    /// applicable when the provider does not offer the service. Made on access, like
    /// ``conditions``.
    public var services: [ServiceDecision] {
        if !plan.reviewsServices { return plan.notReviewedServices }
        // Each met or not offered: the plan's shared decisions for that mix.
        if decidedServices.isEmpty, !plan.sharedServices.isEmpty, let mask = sharedServiceMask {
            return plan.sharedServices[mask]
        }
        var context: EvaluationContext?
        return Self.merge(count: compiledServices.count, decided: decidedServices) { index in
            let service = compiledServices[index]
            switch serviceStatuses[index] {
            case .met, .notApplicable:
                return service.prepared(for: serviceStatuses[index])
            case .notMet, .missingEvidence:
                let made = context ?? EvaluationContext(storage: facts, date: date,
                                                        definitionCount: plan.definitionCount, tracing: false)
                context = made
                return service.detail(status: serviceStatuses[index], context: made)
            }
        }
    }
    /// Each service's status, in the order of ``services``.
    public let serviceStatuses: [ConditionStatus]
    var compiledServices: [CompiledService] { plan.services }
    let decidedServices: [(index: Int, decision: ServiceDecision)]
    /// The facts evaluated, for the reasons of conditions and services made on access.
    let facts: FactStorage

    /// The index in the plan's shared service arrays of these services' statuses, when each
    /// is met or not offered (bit `i` set when service `i` is not offered).
    var sharedServiceMask: Int? {
        var mask = 0
        for (index, status) in serviceStatuses.enumerated() {
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

/// The status of one condition for one provider. Immutable; a class so that decisions prepared
/// at load time (a condition that is met, or never tested in an assessment kind) are shared
/// instead of copied.
public final class ConditionDecision: Sendable {
    /// `10.1`.
    public let number: String
    /// The heading.
    public let title: String?
    /// `uppfyllt`, `ej uppfyllt`, `underlag saknas` or `ej tillämpligt`.
    public let status: ConditionStatus
    /// Short reasons in Swedish (the failed requirement, the missing facts, the old document).
    public let reasons: [String]
    /// Facts that are unknown and needed (paths such as `anordnare.garant.kreditvärdighet`).
    public let missingFacts: [String]
    /// Evidence to request from the provider.
    public let evidenceToRequest: [String]
    /// When the condition is not met: what that leads to (not approved, or the steps of the
    /// sanction ladder allowed and the one recommended, with its factors).
    public let consequence: ConsequenceDecision?
    /// The full explanation, when asked for.
    public let explanation: Explanation?

    /// Creates a condition decision.
    public init(number: String, title: String?, status: ConditionStatus, reasons: [String], missingFacts: [String],
                evidenceToRequest: [String], consequence: ConsequenceDecision? = nil, explanation: Explanation?) {
        self.number = number
        self.title = title
        self.status = status
        self.reasons = reasons
        self.missingFacts = missingFacts
        self.evidenceToRequest = evidenceToRequest
        self.consequence = consequence
        self.explanation = explanation
    }
}

/// Why a condition has its status: every fact read and every comparison decided, with values
/// and source lines, in evaluation order.
public struct Explanation: Sendable {
    /// One line per step, in Swedish, such as
    /// `rad 12: anordnare.kreditvärdighet = 2` or `rad 12: anordnare.kreditvärdighet >= 3 är falskt`.
    public let lines: [String]
    /// The facts read and their values.
    public let facts: [(path: String, value: String)]
    /// The lines of only the requirements and document checks that did not hold: what decided
    /// a shortfall, or what is missing (`kundval förklara --brister`).
    public let failureLines: [String]
}

/// The sanction recommended during operation: the most severe recommended for the failing
/// conditions, with the conditions that lead to it, the factors behind it and the amount that
/// goes with the step (`vid vite: vitesbelopp`). When shortfalls call for a sanction but none
/// can be recommended, ``sanction`` is `nil` and ``missingFactors`` names what is unknown (or
/// is empty when the rows leave the choice among several steps to the nämnd).
public struct SanctionRecommendation: Sendable {
    /// The step, for example `varning`; `nil` when no failing condition's step can be chosen.
    public let sanction: String?
    /// The conditions whose shortfall leads to it (to no step: those that wait for a choice).
    public let conditions: [String]
    /// The services (insatser) whose requirements are not met and lead to it: the sanction
    /// policy applies to them as to a condition whose row says `sanktion`.
    public let services: [String]
    /// The table that chose it, when one did.
    public let table: String?
    /// The table's inputs and their values.
    public let factors: [(name: String, value: String)]
    /// The amount of the step, when the sanction policy names one.
    public let amount: Computation?
    /// Inputs of tables that are unknown, for conditions whose sanction could therefore not be
    /// recommended.
    public let missingFactors: [String]
    /// The failing conditions whose consequence could not be recommended (a factor is unknown,
    /// or the row leaves the choice among several steps to the nämnd): the overall sanction may
    /// be more severe once they are decided.
    public let undecidedConditions: [String]
}

/// The value of one definition: as text for people and, typed, for machines.
public struct Computation: Sendable {
    /// The definition's name.
    public let name: String
    /// The value as text (`1 250,50 kr`, `2025-09-01`, `okänt`).
    public let value: String
    /// The value's type as the rules write it (`belopp`, `datum`, `heltal`).
    public let type: String
    /// The value for machines: an exact decimal with a point (`16500`, `12.5`), or a fraction
    /// (`1000/3`) when no decimal is exact; a date `ÅÅÅÅ-MM-DD`; `ja`/`nej`; a case's name;
    /// `nil` when unknown.
    public let exact: String?
    /// The unit of a number: `kr`, `%`, `dagar`, `månader`, `timmar`, …; `nil` for plain numbers
    /// and everything else.
    public let unit: String?
}
