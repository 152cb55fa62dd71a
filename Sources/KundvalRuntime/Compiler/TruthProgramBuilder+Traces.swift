// The traces of a checks' program (see `TraceNode.swift`): while the builder lowers a check it
// notes where each comparison's, presence test's and document age's truth is (a register, or an
// operand read where it is); the check's trace is then made from its expression, reading those
// places. Facts are read from their slots, `och`, `eller`, `inte` and `om` follow their operands,
// and a constant the rules compute tells the steps the value code tells for it.

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// Notes that the truth of `expression` (a comparison, a presence test, a document's age)
    /// is at `place` after a run. An expression lowered twice to different places is left
    /// without one: which of them a walk would read is not certain.
    mutating func note(_ place: TraceNode.Place, for expression: TypedExpression, _ compiler: Compiler) {
        guard let key = TraceKey(expression, file: compiler.file) else { return }
        if let existing = tracePlaces[key] {
            if case .register(let a) = existing, case .register(let b) = place, a == b { return }
            ambiguousPlaces.insert(key)
        }
        tracePlaces[key] = place
    }

    /// The place noted for `expression`, if one is certain.
    func place(of expression: TypedExpression, _ compiler: Compiler) -> TraceNode.Place? {
        guard let key = TraceKey(expression, file: compiler.file), !ambiguousPlaces.contains(key) else { return nil }
        return tracePlaces[key]
    }

    /// The trace of `expression`, lowered by this builder with `compiler`; nil when it holds
    /// something a trace does not cover yet (a loop, a call, a local, a field of a computed
    /// record), or a truth whose place was not noted.
    func traceNode(of expression: TypedExpression, _ compiler: Compiler) -> TraceNode? {
        if Compiler.isFoldable(expression) {
            if Compiler.isLiteral(expression) { return .constant(compiler.constantValue(expression) ?? .unknown) }
            // As the value code folds it: its steps recorded once, told again at each run.
            let steps = StepRecorder()
            let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0, observer: steps)
            guard let value = try? compiler.compile(expression)(scratch) else { return nil }
            return .folded(steps.steps, value)
        }
        func node(_ expression: TypedExpression) -> TraceNode? { traceNode(of: expression, compiler) }
        switch expression.kind {
        case .fact, .field:
            guard let slot = compiler.flatSlot(expression), let path = Self.factPath(expression) else { return nil }
            return .fact(compiler.tracePoint(expression, kind: .fact(path)), slot: slot)
        case .unary(.not, let operand):
            return node(operand).map(TraceNode.not)
        case .unary(.negate, let operand):
            return node(operand).map { .parts([$0]) }
        case .binary(.and, let left, let right):
            guard let l = node(left), let r = node(right) else { return nil }
            return .and(l, r)
        case .binary(.or, let left, let right):
            guard let l = node(left), let r = node(right) else { return nil }
            return .or(l, r)
        case .binary(let op, let left, let right) where op.isComparison:
            guard let l = node(left), let r = node(right), let truth = place(of: expression, compiler) else { return nil }
            return .decision(compiler.tracePoint(expression, kind: .decision), [l, r], truth: truth)
        case .binary(_, let left, let right):
            guard let l = node(left), let r = node(right) else { return nil }
            return .parts([l, r])
        case .presence(let operand, let present):
            guard let inner = node(operand) else { return nil }
            let truth = place(of: expression, compiler)
            // Without a place, only a fact's presence is read from the fact itself.
            if truth == nil, case .fact = inner {} else if truth == nil { return nil }
            return .presence(compiler.tracePoint(expression, kind: .decision, testsPresence: true), inner,
                             present: present, truth: truth)
        case .conditional(let condition, let then, let otherwise):
            guard let c = node(condition), let a = node(then), let b = node(otherwise) else { return nil }
            return .conditional(c, then: a, otherwise: b)
        case .documentAge(let document, _, _, nil):
            // With a date of its own (`vid …`), the value code reads that date only when the
            // document has one: not covered yet.
            guard let d = node(document), let truth = place(of: expression, compiler) else { return nil }
            return .decision(compiler.tracePoint(expression, kind: .decision), [d], truth: truth)
        case .assessmentDate:
            return .parts([])
        case .unknown:
            return .constant(.unknown)
        default:
            return nil
        }
    }

    /// The path of a fact as a step names it (`anordnare.garant.kreditvärdighet`); nil for a
    /// path that does not start at a root fact.
    static func factPath(_ expression: TypedExpression) -> String? {
        var names: [String] = []
        var node = expression
        while case .field(let base, _, let name) = node.kind {
            names.append(name)
            node = base
        }
        guard case .fact(_, let name) = node.kind else { return nil }
        names.append(name)
        return names.reversed().joined(separator: ".")
    }
}
