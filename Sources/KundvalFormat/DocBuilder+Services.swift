import KundvalSyntax

/// Services and kinds of assessment: the heading line, then one clause per line.
extension DocBuilder {
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
                    builder.group { builder in
                        for (index, range) in ranges.enumerated() {
                            builder.gap(to: range.span.start)
                            if index > 0 { builder.separator(.line) }
                            builder.through(range.lower.span)
                            if let upper = range.upper { builder.range(to: upper) }
                        }
                    }
                case .consequences(_, let span), .runs(_, let span), .reviewsServices(let span):
                    builder.through(span)
                }
            }
        }
    }
}
