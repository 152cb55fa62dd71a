/// Walks the traces of checks (see `TraceNode.swift`, ``TraceTable``) after a run of their
/// program, telling an observer the steps the value code tells it while it evaluates them, in its
/// order, with the values the run left in the facts and registers. It computes nothing but the
/// truth of `och`, `eller`, `inte` and `om` from their operands' (to stop where the language
/// stops), and runs a loop's body again for each element it walks (the registers hold only the
/// last element's). Made per run walked (an explained evaluation walks every condition with one:
/// see ``start(_:)``) and used on one thread; generic over its observer, so that telling a step
/// is a direct call.
final class TraceWalker<Observer: EvaluationObserver> {
    let program: TruthProgram
    /// The traces walked: one condition's checks (see ``start(_:)``).
    private(set) var table: TraceTable
    let memory: TruthProgram.Memory
    let facts: FactView
    let observer: Observer
    // Used on one thread: the dynamic exclusivity checks are not needed.
    @exclusivity(unchecked) private var lazy: LazyContext
    /// The element each loop's frame is at, as its list's name and its place (the list nil
    /// when unnamed): a name is made only when a step needs it, as the value code makes it.
    @exclusivity(unchecked) private var names: [(list: FactName?, index: Int)] = []
    /// The parameters of the definitions whose bodies are being walked, innermost last: each
    /// one's value, and the name of its record's fields.
    @exclusivity(unchecked) private var frames: [[(value: Value, name: String?)]] = []
    /// The values of the definitions without parameters walked so far (see
    /// ``TraceNode/Call/memo``).
    @exclusivity(unchecked) private var computed: [String: Value] = [:]

    init(program: TruthProgram, table: TraceTable, memory: TruthProgram.Memory, facts: FactView, context: LazyContext,
         observer: Observer) {
        (self.program, self.table, self.memory, self.facts, lazy, self.observer) = (program, table, memory, facts, context, observer)
    }

    /// The assessment date.
    var date: Day { lazy.date }

    /// Starts the walks of another condition's checks over the same run, with traces `table`:
    /// an explained evaluation walks every condition with one walker. The definitions walked
    /// before are walked again, as each condition shows the steps of the definitions it calls.
    func start(_ table: TraceTable) {
        self.table = table
        // Most conditions call no definition and walk no loop: nothing to clear.
        if !names.isEmpty { names.removeAll(keepingCapacity: true) }
        if !frames.isEmpty { frames.removeAll(keepingCapacity: true) }
        if !computed.isEmpty { computed.removeAll(keepingCapacity: true) }
    }

    /// Walks check `check`: its steps told, its value returned. Nil where the run left an
    /// error: the value code throws there, and the steps from there on are its to tell (the
    /// steps told so far are to be dropped).
    func walk(check: Int) -> Value? {
        walk(table.roots[check])
    }

    /// Walks node `index` (see ``TraceTable/Builder/add(_:)`` for its operands): its steps told,
    /// its value returned (`.unknown` for a value that nothing reads: see
    /// ``TraceNode/value(_:place:)``); nil for an error.
    private func walk(_ index: Int32) -> Value? {
        let node = table.nodes[Int(index)]
        switch node.kind {
        case .fact:
            let value = facts.flat[Int(node.a)]
            tell(node.point, value)
            return value
        case .cell:
            guard Int(node.a) < memory.frames.count else { return inconsistent() }
            let value = memory.frames[Int(node.a)].value(Int(node.b))
            // Named by its element when it is missing (as ``Compiler/tracedFields`` names it).
            let name = value.isKnown ? nil : element(in: node.a)
            if let name, node.point >= 0 {
                observer.observe(table.points[Int(node.point)], value, element: name, suffix: table.texts[Int(node.c)])
            } else {
                tell(node.point, value)
            }
            return value
        case .parameter:
            return frames.last?[Int(node.a)].value ?? .unknown
        case .parameterField:
            guard let parameter = frames.last?[Int(node.a)] else { return .unknown }
            var value = Value.unknown
            if case .record(let fields) = parameter.value, Int(node.b) < fields.count { value = fields[Int(node.b)] }
            tell(node.point, value, element: value.isKnown ? nil : parameter.name.map { $0 + table.texts[Int(node.c)] })
            return value
        case .constant:
            return table.values[Int(node.a)]
        case .folded:
            for step in table.folded[Int(node.b)] { observer.observe(step.point, step.value) }
            return table.values[Int(node.a)]
        case .value:
            guard walkList(node.a) else { return nil }
            return node.b < 0 ? .unknown : value(at: node.b)
        case .call:
            // The second argument only when the first is known, unless both are read.
            let first = table.children[Int(node.a) + 1]
            guard let value = walk(first) else { return nil }
            if node.c == 1 || value.isKnown, !walkList(node.a, from: 1) { return nil }
            return decided(node)
        case .documentAge:
            guard let document = walk(node.a) else { return nil }
            if TruthProgram.issueDate(of: document, field: node.d < 0 ? nil : node.d) != nil, walk(node.b) == nil { return nil }
            return decided(node, place: node.c)
        case .not:
            guard let value = walk(node.a) else { return nil }
            guard case .boolean(let holds) = value else { return .unknown }
            return .boolean(!holds)
        case .and, .or:
            // The left operand, and unless it decides (`nej` for `och`, `ja` for `eller`), the
            // right; the other truth when both are it, else not known.
            let decisive = node.kind == .or
            guard let a = walk(node.a) else { return nil }
            if case .boolean(decisive) = a { return a }
            guard let b = walk(node.b) else { return nil }
            if case .boolean(decisive) = b { return b }
            if case .boolean(!decisive) = a, case .boolean(!decisive) = b { return b }
            return .unknown
        case .conditional:
            switch walk(node.a) {
            case nil: return nil
            case .boolean(true)?: return walk(node.b)
            case .boolean(false)?: return walk(node.c)
            default: return .unknown
            }
        case .decision:
            guard walkList(node.a) else { return nil }
            return decided(node)
        case .presence:
            guard let inner = walk(node.a) else { return nil }
            // Without a place, a fact's, a field's or a parameter's. A range is there, as the
            // value code has it: only its exact number is not known.
            if node.b >= 0 { return decided(node) }
            let isThere = if case .bounded = inner { true } else { inner.isKnown }
            let value = Value.boolean(isThere == (node.c == 1))
            tell(node.point, value)
            return value
        case .element:
            // The place only when the list is one, as ``Compiler/compileBuiltin(_:_:)`` reads it.
            guard let list = walk(node.a) else { return nil }
            var value = Value.unknown
            if case .list(let elements) = list {
                guard let place = walk(node.b) else { return nil }
                if case .number(let n) = place, n.isInteger, n.numerator >= 1, n.numerator <= Int64(elements.count) {
                    value = elements[Int(n.numerator) - 1]
                }
            }
            tell(node.point, value)
            return value
        case .fields:
            return walkFields(node)
        case .loop:
            return walkLoop(node)
        case .definition:
            return walkCall(node)
        }
    }

    /// Walks the nodes of list `list` of ``TraceTable/children`` from its `from`th on; false
    /// for an error.
    private func walkList(_ list: Int32, from: Int = 0) -> Bool {
        let count = Int(table.children[Int(list)])
        var position = from
        while position < count {
            let child = table.children[Int(list) + 1 + position]
            position += 1
            if child >= 0, walk(child) == nil { return false }
        }
        return true
    }

    /// The value at `node`'s place (its `b`, or `place`), told at its point.
    private func decided(_ node: TraceTable.Node, place: Int32? = nil) -> Value? {
        guard let value = value(at: place ?? node.b) else { return nil }
        tell(node.point, value)
        return value
    }

    /// A loop over a fact table as the value code walks it: the list, then each element's body
    /// (a quantifier's until one decides, `nej` for `alla` and `ja` for `någon` and `ingen`; a
    /// sum's until one is not a number; a largest's or smallest's after its `där`, see
    /// ``walkExtreme(_:largest:kept:)``), then a quantifier's truth. Each element is put in the
    /// loop's frame and the body's instructions run again, so that the body's registers hold that
    /// element's values.
    private func walkLoop(_ node: TraceTable.Node) -> Value? {
        guard walk(node.b) != nil else { return nil }
        let entry = table.loops[Int(node.a)]
        let loop = program.loops[Int(entry.loop)]
        let elements = program.table(of: loop, facts, memory.frames)
        var list = entry.path
        if let (outer, suffix) = entry.field { list = element(in: outer).map { .fields($0, suffix) } }
        let frame = Int(entry.frame)
        // The trace's frame is the program's (a fused loop keeps none of its own).
        guard frame < memory.frames.count, loop.frame < 0 || Int(loop.frame) == frame else { return inconsistent() }
        while names.count <= frame { names.append((nil, 0)) }
        names[frame] = (list, 0)
        var index = 0
        var kept: Value?
        while index < elements.count {
            memory.frames[frame] = TruthProgram.Frame(values: elements.values, truths: elements.truths, keys: elements.keys,
                                                      offset: index * loop.width, remaining: elements.count - 1 - index,
                                                      width: loop.width, accumulator: loop.fold.start)
            names[frame].index = index
            if loop.start >= 0 { program.execute(facts, &lazy, memory.registers, memory.frames, memory.values, loop.start + 1..<loop.end) }
            index += 1
            if case .extreme(let largest) = entry.fold {
                guard let goesOn = walkExtreme(node, largest: largest, kept: &kept) else { return nil }
                if !goesOn { index = elements.count }
                continue
            }
            guard let element = walk(node.c) else { return nil }
            switch entry.fold {
            case .quantifier(let quantifier):
                if case .boolean(let holds) = element, holds != (quantifier == .all) { index = elements.count }
            case .sum:
                guard case .number = element else { index = elements.count; continue }
            case .count, .extreme:
                continue
            }
        }
        guard let value = value(at: entry.result) else { return nil }
        if node.point >= 0 { tell(node.point, value) }
        return value
    }

    /// Fields of a computed record as ``Compiler/tracedFields`` reads them: the record's steps,
    /// then its fields (not known past one that is no record), told with the element's name
    /// when the value is missing and the element has one.
    private func walkFields(_ node: TraceTable.Node) -> Value? {
        guard var value = walk(node.a) else { return nil }
        let read = table.fieldReads[Int(node.b)]
        for field in read.fields {
            guard case .record(let fields) = value else {
                value = .unknown
                break
            }
            guard field < fields.count else { return inconsistent() }
            value = fields[field]
        }
        guard node.point >= 0 else { return value }
        // The element's name only for a value that is missing (see ``names``).
        if !value.isKnown, let name = read.name, let list = listName(read.path, name.list) {
            observer.observe(table.points[Int(node.point)], value, element: .element(list, name.index), suffix: name.suffix)
        } else {
            tell(node.point, value)
        }
        return value
    }

    /// One element of a `största` or `minsta` as ``Compiler/compileExtreme(largest:slot:_:filter:_:)``
    /// walks it: its `där` (node `d`, if one), then its value (node `c`) where the `där` holds,
    /// the value kept when it is the first or larger (smaller) than the one kept. Whether the
    /// loop goes on (not after a `där` or value not known, or a value that does not order);
    /// nil for an error.
    private func walkExtreme(_ node: TraceTable.Node, largest: Bool, kept: inout Value?) -> Bool? {
        if node.d >= 0 {
            switch walk(node.d) {
            case nil: return nil
            case .boolean(false)?: return true
            case .boolean(true)?: break
            default: return false
            }
        }
        guard let value = walk(node.c) else { return nil }
        guard let current = kept else {
            guard value.isKnown, Compiler.order(value, value) != nil else { return false }
            kept = value
            return true
        }
        guard let order = Compiler.order(value, current) else { return false }
        if largest ? order > 0 : order < 0 { kept = value }
        return true
    }

    /// A call of a definition as the value code makes it: its arguments in order, its body with
    /// the parameters bound (a definition without parameters only at its first call), then its
    /// value.
    private func walkCall(_ node: TraceTable.Node) -> Value? {
        let call = table.calls[Int(node.a)]
        var bound: [(value: Value, name: String?)] = []
        let count = Int(table.children[Int(node.b)])
        bound.reserveCapacity(count)
        for position in 0..<count {
            let argument = table.children[Int(node.b) + 1 + position]
            var value = Value.unknown
            if argument >= 0 {
                guard let walked = walk(argument) else { return nil }
                value = walked
            }
            if case .value(let name) = call.parameters[position] { bound.append((value, name)) } else { bound.append((value, nil)) }
        }
        let value: Value
        if let memo = call.memo, let known = computed[memo] {
            value = known
        } else {
            frames.append(bound)
            let walked = call.restoresFrames ? walkRestoringFrames(node.c) : walk(node.c)
            frames.removeLast()
            guard let walked else { return nil }
            value = walked
            if let memo = call.memo { computed[memo] = value }
        }
        tell(node.point, value)
        return value
    }

    /// Walks node `index`, the body of a definition lowered once outside every loop and called
    /// inside one, and gives every loop frame and element name back afterwards: the body's
    /// loops, and the program's runs of their bodies, use the frames from the first on, which
    /// the loops around the call use too.
    private func walkRestoringFrames(_ index: Int32) -> Value? {
        let saved = (0..<memory.frames.count).map { memory.frames[$0] }
        let savedNames = names
        defer {
            for (frame, value) in saved.enumerated() { memory.frames[frame] = value }
            names = savedNames
        }
        return walk(index)
    }

    /// The name of a list (see ``TraceNode/ListName``): `path`, made once, for a fact path's;
    /// for a list in a field of a loop's element, that element's name and the field.
    private func listName(_ path: FactName?, _ list: TraceNode.ListName) -> FactName? {
        switch list {
        case .path: path
        case .field(let frame, let suffix): element(in: frame).map { .fields($0, suffix) }
        case .none: nil
        }
    }

    /// The name of the element the loop in frame `frame` is at; nil for an unnamed list's.
    private func element(in frame: Int32) -> FactName? {
        guard Int(frame) < names.count, let list = names[Int(frame)].list else { return nil }
        return .element(list, names[Int(frame)].index)
    }

    /// A trace that does not fit its program: a builder's error, which a debug build stops at;
    /// a release build leaves the condition to the value code rather than read a wrong frame.
    private func inconsistent() -> Value? {
        assertionFailure("a trace that does not fit its program")
        return nil
    }

    /// Tells the observer the step at point `point` (none for -1).
    @inline(__always)
    private func tell(_ point: Int32, _ value: Value, element: String? = nil) {
        guard point >= 0 else { return }
        if let element {
            observer.observe(table.points[Int(point)], value, element: element)
        } else {
            observer.observe(table.points[Int(point)], value)
        }
    }

    /// A value register's value as the value code's; nil for an error.
    private func value(of scalar: ScalarValue) -> Value? {
        scalar.kind == .error ? nil : program.value(of: scalar, facts, &lazy)
    }

    /// The truth or value the run left at place `index` of ``TraceTable/places``, as the value
    /// code's value; nil for an error.
    private func value(at index: Int32) -> Value? {
        let truth: Truth
        switch table.places[Int(index)] {
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
