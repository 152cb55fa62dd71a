import KundvalChecker
import KundvalDiagnostics
import Testing

/// What is the same for every provider is said at `check`, not found at `eval`: a requirement
/// that reads nothing (`kräver 1 = 1` was accepted without a word), and a division by a zero
/// written in the rules (`rest(x, 0)` passed `check` and stopped every evaluation; both found
/// by an author of a new kundval).
@Suite struct ConstantRuleTests {
    static func diagnostics(_ body: String) -> [Diagnostic] {
        let source = """
            reglemente "R" version "1"
            typ Anordnare
              anställda: heltal
              belopp: belopp
            fakta
              anordnare: Anordnare

            \(body)
            """
        return Checker.check([SourceFile(path: "r.kundval", bytes: Array(source.utf8))]).files.flatMap(\.diagnostics)
    }

    @Test func aRequirementThatReadsNothingIsAWarning() {
        for requirement in ["1 = 1", "ja", "2025-01-01 < 2026-01-01 och 5 kr > 0 kr", "är_arbetsdag(2025-06-20)"] {
            let found = Self.diagnostics("villkor 1 \"A\"\n  kräver \(requirement)\n")
            #expect(found.map(\.code) == [.constantRequirement], "\(requirement): \(found.map(\.message))")
            #expect(found.first?.severity == .warning)
        }
        for requirement in ["anordnare.anställda >= 1", "bedömningsdatum > 2025-01-01", "x >= 1"] {
            let found = Self.diagnostics("definition x: heltal = anordnare.anställda\nvillkor 1 \"A\"\n  kräver \(requirement)\n")
            #expect(found.isEmpty, "\(requirement): \(found.map(\.message))")
        }
    }

    @Test func aDivisionByAWrittenZeroIsAWarning() {
        for definition in ["anordnare.anställda / 0", "anordnare.belopp / 0,0", "rest(anordnare.anställda, 0)",
                           "anordnare.anställda / -0", "rest(anordnare.anställda, -(0))"] {
            let found = Self.diagnostics("definition d: decimaltal kan saknas = \(definition)\n")
                .filter { $0.code == .divisionByZeroLiteral }
            #expect(found.count == 1, "\(definition)")
            #expect(found.first?.message == "division med noll" && found.first?.severity == .warning)
        }
        #expect(Self.diagnostics("definition d: decimaltal = anordnare.anställda / 2\n").isEmpty)
    }
}
