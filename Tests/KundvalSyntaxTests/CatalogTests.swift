import Foundation
import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// The diagnostic catalog is complete, its examples produce their codes, and
/// `Grammar/FELKODER.md` is generated from it.
@Suite struct CatalogTests {
    /// Codes whose example cannot be real source text (bytes that are not text, a 64 MiB file,
    /// 300 levels of nesting).
    static let illustrativeOnly: Set<DiagnosticCode> = [.invalidUTF8, .controlCharacter, .fileTooLarge, .nestingTooDeep]

    @Test func codesAreUniqueAndSorted() {
        let codes = DiagnosticCatalog.entries.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for entry in DiagnosticCatalog.entries {
            #expect(!entry.explanation.hasSuffix("."), "\(entry.code): no final period")
            #expect(entry.explanation.first { $0.isLetter }?.isLowercase == true, "\(entry.code): lowercase start")
        }
    }

    /// Lexical and syntax codes; the checker's codes are tested in `KundvalCheckerTests`.
    @Test(arguments: DiagnosticCatalog.entries.filter {
        !illustrativeOnly.contains($0.code) && ($0.code.rawValue.hasPrefix("K01") || $0.code.rawValue.hasPrefix("K02"))
    })
    func exampleProducesItsCode(_ entry: DiagnosticCatalogEntry) {
        let result = Parser.parse(entry.example)
        #expect(result.diagnostics.map(\.code).contains(entry.code), "\(entry.code): \(result.diagnostics.map(\.code))")
    }

    static func markdown() -> String {
        var text = """
            # Felkoder

            Varje fel som `kundval check` visar har en stabil kod. Den här filen skapas ur
            katalogen i `Sources/KundvalDiagnostics/DiagnosticCatalog.swift` (ändra där och kör
            testerna med `UPDATE_GOLDEN=1`). `kundval kod KOD` visar samma text i terminalen.

            K01xx gäller filens tecken (lexikala fel), K02xx filens uppbyggnad (syntaxfel),
            K03xx namn och typer, K04xx hur dokumenten hänger ihop (kundval och reglemente), K05xx
            beslutstabeller och definitioner. K06xx gäller testerna i filerna och visas av
            `kundval test`; K0603, ett exempels JSON-fil som inte kan användas, visar också
            `kundval check`. Exempel med `# fil: NAMN` består av flera filer.

            """
        for entry in DiagnosticCatalog.entries {
            text += "\n## \(entry.code)\n\n\(entry.explanation)\n\n```\n\(entry.example.hasSuffix("\n") ? entry.example : entry.example + "\n")```\n"
        }
        return text
    }

    @Test func felkoderMarkdownMatchesTheCatalog() throws {
        let url = Repository.url("Grammar/FELKODER.md")
        let expected = Self.markdown()
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
    }
}
