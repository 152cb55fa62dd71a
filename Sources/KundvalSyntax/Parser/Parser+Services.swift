import KundvalDiagnostics

extension Parser {
    static let serviceClauseWords: Set<Keyword> = [.lydelse, .kräver]

    /// ```
    /// service          ::= "insats" IDENT text? service_clause*
    /// service_clause   ::= "lydelse" text | requirement | service_property
    /// service_property ::= IDENT ":" ("minst" | "högst")? expression
    /// ```
    mutating func parseService() -> ServiceDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("insatsens namn") else { return nil }
        var title: TextLiteral?
        if at(.text) || at(.multilineText) { title = parseText("insatsens rubrik") }
        var clauses: [ServiceClause] = []
        while !isAtDeclaration {
            let clauseStart = index
            synchronized()
            switch current.keyword {
            case .lydelse:
                advance()
                if let text = parseText("lydelsen") { clauses.append(.wording(text)) }
            case .kräver:
                let (label, expression) = parseRequirement()
                clauses.append(.requirement(label: label, expression))
            default:
                if current.kind == .identifier, peek().kind == .colon {
                    let propertyStart = current.span.start
                    let name = expectIdentifier()!
                    advance()
                    var bound: ServiceProperty.Bound?
                    if eat(.minst) != nil { bound = .atLeast } else if eat(.högst) != nil { bound = .atMost }
                    let value = parseExpression()
                    clauses.append(.property(ServiceProperty(name: name, bound: bound, value: value,
                                                             span: span(from: propertyStart))))
                } else {
                    reportUnknownClause(in: "en insats", candidates: Self.serviceClauseWords)
                }
            }
            if isRecovering { skipToServiceClause() }
            if index == clauseStart { advance() }
        }
        return ServiceDecl(name: name, title: title, clauses: clauses, span: span(from: start))
    }

    /// Skips to a line that starts a service clause: a clause word or `namn:`.
    private mutating func skipToServiceClause() {
        while !isAtDeclaration {
            if current.isAtLineStart,
               current.is(.lydelse) || current.is(.kräver) || (current.kind == .identifier && peek().kind == .colon) {
                return
            }
            advance()
        }
    }

    /// ```
    /// assessment        ::= "bedömning" IDENT text? assessment_clause*
    /// assessment_clause ::= "lydelse" text | "granskar" "villkor" condition_range ("," condition_range)*
    ///                     | consequences
    /// condition_range   ::= condition_number (("–" | "-" | "till") condition_number)?
    /// ```
    mutating func parseAssessment() -> AssessmentDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("bedömningens namn") else { return nil }
        var title: TextLiteral?
        if at(.text) || at(.multilineText) { title = parseText("bedömningens rubrik") }
        var clauses: [AssessmentClause] = []
        let words: Set<Keyword> = [.lydelse, .granskar, .vid]
        while !isAtDeclaration {
            let clauseStart = index
            synchronized()
            switch current.keyword {
            case .lydelse:
                advance()
                if let text = parseText("lydelsen") { clauses.append(.wording(text)) }
            case .granskar:
                advance()
                guard expect(.villkor) != nil else { break }
                var ranges: [ConditionRange] = []
                repeat {
                    let rangeStart = current.span.start
                    guard let lower = parseConditionNumber() else { break }
                    var upper: ConditionNumber?
                    if eat(.dash) != nil || eat(.minus) != nil || eat(.till) != nil { upper = parseConditionNumber() }
                    ranges.append(ConditionRange(lower: lower, upper: upper, span: span(from: rangeStart)))
                } while eat(.comma) != nil
                clauses.append(.reviews(ranges))
            case .vid:
                let consequenceStart = current.span.start
                if let consequences = parseConsequences() {
                    clauses.append(.consequences(consequences, span: span(from: consequenceStart)))
                }
            default:
                reportUnknownClause(in: "en bedömning", candidates: words)
            }
            if isRecovering { skip(toClauseIn: words) }
            if index == clauseStart { advance() }
        }
        return AssessmentDecl(name: name, title: title, clauses: clauses, span: span(from: start))
    }

    /// `example ::= "exempel" IDENT ("=" expression | "från" text)`
    mutating func parseExample() -> ExampleDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("exemplets namn") else { return nil }
        if eat(.från) != nil {
            guard let path = parseText("sökvägen till en JSON-fil") else { return nil }
            return ExampleDecl(name: name, source: .file(path), span: span(from: start))
        }
        guard expect(.equal, "`=` eller `från`", hint: "skriv `exempel namn = { … }` eller `exempel namn från \"fil.json\"`") != nil
        else { return nil }
        let value = parseExpression()
        return ExampleDecl(name: name, source: .inline(value), span: span(from: start))
    }
}
