import KundvalDiagnostics

extension Parser {
    /// ```
    /// type_decl   ::= "typ" IDENT ( ":" "en" "av" IDENT ("," IDENT)* ("i" "stigande" "ordning")?
    ///                             | "utökas" ":" "en" "av" IDENT ("," IDENT)* (("före" | "efter") IDENT)?
    ///                             | "utökas"? field* )
    /// ```
    mutating func parseTypeDecl() -> TypeDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("typens namn") else { return nil }
        // `utökas: en av …` adds cases to an enumeration (a field named `utökas` has a type, not `en av`).
        if at(.utökas), peek().kind == .colon, peek(2).is(.en) {
            advance()
            advance()
            guard let cases = parseCaseList() else { return nil }
            var position: CasePosition?
            if at(.före) || at(.efter) {
                let before = advance().keyword == .före
                guard let anchor = expectIdentifier("ett värde i uppräkningen") else { return nil }
                position = CasePosition(before: before, anchor: anchor)
            }
            return TypeDecl(name: name, body: .extensionCases(cases, position: position), span: span(from: start))
        }
        // `typ Roll en av a, b`: the `:` forgotten before `en av`, reported once; the cases are read
        // as if it stood there, so the enumeration and its values exist.
        let forgotten = at(.en) && peek().is(.av) && !current.isAtLineStart
        if forgotten {
            report(.expectedToken, "väntade `:` men fann `en`", at: current.span,
                   hint: "en uppräkning skrivs `typ \(name.name): en av a, b, c`")
            synchronized()
        }
        if forgotten || eat(.colon) != nil {
            guard let cases = parseCaseList() else { return nil }
            var ordered = false
            if eat(.i) != nil {
                if expect(.stigande) != nil, expect(.ordning) != nil { ordered = true }
            }
            return TypeDecl(name: name, body: .enumeration(cases, ordered: ordered), span: span(from: start))
        }
        var isExtension = false
        if at(.utökas), peek().kind != .colon {
            advance()
            isExtension = true
        }
        let fields = parseFields(context: "typen `\(name.name)`")
        return TypeDecl(name: name, body: isExtension ? .extensionFields(fields) : .record(fields), span: span(from: start))
    }

    /// `"en" "av" IDENT ("," IDENT)*`: an enumeration's cases.
    private mutating func parseCaseList() -> [Identifier]? {
        guard expect(.en, hint: "en uppräkning skrivs `typ Namn: en av a, b, c`") != nil, expect(.av) != nil else { return nil }
        var cases: [Identifier] = []
        repeat {
            let token = current
            if let value = expectIdentifier("ett värde i uppräkningen") {
                cases.append(value)
                continue
            }
            // `en av ingen, liten, stor`: a reserved word as a case is reported, and kept in its
            // place, so that the cases after it and their order are kept too (the whole list was
            // lost, and every use of its cases was an error of its own).
            guard token.kind == .keyword, !token.isAtLineStart, peek().kind == .comma || peek().isAtLineStart || peek().is(.i)
            else { break }
            synchronized()
            advance()
            cases.append(Identifier(name: text(of: token), span: token.span))
        } while eat(.comma) != nil
        return cases
    }

    /// `facts_decl ::= "fakta" field*`
    mutating func parseFactsDecl() -> FactsDecl {
        let start = advance().span.start
        let fields = parseFields(context: "`fakta`")
        return FactsDecl(fields: fields, span: span(from: start))
    }

    /// Fields until the next declaration; a stray token is reported once per line.
    private mutating func parseFields(context: String) -> [FieldDecl] {
        var fields: [FieldDecl] = []
        parseClauses(recover: { $0.skipLine() }) { parser in
            // `vilkor 2 "…"` after the fields: a misspelled declaration, not a field without `:`.
            if parser.peek().kind != .colon, let keyword = parser.misspelledDeclaration() {
                parser.misspelledDeclarationAt = (parser.index, keyword)
                return
            }
            if parser.current.kind == .identifier || (parser.current.kind == .keyword && parser.peek().kind == .colon) {
                if let field = parser.parseField() { fields.append(field) }
            } else {
                parser.report(.expectedToken,
                              "väntade ett fält (`namn: typ`) i \(context) men fann \(parser.describe(parser.current))",
                              at: parser.current.span)
            }
        }
        return fields
    }

    /// Skips to the first token of the next line.
    mutating func skipLine() {
        repeat { advance() } while !isAtEnd && !current.isAtLineStart
    }

    /// `field ::= IDENT ":" type`
    mutating func parseField() -> FieldDecl? {
        let start = current.span.start
        // `kräver: text`: a reserved word as a field's name is reported, and the field is kept
        // under it, so that its uses are not errors of their own (each was `har inget fält`).
        let reserved = current.kind == .keyword && peek().kind == .colon && !peek().isAtLineStart
        let token = current
        guard let name = expectIdentifier("fältets namn") ?? (reserved ? Identifier(name: text(of: token), span: token.span) : nil)
        else { return nil }
        if reserved {
            synchronized()
            advance()
        }
        if expect(.colon, hint: "ett fält skrivs `namn: typ`, till exempel `kreditvärdighet: heltal`") == nil {
            // `i_konkurs ja/nej`: a forgotten `:`, reported once. A type on the same line is read
            // as if the `:` stood there, so the field exists and its uses are checked (each use
            // was an error of its own: 31 errors for one character).
            // Not `årlig omsättning: belopp`, a name with a space: its `:` comes after the next word.
            guard !current.isAtLineStart, current.kind == .identifier || at(.ja) || at(.lista), peek().kind != .colon
            else { return nil }
            synchronized()
        }
        let type = parseType()
        return FieldDecl(name: name, type: type, span: span(from: start))
    }

    /// ```
    /// type      ::= base_type ("kan" "saknas")?
    /// base_type ::= "ja" "/" "nej" | "lista" "av" base_type | IDENT
    /// ```
    mutating func parseType() -> TypeSyntax {
        let start = current.span.start
        let kind = parseBaseType()
        var optional = false
        if at(.kan), peek().is(.saknas) {
            advance()
            advance()
            optional = true
        }
        return TypeSyntax(kind: kind, isOptional: optional, span: span(from: start))
    }

    private mutating func parseBaseType() -> TypeSyntax.Kind {
        if at(.ja) {
            advance()
            if expect(.slash, "`/nej`", hint: "sanningsvärden skrivs `ja/nej`") == nil { return .error }
            if eat(.nej) == nil {
                // `ja/ne`: reported once and read as `ja/nej`, the only type written with `/`.
                report(.expectedToken, "väntade `nej` efter `ja/` men fann \(describe(current))", at: current.span,
                       hint: "sanningsvärden skrivs `ja/nej`")
                if current.kind == .identifier, !current.isAtLineStart { advance() }
                synchronized()
            }
            return .boolean
        }
        if at(.lista), peek().is(.av) {
            let start = advance().span.start
            advance()
            let element = nested(at: current.span) { parser -> TypeSyntax in
                let elementStart = parser.current.span.start
                let kind = parser.parseBaseType()
                return TypeSyntax(kind: kind, isOptional: false, span: parser.span(from: elementStart))
            }
            guard let element else { return .error }
            _ = start
            return .list(element)
        }
        guard let name = expectIdentifier("en typ (till exempel `heltal`, `belopp`, `ja/nej` eller `lista av Person`)")
        else { return .error }
        if at(.slash), Suggestion.closest(to: name.name, among: ["ja"]) != nil
            || (peek().kind == .identifier && Suggestion.closest(to: text(of: peek()), among: ["nej"]) != nil) {
            // `jaa/nej`, `ja/nje`: the only type written with `/` is `ja/nej`; reported once and
            // read as it. (`belopp/timme` is no misspelled `ja/nej`: its `/` is reported alone.)
            let start = name.span.start
            advance()
            if current.kind == .identifier || current.is(.nej), !current.isAtLineStart { advance() }
            let written = String(decoding: file.bytes[start..<tokens[index - 1].span.end], as: UTF8.self)
            report(.expectedToken, "`\(written)` är ingen typ", at: span(from: start), hint: "menade du `ja/nej`?")
            synchronized()  // the whole type is read: what follows it is parsed as usual
            return .boolean
        }
        return .named(name)
    }

    /// ```
    /// definition ::= "definition" IDENT parameters? (":" type)? "=" expression
    /// parameters ::= "(" (field ("," field)*)? ")"
    /// ```
    mutating func parseDefinition() -> DefinitionDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("definitionens namn") else { return nil }
        var parameters: [FieldDecl] = []
        if at(.leftParen) {
            guard let list = parseParameters() else { return nil }
            parameters = list
        }
        var resultType: TypeSyntax?
        if eat(.colon) != nil { resultType = parseType() }
        if eat(.equal) == nil {
            // The body on the next line, the `=` forgotten at the end of this one: one error,
            // and the definition exists (its uses were unknown names).
            guard current.isAtLineStart, !isInFirstColumn, !isAtSynchronizationPoint else {
                _ = expect(.equal, "`=`", hint: "en definition skrivs `definition namn = uttryck`")
                return nil
            }
            report(.expectedToken, "väntade `=` sist på raden", at: .point(previousEnd),
                   hint: "en definition skrivs `definition namn = uttryck`")
            synchronized()
        }
        let body = parseExpression()
        return DefinitionDecl(name: name, parameters: parameters, resultType: resultType, body: body, span: span(from: start))
    }

    mutating func parseParameters() -> [FieldDecl]? {
        let open = advance()
        var parameters: [FieldDecl] = []
        if !at(.rightParen) {
            repeat {
                guard let parameter = parseField() else { return nil }
                parameters.append(parameter)
            } while eat(.comma) != nil
        }
        expectClosing(.rightParen, opening: open)
        return isRecovering ? nil : parameters
    }

    /// ```
    /// table     ::= "tabell" IDENT parameters ":" type ("i" "ordning")? table_row+
    /// table_row ::= "|" table_cell ("|" table_cell)* "|"
    /// table_cell ::= "-" | comparison_operator? additive
    /// ```
    mutating func parseTable() -> DecisionTableDecl? {
        let start = advance().span.start
        guard let name = expectIdentifier("tabellens namn") else { return nil }
        guard at(.leftParen) else {
            report(.expectedToken, "väntade tabellens indata inom `(…)` men fann \(describe(current))", at: current.span,
                   hint: "skriv till exempel `tabell sanktion(påverkan: Påverkan): Sanktion`")
            return nil
        }
        guard let parameters = parseParameters(), expect(.colon, hint: "ange utfallets typ efter `:`") != nil
        else { return nil }
        let resultType = parseType()
        var ordered = false
        if eat(.i) != nil, expect(.ordning) != nil { ordered = true }
        var rows: [TableRow] = []
        while at(.pipe) {
            synchronized()
            if let row = parseTableRow() { rows.append(row) }
            if isRecovering { skipLine() }
        }
        if rows.isEmpty {
            report(.expectedToken, "väntade tabellens första rad (`| … |`) men fann \(describe(current))", at: current.span)
        }
        return DecisionTableDecl(name: name, parameters: parameters, resultType: resultType, isOrdered: ordered,
                                 rows: rows, span: span(from: start))
    }

    /// One row per line: the row ends at the last `|` of its line. Input cells are
    /// `-` or `comparison_operator? additive`; the last cell, the result, is an expression.
    private mutating func parseTableRow() -> TableRow? {
        let start = advance().span.start
        var conditions: [TableCell] = []
        while true {
            let cellStart = current.span.start
            if isAtLastTableCell() {
                if at(.minus) && peek().kind == .pipe || comparisonOperator(current.kind) != nil {
                    report(.tableResultCell, "radens sista cell är utfallet och måste vara ett värde",
                           at: current.span,
                           hint: "`-` och jämförelser hör till indatacellerna; skriv utfallet sist, till exempel `| risk | - | varning |`")
                    return nil
                }
                let result = parseExpression()
                guard expect(.pipe, "`|`", hint: "raden avslutas med `|`") != nil else { return nil }
                return TableRow(conditions: conditions, result: result, span: span(from: start))
            }
            if at(.minus), peek().kind == .pipe {
                advance()
                conditions.append(TableCell(test: nil, span: span(from: cellStart)))
            } else {
                let op = comparisonOperator(current.kind)
                if op != nil { advance() }
                let value = parseAdditive()
                conditions.append(TableCell(test: (op ?? .equal, value), span: span(from: cellStart)))
            }
            guard expect(.pipe, "`|`", hint: "varje cell avslutas med `|`") != nil else { return nil }
        }
    }

    /// Whether the cell starting at the current token is the last of its row: the `|` that
    /// closes it (outside brackets) is the last token on the line.
    private func isAtLastTableCell() -> Bool {
        var depth = 0
        var offset = 0
        while true {
            let token = peek(offset)
            if token.kind == .endOfFile || (offset > 0 && token.isAtLineStart) { return true }
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth = max(0, depth - 1)
            case .pipe where depth == 0:
                let next = peek(offset + 1)
                return next.kind == .endOfFile || next.isAtLineStart
            default: break
            }
            offset += 1
        }
    }
}
