/// A document for the pretty printer, in the tradition of Oppen and Wadler (as prettier and
/// swift-format use it): text, line breaks that are either a space or a new line, indentation, and
/// groups that are laid out on one line when they fit in the width and broken otherwise.
///
/// Build documents with the static functions (``group(_:)`` and ``fill(_:)`` record whether they
/// hold a break that can never be flat) and lay them out with ``Layout``.
public indirect enum Doc: Sendable {
    /// Text without line breaks.
    case text(String)
    /// A break: the string (`" "` or `""`) when its group is flat, a new line when it is broken.
    case line(flat: String)
    /// A new line in every layout; `blank` asks for one empty line before the next text.
    case hardline(blank: Bool)
    /// A multi-line text block: the first line where it stands, each further line on its own line
    /// indented one step deeper than the enclosing indentation (empty lines stay empty).
    case block(first: String, rest: [String])
    /// Text written exactly as it is, line breaks included.
    case verbatim(String)
    /// A comment: `trailing` ones follow the text before them on its line, the others stand on a
    /// line of their own; either way a new line follows. The flags keep an author's empty line.
    /// The line after a trailing comment is continued (one step deeper than the comment's line)
    /// unless a break or a new line after it sets its indentation.
    case comment(String, trailing: Bool, blankBefore: Bool, blankAfter: Bool)
    /// Documents one after the other.
    case concat([Doc])
    /// The document with its broken lines indented `by` more columns.
    case nest(Int, Doc)
    /// The document with its broken lines indented to the column where it starts.
    case align(Doc)
    /// Two layouts of the same text, a hanging one and one broken before `probe`: the hanging one
    /// when it fits on one line; else the broken one when `probe` fits flat on its own line one
    /// step in; else the hanging one when its first line fits; else the broken one.
    case choice(Doc, Doc, probe: Doc)
    /// A group: flat when it fits, otherwise its own breaks are broken (`hard`: it must break).
    case group(Doc, hard: Bool)
    /// Content and separator alternating (`c0, s0, c1, s1, c2`): each separator breaks only when the
    /// content after it does not fit on the line, so items are packed like words in a paragraph.
    case fill([Doc], hard: Bool)

    /// The empty document.
    public static let empty = Doc.concat([])
    /// A space when flat, a new line when broken.
    public static let line = Doc.line(flat: " ")
    /// Nothing when flat, a new line when broken.
    public static let softline = Doc.line(flat: "")

    /// A group that is laid out flat when it fits.
    public static func group(_ doc: Doc) -> Doc { .group(doc, hard: doc.mustBreak) }

    /// A fill of alternating contents and separators.
    public static func fill(_ parts: [Doc]) -> Doc { .fill(parts, hard: parts.contains { $0.mustBreak }) }

    /// Whether the document holds a new line in every layout (a hard line, an own-line comment or a block),
    /// so that no group around it can be flat.
    public var mustBreak: Bool {
        switch self {
        case .text, .line: false
        case .hardline, .block: true
        // A comment at the end of a line ends that line but does not break the group it is in.
        case .comment(_, let trailing, _, _): !trailing
        case .verbatim(let text): text.contains("\n")
        case .concat(let parts): parts.contains { $0.mustBreak }
        case .nest(_, let doc), .align(let doc), .choice(let doc, _, _): doc.mustBreak
        case .group(_, let hard), .fill(_, let hard): hard
        }
    }

    /// Whether the document's last text is a comment (which ends its line): what follows it
    /// starts the next line.
    var endsWithComment: Bool { hasComment(atEnd: true) }

    /// Whether the document's first text is a comment.
    var startsWithComment: Bool { hasComment(atEnd: false) }

    /// Whether the document's last (`atEnd`) or first text is a comment.
    private func hasComment(atEnd: Bool) -> Bool {
        switch self {
        case .comment: true
        case .text, .line, .hardline, .block, .verbatim: false
        case .concat(let parts), .fill(let parts, _):
            (atEnd ? parts.last(where: { !$0.isEmpty }) : parts.first(where: { !$0.isEmpty }))?.hasComment(atEnd: atEnd) ?? false
        case .nest(_, let doc), .align(let doc), .choice(let doc, _, _), .group(let doc, _): doc.hasComment(atEnd: atEnd)
        }
    }

    /// Whether the document writes nothing.
    var isEmpty: Bool {
        switch self {
        case .text(let text), .verbatim(let text): text.isEmpty
        case .concat(let parts), .fill(let parts, _): parts.allSatisfy(\.isEmpty)
        case .nest(_, let doc), .align(let doc), .group(let doc, _): doc.isEmpty
        case .line, .hardline, .block, .comment, .choice: false
        }
    }

    /// Whether laying the document out ends a line in every layout: it must break, or it holds a
    /// comment (a trailing one ends its line without breaking the group around it).
    var endsLine: Bool {
        switch self {
        case .comment: true
        case .text, .line, .hardline, .block, .verbatim: mustBreak
        case .concat(let parts), .fill(let parts, _): parts.contains { $0.endsLine }
        case .nest(_, let doc), .align(let doc), .choice(let doc, _, _), .group(let doc, _): doc.endsLine
        }
    }
}

/// Lays a ``Doc`` out to a line width: the algorithm of Wadler's "prettier printer" with the
/// lookahead of Oppen's (a group is flat when it and the text up to the next possible break fit).
public struct Layout: Sendable {
    /// The width lines should not exceed where the document allows.
    public var width: Int
    /// The columns one step of indentation adds (for text blocks).
    public var indentation: Int

    /// Creates a layout for a width.
    public init(width: Int, indentation: Int = 2) {
        self.width = width
        self.indentation = indentation
    }

    private enum Mode { case flat, broken }
    private struct Command { var indent: Int; var mode: Mode; var doc: Doc }

    /// The text of the document, ending in one line break (or empty).
    public func render(_ doc: Doc) -> String {
        var printer = Printer()
        var stack = [Command(indent: 0, mode: .broken, doc: doc)]
        while let command = stack.popLast() {
            switch command.doc {
            case .text(let text):
                printer.write(text)
            case .verbatim(let text):
                printer.write(text)
            case .block(let first, let rest):
                printer.write(first)
                let pad = String(repeating: " ", count: command.indent + indentation)
                for line in rest { printer.writeRaw(line.isEmpty ? "\n" : "\n" + pad + line) }
                printer.column = pad.count + (rest.last?.count ?? 0)
            case .line(let flat):
                if command.mode == .broken {
                    printer.newline(indent: command.indent, blank: false)
                } else if printer.pending != nil {
                    // A comment ended the line where this break is flat: the next line starts at
                    // the break's indentation, as if it were broken, never with the flat space.
                    // (The deeper of it and the comment's continued line made each line after a
                    // comment one step deeper than the one before: `och a # x`, `och b # y`, …
                    // and fields of a record stood as a staircase; found by an adversarial session.)
                    printer.pending?.indent = command.indent
                } else {
                    printer.write(flat)
                }
            case .hardline(let blank):
                printer.newline(indent: command.indent, blank: blank)
            case .comment(let text, let trailing, let blankBefore, let blankAfter):
                if trailing {
                    printer.write(" " + text)
                    // What follows on the next line continues the line the comment ended: one step
                    // deeper than it, unless a break or a new clause says where it starts.
                    printer.newline(indent: printer.lineIndent + indentation, blank: blankAfter)
                    break
                } else {
                    if printer.pending == nil, printer.column > 0 { printer.newline(indent: command.indent, blank: false) }
                    if blankBefore { printer.newline(indent: command.indent, blank: true) }
                    if printer.pending != nil { printer.pending?.indent = command.indent }
                    printer.write(text)
                }
                printer.newline(indent: command.indent, blank: blankAfter)
            case .concat(let parts):
                for part in parts.reversed() { stack.append(Command(indent: command.indent, mode: command.mode, doc: part)) }
            case .nest(let by, let doc):
                stack.append(Command(indent: command.indent + by, mode: command.mode, doc: doc))
            case .align(let doc):
                stack.append(Command(indent: printer.currentColumn, mode: command.mode, doc: doc))
            case .choice(let first, let second, let probe):
                let remaining = width - printer.currentColumn
                func fitting(_ doc: Doc, _ mode: Mode, _ room: Int) -> Bool {
                    fits(Command(indent: command.indent, mode: mode, doc: doc), rest: stack, remaining: room)
                }
                let chosen: Doc
                if command.mode == .flat || (!first.mustBreak && fitting(first, .flat, remaining)) {
                    chosen = first
                } else if !probe.mustBreak, fitting(probe, .flat, width - command.indent - indentation) {
                    chosen = second
                } else {
                    // A comment inside ends a line anyway: the layout that indents it is chosen.
                    chosen = !first.mustBreak && fitting(first, .broken, remaining) ? first : second
                }
                stack.append(Command(indent: command.indent, mode: command.mode, doc: chosen))
            case .group(let doc, let hard):
                var mode = Mode.broken
                if command.mode == .flat {
                    mode = .flat
                } else if !hard, fits(Command(indent: command.indent, mode: .flat, doc: doc), rest: stack,
                                       remaining: width - printer.currentColumn) {
                    mode = .flat
                }
                stack.append(Command(indent: command.indent, mode: mode, doc: doc))
            case .fill(let parts, _):
                layoutFill(parts, command: command, printer: &printer, stack: &stack)
            }
        }
        return printer.finish()
    }

    /// Lays out the first content of a fill and pushes the rest back, deciding its separator.
    private func layoutFill(_ parts: [Doc], command: Command, printer: inout Printer, stack: inout [Command]) {
        guard let content = parts.first else { return }
        let remaining = width - printer.currentColumn
        let contentFits = !content.mustBreak
            && fits(Command(indent: command.indent, mode: .flat, doc: content), rest: [], remaining: remaining)
        let contentMode: Mode = command.mode == .flat || contentFits ? .flat : .broken
        guard parts.count >= 3 else {
            if parts.count == 2 {
                stack.append(Command(indent: command.indent, mode: contentMode, doc: parts[1]))
            }
            stack.append(Command(indent: command.indent, mode: contentMode, doc: content))
            return
        }
        let separator = parts[1]
        let next = parts[2]
        let pairFits = command.mode == .flat || (!content.mustBreak && !next.mustBreak && fits(
            Command(indent: command.indent, mode: .flat, doc: .concat([content, separator, next])),
            rest: [], remaining: remaining))
        stack.append(Command(indent: command.indent, mode: command.mode, doc: .fill(Array(parts.dropFirst(2)), hard: false)))
        stack.append(Command(indent: command.indent, mode: pairFits ? .flat : .broken, doc: separator))
        stack.append(Command(indent: command.indent, mode: contentMode, doc: content))
    }

    /// Whether `next`, and what follows it up to the next line break, fits in `remaining` columns.
    private func fits(_ next: Command, rest: [Command], remaining: Int) -> Bool {
        var remaining = remaining
        var pending = [next]
        var restIndex = rest.count
        while remaining >= 0 {
            guard let command = pending.popLast() ?? {
                guard restIndex > 0 else { return nil }
                restIndex -= 1
                return rest[restIndex]
            }() else { return true }
            switch command.doc {
            case .text(let text):
                remaining -= text.count
            case .verbatim(let text):
                guard let first = text.split(separator: "\n", omittingEmptySubsequences: false).first else { break }
                remaining -= first.count
                if text.contains("\n") { return remaining >= 0 }
            case .block(let first, _):
                return remaining - first.count >= 0
            case .line(let flat):
                if command.mode == .broken { return true }
                remaining -= flat.count
            case .hardline, .comment:
                return true
            case .concat(let parts):
                for part in parts.reversed() { pending.append(Command(indent: command.indent, mode: command.mode, doc: part)) }
            case .nest(let by, let doc):
                pending.append(Command(indent: command.indent + by, mode: command.mode, doc: doc))
            case .align(let doc), .choice(let doc, _, _):
                pending.append(Command(indent: command.indent, mode: command.mode, doc: doc))
            case .group(let doc, let hard):
                if hard && command.mode == .flat { return false }
                pending.append(Command(indent: command.indent, mode: hard ? .broken : command.mode, doc: doc))
            case .fill(let parts, let hard):
                if hard && command.mode == .flat { return false }
                for part in parts.reversed() { pending.append(Command(indent: command.indent, mode: command.mode, doc: part)) }
            }
        }
        return false
    }
}

/// The output of a layout: text, the column, and a new line that is written only when more text
/// follows (so that breaks next to each other and breaks at the end make one line break).
private struct Printer {
    var output = ""
    var column = 0
    var pending: (indent: Int, blank: Bool)?
    /// The indentation of the line being written.
    var lineIndent = 0

    /// The column the next text starts at.
    var currentColumn: Int { pending.map(\.indent) ?? column }

    mutating func newline(indent: Int, blank: Bool) {
        if let previous = pending {
            pending = (indent, previous.blank || blank)
        } else {
            pending = (indent, blank)
        }
    }

    mutating func write(_ text: String) {
        if let (indent, blank) = pending {
            pending = nil
            if !output.isEmpty { output += blank ? "\n\n" : "\n" }
            output += String(repeating: " ", count: indent)
            column = indent
            lineIndent = indent
        }
        output += text
        if let lastBreak = text.lastIndex(of: "\n") {
            column = text[text.index(after: lastBreak)...].count
        } else {
            column += text.count
        }
    }

    mutating func writeRaw(_ text: String) { output += text }

    func finish() -> String { output.isEmpty ? "" : output + "\n" }
}
