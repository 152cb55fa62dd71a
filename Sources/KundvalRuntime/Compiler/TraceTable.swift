/// The traces of one checks' program in the form a walk reads (see ``TraceWalker``): every node
/// of every check's ``TraceNode`` tree in one buffer of plain values that name their operands by
/// position, so that a walk follows them without a reference count or an allocation; what a
/// node holds beyond that (points, places, constants, loops, calls) in tables beside it.
/// Made once at load time from the trees; immutable.
final class TraceTable: Sendable {
    /// What a node is; the ``TraceNode`` case of the same name says what it tells.
    enum Kind: UInt8 {
        case fact, cell, loop, definition, parameter, parameterField, constant, folded, value, call, documentAge
        case not, and, or, conditional, decision, presence, element, fields
    }

    /// One node: its kind, the point it tells (an index of ``points``, or -1) and four operands
    /// whose meaning its kind gives (see ``Builder/add(_:)``): nodes, a place (an index of
    /// ``places``, or -1), a list of nodes (the index of its length in ``children``, the nodes
    /// after it), a slot, a field. Never holds a reference.
    struct Node {
        let kind: Kind
        let point: Int32
        let a: Int32
        let b: Int32
        let c: Int32
        let d: Int32
    }

    /// A loop's node beyond its list and body (see ``TraceNode/Loop``).
    struct Loop: Sendable {
        let result: Int32
        let loop: Int32
        let frame: Int32
        let fold: TraceNode.Fold
        /// How its elements are named (see ``TraceNode/ListName``): a fact path's list, made
        /// once; or the frame of the loop whose element holds the list, and the list's field
        /// (`.rapporter`); or (both nil) not at all.
        let path: FactName?
        let field: (frame: Int32, suffix: String)?
    }

    /// A node of fields of a computed record beyond the record (see
    /// ``TraceNode/fields(_:record:fields:name:)``): the fields read, how the element is named
    /// when the value is missing (nil: not at all), and a fact path's list's name, made once.
    struct Fields: Sendable {
        let fields: [Int]
        let name: TraceNode.ElementName?
        let path: FactName?
    }

    /// A call's node beyond its arguments and body (see ``TraceNode/Call``).
    struct Call: Sendable {
        let parameters: [TraceNode.Parameter]
        let memo: String?
        /// See ``TraceNode/Call/restoresFrames``.
        let restoresFrames: Bool
    }

    /// The nodes; each check's tree ends at its root (see ``roots``).
    let nodes: FencedBuffer<Node>
    /// The root of each check's tree, in the order of ``AssessmentPlan/Entry/checks``.
    let roots: [Int32]
    /// Lists of nodes (parts, arguments): each a length followed by the nodes.
    let children: FencedBuffer<Int32>
    let points: [TracePoint]
    let places: FencedBuffer<TraceNode.Place>
    /// Constants, and the steps of folded constants (see ``TraceNode/folded(_:_:)``).
    let values: [Value]
    let folded: [[TraceEntry]]
    let loops: [Loop]
    let calls: [Call]
    let fieldReads: [Fields]
    /// The suffixes that name fields (`.roll`).
    let texts: [String]

    /// The table of `traces`, one per check.
    init(_ traces: [TraceNode]) {
        var builder = Builder()
        roots = traces.map { builder.add($0) }
        (nodes, children, places) = (.copying(builder.nodes), .copying(builder.children), .copying(builder.places))
        (points, values, folded) = (builder.points, builder.values, builder.folded)
        (loops, calls, texts, fieldReads) = (builder.loops, builder.calls, builder.texts, builder.fieldReads)
    }

    deinit {
        nodes.free()
        children.free()
        places.free()
    }

    /// Flattens trees into the tables, each node after its operands.
    struct Builder {
        var nodes: [Node] = []
        var children: [Int32] = []
        var points: [TracePoint] = []
        var places: [TraceNode.Place] = []
        var values: [Value] = []
        var folded: [[TraceEntry]] = []
        var loops: [Loop] = []
        var calls: [Call] = []
        var fieldReads: [Fields] = []
        var texts: [String] = []
        /// The flattened bodies of calls without parameters (see ``TraceNode/Call/sharedBody``).
        var sharedBodies: [TraceWork.Key: Int32] = [:]

        /// Adds `node` and its operands; the position of the node. The operands `a`, `b`, `c`,
        /// `d` of each kind are written beside it.
        mutating func add(_ node: TraceNode) -> Int32 {
            switch node {
            case .fact(let point, let slot):
                // a: the slot.
                return append(.fact, point, Int32(slot))
            case .cell(let point, let cell, let suffix):
                // a: the frame, b: the field, c: the suffix.
                return append(.cell, point, cell.frame, cell.field, text(suffix))
            case .loop(let loop):
                // a: the loop's table entry, b: the list, c: the body, d: the `där` of a `största`
                // or `minsta` (-1 for none).
                let (domain, body, filter) = (add(loop.domain), add(loop.body), loop.filter.map { add($0) } ?? -1)
                var (path, field): (FactName?, (Int32, String)?) = (nil, nil)
                switch loop.list {
                case .path(let list): path = .path(list)
                case .field(let frame, let suffix): field = (frame, suffix)
                case .none: break
                }
                loops.append(Loop(result: place(loop.result), loop: loop.loop, frame: loop.frame, fold: loop.fold, path: path, field: field))
                return append(.loop, loop.point, Int32(loops.count - 1), domain, body, filter)
            case .definition(let call):
                // a: the call's table entry, b: the arguments (-1 for one bound as an element), c: the body.
                // A body without parameters is flattened once for all its calls (see ``TraceWork/bodies``).
                let arguments = call.arguments.map { $0.map { add($0) } ?? -1 }
                let body: Int32
                if let instance = call.sharedBody, let flattened = sharedBodies[instance] {
                    body = flattened
                } else {
                    body = add(call.body)
                    if let instance = call.sharedBody { sharedBodies[instance] = body }
                }
                calls.append(Call(parameters: call.parameters, memo: call.memo, restoresFrames: call.restoresFrames))
                return append(.definition, call.point, Int32(calls.count - 1), list(arguments), body)
            case .parameter(let index):
                // a: the parameter.
                return append(.parameter, nil, Int32(index))
            case .parameterField(let point, let index, let field, let suffix):
                // a: the parameter, b: the field, c: the suffix.
                return append(.parameterField, point, Int32(index), Int32(field), text(suffix))
            case .constant(let value):
                // a: the value.
                values.append(value)
                return append(.constant, nil, Int32(values.count - 1))
            case .folded(let steps, let value):
                // a: the value, b: the steps.
                values.append(value)
                folded.append(steps)
                return append(.folded, nil, Int32(values.count - 1), Int32(folded.count - 1))
            case .value(let parts, let place):
                // a: the parts, b: the place.
                let nodes = parts.map { add($0) }
                return append(.value, nil, list(nodes), self.place(place))
            case .call(let point, let arguments, let readsBoth, let place):
                // a: the arguments, b: the place, c: 1 when both are read.
                let nodes = arguments.map { add($0) }
                return append(.call, point, list(nodes), self.place(place), readsBoth ? 1 : 0)
            case .documentAge(let point, let document, let issuedField, let at, let truth):
                // a: the document, b: the date, c: the place, d: the field of the date of issue (-1 for the document).
                let (d, date) = (add(document), add(at))
                return append(.documentAge, point, d, date, place(truth), issuedField ?? -1)
            case .not(let operand):
                return append(.not, nil, add(operand))
            case .and(let left, let right), .or(let left, let right):
                // a, b: the operands.
                let (l, r) = (add(left), add(right))
                if case .and = node { return append(.and, nil, l, r) }
                return append(.or, nil, l, r)
            case .conditional(let condition, let then, let otherwise):
                // a: the condition, b, c: the branches.
                let (c, a, b) = (add(condition), add(then), add(otherwise))
                return append(.conditional, nil, c, a, b)
            case .decision(let point, let parts, let truth):
                // a: the parts, b: the place.
                let nodes = parts.map { add($0) }
                return append(.decision, point, list(nodes), place(truth))
            case .presence(let point, let operand, let present, let truth):
                // a: the operand, b: the place (-1 to read the fact), c: 1 for `finns`.
                let inner = add(operand)
                return append(.presence, point, inner, place(truth), present ? 1 : 0)
            case .element(let point, let list, let place):
                // a: the list, b: the place.
                let (l, p) = (add(list), add(place))
                return append(.element, point, l, p)
            case .fields(let point, let record, let fields, let name):
                // a: the record, b: the fields' table entry.
                let base = add(record)
                var path: FactName?
                if case .path(let list)? = name?.list { path = .path(list) }
                fieldReads.append(Fields(fields: fields, name: name, path: path))
                return append(.fields, point, base, Int32(fieldReads.count - 1))
            }
        }

        private mutating func append(_ kind: Kind, _ point: TracePoint?, _ a: Int32 = -1, _ b: Int32 = -1,
                                     _ c: Int32 = -1, _ d: Int32 = -1) -> Int32 {
            var index: Int32 = -1
            if let point {
                points.append(point)
                index = Int32(points.count - 1)
            }
            nodes.append(Node(kind: kind, point: index, a: a, b: b, c: c, d: d))
            return Int32(nodes.count - 1)
        }

        /// A list of `nodes` in ``children``: the index of its length.
        private mutating func list(_ nodes: [Int32]) -> Int32 {
            children.append(Int32(nodes.count))
            children += nodes
            return Int32(children.count - nodes.count - 1)
        }

        private mutating func place(_ place: TraceNode.Place?) -> Int32 {
            guard let place else { return -1 }
            places.append(place)
            return Int32(places.count - 1)
        }

        private mutating func text(_ text: String) -> Int32 {
            texts.append(text)
            return Int32(texts.count - 1)
        }
    }
}
