import KundvalDiagnostics
import KundvalSyntax

/// Expressions: broken first at `eller`, then at `och`, then at comparisons and arithmetic, with
/// the operator starting the continued line; calls, lists and records break inside their brackets.
extension DocBuilder {
    /// Emits an expression and the tokens of its span.
    mutating func expression(_ expression: Expression) {
        switch expression.kind {
        case .binary(let op, _, _) where !isParenthesized(expression):
            operatorChain(expression, op: op)
        case .binary(let op, _, _):
            // `(a och b)`: the parentheses, then the chain inside them, its continued lines one
            // step deeper than those of the chain around it, so that an `och` inside the
            // parentheses never stands level with an `eller` outside them.
            gap(to: innerStart(expression))
            nest { $0.group { $0.operatorChain(expression, op: op) } }
        case .unary(let op, let operand):
            gap(to: operand.span.start)
            if op == .negate { separator(.text("")) }
            self.expression(operand)
        case .call(let callee, let arguments):
            group { builder in
                builder.expression(callee)
                builder.bracketed(arguments.map(\.span), close: expression.span.end, inner: .softline) { builder, index in
                    builder.expression(arguments[index])
                }
            }
        case .list(let elements):
            group { builder in
                builder.bracketed(elements.map(\.span), close: expression.span.end, inner: .softline, fill: true) { builder, index in
                    builder.expression(elements[index])
                }
            }
        case .record(let fields):
            group { builder in
                builder.bracketed(fields.map { $0.name.span.union($0.value.span) }, close: expression.span.end,
                                  inner: .text(" "), fill: true) { builder, index in
                    builder.gap(to: fields[index].value.span.start)
                    builder.expression(fields[index].value)
                }
            }
        case .conditional:
            conditional(expression)
        case .quantified(_, _, let domain, let body), .sum(_, let domain, let body):
            bodyAfterDomain(domain, body: body)
        case .extreme(_, _, let domain, let filter, let body):
            bodyAfterDomain(domain, filter: filter, body: body)
        case .count(_, let domain, let filter):
            if let filter {
                bodyAfterDomain(domain, body: filter)
            } else {
                gap(to: domain.span.start)
                self.expression(domain)
            }
        default:
            for child in Self.children(of: expression) {
                gap(to: child.span.start)
                self.expression(child)
            }
        }
        through(expression.span)
    }

    /// `om a så b annars c`: broken, `så` goes one step in and `annars` (also `annars om`) stands
    /// under `om` wherever `om` stands, so a chain of alternatives reads as a list.
    private mutating func conditional(_ expression: Expression) {
        // Parentheses and the space before `om` stand outside the alignment.
        while let token = current, token.span.start < expression.span.end, !token.is(.om) { emitToken() }
        if !separated, let previous, let token = current, Self.needsSpace(previous, token, bytes: bytes) {
            separator(.text(" "))
        }
        wrapped({ .align(.group($0)) }) { builder in
            var node = expression
            var first = true
            while case .conditional(let condition, let then, let otherwise) = node.kind,
                  first || !builder.isParenthesized(node) {
                if !first { builder.separator(.line) }
                first = false
                builder.gap(to: condition.span.start)
                builder.expression(condition)
                builder.nest { builder in
                    builder.separator(.line)
                    builder.gap(to: then.span.start)
                    builder.expression(then)
                }
                node = otherwise
            }
            builder.separator(.line)
            builder.gap(to: node.span.start)
            builder.expression(node)
        }
    }

    /// `alla p i lista: villkor`, `antal p i lista där villkor`, `största p i lista där villkor:
    /// värde`: the filter and the body each move to the next line, one step in, when the whole
    /// does not fit (after `:`, or with `där` leading it).
    private mutating func bodyAfterDomain(_ domain: Expression, filter: Expression? = nil, body: Expression) {
        group { builder in
            builder.gap(to: domain.span.start)
            builder.expression(domain)
            builder.nest { builder in
                for part in [filter, body].compactMap({ $0 }) {
                    if builder.current?.kind == .colon { builder.emitToken() }
                    builder.separator(.line)
                    builder.gap(to: part.span.start)
                    builder.expression(part)
                }
            }
        }
    }

    /// A chain of operators of one precedence (`a och b och c`, `a + b - c`), broken before each
    /// operator when it does not fit; an operand in parentheses is a chain of its own.
    private mutating func operatorChain(_ expression: Expression, op: BinaryOperator) {
        var operands: [Expression] = []
        var node = expression
        while case .binary(let inner, let lhs, let rhs) = node.kind, Self.precedence(inner) == Self.precedence(op),
              node.span.start == expression.span.start || !isParenthesized(node) {
            operands.append(rhs)
            node = lhs
            if inner.isComparison { break }
        }
        operands.append(node)
        operands.reverse()
        if Self.precedence(op) >= 4 {
            // Arithmetic is packed: a break only before the operand that does not fit.
            // Only what follows the first operand is indented, so that brackets in the first
            // operand close where it began.
            var parts = [collect { $0.expression(operands[0]) }]
            for operand in operands.dropFirst() {
                separated = true
                parts.append(.nest(indentation, .line))
                parts.append(.nest(indentation, collect { builder in
                    builder.gap(to: operand.span.start)
                    builder.expression(operand)
                }))
            }
            emit(.fill(parts))
            return
        }
        group { builder in
            builder.expression(operands[0])
            builder.nest { builder in
                for operand in operands.dropFirst() {
                    builder.separator(.line)
                    builder.gap(to: operand.span.start)
                    builder.expression(operand)
                }
            }
        }
    }

    /// Items inside brackets, the opening bracket the next token (or already emitted): broken
    /// after the opening bracket and after each comma, the closing bracket on its own line.
    ///
    /// Brackets that hold a comment are always broken, one item per line and the closing bracket
    /// on a line of its own at the opening line's indentation. A comment ends its line, and a
    /// group that only measured the text up to it was laid out flat: every line after a comment
    /// at the end of a line was continued one step deeper than the one before, and the closing
    /// bracket drifted right (found by an adversarial session).
    mutating func bracketed(_ items: [SourceSpan], close: Int, inner: Doc, fill: Bool = false,
                            item: (inout DocBuilder, Int) -> Void) {
        guard let first = items.first else {
            // Only a comment inside (`[ # inga ännu`): it ends its line, and the closing bracket
            // (one byte, ending at `close`) starts the next at the opening line's indentation,
            // as it does after items (it stood one step deeper).
            gap(to: close - 1)
            if commentIndex > 0, comments[commentIndex - 1].end == lastEnd { separator(.hardline(blank: false)) }
            gap(to: close)
            return
        }
        let holdsComment = commentIndex < comments.count && comments[commentIndex].start < close
        let line: Doc = holdsComment ? .hardline(blank: false) : .line
        gap(to: first.start)
        separated = true
        var parts: [Doc] = []
        for index in items.indices {
            if index > 0 {
                parts.append(collect { $0.gap(to: items[index].start) })
                parts.append(line)
                separated = true
            }
            parts.append(collect { item(&$0, index) })
        }
        // A trailing comma stays with the last item.
        let last = items[items.count - 1]
        if let token = current, token.kind == .comma, token.span.start >= last.end {
            parts[parts.count - 1] = .concat([parts[parts.count - 1], collect { $0.emitToken() }])
        }
        if holdsComment {
            emit(.nest(indentation, .concat([line] + parts)))
            separator(line)
        } else {
            emit(.nest(indentation, .concat([inner, fill ? .fill(interleave(parts)) : .concat(parts)])))
            separator(inner)
        }
        gap(to: close)
    }

    /// Turns `[item, comma, line, item …]` into fill parts: contents (item with its comma) and separators.
    private func interleave(_ parts: [Doc]) -> [Doc] {
        var result: [Doc] = []
        var index = 0
        while index < parts.count {
            if index + 1 < parts.count, case .line = parts[index + 1] {
                result.append(parts[index])
                result.append(.line)
                index += 2
            } else if index + 2 < parts.count, case .line = parts[index + 2] {
                result.append(.concat([parts[index], parts[index + 1]]))
                result.append(.line)
                index += 3
            } else {
                result.append(index + 1 < parts.count ? .concat([parts[index], parts[index + 1]]) : parts[index])
                index += 2
            }
        }
        return result
    }

    /// Whether the expression is written in parentheses: its span starts before its leftmost
    /// operand, or with a `(` where no operand stands first.
    func isParenthesized(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .binary(_, let first, _), .member(let first, _), .call(let first, _), .presence(let first, _),
             .documentAge(let first, _, _):
            return first.span.start != expression.span.start
        default:
            return tokens.first(startingAt: expression.span.start)?.kind == .leftParen
        }
    }

    /// The start of the first operand inside parentheses.
    private func innerStart(_ expression: Expression) -> Int {
        if case .binary(_, let lhs, _) = expression.kind { return lhs.span.start }
        return expression.span.start
    }

    /// The binding strength of an operator: operators of one strength form one chain.
    static func precedence(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 3
        case .add, .subtract: 4
        case .multiply, .divide: 5
        }
    }

    /// The sub-expressions in source order.
    static func children(of expression: Expression) -> [Expression] {
        switch expression.kind {
        case .member(let base, _): [base]
        case .call(let callee, let arguments): [callee] + arguments
        case .unary(_, let operand): [operand]
        case .binary(_, let lhs, let rhs): [lhs, rhs]
        case .presence(let operand, _): [operand]
        case .conditional(let a, let b, let c): [a, b, c]
        case .documentAge(let document, _, let date): [document] + (date.map { [$0] } ?? [])
        case .quantified(_, _, let domain, let body): [domain, body]
        case .count(_, let domain, let filter): [domain] + (filter.map { [$0] } ?? [])
        case .sum(_, let domain, let body): [domain, body]
        case .extreme(_, _, let domain, let filter, let body): [domain] + (filter.map { [$0] } ?? []) + [body]
        case .list(let elements): elements
        case .record(let fields): fields.map(\.value)
        default: []
        }
    }
}

extension Array where Element == Token {
    /// The token that starts at `offset`, found by binary search (tokens are in source order).
    func first(startingAt offset: Int) -> Token? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].span.start < offset { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low].span.start == offset ? self[low] : nil
    }
}
