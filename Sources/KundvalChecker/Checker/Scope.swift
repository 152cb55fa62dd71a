import KundvalSyntax

/// The local names visible while checking one body: parameters and list elements, each in a
/// slot, plus the paths known to be present (after `x finns och …`).
struct Scope {
    struct Local {
        var name: String
        var type: KundvalType
        var slot: Int
        /// The paths known present that the binding hides (see ``bind(_:_:)``).
        var hidden: Set<String> = []
    }

    var locals: [Local] = []
    private(set) var frameSize = 0
    /// Paths such as `anordnare.garant` known to have a value here.
    var known: Set<String> = []

    init(parameters: [RecordType.Field] = []) {
        for parameter in parameters { _ = bind(parameter.name, parameter.type) }
    }

    func lookup(_ name: String) -> Local? { locals.last { $0.name == name } }

    /// Binds a name in the next slot. A path known present from the name's outer meaning is no
    /// longer known while it stands for something else: `alla p i …: om p.x finns så (alla p i
    /// p.y: … p.x …)` is the inner `p`'s `x` (it was taken as known; found by review).
    mutating func bind(_ name: String, _ type: KundvalType) -> Int {
        let slot = locals.count
        let hidden = known.filter { key in
            key == name || key.hasPrefix(name + ".") || key.contains("(" + name + ".") || key.contains("(" + name + ",")
        }
        known.subtract(hidden)
        locals.append(Local(name: name, type: type, slot: slot, hidden: hidden))
        frameSize = max(frameSize, locals.count)
        return slot
    }

    /// Removes the innermost binding, and makes known again what it hid.
    mutating func unbind() {
        let local = locals.removeLast()
        known.formUnion(local.hidden)
    }
}

extension Expression {
    /// `a.b.c` for a chain of names, the key used to remember that a path is present.
    var pathKey: String? {
        switch kind {
        case .name(let name): name
        case .member(let base, let member): base.pathKey.map { $0 + "." + member.name }
        case .call(let callee, let arguments):
            if case .name("element") = callee.kind { Self.elementKey(arguments) } else { nil }
        default: nil
        }
    }

    /// The key of `element(path, n)` for a path and a whole number written out: one value in
    /// an evaluation, so `om element(anordnare.personal, 2) finns så g(element(anordnare.personal,
    /// 2)) annars …` knows it in its first branch, as it knows a fact (the hint of K0308 said to
    /// write that, and it was refused; found by an adversarial session).
    static func elementKey(_ arguments: [Expression]) -> String? {
        guard arguments.count == 2, let list = arguments[0].pathKey,
              case .number(let position, nil, nil) = arguments[1].kind, position.scale == 0 else { return nil }
        return "element(\(list),\(position.scaledValue))"
    }

    /// Paths this expression proves present when it is true (`x finns och y finns`), or when it
    /// is false (`x saknas eller y saknas`).
    func provesPresent(whenTrue: Bool) -> [String] {
        switch kind {
        case .presence(let inner, let present):
            return present == whenTrue ? inner.pathKey.map { [$0] } ?? [] : []
        case .binary(.and, let left, let right) where whenTrue:
            return left.provesPresent(whenTrue: true) + right.provesPresent(whenTrue: true)
        case .binary(.or, let left, let right) where !whenTrue:
            return left.provesPresent(whenTrue: false) + right.provesPresent(whenTrue: false)
        case .unary(.not, let inner):
            return inner.provesPresent(whenTrue: !whenTrue)
        default:
            return []
        }
    }
}
