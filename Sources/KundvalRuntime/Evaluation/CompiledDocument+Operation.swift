// What a decision during operation adds to the statuses: the sanction recommended for the failing
// conditions, and the grounds for de-authorization that concern the provider.

import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// The most severe step recommended for the failing conditions, the conditions that lead to
    /// it, and the amount the policy ties to it; `nil` when no failing condition has a
    /// recommendation (their factors are unknown, or their rows leave the choice open).
    ///
    /// A failing condition's consequence comes from its decision when evaluation made one
    /// (`decided`), else from the parts the program found not met (`shortfalls`: no reasons are
    /// made for it here; they are made when the decision's conditions are read). Any other is
    /// decided here and joins `decided` (in the order of the conditions), so that reading the
    /// decision's conditions does not decide it again.
    func recommendSanction(_ plan: AssessmentPlan, statuses: [ConditionStatus],
                           decided: inout [(index: Int, decision: ConditionDecision)], shortfalls: [AssessmentPlan.Shortfall],
                           serviceStatuses: [ConditionStatus],
                           context: EvaluationContext) throws(EvaluationFailure) -> SanctionRecommendation? {
        var tally = SanctionTally()
        // A service's requirements not met: the policy's choice, as for a row that says `sanktion`.
        for (index, status) in serviceStatuses.enumerated() where status == .notMet {
            if let consequence = plan.sanctions.consequence(of: plan.sanctions.policy, context: context) {
                tally.add(consequence, of: services[index].name, isService: true)
            }
        }
        // `decided` and `shortfalls` are in the order of the conditions: one pass over each
        // finds what evaluation made.
        assert(zip(decided, decided.dropFirst()).allSatisfy { $0.index < $1.index }, "decided conditions out of order")
        assert(zip(shortfalls, shortfalls.dropFirst()).allSatisfy { $0.index < $1.index }, "shortfalls out of order")
        var (made, read) = (0, 0)
        var added: [(index: Int, decision: ConditionDecision)] = []
        for index in statuses.indices where statuses[index] == .notMet {
            let entry = plan.entries[index]
            while made < decided.count, decided[made].index < index { made += 1 }
            while read < shortfalls.count, shortfalls[read].index < index { read += 1 }
            let consequence: ConsequenceDecision?
            if made < decided.count, decided[made].index == index {
                consequence = decided[made].decision.consequence
            } else if read < shortfalls.count, shortfalls[read].index == index {
                consequence = plan.consequence(of: index, failingParts: shortfalls[read].failingParts, context: context)
            } else {
                let decision: ConditionDecision
                do throws(EvaluationError) {
                    decision = try plan.decision(index, context: context)
                } catch {
                    throw .computation(error, condition: entry.condition.numberText)
                }
                added.append((index, decision))
                consequence = decision.consequence
            }
            if let consequence { tally.add(consequence, of: entry.condition.numberText, isService: false) }
        }
        if !added.isEmpty { decided = Self.merged(decided, added) }
        // A sanction factor that cannot be computed fails the evaluation, as a condition would.
        if let failure = tally.failure { throw .definition(failure.error, name: failure.name) }
        guard let top = tally.top else {
            // Shortfalls that call for a sanction none can be chosen for: say which, and why.
            guard let first = tally.firstUndecided else { return nil }
            return SanctionRecommendation(sanction: nil, conditions: tally.undecidedConditions, services: tally.undecidedServices,
                                          table: first.table, factors: first.factors, amount: nil,
                                          missingFactors: tally.missingFactors, undecidedConditions: tally.undecidedConditions)
        }
        var amount: Computation?
        if let made = plan.sanctions.amounts[top] {
            amount = try made.computation(formatter: formatter, context: context)
        }
        return SanctionRecommendation(sanction: plan.sanctions.step(ofRank: top), conditions: tally.leadingConditions,
                                      services: tally.leadingServices, table: tally.firstLeading?.table,
                                      factors: tally.firstLeading?.factors ?? [], amount: amount,
                                      missingFactors: tally.missingFactors, undecidedConditions: tally.undecidedConditions)
    }

    /// The grounds for de-authorization that concern the provider (`gäller när` is `ja` or
    /// absent), with their dates; a ground that may concern the provider but cannot be decided
    /// yet (its `gäller när` or date is unknown) is listed without a date, never left out. As
    /// the program `computed` them when it did (see ``AssessmentPlan/groundResults``), else
    /// by the value code.
    func deauthorizationGrounds(computed: [(applies: Truth, from: Day?)]?,
                                context: inout LazyContext) throws(EvaluationFailure) -> [DeauthorizationDecision] {
        guard let computed else { return try deauthorizationGrounds(context: context.context) }
        var result: [DeauthorizationDecision] = []
        for (ground, (applies, from)) in zip(deauthorizations, computed) where applies != .no {
            let date = applies == .yes ? from : nil
            result.append(DeauthorizationDecision(ground: ground.title, date: date, assessmentDate: context.date,
                                                  missingFacts: date == nil ? missingFacts(of: ground, storage: context.storage, date: context.date) : []))
        }
        return result
    }

    /// The facts that `gäller när` and `från` of a ground that cannot be decided yet read as
    /// unknown, each once: evaluated again under an observer (only for such a ground).
    func missingFacts(of ground: CompiledDeauthorization, storage: FactStorage, date: Day) -> [String] {
        UnknownFactsObserver.paths(storage: storage, date: date, definitionCount: definitionCount) { observed in
            _ = try? ground.applicability?(observed)
            observed.base = 0
            _ = try? ground.from(observed)
        }
    }

    /// The same by the value code.
    func deauthorizationGrounds(context: EvaluationContext) throws(EvaluationFailure) -> [DeauthorizationDecision] {
        var result: [DeauthorizationDecision] = []
        for ground in deauthorizations {
            do throws(EvaluationError) {
                context.base = 0
                var applies = true
                if let applicability = ground.applicability {
                    switch try applicability(context) {
                    case .boolean(true): break
                    case .boolean(false): continue
                    default: applies = false
                    }
                }
                context.base = 0
                let from = try ground.from(context)
                guard applies, case .date(let day) = from else {
                    result.append(DeauthorizationDecision(ground: ground.title, date: nil, assessmentDate: context.date,
                                                          missingFacts: missingFacts(of: ground, storage: context.storage, date: context.date)))
                    continue
                }
                result.append(DeauthorizationDecision(ground: ground.title, date: day, assessmentDate: context.date))
            } catch {
                throw .deauthorization(error, ground: ground.title)
            }
        }
        return result
    }
}

/// The consequences of one evaluation's shortfalls, weighed one at a time in the order of the
/// services and then the conditions, keeping only what the recommendation tells: the most
/// severe step recommended where the row allows only steps (not an application's words), the
/// shortfalls that lead to it, and those that call for a sanction none can be chosen for yet,
/// with the factors they wait for. (Weighed as they come, so that no list of every shortfall's
/// consequence is made and copied: a follow-up with ten shortfalls made a dozen.)
struct SanctionTally {
    /// The rank of the most severe step recommended so far.
    private(set) var top: Int?
    /// The first shortfall that leads to it, and the condition numbers and service names that do.
    private(set) var firstLeading: ConsequenceDecision?
    private(set) var leadingConditions: [String] = []
    private(set) var leadingServices: [String] = []
    /// The first shortfall with no recommendation whose row names a consequence, those shortfalls,
    /// and the factors they wait for, each once.
    private(set) var firstUndecided: ConsequenceDecision?
    private(set) var undecidedConditions: [String] = []
    private(set) var undecidedServices: [String] = []
    private(set) var missingFactors: [String] = []
    /// The first input or table that could not be computed.
    private(set) var failure: (name: String, error: EvaluationError)?

    /// Weighs the consequence of condition `number`'s shortfall, or of service `number`'s.
    mutating func add(_ consequence: ConsequenceDecision, of number: String, isService: Bool) {
        if failure == nil, let failed = consequence.failure { failure = failed }
        if consequence.recommended == nil, !consequence.allowed.isEmpty {
            if firstUndecided == nil { firstUndecided = consequence }
            if isService { undecidedServices.append(number) } else { undecidedConditions.append(number) }
            for factor in consequence.missingFactors where !missingFactors.contains(factor) { missingFactors.append(factor) }
            // A condition waiting for one part leads to at least what its decided parts do, as
            // conditions decided beside one that waits do: more shortfalls never less.
            for part in consequence.decidedParts { add(part, of: number, isService: isService) }
        }
        guard let rank = consequence.recommended?.step?.rank, consequence.allowed.allSatisfy({ $0.step != nil }) else { return }
        if let top, rank < top { return }
        if rank != top {
            (top, firstLeading) = (rank, consequence)
            leadingConditions.removeAll(keepingCapacity: true)
            leadingServices.removeAll(keepingCapacity: true)
        }
        if isService { leadingServices.append(number) } else { leadingConditions.append(number) }
    }
}
