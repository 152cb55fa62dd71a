/// A stable diagnostic code such as `K0204`.
///
/// Codes never change meaning once published; every code has an entry in
/// ``DiagnosticCatalog`` with a one-line explanation and an example.
public struct DiagnosticCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code as written, for example `K0204`.
    public let rawValue: String

    /// Creates a code from its spelling.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The code as written.
    public var description: String { rawValue }

    /// Codes sort by their spelling.
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension DiagnosticCode {
    // MARK: Lexical errors (K01xx): the bytes of the file.

    /// The file is not valid UTF-8.
    public static let invalidUTF8 = DiagnosticCode("K0101")
    /// A character that belongs to no token.
    public static let unknownCharacter = DiagnosticCode("K0102")
    /// A text literal that never ends.
    public static let unterminatedText = DiagnosticCode("K0103")
    /// A number literal too large to represent exactly.
    public static let numberTooLarge = DiagnosticCode("K0104")
    /// A control character such as NUL.
    public static let controlCharacter = DiagnosticCode("K0105")
    /// A date literal that is not a calendar date.
    public static let invalidDate = DiagnosticCode("K0106")
    /// The file is larger than the language allows.
    public static let fileTooLarge = DiagnosticCode("K0107")
    /// A decimal number written with a point instead of a comma.
    public static let decimalPoint = DiagnosticCode("K0108")

    // MARK: Syntax errors (K02xx): the structure of the file.

    /// A specific token was expected.
    public static let expectedToken = DiagnosticCode("K0201")
    /// The file does not start with `reglemente` or `kundval`.
    public static let missingHeader = DiagnosticCode("K0202")
    /// A line that starts no declaration.
    public static let unknownDeclaration = DiagnosticCode("K0203")
    /// A word that is not a clause of the declaration it stands in.
    public static let unknownClause = DiagnosticCode("K0204")
    /// An expression was expected.
    public static let expectedExpression = DiagnosticCode("K0205")
    /// Nesting deeper than the parser allows.
    public static let nestingTooDeep = DiagnosticCode("K0206")
    /// A bracket that is never closed.
    public static let unclosedBracket = DiagnosticCode("K0207")
    /// A second document header in one file.
    public static let duplicateHeader = DiagnosticCode("K0208")
    /// An unknown kind of evidence after `underlag`.
    public static let unknownEvidenceKind = DiagnosticCode("K0209")
    /// An unknown consequence after `vid brist:`.
    public static let unknownConsequence = DiagnosticCode("K0210")
    /// A decision-table row whose last cell (the result) is `-` or a comparison.
    public static let tableResultCell = DiagnosticCode("K0211")
    /// Comparisons chained without `och`.
    public static let chainedComparison = DiagnosticCode("K0212")
    /// An unknown expected outcome or status in a test.
    public static let unknownExpectation = DiagnosticCode("K0213")
}
