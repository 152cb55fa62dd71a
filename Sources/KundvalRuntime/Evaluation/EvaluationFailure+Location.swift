import KundvalChecker

// Where a condition's computation failed. A failure named only the condition and the error
// ("villkor 1 kunde inte beräknas: datumet hamnade utanför åren 1–9999"), and a case officer
// with a provider's facts, or an author with a test, had to find the fact that made it (found
// by an adversarial session). Off the hot path: only a failed evaluation is located, by running
// the failing condition's value code again with an observer that keeps the facts each check
// reads, until one fails: the facts that check read are named (the last fact read alone named one
// an earlier check had read, or one read after the fact that made the error; found by review).

/// Keeps the facts read (see ``TracePoint/Kind/fact(_:)``), each place once, at most
/// ``maximum``.
final class FactsReadObserver: EvaluationObserver {
    private(set) var read: [TraceEntry] = []
    static let maximum = 4

    func observe(_ point: TracePoint, _ value: Value) {
        guard case .fact = point.kind, read.count < Self.maximum, !read.contains(where: { $0.point === point }) else { return }
        read.append(TraceEntry(point: point, value: value))
    }

    /// Forgets what was read, for the next check.
    func forget() { read = [] }
}

extension CompiledDocument {
    /// `failure` with the facts the failing check (a requirement, a document, a `gäller när`) of
    /// the condition or service read before the error, when it is a computation of one and that
    /// check read a fact; else as it is.
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
        let observer = FactsReadObserver()
        let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, observer: observer)
        var next = 0
        while next < checks.count {
            let check = checks[next]
            next += 1
            context.base = 0
            observer.forget()
            do throws(EvaluationError) {
                switch check {
                case .applicability(let code, let partEnd):
                    // A part that does not apply is passed over, as the decision passes it.
                    if case .boolean(false) = try code(context) { next = partEnd }
                case .document(let code, _, _, _), .requirement(let code):
                    _ = try code(context)
                }
            } catch {
                let lines = observer.read.filter { !$0.point.valueLinePrefix.isEmpty }.map { step in
                    step.point.valueLinePrefix + Self.shown(formatter.describe(step.value, as: step.point.type))
                }
                return lines.isEmpty ? failure : .located(failure, read: lines.joined(separator: ", "))
            }
        }
        return failure
    }

    /// A value of the provider's in one line of a message: control characters shown as `�`
    /// and a long text shortened (a text fact with line breaks and terminal escapes made a
    /// message of its own lines; found by review).
    static func shown(_ text: String) -> String {
        let plain = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
        return plain.count > 60 ? String(plain.prefix(59)) + "…" : plain
    }
}
