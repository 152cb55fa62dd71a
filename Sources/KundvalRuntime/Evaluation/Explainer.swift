/// Explains the conditions of one explained decision (see
/// ``CompiledDocument/evaluate(_:kind:date:explain:computations:)``): evaluates again what
/// decides each condition in one context that an ``ExplanationLog`` observes, so the steps of
/// every condition go to one log, and each condition's explanation is a range of it, written as
/// lines only when read. Made and used by one evaluation on one thread.
final class Explainer {
    private let log: ExplanationLog
    private let context: EvaluationContext
    /// The plan whose conditions are explained: from the runs of their checks where they have
    /// traces (see ``AssessmentPlan/observeChecks(_:storage:date:observer:checked:held:)``).
    private let plan: AssessmentPlan

    init(plan: AssessmentPlan, storage: FactStorage, date: Day, definitionCount: Int, formatter: ValueFormatter) {
        self.plan = plan
        // About half a decision's steps in a document like öppenvård's: the log grows twice
        // instead of seven times.
        log = ExplanationLog(formatter: formatter, expectedSteps: 64)
        context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, observer: log)
    }

    /// The explanation of `entry`: the steps of every part that applies (see
    /// ``CompiledDocument/observeParts(_:observed:checked:held:)``), and apart from them those of
    /// each document check and requirement that did not hold (false, unknown or not
    /// computable): what decided a shortfall or what is still missing. With the range of the
    /// log its steps are in.
    func explain(_ entry: AssessmentPlan.Entry, _ index: Int) -> (explanation: Explanation, steps: Range<Int>) {
        // Each condition shows the steps of the definitions it calls, even those an earlier
        // condition called.
        context.forgetDefinitionValues()
        let start = log.entries.count
        var failing: [Range<Int>] = []
        var checkStart = start
        let log = log
        let checked = { checkStart = log.entries.count }
        let held = { (held: Bool) in if !held { failing.append(checkStart..<log.entries.count) } }
        if !plan.observeChecks(index, storage: context.storage, date: context.date, observer: log, checked: checked, held: held) {
            CompiledDocument.observeParts(entry, observed: context, checked: checked, held: held)
        }
        let steps = start..<log.entries.count
        return (Explanation(log: log, index: log.endExplanation(from: start, failingChecks: failing)), steps)
    }

    /// The prepared decision of a condition that is met or does not apply (its `status`), with
    /// its explanation.
    func prepared(_ entry: AssessmentPlan.Entry, _ index: Int, status: ConditionStatus) -> ConditionDecision {
        entry.prepared(for: status).with(explanation: explain(entry, index).explanation)
    }

    /// The facts read as unknown in `steps`, each once, in the order first read, as an
    /// observer that saw them holds them (with the first decision that was unknown).
    func unknownFacts(_ steps: Range<Int>) -> UnknownFactsObserver {
        let unknown = UnknownFactsObserver()
        for index in steps {
            let step = log.entries[index]
            if let element = log.elementNames[index] {
                unknown.observe(step.point, step.value, element: element)
            } else {
                unknown.observe(step.point, step.value)
            }
        }
        return unknown
    }
}
