import KundvalChecker
import KundvalDiagnostics
import Testing

/// Every checker code's catalog example produces that code (the three whose example is too long
/// to print, a description, have golden tests instead).
@Suite struct CheckerCatalogTests {
    static let checkerEntries = DiagnosticCatalog.entries.filter {
        ["K03", "K04", "K05"].contains(String($0.code.rawValue.prefix(3))) && $0.code != .tableTooLarge
            && $0.code != .definitionChainTooDeep && $0.code != .definitionTooLarge
    }

    @Test(arguments: checkerEntries)
    func exampleProducesItsCode(_ entry: DiagnosticCatalogEntry) {
        let result = Fixtures.check(entry.example)
        let codes = result.files.flatMap { $0.diagnostics.map(\.code) }
        #expect(codes.contains(entry.code), "\(entry.code): \(Fixtures.render(result))")
    }
}
