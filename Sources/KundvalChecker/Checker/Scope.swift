import KundvalSyntax

/// The local names visible while checking one body: parameters and list elements, each in a
/// slot, plus the paths known to be present (after `x finns och …`).
struct Scope {
    struct Local {
        var name: String
        var type: KundvalType
        var slot: Int
    }

    var locals: [Local] = []
    private(set) var frameSize = 0
    /// Paths such as `anordnare.garant` known to have a value here.
    var known: Set<String> = []

    init(parameters: [RecordType.Field] = []) {
        for parameter in parameters { _ = bind(parameter.name, parameter.type) }
    }

    func lookup(_ name: String) -> Local? { locals.last { $0.name == name } }

    /// Binds a name in the next slot.
    mutating func bind(_ name: String, _ type: KundvalType) -> Int {
        let slot = locals.count
        locals.append(Local(name: name, type: type, slot: slot))
        frameSize = max(frameSize, locals.count)
        return slot
    }

    /// Removes the innermost binding.
    mutating func unbind() { locals.removeLast() }
}

extension Expression {
    /// `a.b.c` for a chain of names, the key used to remember that a path is present.
    var pathKey: String? {
        switch kind {
        case .name(let name): name
        case .member(let base, let member): base.pathKey.map { $0 + "." + member.name }
        default: nil
        }
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
