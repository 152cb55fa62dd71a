import KundvalDiagnostics

/// An expression of the rules language with its source span.
public struct Expression: Hashable, Sendable {
    /// What the expression is.
    public var kind: Kind
    /// Where it was written.
    public var span: SourceSpan

    /// Creates an expression.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The forms an expression can take.
    public indirect enum Kind: Hashable, Sendable {
        /// `ja` or `nej`.
        case boolean(Bool)
        /// `okänt`: a value that is not known.
        case unknown
        /// A number with an optional unit and rate: `12`, `2,5 %`, `10 timmar per vecka`.
        case number(NumberLiteral, unit: Unit?, per: Unit?)
        /// `2024-11-01`.
        case date(DateLiteral)
        /// `"text"`.
        case text(String)
        /// A name: a fact, a parameter, a definition or an enumeration case.
        case name(String)
        /// `base.member`.
        case member(Expression, Identifier)
        /// `callee(arguments)`.
        case call(Expression, [Expression])
        /// `-x` or `inte x`.
        case unary(UnaryOperator, Expression)
        /// `x + y`, `x och y`, `x >= y`, `x är minst y`, …
        case binary(BinaryOperator, Expression, Expression)
        /// `x finns` (`present == true`) or `x saknas`.
        case presence(Expression, present: Bool)
        /// `om villkor så a annars b`.
        case conditional(Expression, Expression, Expression)
        /// `p.registerutdrag högst 6 månader gammalt [vid p.anställningsdatum]`: whether a dated
        /// document is at most that old on a date (the assessment date when none is given).
        case documentAge(Expression, Quantity, at: Expression?)
        /// `alla p i lista: villkor`, `någon …`, `ingen …`.
        case quantified(Quantifier, Identifier, Expression, Expression)
        /// `antal p i lista där villkor`.
        case count(Identifier, Expression, filter: Expression?)
        /// `summa p i lista: belopp`.
        case sum(Identifier, Expression, Expression)
        /// `största p i lista: värde` (`largest`), `minsta p i lista: värde`, with the elements
        /// counted filtered by `där villkor` before the `:`.
        case extreme(largest: Bool, Identifier, Expression, filter: Expression?, Expression)
        /// `[a, b, c]`.
        case list([Expression])
        /// `{ namn: "Exempel AB", kreditvärdighet: 3 }`.
        case record([RecordField])
        /// A placeholder where a syntax error was reported.
        case error
    }
}

/// One `name: value` entry of a record literal.
public struct RecordField: Hashable, Sendable {
    /// The field name.
    public var name: Identifier
    /// The field value.
    public var value: Expression
    /// Creates a record field.
    public init(name: Identifier, value: Expression) { self.name = name; self.value = value }
}

/// Prefix operators.
public enum UnaryOperator: String, Hashable, Sendable {
    /// Arithmetic negation `-`.
    case negate = "-"
    /// Logical negation `inte` (also `ej`).
    case not = "inte"
}

/// Infix operators, from logic to arithmetic.
public enum BinaryOperator: String, Hashable, Sendable {
    /// `eller`: three-valued disjunction.
    case or = "eller"
    /// `och`: three-valued conjunction.
    case and = "och"
    /// `=` (also `är`).
    case equal = "="
    /// `≠`, `!=`, `<>` (also `är inte`).
    case notEqual = "≠"
    /// `<`.
    case less = "<"
    /// `<=`, `≤` (also `är högst`).
    case lessEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`, `≥` (also `är minst`).
    case greaterEqual = ">="
    /// `+`.
    case add = "+"
    /// `-`.
    case subtract = "-"
    /// `*`, `×`.
    case multiply = "*"
    /// `/`.
    case divide = "/"

    /// Whether the operator compares two values.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

/// The quantifiers over lists.
public enum Quantifier: String, Hashable, Sendable {
    /// Every element satisfies the condition.
    case all = "alla"
    /// At least one element satisfies the condition.
    case some = "någon"
    /// No element satisfies the condition.
    case none = "ingen"
}
