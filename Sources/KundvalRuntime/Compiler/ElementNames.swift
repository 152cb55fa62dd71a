import KundvalChecker

// A fact read from a list's element (`p.näringsförbud` in `alla p i anordnare.personer: …`) is
// named by the element it is in when an observer watches: `element(anordnare.personer, 2)
// .näringsförbud`, the language's own way to write it (counted from 1, as `element` counts), so
// that a case officer who is told a fact is missing knows whose, and can type the name at the
// prompt. Loops name each element they bind as they go; a call names its parameters by the
// arguments it was given. Nothing of this runs without an observer.

/// The name of a fact, a list or an element, put into words only when a fact of it is reported
/// missing: loops name every element they bind, and most of those names are never read (a
/// name written for each element made every explained decision a fifth slower).
indirect enum FactName: Sendable {
    /// A fact path: `anordnare.personer`.
    case path(String)
    /// An element of a list, by its place from 0.
    case element(FactName, Int)
    /// Fields of what is before them: the `.uppdrag` of `element(anordnare.personal, 2).uppdrag`.
    case fields(FactName, String)

    /// The name as the language writes it, elements counted from 1.
    var text: String {
        switch self {
        case .path(let path): path
        case .element(let list, let index): "element(\(list.text), \(index + 1))"
        case .fields(let base, let suffix): base.text + suffix
        }
    }
}

/// What a local slot is named: a name (a call's parameter given a named argument), or element
/// `index` of a named list when `index` is 0 or more. A loop binds one for each element without
/// making a name of it.
struct BoundName: Sendable {
    let base: FactName
    let index: Int

    /// The name of what the slot holds.
    var name: FactName { index < 0 ? base : .element(base, index) }
}

/// How the list or element an expression stands for is named in one evaluation: a fact path
/// (`anordnare.personer`), or a path from an element a loop or call named
/// (`element(anordnare.personer, 2).uppdrag`); nil when it has no such name (a list written out,
/// a definition's result).
typealias ElementNamer = @Sendable (EvaluationContext) -> FactName?

extension EvaluationContext {
    /// The name of the element local `slot` is bound to (see ``Compiler/elementNamer(_:)``),
    /// read where the compiler binds it: through its cursor, or as a local value.
    @inline(__always)
    func elementName(_ slot: Int, cursor: Bool) -> BoundName? {
        let position = base + slot
        let names = cursor ? cursorNames : localNames
        return position < names.count ? names[position] : nil
    }

    /// Names the element local `slot` is bound to, returning the name it had (for the loop to
    /// put back when it ends: a cursor's position is its own only while its loop runs).
    @discardableResult
    func nameElement(_ slot: Int, cursor: Bool, _ name: BoundName?) -> BoundName? {
        let position = base + slot
        if cursor {
            while cursorNames.count <= position { cursorNames.append(nil) }
            defer { cursorNames[position] = name }
            return cursorNames[position]
        }
        while localNames.count <= position { localNames.append(nil) }
        defer { localNames[position] = name }
        return localNames[position]
    }

    /// Binds local `slot` to `element`, element `index` of the list named `list`, for a loop
    /// of the value code: named while an observer watches.
    @inline(__always)
    func bindElement(_ slot: Int, _ element: Value, index: Int, of list: FactName?) {
        setLocal(slot, element)
        if observer != nil { nameElement(slot, cursor: false, Self.element(index, of: list)) }
    }

    /// Element `index` (from 0) of the list named `list`.
    static func element(_ index: Int, of list: FactName?) -> BoundName? {
        list.map { BoundName(base: $0, index: index) }
    }
}

extension Compiler {
    /// How `expression` is named when it is a fact path or a path from a named element; nil
    /// for any other expression.
    func elementNamer(_ expression: TypedExpression) -> ElementNamer? {
        var budget = Self.maximumNamedCalls
        return elementNamer(expression, parameters: nil, budget: &budget)
    }

    /// The namer of `expression`; inside a definition's body when `parameters` are given, its
    /// parameters named by the caller's arguments (a definition that returns an element,
    /// `första(l) = element(l, 1)`, names it: `första(anordnare.personal).utbildad` was
    /// `….utbildad`; found by an adversarial session). A place in a list is named only when it is
    /// written out: a namer runs while an observer watches, and computing a place again would
    /// tell it of the facts read twice.
    private func elementNamer(_ expression: TypedExpression, parameters: [ElementNamer?]?, budget: inout Int) -> ElementNamer? {
        var names: [String] = []
        var node = expression
        while case .field(let base, _, let name) = node.kind {
            names.append(name)
            node = base
        }
        let suffix = names.reversed().map { "." + $0 }.joined()
        switch node.kind {
        case .fact(_, let name):
            let path = FactName.path(name + suffix)
            return { _ in path }
        case .local(let slot, _):
            if let parameters {
                guard slot < parameters.count, let parameter = parameters[slot] else { return nil }
                return Self.named(parameter, suffix)
            }
            // A list of plain values is read through its cell; its elements are not named.
            guard !scalarCursorSlots.contains(slot) else { return nil }
            let cursor = cursorSlots.contains(slot)
            return { context in
                context.elementName(slot, cursor: cursor).map { suffix.isEmpty ? $0.name : .fields($0.name, suffix) }
            }
        case .callBuiltin(.element, let arguments) where arguments.count == 2:
            // `element(anordnare.personal, 2)`: the element of the named list at that place.
            guard let list = elementNamer(arguments[0], parameters: parameters, budget: &budget),
                  case .number(let place)? = constantValue(arguments[1]), place.isInteger, place.numerator >= 1,
                  place.numerator <= Int64(Int32.max) else { return nil }
            let index = Int(place.numerator) - 1
            let element: ElementNamer = { context in list(context).map { FactName.element($0, index) } }
            return Self.named(element, suffix)
        case .callDefinition(let name, let arguments):
            // What the definition returns, named in its body by the arguments' names; a bounded
            // number of calls looked into, however they nest (each call's arguments are calls too).
            guard budget > 0, let body = definitions[name]?.body.expression else { return nil }
            budget -= 1
            var named: [ElementNamer?] = []
            for argument in arguments { named.append(elementNamer(argument, parameters: parameters, budget: &budget)) }
            guard let inner = elementNamer(body, parameters: named, budget: &budget) else { return nil }
            return Self.named(inner, suffix)
        default:
            return nil
        }
    }

    /// `namer` followed by the fields of `suffix` (`.uppdrag`), when there are any.
    private static func named(_ namer: @escaping ElementNamer, _ suffix: String) -> ElementNamer {
        guard !suffix.isEmpty else { return namer }
        return { context in namer(context).map { FactName.fields($0, suffix) } }
    }

    /// How many calls a name is looked for in, from one expression.
    static let maximumNamedCalls = 16

    /// Code that reads fields of what `base` is (a loop's element `p`, or what is computed:
    /// `element(anordnare.personal, 2)`) by `code`, reported to an observer as the fact at
    /// `path`; with its name when the value is missing and `base` has one (see
    /// ``elementNamer(_:)``).
    func tracedFields(_ code: @escaping Code, _ expression: TypedExpression, base: TypedExpression, path: String,
                      fields: [String]) -> Code {
        guard let namer = elementNamer(base) else { return traced(code, expression, kind: .fact(path)) }
        let point = tracePoint(expression, kind: .fact(path))
        let suffix = fields.map { "." + $0 }.joined()
        return { context throws(EvaluationError) in
            let value = try code(context)
            if let observer = context.observer {
                if !value.isKnown, let name = namer(context) {
                    observer.observe(point, value, element: name.text + suffix)
                } else {
                    observer.observe(point, value)
                }
            }
            return value
        }
    }
}
