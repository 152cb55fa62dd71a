import KundvalChecker

// Where a condition's computation failed. A failure named only the condition and the error
// ("villkor 1 kunde inte beräknas: datumet hamnade utanför åren 1–9999"), and a case officer
// with a provider's facts, or an author with a test, had to find the fact that made it (found
// by an adversarial session). Off the hot path: only a failed evaluation is located, by running
// the failing condition's value code again with an observer that keeps the last fact read.

/// Keeps the last fact read (see ``TracePoint/Kind/fact(_:)``).
final class LastFactObserver: EvaluationObserver {
    private(set) var last: TraceEntry?

    func observe(_ point: TracePoint, _ value: Value) {
        if case .fact = point.kind { last = TraceEntry(point: point, value: value) }
    }
}

extension CompiledDocument {
    /// `failure` with the last fact the failing condition's or service's rules read before
    /// the error, when it is a computation of one and a fact was read; else as it is.
    func located(_ failure: EvaluationFailure, plan: AssessmentPlan, storage: FactStorage, date: Day) -> EvaluationFailure {
        var checks: [ObservedCheck]
        switch failure {
        case .computation(_, let number):
            guard let entry = plan.entries.first(where: { $0.condition.numberText == number }) else { return failure }
            checks = entry.checks
        case .serviceComputation(_, let name):
            guard let service = services.first(where: { $0.name == name }) else { return failure }
            checks = service.requirements.map { .requirement($0.code.run) }
            if let applicability = service.applicability { checks.insert(.applicability(applicability.run, partEnd: checks.count + 1), at: 0) }
        default:
            return failure
        }
        let observer = LastFactObserver()
        let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, observer: observer)
        var next = 0
        while next < checks.count {
            let check = checks[next]
            next += 1
            context.base = 0
            do throws(EvaluationError) {
                switch check {
                case .applicability(let code, let partEnd):
                    // A part that does not apply is passed over, as the decision passes it.
                    if case .boolean(false) = try code(context) { next = partEnd }
                case .document(let code, _, _, _), .requirement(let code):
                    _ = try code(context)
                }
            } catch {
                guard let last = observer.last, !last.point.valueLinePrefix.isEmpty else { return failure }
                let value = formatter.describe(last.value, as: last.point.type)
                return .located(failure, lastRead: last.point.valueLinePrefix + value)
            }
        }
        return failure
    }
}
