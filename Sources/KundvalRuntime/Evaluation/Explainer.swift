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
    /// The memory of the run of the plan's program the evaluation has just made, while it is
    /// valid (inside ``CompiledDocument/decideStatuses(_:plan:services:context:explainer:)``):
    /// a condition with traces in the program itself is explained from it, with no run of its
    /// own. A walk runs loops' bodies again there, which changes only registers inside loops
    /// and the loops' frames, which nothing reads after the run.
    var memory: TruthProgram.Memory? {
        didSet { walker = nil }
    }
    /// The walker of that run, made for the first condition explained from it.
    private var walker: TraceWalker<ExplanationLog>?
    /// The failing checks of the condition being explained.
    private let failing: FailingChecks

    init(plan: AssessmentPlan, storage: FactStorage, date: Day, definitionCount: Int, formatter: ValueFormatter) {
        self.plan = plan
        // Room for the steps of the plan's traces, each walked once (a loop's body is walked
        // for each element it reaches): the log seldom grows.
        log = ExplanationLog(formatter: formatter, expectedSteps: plan.expectedSteps, expectedExplanations: plan.entries.count)
        context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, observer: log)
        failing = FailingChecks(log: log)
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
        failing.ranges.removeAll(keepingCapacity: true)
        let told: Bool
        if let memory, let traces = plan.programTraces[index] {
            let walker = walker ?? TraceWalker(
                program: plan.program, table: traces, memory: memory, facts: FactView(context.storage),
                context: LazyContext(storage: context.storage, date: context.date, definitionCount: context.definitionCount), observer: log)
            self.walker = walker
            walker.start(traces)
            told = plan.observe(index, walker: walker, checked: failing.checked, held: failing.held)
        } else {
            told = plan.observeChecks(index, storage: context.storage, date: context.date, observer: log,
                                      checked: failing.checked, held: failing.held)
        }
        if !told {
            // A walk that met an error told some steps: the value code tells them all.
            log.discard(from: start)
            failing.ranges = []
            CompiledDocument.observeParts(entry, observed: context, checked: failing.checked, held: failing.held)
        }
        let steps = start..<log.entries.count
        return (Explanation(log: log, index: log.endExplanation(from: start, failingChecks: failing.ranges)), steps)
    }

    /// The prepared decision of a condition that is met or does not apply (its `status`), with
    /// its explanation.
    func prepared(_ entry: AssessmentPlan.Entry, _ index: Int, status: ConditionStatus) -> ConditionDecision {
        entry.prepared(for: status).with(explanation: explain(entry, index).explanation)
    }

    /// The steps of the checks of one explanation that did not hold, as the log's ranges: told
    /// when each check starts (``checked()``) and whether it held (``held(_:)``). One object,
    /// not variables captured by closures, which would be boxed and checked on every access.
    private final class FailingChecks {
        let log: ExplanationLog
        @exclusivity(unchecked) var ranges: [Range<Int>] = []
        @exclusivity(unchecked) var start = 0

        init(log: ExplanationLog) { self.log = log }

        func checked() { start = log.entries.count }
        func held(_ held: Bool) { if !held { ranges.append(start..<log.entries.count) } }
    }

    /// The facts read as unknown in `steps`, each once, in the order first read, as an
    /// observer that saw them holds them (with the first decision that was unknown).
    func unknownFacts(_ steps: Range<Int>) -> UnknownFactsObserver {
        let unknown = UnknownFactsObserver()
        var names = log.elementNames(from: steps.lowerBound).makeIterator()
        var name = names.next()
        for index in steps {
            let step = log.entries[index]
            if let named = name, named.step == index {
                unknown.observe(step.point, step.value, element: named.name)
                name = names.next()
            } else {
                unknown.observe(step.point, step.value)
            }
        }
        return unknown
    }
}
