import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Helpers: checking texts that may hold several files, separated by `# fil: NAMN` lines.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Splits a text at `# fil: NAMN` lines; the first file is `regler.kundval`.
    static func files(_ text: String, firstName: String = "regler.kundval") -> [SourceFile] {
        var files: [(name: String, text: String)] = [(firstName, "")]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# fil: ") {
                files.append((String(line.dropFirst("# fil: ".count)), ""))
            } else {
                files[files.count - 1].text += line + "\n"
            }
        }
        return files.map { SourceFile(path: $0.name, text: String($0.text.dropLast())) }
    }

    static func check(_ text: String) -> CheckResult { Checker.check(files(text)) }

    /// Every diagnostic code of a check, in file order.
    static func codes(_ text: String) -> [DiagnosticCode] {
        check(text).files.flatMap { $0.diagnostics.map(\.code) }
    }

    static func render(_ result: CheckResult) -> String {
        result.files.filter { !$0.diagnostics.isEmpty }.map { DiagnosticRenderer().render($0) }.joined(separator: "\n")
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}
