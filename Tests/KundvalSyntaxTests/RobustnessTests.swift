import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// No input crashes the lexer or the parser: every problem becomes a diagnostic.
@Suite struct RobustnessTests {
    static let deepForms: [(name: String, open: String, middle: String, close: String)] = [
        ("parenteser", "(", "ja", ")"),
        ("listor", "[", "1", "]"),
        ("poster", "{a: ", "1", "}"),
        ("inte", "inte ", "ja", ""),
        ("minus", "-", "1", ""),
        ("anrop", "f(", "1", ")"),
        ("om", "om ja så ", "1", " annars 2"),
        ("alla", "alla p i x: ", "ja", ""),
    ]

    @Test(arguments: deepForms.indices)
    func deepNestingIsReportedOnce(_ index: Int) {
        let form = Self.deepForms[index]
        let depth = 100_000
        var text = "reglemente \"R\"\nvillkor 1\n  kräver "
        text += String(repeating: form.open, count: depth) + form.middle + String(repeating: form.close, count: depth)
        text += "\n  vid brist: sanktion\n"
        let result = Parser.parse(text)
        #expect(result.diagnostics.map(\.code) == [.nestingTooDeep], "\(form.name)")
    }

    @Test func deepListTypesAreReportedOnce() {
        let text = "reglemente \"R\"\ntyp T\n  x: " + String(repeating: "lista av ", count: 50_000) + "heltal\n"
        let result = Parser.parse(text)
        #expect(result.diagnostics.map(\.code) == [.nestingTooDeep])
    }

    @Test func nestingWithinTheLimitIsAccepted() {
        let depth = Parser.maximumNesting / 2
        let text = "reglemente \"R\"\nvillkor 1\n  kräver " + String(repeating: "(", count: depth) + "ja"
            + String(repeating: ")", count: depth) + "\n"
        #expect(Parser.parse(text).diagnostics.isEmpty)
    }

    /// Seeded random byte strings, random token soups and random truncations of a valid file.
    @Test func randomInputNeverTraps() {
        var random = SplitMix64(seed: 12_345)
        let valid = Array(Self.sample.utf8)
        let words = ["villkor", "kräver", "(", ")", "[", "]", "{", "}", "|", "\"", "\"\"\"", "och", "eller", "inte",
                     "1", "2,5", "16.8.4", "2024-02-30", ":", ",", ".", "-", "–", "=", ">=", "vid", "brist", "typ",
                     "\n", "  ", "ö", "\u{0}", "\u{FF}", "tabell", "test", "förväntas", "om", "så", "annars", "alla"]
        var spansOutOfRange = 0
        for round in 0..<3_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<random.next(below: 400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 1:
                bytes = []
                for _ in 0..<random.next(below: 120) { bytes += Array(words[random.next(below: words.count)].utf8) + [32] }
            default:
                bytes = Array(valid.prefix(random.next(below: valid.count)))
                if !bytes.isEmpty { bytes[random.next(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            }
            let result = Parser.parse(SourceFile(path: "slump.kundval", bytes: bytes))
            // Rendering must work too (every tenth round: rendering is slow in debug builds).
            if round % 10 == 0 {
                let rendered = DiagnosticRenderer().render(FileDiagnostics(file: result.file, diagnostics: result.diagnostics))
                if !result.diagnostics.isEmpty && rendered.isEmpty { spansOutOfRange += 1 }
            }
            spansOutOfRange += result.diagnostics.count { $0.span.start < 0 || $0.span.end > bytes.count }
        }
        #expect(spansOutOfRange == 0)
    }

    @Test func diagnosticsAreCappedForGarbage() {
        let text = "reglemente \"R\"\n" + String(repeating: "@ 2024-13-45 ", count: 20_000)
        let result = Parser.parse(text)
        #expect(result.diagnostics.count == DiagnosticList().limit)
        #expect(result.suppressedDiagnosticCount > 0)
        #expect(result.hasErrors)
    }

    static let sample = """
        kundval "Öppenvårdsinsatser" version "2025"
          nämnd "Socialnämnden"
          enligt reglemente "Reglemente för kundval" version "31 villkor"

        typ Anordnare
          kreditvärdighet: heltal kan saknas
          personal: lista av Person

        villkor 7 "Ekonomisk kapacitet"
          kräver anordnare.kreditvärdighet >= 3 eller (anordnare.nystartad och anordnare.garant finns)
          underlag bifogas ansökan: anordnare.uc_objektiv högst 1 månad gammalt
          vid brist: ej godkänd auktorisation, sanktion

        tabell val(påverkan: Påverkan): Sanktion
          | osannolik | åtgärdsplan |
          | -         | varning     |

        test "Kreditvärdighet 2 räcker inte"
          vid ansökan 2025-03-01
          med anordnare.kreditvärdighet = 2
          förväntas villkor 7 ej uppfyllt
        """
}
