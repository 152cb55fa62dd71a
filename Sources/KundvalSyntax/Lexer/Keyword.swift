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
    case enligt, utgår, förväntas
    // Contextual words. The header's clause words are among them, so that a fact or a field
    // may be called `nämnd`, `version` or `diarienummer`: a header clause is known by its
    // place (the start of a line in the header) and what follows it.
    case brist, version, beslutad, nämnd, diarienummer, fastställd, från, godkänd, auktorisation, sanktion, avauktorisation, bifogas, ansökan
    case uppföljning, kontroll, egenförsäkran, informationsplikt, referenser, förändring
    case gammalt, gammal, lista, kan, en, stigande, ordning, uppfyllt, tillämpligt
    case komplettering, krävs, förekommande, fall, detta, granskar, till, utökas, att
    case sanktioner, prövar, insatser, uppvisas, egen, anmälan, före, efter, inga, brister, för
    // Units (contextual).
    case dag, dagar, vecka, veckor, månad, månader, år, timme, timmar, kr, procent, hp, yhp

    /// The first contextual keyword; every case before it is reserved.
    private static let firstContextual = Keyword.brist

    /// Whether the word can never be used as an identifier.
    public var isReserved: Bool { Self.reservedSet.contains(self) }

    /// Keywords that start a top-level declaration (`sanktioner` and `avauktorisation` only
    /// where followed by `enligt` and a text).
    public static let declarationStarters: Set<Keyword> = [
        .reglemente, .kundval, .avsnitt, .villkor, .typ, .fakta, .definition, .insats, .tabell,
        .bedömning, .exempel, .test, .sanktioner, .avauktorisation,
    ]

    /// Spellings of the units that may follow a number.
    public static let units: Set<Keyword> = [
        .dag, .dagar, .vecka, .veckor, .månad, .månader, .år, .timme, .timmar, .kr, .procent, .hp, .yhp,
    ]

    /// The units of an age or a duration in days, weeks, months or years (`högst 3 månader gammalt`).
    public static let timeUnits: Set<Keyword> = [.dag, .dagar, .vecka, .veckor, .månad, .månader, .år]

    private static let reservedSet: Set<Keyword> = {
        let index = allCases.firstIndex(of: firstContextual)!
        return Set(allCases[..<index])
    }()

    /// All reserved spellings, for suggestions.
    public static let reservedSpellings: [String] = allCases.filter(\.isReserved).map(\.rawValue)

    /// The longest keyword spelling in UTF-8 bytes; longer words are never looked up.
    static let maximumByteLength: Int = allCases.map(\.rawValue.utf8.count).max() ?? 0

    /// Looks up the keyword spelled by `bytes[range]` without creating a `String`: an
    /// open-addressing table keyed by an FNV-1a hash of the bytes.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Keyword? {
        guard range.count <= maximumByteLength else { return nil }
        var slot = Int(hash(bytes, range) & UInt32(KeywordTable.mask))
        while let entry = KeywordTable.shared.slots[slot] {
            if entry.spelling.count == range.count,
               entry.spelling.withUnsafeBufferPointer({ spelling in
                   var index = 0
                   while index < range.count {
                       if spelling[index] != bytes[range.lowerBound + index] { return false }
                       index += 1
                   }
                   return true
               }) {
                return entry.keyword
            }
            slot = (slot + 1) & KeywordTable.mask
        }
        return nil
    }

    static func hash<C: Collection>(_ bytes: C, _ range: Range<C.Index>) -> UInt32 where C.Element == UInt8 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes[range] { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}

/// The keyword spellings in an open-addressing hash table (see ``Keyword/lookup(_:_:)``).
struct KeywordTable: Sendable {
    static let mask = 511
    static let shared = KeywordTable()

    let slots: [(spelling: [UInt8], keyword: Keyword)?]

    private init() {
        var slots = [(spelling: [UInt8], keyword: Keyword)?](repeating: nil, count: Self.mask + 1)
        for keyword in Keyword.allCases {
            let spelling = Array(keyword.rawValue.utf8)
            var slot = Int(Keyword.hash(spelling, spelling.indices) & UInt32(Self.mask))
            while slots[slot] != nil { slot = (slot + 1) & Self.mask }
            slots[slot] = (spelling, keyword)
        }
        self.slots = slots
    }
}
