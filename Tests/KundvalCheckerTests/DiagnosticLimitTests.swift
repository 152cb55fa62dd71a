import KundvalChecker
import KundvalDiagnostics
import Testing

/// A file keeps at most 500 diagnostics; those past the limit are counted. Warnings past it
/// were counted as errors, so a file with 501 warnings and no error could not be used, and an
/// error after 500 warnings was not shown (found by an adversarial session).
@Suite struct DiagnosticLimitTests {
    /// A reglemente whose `count` tests each give one warning (K0318: a record in a test lacks
    /// a field), and then `error` more text.
    static func source(tests count: Int, then error: String = "") -> SourceFile {
        var text = """
            reglemente "W" version "1"
            typ Person
              a: ja/nej
              b: ja/nej
            typ Anordnare
              personal: lista av Person
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Alla a"
              kräver alla p i anordnare.personal: p.a
            exempel e = { anordnare: { personal: [] } }

            """
        for index in 0..<count {
            text += "test \"t\(index)\"\n  vid ansökan 2025-03-01\n  utgår från e\n  med anordnare.personal = [{ a: ja }]\n  förväntas godkänd\n"
        }
        return SourceFile(path: "w.kundval", bytes: Array((text + error).utf8))
    }

    @Test func warningsPastTheLimitAreWarnings() {
        let result = Checker.check([Self.source(tests: 501)])
        #expect(result.program != nil)
        #expect(result.errorCount == 0)
        #expect(result.warningCount == 501)
        #expect(result.suppressedDiagnosticCount == 1 && result.suppressedErrorCount == 0)
    }

    @Test func anErrorAfterTheLimitOfWarningsIsShown() {
        let result = Checker.check([Self.source(tests: 501, then: "villkor 2 \"Fel\"\n  kräver anordnare.okänd_uppgift\n")])
        #expect(result.program == nil)
        #expect(result.errorCount == 1)
        let errors = result.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.unknownField], "\(errors.map(\.message))")
    }

    @Test func errorsPastTheLimitAreCountedAsErrors() {
        var list = DiagnosticList(limit: 2)
        let span = SourceSpan(start: 0, end: 0)
        for _ in 0..<3 { list.append(Diagnostic(code: .unknownField, severity: .warning, message: "w", span: span)) }
        for _ in 0..<3 { list.append(Diagnostic(code: .unknownField, message: "e", span: span)) }
        #expect(list.items.count == 4)
        #expect((list.suppressedWarningCount, list.suppressedErrorCount) == (1, 1))
        #expect(list.hasErrors)
    }
}
