/// One documented diagnostic code: what it means and a small file that produces it.
public struct DiagnosticCatalogEntry: Sendable, Hashable {
    /// The code.
    public let code: DiagnosticCode
    /// One Swedish line saying what the code means.
    public let explanation: String
    /// A minimal `.kundval` text that produces the diagnostic.
    public let example: String
}

/// The catalog of every diagnostic code the library can produce.
///
/// The catalog is the single place where codes are documented; `Grammar/FELKODER.md` is kept in
/// step with it by a test.
public enum DiagnosticCatalog {
    /// Every entry, sorted by code.
    public static let entries: [DiagnosticCatalogEntry] = [
        .init(code: .invalidUTF8,
              explanation: "filen innehåller byte som inte är giltig UTF-8; spara filen som UTF-8",
              example: "reglemente \"Reglemente f\u{FFFD}r kundval\"   # \u{FFFD}: ett ö sparat som Latin-1\n"),
        .init(code: .unknownCharacter,
              explanation: "ett tecken som inte ingår i språket, till exempel `@` eller `$`",
              example: "reglemente \"R\"\nvillkor 1 @\n"),
        .init(code: .unterminatedText,
              explanation: "en text som börjar med `\"` (eller `\"\"\"`) men aldrig avslutas",
              example: "reglemente \"R\"\nvillkor 1 \"Konkurs\n"),
        .init(code: .numberTooLarge,
              explanation: "ett tal med fler siffror än som kan räknas exakt (högst 18 siffror)",
              example: "reglemente \"R\"\nvillkor 1\n  kräver anordnare.omsättning < 1000000000000000000000\n"),
        .init(code: .controlCharacter,
              explanation: "ett osynligt styrtecken, till exempel NUL, som inte får stå i en regelfil",
              example: "reglemente \"R\"\nvillkor 5 \"F-skatt\"\u{2400}   # \u{2400}: tecknet NUL\n"),
        .init(code: .invalidDate,
              explanation: "ett datum på formen ÅÅÅÅ-MM-DD som inte finns i kalendern",
              example: "kundval \"K\"\n  fastställd 2024-02-30\n"),
        .init(code: .fileTooLarge,
              explanation: "filen är större än 64 MiB och läses inte",
              example: "(en fil på mer än 64 MiB)"),
        .init(code: .decimalPoint,
              explanation: "ett decimaltal skrivet med punkt; i regelfiler skrivs decimaler med komma (`2,5`)",
              example: "reglemente \"R\"\nvillkor 1\n  kräver anordnare.andel > 2.5\n"),
        .init(code: .expectedToken,
              explanation: "ett visst ord eller tecken saknas, till exempel `:` efter `vid brist`",
              example: "reglemente \"R\"\nvillkor 1\n  vid brist ej godkänd auktorisation\n"),
        .init(code: .missingHeader,
              explanation: "en regelfil måste börja med `reglemente \"…\"` eller `kundval \"…\"`",
              example: "villkor 1 \"Konkurs\"\n"),
        .init(code: .unknownDeclaration,
              explanation: "en rad som inte inleder någon deklaration (villkor, typ, fakta, definition, …)",
              example: "reglemente \"R\"\nvilkor 1 \"Konkurs\"\n"),
        .init(code: .unknownClause,
              explanation: "ett ord som inte är en klausul i deklarationen det står i",
              example: "reglemente \"R\"\nvillkor 1\n  krävs anordnare.i_konkurs\n"),
        .init(code: .expectedExpression,
              explanation: "ett uttryck (ett värde, ett faktum eller en beräkning) saknas",
              example: "reglemente \"R\"\nvillkor 1\n  kräver anordnare.kreditvärdighet >=\n"),
        .init(code: .nestingTooDeep,
              explanation: "uttrycket eller typen är nästlad djupare än 256 nivåer",
              example: "reglemente \"R\"\nvillkor 1\n  kräver ((((((ja))))))   # men 300 nivåer djupt\n"),
        .init(code: .unclosedBracket,
              explanation: "en parentes `(`, `[` eller `{` som aldrig stängs",
              example: "reglemente \"R\"\nvillkor 1\n  kräver (anordnare.a och anordnare.b\n"),
        .init(code: .duplicateHeader,
              explanation: "en fil får bara ha ett dokumenthuvud (`reglemente` eller `kundval`)",
              example: "reglemente \"R\"\nkundval \"K\"\n"),
        .init(code: .unknownEvidenceKind,
              explanation: "ordet efter `underlag` är inget känt slag av underlag",
              example: "reglemente \"R\"\nvillkor 1\n  underlag bifogad ansökan\n"),
        .init(code: .unknownConsequence,
              explanation: "det som står efter `vid brist:` är ingen känd påföljd",
              example: "reglemente \"R\"\nvillkor 1\n  vid brist: böter\n"),
        .init(code: .tableResultCell,
              explanation: "sista cellen i en rad i en beslutstabell är utfallet och måste vara ett värde, inte `-` eller en jämförelse",
              example: "reglemente \"R\"\ntabell t(a: heltal): heltal\n  | 1 | - |\n"),
        .init(code: .chainedComparison,
              explanation: "två jämförelser i rad, som `1 < x < 3`; skriv `1 < x och x < 3`",
              example: "reglemente \"R\"\nvillkor 1\n  kräver 1 < anordnare.x < 3\n"),
        .init(code: .unknownExpectation,
              explanation: "ett förväntat utfall eller en status i ett test som språket inte känner",
              example: "reglemente \"R\"\ntest \"t\"\n  förväntas villkor 1 uppfylld\n"),
    ]

    /// The entry for a code, if the code is known.
    public static func entry(for code: DiagnosticCode) -> DiagnosticCatalogEntry? {
        entries.first { $0.code == code }
    }
}
