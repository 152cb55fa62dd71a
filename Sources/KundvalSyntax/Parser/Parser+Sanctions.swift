import KundvalDiagnostics

extension Parser {
    static let sanctionPolicyClauseWords: Set<Keyword> = [.lydelse, .anmärkning, .vid]

    /// ```
    /// sanction_policy        ::= "sanktioner" "enligt" IDENT sanction_policy_clause*
    /// sanction_policy_clause ::= "lydelse" text | "anmärkning" text | "vid" IDENT ":" IDENT
    /// ```
    mutating func parseSanctionPolicy() -> SanctionPolicyDecl? {
        let start = advance().span.start
        guard expect(.enligt) != nil, let table = expectIdentifier("namnet på en beslutstabell som väljer sanktion")
        else { return nil }
        var clauses: [SanctionPolicyClause] = []
        parseClauses(recover: { $0.skip(toClauseIn: Self.sanctionPolicyClauseWords) }) { parser in
            switch parser.current.keyword {
            case .lydelse:
                parser.advance()
                if let text = parser.parseText("lydelsen") { clauses.append(.wording(text)) }
            case .anmärkning:
                parser.advance()
                if let text = parser.parseText("anmärkningen") { clauses.append(.note(text)) }
            case .vid:
                let clauseStart = parser.advance().span.start
                guard let step = parser.expectIdentifier("ett steg i sanktionstrappan, till exempel `vite`"),
                      parser.expect(.colon, hint: "skriv `vid vite: vitesbelopp`: beloppet som hör till steget") != nil,
                      let definition = parser.expectIdentifier("en definition som räknar ut beloppet") else { return }
                clauses.append(.amount(step: step, definition: definition, span: parser.span(from: clauseStart)))
            default:
                parser.reportUnknownClause(in: "sanktionerna", candidates: Self.sanctionPolicyClauseWords)
            }
        }
        return SanctionPolicyDecl(table: table, clauses: clauses, span: span(from: start))
    }

    static let deauthorizationClauseWords: Set<Keyword> = [.lydelse, .anmärkning, .gäller, .från]

    /// ```
    /// deauthorization        ::= "avauktorisation" text deauthorization_clause*
    /// deauthorization_clause ::= "lydelse" text | "anmärkning" text | "gäller" "när" expression
    ///                          | "från" expression
    /// ```
    mutating func parseDeauthorization() -> DeauthorizationDecl? {
        let start = advance().span.start
        guard let title = parseText("grundens rubrik") else { return nil }
        var clauses: [DeauthorizationClause] = []
        parseClauses(recover: { $0.skip(toClauseIn: Self.deauthorizationClauseWords) }) { parser in
            switch parser.current.keyword {
            case .lydelse:
                parser.advance()
                if let text = parser.parseText("lydelsen") { clauses.append(.wording(text)) }
            case .anmärkning:
                parser.advance()
                if let text = parser.parseText("anmärkningen") { clauses.append(.note(text)) }
            case .gäller:
                parser.advance()
                guard parser.expect(.när, hint: "skriv `gäller när` följt av när grunden gäller anordnaren") != nil else { return }
                clauses.append(.applicability(parser.parseExpression()))
            case .från:
                parser.advance()
                clauses.append(.from(parser.parseExpression()))
            default:
                parser.reportUnknownClause(in: "en grund för avauktorisation", candidates: Self.deauthorizationClauseWords)
            }
        }
        if !clauses.contains(where: { if case .from = $0 { true } else { false } }) {
            report(.expectedToken, "grunden `\(title.value)` anger inte från vilket datum anordnaren avauktoriseras",
                   at: title.span, hint: "skriv `från` och ett datum, till exempel `från anordnare.senaste_uppdrag + 12 månader`")
        }
        return DeauthorizationDecl(title: title, clauses: clauses, span: span(from: start))
    }
}
