import KundvalAuthoring
import KundvalDiagnostics
import Testing

/// A number the document prints twice is two rows with their own headings (GUIDE §4): the
/// comparison compares both. It kept the first row of a number and dropped the second, so a
/// change there was not shown.
@Suite struct ComparisonRepeatedNumberTests {
    static func reglemente(second: String) -> String {
        """
        reglemente "R" version "1"
        typ Anordnare
          a: ja/nej
          b: ja/nej
          c: ja/nej
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Försäkring"
          kräver anordnare.a
        villkor 1 "Ny auktorisation"
          kräver \(second)
        """
    }

    @Test func theSecondRowOfANumberIsCompared() throws {
        let old = [SourceFile(path: "gammal/r.kundval", text: Self.reglemente(second: "anordnare.b"))]
        let new = [SourceFile(path: "ny/r.kundval", text: Self.reglemente(second: "anordnare.c"))]
        let comparison = VersionComparison.compare(try ComparisonGoldenTests.version("gammal/r.kundval", in: old),
                                                   try ComparisonGoldenTests.version("ny/r.kundval", in: new))
        let changes = comparison.conditions.flatMap(\.changes)
        #expect(changes.count == 1)
        #expect(changes.first?.part == #""Ny auktorisation": kräver"#, "\(changes)")
        #expect(changes.first?.old == "anordnare.b" && changes.first?.new == "anordnare.c", "\(changes)")
    }
}
