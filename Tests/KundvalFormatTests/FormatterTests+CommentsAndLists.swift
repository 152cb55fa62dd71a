import KundvalFormat
import KundvalSyntax
import Testing

/// Formats `source` and checks that the output is a fixed point; `nil` (with an issue recorded)
/// when the formatter does not give text.
private func formattedTwice(_ source: String, width: Int = 100) -> String? {
    let formatter = SourceFormatter(configuration: FormatConfiguration(lineWidth: width))
    guard case .formatted(let output) = formatter.format(source) else {
        Issue.record("\(formatter.format(source))")
        return nil
    }
    guard case .formatted(let again) = formatter.format(output) else {
        Issue.record("the output does not format: \(formatter.format(output))")
        return nil
    }
    #expect(again == output, "not idempotent:\n\(output)")
    return output
}

/// Comments at the ends of lines inside brackets and between the parts of a clause: every line
/// after such a comment was indented one step deeper than the one before, and the closing
/// bracket drifted right (found by an adversarial session). Now a bracket holding a comment is
/// broken, one item per line and the closing bracket at its opening line's indentation, and a
/// line after a comment starts where the break before it would put it.
@Suite struct FormatterCommentStaircaseTests {
    static let header = "reglemente \"R\"\n  version \"1\"\nfakta\n  x: heltal\n  y: heltal\n  z: heltal\n  w: heltal\n"

    @Test func aRecordWithCommentsAfterItsFieldsHasItsFieldsAligned() {
        let source = Self.header + "exempel ex = {\n  x: 1, # a\n  y: 2, # b\n    z: 3, # c\n  w: 4 # d\n  }\n"
        guard let output = formattedTwice(source) else { return }
        #expect(output == Self.header + "exempel ex = {\n  x: 1, # a\n  y: 2, # b\n  z: 3, # c\n  w: 4 # d\n}\n")
        // The record the same without its comments fits on one line and stays there.
        let plain = Self.header + "exempel ex = {\n  x: 1,\n  y: 2,\n  z: 3,\n  w: 4\n}\n"
        #expect(formattedTwice(plain) == Self.header + "exempel ex = { x: 1, y: 2, z: 3, w: 4 }\n")
    }

    @Test func aCallWithCommentsAfterItsArgumentsClosesAtItsOpeningLinesIndentation() {
        let source = Self.header + "definition d: heltal = största( # e\n  1, # f\n  2 # g\n)\n"
        guard let output = formattedTwice(source) else { return }
        #expect(output == Self.header + "definition d: heltal =\n  största( # e\n    1, # f\n    2 # g\n  )\n")
    }

    /// A comment on a line of its own inside a record broke it, but the fields after it were
    /// packed on one line with the closing brace (and `{` was followed by a trailing space).
    @Test func aCommentOnItsOwnLineInsideARecordPutsEachFieldOnItsLine() {
        let source = Self.header + "exempel ex = {\n  # först\n  x: 1,\n  y: 2, z: 3, w: 4 }\n"
        guard let output = formattedTwice(source) else { return }
        #expect(output == Self.header + "exempel ex = {\n  # först\n  x: 1,\n  y: 2,\n  z: 3,\n  w: 4\n}\n")
    }

    @Test func aListInsideARecordWithACommentIsBrokenAsTheRecordIs() {
        let source = "reglemente \"R\"\nfakta\n  x: heltal\n  l: lista av heltal\n"
            + "test \"t\"\n  vid ansökan 2025-01-01\n  med l = [1, # ett\n      2, 3]\n  förväntas godkänd\n"
        guard let output = formattedTwice(source) else { return }
        #expect(output.hasSuffix("  med l = [\n    1, # ett\n    2,\n    3\n  ]\n  förväntas godkänd\n"), "\(output)")
    }

    /// Brackets that hold only a comment close at the opening line's indentation, as brackets
    /// with items and a comment do (the closing bracket stood one step deeper; found by an
    /// adversarial session).
    @Test func bracketsHoldingOnlyACommentCloseWhereTheyOpened() {
        let source = "reglemente \"R\"\nfakta\n  l: lista av heltal\n"
            + "test \"t\"\n  vid ansökan 2025-01-01\n  med l = [ # inga ännu\n        ]\n  förväntas godkänd\n"
        guard let output = formattedTwice(source) else { return }
        #expect(output.hasSuffix("  med l = [ # inga ännu\n  ]\n  förväntas godkänd\n"), "\(output)")
    }

    /// The parts of a chain and the documents of an evidence clause after comments at line ends.
    @Test func theLinesAfterCommentsInAClauseStandAtOneIndentation() {
        let source = """
            reglemente "R"
            typ S: en av a, # x
              b, # y
              c, # z
              d
            fakta
              x: ja/nej
              y: ja/nej
              z: ja/nej
              d1: dokument
              d2: dokument
              d3: dokument
            villkor 1 "A"
              kräver x # a
                och y # b
                och z # c
              underlag bifogas ansökan "U": d1, # a
                d2, # b
                d3

            """
        guard let output = formattedTwice(source) else { return }
        #expect(output == source)
        for line in output.split(separator: "\n") where line.hasPrefix("      ") {
            Issue.record("a staircase line: `\(line)`\n\(output)")
        }
    }
}

/// Lists of condition numbers after `villkor` are packed to the line width like an enumeration's
/// cases, continued one step deeper than their clause: `granskar villkor 1, 2, …` was broken
/// after every comma with each number at the clause's indentation, and `förväntas ej godkänd med
/// brist i villkor 1, 2, …` was never broken (found by an adversarial session).
@Suite struct FormatterNumberListTests {
    static let numbers = (1...26).map(String.init).joined(separator: ", ")

    static func source(_ reviews: String, _ failing: String) -> String {
        """
        reglemente "R"
          version "1"
        bedömning omprövning "Omprövning"
          granskar villkor \(reviews)
          vid brist: ej godkänd auktorisation
        fakta
          x: heltal
        villkor 1 "A"
          kräver x > 0
        test "t"
          vid omprövning 2025-01-01
          förväntas ej godkänd med brist i villkor \(failing)

        """
    }

    @Test func bothListsAreFilledToTheWidthAndContinuedOneStepIn() {
        guard let output = formattedTwice(Self.source(Self.numbers, Self.numbers)) else { return }
        #expect(output == """
            reglemente "R"
              version "1"
            bedömning omprövning "Omprövning"
              granskar villkor 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26
              vid brist: ej godkänd auktorisation
            fakta
              x: heltal
            villkor 1 "A"
              kräver x > 0
            test "t"
              vid omprövning 2025-01-01
              förväntas ej godkänd med brist i villkor 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26

            """)
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    /// Ranges stay whole, short lists stay on their line, and a narrow width packs every
    /// continued line (the clause's words before the first number are not broken).
    @Test func rangesAndNarrowWidths() {
        let short = Self.source("1–9, 12", "6, 7")
        #expect(formattedTwice(short) == short)
        guard let narrow = formattedTwice(Self.source("1–9, 12, 14 - 20, 22", Self.numbers), width: 40) else { return }
        #expect(narrow.contains("  granskar villkor 1–9, 12, 14-20, 22\n"), "\(narrow)")
        #expect(narrow.contains("""
              förväntas ej godkänd med brist i villkor 1,
                2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25, 26

            """), "\(narrow)")
    }
}

/// `största v i lista där villkor: värde`: the filter is laid out as an expression, broken
/// before `där` and after the `:` when the whole does not fit, one step in.
@Suite struct FormatterFilteredExtremeTests {
    @Test func aFilterBeforeTheColonIsKeptAndBroken() {
        let header = "reglemente \"R\"\n  version \"1\"\nfakta\n  l: lista av heltal\n"
        let short = header + "definition d: heltal kan saknas = största  x i l   där x > 2:x\n"
        #expect(formattedTwice(short) == header + "definition d: heltal kan saknas = största x i l där x > 2: x\n")
        let long = header + "definition d: heltal kan saknas = största ett_mycket_långt_namn i l där ett_mycket_långt_namn > 2: "
            + "ett_mycket_långt_namn * 1000\n"
        #expect(formattedTwice(long, width: 60) == header + "definition d: heltal kan saknas =\n  största ett_mycket_långt_namn i l\n"
                + "    där ett_mycket_långt_namn > 2:\n    ett_mycket_långt_namn * 1000\n")
    }
}
