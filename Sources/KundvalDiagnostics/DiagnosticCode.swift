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
    /// Numbers and commas with no space (`1,2,3`): a decimal comma or commas between numbers.
    public static let commaAfterDecimal = DiagnosticCode("K0109")

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
    /// A number written with spaces between its thousands, as documents print it (`1 000 000`).
    public static let digitGroups = DiagnosticCode("K0214")


    // MARK: Name and type errors (K03xx): what the rules mean.

    /// A name that is no fact, variable, definition or enumeration case.
    public static let unknownName = DiagnosticCode("K0301")
    /// A field that the record type does not have.
    public static let unknownField = DiagnosticCode("K0302")
    /// A type name that is neither built in nor declared.
    public static let unknownType = DiagnosticCode("K0303")
    /// An operator applied to values it does not work on (`belopp + procent`).
    public static let invalidOperands = DiagnosticCode("K0304")
    /// A comparison of values of different kinds (`belopp` with `procent`, `datum` with a number).
    public static let incomparableValues = DiagnosticCode("K0305")
    /// A requirement, condition or logical operand that is not `ja/nej`.
    public static let expectedBoolean = DiagnosticCode("K0306")
    /// A value of the wrong type where a type is known.
    public static let typeMismatch = DiagnosticCode("K0307")
    /// A value that may be unknown where a known value is needed.
    public static let possiblyUnknown = DiagnosticCode("K0308")
    /// A name declared twice.
    public static let duplicateDeclaration = DiagnosticCode("K0309")
    /// A call with the wrong number of arguments.
    public static let argumentCount = DiagnosticCode("K0310")
    /// `alla`, `antal`, `summa` over something that is not a list.
    public static let notAList = DiagnosticCode("K0311")
    /// Days (or weeks) mixed with months (or years).
    public static let mixedDurations = DiagnosticCode("K0312")
    /// `okänt` or `[]` where nothing says what type it has.
    public static let needsContext = DiagnosticCode("K0313")
    /// A number that its unit does not allow (an amount in fractions of öre, half a month).
    public static let invalidQuantity = DiagnosticCode("K0314")
    /// A call of something that is not a definition or a table, or a definition used without its arguments.
    public static let notCallable = DiagnosticCode("K0315")
    /// `<` or `>` on an enumeration whose cases have no order.
    public static let unorderedEnumeration = DiagnosticCode("K0316")
    /// `finns` or `saknas` on a value that can never be unknown (a warning).
    public static let presenceAlwaysKnown = DiagnosticCode("K0317")
    /// A record written out (`{ … }`) without a field that cannot be unknown (a warning).
    public static let missingRecordField = DiagnosticCode("K0318")
    /// A requirement that reads no fact and no date: the same for every provider (a warning).
    public static let constantRequirement = DiagnosticCode("K0319")
    /// A division (`/`, `rest`) by a zero written in the rules (a warning).
    public static let divisionByZeroLiteral = DiagnosticCode("K0320")

    // MARK: Linking errors (K04xx): how the documents fit together.

    /// A kundval refers to a reglemente that is not among the files.
    public static let unknownReglemente = DiagnosticCode("K0401")
    /// A kundval that does not say which reglemente it refines.
    public static let missingReglemente = DiagnosticCode("K0402")
    /// A specific condition whose number the reglemente does not have.
    public static let unknownGeneralCondition = DiagnosticCode("K0403")
    /// A sub-condition (`10.1`) whose parent (`10`) does not exist.
    public static let orphanSubCondition = DiagnosticCode("K0404")
    /// The same condition number twice in one document.
    public static let duplicateCondition = DiagnosticCode("K0405")
    /// `förekommer inte` for a general condition that is not `i förekommande fall`.
    public static let mandatoryConditionSwitchedOff = DiagnosticCode("K0406")
    /// A reference to a condition number that does not exist (`granskar villkor`, a test).
    public static let unknownConditionReference = DiagnosticCode("K0407")
    /// A maximum age on evidence that has no date.
    public static let undatedEvidence = DiagnosticCode("K0408")
    /// A maximum age that is not a duration.
    public static let invalidMaximumAge = DiagnosticCode("K0409")
    /// A test naming an assessment kind that is not declared.
    public static let unknownAssessment = DiagnosticCode("K0410")
    /// A test starting from an example that is not declared.
    public static let unknownExample = DiagnosticCode("K0411")
    /// Two files with the same document (name and version).
    public static let duplicateDocument = DiagnosticCode("K0412")
    /// `förekommer inte i detta kundval` in a reglemente.
    public static let switchOffInReglemente = DiagnosticCode("K0413")
    /// `sanktion enligt T` where `T` is no decision table giving a sanction.
    public static let unknownSanctionTable = DiagnosticCode("K0414")
    /// A range of conditions that runs backwards (`villkor 9–1`).
    public static let backwardsRange = DiagnosticCode("K0415")
    /// A test that says neither when it is assessed (`vid`) or what it expects (`förväntas`).
    public static let incompleteTest = DiagnosticCode("K0416")
    /// An example file outside the rule file's folder (an absolute path, or one with `..`).
    public static let exampleOutsideFolder = DiagnosticCode("K0417")
    /// A test expecting an outcome of another kind of assessment (`godkänd` at a follow-up).
    public static let outcomeOfAnotherAssessment = DiagnosticCode("K0418")
    /// A heading on a kundval's condition that refines a general one with the same number: the
    /// row keeps the reglemente's heading (a warning).
    public static let refinedConditionTitle = DiagnosticCode("K0419")
    /// A sub-condition under a condition the kundval says does not occur (`villkor 19.1` after
    /// `villkor 19 förekommer inte i detta kundval`).
    public static let subConditionOfSwitchedOff = DiagnosticCode("K0420")
    /// A kind of assessment without `vid brist`: it does not say whether it assesses an
    /// application or an authorized provider, so it would test nothing.
    public static let assessmentWithoutConsequence = DiagnosticCode("K0421")
    /// A condition written after one with a higher number (`villkor 11` after `villkor 27.2`):
    /// the document shows its rows in number order, under the headings around them (a warning).
    public static let conditionOutOfOrder = DiagnosticCode("K0422")

    // MARK: Tables and totality (K05xx).

    /// An input combination that no row of a decision table covers.
    public static let tableGap = DiagnosticCode("K0501")
    /// Two rows that both apply with different results, in a table without `i ordning`.
    public static let tableOverlap = DiagnosticCode("K0502")
    /// A row whose number of cells does not match the table.
    public static let tableRowWidth = DiagnosticCode("K0503")
    /// An input cell that is not a constant.
    public static let tableCellNotConstant = DiagnosticCode("K0504")
    /// Definitions that call themselves, directly or through others.
    public static let definitionCycle = DiagnosticCode("K0505")
    /// A table too large to check for gaps and overlaps (a warning).
    public static let tableTooLarge = DiagnosticCode("K0506")
    /// A definition nested, through the definitions it uses, deeper than evaluation allows.
    public static let definitionChainTooDeep = DiagnosticCode("K0507")
    /// A definition or table that calls others so many times that computing it would take too long.
    public static let definitionTooLarge = DiagnosticCode("K0508")

    // MARK: Tests in the files (K06xx): reported by `kundval test`; K0603 by `kundval check` too.

    /// A test whose expectation does not hold.
    public static let testFailed = DiagnosticCode("K0601")
    /// A test that could not be run (its example cannot be used, or a computation failed).
    public static let testNotRun = DiagnosticCode("K0602")
    /// An example's JSON file that cannot be read or whose facts do not fit the rules,
    /// reported once at its path.
    public static let exampleUnusable = DiagnosticCode("K0603")
}
