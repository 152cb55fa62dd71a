import KundvalDiagnostics
import KundvalSyntax

/// Builds the document of one file from its syntax tree and its tokens.
///
/// The syntax tree decides the structure (where a declaration, a clause or a row begins, where an
/// expression may break); the tokens give the words exactly as the author spelled them (`ej` or
/// `inte`, `är minst` or `>=`, parentheses, texts). The builder walks the tree with a cursor over
/// the tokens: a node emits the tokens before each of its children (`gap(to:)`), then the child.
/// Comments are attached by position as the tokens pass: a comment on the line of a token follows
/// it; a comment on a line of its own stands before the next token.
struct DocBuilder {
    let file: SourceFile
    let bytes: [UInt8]
    let tokens: [Token]
    let comments: [SourceSpan]
    let indentation: Int
    var index = 0
    var commentIndex = 0
    /// The end of the last token or comment emitted.
    var lastEnd = 0
    /// Whether a separator was placed since the last token (then no default space is added).
    var separated = true
    var previous: Token?
    var stack: [[Doc]] = [[]]

    init(file: SourceFile, tokens: [Token], comments: [SourceSpan], indentation: Int) {
        self.file = file
        self.bytes = file.bytes
        self.tokens = tokens.filter { $0.kind != .endOfFile }
        self.comments = comments
        self.indentation = indentation
    }

    // MARK: - Structure

    mutating func emit(_ doc: Doc) { stack[stack.count - 1].append(doc) }

    /// Places a separator (a break, a space or nothing) instead of the default spacing.
    mutating func separator(_ doc: Doc) {
        emit(doc)
        separated = true
    }

    /// A new line before the next token, with an empty line when the author left one there.
    mutating func newline() { separator(.hardline(blank: blankLineBeforeNext())) }

    /// The document built by `body`, wrapped by `wrap`.
    mutating func wrapped(_ wrap: (Doc) -> Doc, _ body: (inout DocBuilder) -> Void) {
        stack.append([])
        body(&self)
        let parts = stack.removeLast()
        emit(wrap(.concat(parts)))
    }

    mutating func group(_ body: (inout DocBuilder) -> Void) {
        // Comments on lines of their own before the group's first token stay outside it, so that
        // they do not force it to break.
        if let token = current { emitLeadingComments(before: token.span.start) }
        wrapped({ .group($0) }, body)
    }

    mutating func nest(_ body: (inout DocBuilder) -> Void) {
        let step = indentation
        wrapped({ .nest(step, $0) }, body)
    }

    /// The parts `body` emits, without adding them to the document.
    mutating func collect(_ body: (inout DocBuilder) -> Void) -> Doc {
        stack.append([])
        body(&self)
        return .concat(stack.removeLast())
    }

    /// Where the builder stands in the tokens and comments: saved and restored to build two
    /// layouts of the same tokens (``Doc/choice(_:_:)``).
    var cursor: (index: Int, comment: Int, lastEnd: Int, separated: Bool, previous: Token?) {
        get { (index, commentIndex, lastEnd, separated, previous) }
        set { (index, commentIndex, lastEnd, separated, previous) = newValue }
    }

    // MARK: - Tokens

    var atEnd: Bool { index >= tokens.count }
    var current: Token? { atEnd ? nil : tokens[index] }

    /// Emits every token that starts before `offset`.
    mutating func gap(to offset: Int) {
        while let token = current, token.span.start < offset { emitToken() }
    }

    /// Emits the tokens of `span` (and any before it).
    mutating func through(_ span: SourceSpan) { gap(to: max(span.end, span.start + 1)) }

    /// Emits the next token with its comments.
    mutating func emitToken() {
        guard let token = current else { return }
        emitLeadingComments(before: token.span.start)
        if !separated, let previous, Self.needsSpace(previous, token, bytes: bytes) { emit(.text(" ")) }
        emit(doc(of: token))
        index += 1
        lastEnd = token.span.end
        separated = false
        previous = token
        emitTrailingComment()
    }

    /// Emits the comments left at the end of the file.
    mutating func finish() {
        emitLeadingComments(before: bytes.count + 1)
    }

    mutating func emitLeadingComments(before offset: Int) {
        while commentIndex < comments.count, comments[commentIndex].start < offset {
            let comment = comments[commentIndex]
            let blankBefore = newlines(from: lastEnd, to: comment.start) >= 2
            commentIndex += 1
            lastEnd = comment.end
            emit(.comment(text(of: comment), trailing: false, blankBefore: blankBefore,
                          blankAfter: blankLineBeforeNext()))
            separated = true
        }
    }

    private mutating func emitTrailingComment() {
        guard commentIndex < comments.count else { return }
        let comment = comments[commentIndex]
        // Only a comment before the next token can trail this one (checked first: it is cheap).
        guard atEnd || comment.start < tokens[index].span.start, newlines(from: lastEnd, to: comment.start) == 0
        else { return }
        commentIndex += 1
        lastEnd = comment.end
        emit(.comment(text(of: comment), trailing: true, blankBefore: false, blankAfter: blankLineBeforeNext()))
        separated = true
    }

    /// Whether the author left an empty line between the last thing emitted and the next one.
    func blankLineBeforeNext() -> Bool {
        var next = current?.span.start ?? bytes.count
        if commentIndex < comments.count { next = min(next, comments[commentIndex].start) }
        return newlines(from: lastEnd, to: next) >= 2
    }

    func newlines(from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        var count = 0
        for offset in start..<min(end, bytes.count) where bytes[offset] == UInt8(ascii: "\n") { count += 1 }
        return count
    }

    func text(of span: SourceSpan) -> String {
        var text = file.text(of: span)
        while text.last == "\r" || text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }

    /// A token's document: its text, and a multi-line text as a block that is re-indented.
    func doc(of token: Token) -> Doc {
        let spelling = file.text(of: token.span)
        guard token.kind == .multilineText, !token.isUnterminated else { return .text(spelling) }
        return TextBlock.doc(spelling)
    }

    /// Whether two tokens next to each other are written with a space between them.
    static func needsSpace(_ previous: Token, _ next: Token, bytes: [UInt8]) -> Bool {
        switch next.kind {
        case .comma, .colon, .rightParen, .rightBracket, .dot, .dash: return false
        case .leftParen where previous.kind == .identifier && previous.keyword == nil: return false
        case .slash where previous.is(.och) || previous.is(.ja): return false
        default: break
        }
        switch previous.kind {
        case .leftParen, .leftBracket, .dot, .dash: return false
        case .slash where next.is(.eller) || next.is(.nej): return false
        default: return true
        }
    }
}

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
