import KundvalDiagnostics

/// The result of parsing one file: the syntax tree (always present, with placeholders where
/// errors were found) and every diagnostic of the file.
public struct ParseResult: Sendable {
    /// The file that was parsed.
    public let file: SourceFile
    /// The syntax tree.
    public let syntax: SourceFileSyntax
    /// Lexical and syntax diagnostics, in source order.
    public let diagnostics: [Diagnostic]
    /// Diagnostics beyond the per-file limit, counted but not kept.
    public let suppressedDiagnosticCount: Int
    /// The errors among them.
    public var suppressedErrorCount: Int = 0

    /// Whether the file has syntax errors.
    public var hasErrors: Bool { suppressedErrorCount > 0 || diagnostics.contains { $0.severity == .error } }

    /// Whether the file could not be read as text at all (it is not UTF-8): its syntax tree is
    /// empty and its one diagnostic says so.
    public var isUnreadable: Bool { diagnostics.contains { $0.code == .invalidUTF8 } }
}

/// A hand-written recursive-descent parser for `.kundval` files.
///
/// Each `parseX` method's documentation quotes the rule of `Grammar/kundval.ebnf` it implements.
/// The parser never stops at the first error: after reporting one it suppresses further reports
/// until it reaches a synchronization point (a clause or declaration keyword at the start of a
/// line), so one mistake gives one diagnostic and independent mistakes give one each.
public struct Parser {
    /// The deepest nesting of brackets, prefix operators and list types the parser follows.
    public static let maximumNesting = 128

    let file: SourceFile
    let tokens: [Token]
    var index = 0
    var diagnostics: DiagnosticList
    var nesting = 0
    /// How many lists and argument lists the current token is inside: there, two
    /// numbers side by side may be two values with their comma missing (see ``thousands(after:)``).
    var commaListDepth = 0
    /// Set after an error; further errors are not reported until the next synchronization point.
    var isRecovering = false
    /// A line's first word that misspells a declaration word (see ``misspelledDeclaration(clauses:)``)
    /// where a declaration's clauses met it: the declaration ends there, and the file's
    /// declaration loop reports the word once and reads what follows as that declaration.
    var misspelledDeclarationAt: (index: Int, keyword: Keyword)?

    /// Parses a source file into a syntax tree and diagnostics.
    public static func parse(_ file: SourceFile) -> ParseResult {
        var diagnostics = DiagnosticList()
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics)
        // A file that is not UTF-8 (saved as Latin-1, say) is one mistake: every å, ä and ö in it
        // would otherwise give errors of its own. It is not parsed.
        if let undecodable = diagnostics.items.first(where: { $0.code == .invalidUTF8 }) {
            return ParseResult(file: file, syntax: SourceFileSyntax(header: nil, declarations: []),
                               diagnostics: [undecodable], suppressedDiagnosticCount: 0)
        }
        var parser = Parser(file: file, tokens: tokens, diagnostics: diagnostics)
        let syntax = parser.parseSourceFile()
        return ParseResult(
            file: file,
            syntax: syntax,
            diagnostics: parser.diagnostics.items.sorted { $0.span.start < $1.span.start },
            suppressedDiagnosticCount: parser.diagnostics.suppressedCount,
            suppressedErrorCount: parser.diagnostics.suppressedErrorCount
        )
    }

    /// Parses a source text; a convenience for tests and the REPL.
    public static func parse(_ text: String, path: String = "<text>") -> ParseResult {
        parse(SourceFile(path: path, text: text))
    }

    // MARK: - Token cursor

    var current: Token { tokens[index] }

    func peek(_ distance: Int = 1) -> Token {
        tokens[min(index + distance, tokens.count - 1)]
    }

    var isAtEnd: Bool { current.kind == .endOfFile }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }
    func at(_ keyword: Keyword) -> Bool { current.keyword == keyword }

    mutating func eat(_ kind: TokenKind) -> Token? {
        at(kind) ? advance() : nil
    }

    mutating func eat(_ keyword: Keyword) -> Token? {
        at(keyword) ? advance() : nil
    }

    /// The source text of a token.
    func text(of token: Token) -> String { file.text(of: token.span) }

    /// How a token is named in a message: its text in backticks, or "filens slut".
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return "filens slut"
        case .text, .multilineText: return "en text"
        default:
            var text = text(of: token)
            if text.count > 30 { text = String(text.prefix(30)) + "…" }
            return "`\(text)`"
        }
    }

    /// The end offset of the previous token, for spans that end at what was consumed.
    var previousEnd: Int { index > 0 ? tokens[index - 1].span.end : 0 }

    func span(from start: Int) -> SourceSpan { SourceSpan(start: start, end: max(start, previousEnd)) }

    // MARK: - Diagnostics

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan,
                         hint: String? = nil, notes: [DiagnosticNote] = []) {
        guard !isRecovering else { return }
        isRecovering = true
        // An unknown character was reported by the lexer already; what follows from it is noise.
        if current.kind == .unknown, span.start >= current.span.start { return }
        diagnostics.append(Diagnostic(code: code, message: message, span: span, hint: hint, notes: notes))
    }

    /// Consumes a token of `kind`, or reports what was expected and returns `nil`.
    mutating func expect(_ kind: TokenKind, _ what: String? = nil, hint: String? = nil) -> Token? {
        if let token = eat(kind) { return token }
        report(.expectedToken, "väntade \(what ?? kind.displayName) men fann \(describe(current))",
               at: current.span, hint: hint)
        return nil
    }

    /// Consumes the keyword, or reports it as expected and returns `nil`.
    mutating func expect(_ keyword: Keyword, hint: String? = nil) -> Token? {
        if let token = eat(keyword) { return token }
        var hint = hint
        if current.kind == .identifier || current.kind == .keyword,
           Suggestion.closest(to: text(of: current), among: [keyword.rawValue]) != nil {
            hint = "menade du `\(keyword.rawValue)`?"
        }
        report(.expectedToken, "väntade `\(keyword.rawValue)` men fann \(describe(current))",
               at: current.span, hint: hint)
        return nil
    }

    /// `IDENT`: a name, contextual keywords included.
    mutating func expectIdentifier(_ what: String = "ett namn") -> Identifier? {
        if current.kind == .identifier {
            let token = advance()
            return Identifier(name: text(of: token), span: token.span)
        }
        var hint: String?
        if current.kind == .keyword {
            hint = "`\(text(of: current))` är ett reserverat ord i språket och kan inte användas som namn"
        }
        report(.expectedToken, "väntade \(what) men fann \(describe(current))", at: current.span, hint: hint)
        return nil
    }

    // MARK: - Recovery

    /// Whether the current token starts a clause or a declaration at the start of a line: the
    /// places where the parser resynchronizes after an error.
    var isAtSynchronizationPoint: Bool {
        if isAtEnd { return true }
        guard current.isAtLineStart, let keyword = current.keyword else { return false }
        return Keyword.declarationStarters.contains(keyword) || Keyword.clauseStarters.contains(keyword)
    }

    /// Whether the current token ends the elements of a list or the fields of a record that
    /// is still open: a *reserved* clause or declaration word at the start of a line, or the end.
    ///
    /// Inside brackets a contextual word (`från`, `granskar`, `prövar`, `sanktioner`,
    /// `avauktorisation`) is a name even at the start of a line (`{ a: 1,⏎ från: 2025-06-02 }`),
    /// so line breaks never change what a bracketed list or record means. An unclosed bracket
    /// still stops at the next reserved clause word and is reported once.
    var isAtSynchronizationPointInBrackets: Bool {
        if isAtEnd { return true }
        guard current.kind == .keyword else { return false }
        return isAtSynchronizationPoint
    }

    /// Whether the current token starts a declaration at the start of a line.
    var isAtDeclaration: Bool {
        isAtEnd || (current.isAtLineStart && startsDeclaration)
    }

    /// Whether the current token starts a declaration: a reserved declaration word, or
    /// `sanktioner enligt` or `avauktorisation "…"` (words that may also name facts).
    var startsDeclaration: Bool {
        guard let keyword = current.keyword else { return false }
        if current.kind == .keyword { return Keyword.declarationStarters.contains(keyword) }
        switch keyword {
        case .sanktioner: return peek().is(.enligt)
        case .avauktorisation: return peek().kind == .text || peek().kind == .multilineText
        default: return false
        }
    }

    /// The declaration word that the first word of a line misspells (`vilkor 2 "Personal"`,
    /// `typp Anordnare`): the closest of the declaration words and `clauses` to it, when that is
    /// a declaration word (a clause word wins a tie: the declaration around it goes on), the word
    /// stands in the line's first column, as declarations do, and what follows it fits that
    /// declaration's head (a number after `villkor`, a name after `typ`, a text after `test`).
    /// An indented line (a field without `:`, a test's line without `med`) is never one; nor is
    /// a word close to `reglemente` or `kundval`, which only the file's first line holds.
    func misspelledDeclaration(clauses: Set<Keyword> = []) -> Keyword? {
        guard current.isAtLineStart, isInFirstColumn,
              current.kind == .identifier || (current.kind == .keyword && !startsDeclaration)
        else { return nil }
        let starters = Keyword.declarationStarters.subtracting([.reglemente, .kundval]).map(\.rawValue).sorted()
        guard let closest = Suggestion.closest(to: text(of: current), among: clauses.map(\.rawValue).sorted() + starters),
              let keyword = Keyword(rawValue: closest), starters.contains(closest)
        else { return nil }
        let next = peek()
        guard !next.isAtLineStart || keyword == .fakta else { return nil }
        let fits: Bool = switch keyword {
        case .villkor: next.kind == .integer || next.kind == .dottedNumber
        case .typ, .definition, .insats, .tabell, .bedömning, .exempel: next.kind == .identifier
        case .test, .avsnitt, .avauktorisation: next.kind == .text || next.kind == .multilineText
        case .sanktioner: next.is(.enligt)
        case .fakta: next.isAtLineStart
        default: false
        }
        return fits ? keyword : nil
    }

    /// The current token's text when it is a plain word right after a value on the same line
    /// (not a keyword, not a name before `:`): never valid there, so a misspelled unit or
    /// `finns` (see ``misspelledUnit()``, ``misspelledPresence()``); nil otherwise.
    var wordAfterValue: String? {
        guard current.kind == .identifier, current.keyword == nil, !current.isAtLineStart, peek().kind != .colon else { return nil }
        return text(of: current)
    }

    /// Whether the current token stands in its line's first column, as a declaration's word does
    /// (a clause is indented).
    var isInFirstColumn: Bool {
        current.span.start == 0 || file.bytes[current.span.start - 1] == UInt8(ascii: "\n")
    }

    /// Whether the clauses of a declaration end at the current token, a misspelled declaration
    /// word (see ``misspelledDeclarationAt``).
    var isAtMisspelledDeclaration: Bool { misspelledDeclarationAt?.index == index }

    /// Skips tokens until a line starting with one of `clauses` or a declaration.
    mutating func skip(toClauseIn clauses: Set<Keyword>) {
        while !isAtEnd {
            if current.isAtLineStart, let keyword = current.keyword, clauses.contains(keyword) || startsDeclaration {
                return
            }
            if current.isAtLineStart, misspelledDeclaration() != nil { return }
            advance()
        }
    }

    /// Parses the clauses of a declaration until the next declaration: each clause starts at a
    /// synchronization point, and after an error `recover` skips to where the next clause can
    /// start. A clause that consumes nothing is skipped, so the loop always makes progress.
    mutating func parseClauses(recover: (inout Parser) -> Void, _ parseClause: (inout Parser) -> Void) {
        while !isAtDeclaration {
            let clauseStart = index
            synchronized()
            parseClause(&self)
            if isAtMisspelledDeclaration { return }
            if isRecovering { recover(&self) }
            if index == clauseStart { advance() }
        }
    }

    /// Marks a synchronization point: errors are reported again from here.
    mutating func synchronized() { isRecovering = false }

    /// Runs `body` one nesting level deeper; past ``maximumNesting`` it reports the nesting once,
    /// skips to the next clause and returns `nil` without recursing further.
    mutating func nested<T>(at start: SourceSpan, _ body: (inout Parser) -> T) -> T? {
        guard nesting < Self.maximumNesting else {
            report(.nestingTooDeep, "uttrycket är nästlat djupare än \(Self.maximumNesting) nivåer",
                   at: start, hint: "dela upp uttrycket med hjälp av `definition`")
            while !isAtSynchronizationPoint { advance() }
            return nil
        }
        nesting += 1
        defer { nesting -= 1 }
        return body(&self)
    }

    /// Counts one more link of a chain that builds a left-deep tree (`a och b och …`,
    /// `a + b + …`, `a.b.c`, `f(x)(y)`): each link is one more level of the tree that checking
    /// and evaluation walk, so a chain counts as nesting (a chain of 50,000 `och` crashed the
    /// checker). Past ``maximumNesting`` it reports the nesting once, skips to the next clause
    /// and returns false.
    mutating func chainLink(_ links: inout Int, at start: SourceSpan) -> Bool {
        links += 1
        guard nesting + links < Self.maximumNesting else {
            // A flat chain is not nested as its author sees it: say it is too long.
            let message = links > nesting
                ? "uttrycket har för många led i följd (`\(describeLink(at: start))` högst \(Self.maximumNesting - 1 - nesting) gånger här)"
                : "uttrycket är nästlat djupare än \(Self.maximumNesting) nivåer"
            report(.nestingTooDeep, message, at: start,
                   hint: links > nesting ? "dela upp kedjan i delar med `definition` och sätt ihop dem"
                                         : "dela upp det långa uttrycket med hjälp av `definition`")
            while !isAtSynchronizationPoint { advance() }
            return false
        }
        return true
    }

    /// The source text of a chain's link (`och`, `+`, `.`), for saying which chain is too long.
    func describeLink(at span: SourceSpan) -> String {
        String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
    }
}

extension Keyword {
    /// Keywords that start a clause inside some declaration.
    public static let clauseStarters: Set<Keyword> = [
        .lydelse, .förtydligande, .kräver, .underlag, .vid, .gäller, .anmärkning, .version, .beslutad,
        .nämnd, .diarienummer, .fastställd, .enligt, .utgår, .förväntas, .med, .granskar, .prövar, .från,
    ]
}
