import KundvalDiagnostics
import KundvalSyntax

/// The file, its header and the declarations without clauses of their own kind: every declaration
/// starts a line, every clause starts a line one step in (the clause helpers are in
/// `DocBuilder+Clauses.swift`).
extension DocBuilder {
    /// Emits the whole file.
    mutating func sourceFile(_ syntax: SourceFileSyntax) {
        if let header = syntax.header { self.header(header) }
        for declaration in syntax.declarations { self.declaration(declaration) }
        gap(to: Int.max)
        finish()
    }

    /// `kundval "…"` with one clause per line.
    mutating func header(_ header: DocumentHeader) {
        newline()
        through(header.name.span)
        clauses(header.clauses.map { clause in
            switch clause {
            case .version(let text), .decidedBy(let text), .committee(let text), .registrationNumber(let text),
                 .note(let text):
                text.span
            case .adopted(let date), .validFrom(let date): date.span
            case .refines(let name, let version): version?.span ?? name.span
            }
        })
    }

    /// Emits one declaration from the start of a line.
    mutating func declaration(_ declaration: Declaration) {
        newline()
        switch declaration {
        case .section(let title): through(title.span)
        case .condition(let condition): self.condition(condition)
        case .type(let type): self.type(type)
        case .facts(let facts):
            gap(to: facts.fields.first?.span.start ?? facts.span.end)
            clauses(facts.fields.map(\.span))
        case .definition(let definition): self.definition(definition)
        case .service(let service): self.service(service)
        case .table(let table): self.table(table)
        case .assessment(let assessment): self.assessment(assessment)
        case .example(let example): self.example(example)
        case .test(let test): self.test(test)
        case .sanctionPolicy(let policy):
            through(policy.table.span)
            clauses(policy.clauses.map { clause in
                switch clause {
                case .wording(let text), .note(let text): text.span
                case .amount(_, _, let span): span
                }
            })
        case .deauthorization(let ground):
            through(ground.title.span)
            nest { builder in
                for clause in ground.clauses {
                    switch clause {
                    case .wording(let text), .note(let text):
                        builder.newline()
                        builder.through(text.span)
                    case .applicability(let expression), .from(let expression):
                        builder.clause([expression], end: expression.span)
                    }
                }
            }
        }
    }

    /// `typ Namn` with fields one per line, or `typ Namn: en av a, b, c` packed to the width.
    mutating func type(_ type: TypeDecl) {
        switch type.body {
        case .record(let fields), .extensionFields(let fields):
            gap(to: fields.first?.span.start ?? type.span.end)
            clauses(fields.map(\.span))
        case .enumeration(let cases, _), .extensionCases(let cases, _):
            guard !cases.isEmpty else {
                through(type.span)
                return
            }
            packed(cases.map(\.span), end: type.span) { builder, index in builder.through(cases[index].span) }
        }
    }

    /// Items separated by commas packed to the width like words in a paragraph (`en av a, b, c`,
    /// `granskar villkor 1–9, 12`), continued lines one step deeper than the line they continue,
    /// then the tokens up to `end`.
    mutating func packed(_ items: [SourceSpan], end: SourceSpan, item: (inout DocBuilder, Int) -> Void) {
        guard let first = items.first else { return through(end) }
        group { builder in
            builder.gap(to: first.start)
            builder.nest { builder in
                var parts: [Doc] = [builder.collect { item(&$0, 0) }]
                for index in items.indices.dropFirst() {
                    let comma = builder.collect { $0.gap(to: items[index].start) }
                    parts[parts.count - 1] = .concat([parts[parts.count - 1], comma])
                    parts.append(.line)
                    builder.separated = true
                    parts.append(builder.collect { item(&$0, index) })
                }
                builder.emit(.fill(parts))
                builder.through(end)
            }
        }
    }

    /// `definition namn(parametrar): typ =` and the computation, on the next line when it does not fit.
    mutating func definition(_ definition: DefinitionDecl) {
        group { builder in
            builder.through(definition.name.span)
            if !definition.parameters.isEmpty {
                builder.parameters(definition.parameters)
            }
            builder.gap(to: definition.body.span.start)
            builder.nest { builder in
                builder.separator(.line)
                builder.expression(definition.body)
            }
        }
    }

    /// `(a: T, b: U)` after a name, broken after `(` and each comma when it does not fit.
    mutating func parameters(_ parameters: [FieldDecl]) {
        guard let last = parameters.last else { return }
        var closing = last.span.end
        var next = tokens.first(after: last.span.end)
        if let comma = next, comma.kind == .comma { next = tokens.first(after: comma.span.end) }
        if let paren = next, paren.kind == .rightParen { closing = paren.span.end }
        group { builder in
            builder.bracketed(parameters.map(\.span), close: closing, inner: .text(""), fill: true) { builder, index in
                builder.through(parameters[index].span)
            }
        }
    }
}

extension Array where Element == Token {
    /// The first token that starts at or after `offset`.
    func first(after offset: Int) -> Token? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].span.start < offset { low = middle + 1 } else { high = middle }
        }
        return low < count ? self[low] : nil
    }
}
