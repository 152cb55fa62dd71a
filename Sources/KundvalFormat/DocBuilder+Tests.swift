import KundvalSyntax

/// Examples and tests: `exempel` with its facts (records packed to the width), `test` with one
/// clause per line.
extension DocBuilder {
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
                    case .outcome(_, _, let span), .condition(_, _, let span), .service(_, _, let span), .noSanction(let span):
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
