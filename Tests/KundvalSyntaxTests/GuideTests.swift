import Foundation
import KundvalDiagnostics
import KundvalSyntax
import Testing

/// The authors' guide shows working rules: every example in `Grammar/GUIDE.md` that starts with a
/// declaration parses without a diagnostic (after a file header, when it has none).
@Suite struct GuideTests {
    static let declarationWords = ["reglemente", "kundval", "villkor", "typ", "fakta", "definition", "tabell",
                                   "insats", "bedömning", "exempel", "test", "avsnitt", "sanktioner",
                                   "avauktorisation"]

    /// The code blocks of the guide that are rule text (not shell, JSON or a rendered error).
    static func ruleBlocks() throws -> [String] {
        let text = try Repository.text("Grammar/GUIDE.md")
        var blocks: [String] = []
        var inFence = false
        var indent = 0
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") {
                if inFence, let lines = current { blocks.append(lines.joined(separator: "\n") + "\n") }
                // Only untagged fences hold rule text; `sh` and `json` fences are skipped.
                current = !inFence && trimmed == "```" ? [] : nil
                indent = line.count - trimmed.count
                inFence.toggle()
            } else if current != nil {
                // A fence inside a list item is indented; its lines lose that indentation.
                current?.append(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))
            }
        }
        return blocks.filter { block in
            guard let first = block.split(separator: " ").first.map(String.init) else { return false }
            return declarationWords.contains(first)
        }
    }

    @Test func everyRuleExampleInTheGuideParses() throws {
        let blocks = try Self.ruleBlocks()
        #expect(blocks.count >= 20, "\(blocks.count) examples")
        for block in blocks {
            let source = block.hasPrefix("reglemente") || block.hasPrefix("kundval") ? block : "reglemente \"Guide\"\n" + block
            let file = SourceFile(path: "GUIDE.md", text: source)
            let result = Parser.parse(file)
            #expect(result.diagnostics.isEmpty,
                    "\(DiagnosticRenderer().render(FileDiagnostics(file: file, diagnostics: result.diagnostics)))")
        }
    }
}
