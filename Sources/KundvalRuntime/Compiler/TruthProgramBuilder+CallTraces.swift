// The traces of calls of definitions (see `TraceNode.swift`). The value code computes a call's
// arguments in order, then runs the definition's body in a frame of its own, where a parameter
// is a local (reading it tells nothing; reading a field of a record parameter tells the field,
// named by the argument), then tells the call's value; a definition without parameters is
// computed once per evaluation, and later calls tell only their value. The builder lowered the
// body with the arguments in the parameters' places, inlined at the call in an instance of its
// own (see ``TraceKey/instance``); the trace of the call is made from the definition's own body,
// reading the places noted while that was lowered, with each parameter bound to its argument's
// value or to the loop's element. A decision table's call is traced the same way, its body the
// chain of its rows.

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// Notes the instance the body of call `expression`, just inlined, was lowered in.
    mutating func noteCall(_ expression: TypedExpression, _ compiler: Compiler) {
        guard let key = TraceKey(expression, file: compiler.partFile, instance: traceInstance) else { return }
        if let existing = traceCalls[key], existing != (lastInlined, lastInlinedDepth) { ambiguousPlaces.insert(key) }
        traceCalls[key] = (lastInlined, lastInlinedDepth)
    }

    /// The trace of a call of definition `name` with `arguments`; nil when the call stayed a
    /// closure, or an argument or the body has no trace.
    func definitionCall(_ expression: TypedExpression, _ name: String, _ arguments: [TypedExpression],
                        _ compiler: Compiler) -> TraceNode? {
        guard let definition = compiler.definitions[name], definition.parameters.count == arguments.count,
              let key = TraceKey(expression, file: compiler.partFile, instance: traceInstance), !ambiguousPlaces.contains(key),
              let (nodes, parameters) = callArguments(arguments, definition.parameters, compiler)
        else { return nil }
        // Inlined at the call, in an instance of its own, inside as many loops as the call; or a
        // definition without parameters lowered once, outside every loop, and called inside one:
        // its body reads nothing of the loops around the call, and its own loops are in the
        // frames from the first on (see ``TraceNode/Call/restoresFrames``).
        guard let inlined = traceCalls[key] else { return nil }
        var inner = self
        let restoresFrames = inlined.depth != elements.count
        if restoresFrames {
            guard arguments.isEmpty, inlined.depth == 0 else { return nil }
            inner.elements = []
        }
        inner.traceInstance = inlined.instance
        inner.traceParameters = parameters
        // The body's points tell the file it is written in (a reglemente's, for a definition a
        // kundval inherits); its places are keyed by the part's file, as the builder noted them.
        // A body without parameters has one trace per instance, whatever the call (see
        // ``TraceWork/bodies``): made once, so a chain that calls a definition lowered once at
        // many places makes its trace once.
        let shared = arguments.isEmpty ? TraceWork.Key(instance: inlined.instance, file: compiler.partFile) : nil
        let made: TraceNode?
        let work = traceWork
        if let shared, let known = work.bodies[shared] {
            guard work.depth + known.height <= Self.maximumTraceDepth else {
                work.cut = true
                return nil
            }
            work.deepest = max(work.deepest, work.depth + known.height)
            made = known.trace
        } else {
            let (outerDeepest, outerCut) = (work.deepest, work.cut)
            (work.deepest, work.cut) = (work.depth, false)
            made = inner.traceNode(of: definition.body.expression, compiler.body(inherited: definition.isInherited))
            if let shared, made != nil || !work.cut { work.bodies[shared] = (made, work.deepest - work.depth) }
            (work.deepest, work.cut) = (max(outerDeepest, work.deepest), outerCut || work.cut)
        }
        guard let body = made, body.isRead else { return nil }
        let point = compiler.tracePoint(TypedExpression(.callDefinition(name, []), type: expression.type, span: expression.span),
                                        kind: .call(name))
        return .definition(TraceNode.Call(point: point, arguments: nodes, parameters: parameters, body: body,
                                          memo: arguments.isEmpty ? name : nil, restoresFrames: restoresFrames,
                                          sharedBody: shared))
    }

    /// The trace of a call of decision table `name` with `arguments`: a call (see
    /// ``TraceNode/Call``) whose body is the chain of its rows the builder lowered (see
    /// ``rowChain(_:_:shift:)``), each row's tests read without a step (the value code tells none)
    /// and its result walked with the parameters bound. Nil when the call stayed a closure, or a
    /// test's truth, an argument or a result has no trace.
    func tableCall(_ expression: TypedExpression, _ name: String, _ arguments: [TypedExpression],
                   _ compiler: Compiler) -> TraceNode? {
        guard let table = compiler.tables[name], table.parameters.count == arguments.count,
              let key = TraceKey(expression, file: compiler.partFile, instance: traceInstance), !ambiguousPlaces.contains(key),
              let inlined = traceCalls[key], inlined.depth == elements.count,
              let (nodes, parameters) = callArguments(arguments, table.parameters, compiler)
        else { return nil }
        var inner = self
        inner.traceInstance = inlined.instance
        inner.traceParameters = parameters
        let body = compiler.body(inherited: table.isInherited)
        // The chain nests one level per row, made here in a loop: counted as deep as its last
        // row (see ``maximumTraceDepth``).
        let work = traceWork
        work.depth += table.rows.count
        defer { work.depth -= table.rows.count }
        guard work.depth <= Self.maximumTraceDepth else {
            work.cut = true
            return nil
        }
        work.deepest = max(work.deepest, work.depth)
        var chain = TraceNode.constant(.unknown)
        for row in table.rows.reversed() {
            guard let result = inner.traceNode(of: row.result.expression, body), result.isRead else { return nil }
            var tests: TraceNode?
            for (test, argument) in zip(row.tests, arguments) {
                guard let (op, constant) = test else { continue }
                guard let read = inner.rowTestRead(Self.rowTest(op, argument, constant), compiler) else { return nil }
                tests = tests.map { .and($0, read) } ?? read
            }
            chain = tests.map { .conditional($0, then: result, otherwise: chain) } ?? result
        }
        let point = compiler.tracePoint(TypedExpression(.callTable(name, []), type: expression.type, span: expression.span),
                                        kind: .call(name))
        return .definition(TraceNode.Call(point: point, arguments: nodes, parameters: parameters, body: chain, memo: nil))
    }

    /// A row's test read without a step: its truth where the builder put it, or for a test of a
    /// constant argument (`nivåtal(hög)`), which the builder folds, its constant truth.
    private func rowTestRead(_ test: TypedExpression, _ compiler: Compiler) -> TraceNode? {
        if Compiler.isFoldable(test) {
            let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0)
            return (try? compiler.compile(test)(scratch)).map(TraceNode.constant)
        }
        return place(of: test, compiler).map { .value([], place: $0) }
    }

    /// The traces of a call's arguments, walked first in order, and the parameters they bind;
    /// nil when one has no trace.
    private func callArguments(_ arguments: [TypedExpression], _ declared: [RecordType.Field],
                               _ compiler: Compiler) -> ([TraceNode?], [TraceNode.Parameter])? {
        var nodes: [TraceNode?] = []
        var parameters: [TraceNode.Parameter] = []
        for (argument, parameter) in zip(arguments, declared) {
            if let element = elementBound(argument) {
                nodes.append(nil)
                parameters.append(element)
                continue
            }
            if let (node, record) = recordInElement(argument, compiler) {
                nodes.append(node)
                parameters.append(record)
                continue
            }
            guard let node = traceNode(of: argument, compiler), node.isRead else { return nil }
            // A record's fields and a list's elements are named by the argument, which only a
            // fact path names here (the value code names a path from an element too, and an
            // element of a named list: no trace where the value code names what this does not).
            var named: String?
            if case .fact = Self.root(of: argument) { named = Self.factPath(argument) }
            switch parameter.type.unwrapped {
            case .record, .list: if named == nil, argument.isPath || compiler.elementNamer(argument) != nil { return nil }
            default: break
            }
            nodes.append(node)
            parameters.append(.value(named: named))
        }
        return (nodes, parameters)
    }

    /// The binding of an argument that is a loop's element itself (a record read through its
    /// cells), or a parameter bound to one; nil for any other argument.
    private func elementBound(_ argument: TypedExpression) -> TraceNode.Parameter? {
        guard case .local(let slot, _) = argument.kind else { return nil }
        if let parameters = traceParameters, slot < parameters.count {
            if case .element = parameters[slot] { return parameters[slot] }
            return nil
        }
        guard let element = elements.last(where: { $0.slot == slot }), !element.scalar else { return nil }
        return .element(frame: element.frame)
    }

    /// The binding of an argument that is a record inside a loop's element (`p.utbildning`, or a
    /// field of a parameter bound to an element), read through the element's columns, and the
    /// argument's own trace (the value code tells the record read); nil for any other argument,
    /// or one whose record has no columns.
    private func recordInElement(_ argument: TypedExpression, _ compiler: Compiler) -> (TraceNode, TraceNode.Parameter)? {
        guard case .record = argument.type.unwrapped, let (root, fields) = Self.fieldPath(argument),
              case .element(let frame, let prefix, let named)? = elementBound(root), let path = Self.factPath(argument),
              column(prefix + fields, inFrame: frame, compiler) != nil,
              let node = traceNode(of: argument, compiler), node.isRead else { return nil }
        return (node, .element(frame: frame, path: prefix + fields, suffix: named + Self.fieldSuffix(of: path)))
    }

    /// The column at `path` of the table whose element the loop in frame `frame` is at; nil
    /// when it has none.
    private func column(_ path: [Int], inFrame frame: Int32, _ compiler: Compiler) -> Int? {
        guard Int(frame) < elements.count else { return nil }
        return compiler.layout.tables[elements[Int(frame)].table].column(path)
    }

    /// The trace of a parameter read in a definition's body, or of a field of one (`p.roll`, or
    /// of a record inside it, `p.utbildning.hp`); nil for any other expression, and `.some(nil)`
    /// for a parameter or field without a trace. Every path from a parameter is answered here:
    /// a parameter's slot is the body's own, and names no loop's element of the caller (see
    /// ``cell(_:_:)``).
    func parameterRead(_ expression: TypedExpression, _ compiler: Compiler) -> TraceNode?? {
        guard let parameters = traceParameters else { return nil }
        switch expression.kind {
        case .local(let slot, _) where slot < parameters.count:
            guard case .value = parameters[slot] else { return .some(nil) }
            return .parameter(slot)
        case .field(_, let index, let name):
            guard let (root, fields) = Self.fieldPath(expression), case .local(let slot, _) = root.kind,
                  slot < parameters.count else { return nil }
            guard let path = Self.factPath(expression) else { return .some(nil) }
            let point = compiler.tracePoint(expression, kind: .fact(path))
            switch parameters[slot] {
            case .value:
                // A field of the argument's value; one inside a record of it has no trace yet.
                guard fields.count == 1 else { return .some(nil) }
                return .parameterField(point, slot, field: index, suffix: "." + name)
            case .element(let frame, let prefix, let named):
                // A column of the element the parameter is bound to (or of the record in it the
                // parameter is), in the frame of its loop.
                guard let column = column(prefix + fields, inFrame: frame, compiler) else { return .some(nil) }
                return .cell(point, Cell(frame: frame, field: Int32(column)), suffix: named + Self.fieldSuffix(of: path))
            }
        default:
            return nil
        }
    }

    /// The root of a path of fields.
    static func root(of expression: TypedExpression) -> TypedExpression.Kind {
        var node = expression
        while case .field(let base, _, _) = node.kind { node = base }
        return node.kind
    }
}
