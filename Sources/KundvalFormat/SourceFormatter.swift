import KundvalDiagnostics
import KundvalSyntax

/// How the formatter lays text out.
public struct FormatConfiguration: Sendable, Hashable {
    /// The width lines are kept within where the rules allow (a text or a long name may exceed it).
    public var lineWidth: Int
    /// The columns of one step of indentation: clauses under a declaration, continued lines.
    public var indentation: Int

    /// The house style: lines of at most 100 columns, two spaces per step.
    public init(lineWidth: Int = 100, indentation: Int = 2) {
        self.lineWidth = lineWidth
        self.indentation = indentation
    }
}

/// What formatting one file gave.
public enum FormatResult: Sendable {
    /// The formatted text (equal to the input when it was already formatted).
    case formatted(String)
    /// The file has syntax errors and is not formatted; the diagnostics say where.
    case syntaxErrors([Diagnostic])
    /// The formatter's own output did not hold up to its safety check; the file must be left as
    /// it is. The message says what differed (an internal error of the formatter).
    case refused(String)
}

/// The formatter of `.kundval` files: `kundval fmt`.
///
/// It lays a file out again from its syntax tree and its tokens: clauses one per line under
/// their declaration, decision-table columns aligned, multi-line texts indented one step under
/// their clause, long expressions broken at `eller`, `och` and then other operators. Words are
/// kept as written (`ej` stays `ej`), comments are kept where they stand, and runs of empty lines
/// become one. Before returning, it parses its output and compares the syntax tree with the
/// input's, ignoring positions; it refuses (``FormatResult/refused(_:)``) rather than return text
/// that means anything else.
public struct SourceFormatter: Sendable {
    /// The layout settings.
    public var configuration: FormatConfiguration

    /// Creates a formatter.
    public init(configuration: FormatConfiguration = FormatConfiguration()) {
        self.configuration = configuration
    }

    /// Formats a file, checked: see ``FormatResult``.
    public func format(_ file: SourceFile) -> FormatResult {
        let parsed = Parser.parse(file)
        if parsed.hasErrors { return .syntaxErrors(parsed.diagnostics) }
        let output = layout(file, syntax: parsed.syntax)
        if let problem = Self.difference(original: file, parsed: parsed, output: output) { return .refused(problem) }
        return .formatted(output)
    }

    /// Formats a text; a convenience for tests and tools.
    public func format(_ text: String, path: String = "<text>") -> FormatResult {
        format(SourceFile(path: path, text: text))
    }

    /// The laid-out text of a file that parsed without errors, not yet checked.
    func layout(_ file: SourceFile, syntax: SourceFileSyntax) -> String {
        var diagnostics = DiagnosticList()
        var comments: [SourceSpan] = []
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics, comments: &comments)
        var builder = DocBuilder(file: file, tokens: tokens, comments: comments, indentation: configuration.indentation)
        builder.sourceFile(syntax)
        let doc = Doc.concat(builder.stack.flatMap { $0 })
        return Layout(width: configuration.lineWidth, indentation: configuration.indentation).render(doc)
    }

    /// What makes `output` unacceptable as the formatting of `original`, or `nil` when it parses
    /// without new diagnostics to an equal tree, with the same texts and the same comments.
    static func difference(original: SourceFile, parsed: ParseResult, output: String) -> String? {
        let reparsed = Parser.parse(SourceFile(path: original.path, text: output))
        if reparsed.hasErrors || reparsed.diagnostics.map(\.code) != parsed.diagnostics.map(\.code),
           let first = reparsed.diagnostics.first(where: { !parsed.diagnostics.map(\.code).contains($0.code) })
            ?? reparsed.diagnostics.first {
            let location = reparsed.file.location(of: first.span.start)
            return "utdata ger felet \(first.code) på rad \(location.line): \(first.message)"
        }
        let before = SyntaxShape.summary(of: parsed.syntax)
        let after = SyntaxShape.summary(of: reparsed.syntax)
        if before.shape != after.shape {
            let prefix = zip(before.shape, after.shape).prefix { $0 == $1 }.count
            let context = String(after.shape.dropFirst(max(0, prefix - 40)).prefix(80))
            return "syntaxträdet ändras av formateringen (vid `\(context)`)"
        }
        if before.texts != after.texts {
            return "en text inom citattecken ändras av formateringen"
        }
        if SyntaxShape.comments(in: original) != SyntaxShape.comments(in: reparsed.file) {
            return "en kommentar går förlorad eller ändras av formateringen"
        }
        return nil
    }
}
