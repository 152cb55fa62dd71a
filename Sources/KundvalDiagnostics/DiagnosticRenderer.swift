/// Renders diagnostics for people: a `file:line:col` heading with severity, code and message,
/// the source line in a `N | source` gutter with a caret underline, then notes and the hint.
///
/// ```
/// regler.kundval:3:3: fel[K0204]: `krävs` är ingen klausul i ett villkor
///   |
/// 3 |   krävs anordnare.i_konkurs
///   |   ^^^^^
///   = hjälp: menade du `kräver`?
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to emit ANSI colour codes.
    public var colors: Bool
    /// Source lines longer than this many columns are shown as a window around the caret.
    public var maximumLineWidth: Int

    /// Creates a renderer.
    public init(colors: Bool = false, maximumLineWidth: Int = 120) {
        self.colors = colors
        self.maximumLineWidth = maximumLineWidth
    }

    /// Renders every diagnostic of a file, separated by blank lines.
    public func render(_ fileDiagnostics: FileDiagnostics) -> String {
        fileDiagnostics.diagnostics.map { render($0, in: fileDiagnostics.file) }.joined(separator: "\n")
    }

    /// Renders one diagnostic; the result ends with a newline.
    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let location = file.location(of: diagnostic.span.start)
        let severityStyle = diagnostic.severity == .error ? Style.error : Style.warning
        var out = paint("\(file.path):\(location):", .bold) + " "
            + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code)]", severityStyle)
            + paint(": " + diagnostic.message, .bold) + "\n"
        let gutterWidth = String(location.line).count
        out += snippet(span: diagnostic.span, in: file, gutterWidth: gutterWidth, label: nil)
        for note in diagnostic.notes {
            let noteLocation = file.location(of: note.span.start)
            if noteLocation.line == location.line {
                out += pad(gutterWidth) + paint(" = ", .gutter) + "not: \(note.message) (\(noteLocation))\n"
            } else {
                out += pad(gutterWidth) + paint(" = ", .gutter) + "not: \(note.message)\n"
                out += snippet(span: note.span, in: file, gutterWidth: gutterWidth, label: nil)
            }
        }
        if let hint = diagnostic.hint {
            out += pad(gutterWidth) + paint(" = ", .gutter) + paint("hjälp: ", .hint) + hint + "\n"
        }
        return out
    }

    // MARK: - Snippet

    private func snippet(span: SourceSpan, in file: SourceFile, gutterWidth: Int, label: String?) -> String {
        let lineIndex = file.lineIndex(of: span.start)
        let range = file.lineRange(lineIndex)
        let start = min(max(span.start, range.lowerBound), range.upperBound)
        let end = min(max(span.end, start), range.upperBound)
        var line = displayColumns(file.bytes[range.lowerBound..<start])
        let caretStart = line.count
        line += displayColumns(file.bytes[start..<end])
        let caretLength = max(1, line.count - caretStart)
        line += displayColumns(file.bytes[end..<range.upperBound])

        // Show a window of long lines around the caret.
        var shown = line[...]
        var caretOffset = caretStart
        if line.count > maximumLineWidth {
            let windowStart = max(0, caretStart - maximumLineWidth / 3)
            let windowEnd = min(line.count, windowStart + maximumLineWidth)
            shown = line[windowStart..<windowEnd]
            caretOffset = caretStart - windowStart
            if windowStart > 0 { shown = ["…"] + shown; caretOffset += 1 }
            if windowEnd < line.count { shown.append("…") }
        }
        let visibleCaret = min(caretLength, max(1, shown.count - caretOffset))
        let number = String(lineIndex + 1)
        var out = pad(gutterWidth) + paint(" |", .gutter) + "\n"
        out += paint(pad(gutterWidth - number.count) + number + " |", .gutter)
        out += shown.isEmpty ? "\n" : " " + String(String.UnicodeScalarView(shown)) + "\n"
        out += pad(gutterWidth) + paint(" |", .gutter) + " " + pad(caretOffset)
            + paint(String(repeating: "^", count: visibleCaret), .caret)
        if let label { out += " " + label }
        return out + "\n"
    }

    /// Decodes bytes for display: invalid UTF-8 becomes U+FFFD, a tab becomes four spaces and
    /// other control characters become their visible control pictures (NUL shows as `␀`).
    private func displayColumns(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(bytes.count)
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x09: result.append(contentsOf: repeatElement(" ", count: 4))
            case 0x00..<0x20: result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: result.append("\u{2421}")
            default: result.append(scalar)
            }
        }
        return result
    }

    // MARK: - Styling

    private enum Style: String {
        case bold = "1"
        case error = "1;31"
        case warning = "1;33"
        case gutter = "34"
        case caret = "31"
        case hint = "36"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colors ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    private func pad(_ count: Int) -> String { String(repeating: " ", count: max(0, count)) }
}
