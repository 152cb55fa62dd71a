import KundvalSyntax

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

    /// The lines of the text with the closing delimiter's indentation removed (the parser's
    /// own reading, ``Parser/dedentedLines(_:)``), or `nil` when the text is not in the form with
    /// `"""` on lines of their own.
    static func contentLines(_ spelling: String) -> [String]? {
        guard spelling.hasPrefix("\"\"\""), spelling.hasSuffix("\"\"\""), spelling.count >= 6 else { return nil }
        let inner = spelling.utf8.dropFirst(3).dropLast(3).filter { $0 != UInt8(ascii: "\r") }
        let text = Parser.dedentedLines(inner)
        guard text.removedOpeningLine, text.removedClosingLine else { return nil }
        return text.lines.map { String(decoding: $0, as: UTF8.self) }
    }
}
