import KundvalDiagnostics

extension Parser {
    /// Parses a whole file as one expression (what is typed at a prompt): an expression and then
    /// the end of the text. Every problem is a diagnostic on the file; the expression is an
    /// error node where one was reported.
    public static func parseExpression(_ file: SourceFile) -> (expression: Expression, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticList()
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics)
        if let undecodable = diagnostics.items.first(where: { $0.code == .invalidUTF8 }) {
            return (Expression(.error, span: .point(0)), [undecodable])
        }
        var parser = Parser(file: file, tokens: tokens, diagnostics: diagnostics)
        if parser.isAtEnd {
            parser.report(.expectedToken, "väntade ett uttryck men fann \(parser.describe(parser.current))",
                          at: parser.current.span)
            return (Expression(.error, span: parser.current.span), parser.diagnostics.items)
        }
        let expression = parser.parseExpression()
        if !parser.isAtEnd {
            // An English word here (`ja or nej`), or just before (`not ja` reads `not` as a name).
            let words = [parser.current] + (parser.index > 0 ? [parser.tokens[parser.index - 1]] : [])
            let english = words.lazy.map { parser.text(of: $0) }.first { Self.swedishWord(for: $0) != nil }
            parser.report(.expectedToken, "väntade uttryckets slut men fann \(parser.describe(parser.current))",
                          at: parser.current.span,
                          hint: english.map { Self.swedishHint($0, Self.swedishWord(for: $0)!) }
                              ?? "ett uttryck i taget; för två villkor samtidigt: `a och b`")
        }
        return (expression, parser.diagnostics.items.sorted { $0.span.start < $1.span.start })
    }
}
