/// Walks the traces of checks (see `TraceNode.swift`) after a run of their program: the steps
/// the value code tells an observer while it evaluates them, in its order, with the values the
/// run left in the facts and registers. It computes nothing but the truth of `och`, `eller`,
/// `inte` and `om` from their operands' (to stop where the language stops), and runs a loop's
/// body again for each element it walks (the registers hold only the last element's). Made per
/// walk.
struct TraceWalker {
    /// A step told, with the name of the list element whose field it read, when it is one and
    /// not known (see ``EvaluationObserver/observe(_:_:element:)``).
    struct Step {
        let entry: TraceEntry
        let element: String?
    }

    let program: TruthProgram
    let memory: TruthProgram.Memory
    let facts: FactView
    private var lazy: LazyContext
    /// The steps told so far, in order.
    private(set) var steps: [Step] = []
    /// The name of the element each loop's frame is at (nil for an unnamed list's).
    private var names: [FactName?] = []
    /// The parameters of the definitions whose bodies are being walked, innermost last: each
    /// one's value, and the name of its record's fields.
    private var frames: [[(value: Value, name: String?)]] = []
    /// The values of the definitions without parameters walked so far (see
    /// ``TraceNode/Call/memo``).
    private var computed: [String: Value] = [:]

    init(program: TruthProgram, memory: TruthProgram.Memory, facts: FactView, context: LazyContext) {
        (self.program, self.memory, self.facts, lazy) = (program, memory, facts, context)
    }

    /// Walks `node`: its steps appended to ``steps``, its value returned (`.unknown` for a value
    /// that nothing reads: see ``TraceNode/parts(_:)``). Nil where the run left an error: the
    /// value code throws there, and the steps from there on are its to tell.
    mutating func walk(_ node: TraceNode) -> Value? {
        switch node {
        case .fact(let point, let slot):
            let value = facts.flat[slot]
            tell(point, value)
            return value
        case .cell(let point, let cell, let suffix):
            let value = memory.frames[Int(cell.frame)].value(Int(cell.field))
            guard let point else { return value }
            // Named by its element when it is missing (as ``Compiler/tracedFields`` names it).
            let name = value.isKnown || Int(cell.frame) >= names.count ? nil : names[Int(cell.frame)]
            steps.append(Step(entry: TraceEntry(point: point, value: value), element: name.map { $0.text + suffix }))
            return value
        case .loop(let loop):
            return walk(loop)
        case .definition(let call):
            return walk(call)
        case .parameter(let index):
            return frames.last?[index].value ?? .unknown
        case .parameterField(let point, let index, let field, let suffix):
            guard let parameter = frames.last?[index] else { return .unknown }
            var value = Value.unknown
            if case .record(let fields) = parameter.value, field < fields.count { value = fields[field] }
            let name = value.isKnown ? nil : parameter.name.map { $0 + suffix }
            steps.append(Step(entry: TraceEntry(point: point, value: value), element: name))
            return value
        case .constant(let value):
            return value
        case .folded(let recorded, let value):
            steps += recorded.map { Step(entry: $0, element: nil) }
            return value
        case .value(let parts, let place):
            for part in parts where walk(part) == nil { return nil }
            guard let place else { return .unknown }
            return value(at: place)
        case .call(let point, let arguments, let readsBoth, let place):
            guard let first = walk(arguments[0]) else { return nil }
            if readsBoth || first.isKnown {
                for argument in arguments.dropFirst() where walk(argument) == nil { return nil }
            }
            guard let value = value(at: place) else { return nil }
            tell(point, value)
            return value
        case .documentAge(let point, let document, let issuedField, let at, let truth):
            guard let value = walk(document) else { return nil }
            if TruthProgram.issueDate(of: value, field: issuedField) != nil, walk(at) == nil { return nil }
            guard let holds = self.value(at: truth) else { return nil }
            tell(point, holds)
            return holds
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
            tell(point, value)
            return value
        case .presence(let point, let operand, let present, let place):
            guard let inner = walk(operand) else { return nil }
            let value: Value
            if let place {
                guard let read = self.value(at: place) else { return nil }
                value = read
            } else {
                // A fact or a field, which is never a range.
                value = .boolean(inner.isKnown == present)
            }
            tell(point, value)
            return value
        }
    }

    /// A loop over a fact table as the value code walks it: the list, then each element's body
    /// (a quantifier's until one decides, `nej` for `alla` and `ja` for `någon` and `ingen`; a
    /// sum's until one is not a number), then a quantifier's truth. Each element is put in the
    /// loop's frame and the body's instructions run again, so that the body's registers hold that
    /// element's values.
    private mutating func walk(_ node: TraceNode.Loop) -> Value? {
        guard walk(node.domain) != nil else { return nil }
        let loop = program.loops[Int(node.loop)]
        let table = program.table(of: loop, facts, memory.frames)
        let list: FactName? = switch node.list {
        case .path(let path): .path(path)
        case .field(let frame, let suffix): Int(frame) < names.count ? names[Int(frame)].map { .fields($0, suffix) } : nil
        case .none: nil
        }
        let frame = Int(node.frame)
        while names.count <= frame { names.append(nil) }
        var index = 0
        while index < table.count {
            memory.frames[frame] = TruthProgram.Frame(values: table.values, truths: table.truths, keys: table.keys,
                                                      offset: index * loop.width, remaining: table.count - 1 - index,
                                                      width: loop.width, accumulator: loop.fold.start)
            names[frame] = list.map { .element($0, index) }
            if loop.start >= 0 { program.execute(facts, &lazy, memory.registers, memory.frames, memory.values, loop.start + 1..<loop.end) }
            guard let element = walk(node.body) else { return nil }
            switch node.fold {
            case .quantifier(let quantifier):
                if case .boolean(let holds) = element, holds != (quantifier == .all) { index = table.count }
            case .sum:
                guard case .number = element else { index = table.count; continue }
            case .count:
                break
            }
            index += 1
        }
        guard let value = value(at: node.result) else { return nil }
        if let point = node.point { tell(point, value) }
        return value
    }

    /// A call of a definition as the value code makes it: its arguments in order, its body
    /// with the parameters bound (a definition without parameters only at its first call), then
    /// its value.
    private mutating func walk(_ call: TraceNode.Call) -> Value? {
        var bound: [(value: Value, name: String?)] = []
        for (argument, parameter) in zip(call.arguments, call.parameters) {
            var value = Value.unknown
            if let argument {
                guard let walked = walk(argument) else { return nil }
                value = walked
            }
            guard case .value(let name) = parameter else {
                bound.append((value, nil))
                continue
            }
            bound.append((value, name))
        }
        let value: Value
        if let memo = call.memo, let known = computed[memo] {
            value = known
        } else {
            frames.append(bound)
            let walked = walk(call.body)
            frames.removeLast()
            guard let walked else { return nil }
            value = walked
            if let memo = call.memo { computed[memo] = value }
        }
        tell(call.point, value)
        return value
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

    private mutating func tell(_ point: TracePoint, _ value: Value) {
        steps.append(Step(entry: TraceEntry(point: point, value: value), element: nil))
    }

    /// A value register's value as the value code's; nil for an error.
    private mutating func value(of scalar: ScalarValue) -> Value? {
        scalar.kind == .error ? nil : program.value(of: scalar, facts, &lazy)
    }

    /// The truth or value the run left at `place`, as the value code's value; nil for an error.
    private mutating func value(at place: TraceNode.Place) -> Value? {
        let truth: Truth
        switch place {
        case .register(let register): truth = memory.registers[truth: register]
        case .operand(let operand): truth = program.read(operand, facts, memory.frames, memory.values)
        case .value(let operand):
            return value(of: program.scalar(operand, facts, memory.frames, memory.values))
        case .arithmetic(let rule, let a, let b):
            let (x, y) = (program.scalar(a, facts, memory.frames, memory.values), program.scalar(b, facts, memory.frames, memory.values))
            return value(of: TruthProgram.arithmetic(rule, x, y))
        }
        switch truth {
        case .yes: return .boolean(true)
        case .no: return .boolean(false)
        case .unknown: return .unknown
        default: return nil
        }
    }
}
