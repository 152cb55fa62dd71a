// What a decision during operation adds to the statuses: the sanction recommended for the failing
// conditions, and the grounds for de-authorization that concern the provider.

import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// The most severe step recommended for the failing conditions, the conditions that lead to
    /// it, and the amount the policy ties to it; `nil` when no failing condition has a
    /// recommendation (their factors are unknown, or their rows leave the choice open). The
    /// failing conditions it decides join `decided` (in the order of the conditions), so that
    /// reading the decision's conditions does not decide them again.
    func recommendSanction(_ plan: AssessmentPlan, statuses: [ConditionStatus],
                           decided: inout [(index: Int, decision: ConditionDecision)], serviceStatuses: [ConditionStatus],
                           context: EvaluationContext) throws(EvaluationFailure) -> SanctionRecommendation? {
        var consequences: [(number: String, consequence: ConsequenceDecision)] = []
        // A service's requirements not met: the policy's choice, as for a row that says `sanktion`.
        for (index, status) in serviceStatuses.enumerated() where status == .notMet {
            if let consequence = plan.sanctions.consequence(of: plan.sanctions.policy, context: context) {
                consequences.append(("insats " + services[index].name, consequence))
            }
        }
        // `decided` is in the order of the conditions: one pass over it finds the decisions made.
        assert(zip(decided, decided.dropFirst()).allSatisfy { $0.index < $1.index }, "decided conditions out of order")
        var made = 0
        var added: [(index: Int, decision: ConditionDecision)] = []
        for index in statuses.indices where statuses[index] == .notMet {
            let entry = plan.entries[index]
            while made < decided.count, decided[made].index < index { made += 1 }
            let decision: ConditionDecision
            if made < decided.count, decided[made].index == index {
                decision = decided[made].decision
            } else {
                do throws(EvaluationError) {
                    decision = try plan.decision(index, context: context)
                } catch {
                    throw .computation(error, condition: entry.condition.numberText)
                }
                added.append((index, decision))
            }
            if let consequence = decision.consequence { consequences.append((decision.number, consequence)) }
        }
        if !added.isEmpty { decided = Self.merged(decided, added) }
        // A sanction factor that cannot be computed fails the evaluation, as a condition would.
        if let failure = consequences.lazy.compactMap(\.consequence.failure).first {
            throw .definition(failure.error, name: failure.name)
        }
        let ladder = plan.sanctions
        // Recommendations of a step, where the row allows only steps (not an application's words).
        let ranked = consequences.compactMap { item in item.consequence.recommended?.step.map { (item, $0.rank) } }
            .filter { $0.0.consequence.allowed.allSatisfy { $0.step != nil } }
        let undecided = consequences.filter { $0.consequence.recommended == nil && !$0.consequence.allowed.isEmpty }
        let missing = Self.unique(undecided.flatMap(\.consequence.missingFactors))
        let prefix = "insats "
        guard let top = ranked.map(\.1).max() else {
            // Shortfalls that call for a sanction none can be chosen for: say which, and why.
            guard !undecided.isEmpty else { return nil }
            let numbers = undecided.map(\.number)
            return SanctionRecommendation(sanction: nil, conditions: numbers.filter { !$0.hasPrefix(prefix) },
                                          services: numbers.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) },
                                          table: undecided.first?.consequence.table, factors: undecided.first?.consequence.factors ?? [],
                                          amount: nil, missingFactors: missing,
                                          undecidedConditions: numbers.filter { !$0.hasPrefix(prefix) })
        }
        let leading = ranked.filter { $0.1 == top }.map(\.0)
        var amount: Computation?
        if let made = ladder.amounts[top] {
            amount = try made.computation(formatter: formatter, context: context)
        }
        return SanctionRecommendation(sanction: ladder.step(ofRank: top),
                                      conditions: leading.map(\.number).filter { !$0.hasPrefix(prefix) },
                                      services: leading.map(\.number).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) },
                                      table: leading.first?.consequence.table, factors: leading.first?.consequence.factors ?? [],
                                      amount: amount, missingFactors: missing,
                                      undecidedConditions: undecided.map(\.number).filter { !$0.hasPrefix(prefix) })
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
            result.append(DeauthorizationDecision(ground: ground.title, date: applies == .yes ? from : nil, assessmentDate: context.date))
        }
        return result
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
                    result.append(DeauthorizationDecision(ground: ground.title, date: nil, assessmentDate: context.date))
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
