/// Walks the traces of checks (see `TraceNode.swift`) after a run of their program: the steps
/// the value code tells an observer while it evaluates them, in its order, with the values the
/// run left in the facts and registers. Computes nothing but the truth of `och`, `eller`, `inte`
/// and `om` from their operands' (to stop where the language stops). Made per walk.
struct TraceWalker {
    let program: TruthProgram
    let memory: TruthProgram.Memory
    let facts: FactView
    /// The steps told so far, in order.
    private(set) var steps: [TraceEntry] = []

    init(program: TruthProgram, memory: TruthProgram.Memory, facts: FactView) {
        (self.program, self.memory, self.facts) = (program, memory, facts)
    }

    /// Walks `node`: its steps appended to ``steps``, its value returned (`.unknown` for a value
    /// that nothing reads: see ``TraceNode/parts(_:)``). Nil where the run left an error: the
    /// value code throws there, and the steps from there on are its to tell.
    mutating func walk(_ node: TraceNode) -> Value? {
        switch node {
        case .fact(let point, let slot):
            let value = facts.flat[slot]
            steps.append(TraceEntry(point: point, value: value))
            return value
        case .constant(let value):
            return value
        case .folded(let recorded, let value):
            steps += recorded
            return value
        case .parts(let parts):
            for part in parts where walk(part) == nil { return nil }
            return .unknown
        case .not(let operand):
            guard let value = walk(operand) else { return nil }
            guard case .boolean(let holds) = value else { return .unknown }
            return .boolean(!holds)
        case .and(let left, let right):
            return connective(left, right, decisive: false)
        case .or(let left, let right):
            return connective(left, right, decisive: true)
        case .conditional(let condition, let then, let otherwise):
            switch walk(condition) {
            case nil: return nil
            case .boolean(true)?: return walk(then)
            case .boolean(false)?: return walk(otherwise)
            default: return .unknown
            }
        case .decision(let point, let parts, let place):
            for part in parts where walk(part) == nil { return nil }
            guard let value = value(at: place) else { return nil }
            steps.append(TraceEntry(point: point, value: value))
            return value
        case .presence(let point, let operand, let present, let place):
            guard let inner = walk(operand) else { return nil }
            let value: Value
            if let place {
                guard let read = self.value(at: place) else { return nil }
                value = read
            } else {
                // A fact, which is never a range.
                value = .boolean(inner.isKnown == present)
            }
            steps.append(TraceEntry(point: point, value: value))
            return value
        }
    }

    /// `och` (`decisive` `nej`) or `eller` (`ja`) as the value code evaluates them: the left
    /// operand, and unless it decides, the right; `ja` (`nej`) when both are, else not known.
    private mutating func connective(_ left: TraceNode, _ right: TraceNode, decisive: Bool) -> Value? {
        guard let a = walk(left) else { return nil }
        if case .boolean(decisive) = a { return a }
        guard let b = walk(right) else { return nil }
        if case .boolean(decisive) = b { return b }
        if case .boolean(!decisive) = a, case .boolean(!decisive) = b { return b }
        return .unknown
    }

    /// The truth the run left at `place`, as the value code's value; nil for an error.
    private func value(at place: TraceNode.Place) -> Value? {
        let truth: Truth = switch place {
        case .register(let register): memory.registers[truth: register]
        case .operand(let operand): program.read(operand, facts, memory.frames, memory.values)
        }
        switch truth {
        case .yes: return .boolean(true)
        case .no: return .boolean(false)
        case .unknown: return .unknown
        default: return nil
        }
    }
}
