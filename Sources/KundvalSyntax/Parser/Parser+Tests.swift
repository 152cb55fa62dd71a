import KundvalDiagnostics

extension Parser {
    static let testClauseWords: Set<Keyword> = [.vid, .utgår, .med, .förväntas]

    /// ```
    /// test        ::= "test" text test_clause*
    /// test_clause ::= "vid" IDENT DATE | "utgår" "från" IDENT
    ///               | "med" path "=" expression | "förväntas" expectation
    /// ```
    mutating func parseTest() -> TestDecl? {
        let start = advance().span.start
        guard let name = parseText("testets namn") else { return nil }
        var clauses: [TestClause] = []
        parseClauses(recover: { $0.skip(toClauseIn: Self.testClauseWords) }) { parser in
            if let clause = parser.parseTestClause() { clauses.append(clause) }
        }
        return TestDecl(name: name, clauses: clauses, span: span(from: start))
    }

    private mutating func parseTestClause() -> TestClause? {
        switch current.keyword {
        case .vid:
            advance()
            guard let kind = expectIdentifier("ett slag av bedömning (till exempel `ansökan`)"),
                  let date = parseDate() else { return nil }
            return .assessment(kind: kind, date: date)
        case .utgår:
            advance()
            guard expect(.från) != nil, let example = expectIdentifier("namnet på ett exempel") else { return nil }
            return .basedOn(example)
        case .med:
            advance()
            guard let path = parsePath(), expect(.equal, "`=`") != nil else { return nil }
            return .override(path: path, value: parseExpression())
        case .förväntas:
            advance()
            return parseExpectation().map(TestClause.expectation)
        default:
            reportUnknownClause(in: "ett test", candidates: Self.testClauseWords)
            return nil
        }
    }

    /// `path ::= IDENT ("." NAME)*`
    mutating func parsePath() -> [Identifier]? {
        guard let first = expectIdentifier("ett faktum") else { return nil }
        var path = [first]
        while eat(.dot) != nil {
            guard let member = expectMemberName() else { return nil }
            path.append(member)
        }
        return path
    }

    /// ```
    /// expectation ::= "godkänd" | "ej" "godkänd" ("med" "brist" "i" "villkor" condition_numbers)?
    ///               | "komplettering" "krävs" | "inga" "brister" | "brister" ("i" "villkor" condition_numbers)?
    ///               | "avauktorisation" | "villkor" condition_number status | "insats" IDENT status
    ///               | "sanktion" IDENT ("för" "villkor" condition_number)? | "ingen" "sanktion" | "att" expression
    /// condition_numbers ::= condition_number ("," condition_number)*
    /// status      ::= "uppfyllt" | "ej" "uppfyllt" | "underlag" "saknas" | "ej" "tillämpligt"
    /// ```
    mutating func parseExpectation() -> Expectation? {
        let start = current.span.start
        switch current.keyword {
        case .godkänd:
            advance()
            return .outcome(.approved, failing: [], span: span(from: start))
        case .komplettering:
            advance()
            guard expect(.krävs) != nil else { return nil }
            return .outcome(.incomplete, failing: [], span: span(from: start))
        case .ej where peek().is(.godkänd):
            advance()
            advance()
            var failing: [ConditionNumber] = []
            // `med brist i villkor …` belongs to the expectation; `med x = …` is the next clause.
            if current.is(.med), peek().is(.brist) {
                advance()
                guard expect(.brist) != nil, expect(.i) != nil, expect(.villkor) != nil,
                      let numbers = parseConditionNumbers() else { return nil }
                failing = numbers
            }
            return .outcome(.notApproved, failing: failing, span: span(from: start))
        case .inga where peek().is(.brister):
            advance()
            advance()
            return .outcome(.noShortfalls, failing: [], span: span(from: start))
        case .brister:
            advance()
            var failing: [ConditionNumber] = []
            if eat(.i) != nil {
                guard expect(.villkor) != nil, let numbers = parseConditionNumbers() else { return nil }
                failing = numbers
            }
            return .outcome(.shortfalls, failing: failing, span: span(from: start))
        case .avauktorisation:
            advance()
            return .outcome(.deauthorized, failing: [], span: span(from: start))
        case .ingen where peek().is(.sanktion):
            advance()
            advance()
            return .noSanction(span: span(from: start))
        case .villkor:
            advance()
            guard let number = parseConditionNumber(), let status = parseStatus() else { return nil }
            return .condition(number, status, span: span(from: start))
        case .sanktion:
            advance()
            guard let step = expectIdentifier("en sanktion") else { return nil }
            var condition: ConditionNumber?
            if eat(.för) != nil {
                guard expect(.villkor) != nil, let number = parseConditionNumber() else { return nil }
                condition = number
            }
            return .sanction(step, condition: condition)
        case .insats:
            advance()
            guard let name = expectIdentifier("insatsens namn"), let status = parseStatus() else { return nil }
            return .service(name, status, span: span(from: start))
        case .att:
            advance()
            return .holds(parseExpression())
        default:
            reportUnknownExpectation(
                among: ["godkänd", "ej godkänd", "komplettering krävs", "inga brister", "brister", "avauktorisation",
                        "villkor", "insats", "sanktion", "ingen sanktion", "att"],
                what: "ett förväntat utfall")
            return nil
        }
    }

    /// `6, 7, 10.1`.
    private mutating func parseConditionNumbers() -> [ConditionNumber]? {
        var numbers: [ConditionNumber] = []
        repeat {
            if let joined = commaJoinedNumbers() {
                numbers += joined
                continue
            }
            guard let number = parseConditionNumber() else { return nil }
            numbers.append(number)
        } while eat(.comma) != nil
        return numbers
    }

    /// The status of a condition in `förväntas villkor N status`.
    mutating func parseStatus() -> ExpectedStatus? {
        switch current.keyword {
        case .uppfyllt:
            advance()
            return .met
        case .ej where peek().is(.uppfyllt):
            advance(); advance()
            return .notMet
        case .ej where peek().is(.tillämpligt):
            advance(); advance()
            return .notApplicable
        case .underlag where peek().is(.saknas):
            advance(); advance()
            return .missingEvidence
        default:
            reportUnknownExpectation(among: ExpectedStatus.allCases.map(\.rawValue), what: "en status")
            return nil
        }
    }

    private mutating func reportUnknownExpectation(among candidates: [String], what: String) {
        // Try the word alone and together with the next word on the line (`ej uppfylld`).
        var attempts: [(phrase: String, span: SourceSpan)] = [(text(of: current), current.span)]
        if current.kind == .keyword || current.kind == .identifier,
           peek().kind == .identifier || peek().kind == .keyword, !peek().isAtLineStart {
            attempts.insert((text(of: current) + " " + text(of: peek()), current.span.union(peek().span)), at: 0)
        }
        for (phrase, span) in attempts {
            if let suggestion = Suggestion.closest(to: phrase, among: candidates) {
                report(.unknownExpectation, "`\(phrase)` är inte \(what)", at: span, hint: "menade du `\(suggestion)`?")
                return
            }
        }
        report(.unknownExpectation, "\(describe(current)) är inte \(what)", at: current.span,
               hint: "skriv något av: " + candidates.map { "`\($0)`" }.joined(separator: ", "))
    }
}
