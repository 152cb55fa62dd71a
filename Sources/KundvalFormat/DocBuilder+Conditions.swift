import KundvalDiagnostics
import KundvalSyntax

/// Conditions: the heading line, then one clause per line; control points broken after their commas.
extension DocBuilder {
    /// `villkor 4 "Registreringsbevis"` and its clauses.
    mutating func condition(_ condition: ConditionDecl) {
        through(condition.number.span)
        if let last = condition.lastNumber { range(to: last) }
        if let title = condition.title { through(title.span) }
        // `i förekommande fall` or `förekommer inte i detta kundval`.
        let words = condition.appliesWhereRelevant ? 3 : condition.isSwitchedOff ? 5 : 0
        for _ in 0..<words { emitToken() }
        nest { builder in
            for clause in condition.clauses { builder.conditionClause(clause) }
        }
    }

    /// `1–9`: the upper number of a range, written without spaces around `–` or `-`.
    mutating func range(to upper: ConditionNumber) {
        if let token = current, token.kind == .dash || token.kind == .minus {
            separator(.text(""))
            emitToken()
            separator(.text(""))
        }
        through(upper.span)
    }

    private mutating func conditionClause(_ clause: ConditionClause) {
        switch clause {
        case .wording(let text), .clarification(let text), .note(let text):
            newline()
            through(text.span)
        case .requirement(let label, let expression):
            requirement(label: label, expression)
        case .applicability(let expression):
            self.clause([expression], end: expression.span)
        case .evidence(let evidence):
            self.evidence(evidence)
        case .consequences(_, let span):
            newline()
            through(span)
        }
    }

    /// `underlag bifogas ansökan "…": a högst 3 månader gammalt, b, vid brist: …`, broken after
    /// the colon and the commas when it does not fit.
    private mutating func evidence(_ evidence: EvidenceClause) {
        newline()
        group { builder in
            guard let first = evidence.documents.first else {
                builder.through(evidence.span)
                return
            }
            builder.gap(to: first.span.start)
            builder.nest { builder in
                for document in evidence.documents {
                    // After the colon and after each comma.
                    builder.gap(to: document.span.start)
                    builder.separator(.line)
                    builder.group { builder in
                        builder.expression(document.document)
                        builder.through(document.span)
                    }
                }
                if !evidence.consequences.isEmpty, let comma = builder.current, comma.kind == .comma {
                    // `vid brist:` moves to the next line with what follows it.
                    builder.emitToken()
                    builder.separator(.line)
                }
                builder.through(evidence.span)
            }
        }
    }
}
