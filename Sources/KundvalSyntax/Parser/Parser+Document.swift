import KundvalDiagnostics

extension Parser {
    /// ```
    /// source_file ::= document_header declaration*
    /// ```
    mutating func parseSourceFile() -> SourceFileSyntax {
        var header: DocumentHeader?
        if at(.reglemente) || at(.kundval) {
            header = parseDocumentHeader()
        } else if current.kind == .identifier,
                  let word = Suggestion.closest(to: text(of: current), among: [Keyword.kundval.rawValue, Keyword.reglemente.rawValue]) {
            // `reglemnte "…"`: one mistake, reported once; the header is read as the word it misspells.
            report(.missingHeader, "filen börjar inte med `reglemente` eller `kundval`", at: current.span,
                   hint: "menade du `\(word)`?")
            synchronized()
            header = parseDocumentHeader(as: word == Keyword.kundval.rawValue ? .kundval : .reglemente)
        } else if isAtEnd, diagnostics.items.contains(where: { $0.severity == .error }) {
            // Nothing the lexer could read (NUL bytes, a file too large, CR line breaks): its
            // error is the one, not also "filen är tom" (found by an adversarial session).
        } else {
            let message = isAtEnd
                ? "filen är tom; en regelfil börjar med `reglemente \"…\"` eller `kundval \"…\"`"
                : "filen börjar inte med `reglemente` eller `kundval`"
            report(.missingHeader, message, at: isAtEnd ? .point(0) : current.span,
                   hint: "skriv till exempel `kundval \"Öppenvårdsinsatser\"` på första raden")
        }
        var declarations: [Declaration] = []
        while !isAtEnd {
            let start = index
            // A declaration that stopped at an error it reported: the rest of it up to the next
            // declaration is that error's, not another (`om a så b anars c` is one error).
            if isRecovering { skip(toClauseIn: []) }
            synchronized()
            if at(.reglemente) || at(.kundval) {
                let duplicate = current.span
                _ = parseDocumentHeader()
                diagnostics.append(Diagnostic(
                    code: .duplicateHeader, message: "filen har redan ett dokumenthuvud",
                    span: duplicate, hint: "lägg varje reglemente och kundval i en egen fil"))
            } else if let declaration = parseDeclaration() {
                declarations.append(declaration)
            } else if !isAtEnd {
                let misspelled = isAtMisspelledDeclaration ? misspelledDeclarationAt?.keyword
                    : index == start ? misspelledDeclaration() : nil
                misspelledDeclarationAt = nil
                reportUnknownDeclaration()
                if let misspelled {
                    // One mistake, one error: what follows is read as the declaration the word
                    // misspells, so the names it declares exist and its clauses are checked.
                    synchronized()
                    if let declaration = parseDeclaration(as: misspelled) {
                        declarations.append(declaration)
                    } else {
                        skip(toClauseIn: [])
                    }
                } else {
                    skip(toClauseIn: [])
                }
            }
            if index == start { advance() }  // progress guard
        }
        return SourceFileSyntax(header: header, declarations: declarations)
    }

    private mutating func reportUnknownDeclaration() {
        let word = text(of: current)
        let starters = Keyword.declarationStarters.map(\.rawValue).sorted()
        var hint = "en deklaration börjar med något av: " + starters.map { "`\($0)`" }.joined(separator: ", ")
        if current.kind == .identifier || current.kind == .keyword,
           let suggestion = Suggestion.closest(to: word, among: starters) {
            hint = "menade du `\(suggestion)`?"
        }
        report(.unknownDeclaration, "\(describe(current)) inleder ingen deklaration", at: current.span, hint: hint)
    }

    /// ```
    /// declaration ::= section | condition | type_decl | facts_decl | definition | service
    ///               | table | assessment | example | test | sanction_policy | deauthorization
    /// ```
    mutating func parseDeclaration(as misspelled: Keyword? = nil) -> Declaration? {
        switch misspelled ?? current.keyword {
        case .avsnitt:
            advance()
            guard let title = parseText("avsnittets rubrik") else { return nil }
            return .section(title)
        case .villkor: return .condition(parseCondition())
        case .typ: return parseTypeDecl().map(Declaration.type)
        case .fakta: return .facts(parseFactsDecl())
        case .definition: return parseDefinition().map(Declaration.definition)
        case .insats: return parseService().map(Declaration.service)
        case .tabell: return parseTable().map(Declaration.table)
        case .bedömning: return parseAssessment().map(Declaration.assessment)
        case .exempel: return parseExample().map(Declaration.example)
        case .test: return parseTest().map(Declaration.test)
        case .sanktioner where misspelled != nil || peek().is(.enligt): return parseSanctionPolicy().map(Declaration.sanctionPolicy)
        case .avauktorisation where misspelled != nil || peek().kind == .text || peek().kind == .multilineText:
            return parseDeauthorization().map(Declaration.deauthorization)
        default: return nil
        }
    }

    /// ```
    /// document_header ::= ("reglemente" | "kundval") text header_clause*
    /// header_clause   ::= "version" text | "beslutad" "av" text | "nämnd" text
    ///                   | "diarienummer" text | "fastställd" DATE | "gäller" "från" DATE
    ///                   | "enligt" "reglemente" text ("version" text)? | "anmärkning" text
    /// ```
    mutating func parseDocumentHeader(as misspelled: DocumentKind? = nil) -> DocumentHeader {
        let start = current.span.start
        let kind: DocumentKind = misspelled ?? (advance().keyword == .kundval ? .kundval : .reglemente)
        if misspelled != nil { advance() }
        let name = parseText("dokumentets namn") ?? TextLiteral(value: "", span: current.span)
        var clauses: [HeaderClause] = []
        let clauseWords: Set<Keyword> = [.version, .beslutad, .nämnd, .diarienummer, .fastställd, .gäller, .enligt, .anmärkning]
        while !isAtEnd {
            let start = index
            synchronized()
            if let keyword = current.keyword, clauseWords.contains(keyword) {
                parseHeaderClause(keyword, into: &clauses)
            } else if let misspelled = misspelledHeaderClause(among: clauseWords) {
                // `  nämd "Socialnämnden"`, `enlgt reglemente "…"`: reported, and read as the
                // clause it misspells, so that the clauses after it and what it says are kept
                // (a lost `enligt reglemente` made every name of the reglemente unknown: 500
                // errors for one letter).
                reportUnknownClause(in: "ett dokumenthuvud", candidates: clauseWords)
                synchronized()
                parseHeaderClause(misspelled, into: &clauses)
            } else if isAtDeclaration || (current.isAtLineStart && isInFirstColumn) {
                // A line in the first column that is no header clause ends the header; the
                // declaration loop reports it.
                return DocumentHeader(kind: kind, name: name, clauses: clauses, span: span(from: start))
            } else {
                reportUnknownClause(in: "ett dokumenthuvud", candidates: clauseWords)
            }
            if isRecovering { skip(toClauseIn: clauseWords) }
            if index == start { advance() }
        }
        return DocumentHeader(kind: kind, name: name, clauses: clauses, span: span(from: start))
    }

    /// Parses the header clause that `keyword` starts (the current token, perhaps misspelled).
    private mutating func parseHeaderClause(_ keyword: Keyword, into clauses: inout [HeaderClause]) {
        advance()
        switch keyword {
        case .version:
            if let text = parseText("versionens namn") { clauses.append(.version(text)) }
        case .beslutad:
            if expect(.av) != nil, let text = parseText("vem som beslutat") { clauses.append(.decidedBy(text)) }
        case .nämnd:
            if let text = parseText("nämndens namn") { clauses.append(.committee(text)) }
        case .diarienummer:
            if let text = parseText("diarienumret") { clauses.append(.registrationNumber(text)) }
        case .fastställd:
            if let date = parseDate() { clauses.append(.adopted(date)) }
        case .gäller:
            if expect(.från) != nil, let date = parseDate() { clauses.append(.validFrom(date)) }
        case .enligt:
            // A misspelled `reglemente` or `version` is read as the word (`verison "31 villkor"`
            // lost the version, and the kundval was checked against another one: 107 errors).
            if eatOrMisspelled(.reglemente), let name = parseText("reglementets namn") {
                var version: TextLiteral?
                // On the same line: a `version` line below is the kundval's own.
                if at(.version) && !current.isAtLineStart || isAtMisspelling(of: .version) {
                    _ = eatOrMisspelled(.version)
                    version = parseText("versionens namn")
                }
                clauses.append(.refines(name: name, version: version))
            }
        default:
            if let text = parseText("anmärkningen") { clauses.append(.note(text)) }
        }
    }

    /// Whether the current word, inside a line, misspells `keyword` (its closest spelling among
    /// one) and a text follows it on the line, as after `reglemente` and `version`.
    private func isAtMisspelling(of keyword: Keyword) -> Bool {
        (current.kind == .identifier || current.kind == .keyword) && !current.isAtLineStart
            && peek().kind == .text && !peek().isAtLineStart
            && Suggestion.closest(to: text(of: current), among: [keyword.rawValue]) != nil
    }

    /// Consumes `keyword`, or a misspelling of it followed by a text on its line (reported
    /// once, with `keyword` as its hint), and says whether it did; otherwise reports what was
    /// expected.
    private mutating func eatOrMisspelled(_ keyword: Keyword) -> Bool {
        if eat(keyword) != nil { return true }
        guard isAtMisspelling(of: keyword) else { return expect(keyword) != nil }
        report(.expectedToken, "väntade `\(keyword.rawValue)` men fann \(describe(current))", at: current.span,
               hint: "menade du `\(keyword.rawValue)`?")
        synchronized()
        advance()
        return true
    }

    /// The header clause word that the current word, at the start of a line, misspells, when
    /// what follows it on the line fits that clause (a text after `nämd`, a date after
    /// `faststäld`, `reglemente` after `enlgt`); nil otherwise, and for a misspelled declaration
    /// word (`vilkor 1`), which ends the header.
    private func misspelledHeaderClause(among clauseWords: Set<Keyword>) -> Keyword? {
        guard current.isAtLineStart, current.kind == .identifier, misspelledDeclaration() == nil,
              let closest = Suggestion.closest(to: text(of: current), among: clauseWords.map(\.rawValue).sorted()),
              let keyword = Keyword(rawValue: closest)
        else { return nil }
        let next = peek()
        guard !next.isAtLineStart else { return nil }
        let fits: Bool = switch keyword {
        case .version, .nämnd, .diarienummer, .anmärkning: next.kind == .text || next.kind == .multilineText
        case .fastställd: next.kind == .date
        case .beslutad: next.is(.av)
        case .gäller: next.is(.från)
        case .enligt: next.is(.reglemente)
        default: false
        }
        return fits ? keyword : nil
    }

    /// Reports the current token as an unknown clause, suggesting the closest clause word.
    mutating func reportUnknownClause(in context: String, candidates: Set<Keyword>) {
        // A misspelled declaration word ends the declaration; the file's loop reports it.
        if let keyword = misspelledDeclaration(clauses: candidates) {
            misspelledDeclarationAt = (index, keyword)
            return
        }
        let word = text(of: current)
        let spellings = candidates.map(\.rawValue).sorted()
        var hint = "klausuler här: " + spellings.map { "`\($0)`" }.joined(separator: ", ")
        // A misspelled word at the start of a line may also be a misspelled declaration.
        let declarations = current.isAtLineStart ? Keyword.declarationStarters.map(\.rawValue).sorted() : []
        if current.kind == .identifier || current.kind == .keyword,
           let suggestion = Suggestion.closest(to: word, among: spellings + declarations) {
            hint = "menade du `\(suggestion)`?"
        }
        if !current.isAtLineStart, current.kind == .identifier, index > 0,
           [.integer, .decimal].contains(tokens[index - 1].kind) {
            // `kräver anordnare.kunder >= 20 kunder`: a word after a number is taken for a unit.
            hint = "`\(word)` är ingen enhet; ett antal skrivs utan enhet (`>= 20`), och enheterna är "
                + Keyword.units.map { "`\($0.rawValue)`" }.sorted().joined(separator: ", ")
        }
        if !current.isAtLineStart, let swedish = Self.swedishWord(for: word) {
            // `kräver a and b`: the expression ended at an English word.
            hint = Self.swedishHint(word, swedish)
        }
        report(.unknownClause, "\(describe(current)) är ingen klausul i \(context)", at: current.span, hint: hint)
    }

    /// The language's word for an English or programming one an author may write for it
    /// (`and`, `or`, `not`, `true`, `&&`): their hints named clauses or "one expression at a
    /// time" (found by a hostile-input session).
    static func swedishWord(for word: String) -> String? {
        switch word.lowercased() {
        case "and", "&&", "&": "och"
        case "or", "||", "|": "eller"
        case "not", "!": "inte"
        case "true": "ja"
        case "false": "nej"
        case "if": "om"
        case "then": "så"
        case "else": "annars"
        case "null", "nil", "none": "okänt"
        default: nil
        }
    }

    /// The hint for an English word the language writes in Swedish.
    static func swedishHint(_ word: String, _ swedish: String) -> String {
        "skriv `\(swedish)` i stället för `\(word)`: språkets ord är svenska"
    }

    // MARK: - Literals shared by declarations

    /// `text ::= TEXT | MULTILINE_TEXT`
    mutating func parseText(_ what: String) -> TextLiteral? {
        guard at(.text) || at(.multilineText) else {
            report(.expectedToken, "väntade \(what) som text inom `\"…\"` men fann \(describe(current))",
                   at: current.span)
            return nil
        }
        let token = advance()
        return TextLiteral(value: textValue(of: token), span: token.span)
    }

    /// `DATE ::= DIGIT{4} "-" DIGIT{2} "-" DIGIT{2}`, checked against the calendar.
    mutating func parseDate() -> DateLiteral? {
        guard at(.date) else {
            report(.expectedToken, "väntade ett datum (ÅÅÅÅ-MM-DD) men fann \(describe(current))", at: current.span)
            return nil
        }
        return dateValue(of: advance())
    }

    /// In a list of condition numbers (`granskar villkor 1,2`, `med brist i villkor 6,17`), a
    /// decimal number is two numbers without the space after their comma: reported once (both
    /// readings named) and read as the two, so that nothing else is reported for them. Nil,
    /// with nothing consumed, for any other token.
    mutating func commaJoinedNumbers() -> [ConditionNumber]? {
        guard at(.decimal) else { return nil }
        let token = advance()
        let written = text(of: token)
        let parts = written.split(separator: ",")
        report(.expectedToken, "`\(written)` är inget villkorsnummer", at: token.span,
               hint: "flera villkor skiljs med komma och mellanslag, `\(parts.joined(separator: ", "))`; "
                   + "ett undervillkor skrivs med punkt, `\(parts.joined(separator: "."))`")
        synchronized()
        return parts.compactMap { part in
            guard part.count <= 6, let value = Int(part), value > 0 else { return nil }
            return ConditionNumber(parts: [value], span: token.span)
        }
    }

    /// `condition_number ::= INTEGER | DOTTED_NUMBER`
    mutating func parseConditionNumber() -> ConditionNumber? {
        // `26,2` is a decimal number to the lexer: a sub-number written with a comma, reported
        // once and read as `26.2`, so that the tests that name 26.2 find it.
        let comma = at(.decimal)
        guard at(.integer) || at(.dottedNumber) || comma else {
            report(.expectedToken, "väntade ett villkorsnummer (till exempel `4` eller `10.1`) men fann \(describe(current))",
                   at: current.span)
            return nil
        }
        let token = advance()
        let spelling = String(text(of: token).map { $0 == "," ? "." : $0 })
        if comma {
            report(.expectedToken, "`\(text(of: token))` är inget villkorsnummer", at: token.span,
                   hint: "ett undervillkors nummer skrivs med punkt: `\(spelling)`")
            synchronized()
        }
        var parts: [Int] = []
        for part in spelling.split(separator: ".") {
            guard part.count <= 6, let value = Int(part) else {
                report(.numberTooLarge, "villkorsnumret `\(text(of: token))` är för stort", at: token.span)
                return ConditionNumber(parts: [0], span: token.span)
            }
            parts.append(value)
        }
        // Conditions are numbered from 1; 0 is also what an unreadable number becomes.
        if parts.first == 0 {
            report(.expectedToken, "villkorsnummer börjar på 1, inte `\(text(of: token))`", at: token.span)
            return ConditionNumber(parts: [0], span: token.span)
        }
        return ConditionNumber(parts: parts, span: token.span)
    }
}
