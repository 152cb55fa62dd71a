import KundvalDiagnostics

/// The kind of a token.
public enum TokenKind: UInt8, Sendable, Hashable {
    /// A name such as `anordnare` or `kreditvärdighet` (contextual keywords included).
    case identifier
    /// A reserved keyword such as `villkor` or `och`.
    case keyword
    /// Digits: `12`.
    case integer
    /// Digits, a comma and digits: `2,5` (Swedish decimal comma).
    case decimal
    /// Digits separated by points: `16.8.4` (a condition number).
    case dottedNumber
    /// `2024-11-01`.
    case date
    /// `"…"` on one line.
    case text
    /// `"""` … `"""` over several lines.
    case multilineText
    /// Brackets: `(` `)` `[` `]` `{` `}`.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    /// Punctuation and arithmetic: `,` `:` `.` `|` `+` `-` `*` (or `×`) `/` `%`.
    case comma, colon, dot, pipe, plus, minus, star, slash, percent
    /// Comparisons: `=`, `!=` (or `≠`, `<>`), `<`, `<=` (or `≤`), `>`, `>=` (or `≥`).
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    /// En dash `–`, used in ranges such as `villkor 1–9`.
    case dash
    /// A character that belongs to no token (already reported by the lexer).
    case unknown
    /// End of the file.
    case endOfFile
}

/// One token: its kind, keyword (if any) and byte span. Tokens do not own their text; the text is
/// read from the ``SourceFile`` on demand.
public struct Token: Sendable, Hashable {
    /// What the token is.
    public var kind: TokenKind
    /// The keyword the token spells, for reserved and contextual keywords alike.
    public var keyword: Keyword?
    /// Whether the token is the first on its line (used for error recovery).
    public var isAtLineStart: Bool
    /// For texts: whether the closing delimiter is missing (already reported by the lexer).
    public var isUnterminated = false
    private var startOffset: UInt32
    private var endOffset: UInt32

    /// Creates a token.
    public init(kind: TokenKind, keyword: Keyword? = nil, isAtLineStart: Bool, span: SourceSpan) {
        self.kind = kind
        self.keyword = keyword
        self.isAtLineStart = isAtLineStart
        self.startOffset = UInt32(truncatingIfNeeded: span.start)
        self.endOffset = UInt32(truncatingIfNeeded: span.end)
    }

    /// The bytes the token covers.
    public var span: SourceSpan { SourceSpan(start: Int(startOffset), end: Int(endOffset)) }

    /// Whether the token is the keyword `keyword` (reserved or contextual).
    @inline(__always)
    public func `is`(_ keyword: Keyword) -> Bool { self.keyword == keyword }

    /// Whether an expression's operand can start with this token: a name, a number, a date, a
    /// bracket, `inte`, or a word that starts an expression (`ja`, `om`, `alla`, …).
    public var startsOperand: Bool {
        switch kind {
        case .identifier, .integer, .decimal, .date, .leftParen, .leftBracket, .leftBrace, .minus: return true
        case .keyword:
            switch keyword {
            case .ja, .nej, .okänt, .om, .alla, .någon, .ingen, .antal, .summa, .inte, .ej: return true
            default: return false
            }
        default: return false
        }
    }

    /// Whether the token can be used as a name: an identifier, including contextual keywords.
    public var isIdentifier: Bool { kind == .identifier }
}

extension TokenKind {
    /// How the token kind is named in messages.
    public var displayName: String {
        switch self {
        case .identifier: "ett namn"
        case .keyword: "ett nyckelord"
        case .integer: "ett heltal"
        case .decimal: "ett decimaltal"
        case .dottedNumber: "ett villkorsnummer"
        case .date: "ett datum"
        case .text, .multilineText: "en text"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .leftBrace: "`{`"
        case .rightBrace: "`}`"
        case .comma: "`,`"
        case .colon: "`:`"
        case .dot: "`.`"
        case .pipe: "`|`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .star: "`*`"
        case .slash: "`/`"
        case .percent: "`%`"
        case .equal: "`=`"
        case .notEqual: "`≠`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .dash: "`–`"
        case .unknown: "ett okänt tecken"
        case .endOfFile: "filens slut"
        }
    }
}
