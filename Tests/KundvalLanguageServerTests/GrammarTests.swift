import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax
import Testing

/// The TextMate grammar (`Grammar/kundval.tmLanguage.json`) against the lexer: the same
/// keywords, each highlighted as a keyword wherever the lexer reads one in a shipped file.
@Suite struct GrammarTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func grammar() throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("Grammar/kundval.tmLanguage.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The `match` of a repository rule.
    static func pattern(_ name: String) throws -> String {
        let repository = try #require(try grammar()["repository"] as? [String: Any])
        let rule = try #require(repository[name] as? [String: Any])
        return try #require(rule["match"] as? String)
    }

    /// The words of a rule written `(?<!…)(?:a|b|c)(?!…)`.
    static func words(_ name: String) throws -> Set<String> {
        let match = try pattern(name)
        let start = try #require(match.range(of: "(?:"))
        let end = try #require(match.range(of: ")(?!", range: start.upperBound..<match.endIndex))
        return Set(match[start.upperBound..<end.lowerBound].split(separator: "|").map(String.init))
    }

    @Test func theGrammarHasExactlyTheLexersKeywords() throws {
        let reserved = Set(Keyword.allCases.filter(\.isReserved).map(\.rawValue))
        let contextual = Set(Keyword.allCases.filter { !$0.isReserved }.map(\.rawValue))
        #expect(try Self.words("keyword") == reserved)
        #expect(try Self.words("contextual-keyword").union(try Self.words("unit")) == contextual)
        #expect(try Self.words("unit") == Set(Keyword.units.map(\.rawValue)))
        #expect(try Self.words("builtin") == Set(Builtin.allCases.map(\.rawValue)))
    }

    @Test func everyKeywordOfEveryShippedFileIsHighlightedAsAKeyword() throws {
        let reserved = try NSRegularExpression(pattern: try Self.pattern("keyword"))
        let contextual = try NSRegularExpression(pattern: try Self.pattern("contextual-keyword"))
        let unit = try NSRegularExpression(pattern: try Self.pattern("unit"))
        // Every spelling on its own.
        for keyword in Keyword.allCases {
            let word = keyword.rawValue as NSString
            let regexes = keyword.isReserved ? [reserved] : [contextual, unit]
            let whole = regexes.contains { $0.firstMatch(in: keyword.rawValue, range: NSRange(location: 0, length: word.length))?.range == NSRange(location: 0, length: word.length) }
            #expect(whole, "`\(keyword.rawValue)`")
        }
        // Every keyword token of every shipped rule file, at its place in its line.
        let folder = Self.root.appendingPathComponent("conditions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".kundval") }.sorted()
        #expect(files.count >= 5)
        var checked = 0
        for name in files {
            let file = SourceFile(path: name, bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            var diagnostics = DiagnosticList()
            for token in Lexer.tokenize(file, diagnostics: &diagnostics) {
                guard let keyword = token.keyword else { continue }
                let lineIndex = file.lineIndex(of: token.span.start)
                let lineRange = file.lineRange(lineIndex)
                let line = file.text(of: SourceSpan(start: lineRange.lowerBound, end: lineRange.upperBound))
                let before = file.text(of: SourceSpan(start: lineRange.lowerBound, end: token.span.start))
                let expected = NSRange(location: (before as NSString).length, length: (file.text(of: token.span) as NSString).length)
                let regexes = keyword.isReserved ? [reserved] : [contextual, unit]
                let found = regexes.contains { regex in
                    regex.matches(in: line, range: NSRange(location: 0, length: (line as NSString).length)).contains { $0.range == expected }
                }
                #expect(found, "\(name):\(lineIndex + 1): `\(keyword.rawValue)`")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    @Test func theExtensionShipsTheSameGrammar() throws {
        let grammar = try Data(contentsOf: Self.root.appendingPathComponent("Grammar/kundval.tmLanguage.json"))
        let copy = try Data(contentsOf: Self.root.appendingPathComponent("Grammar/vscode/syntaxes/kundval.tmLanguage.json"))
        #expect(grammar == copy, "kopiera Grammar/kundval.tmLanguage.json till Grammar/vscode/syntaxes/")
    }
}
