import Foundation
import KundvalDiagnostics
import KundvalFormat
import KundvalSyntax
import KundvalTestSupport
import Testing

/// Every shipped rule file, every example of the guide and sentences derived from the grammar:
/// the formatter accepts them (its output re-parses to an equal tree), formatting twice gives the
/// same bytes, and the shipped files and guide examples are already formatted.
@Suite struct ShippedFormattingTests {
    let formatter = SourceFormatter()

    /// The formatted text, or a failure that says why there is none.
    func formatted(_ text: String, path: String) -> String? {
        switch formatter.format(text, path: path) {
        case .formatted(let output): return output
        case .syntaxErrors(let diagnostics):
            Issue.record("\(path): syntaxfel \(diagnostics.map(\.message))")
        case .refused(let reason):
            Issue.record("\(path): formateraren vägrade: \(reason)")
        }
        return nil
    }

    @Test func everyShippedFileIsFormattedAndIdempotent() throws {
        let files = Repository.kundvalFiles().filter { $0.path.contains("/conditions/") }
        #expect(files.count >= 5)
        for url in files {
            let source = try String(contentsOf: url, encoding: .utf8)
            guard let once = formatted(source, path: url.lastPathComponent) else { continue }
            #expect(once == source, "\(url.lastPathComponent) är inte formaterad; kör `kundval fmt conditions`")
            #expect(formatted(once, path: url.lastPathComponent) == once, "\(url.lastPathComponent): inte idempotent")
        }
    }

    @Test func everyGuideExampleIsFormattedAndIdempotent() throws {
        let blocks = try Repository.guideRuleBlocks()
        #expect(blocks.count >= 20)
        for (number, block) in blocks.enumerated() {
            let header = block.hasPrefix("reglemente") || block.hasPrefix("kundval") ? "" : "reglemente \"Guide\"\n"
            guard let once = formatted(header + block, path: "GUIDE.md exempel \(number + 1)") else { continue }
            #expect(once == header + block, "GUIDE.md exempel \(number + 1) är inte formaterat:\n\(once)")
            #expect(formatted(once, path: "GUIDE.md exempel \(number + 1)") == once)
        }
    }

    /// Sentences of the grammar (laid out as the generator writes them, on few lines) format to
    /// an equal tree, and the result is stable.
    @Test func grammarSentencesFormatToEqualTreesIdempotently() throws {
        let grammar = try EBNFGrammar(Repository.text("Grammar/kundval.ebnf"))
        var generator = SentenceGenerator(grammar: grammar, seed: 0x464D_54, depthBudget: 10)
        var checked = 0
        for number in 0..<400 {
            let sentence = generator.sentence(of: "source_file")
            guard !Parser.parse(sentence).hasErrors else { continue }
            guard let once = formatted(sentence, path: "mening-\(number)") else { continue }
            #expect(formatted(once, path: "mening-\(number) igen") == once, "mening \(number) är inte idempotent")
            checked += 1
        }
        #expect(checked >= 300, "\(checked) meningar formaterades")
    }
}
