/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable {
    /// The file cannot be used.
    case error = "fel"
    /// The file can be used, but something looks wrong.
    case warning = "varning"

    /// Errors sort after warnings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A secondary location that helps explain a diagnostic (for example where a bracket opened).
public struct DiagnosticNote: Hashable, Sendable {
    /// Where the note points.
    public var span: SourceSpan
    /// One short Swedish sentence.
    public var message: String

    /// Creates a note.
    public init(span: SourceSpan, message: String) {
        self.span = span
        self.message = message
    }
}

/// One problem found in a source file, as a value: a stable code, a span, one Swedish sentence,
/// an optional hint ("menade du …") and optional notes.
///
/// Messages follow one style: lowercase, no final period, user input in backticks.
public struct Diagnostic: Hashable, Sendable {
    /// The stable code, documented in ``DiagnosticCatalog``.
    public var code: DiagnosticCode
    /// Error or warning.
    public var severity: Severity
    /// One clear Swedish sentence.
    public var message: String
    /// The offending range.
    public var span: SourceSpan
    /// A hint on how to fix it, when one exists.
    public var hint: String?
    /// Further locations that explain the problem.
    public var notes: [DiagnosticNote]

    /// Creates a diagnostic.
    public init(
        code: DiagnosticCode,
        severity: Severity = .error,
        message: String,
        span: SourceSpan,
        hint: String? = nil,
        notes: [DiagnosticNote] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = Self.clipped(message)
        self.span = span
        // A hint quotes what to write (`typ Sanktion: en av åtgärdsplan, … i stigande ordning`),
        // known names and words, not what was typed: it is kept whole.
        self.hint = hint
        self.notes = notes
    }

    /// The longest text between backticks a message repeats whole; a longer one (a name of
    /// 200,000 letters typed at a prompt) is shown by its start and end, as the source line is
    /// (see ``Quoting``). Messages quote what was written; hints are not shortened.
    public static let longestQuote = Quoting.longest

    /// `text` with every backtick-quoted part longer than ``longestQuote`` characters shortened
    /// to its start, `…` and its end.
    static func clipped(_ text: String) -> String {
        guard text.utf8.count > longestQuote else { return text }
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        // Odd parts are quoted (between a backtick and the next); a last odd part without its
        // closing backtick is left as it is.
        return parts.enumerated().map { index, part in
            guard index % 2 == 1, index < parts.count - 1 else { return String(part) }
            return Quoting.shortened(part)
        }.joined(separator: "`")
    }
}

/// The diagnostics of one file, kept with the file so they can be rendered; also the error of a
/// check that failed.
public struct FileDiagnostics: Sendable, Error {
    /// The file the diagnostics refer to.
    public let file: SourceFile
    /// All diagnostics of the file, in source order.
    public let diagnostics: [Diagnostic]

    /// Creates the pair; diagnostics are sorted by position.
    public init(file: SourceFile, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
    }

    /// Number of errors.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// Number of warnings.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
