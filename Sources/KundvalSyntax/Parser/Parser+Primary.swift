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
            let value = numberValue(of: token, groups: thousands(after: token))
            let unit = parseUnit() ?? misspelledUnit()
            if unit == nil, let word = wordAfterValue, ["arbetsdag", "arbetsdagar"].contains(word.lowercased()) {
                return workingDaysAsUnit(word, count: text(of: token), start: start)
            }
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
            let name = text(of: token)
            if name == "största" || name == "minsta", current.kind == .identifier, !current.isAtLineStart, peek().is(.i) {
                return nested(at: token.span) { $0.parseExtreme(largest: name == "största", start: start) } ?? errorExpression
            }
            return Expression(.name(name), span: token.span)
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
        commaListDepth += 1
        defer { commaListDepth -= 1 }
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
        // A record's values are named: no depth of a list (`{ a: 1 000 }` is a number).
        let depth = commaListDepth
        commaListDepth = 0
        defer { commaListDepth = depth }
        var fields: [RecordField] = []
        while !at(.rightBrace), !isAtSynchronizationPointInBrackets {
            guard let name = expectIdentifier("ett fältnamn"), expect(.colon) != nil else { break }
            fields.append(RecordField(name: name, value: parseExpression()))
            if eat(.comma) == nil { break }
        }
        expectClosing(.rightBrace, opening: open)
        return Expression(.record(fields), span: span(from: open.span.start))
    }

    /// The groups of three digits after `first` when a number is written with spaces between its
    /// thousands, as documents print amounts (`1 000 000 kr`, `2 500,50 kr`): reported once, and
    /// read as the number they write (`000` was an unknown clause, and the number `1`: two
    /// errors, and a hint to write `1 kr`). Empty, with nothing consumed, when `first` is not an
    /// integer of one to three digits followed on its line by such a group.
    mutating func thousands(after first: Token) -> [Token] {
        guard first.kind == .integer, (1...3).contains(first.span.end - first.span.start) else { return [] }
        var groups: [Token] = []
        var last = first
        while last.kind == .integer, [.integer, .decimal].contains(current.kind), !current.isAtLineStart,
              text(of: current).utf8.prefix(while: { $0 != UInt8(ascii: ",") }).count == 3 {
            last = advance()
            groups.append(last)
        }
        guard let end = groups.last else { return [] }
        let written = ([first] + groups).map { text(of: $0) }
        // In a list or a call the numbers may be values whose comma is missing: both readings.
        let hint = commaListDepth > 0 ? "skriv `\(written.joined())`, eller `\(written.joined(separator: ", "))` om det är flera värden"
            : "skriv `\(written.joined())`"
        report(.digitGroups, "tusentalen i `\(written.joined(separator: " "))` skrivs utan mellanrum i regelfilen",
               at: SourceSpan(start: first.span.start, end: end.span.end), hint: hint)
        synchronized()
        return groups
    }

    /// A word right after a number that misspells a unit of `units` (`12 vekor`; an age's units
    /// are only those of time, see ``parseQuantity()``): reported once, with the
    /// unit it misspells, and read as that unit, so that what the number is compared with is
    /// checked as written (the word was an unknown clause, and the number a plain count that its
    /// comparison then refused: two errors for one letter, and a hint to write `2 månader` for
    /// `2 ar`). The unit is known when the word is
    /// - a unit with å, ä or ö written a or o (`ar`, `manader`: a keyboard without them),
    /// - a unit written out as a document writes it (`kronor`, `SEK`, `högskolepoäng`), or
    /// - a word of four letters or more whose closest units all mean the same (`dagr`: `dagar`).
    /// A short word or abbreviation otherwise (`kg`, `mkr`, `tim`) is no safe guess, and keeps
    /// the error that says a count has no unit. Nil, with nothing consumed, for any other token.
    mutating func misspelledUnit(among units: Set<Keyword> = Keyword.units) -> Unit? {
        guard let word = wordAfterValue, let (keyword, unit) = Self.unit(misspelledAs: word, among: units) else { return nil }
        report(.expectedToken, "`\(word)` är ingen enhet", at: current.span, hint: "menade du `\(keyword.rawValue)`?")
        synchronized()
        advance()
        return unit
    }

    /// `10 arbetsdagar` (the current token the word): no unit, since a working day is not a
    /// length of time, but the language counts them with `arbetsdagar_efter`. Reported once, and
    /// the number read as an error: the date it was added to was refused too (K0304), beside
    /// the word (K0204), two errors for one word and the useful hint on the second (found by an
    /// author of a kundval for ledsagning).
    mutating func workingDaysAsUnit(_ word: String, count: String, start: Int) -> Expression {
        report(.expectedToken, "`\(word)` är ingen enhet", at: current.span,
               hint: "ett datum flyttas med arbetsdagar så: `arbetsdagar_efter(datum, \(count))`")
        synchronized()
        advance()
        return Expression(.error, span: span(from: start))
    }

    /// ```
    /// extreme ::= ("största" | "minsta") IDENT "i" domain ("där" expression)? ":" expression
    /// ```
    /// The largest or smallest value over a list, written as `summa` is (`största` and `minsta`
    /// of two values are calls): "tolv månader från det senaste uppdragets slut" (asked for by two
    /// authors of new kundval, who kept the latest date as a fact of its own). `där` counts only
    /// the elements it holds for, as in `antal`: "det senaste avtalet som hävdes på grund av
    /// brist" (an author approximated it without).
    mutating func parseExtreme(largest: Bool, start: Int) -> Expression {
        guard let (variable, domain) = parseBinding() else { return errorExpression }
        let filter = eat(.där) != nil ? parseExpression() : nil
        guard expect(.colon) != nil else { return errorExpression }
        let body = parseExpression()
        return Expression(.extreme(largest: largest, variable, domain, filter: filter, body), span: span(from: start))
    }

    /// Units as documents write them out, by the word lowercased.
    private static let writtenUnits: [String: Keyword] = [
        "kronor": .kr, "krona": .kr, "sek": .kr, "högskolepoäng": .hp, "yrkeshögskolepoäng": .yhp,
    ]

    /// The unit of `units` that `word` misspells (see ``misspelledUnit(among:)``), as the
    /// keyword to write: of two spellings of one unit equally close, the longer (`dagr` is
    /// `dagar`, not `dag`).
    static func unit(misspelledAs word: String, among units: Set<Keyword>) -> (Keyword, Unit)? {
        let lowered = word.lowercased()
        if let keyword = writtenUnits[lowered], units.contains(keyword), let unit = Unit(keyword: keyword) {
            return (keyword, unit)
        }
        let folded = Suggestion.withoutDiacritics(lowered)
        if let keyword = units.filter({ Suggestion.withoutDiacritics($0.rawValue) == folded }).max(by: { $0.rawValue < $1.rawValue }),
           let unit = Unit(keyword: keyword) {
            return (keyword, unit)
        }
        guard word.unicodeScalars.count >= 4 else { return nil }
        let scalars = Array(lowered.unicodeScalars)
        let distances = units.map { ($0, Suggestion.editDistance(scalars, Array($0.rawValue.unicodeScalars))) }
        let limit = max(1, (scalars.count + 1) / 3)
        guard let best = distances.map(\.1).min(), best <= limit else { return nil }
        let closest = distances.filter { $0.1 == best }.map(\.0)
        guard let unit = closest.first.flatMap(Unit.init(keyword:)), closest.allSatisfy({ Unit(keyword: $0) == unit }),
              let keyword = closest.max(by: { ($0.rawValue.count, $0.rawValue) < ($1.rawValue.count, $1.rawValue) })
        else { return nil }
        return (keyword, unit)
    }
}
