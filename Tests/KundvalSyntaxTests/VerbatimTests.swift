import Foundation
import KundvalDiagnostics
import KundvalSyntax
import KundvalTestSupport
import Testing

/// Every `lydelse` and `förtydligande` of the shipped rule files is quoted verbatim from its
/// source document in `conditions/källor/` (issue 15), paragraph by paragraph. The comparison
/// forgives only what the PDF extraction did: line breaks and runs of spaces, words hyphenated
/// at a line end, HTML tags and list markers, and page headers or another column's text between
/// two paragraphs of one cell.
@Suite struct VerbatimTests {
    /// Each shipped file and the source documents its texts are quoted from. The current
    /// reglemente's general conditions are printed in both 000 and 002.
    static let sources: [String: [String]] = [
        "oppenvard-000.kundval": ["000_1c256d67985f3f0e.txt"],
        "oppenvard-001.kundval": ["001_2e5407014ccdb3d7.txt"],
        "arbete-etablering-002.kundval": ["002_6616a01b528d733a.txt"],
        "reglemente-31.kundval": ["000_1c256d67985f3f0e.txt", "002_6616a01b528d733a.txt"],
        "reglemente-27.kundval": ["001_2e5407014ccdb3d7.txt"],
    ]

    /// `text` as the comparison sees it: HTML tags and list markers (bullets anywhere) removed, a word hyphenated
    /// at a line end joined, a hyphen between two letters or digits dropped (so that "F-skatt"
    /// broken as "F-" and "skatt" compares equal either way), and every run of white space one space.
    static func normalized(_ text: String) -> String {
        let markers: [String] = ["\u{F0B7}", "•", "▪", "◦", "-", "–", "*"]
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            // HTML tags the extraction left, and list markers run into one line (" - ").
            line = line.replacingOccurrences(of: "<[^<>]*>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: " - ", with: " ")
                .replacingOccurrences(of: "[\u{F0B7}•▪◦]", with: " ", options: .regularExpression)
            var rest = Substring(line).drop { $0.isWhitespace }
            for marker in markers where rest.hasPrefix(marker + " ") || rest.hasPrefix(marker + "\t") || (marker.count == 1 && marker.unicodeScalars.first!.value > 0x7F && rest.hasPrefix(marker)) {
                rest = rest.dropFirst(marker.count).drop { $0.isWhitespace }
                break
            }
            let trimmed = rest.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { lines.append(trimmed) }
        }
        var joined = ""
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            // "för-" + "säkring": a word broken at the line end, not "hälso- och sjukvård".
            if line.count > 1, line.hasSuffix("-"), line.dropLast().last.map({ $0.isLetter || $0.isNumber }) == true,
               let first = next.first, first.isLetter || first.isNumber, !next.hasPrefix("och "), !next.hasPrefix("eller ") {
                joined += String(line.dropLast())
                continue
            }
            joined += line + " "
        }
        let characters = Array(joined)
        var kept = ""
        for (index, character) in characters.enumerated() {
            if character == "-", index > 0, index + 1 < characters.count,
               characters[index - 1].isLetter || characters[index - 1].isNumber,
               characters[index + 1].isLetter || characters[index + 1].isNumber { continue }
            kept.append(character)
        }
        return kept.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether `source` holds `quote`, whole or in up to three pieces that follow each other within
    /// a few hundred characters: the extraction puts a page's repeated table header, or the text of
    /// the row's other columns, into the middle of a sentence that runs over a page break.
    static func quotes(_ quote: String, in source: String, pieces: Int = 3) -> Bool {
        if source.contains(quote) { return true }
        guard pieces > 1 else { return false }
        let start = longestQuotedStart(of: quote, in: source)
        guard start.count >= 20, let found = source.range(of: start) else { return false }
        let rest = String(quote.dropFirst(start.count)).trimmingCharacters(in: .whitespaces)
        let window = String(source[found.upperBound...].prefix(400 + rest.count))
        // A short remainder only where it follows at once: a stray full stop is no quotation.
        guard rest.count >= 8 || window.trimmingCharacters(in: .whitespaces).hasPrefix(rest) else { return false }
        return quotes(rest, in: window, pieces: pieces - 1)
    }

    /// The paragraphs of a quotation: its parts between blank lines.
    static func paragraphs(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }

    /// The longest start of `quote` found in `source`, for saying where a quotation departs.
    static func longestQuotedStart(of quote: String, in source: String) -> String {
        let characters = Array(quote)
        var (low, high) = (0, characters.count)
        while low < high {
            let middle = (low + high + 1) / 2
            if source.contains(String(characters[..<middle])) { low = middle } else { high = middle - 1 }
        }
        return String(characters[..<low])
    }

    /// Every wording and clarification of a parsed file.
    static func quotations(in syntax: SourceFileSyntax) -> [(kind: String, text: TextLiteral)] {
        var found: [(String, TextLiteral)] = []
        for declaration in syntax.declarations {
            switch declaration {
            case .condition(let condition):
                for clause in condition.clauses {
                    if case .wording(let text) = clause { found.append(("lydelse", text)) }
                    if case .clarification(let text) = clause { found.append(("förtydligande", text)) }
                }
            case .service(let service):
                for case .wording(let text) in service.clauses { found.append(("lydelse", text)) }
            default:
                break
            }
        }
        return found
    }

    @Test func everyShippedFileNamesItsSources() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Repository.url("conditions").path)
            .filter { $0.hasSuffix(".kundval") }
        #expect(Set(shipped) == Set(Self.sources.keys))
    }

    @Test(arguments: sources.keys.sorted())
    func everyQuotationIsInItsSource(_ name: String) throws {
        let sources = try Self.sources[name, default: []].map {
            Self.normalized(try Repository.text("conditions/källor/\($0)"))
        }
        let file = SourceFile(path: "conditions/\(name)", bytes: Array(try Repository.text("conditions/\(name)").utf8))
        let parsed = Parser.parse(file)
        var departures: [String] = []
        let quotations = Self.quotations(in: parsed.syntax)
        #expect(!quotations.isEmpty)
        for (kind, text) in quotations {
            // Paragraph by paragraph: the extraction puts page headers and the other columns'
            // text between the paragraphs of one cell.
            for paragraph in Self.paragraphs(of: text.value) {
                let quote = Self.normalized(paragraph)
                guard !quote.isEmpty, !sources.contains(where: { Self.quotes(quote, in: $0) }) else { continue }
                let start = sources.map { Self.longestQuotedStart(of: quote, in: $0) }.max { $0.count < $1.count } ?? ""
                let rest = quote.dropFirst(start.count).prefix(60)
                departures.append("\(file.path):\(file.location(of: text.span.start)): \(kind) avviker från källan efter "
                                  + "«…\(start.suffix(40))»: «\(rest)…»")
            }
        }
        #expect(departures.isEmpty, "\(departures.count) av \(quotations.count) citat:\n\(departures.joined(separator: "\n"))")
    }
}
