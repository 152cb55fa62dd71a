import KundvalChecker
import KundvalDiagnostics
import Testing

/// Hints an author of a kundval for ledsagning found wrong or missing: a percentage compared
/// with a bare number was told to write `0,5` instead of `50 %`, the opposite of the fix; a
/// number of working days gave two errors; a field misspelled in a test's `med` had no hint;
/// a table cell without its column's unit had none either.
@Suite struct UnitAndFieldHintTests {
    static func diagnostics(_ body: String) -> [Diagnostic] {
        let source = """
            reglemente "R" version "1"
            typ Anordnare
              andel: procent
              start: datum
              slut: datum
              kontor_i_nacka: ja/nej
              dröjsmål: dagar
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation

            \(body)
            """
        return Checker.check([SourceFile(path: "r.kundval", bytes: Array(source.utf8))]).files.flatMap(\.diagnostics)
    }

    @Test func aPercentageComparedWithABareNumberIsToldToWriteTheUnit() {
        let found = Self.diagnostics("villkor 1 \"Andel\"\n  kräver anordnare.andel >= 60\n")
        #expect(found.map(\.code) == [.incomparableValues])
        #expect(found.first?.hint == "skriv procentsatsen med enhet: `60 %`", "\(found.map(\.hint))")
        // A decimal below one is a share, written in percent (`0,5 %` was suggested; found by review).
        for (written, percent) in [("0,5", "50"), ("0,125", "12,5"), ("0,05", "5")] {
            let share = Self.diagnostics("villkor 1 \"Andel\"\n  kräver anordnare.andel >= \(written)\n")
            #expect(share.first?.hint == "en andel skrivs i procent: `\(percent) %` för \(written)", "\(share.map(\.hint))")
        }
        // A share computed from counts compared with a percentage keeps its own hint.
        let share = Self.diagnostics("villkor 1 \"Andel\"\n  kräver 3 / 4 >= 50 %\n")
        #expect(share.first?.hint?.hasPrefix("en andel som räknas fram ur tal är ett tal") == true, "\(share.map(\.hint))")
    }

    @Test func workingDaysAfterANumberAreOneError() {
        let found = Self.diagnostics("villkor 1 \"Frist\"\n  kräver anordnare.slut <= anordnare.start + 10 arbetsdagar\n")
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.message == "`arbetsdagar` är ingen enhet")
        #expect(found.first?.hint == "ett datum flyttas med arbetsdagar så: `arbetsdagar_efter(datum, 10)`")
    }

    /// `största h i lista: h.d >= gräns` compares inside the body (which runs to the end): the
    /// author meant the aggregate, and is told to put it in parentheses (the hint listed the
    /// types `största` compares; found by a policy author).
    @Test func aComparisonInsideAnAggregateIsToldToUseParentheses() {
        let source = """
            typ H
              hävt: datum
              n: heltal
            typ B
              hävda: lista av H
            """
        func found(_ requirement: String) -> [Diagnostic] {
            Self.diagnostics(source + "\nfakta\n  b: B\nvillkor 1 \"Hävt\"\n  kräver " + requirement + "\n")
        }
        let largest = found("största h i b.hävda: h.hävt >= bedömningsdatum - 3 år")
        #expect(largest.map(\.code) == [.invalidOperands], "\(largest.map(\.message))")
        #expect(largest.first?.hint == "jämförelsen hör till värdet efter `:`; ska den gälla `största`, sätt parentes runt det: "
                + "`(största h i …: …) >= …`")
        let sum = found("summa h i b.hävda: h.n > 3")
        #expect(sum.first?.hint?.hasSuffix("`(summa h i …: …) > …`") == true, "\(sum.map(\.hint))")
        // A body of another type keeps the hint of what `största` compares.
        let texts = found("minsta h i b.hävda: h.n > 3 och h.n < 5")
        #expect(texts.first?.hint == "ett tal, ett belopp, en tidslängd eller ett datum", "\(texts.map(\.hint))")
        #expect(found("(största h i b.hävda: h.hävt) >= bedömningsdatum - 3 år").filter { $0.severity == .error }.isEmpty)
    }

    @Test func aFieldMisspelledInATestIsToldTheFields() {
        let found = Self.diagnostics("""
            villkor 1 "Kontor"
              kräver anordnare.kontor_i_nacka

            test "utan kontor"
              vid ansökan 2025-03-01
              med anordnare.kontor = nej
              förväntas villkor 1 ej uppfyllt
            """)
        let unknown = found.filter { $0.code == .unknownField }
        #expect(unknown.count == 1, "\(found.map(\.message))")
        #expect(unknown.first?.hint?.hasPrefix("`Anordnare` har fälten `andel`, `start`") == true, "\(unknown.map(\.hint))")
    }

    @Test func aTableCellWithoutItsColumnsUnitIsToldToWriteIt() {
        let found = Self.diagnostics("""
            tabell påföljd(d: dagar): text
              | d     | påföljd   |
              | <= 5  | "mild"    |
              | > 5 dagar | "sträng" |

            villkor 1 "Dröjsmål"
              kräver påföljd(anordnare.dröjsmål) = "mild"
            """)
        let mismatch = found.filter { $0.code == .typeMismatch }
        #expect(mismatch.count == 1, "\(found.map(\.message))")
        #expect(mismatch.first?.hint == "skriv tidslängden med enhet: `5 dagar`", "\(mismatch.map(\.hint))")
    }
}
