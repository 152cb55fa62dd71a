import KundvalDiagnostics

extension Parser {
    static let conditionClauseWords: Set<Keyword> = [
        .lydelse, .förtydligande, .kräver, .gäller, .underlag, .vid, .anmärkning,
    ]

    /// ```
    /// condition        ::= "villkor" condition_number (("–" | "-" | "till") condition_number)? text?
    ///                      condition_rest
    /// condition_rest   ::= "förekommer" "inte" "i" "detta" "kundval"
    ///                    | ("i" "förekommande" "fall")? condition_clause*
    /// condition_clause ::= "lydelse" text | "förtydligande" text | requirement
    ///                    | "gäller" "när" expression | evidence | consequences
    ///                    | "anmärkning" text
    /// ```
    mutating func parseCondition() -> ConditionDecl {
        let start = advance().span.start
        let number = parseConditionNumber() ?? ConditionNumber(parts: [0], span: current.span)
        var lastNumber: ConditionNumber?
        if eat(.dash) != nil || eat(.minus) != nil || eat(.till) != nil { lastNumber = parseConditionNumber() }
        var title: TextLiteral?
        if at(.text) || at(.multilineText) { title = parseText("rubriken") }
        var condition = ConditionDecl(number: number, lastNumber: lastNumber, title: title, appliesWhereRelevant: false,
                                      isSwitchedOff: false, clauses: [], span: .point(start))
        if at(.förekommer) {
            advance()
            for word in [Keyword.inte, .i, .detta, .kundval] where expect(word) == nil { break }
            condition.isSwitchedOff = true
        } else if at(.i) {
            advance()
            if expect(.förekommande) != nil { _ = expect(.fall) }
            condition.appliesWhereRelevant = true
        }
        if isRecovering { skip(toClauseIn: Self.conditionClauseWords) }
        parseClauses(recover: { $0.skip(toClauseIn: Self.conditionClauseWords) }) { parser in
            if let clause = parser.parseConditionClause() { condition.clauses.append(clause) }
        }
        condition.span = span(from: start)
        return condition
    }

    mutating func parseConditionClause() -> ConditionClause? {
        switch current.keyword {
        case .lydelse:
            advance()
            return parseText("lydelsen").map(ConditionClause.wording)
        case .förtydligande:
            advance()
            return parseText("förtydligandet").map(ConditionClause.clarification)
        case .anmärkning:
            advance()
            return parseText("anmärkningen").map(ConditionClause.note)
        case .kräver:
            let (label, expression) = parseRequirement()
            return .requirement(label: label, expression)
        case .gäller:
            advance()
            guard expect(.när, hint: "skriv `gäller när` följt av när villkoret är tillämpligt") != nil else { return nil }
            return .applicability(parseExpression())
        case .underlag:
            return parseEvidence().map(ConditionClause.evidence)
        case .vid:
            let start = current.span.start
            guard let consequences = parseConsequences() else { return nil }
            return .consequences(consequences, span: span(from: start))
        default:
            reportUnknownClause(in: "ett villkor", candidates: Self.conditionClauseWords)
            return nil
        }
    }

    /// ```
    /// requirement ::= "kräver" (text ":")? expression
    /// ```
    mutating func parseRequirement() -> (TextLiteral?, Expression) {
        advance()
        var label: TextLiteral?
        if at(.text), current.isUnterminated, peek().isAtLineStart {
            // `kräver "Etikett: a`: the label's `"` is missing, and the text ran to the line's end,
            // over the requirement. The lexer said so; the requirement is unreadable, not a text,
            // and the lines that go on with it (`och …`, `eller …`) are read as its operands, so
            // that a mistake of their own is still found.
            let text = advance()
            while !current.isAtLineStart, !isAtEnd { advance() }
            var requirement = Expression(.error, span: text.span)
            while current.isAtLineStart, at(.och) || at(.eller) {
                let isAnd = at(.och)
                advance()
                let operand = isAnd ? parseNot() : parseAnd()
                requirement = Expression(.binary(isAnd ? .and : .or, requirement, operand), span: requirement.span.union(operand.span))
            }
            return (nil, requirement)
        }
        if (at(.text) || at(.multilineText)), peek().kind == .colon {
            label = parseText("etiketten")
            advance()
        } else if at(.text), !peek().isAtLineStart, peek().startsOperand {
            // `kräver "Etikett" anordnare.a`: the colon after the label is missing. One error
            // that says so; the requirement is read as if it were there.
            let text = current
            report(.expectedToken, "etiketten ska följas av `:` före kravet", at: SourceSpan(start: text.span.end, end: text.span.end),
                   hint: "skriv `kräver \"etikett\": uttryck`")
            isRecovering = false
            label = parseText("etiketten")
        }
        return (label, parseExpression())
    }

    /// ```
    /// evidence      ::= "underlag" evidence_kind text? (":" document_ref ("," document_ref)*)?
    ///                   ("," consequences)?
    /// evidence_kind ::= "bifogas" "ansökan" | "uppvisas" "vid" "auktorisation" | "uppföljning"
    ///                 | "kontroll" | "egenförsäkran" | "informationsplikt" | "egen" "anmälan"
    ///                 | "anmälan" | "referenser" | "vid" "förändring"
    /// document_ref  ::= postfix_expression ("högst" quantity ("gammalt" | "gammal"))?
    /// ```
    mutating func parseEvidence() -> EvidenceClause? {
        let start = advance().span.start
        guard let kind = parseEvidenceKind() else { return nil }
        var description: TextLiteral?
        if at(.text) || at(.multilineText) { description = parseText("beskrivningen") }
        var documents: [DocumentReference] = []
        // `, vid brist:` ends the documents: it is this control point's own consequence.
        func atOwnConsequence(_ parser: Parser) -> Bool { parser.at(.comma) && parser.peek().is(.vid) }
        if eat(.colon) != nil {
            repeat {
                let documentStart = current.span.start
                let document = parsePostfixExpression()
                var age: Quantity?
                if eat(.högst) != nil {
                    age = parseQuantity()
                    if eat(.gammalt) == nil, eat(.gammal) == nil {
                        report(.expectedToken, "väntade `gammalt` men fann \(describe(current))", at: current.span)
                    }
                }
                documents.append(DocumentReference(document: document, maximumAge: age, span: span(from: documentStart)))
            } while !atOwnConsequence(self) && eat(.comma) != nil
        }
        var consequences: [ConsequenceSyntax] = []
        if atOwnConsequence(self) {
            advance()
            guard let own = parseConsequences() else { return nil }
            consequences = own
        }
        return EvidenceClause(kind: kind, description: description, documents: documents, consequences: consequences,
                              span: span(from: start))
    }

    /// The kind of a control point, after `underlag` (or in `prövar underlag …`).
    mutating func parseEvidenceKind() -> EvidenceKind? {
        switch current.keyword {
        case .bifogas:
            advance()
            guard expect(.ansökan) != nil else { return nil }
            return .attachedToApplication
        case .uppvisas:
            advance()
            guard expect(.vid) != nil, expect(.auktorisation) != nil else { return nil }
            return .shownAtAuthorization
        case .uppföljning: advance(); return .followUp
        case .kontroll: advance(); return .check
        case .egenförsäkran: advance(); return .selfDeclaration
        case .informationsplikt: advance(); return .dutyToReport
        case .egen:
            advance()
            guard expect(.anmälan) != nil else { return nil }
            return .ownReport
        case .anmälan: advance(); return .reportByOthers
        case .referenser: advance(); return .references
        case .vid:
            advance()
            guard expect(.förändring) != nil else { return nil }
            return .onChange
        default:
            let kinds = ["bifogas", "uppvisas", "uppföljning", "kontroll", "egenförsäkran", "informationsplikt", "egen",
                         "anmälan", "referenser", "vid"]
            let word = text(of: current)
            let hint = Suggestion.closest(to: word, among: kinds).map { "menade du `\($0)`?" }
                ?? "underlag är ett av: " + EvidenceKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            report(.unknownEvidenceKind, "\(describe(current)) är inget slag av underlag", at: current.span, hint: hint)
            return nil
        }
    }

    /// `quantity ::= number unit`
    mutating func parseQuantity() -> Quantity? {
        let start = current.span.start
        // `sex månader`, as documents write ages: reported once, and read as the number.
        if current.kind == .identifier, let number = Self.numberWord(text(of: current)),
           peek().keyword.map(Keyword.timeUnits.contains) == true {
            report(.expectedToken, "talet `\(text(of: current))` skrivs med siffror i regelfilen", at: current.span,
                   hint: "skriv `\(number)`")
            synchronized()
            advance()
            guard let unit = parseUnit() else { return nil }
            return Quantity(value: NumberLiteral(scaledValue: Int64(number), scale: 0), unit: unit, span: span(from: start))
        }
        guard at(.integer) || at(.decimal) else {
            report(.expectedToken, "väntade ett tal med enhet (till exempel `3 månader`) men fann \(describe(current))",
                   at: current.span)
            return nil
        }
        guard let value = numberValue(of: advance()) else { return nil }
        guard let unit = parseUnit() ?? misspelledUnit(among: Keyword.timeUnits) else {
            report(.expectedToken, "väntade en enhet (dagar, veckor, månader, år) men fann \(describe(current))",
                   at: current.span, hint: "skriv till exempel `3 månader`")
            return nil
        }
        return Quantity(value: value, unit: unit, span: span(from: start))
    }

    /// `unit ::= "%" | "kr" | "procent" | "dag" | "dagar" | "vecka" | "veckor" | "månad" | "månader"
    ///         | "år" | "timme" | "timmar" | "hp" | "yhp"`
    ///
    /// A unit word directly followed by `:` is not taken as a unit: it names the next property.
    mutating func parseUnit() -> Unit? {
        if eat(.percent) != nil { return .procent }
        guard current.kind == .identifier, let keyword = current.keyword, let unit = Unit(keyword: keyword),
              peek().kind != .colon else { return nil }
        advance()
        return unit
    }

    /// ```
    /// consequences ::= "vid" "brist" ":" consequence (("," | "eller" | "och" "/" "eller") consequence)*
    /// consequence  ::= "ej" "godkänd" "auktorisation" | "ej" "auktorisation"
    ///                | "sanktion" ("enligt" IDENT)? | "avauktorisation" | IDENT
    /// ```
    ///
    /// An identifier names a step of the sanction ladder (`varning`); the steps written in one
    /// `vid brist` are the set the nämnd chooses from ("varning och/eller avauktorisation").
    mutating func parseConsequences() -> [ConsequenceSyntax]? {
        advance()
        guard expect(.brist, hint: "skriv `vid brist:` följt av påföljden") != nil,
              expect(.colon, hint: "skriv `vid brist:` följt av påföljden") != nil else { return nil }
        var consequences: [ConsequenceSyntax] = []
        // Whether the column was copied with its capitals (`Ej godkänd auktorisation`): told once.
        var capitals = false
        repeat {
            let start = current.span.start
            switch current.keyword ?? capitalizedConsequence(told: &capitals) {
            case .ej:
                advance()
                if eatIgnoringCase(.godkänd) {
                    guard eatIgnoringCase(.auktorisation) || expect(.auktorisation) != nil else { return nil }
                    consequences.append(ConsequenceSyntax(kind: .notApproved, span: span(from: start)))
                } else {
                    guard eatIgnoringCase(.auktorisation)
                            || expect(.auktorisation, hint: "skriv `ej godkänd auktorisation` eller `ej auktorisation`") != nil
                    else { return nil }
                    consequences.append(ConsequenceSyntax(kind: .noAuthorization, span: span(from: start)))
                }
            case .sanktion:
                advance()
                var table: Identifier?
                if eat(.enligt) != nil { table = expectIdentifier("namnet på en sanktionstabell") }
                consequences.append(ConsequenceSyntax(kind: .sanction(table: table), span: span(from: start)))
            case .avauktorisation:
                advance()
                consequences.append(ConsequenceSyntax(kind: .deauthorization, span: span(from: start)))
            default:
                // A step of the ladder: any name (the checker looks it up among `Sanktion`'s cases).
                if current.kind == .identifier {
                    let step = advance()
                    consequences.append(ConsequenceSyntax(kind: .step(Identifier(name: text(of: step), span: step.span)),
                                                          span: step.span))
                    continue
                }
                let words = ["ej godkänd auktorisation", "ej auktorisation", "sanktion", "avauktorisation", "ett steg som `varning`"]
                let hint = Suggestion.closest(to: text(of: current), among: ["sanktion", "avauktorisation", "ej"])
                    .map { "menade du `\($0)`?" }
                    ?? "påföljder: " + words.map { $0.hasPrefix("ett") ? $0 : "`\($0)`" }.joined(separator: ", ")
                report(.unknownConsequence, "\(describe(current)) är ingen påföljd vid brist", at: current.span, hint: hint)
                return nil
            }
        } while eatConsequenceSeparator() || missingConsequenceSeparator()
        return consequences
    }

    /// A consequence written with capitals, as the document's column starts it (`Ej godkänd
    /// auktorisation, Sanktion`): reported once per `vid brist` (`told`), and read as the words
    /// (`Ej` was a step of the ladder, then `godkänd` an unknown clause). `Ej` is known by the
    /// word after it; `Sanktion` and `Avauktorisation` only after `Ej` was told, since alone
    /// they may be steps a nämnd named so (the checker tells an unknown step that looks like
    /// them to use small letters). Nil for any other token.
    private mutating func capitalizedConsequence(told: inout Bool) -> Keyword? {
        guard current.kind == .identifier else { return nil }
        let written = text(of: current)
        let lowered = written.lowercased()
        guard lowered != written, let keyword = Keyword(rawValue: lowered), Self.consequenceWords.contains(keyword)
        else { return nil }
        if keyword == .ej {
            guard ["godkänd", "auktorisation"].contains(text(of: peek()).lowercased()) else { return nil }
        } else if !told {
            return nil
        }
        if !told {
            report(.unknownConsequence, "påföljden skrivs med liten bokstav: `\(written)`", at: current.span, hint: "skriv `\(lowered)`")
            synchronized()
            told = true
        }
        return keyword
    }

    /// The words a consequence begins with: `ej (godkänd) auktorisation`, `sanktion`,
    /// `avauktorisation` (a step of the ladder is a name).
    private static let consequenceWords: Set<Keyword> = [.ej, .sanktion, .avauktorisation]

    /// Eats `keyword`, or a name that is the keyword with capitals (`Godkänd`).
    private mutating func eatIgnoringCase(_ keyword: Keyword) -> Bool {
        if eat(keyword) != nil { return true }
        guard current.kind == .identifier, text(of: current).lowercased() == keyword.rawValue else { return false }
        advance()
        return true
    }

    /// A consequence right after another without `,` between (`ej godkänd auktorisation
    /// sanktion`): reported once, and read as the next consequence (it was an unknown clause).
    private mutating func missingConsequenceSeparator() -> Bool {
        guard !current.isAtLineStart, let keyword = current.keyword, Self.consequenceWords.contains(keyword)
        else { return false }
        report(.expectedToken, "väntade `,` mellan två påföljder", at: current.span, hint: "skriv `, \(text(of: current))`")
        synchronized()
        return true
    }

    /// `,`, `eller` or `och/eller` between consequences.
    private mutating func eatConsequenceSeparator() -> Bool {
        if eat(.comma) != nil || eat(.eller) != nil { return true }
        if at(.och), peek().kind == .slash, peek(2).is(.eller) {
            advance(); advance(); advance()
            return true
        }
        return false
    }

    /// The number a Swedish number word names (`sex` is 6), as documents write counts and ages;
    /// nil for any other word. The counts the seed documents write in words: one to twenty,
    /// and the months and weeks of their deadlines.
    public static func numberWord(_ word: String) -> Int? {
        numberWords[word.lowercased()]
    }

    private static let numberWords = [
        "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
        "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18,
        "nitton": 19, "tjugo": 20, "tjugofyra": 24, "trettio": 30, "trettiosex": 36,
    ]
}
