/// Re-indents multi-line texts (`"""` … `"""`) without changing their value.
///
/// The parser removes the line break after the opening `"""`, the last line when it holds only
/// the closing delimiter's indentation, and that indentation from every line. A text in that form
/// is laid out again with its lines and closing `"""` one step deeper than the clause it belongs
/// to, which gives the same value; any other form is written exactly as it stands.
enum TextBlock {
    /// The document of a multi-line text token's spelling.
    static func doc(_ spelling: String) -> Doc {
        guard let lines = contentLines(spelling) else { return .verbatim(spelling) }
        return .block(first: "\"\"\"", rest: lines + ["\"\"\""])
    }

    /// The lines of the text with the closing delimiter's indentation removed (as the parser
    /// removes it), or `nil` when the text is not in the form with `"""` on lines of their own.
    static func contentLines(_ spelling: String) -> [String]? {
        guard spelling.hasPrefix("\"\"\""), spelling.hasSuffix("\"\"\""), spelling.count >= 6 else { return nil }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: spelling.unicodeScalars.dropFirst(3).dropLast(3).filter { $0 != "\r" })
        let inner = String(scalars)
        var lines = inner.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, let first = lines.first, isBlank(first), let last = lines.last, isBlank(last)
        else { return nil }
        lines.removeFirst()
        lines.removeLast()
        let strip = last.count
        return lines.map { line in
            let indentation = line.prefix { $0 == " " || $0 == "\t" }.count
            return String(line.dropFirst(min(indentation, strip)))
        }
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
}
