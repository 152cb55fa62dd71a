import KundvalChecker
import KundvalDiagnostics
import Testing

/// The header's clause words (`nämnd`, `version`, `diarienummer`, `fastställd`, `beslutad`)
/// were reserved, so a fact about an agreement could not have a field `nämnd` or `version`, as
/// an author of a hemtjänst kundval found. They are contextual now: a header clause is known by
/// its place. A word that stays reserved (`kräver`, `ingen`) is one error as a field's name or
/// an enumeration's case, not one more for every use of it.
@Suite struct HeaderWordsAsNamesTests {
    @Test func headerWordsNameFieldsAndDefinitions() {
        let result = Fixtures.check("""
            kundval "K"
              nämnd "Nämnden"
              diarienummer "X-1"
              fastställd 2025-01-01
              version "2"
              beslutad av "KF"
              gäller från 2025-02-01
              enligt reglemente "R" version "1"
            typ Avtal
              nämnd: text
              diarienummer: text
              fastställd: datum
              beslutad: ja/nej
            fakta
              avtal: Avtal
            definition version: text = avtal.nämnd
            villkor 1 "Avtal"
              kräver avtal.fastställd <= bedömningsdatum och avtal.beslutad och version = avtal.diarienummer
            # fil: reglemente.kundval
            reglemente "R"
              version "1"
            villkor 1 "Avtal"
              lydelse "Anordnaren ska ha ett avtal."
            """)
        #expect(result.files.allSatisfy { $0.diagnostics.isEmpty }, "\(Fixtures.render(result))")
        let header = result.program?.documents.first { $0.name == "K" }
        #expect(header?.version == "2" && header?.committee == "Nämnden")
    }

    /// A `version` line under `enligt reglemente "R"` is the kundval's own version; only a
    /// `version` on the same line is the reglemente's (it was read as the reglemente's, which
    /// then did not exist; found by review).
    @Test func aVersionLineBelowEnligtIsTheKundvalsOwn() {
        let result = Fixtures.check("""
            kundval "K"
              enligt reglemente "R"
              version "2"
            villkor 1 "Avtal"
              lydelse "Avtalet ska vara skriftligt."
            # fil: reglemente.kundval
            reglemente "R"
            villkor 1 "Avtal"
              lydelse "Anordnaren ska ha ett avtal."
            """)
        #expect(result.files.allSatisfy { $0.diagnostics.isEmpty }, "\(Fixtures.render(result))")
        #expect(result.program?.documents.first { $0.name == "K" }?.version == "2")
    }

    @Test func aReservedWordAsAFieldNameIsOneError() {
        let codes = Fixtures.codes("""
            reglemente "R" version "1"
            typ Avtal
              kräver: text kan saknas
            fakta
              avtal: Avtal
            villkor 1 "Avtal"
              kräver avtal.kräver finns
            """)
        #expect(codes == [.expectedToken])
    }

    /// A reserved word among an enumeration's cases (`en av ingen, liten, stor`) is one error:
    /// the cases after it were lost, and each use of them was an error of its own, with the hint
    /// "`Påverkan` har värdena " naming none.
    @Test func aReservedWordAsACaseIsOneError() {
        let result = Fixtures.check("""
            reglemente "R" version "1"
            typ Påverkan: en av ingen, liten, stor i stigande ordning
            typ Anordnare
              påverkan: Påverkan
            fakta
              anordnare: Anordnare
            villkor 1 "Påverkan"
              kräver anordnare.påverkan <= liten eller anordnare.påverkan = stor
            """)
        #expect(result.files.flatMap { $0.diagnostics.map(\.code) } == [.expectedToken], "\(Fixtures.render(result))")
    }
}
