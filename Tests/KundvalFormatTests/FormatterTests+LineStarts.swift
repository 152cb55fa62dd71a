import KundvalDiagnostics
import KundvalFormat
import KundvalSyntax
import Testing

/// The formatter never starts a line with a word the parser reads differently there: records,
/// lists and calls whose fields and elements are named by every contextual keyword, at widths
/// that force breaks before each of them, format (the safety check would refuse a changed tree)
/// and format again to the same text.
@Suite struct FormatterLineStartTests {
    static let contextualWords = Keyword.allCases.filter { !$0.isReserved }.map(\.rawValue)

    func source(_ word: String) -> String {
        """
        kundval "X"
          nämnd "N"
          enligt reglemente "R" version "1"
        villkor 1 "A"
          kräver g(aaaaaaaa, \(word), [bbbbbbbb, \(word)], { cccccccc: 1, \(word): \(word) }) = \(word)
        test "t"
          vid ansökan 2025-03-01
          med f = [{ dddddddddd: ja, \(word): 2025-06-02, till: 2025-07-14 }, { \(word): nej }]
          med \(word) = [eeeeeeee, \(word), { \(word): 1 }]
          förväntas godkänd

        """
    }

    @Test(arguments: contextualWords)
    func everyContextualWordMayStartALineInsideBrackets(word: String) {
        let text = source(word)
        guard !Parser.parse(text).hasErrors else {
            Issue.record("\(word): the input does not parse")
            return
        }
        var brokenBeforeWord = false
        for width in stride(from: 12, through: 96, by: 6) {
            let formatter = SourceFormatter(configuration: FormatConfiguration(lineWidth: width))
            guard case .formatted(let output) = formatter.format(text) else {
                Issue.record("\(word) at width \(width): \(formatter.format(text))")
                continue
            }
            brokenBeforeWord = brokenBeforeWord || output.split(separator: "\n").contains {
                $0.drop { $0 == " " }.hasPrefix(word + ":") || $0.drop { $0 == " " }.hasPrefix(word + ",")
            }
            guard case .formatted(let again) = formatter.format(output) else {
                Issue.record("\(word) at width \(width): the output does not format")
                continue
            }
            #expect(again == output, "\(word) at width \(width): not idempotent")
        }
        #expect(brokenBeforeWord, "\(word): no width put the word at the start of a line")
    }
}

/// A decision table's row stays on one line however long its cells: a cell's expression past
/// the line's width (`a / b` with long names) broke, and the rest of the row began a line that
/// reads as no declaration, so the formatter refused its own output (found by fuzzing).
@Suite struct FormatterTableRowTests {
    @Test func aLongExpressionInACellDoesNotBreakItsRow() {
        let long = String(repeating: "u", count: 120)
        let text = """
            reglemente "R" version "1"
            tabell t(x: heltal): heltal
              | a\(long) / b\(long) | 1 |
              | 2 | 2 |

            """
        guard !Parser.parse(text).hasErrors else {
            Issue.record("the input does not parse")
            return
        }
        for width in [40, 80, 100] {
            let formatter = SourceFormatter(configuration: FormatConfiguration(lineWidth: width))
            guard case .formatted(let output) = formatter.format(text) else {
                Issue.record("width \(width): \(formatter.format(text))")
                continue
            }
            let rows = output.split(separator: "\n").filter { $0.hasPrefix("  |") }
            #expect(rows.count == 2, "width \(width):\n\(output)")
            #expect(rows.allSatisfy { $0.hasSuffix("|") }, "width \(width):\n\(output)")
        }
    }

    /// A comment inside a row ends its line: the rest of the row continues on the next line,
    /// never after the comment (where `#` made the closing `|` part of the comment, and the next
    /// row read as no declaration: found by fuzzing).
    @Test(arguments: [
        "  | 1  #\n || 6 |\n",
        "  | - | 1 # förklaring\n    |\n  | 2 | 3 |\n",
        "  | # c\n 1 | 2 |\n  | 33 | 4 |\n",
        "  | 1 | 2 | # a\n  | # b\n    3 | 4 # c\n    |\n",
        // A comment on its own line before a cell with an operator: the cell's expression is
        // laid out as a group of its own, not broken with the comment's line (found by review).
        "  |\n  # a\n  1 + 2 | 3 |\n",
        "  | # a\n  # b\n  2 * 3 + 4 | 3 |\n  | 4 | 5 |\n",
    ])
    func aCommentInsideARowEndsItsLine(rows: String) {
        let text = "reglemente \"R\"\ntabell t(x: heltal): heltal\n" + rows
        guard !Parser.parse(text).hasErrors else {
            Issue.record("the input does not parse")
            return
        }
        let formatter = SourceFormatter()
        guard case .formatted(let output) = formatter.format(text) else {
            Issue.record("\(formatter.format(text))")
            return
        }
        #expect(output.split(separator: "\n").allSatisfy { !$0.contains("#") || !$0.hasSuffix("|") }, "\(output)")
        guard case .formatted(let again) = formatter.format(output) else {
            Issue.record("the output does not format: \(formatter.format(output))")
            return
        }
        #expect(again == output)
        #expect(!output.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(output)")
    }

    /// A comment on a line of its own between two rows belongs before the second row, whose
    /// first cell keeps its space after the `|` and its padding: `|-    | 2 |` was written
    /// (found by an author of an LSS kundval).
    @Test func aCommentBetweenRowsLeavesTheNextRowAlignedAsTheOthers() {
        let text = "reglemente \"R\"\ntabell t(x: heltal): heltal i ordning\n  | <= 4 | 1 |\n  # mellan rader\n  | - | 2 |\n"
        guard case .formatted(let output) = SourceFormatter().format(text) else {
            Issue.record("\(SourceFormatter().format(text))")
            return
        }
        #expect(output.hasSuffix("  | <= 4 | 1 |\n  # mellan rader\n  | -    | 2 |\n"), "\(output)")
        guard case .formatted(let again) = SourceFormatter().format(output) else {
            Issue.record("the output does not format")
            return
        }
        #expect(again == output)
    }

    /// A cell broken over lines (a text block) is followed by a space before its `|`, as every
    /// cell is: the first fix wrote `"""|`.
    @Test func aTextBlockCellKeepsItsSpaceBeforeThePipe() {
        let text = "reglemente \"R\"\ntabell t(x: heltal): text\n  | 1 | \"\"\"\n    abc\n    \"\"\" |\n  | 333 | \"x\" |\n"
        guard case .formatted(let output) = SourceFormatter().format(text) else {
            Issue.record("\(SourceFormatter().format(text))")
            return
        }
        #expect(output.contains("\"\"\" |"), "\(output)")
    }
}
