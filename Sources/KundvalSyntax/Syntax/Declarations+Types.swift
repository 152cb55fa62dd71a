import KundvalDiagnostics

/// `typ Namn …`: a record, an enumeration, or fields added to an existing record.
public struct TypeDecl: Hashable, Sendable {
    /// The type's name.
    public var name: Identifier
    /// What the type is.
    public var body: Body
    /// The whole declaration.
    public var span: SourceSpan

    /// The forms of a type declaration.
    public enum Body: Hashable, Sendable {
        /// A record with fields.
        case record([FieldDecl])
        /// `typ Anordnare utökas`: fields added to a record declared elsewhere.
        case extensionFields([FieldDecl])
        /// `en av a, b, c [i stigande ordning]`.
        case enumeration([Identifier], ordered: Bool)
        /// `typ Sanktion utökas: en av åtgärdsplan före varning`: cases added to an enumeration
        /// declared elsewhere, at the end or before or after one of its cases.
        case extensionCases([Identifier], position: CasePosition?)
    }
}

/// Where added enumeration cases go: `före varning` or `efter varning`.
public struct CasePosition: Hashable, Sendable {
    /// `före` (true) or `efter` (false).
    public var before: Bool
    /// The existing case.
    public var anchor: Identifier
}

/// `namn: typ`, a field, a fact or a parameter.
public struct FieldDecl: Hashable, Sendable {
    /// The name.
    public var name: Identifier
    /// The declared type.
    public var type: TypeSyntax
    /// The whole declaration.
    public var span: SourceSpan
}

/// A written type: `ja/nej`, `heltal`, `lista av Person`, `dokument kan saknas`.
public struct TypeSyntax: Hashable, Sendable {
    /// What the type is.
    public var kind: Kind
    /// `kan saknas`: the fact may be unknown.
    public var isOptional: Bool
    /// Where it was written.
    public var span: SourceSpan

    /// The forms of a type.
    public indirect enum Kind: Hashable, Sendable {
        /// `ja/nej`.
        case boolean
        /// A named type, built in (`heltal`, `belopp`, `datum`, …) or declared.
        case named(Identifier)
        /// `lista av T`.
        case list(TypeSyntax)
        /// A placeholder where a syntax error was reported.
        case error
    }
}

/// `fakta` with the root facts an evaluation receives.
public struct FactsDecl: Hashable, Sendable {
    /// The facts.
    public var fields: [FieldDecl]
    /// The whole declaration.
    public var span: SourceSpan
}

/// `definition namn(parametrar): typ = uttryck`: a named computation.
public struct DefinitionDecl: Hashable, Sendable {
    /// The definition's name.
    public var name: Identifier
    /// The parameters, possibly none.
    public var parameters: [FieldDecl]
    /// The declared result type, if written.
    public var resultType: TypeSyntax?
    /// The computation.
    public var body: Expression
    /// The whole declaration.
    public var span: SourceSpan
}

/// A decision table: parameters, a result type, and rows of cells.
public struct DecisionTableDecl: Hashable, Sendable {
    /// The table's name.
    public var name: Identifier
    /// One parameter per input column.
    public var parameters: [FieldDecl]
    /// The type of the result column.
    public var resultType: TypeSyntax
    /// `i ordning`: the first matching row wins; otherwise rows must not overlap.
    public var isOrdered: Bool
    /// The rows.
    public var rows: [TableRow]
    /// The whole declaration.
    public var span: SourceSpan
}

/// `| osannolik | - | åtgärdsplan |`.
public struct TableRow: Hashable, Sendable {
    /// The input cells, one per parameter.
    public var conditions: [TableCell]
    /// The result cell.
    public var result: Expression
    /// The whole row.
    public var span: SourceSpan
}

/// One input cell of a decision table.
public struct TableCell: Hashable, Sendable {
    /// `-` (any value), or a comparison with the column's value (`= x` when no operator is written).
    public var test: (BinaryOperator, Expression)?
    /// Where it was written.
    public var span: SourceSpan

    /// Creates a cell.
    public init(test: (BinaryOperator, Expression)?, span: SourceSpan) {
        self.test = test
        self.span = span
    }

    /// Cells are equal when they test the same way at the same place.
    public static func == (lhs: TableCell, rhs: TableCell) -> Bool {
        lhs.span == rhs.span && lhs.test?.0 == rhs.test?.0 && lhs.test?.1 == rhs.test?.1
    }

    /// Hashes the span and the test.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(span)
        hasher.combine(test?.0)
        hasher.combine(test?.1)
    }
}
