import KundvalDiagnostics
import KundvalSyntax

/// Compares two expressions as syntax trees, source spans aside, and finds the smallest
/// sub-expressions that differ: where two nodes are of the same form with the same operator,
/// name or literal, their children are compared instead; the operands of a chain of `och` (or
/// of `eller`) are aligned, so an added or removed operand is shown alone.
public struct ExpressionDiff {
    /// The old expression's file, for its source text.
    public let oldFile: SourceFile
    /// The new expression's file.
    public let newFile: SourceFile

    /// Creates a comparer for expressions of these two files.
    public init(oldFile: SourceFile, newFile: SourceFile) { self.oldFile = oldFile; self.newFile = newFile }

    /// Whether two expressions are the same, spans aside.
    public static func same(_ a: Expression, _ b: Expression) -> Bool {
        switch (a.kind, b.kind) {
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.unknown, .unknown), (.error, .error): return true
        case (.number(let x, let unitX, let perX), .number(let y, let unitY, let perY)):
            return perX == perY && sameAmount(x, unitX, y, unitY)
        case (.date(let x), .date(let y)): return x.description == y.description
        case (.text(let x), .text(let y)): return x == y
        case (.name(let x), .name(let y)): return x == y
        default: break
        }
        guard let shapeA = shape(a), let shapeB = shape(b), shapeA.label == shapeB.label,
              shapeA.children.count == shapeB.children.count else { return false }
        return zip(shapeA.children, shapeB.children).allSatisfy { same($0, $1) }
    }

    /// The smallest differing sub-expressions of `old` and `new`; empty when they are the same.
    public func changes(_ old: Expression, _ new: Expression) -> [ExpressionChange] {
        if Self.same(old, new) { return [] }
        // A chain of `och` (or `eller`) on either side: its operands aligned with the other
        // side's (one operand when that side is no such chain), so `a` → `a och b` shows `b` added.
        for op in [BinaryOperator.and, .or] {
            let a = Self.operands(old, op), b = Self.operands(new, op)
            if a.count > 1 || b.count > 1, (a.count > 1) == (b.count > 1) || a.contains(where: { x in b.contains { Self.same(x, $0) } }) {
                return operandChanges(a, b)
            }
        }
        if let a = Self.shape(old), let b = Self.shape(new), a.label == b.label, a.children.count == b.children.count {
            let differing = zip(a.children, b.children).filter { !Self.same($0, $1) }
            // Only literals differ (`år >= 3` → `år >= 4`): the literal alone would not say what
            // it is compared with or passed to, so the whole expression is shown.
            if differing.allSatisfy({ Self.isLiteral($0) && Self.isLiteral($1) }) { return [change(old, new)] }
            return differing.flatMap { changes($0, $1) }
        }
        return [change(old, new)]
    }

    /// A number, date, text, `ja`/`nej` or `okänt` as written.
    static func isLiteral(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .boolean, .unknown, .number, .date, .text: true
        default: false
        }
    }

    /// The operands of a chain of one associative operator, left to right.
    static func operands(_ expression: Expression, _ op: BinaryOperator) -> [Expression] {
        if case .binary(let found, let left, let right) = expression.kind, found == op {
            return operands(left, op) + operands(right, op)
        }
        return [expression]
    }

    /// Aligns two operand lists by a longest common subsequence of equal operands; a run of
    /// differing operands of the same length on both sides is compared operand by operand,
    /// otherwise its operands are shown as removed and added.
    func operandChanges(_ a: [Expression], _ b: [Expression]) -> [ExpressionChange] {
        var result: [ExpressionChange] = []
        for run in Alignment.runs(Alignment.steps(a.count, b.count, equal: { Self.same(a[$0], b[$1]) })) where run.kept == nil {
            if run.removed.count == run.added.count {
                result += zip(run.removed, run.added).flatMap { changes(a[$0], b[$1]) }
            } else {
                result += run.removed.map { change(a[$0], nil) } + run.added.map { change(nil, b[$0]) }
            }
        }
        return result
    }

    /// A change showing the source text of both sides.
    func change(_ old: Expression?, _ new: Expression?) -> ExpressionChange {
        ExpressionChange(old: old.map { Self.collapse(oldFile.text(of: $0.span)) },
                         new: new.map { Self.collapse(newFile.text(of: $0.span)) },
                         oldLine: old.map { oldFile.location(of: $0.span.start).line },
                         newLine: new.map { newFile.location(of: $0.span.start).line })
    }

    /// A text with each run of whitespace (line breaks and indentation included) made one space.
    public static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Two amounts that are the same however written: the same number in the same unit, or
    /// weeks and the days they are (`2 veckor`, `14 dagar`), years and the months they are
    /// (`1 år`, `12 månader`). The rules count both alike; a diff showed them as changed.
    static func sameAmount(_ x: NumberLiteral, _ unitX: Unit?, _ y: NumberLiteral, _ unitY: Unit?) -> Bool {
        if unitX == unitY { return sameNumber(x, y) }
        func counted(_ n: NumberLiteral, _ unit: Unit?) -> (NumberLiteral, Unit?)? {
            let factor: Int64 = unit == .veckor ? 7 : unit == .år ? 12 : 1
            let (value, overflow) = n.scaledValue.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            let base: Unit? = unit == .veckor ? .dagar : unit == .år ? .månader : unit
            return (NumberLiteral(scaledValue: value, scale: n.scale), base)
        }
        guard let a = counted(x, unitX), let b = counted(y, unitY), a.1 == b.1 else { return false }
        return sameNumber(a.0, b.0)
    }

    /// Two number literals of the same value (`2,50` and `2,5` are the same).
    static func sameNumber(_ x: NumberLiteral, _ y: NumberLiteral) -> Bool {
        func normal(_ n: NumberLiteral) -> (Int64, Int) {
            var value = n.scaledValue, scale = n.scale
            while scale > 0, value % 10 == 0 { value /= 10; scale -= 1 }
            return (value, scale)
        }
        return normal(x) == normal(y)
    }

    /// A compound expression as a label (its form with every operator, name and literal that is
    /// not a child) and its child expressions; `nil` for a leaf.
    static func shape(_ expression: Expression) -> (label: String, children: [Expression])? {
        switch expression.kind {
        case .boolean, .unknown, .number, .date, .text, .name, .error:
            return nil
        case .member(let base, let member):
            return ("member \(member.name)", [base])
        case .call(let callee, let arguments):
            return ("call", [callee] + arguments)
        case .unary(let op, let operand):
            return ("unary \(op.rawValue)", [operand])
        case .binary(let op, let left, let right):
            return ("binary \(op.rawValue)", [left, right])
        case .presence(let operand, let present):
            return ("presence \(present)", [operand])
        case .conditional(let test, let then, let otherwise):
            return ("conditional", [test, then, otherwise])
        case .documentAge(let document, let age, let at):
            let number = age.value
            var scaled = number.scaledValue, scale = number.scale
            while scale > 0, scaled % 10 == 0 { scaled /= 10; scale -= 1 }
            return ("age \(scaled)e-\(scale) \(age.unit.rawValue) \(at == nil)", [document] + (at.map { [$0] } ?? []))
        case .quantified(let quantifier, let variable, let list, let body):
            return ("quantified \(quantifier.rawValue) \(variable.name)", [list, body])
        case .count(let variable, let list, let filter):
            return ("count \(variable.name) \(filter == nil)", [list] + (filter.map { [$0] } ?? []))
        case .sum(let variable, let list, let body):
            return ("sum \(variable.name)", [list, body])
        case .extreme(let largest, let variable, let list, let filter, let body):
            return ("\(largest ? "largest" : "smallest") \(variable.name) \(filter == nil)", [list] + (filter.map { [$0] } ?? []) + [body])
        case .list(let elements):
            return ("list", elements)
        case .record(let fields):
            return ("record " + fields.map(\.name.name).joined(separator: ","), fields.map(\.value))
        }
    }
}
