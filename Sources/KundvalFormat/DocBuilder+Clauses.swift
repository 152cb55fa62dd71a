import KundvalDiagnostics
import KundvalSyntax

/// The declarations made of clauses: conditions, services, kinds of assessment, examples and
/// tests. The heading line, then one clause per line one step in; an expression in a clause
/// breaks when it does not fit, control points after their commas, records packed to the width.
extension DocBuilder {
    /// Each clause on its own line, one step in, its tokens up to `end`.
    mutating func clauses(_ ends: [SourceSpan]) {
        nest { builder in
            for end in ends {
                builder.newline()
                builder.through(end)
            }
        }
    }

    /// One clause on its own line whose expressions may break, its tokens up to `end`.
    mutating func clause(_ expressions: [Expression], end: SourceSpan) {
        newline()
        group { builder in
            for expression in expressions {
                builder.gap(to: expression.span.start)
                builder.expression(expression)
            }
            builder.through(end)
        }
    }

    /// `kräver "etikett": uttryck`: on one line when it fits; else the expression on the next
    /// line, one step in, when it fits there on one line; else after the label when its first
    /// line fits there; else on the next line, broken.
    mutating func requirement(label: TextLiteral?, _ expression: Expression) {
        guard label != nil else { return clause([expression], end: expression.span) }
        newline()
        let saved = cursor
        let hanging = collect { builder in
            builder.group { builder in
                builder.gap(to: expression.span.start)
                builder.expression(expression)
            }
        }
        cursor = saved
        _ = collect { $0.gap(to: expression.span.start) }
        separated = true
        let probe = collect { $0.group { $0.expression(expression) } }
        cursor = saved
        let below = collect { builder in
            builder.group { builder in
                builder.gap(to: expression.span.start)
                builder.nest { builder in
                    builder.separator(.line)
                    builder.expression(expression)
                }
            }
        }
        emit(.choice(hanging, below, probe: probe))
    }

    // MARK: - Conditions

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

    // MARK: - Services and assessments

    /// `insats namn "titel"` and its clauses.
    mutating func service(_ service: ServiceDecl) {
        through(service.title?.span ?? service.name.span)
        nest { builder in
            for clause in service.clauses {
                switch clause {
                case .wording(let text), .note(let text):
                    builder.newline()
                    builder.through(text.span)
                case .requirement(let label, let expression):
                    builder.requirement(label: label, expression)
                case .applicability(let expression):
                    builder.clause([expression], end: expression.span)
                case .property(let property):
                    builder.clause([property.value], end: property.span)
                }
            }
        }
    }

    /// `bedömning namn "titel"` and its clauses.
    mutating func assessment(_ assessment: AssessmentDecl) {
        through(assessment.title?.span ?? assessment.name.span)
        nest { builder in
            for clause in assessment.clauses {
                builder.newline()
                switch clause {
                case .wording(let text):
                    builder.through(text.span)
                case .reviews(let ranges):
                    // Packed, continued one step in: broken after every comma, each number stood
                    // at the clause's indentation as if it were a clause of its own (found by an
                    // adversarial session).
                    guard let last = ranges.last else { break }
                    builder.packed(ranges.map(\.span), end: last.span) { builder, index in
                        builder.through(ranges[index].lower.span)
                        if let upper = ranges[index].upper { builder.range(to: upper) }
                    }
                case .consequences(_, let span), .runs(_, let span), .reviewsServices(let span):
                    builder.through(span)
                }
            }
        }
    }

    // MARK: - Examples and tests

    /// `exempel namn = uttryck` or `exempel namn från "fil.json"`.
    mutating func example(_ example: ExampleDecl) {
        switch example.source {
        case .inline(let expression):
            group { builder in
                builder.gap(to: expression.span.start)
                builder.expression(expression)
            }
        case .file(let text):
            through(text.span)
        }
    }

    /// `test "namn"` and its clauses.
    mutating func test(_ test: TestDecl) {
        through(test.name.span)
        nest { builder in
            for clause in test.clauses {
                switch clause {
                case .assessment(_, let date): builder.newline(); builder.through(date.span)
                case .basedOn(let name): builder.newline(); builder.through(name.span)
                case .override(_, let value): builder.clause([value], end: value.span)
                case .expectation(let expectation):
                    switch expectation {
                    case .outcome(_, let failing, let span) where !failing.isEmpty:
                        // `… med brist i villkor 1, 2, …` packed as `granskar villkor` is (it was
                        // never broken).
                        builder.newline()
                        builder.packed(failing.map(\.span), end: span) { builder, index in
                            builder.through(failing[index].span)
                        }
                    case .outcome(_, _, let span), .condition(_, _, let span), .service(_, _, let span), .noSanction(let span),
                         .noDeauthorization(let span):
                        builder.newline()
                        builder.through(span)
                    case .sanction(let step, let condition):
                        builder.newline()
                        builder.through(condition?.span ?? step.span)
                    case .holds(let expression):
                        builder.clause([expression], end: expression.span)
                    }
                }
            }
        }
    }
}
