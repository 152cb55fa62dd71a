/// The words the language gives a meaning.
///
/// *Reserved* keywords can never name a fact or a definition; they start declarations and
/// clauses, or are operators. *Contextual* keywords are ordinary identifiers that the parser
/// recognizes only where the grammar expects them (`brist` after `vid`, `månader` after a number),
/// so a fact may still be called `ansökan` or `år`.
public enum Keyword: String, CaseIterable, Sendable {
    // Declarations.
    case reglemente, kundval, avsnitt, villkor, typ, fakta, definition, insats, tabell, bedömning, exempel, test
    // Expressions.
    case och, eller, inte, ej, ja, nej, okänt, om, så, annars, alla, någon, ingen, antal, summa
    case i, där, finns, saknas, är, minst, högst, per, av, med
    // Clauses.
    case lydelse, förtydligande, kräver, underlag, vid, gäller, när, förekommer, anmärkning
    case version, beslutad, nämnd, diarienummer, fastställd, enligt, utgår, förväntas
    // Contextual words.
    case brist, från, godkänd, auktorisation, sanktion, avauktorisation, bifogas, ansökan
    case uppföljning, kontroll, egenförsäkran, informationsplikt, referenser, förändring
    case gammalt, gammal, lista, kan, en, stigande, ordning, uppfyllt, tillämpligt
    case komplettering, krävs, förekommande, fall, detta, granskar, till, utökas, att
    // Units (contextual).
    case dag, dagar, vecka, veckor, månad, månader, år, timme, timmar, kr, procent, hp, yhp

    /// The first contextual keyword; every case before it is reserved.
    private static let firstContextual = Keyword.brist

    /// Whether the word can never be used as an identifier.
    public var isReserved: Bool { Self.reservedSet.contains(self) }

    /// Keywords that start a top-level declaration.
    public static let declarationStarters: Set<Keyword> = [
        .reglemente, .kundval, .avsnitt, .villkor, .typ, .fakta, .definition, .insats, .tabell,
        .bedömning, .exempel, .test,
    ]

    /// Spellings of the units that may follow a number.
    public static let units: Set<Keyword> = [
        .dag, .dagar, .vecka, .veckor, .månad, .månader, .år, .timme, .timmar, .kr, .procent, .hp, .yhp,
    ]

    private static let reservedSet: Set<Keyword> = {
        let index = allCases.firstIndex(of: firstContextual)!
        return Set(allCases[..<index])
    }()

    /// All reserved spellings, for suggestions.
    public static let reservedSpellings: [String] = allCases.filter(\.isReserved).map(\.rawValue)

    /// Looks a spelling up; `nil` when the word is no keyword.
    static let table: [String: Keyword] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The longest keyword spelling in UTF-8 bytes; longer words are never looked up.
    static let maximumByteLength: Int = allCases.map(\.rawValue.utf8.count).max() ?? 0
}
