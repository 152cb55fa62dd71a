import KundvalSyntax
import KundvalTestSupport
import Testing

/// The grammar in `Grammar/kundval.ebnf` and the parser agree: every sentence derived from the
/// grammar parses without a diagnostic.
@Suite struct GrammarConformanceTests {
    static let sentenceCount = 1_500

    @Test func grammarFileIsWellFormed() throws {
        let grammar = try EBNFGrammar(Repository.text("Grammar/kundval.ebnf"))
        #expect(grammar.ruleNames.first == "source_file")
        #expect(grammar.rules.count > 50)
    }

    /// Shallow and deep derivations, each from its own fixed seed.
    @Test(arguments: [(seed: UInt64(0x4B55_4E44_5641_4C), depth: 9, count: sentenceCount),
                      (seed: UInt64(2026), depth: 14, count: 400)])
    func parserAcceptsRandomSentencesOfTheGrammar(seed: UInt64, depth: Int, count: Int) throws {
        let grammar = try EBNFGrammar(Repository.text("Grammar/kundval.ebnf"))
        var generator = SentenceGenerator(grammar: grammar, seed: seed, depthBudget: depth)
        var failures: [String] = []
        var totalBytes = 0
        for number in 0..<count {
            let sentence = generator.sentence(of: "source_file")
            totalBytes += sentence.utf8.count
            let result = Parser.parse(sentence, path: "mening-\(number).kundval")
            if result.hasErrors, failures.count < 5 {
                let rendered = result.diagnostics.prefix(3).map { "\($0.code): \($0.message) @\($0.span.start)" }
                failures.append("mening \(number):\n\(sentence)\n→ " + rendered.joined(separator: "\n→ "))
            }
        }
        if !failures.isEmpty { print(failures.joined(separator: "\n\n")) }
        #expect(failures.isEmpty, "\(failures.count) meningar gav fel; se utskriften ovan")
        #expect(totalBytes > count * 20, "the sentences should not be trivially short")
    }

    @Test func sentencesCoverEveryDeclarationKind() throws {
        let grammar = try EBNFGrammar(Repository.text("Grammar/kundval.ebnf"))
        var generator = SentenceGenerator(grammar: grammar, seed: 7)
        var kinds = Set<String>()
        for _ in 0..<300 {
            for declaration in Parser.parse(generator.sentence(of: "source_file")).syntax.declarations {
                kinds.insert(String(describing: declaration).prefix { $0 != "(" }.description)
            }
        }
        #expect(kinds.count == 12, "declaration kinds seen: \(kinds.sorted())")
    }
}
