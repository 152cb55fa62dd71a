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
    mutating func note(_ place: TraceNode.Place, for expression: TypedExpression, _ compiler: Compiler, value: Bool = false) {
        guard let key = TraceKey(expression, file: compiler.partFile, value: value, instance: traceInstance) else { return }
        if let existing = tracePlaces[key] {
            if case .register(let a) = existing, case .register(let b) = place, a == b { return }
            ambiguousPlaces.insert(key)
        }
        tracePlaces[key] = place
    }

    /// Notes that the truths noted in `register` are now read at `place` (an instruction that
    /// wrote the register was made to write elsewhere, or was folded into another).
    mutating func movePlaces(of register: Register, to place: TraceNode.Place) {
        for (key, noted) in tracePlaces {
            if case .register(register) = noted { tracePlaces[key] = place }
        }
    }

    /// Notes that quantifier `expression` was lowered to loop `loop` (see ``note(_:for:_:)``).
    mutating func noteLoop(_ loop: Int32, for expression: TypedExpression, _ compiler: Compiler, value: Bool = false) {
        guard let key = TraceKey(expression, file: compiler.partFile, value: value, instance: traceInstance) else { return }
        if let existing = traceLoops[key], existing != loop { ambiguousPlaces.insert(key) }
        traceLoops[key] = loop
    }

    /// The place noted for `expression`, if one is certain.
    func place(of expression: TypedExpression, _ compiler: Compiler, value: Bool = false) -> TraceNode.Place? {
        guard let key = TraceKey(expression, file: compiler.partFile, value: value, instance: traceInstance), !ambiguousPlaces.contains(key) else { return nil }
        return tracePlaces[key]
    }

    /// How deep a trace may be, in nodes inside one another. A trace is made, flattened and
    /// walked (see ``TraceWalker``) by recursion; a walk runs on whatever thread evaluates, whose
    /// stack may be 512 KB, and takes 160 bytes a level in a release build (3.5 KB in a debug
    /// build): 512 levels are 80 KB. A check nested deeper (a chain of definitions each nested
    /// deep, up to the 1,000 levels the checker allows: K0507) has no trace, and the value code
    /// explains it. The shipped rules' deepest trace is 10 levels.
    static let maximumTraceDepth = 512

    /// The trace of `expression`, lowered by this builder with `compiler`; nil when it holds
    /// something a trace does not cover yet (a loop over a list the program does not walk, a
    /// call it does not inline, a record or list named otherwise than the value code names it),
    /// a truth whose place was not noted, or when it is nested deeper than
    /// ``maximumTraceDepth``.
    func traceNode(of expression: TypedExpression, _ compiler: Compiler) -> TraceNode? {
        let work = traceWork
        work.depth += 1
        defer { work.depth -= 1 }
        guard work.depth <= Self.maximumTraceDepth else {
            work.cut = true
            return nil
        }
        work.deepest = max(work.deepest, work.depth)
        if Compiler.isFoldable(expression) {
            if Compiler.isLiteral(expression) { return .constant(compiler.constantValue(expression) ?? .unknown) }
            // As the value code folds it: its steps recorded once, told again at each run.
            let steps = StepRecorder()
            let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0, observer: steps)
            guard let value = try? compiler.compile(expression)(scratch) else { return nil }
            return .folded(steps.steps, value)
        }
        func node(_ expression: TypedExpression) -> TraceNode? { traceNode(of: expression, compiler) }
        if let read = parameterRead(expression, compiler) { return read }
        switch expression.kind {
        case .callDefinition(let name, let arguments):
            return definitionCall(expression, name, arguments, compiler)
        case .callTable(let name, let arguments):
            return tableCall(expression, name, arguments, compiler)
        case .fact, .field:
            guard let path = Self.factPath(expression) else { return computedFields(expression, compiler) }
            if let slot = compiler.flatSlot(expression) { return .fact(compiler.tracePoint(expression, kind: .fact(path)), slot: slot) }
            // `p.roll`, `p.utbildning.hp`: a field of a loop's element, named as the element and
            // the fields after it, as the value code names it.
            guard case .field = expression.kind, let cell = cell(expression, compiler) else { return nil }
            let suffix = Self.fieldSuffix(of: path)
            return .cell(compiler.tracePoint(expression, kind: .fact(path)), cell, suffix: suffix)
        case .local:
            // A plain element of a list of plain values, read through its cell and told nothing.
            return cell(expression, compiler).map { .cell(nil, $0, suffix: "") }
        case .quantified(let quantifier, let slot, let domain, let body):
            return loop(expression, .quantifier(quantifier), slot: slot, domain: domain, body: body, compiler)
        case .unary(.not, let operand):
            return node(operand).map(TraceNode.not)
        case .unary(.negate, let operand):
            return node(operand).map { .value([$0], place: place(of: expression, compiler, value: true)) }
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
            return .value([l, r], place: place(of: expression, compiler, value: true))
        case .callBuiltin(.element, let arguments) where arguments.count == 2:
            // Both give their values: the element is taken from them.
            guard let list = node(arguments[0]), list.isRead, let place = node(arguments[1]), place.isRead else { return nil }
            return .element(compiler.tracePoint(expression, kind: .call(Builtin.element.rawValue)), list: list, place: place)
        case .callBuiltin(let builtin, let arguments) where builtin != .element:
            guard let place = place(of: expression, compiler, value: true) else { return nil }
            var parts: [TraceNode] = []
            for argument in arguments {
                guard let part = node(argument) else { return nil }
                parts.append(part)
            }
            // The second argument is read only when the first is known, unless both are.
            let readsBoth = builtin.readsBothArguments || parts.count < 2
            guard readsBoth || parts[0].isRead else { return nil }
            return .call(compiler.tracePoint(expression, kind: .call(builtin.rawValue)), parts, readsBoth: readsBoth, place: place)
        case .count(_, let domain, nil):
            return node(domain).map { .value([$0], place: place(of: expression, compiler, value: true)) }
        case .count(let slot, let domain, let filter?):
            return loop(expression, .count, slot: slot, domain: domain, body: filter, compiler)
        case .sum(let slot, let domain, let body):
            return loop(expression, .sum, slot: slot, domain: domain, body: body, compiler)
        case .extreme(let largest, let slot, let domain, let filter, let body):
            return loop(expression, .extreme(largest: largest), slot: slot, domain: domain, body: body, filter: filter, compiler)
        case .presence(let operand, let present):
            guard let inner = node(operand) else { return nil }
            let truth = place(of: expression, compiler)
            // Without a place, only a fact's or a parameter's presence is read from its value.
            switch (truth, inner) {
            case (nil, .fact), (nil, .cell), (nil, .parameter): break
            case (nil, _): return nil
            default: break
            }
            return .presence(compiler.tracePoint(expression, kind: .decision, testsPresence: true), inner,
                             present: present, truth: truth)
        case .conditional(let condition, let then, let otherwise):
            guard let c = node(condition), let a = node(then), let b = node(otherwise) else { return nil }
            return .conditional(c, then: a, otherwise: b)
        case .documentAge(let document, _, _, nil):
            guard let d = node(document), let truth = place(of: expression, compiler) else { return nil }
            return .decision(compiler.tracePoint(expression, kind: .decision), [d], truth: truth)
        case .documentAge(let document, let issuedField, _, let at?):
            // The date `vid` is read only when the document has a date of issue.
            guard let d = node(document), d.isRead, let date = node(at), let truth = place(of: expression, compiler) else { return nil }
            return .documentAge(compiler.tracePoint(expression, kind: .decision), d, issuedField: issuedField.map { Int32($0) },
                                at: date, truth: truth)
        case .assessmentDate:
            return .value([], place: .value(.register(0)))
        case .unknown:
            return .constant(.unknown)
        default:
            return nil
        }
    }

    /// The trace of quantifier, count, sum, largest or smallest `expression` lowered to a loop
    /// over a fact table: its list, its body and `där` (traced with the loop's element bound, as
    /// the builder lowered them) and its truth or value.
    private func loop(_ expression: TypedExpression, _ fold: TraceNode.Fold, slot: Int, domain: TypedExpression,
                      body: TypedExpression, filter: TypedExpression? = nil, _ compiler: Compiler) -> TraceNode? {
        var isQuantifier = false
        if case .quantifier = fold { isQuantifier = true }
        guard let key = TraceKey(expression, file: compiler.partFile, value: !isQuantifier, instance: traceInstance), !ambiguousPlaces.contains(key),
              let index = traceLoops[key], let loop = loops[Int(index)], !loop.bindsCursor,
              let result = place(of: expression, compiler, value: !isQuantifier), let list = traceNode(of: domain, compiler)
        else { return nil }
        guard let name = listName(of: list) else { return nil }
        let shape = compiler.layout.tables[loop.table]
        var inner = self
        let frame = Int32(elements.count)
        inner.elements.append((slot, frame, shape.scalar, loop.table))
        let bodyCompiler = shape.scalar ? compiler.withScalarCursor(slot) : compiler.withCursor(slot)
        guard let element = inner.traceNode(of: body, bodyCompiler) else { return nil }
        var filterNode: TraceNode?
        if let filter {
            // The `där` decides whether the value is walked: it must be read.
            guard let node = inner.traceNode(of: filter, bodyCompiler), node.isRead else { return nil }
            filterNode = node
        }
        // A sum stops at the first element whose value is not a number, a largest or smallest
        // where a value does not order.
        switch fold {
        case .sum, .extreme: if !element.isRead { return nil }
        case .quantifier, .count: break
        }
        return .loop(TraceNode.Loop(point: isQuantifier ? compiler.tracePoint(expression, kind: .decision) : nil, result: result,
                                    domain: list, loop: index, frame: frame, fold: fold, list: name, body: element, filter: filterNode))
    }

    /// How the elements of the list `list` traces are named, as the value code names them (see
    /// ``Compiler/elementNamer(_:)``); nil where a trace does not name them yet.
    private func listName(of list: TraceNode) -> TraceNode.ListName? {
        switch list {
        case .fact(let point, _):
            guard case .fact(let path) = point.kind else { return nil }
            return .path(path)
        case .cell(_, let cell, let suffix):
            return .field(frame: cell.frame, suffix: suffix)
        case .parameter(let index):
            // A definition's list parameter: named by its argument, as the value code names it.
            guard case .value(let path)? = traceParameters?[index] else { return nil }
            return path.map { .path($0) } ?? TraceNode.ListName.none
        case .parameterField, .definition, .element, .fields:
            // Named by the value code through the argument, the definition's body or the
            // element (not covered yet).
            return nil
        default:
            // A list chosen by `om` or written as a constant: the value code names none.
            return TraceNode.ListName.none
        }
    }

    /// The trace of fields of a computed record (see ``TraceNode/fields(_:record:fields:name:)``):
    /// of `element(lista, n)`, named by the element when its place is a constant, as the value
    /// code names it; of any other record the value code does not name (a choice by `om`).
    private func computedFields(_ expression: TypedExpression, _ compiler: Compiler) -> TraceNode? {
        var fields: [Int] = []
        var names: [String] = []
        var base = expression
        while case .field(let inner, let index, let name) = base.kind {
            fields.append(index)
            names.append(name)
            base = inner
        }
        guard !fields.isEmpty, let record = traceNode(of: base, compiler), record.isRead else { return nil }
        let suffix = names.reversed().map { "." + $0 }.joined()
        var name: TraceNode.ElementName?
        if case .callBuiltin(.element, let arguments) = base.kind {
            if case .element(_, let list, _) = record, case .number(let place)? = compiler.constantValue(arguments[1]),
               place.isInteger, place.numerator >= 1, place.numerator <= Int64(Int32.max) {
                guard let listName = listName(of: list) else { return nil }
                name = TraceNode.ElementName(list: listName, index: Int(place.numerator) - 1, suffix: suffix)
            }
        } else if compiler.elementNamer(base) != nil {
            // A record the value code names otherwise (a definition's result, through its body):
            // not covered. A defence: such a call has no trace today (its read is lowered
            // through the choice, see `TruthProgramBuilder+Choices.swift`).
            return nil
        }
        let point = compiler.tracePoint(expression, kind: .fact("…" + suffix))
        return .fields(point, record: record, fields: fields.reversed(), name: name)
    }

    /// The fields of a path after its root, as a step names them after an element's name
    /// (`.utbildning.hp` of `p.utbildning.hp`).
    static func fieldSuffix(of path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map { "." + $0 }.joined()
    }

    /// The path of a fact as a step names it (`anordnare.garant.kreditvärdighet`, `p.roll`); nil
    /// for a path that does not start at a root fact or a local.
    static func factPath(_ expression: TypedExpression) -> String? {
        var names: [String] = []
        var node = expression
        while case .field(let base, _, let name) = node.kind {
            names.append(name)
            node = base
        }
        switch node.kind {
        case .fact(_, let name), .local(_, let name): names.append(name)
        default: return nil
        }
        return names.reversed().joined(separator: ".")
    }
}
