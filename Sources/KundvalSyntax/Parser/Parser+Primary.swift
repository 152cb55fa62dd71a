import KundvalDiagnostics

extension Parser {
    /// ```
    /// primary  ::= number_literal | DATE | text | "ja" | "nej" | "okänt" | IDENT
    ///            | "(" expression ")" | list | record | conditional | quantified | count | sum
    /// number_literal ::= (INTEGER | DECIMAL) unit? ("per" unit)?
    /// list     ::= "[" (expression ("," expression)* ","?)? "]"
    /// record   ::= "{" (IDENT ":" expression ("," IDENT ":" expression)* ","?)? "}"
    /// ```
    mutating func parsePrimary() -> Expression {
        let start = current.span.start
        switch current.kind {
        case .integer, .decimal:
            let token = advance()
            let value = numberValue(of: token)
            let unit = parseUnit() ?? misspelledUnit()
            var per: Unit?
            if eat(.per) != nil {
                per = parseUnit() ?? misspelledUnit()
                if per == nil {
                    report(.expectedToken, "väntade en enhet efter `per` men fann \(describe(current))",
                           at: current.span, hint: "skriv till exempel `10 timmar per vecka`")
                }
            }
            guard let value else { return Expression(.error, span: span(from: start)) }
            return Expression(.number(value, unit: unit, per: per), span: span(from: start))
        case .dottedNumber:
            let token = advance()
            let spelling = text(of: token)
            let isDecimal = spelling.split(separator: ".").count == 2
            report(isDecimal ? .decimalPoint : .expectedExpression,
                   isDecimal ? "decimaltal skrivs med komma, inte punkt"
                             : "ett villkorsnummer kan inte stå i ett uttryck",
                   at: token.span,
                   hint: isDecimal ? "skriv `\(String(spelling.map { $0 == "." ? "," : $0 }))`" : nil)
            return Expression(.error, span: token.span)
        case .date:
            let token = advance()
            guard let date = dateValue(of: token) else { return Expression(.error, span: token.span) }
            return Expression(.date(date), span: token.span)
        case .text, .multilineText:
            let token = advance()
            return Expression(.text(textValue(of: token)), span: token.span)
        case .identifier:
            let token = advance()
            return Expression(.name(text(of: token)), span: token.span)
        case .leftParen:
            let open = advance()
            let inner = parseExpression()
            expectClosing(.rightParen, opening: open)
            return Expression(inner.kind, span: span(from: start))
        case .leftBracket:
            return parseList()
        case .leftBrace:
            return parseRecord()
        case .keyword:
            switch current.keyword {
            case .ja: advance(); return Expression(.boolean(true), span: span(from: start))
            case .nej: advance(); return Expression(.boolean(false), span: span(from: start))
            case .okänt: advance(); return Expression(.unknown, span: span(from: start))
            case .om, .alla, .någon, .ingen, .antal, .summa:
                return nested(at: current.span) { $0.parseOpenForm() } ?? errorExpression
            default: break
            }
        default:
            break
        }
        if isAtSynchronizationPoint, index > 0 {
            // The line ended too early: point just after the last token of the expression.
            let previous = tokens[index - 1]
            report(.expectedExpression, "väntade ett uttryck efter `\(text(of: previous))`",
                   at: .point(previous.span.end),
                   hint: "raden tar slut innan uttrycket är färdigt; nästa rad börjar med \(describe(current))")
        } else {
            let doubled = current.kind == .equal && index > 0 && tokens[index - 1].kind == .equal
                && tokens[index - 1].span.end == current.span.start
            report(.expectedExpression, "väntade ett uttryck men fann \(describe(current))", at: current.span,
                   hint: doubled ? "lika med skrivs med ett `=`, till exempel `anordnare.namn = \"AB\"`"
                       : current.is(.saknas) ? "ett värde som inte är känt skrivs `okänt`; `saknas` frågar om ett värde saknas (`x saknas`)"
                       : current.kind == .keyword
                       ? "`\(text(of: current))` är ett reserverat ord; ett uttryck är ett värde, ett faktum eller en beräkning"
                       : nil)
        }
        if !isAtSynchronizationPoint, ![.rightParen, .rightBracket, .rightBrace, .comma, .pipe].contains(current.kind) {
            advance()
        }
        return Expression(.error, span: span(from: start))
    }

    private mutating func parseList() -> Expression {
        let open = advance()
        var elements: [Expression] = []
        while !at(.rightBracket), !isAtSynchronizationPointInBrackets {
            elements.append(parseExpression())
            if eat(.comma) == nil { break }
        }
        expectClosing(.rightBracket, opening: open)
        return Expression(.list(elements), span: span(from: open.span.start))
    }

    private mutating func parseRecord() -> Expression {
        let open = advance()
        var fields: [RecordField] = []
        while !at(.rightBrace), !isAtSynchronizationPointInBrackets {
            guard let name = expectIdentifier("ett fältnamn"), expect(.colon) != nil else { break }
            fields.append(RecordField(name: name, value: parseExpression()))
            if eat(.comma) == nil { break }
        }
        expectClosing(.rightBrace, opening: open)
        return Expression(.record(fields), span: span(from: open.span.start))
    }

    /// A word right after a number that misspells a unit of `units` (`12 vekor`; an age's units
    /// are only those of time, see ``parseQuantity()``): reported once, with the
    /// unit it misspells, and read as that unit, so that what the number is compared with is
    /// checked as written (the word was an unknown clause, and the number a plain count that its
    /// comparison then refused: two errors for one letter). Only a word of four letters or more
    /// whose closest units all mean the same (`dagr`: `dagar`): a short word or abbreviation
    /// (`ar`, `kg`, `mkr`, `tim`) is no safe guess, and keeps the error that says a count has
    /// no unit. Nil, with nothing consumed, for any other token.
    mutating func misspelledUnit(among units: Set<Keyword> = Keyword.units) -> Unit? {
        guard let word = wordAfterValue, word.unicodeScalars.count >= 4,
              let closest = Suggestion.closest(to: word, among: units.map(\.rawValue).sorted()),
              let keyword = Keyword(rawValue: closest), let unit = Unit(keyword: keyword)
        else { return nil }
        let scalars = Array(word.lowercased().unicodeScalars)
        let best = Suggestion.editDistance(scalars, Array(closest.unicodeScalars))
        for other in units where Unit(keyword: other) != unit {
            guard Suggestion.editDistance(scalars, Array(other.rawValue.unicodeScalars), limit: best) > best else { return nil }
        }
        report(.expectedToken, "`\(word)` är ingen enhet", at: current.span, hint: "menade du `\(closest)`?")
        synchronized()
        advance()
        return unit
    }
}
