import KundvalChecker
import KundvalSyntax

extension Compiler {
    /// Compiles a `ja/nej` expression to a truth value in a byte, the fast path for
    /// requirements: boolean facts are read from a byte array, `och`, `eller` and `inte`
    /// combine bytes with three-valued logic, and only comparisons build values.
    func compileTruth(_ expression: TypedExpression) -> TruthCode {
        if tracing { return Self.truth(of: compile(expression)) }
        switch expression.kind {
        case .boolean(let value):
            let constant: UInt8 = value ? 1 : 0
            return { _ in constant }
        case .fact, .field:
            if let slot = flatSlot(expression) {
                return { context in context.truths[slot] }
            }
            if case .field(let base, let index, _) = expression.kind, case .local(let slot, _) = base.kind {
                if cursorSlots.contains(slot) {
                    return { context in context.cursorTruth(slot, index) }
                }
                return { context in
                    if case .boolean(let flag) = context.localField(slot, index) { return flag ? 1 : 0 }
                    return 2
                }
            }
            return Self.truth(of: compile(expression))
        case .unary(.not, let operand):
            let inner = compileTruth(operand)
            return { context throws(EvaluationError) in
                let value = try inner(context)
                return value == 2 ? 2 : 1 - value
            }
        case .binary(.and, let left, let right):
            let (l, r) = (compileTruth(left), compileTruth(right))
            return { context throws(EvaluationError) in
                let a: UInt8
                do throws(EvaluationError) { a = try l(context) } catch { return try Self.decidedByOtherSide(0, r, context: context, failure: error) }
                if a == 0 { return 0 }
                let b = try r(context)
                if b == 0 { return 0 }
                return a == 1 && b == 1 ? 1 : 2
            }
        case .binary(.or, let left, let right):
            let (l, r) = (compileTruth(left), compileTruth(right))
            return { context throws(EvaluationError) in
                let a: UInt8
                do throws(EvaluationError) { a = try l(context) } catch { return try Self.decidedByOtherSide(1, r, context: context, failure: error) }
                if a == 1 { return 1 }
                let b = try r(context)
                if b == 1 { return 1 }
                return a == 0 && b == 0 ? 0 : 2
            }
        case .binary(let op, let left, let right):
            guard let comparison = TruthComparison(op) else { return Self.truth(of: compile(expression)) }
            if let special = compileComparisonWithConstant(comparison, left, right) { return special }
            let (l, r) = (compile(left), compile(right))
            return { context throws(EvaluationError) in
                guard let order = Self.order(try l(context), try r(context)) else { return 2 }
                return comparison.holds(order) ? 1 : 0
            }
        case .presence(let operand, let present):
            if let slot = flatSlot(operand) {
                return { context in context.storage.isKnown(slot) == present ? 1 : 0 }
            }
            let inner = compile(operand)
            return { context throws(EvaluationError) in try inner(context).isKnown == present ? 1 : 0 }
        case .quantified(let quantifier, let slot, let domain, let body):
            if let cursor = compileCursorQuantifierTruth(quantifier, slot: slot, domain: domain, body: body) { return cursor }
            let d: Code
            if let domainSlot = flatSlot(domain) {
                d = { context in context.flat[domainSlot] }
            } else {
                d = compile(domain)
            }
            let b = compileTruth(body)
            return { context throws(EvaluationError) in
                guard case .list(let elements) = try d(context) else { return 2 }
                var unknown = false
                var decided: UInt8?
                var failure: EvaluationError?
                for element in elements {
                    context.setLocal(slot, element)
                    if !Self.step(quantifier, b, context, &unknown, &decided, &failure) { break }
                }
                return try Self.result(quantifier, unknown, decided, failure)
            }
        case .conditional(let condition, let then, let otherwise):
            let (c, a, b) = (compileTruth(condition), compileTruth(then), compileTruth(otherwise))
            return { context throws(EvaluationError) in
                switch try c(context) {
                case 1: try a(context)
                case 0: try b(context)
                default: 2
                }
            }
        default:
            return Self.truth(of: compile(expression))
        }
    }

    /// `x op k` where `x` is a flat fact slot or a field of a local record and `k` a constant:
    /// one closure that reads the value and compares it, with no intermediate values.
    func compileComparisonWithConstant(_ op: TruthComparison, _ left: TypedExpression, _ right: TypedExpression) -> TruthCode? {
        guard !Self.isFoldable(left), let constant = constantValue(right) else { return nil }
        if let slot = flatSlot(left) {
            return { context in Self.compare(op, context.flat[slot], constant) }
        }
        if case .local(let slot, _) = left.kind, scalarCursorSlots.contains(slot) {
            return { context in context.cursorCompare(slot, 0, op, constant) }
        }
        if case .field(let base, let index, _) = left.kind, case .local(let slot, _) = base.kind {
            if cursorSlots.contains(slot) {
                return { context in context.cursorCompare(slot, index, op, constant) }
            }
            return { context in Self.compare(op, context.localField(slot, index), constant) }
        }
        return nil
    }

    /// The value of an expression that is the same for every evaluation, when it is known and
    /// computes without error.
    func constantValue(_ expression: TypedExpression) -> Value? {
        guard Self.isFoldable(expression) else { return nil }
        let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0, tracing: false)
        guard let constant = try? compile(expression)(scratch), constant.isKnown else { return nil }
        return constant
    }

    /// `value op constant` as a truth value.
    @inline(__always)
    static func compare(_ op: TruthComparison, _ value: Value, _ constant: Value) -> UInt8 {
        guard let order = order(value, constant) else { return 2 }
        return op.holds(order) ? 1 : 0
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

    static func truth(of code: @escaping Code) -> TruthCode {
        { context throws(EvaluationError) in
            switch try code(context) {
            case .boolean(let flag): flag ? 1 : 0
            default: 2
            }
        }
    }
}
