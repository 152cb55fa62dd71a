@testable import KundvalChecker
import KundvalDiagnostics
import Testing

/// The exact numbers of the table analysis compare exactly, also where aligning their scales
/// leaves 64 bits (a comparison through `Double` there could disagree with itself).
@Suite struct TableAnalysisTests {
    @Test func exactNumbersCompareExactlyBeyondSixtyFourBits() {
        let big = Exact(mantissa: 922_337_203_685_477_580, scale: 0)      // aligned to scale 3 it overflows
        let justBelow = Exact(mantissa: 9_223_372_036_854_775_799, scale: 1)  // 922337203685477579,9
        let equal = Exact(mantissa: 9_223_372_036_854_775_800, scale: 1)      // 922337203685477580,0
        #expect(justBelow < big && !(big < justBelow))
        #expect(equal == big && !(equal < big) && !(big < equal))
        let negative = Exact(mantissa: -922_337_203_685_477_580, scale: 0)
        #expect(negative < justBelow.negated.negated && negative < Exact(mantissa: -1, scale: 18))
        #expect(Exact(mantissa: 0, scale: 0) < Exact(mantissa: 1, scale: 30) && Exact(mantissa: -1, scale: 30) < Exact(mantissa: 0, scale: 0))
    }

    /// A table over such numbers: the rows meet exactly at the boundary, so there is no gap.
    @Test func boundaryBeyondSixtyFourBitsLeavesNoGap() {
        let text = """
            reglemente "R"
            tabell t(x: decimaltal): heltal
              | < 922337203685477580 | 1 |
              | >= 922337203685477580 | 2 |
              | = 9223372036,854775807 | 3 |

            """
        let result = Checker.check([SourceFile(path: "r.kundval", text: text)])
        // Row 3 overlaps row 1 (its value is below the boundary), and nothing is a gap.
        #expect(result.files.flatMap(\.diagnostics).map(\.code) == [.tableOverlap])
    }
}
