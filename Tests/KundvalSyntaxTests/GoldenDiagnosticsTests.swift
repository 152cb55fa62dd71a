import Foundation
import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// Golden tests of rendered diagnostics: each `Golden/NAME.in` is parsed as the rule file
/// `NAME.kundval` and its plain rendering must equal `Golden/NAME.out` byte for byte.
///
/// Run with `UPDATE_GOLDEN=1` to rewrite the `.out` files after a deliberate change; review the
/// diff before committing.
@Suite struct GoldenDiagnosticsTests {
    static let folder = Repository.url("Tests/KundvalSyntaxTests/Golden")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".in") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func render(_ name: String) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name + ".in")))
        let file = SourceFile(path: name + ".kundval", bytes: bytes)
        let result = Parser.parse(file)
        return DiagnosticRenderer().render(FileDiagnostics(file: file, diagnostics: result.diagnostics))
    }

    @Test(arguments: cases)
    func renderedDiagnosticsMatchGolden(_ name: String) throws {
        let actual = try Self.render(name)
        let expectedURL = Self.folder.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
    }

    /// Every lexical and syntax error code of the catalog has a golden file that produces it.
    @Test func everySyntaxCodeHasAGoldenTest() throws {
        var produced = Set<String>()
        for name in Self.cases {
            let rendered = try Self.render(name)
            for entry in DiagnosticCatalog.entries where rendered.contains("[\(entry.code)]") {
                produced.insert(entry.code.rawValue)
            }
        }
        let syntaxCodes = DiagnosticCatalog.entries.map(\.code.rawValue)
            .filter { $0.hasPrefix("K01") || $0.hasPrefix("K02") }
            .filter { $0 != DiagnosticCode.fileTooLarge.rawValue }  // tested in code: a 64 MiB file
        #expect(Set(syntaxCodes).subtracting(produced).isEmpty,
                "codes without a golden test: \(Set(syntaxCodes).subtracting(produced).sorted())")
    }

    /// Each golden file named after a code produces exactly that code first.
    @Test(arguments: cases.filter { $0.hasPrefix("K") })
    func goldenFileProducesItsCode(_ name: String) throws {
        let code = String(name.prefix(5))
        let rendered = try Self.render(name)
        #expect(rendered.contains("fel[\(code)]"), "\(name) should produce \(code)")
    }

    /// Three independent mistakes give three diagnostics, and nothing else.
    @Test func independentMistakesGiveOneDiagnosticEach() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("tre-oberoende-fel.in")))
        let result = Parser.parse(SourceFile(path: "tre-oberoende-fel.kundval", bytes: bytes))
        #expect(result.diagnostics.map(\.code) == [.expectedToken, .unknownClause, .expectedToken])
    }

    @Test func fileLargerThanTheLimitIsRefusedWithADiagnostic() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: Lexer.maximumFileSize + 1)
        let file = SourceFile(path: "stor.kundval", bytes: bytes)
        let result = Parser.parse(file)
        #expect(result.diagnostics.first?.code == .fileTooLarge)
        let rendered = DiagnosticRenderer().render(result.diagnostics[0], in: file)
        #expect(rendered.hasPrefix("stor.kundval:1:1: fel[K0107]: filen är 64 MiB; en regelfil får vara högst 64 MiB"))
    }
}
