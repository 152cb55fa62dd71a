import Foundation
import KundvalChecker
import KundvalDiagnostics
import Testing

/// Golden tests of rendered checker diagnostics: each `Golden/NAME.in` (several files
/// separated by `# fil: NAMN` lines) is checked as a set, and the plain rendering of all its
/// diagnostics must equal `Golden/NAME.out`. `UPDATE_GOLDEN=1` rewrites the `.out` files.
@Suite struct CheckerGoldenTests {
    static let folder = Fixtures.root.appendingPathComponent("Tests/KundvalCheckerTests/Golden")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".in") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func render(_ name: String) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent(name + ".in"), encoding: .utf8)
        return Fixtures.render(Checker.check(Fixtures.files(text, firstName: "reglemente.kundval")))
    }

    @Test(arguments: cases)
    func renderedDiagnosticsMatchGolden(_ name: String) throws {
        let actual = try Self.render(name)
        let url = Self.folder.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(actual == (try String(contentsOf: url, encoding: .utf8)))
    }

    /// A golden file named after a code produces that code, and no other error.
    @Test(arguments: cases)
    func goldenFileProducesOnlyItsCode(_ name: String) throws {
        let code = String(name.prefix(5))
        let rendered = try Self.render(name)
        #expect(rendered.contains("[\(code)]"), "\(name) should produce \(code)")
        let others = rendered.split(separator: "\n").filter { $0.contains("fel[") && !$0.contains("fel[\(code)]") }
        #expect(others.isEmpty, "\(name): \(others)")
    }

    /// Every checker code has a golden test (the table-size warning is tested in code).
    @Test func everyCheckerCodeHasAGoldenTest() {
        let covered = Set(Self.cases.map { String($0.prefix(5)) })
        let codes = CheckerCatalogTests.checkerEntries.map(\.code.rawValue)
        #expect(Set(codes).subtracting(covered).isEmpty, "missing: \(Set(codes).subtracting(covered).sorted())")
    }
}
