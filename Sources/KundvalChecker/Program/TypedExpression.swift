import KundvalDiagnostics
import KundvalSyntax

/// An expression after checking: every name resolved (facts by index, local variables by slot,
/// fields by index, enumeration cases by index) and every node typed.
public struct TypedExpression: Hashable, Sendable {
    /// What the expression is.
    public var kind: Kind
    /// Its type.
    public var type: KundvalType
    /// Where it was written.
    public var span: SourceSpan

    /// Creates a typed expression.
    public init(_ kind: Kind, type: KundvalType, span: SourceSpan) {
        self.kind = kind
        self.type = type
        self.span = span
    }

    /// The resolved forms of an expression.
    public indirect enum Kind: Hashable, Sendable {
        /// `ja` or `nej`.
        case boolean(Bool)
        /// `okänt`.
        case unknown
        /// A number; its ``TypedExpression/type`` says whether it is an amount, a percentage,
        /// a duration, … (`3 veckor` is stored as 21 days, `2 år` as 24 months).
        case number(NumberLiteral)
        /// A date.
        case date(DateLiteral)
        /// A text.
        case text(String)
        /// A case of an enumeration, by index.
        case enumCase(enumeration: String, index: Int)
        /// A root fact, by its index in the document's facts.
        case fact(index: Int, name: String)
        /// A local variable (parameter or list element), by slot.
        case local(slot: Int, name: String)
        /// `base.field`, by field index.
        case field(TypedExpression, index: Int, name: String)
        /// A call of a definition (bare names of definitions without parameters too).
        case callDefinition(String, [TypedExpression])
        /// A call of a decision table.
        case callTable(String, [TypedExpression])
        /// A call of a built-in function.
        case callBuiltin(Builtin, [TypedExpression])
        /// `bedömningsdatum`: the date of the assessment.
        case assessmentDate
        /// `-x`, `inte x`.
        case unary(UnaryOperator, TypedExpression)
        /// `x op y`.
        case binary(BinaryOperator, TypedExpression, TypedExpression)
        /// `x finns` / `x saknas`.
        case presence(TypedExpression, present: Bool)
        /// `om c så a annars b`.
        case conditional(TypedExpression, TypedExpression, TypedExpression)
        /// `dokument högst 6 månader gammalt [vid datum]`: the document is a date or a record with
        /// `utfärdat` at `field` (nil for a date); `at` is the assessment date when `nil`.
        case documentAge(TypedExpression, issuedField: Int?, DocumentAge, at: TypedExpression?)
        /// `alla/någon/ingen v i lista: villkor`, the element in `slot`.
        case quantified(Quantifier, slot: Int, TypedExpression, TypedExpression)
        /// `antal v i lista där villkor`.
        case count(slot: Int, TypedExpression, filter: TypedExpression?)
        /// `summa v i lista: värde`.
        case sum(slot: Int, TypedExpression, TypedExpression)
        /// `största v i lista: värde` (`largest`), `minsta …`, over the elements `där villkor`
        /// holds for when given: unknown for an empty list.
        case extreme(largest: Bool, slot: Int, TypedExpression, filter: TypedExpression?, TypedExpression)
        /// `[a, b]`.
        case list([TypedExpression])
        /// `{ fält: värde }`, values by field index (`nil` where a field is not given).
        case record(String, [TypedExpression?])
        /// Where an error was reported.
        case error
    }
}

/// A checked body with the number of local slots its evaluation needs.
public struct CheckedBody: Hashable, Sendable {
    /// The expression.
    public var expression: TypedExpression
    /// How many local slots (parameters and list elements) evaluation needs.
    public var frameSize: Int
}

extension TypedExpression {
    /// Whether the expression reads nothing that differs between evaluations: no fact, local,
    /// call of a definition or table, or the assessment date; only what is written in it.
    public var readsNothing: Bool {
        switch kind {
        case .boolean, .number, .date, .text, .enumCase, .unknown: true
        case .unary(_, let operand), .presence(let operand, _): operand.readsNothing
        case .binary(_, let left, let right): left.readsNothing && right.readsNothing
        case .conditional(let a, let b, let c): a.readsNothing && b.readsNothing && c.readsNothing
        case .callBuiltin(_, let arguments), .list(let arguments): arguments.allSatisfy(\.readsNothing)
        case .record(_, let fields): fields.allSatisfy { $0?.readsNothing ?? true }
        case .fact, .local, .field, .callDefinition, .callTable, .assessmentDate, .documentAge, .quantified, .count, .sum,
             .extreme, .error:
            false
        }
    }
}
