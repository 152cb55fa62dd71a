import Foundation
import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// The authors' guide shows working rules: every example in `Grammar/GUIDE.md` that starts with a
/// declaration parses without a diagnostic (after a file header, when it has none).
@Suite struct GuideTests {
    @Test func everyRuleExampleInTheGuideParses() throws {
        let blocks = try Repository.guideRuleBlocks()
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
