import KundvalDiagnostics
import KundvalSyntax

/// Decision tables: the heading, then one row per line with the columns aligned.
extension DocBuilder {
    /// `tabell namn(parametrar): Typ [i ordning]` and its rows, every cell padded to its column's width.
    mutating func table(_ table: DecisionTableDecl) {
        through(table.name.span)
        parameters(table.parameters)
        gap(to: table.rows.first?.span.start ?? table.span.end)
        var rows: [(pipes: [Doc], cells: [Doc], blank: Bool)] = []
        for row in table.rows {
            let blank = blankLineBeforeNext()
            separated = true
            var pipes: [Doc] = []
            var cells: [Doc] = []
            for cell in row.conditions {
                pipes.append(collect { $0.emitToken() })
                separated = true
                cells.append(collect { builder in
                    if let (_, value) = cell.test { builder.groupedExpression(value) }
                    builder.through(cell.span)
                })
                separated = true
            }
            pipes.append(collect { $0.emitToken() })
            separated = true
            cells.append(collect { $0.groupedExpression(row.result) })
            separated = true
            pipes.append(collect { $0.gap(to: row.span.end) })
            rows.append((pipes, cells, blank))
        }
        let flat = Layout(width: Int.max / 2, indentation: indentation)
        let widths = rows.map { $0.cells.map { $0.endsLine ? 0 : flat.render(.group($0)).dropLast().count } }
        let columns = widths.map(\.count).max() ?? 0
        let columnWidths = (0..<columns).map { column in widths.map { $0.indices.contains(column) ? $0[column] : 0 }.max() ?? 0 }
        emit(.nest(indentation, .concat(rows.map { row in
            var parts: [Doc] = [.hardline(blank: row.blank)]
            for (column, cell) in row.cells.enumerated() {
                parts.append(row.pipes[column])
                // After a comment the cell starts the continued line, without a space before it;
                // a comment of its own line at the cell's start ends the pipe's line. A comment on
                // the line before the row is no reason: the pipe after it is followed by a space
                // as every pipe is (`|-    | 2 |` was written, found by an author).
                if !row.pipes[column].endsWithComment, !cell.startsWithComment { parts.append(.text(" ")) }
                // A cell is written on its row's line as it was measured: a long expression in
                // it (`a / b` past the line's width) must not break, or the rest of the row
                // starts a line of its own that reads as no declaration (found by fuzzing). A
                // cell with a comment ends its line there: the rest of the row continues on the
                // next, and padding after the comment would only indent it (found by fuzzing: the
                // flat text hid the line the comment ends, and the closing `|` joined the comment).
                if cell.endsLine {
                    parts.append(cell)
                    // A text block or a bracket broken over lines is followed by a space, as
                    // every cell is; after a comment the next line starts with the `|`.
                    if !cell.endsWithComment { parts.append(.text(" ")) }
                    continue
                }
                let text = flat.render(.group(cell)).dropLast()
                parts.append(.text(String(text)))
                parts.append(.text(String(repeating: " ", count: max(0, columnWidths[column] - text.count) + 1)))
            }
            parts.append(contentsOf: row.pipes.dropFirst(row.cells.count))
            return .concat(parts)
        })))
    }
}

extension DocBuilder {
    /// A cell's expression as a group of its own, after the comments before it: a comment on
    /// a line of its own before the cell must not break the expression's lines too (`1 + 2`
    /// broken before `2` started a line that reads as no row; found by review).
    fileprivate mutating func groupedExpression(_ expression: Expression) {
        gap(to: expression.span.start)
        emitLeadingComments(before: expression.span.start)
        let laidOut = collect { $0.expression(expression) }
        emit(.group(laidOut))
    }
}
