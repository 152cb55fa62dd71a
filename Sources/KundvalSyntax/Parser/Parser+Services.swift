import KundvalDiagnostics

extension Parser {
    static let serviceClauseWords: Set<Keyword> = [.lydelse, .kräver, .gäller, .anmärkning]

    /// ```
    /// service          ::= "insats" IDENT text? service_clause*
    /// service_clause   ::= "lydelse" text | "anmärkning" text | requirement | "gäller" "när" expression
    ///                    | service_property
    /// service_property ::= IDENT ":" ("minst" | "högst")? expression
    /// ```
    mutating func parseService() -> ServiceDecl? {
        guard let (start, name, title) = parseNamedHead("insatsens") else { return nil }
        var clauses: [ServiceClause] = []
        parseClauses(recover: { $0.skipToServiceClause() }) { parser in
            if let clause = parser.parseServiceClause() { clauses.append(clause) }
        }
        return ServiceDecl(name: name, title: title, clauses: clauses, span: span(from: start))
    }

    /// `head ::= KEYWORD IDENT text?`, shared by services and assessments.
    private mutating func parseNamedHead(_ owner: String) -> (start: Int, name: Identifier, title: TextLiteral?)? {
        let start = advance().span.start
        guard let name = expectIdentifier("\(owner) namn") else { return nil }
        var title: TextLiteral?
        if at(.text) || at(.multilineText) { title = parseText("\(owner) rubrik") }
        return (start, name, title)
    }

    private mutating func parseServiceClause() -> ServiceClause? {
        switch current.keyword {
        case .lydelse:
            advance()
            return parseText("lydelsen").map(ServiceClause.wording)
        case .kräver:
            let (label, expression) = parseRequirement()
            return .requirement(label: label, expression)
        case .gäller:
            advance()
            guard expect(.när) != nil else { return nil }
            return .applicability(parseExpression())
        case .anmärkning:
            advance()
            return parseText("anmärkningen").map(ServiceClause.note)
        default:
            guard current.kind == .identifier, peek().kind == .colon else {
                reportUnknownClause(in: "en insats", candidates: Self.serviceClauseWords)
                return nil
            }
            let propertyStart = current.span.start
            let name = Identifier(name: text(of: advance()), span: tokens[index - 1].span)
            advance()
            var bound: ServiceProperty.Bound?
            if eat(.minst) != nil { bound = .atLeast } else if eat(.högst) != nil { bound = .atMost }
            let value = parseExpression()
            return .property(ServiceProperty(name: name, bound: bound, value: value, span: span(from: propertyStart)))
        }
    }

    /// Skips to a line that starts a service clause: a clause word or `namn:`.
    private mutating func skipToServiceClause() {
        while !isAtDeclaration {
            if current.isAtLineStart,
               current.is(.lydelse) || current.is(.kräver) || current.is(.gäller) || current.is(.anmärkning) || (current.kind == .identifier && peek().kind == .colon) {
                return
            }
            advance()
        }
    }

    /// ```
    /// assessment        ::= "bedömning" IDENT text? assessment_clause*
    /// assessment_clause ::= "lydelse" text | "granskar" "villkor" condition_range ("," condition_range)*
    ///                     | "granskar" "insatser" | "prövar" "underlag" evidence_kind ("," evidence_kind)*
    ///                     | consequences
    /// condition_range   ::= condition_number (("–" | "-" | "till") condition_number)?
    /// ```
    mutating func parseAssessment() -> AssessmentDecl? {
        guard let (start, name, title) = parseNamedHead("bedömningens") else { return nil }
        var clauses: [AssessmentClause] = []
        parseClauses(recover: { $0.skip(toClauseIn: Self.assessmentClauseWords) }) { parser in
            if let clause = parser.parseAssessmentClause() { clauses.append(clause) }
        }
        return AssessmentDecl(name: name, title: title, clauses: clauses, span: span(from: start))
    }

    static let assessmentClauseWords: Set<Keyword> = [.lydelse, .granskar, .prövar, .vid]

    private mutating func parseAssessmentClause() -> AssessmentClause? {
        switch current.keyword {
        case .lydelse:
            advance()
            return parseText("lydelsen").map(AssessmentClause.wording)
        case .granskar where peek().is(.insatser):
            let clauseStart = advance().span.start
            advance()
            return .reviewsServices(span: span(from: clauseStart))
        case .prövar:
            let clauseStart = advance().span.start
            guard expect(.underlag, hint: "skriv `prövar underlag` följt av slagen av underlag, till exempel `uppföljning, kontroll`") != nil
            else { return nil }
            var kinds: [EvidenceKind] = []
            repeat {
                guard let kind = parseEvidenceKind() else { return nil }
                kinds.append(kind)
            } while eat(.comma) != nil
            return .runs(kinds, span: span(from: clauseStart))
        case .granskar:
            advance()
            guard expect(.villkor, hint: "skriv `granskar villkor 1–9` eller `granskar insatser`") != nil else { return nil }
            var ranges: [ConditionRange] = []
            repeat {
                let rangeStart = current.span.start
                if let joined = commaJoinedNumbers() {
                    ranges += joined.map { ConditionRange(lower: $0, upper: nil, span: $0.span) }
                    continue
                }
                guard let lower = parseConditionNumber() else { return nil }
                var upper: ConditionNumber?
                if eat(.dash) != nil || eat(.minus) != nil || eat(.till) != nil {
                    guard let number = parseConditionNumber() else { return nil }
                    upper = number
                }
                ranges.append(ConditionRange(lower: lower, upper: upper, span: span(from: rangeStart)))
            } while eat(.comma) != nil
            return .reviews(ranges)
        case .vid:
            let consequenceStart = current.span.start
            guard let consequences = parseConsequences() else { return nil }
            return .consequences(consequences, span: span(from: consequenceStart))
        default:
            reportUnknownClause(in: "en bedömning", candidates: Self.assessmentClauseWords)
            return nil
        }
    }

    /// `example ::= "exempel" IDENT ("=" expression | "från" text)`
    mutating func parseExample() -> ExampleDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("exemplets namn") else { return nil }
        if eat(.från) != nil {
            if at(.leftBrace) {
                // `exempel bra från { … }`: reported once and read as `=`, so tests can use it.
                report(.expectedToken, "väntade sökvägen till en JSON-fil som text inom `\"…\"` men fann `{`", at: current.span,
                       hint: "fakta i filen skrivs `exempel \(name.name) = { … }`; `från` följs av en fil, `från \"fil.json\"`")
                synchronized()
                return ExampleDecl(name: name, source: .inline(parseExpression()), span: span(from: start))
            }
            guard let path = parseText("sökvägen till en JSON-fil") else { return unreadable(name, from: start) }
            return ExampleDecl(name: name, source: .file(path), span: span(from: start))
        }
        guard expect(.equal, "`=` eller `från`", hint: "skriv `exempel namn = { … }` eller `exempel namn från \"fil.json\"`") != nil
        else { return unreadable(name, from: start) }
        let value = parseExpression()
        return ExampleDecl(name: name, source: .inline(value), span: span(from: start))
    }

    /// An example whose name was read but not the rest (`exempel godkänd from "fil.json"`),
    /// after its one error: still declared, with facts that are an error, so that the tests
    /// that start from it are no errors of their own (each was "det finns inget exempel").
    private mutating func unreadable(_ name: Identifier, from start: Int) -> ExampleDecl {
        while !isAtSynchronizationPoint { advance() }
        return ExampleDecl(name: name, source: .inline(Expression(.error, span: span(from: start))), span: span(from: start))
    }
}
