import KundvalChecker
import KundvalSyntax

// What the compilers (the closures and the truth programs) ask of an expression at load time:
// its constant value, its fact slot; and value code read as a truth byte.

extension Compiler {
    /// The value of an expression that is the same for every evaluation, when it is known and
    /// computes without error.
    func constantValue(_ expression: TypedExpression) -> Value? {
        guard Self.isFoldable(expression) else { return nil }
        let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0)
        guard let constant = try? compile(expression)(scratch), constant.isKnown else { return nil }
        return constant
    }

    /// The flat slot of a path of fields from a root fact, if it has one.
    func flatSlot(_ expression: TypedExpression) -> Int? {
        var indices: [Int] = []
        var node = expression
        while case .field(let base, let index, _) = node.kind {
            indices.append(index)
            node = base
        }
        guard case .fact(let root, _) = node.kind else { return nil }
        return layout.slots[[root] + indices.reversed()]
    }

    /// Value code of a `ja/nej` expression as truth code (0 `nej`, 1 `ja`, 2 not known), for
    /// the quantifiers that walk a list with a cursor.
    static func truth(of code: @escaping Code) -> TruthCode {
        { context throws(EvaluationError) in
            switch try code(context) {
            case .boolean(let flag): flag ? 1 : 0
            default: 2
            }
        }
    }
}
