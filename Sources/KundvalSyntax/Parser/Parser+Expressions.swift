import KundvalDiagnostics

extension Parser {
    var errorExpression: Expression { Expression(.error, span: current.span) }

    /// `expression ::= or_expression`
    mutating func parseExpression() -> Expression {
        nested(at: current.span) { parser in parser.parseOr() } ?? errorExpression
    }

    /// The forms that extend as far to the right as possible; they stand where a primary
    /// stands, so `a eller någon h i x: h.ok` needs no parentheses.
    ///
    /// ```
    /// conditional ::= "om" expression "så" expression "annars" expression
    /// quantified  ::= ("alla" | "någon" | "ingen") IDENT "i" domain ":" expression
    /// count       ::= "antal" IDENT "i" domain ("där" expression)?
    /// sum         ::= "summa" IDENT "i" domain ":" expression
    /// ```
    mutating func parseOpenForm() -> Expression {
        let start = current.span.start
        switch current.keyword {
        case .om:
            advance()
            let condition = parseExpression()
            guard expect(.så, hint: "skriv `om villkor så värde annars värde`") != nil else { return errorExpression }
            let then = parseExpression()
            guard expect(.annars, hint: "ett `om` behöver både `så` och `annars`") != nil else { return errorExpression }
            let otherwise = parseExpression()
            return Expression(.conditional(condition, then, otherwise), span: span(from: start))
        case .alla, .någon, .ingen:
            let quantifier: Quantifier = at(.alla) ? .all : at(.någon) ? .some : .none
            advance()
            guard let (variable, domain) = parseBinding(), expect(.colon) != nil else { return errorExpression }
            let body = parseExpression()
            return Expression(.quantified(quantifier, variable, domain, body), span: span(from: start))
        case .antal:
            advance()
            // `antal u i a.b(…)` is grammatical: the count called (which the checker refuses).
            guard let (variable, domain) = parseBinding(colonFollows: false) else { return errorExpression }
            var filter: Expression?
            if eat(.där) != nil { filter = parseExpression() }
            return Expression(.count(variable, domain, filter: filter), span: span(from: start))
        case .summa:
            advance()
            guard let (variable, domain) = parseBinding(), expect(.colon) != nil else { return errorExpression }
            let body = parseExpression()
            return Expression(.sum(variable, domain, body), span: span(from: start))
        default:
            return errorExpression
        }
    }

    /// ```
    /// binding ::= IDENT "i" domain
    /// domain  ::= path | "(" expression ")" | list
    /// path    ::= IDENT ("." NAME)*
    /// ```
    /// When a `:` must follow the domain (`colonFollows`), a call after a path (`alla u i
    /// element(a.personal, 1).uppdrag: …`) is a list computed without the parentheses it needs.
    mutating func parseBinding(colonFollows: Bool = true) -> (Identifier, Expression)? {
        guard let variable = expectIdentifier("ett namn på elementet"), expect(.i) != nil else { return nil }
        switch current.kind {
        case .leftParen, .leftBracket:
            return (variable, parsePrimary())
        case .identifier:
            let start = current.span.start
            var path = Expression(.name(text(of: advance())), span: span(from: start))
            while at(.dot) {
                advance()
                guard let member = expectMemberName() else { return nil }
                path = Expression(.member(path, member), span: span(from: start))
            }
            // A list computed by a call (`element(a.personal, 1).uppdrag`) is no path: the
            // grammar wants it in parentheses. Said so, with the whole list, where it was
            // "väntade `:` men fann `(`" (found by an adversarial session).
            if colonFollows, at(.leftParen), !current.isAtLineStart {
                let list = parsePostfix(continuing: path)
                guard list.kind != .error else { return nil }
                let written = file.text(of: list.span)
                report(.expectedToken, "en lista som räknas fram skrivs inom parentes efter `i`", at: list.span,
                       hint: "skriv `i (\(Quoting.shortened(written)))`")
                return nil
            }
            return (variable, path)
        default:
            report(.expectedExpression, "väntade en lista att gå igenom men fann \(describe(current))",
                   at: current.span, hint: "skriv till exempel `alla p i anordnare.personal: p.svenska`")
            return nil
        }
    }

    /// `or_expression ::= and_expression ("eller" and_expression)*`
    mutating func parseOr() -> Expression {
        var left = parseAnd()
        var links = 0
        while at(.eller) {
            guard chainLink(&links, at: current.span) else { return errorExpression }
            advance()
            let right = parseAnd()
            left = Expression(.binary(.or, left, right), span: left.span.union(right.span))
        }
        return left
    }

    /// `and_expression ::= not_expression ("och" not_expression)*`
    mutating func parseAnd() -> Expression {
        var left = parseNot()
        var links = 0
        while at(.och) {
            guard chainLink(&links, at: current.span) else { return errorExpression }
            advance()
            let right = parseNot()
            left = Expression(.binary(.and, left, right), span: left.span.union(right.span))
        }
        return left
    }

    /// `not_expression ::= ("inte" | "ej") not_expression | comparison`
    mutating func parseNot() -> Expression {
        guard at(.inte) || at(.ej) else { return parseComparison() }
        let start = advance().span.start
        guard let operand = nested(at: current.span, { $0.parseNot() }) else { return errorExpression }
        return Expression(.unary(.not, operand), span: span(from: start))
    }

    /// Whether the current token misspells `finns` (true) or `saknas` (false) right after a
    /// value on the same line, reported with the word it misspells; nil, with nothing reported,
    /// for any other token.
    mutating func misspelledPresence() -> Bool? {
        guard let word = wordAfterValue,
              let closest = Suggestion.closest(to: word, among: [Keyword.finns.rawValue, Keyword.saknas.rawValue])
        else { return nil }
        report(.expectedToken, "`\(word)` kan inte stå efter ett värde", at: current.span, hint: "menade du `\(closest)`?")
        synchronized()
        return closest == Keyword.finns.rawValue
    }

    /// ```
    /// comparison ::= additive ( comparison_operator additive
    ///                         | "är" "inte"? ("minst" | "högst")? additive
    ///                         | "finns" | "saknas"
    ///                         | "högst" quantity ("gammalt" | "gammal") ("vid" additive)? )?
    /// comparison_operator ::= "=" | "!=" | "≠" | "<>" | "<" | "<=" | "≤" | ">" | ">=" | "≥"
    /// ```
    ///
    /// `vid brist:` after a document's age is the next clause, not the date the age is measured on.
    mutating func parseComparison() -> Expression {
        let left = parseAdditive()
        let result: Expression
        if let op = comparisonOperator(current.kind) {
            advance()
            let right = parseAdditive()
            result = Expression(.binary(op, left, right), span: left.span.union(right.span))
        } else if at(.är) {
            advance()
            let negated = eat(.inte) != nil || eat(.ej) != nil
            var op: BinaryOperator = negated ? .notEqual : .equal
            if eat(.minst) != nil { op = negated ? .less : .greaterEqual }
            else if eat(.högst) != nil { op = negated ? .greater : .lessEqual }
            let right = parseAdditive()
            result = Expression(.binary(op, left, right), span: left.span.union(right.span))
        } else if at(.finns) || at(.saknas) {
            let token = advance()
            return Expression(.presence(left, present: token.is(.finns)), span: left.span.union(token.span))
        } else if at(.minst) || (at(.högst) && (peek().kind == .integer || peek().kind == .decimal) && !isAtAge) {
            // `x minst 3`, `x högst 12`, as one says it: one error, read as `x är minst 3`. (A
            // line may begin with it: `minst` starts nothing else.)
            let isAtLeast = at(.minst)
            let word = isAtLeast ? "minst" : "högst"
            report(.expectedToken, "`\(word)` behöver `är` före sig", at: current.span,
                   hint: "skriv `är \(word)`, eller `\(isAtLeast ? ">=" : "<=")`")
            advance()
            if !current.isAtLineStart, !isAtEnd { synchronized() }
            let right = current.isAtLineStart ? errorExpression : parseAdditive()
            return Expression(.binary(isAtLeast ? .greaterEqual : .lessEqual, left, right), span: left.span.union(right.span))
        } else if let present = misspelledPresence() {
            // `x fins`: reported once and read as `finns` (the word was an unknown clause, and
            // the fact a requirement of the wrong type: two errors for one letter).
            let token = advance()
            return Expression(.presence(left, present: present), span: left.span.union(token.span))
        } else if at(.högst), peek().kind == .integer || peek().kind == .decimal || isNumberWordAge {
            advance()
            guard let age = parseQuantity() else { return Expression(.error, span: left.span) }
            if eat(.gammalt) == nil, eat(.gammal) == nil {
                report(.expectedToken, "väntade `gammalt` men fann \(describe(current))", at: current.span,
                       hint: "en ålder skrivs `högst 6 månader gammalt`")
            }
            var date: Expression?
            if at(.vid), !(peek().is(.brist) && peek(2).kind == .colon) {
                advance()
                date = parseAdditive()
            }
            let end = date?.span ?? SourceSpan(start: left.span.start, end: max(left.span.end, previousEnd))
            return Expression(.documentAge(left, age, at: date), span: left.span.union(end))
        } else {
            return left
        }
        if comparisonOperator(current.kind) != nil || at(.är) {
            report(.chainedComparison, "jämförelser kan inte kedjas", at: current.span,
                   hint: "dela upp jämförelsen med `och`, till exempel `1 < x och x < 3`")
        }
        return result
    }

    /// Whether `högst` at the current token is followed by a number written as a word and a
    /// unit of time (`högst sex månader gammalt`, as a document writes it; see
    /// ``Parser/numberWord(_:)``).
    var isNumberWordAge: Bool {
        peek().kind == .identifier && Self.numberWord(text(of: peek())) != nil
            && !peek(2).isAtLineStart && peek(2).keyword.map(Keyword.timeUnits.contains) == true
    }

    /// Whether `högst N` at the current token begins a document's age (`högst 3 månader
    /// gammalt`): a word follows the number on its line (a unit, `gammalt`, or a misspelling of
    /// them). Without one, `x högst 12` is a comparison missing its `är`.
    var isAtAge: Bool {
        let afterNumber = peek(2)
        guard !afterNumber.isAtLineStart else { return false }
        // `x högst 5000 kr`: a unit that is no age's, without `gammalt` after it, is the amount
        // compared with (the grammar reads any unit before `gammalt` as an age, which the
        // checker refuses if it is not one of time).
        let isUnit = afterNumber.kind == .percent || afterNumber.keyword.map(Keyword.units.contains) == true
        if isUnit, afterNumber.keyword.map(Keyword.timeUnits.contains) != true {
            let next = peek(3)
            return !next.isAtLineStart && (next.is(.gammalt) || next.is(.gammal))
        }
        return isUnit || afterNumber.kind == .identifier
    }

    func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    /// `additive ::= multiplicative (("+" | "-") multiplicative)*`
    mutating func parseAdditive() -> Expression {
        var left = parseMultiplicative()
        var links = 0
        while at(.plus) || at(.minus) {
            guard chainLink(&links, at: current.span) else { return errorExpression }
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            let right = parseMultiplicative()
            left = Expression(.binary(op, left, right), span: left.span.union(right.span))
        }
        return left
    }

    /// `multiplicative ::= unary (("*" | "×" | "/") unary)*`
    mutating func parseMultiplicative() -> Expression {
        var left = parseUnary()
        var links = 0
        while at(.star) || at(.slash) {
            guard chainLink(&links, at: current.span) else { return errorExpression }
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            let right = parseUnary()
            left = Expression(.binary(op, left, right), span: left.span.union(right.span))
        }
        return left
    }

    /// `unary ::= "-" unary | postfix_expression`
    mutating func parseUnary() -> Expression {
        guard at(.minus) else { return parsePostfixExpression() }
        let start = advance().span.start
        guard let operand = nested(at: current.span, { $0.parseUnary() }) else { return errorExpression }
        return Expression(.unary(.negate, operand), span: span(from: start))
    }

    /// `postfix_expression ::= primary ("." NAME | "(" (expression ("," expression)*)? ")")*`
    mutating func parsePostfixExpression() -> Expression {
        parsePostfix(continuing: parsePrimary())
    }

    /// `expression` followed by the fields and calls written after it.
    mutating func parsePostfix(continuing expression: Expression) -> Expression {
        var expression = expression
        var links = 0
        while true {
            if at(.dot) {
                guard chainLink(&links, at: current.span) else { return errorExpression }
                advance()
                guard let member = expectMemberName() else { return expression }
                expression = Expression(.member(expression, member), span: expression.span.union(member.span))
            } else if at(.leftParen), !current.isAtLineStart {
                guard chainLink(&links, at: current.span) else { return errorExpression }
                let open = advance()
                var arguments: [Expression] = []
                if !at(.rightParen) {
                    commaListDepth += 1
                    repeat { arguments.append(parseExpression()) } while eat(.comma) != nil
                    commaListDepth -= 1
                }
                expectClosing(.rightParen, opening: open)
                expression = Expression(.call(expression, arguments), span: span(from: expression.span.start))
            } else {
                return expression
            }
        }
    }

    /// `NAME`: any word after `.`, reserved words included (`r.år`, `x.text`).
    mutating func expectMemberName() -> Identifier? {
        guard current.kind == .identifier || current.kind == .keyword else {
            report(.expectedToken, "väntade ett fältnamn efter `.` men fann \(describe(current))", at: current.span)
            return nil
        }
        let token = advance()
        return Identifier(name: text(of: token), span: token.span)
    }

    /// Consumes a closing bracket, or reports the opening bracket as never closed.
    mutating func expectClosing(_ kind: TokenKind, opening: Token) {
        if eat(kind) != nil { return }
        report(.unclosedBracket, "\(opening.kind.displayName) stängs aldrig", at: opening.span,
               hint: "lägg till \(kind.displayName) där uttrycket slutar",
               notes: [DiagnosticNote(span: current.span, message: "väntade \(kind.displayName) men fann \(describe(current))")])
    }
}
