import KundvalChecker
import KundvalDiagnostics
import Testing

/// K0422: a condition written after one with a higher number, under another heading than the
/// rows on both sides of its number. The document shows its rows in number order, so such a row stood
/// between another section's rows under its own heading, which the page then printed twice (an
/// LSS author's `villkor 11` under "Information och uppföljning").
@Suite struct ConditionOrderTests {
    @Test func aConditionAfterAHigherNumberIsWarnedAbout() {
        let result = Fixtures.check("""
            reglemente "R" version "1"
            avsnitt "Ekonomi"
            villkor 6 "Ekonomisk kapacitet"
            avsnitt "Personal"
            villkor 13 "Personal"
            avsnitt "Information"
            villkor 25 "Information"
            villkor 27 "Lex Sarah"
            villkor 11 "Underleverantörer"
            villkor 28 "Förändringar"
            """)
        let diagnostics = result.files.flatMap(\.diagnostics)
        #expect(diagnostics.map(\.code) == [.conditionOutOfOrder], "\(Fixtures.render(result))")
        #expect(diagnostics.first?.message
                == "villkor 11 står efter villkor 27 under rubriken ”Information”; dokumentet visar villkoren i nummerordning")
        #expect(diagnostics.first?.hint == "flytta villkor 11 till sin plats i nummerordningen, i avsnittet ”Ekonomi”, där villkor 6 står")
        #expect(diagnostics.first?.severity == .warning)
    }

    /// In number order there is nothing to say: sub-conditions after their main number, the
    /// sub-conditions of a range's numbers after the range, and a number written twice (two
    /// rows, told apart by their headings). Nor out of order in one section, or without
    /// sections: the rows beside it share its heading, and the page shows it once.
    @Test func numberOrderAsTheDocumentsWriteIt() {
        let codes = Fixtures.codes("""
            reglemente "R" version "1"
            villkor 10 "Lokaler"
            villkor 10.1 "Brandskydd"
            villkor 10.2 "Tillgänglighet"
            villkor 13 "Personal"
            villkor 13 "Personal, del två"
            villkor 29–31 "Kris"
            villkor 29.1 "Prioriteringslista"
            villkor 30.1 "Fordon"
            villkor 31.1 "Kontaktperson"
            """)
        #expect(!codes.contains(.conditionOutOfOrder), "\(codes)")
        let unsectioned = Fixtures.codes("""
            reglemente "R" version "1"
            villkor 6 "Ekonomisk kapacitet"
            villkor 19 "Belastningsregister"
            villkor 7 "Moderbolag"
            avsnitt "Information"
            villkor 25 "Information"
            villkor 24 "Kvalitet"
            """)
        #expect(!unsectioned.contains(.conditionOutOfOrder), "\(unsectioned)")
    }
}
