import KundvalDiagnostics

extension Parser {
    static let testClauseWords: Set<Keyword> = [.vid, .utgår, .med, .förväntas]

    /// ```
    /// test        ::= "test" text test_clause*
    /// test_clause ::= "vid" IDENT DATE | "utgår" "från" IDENT
    ///               | "med" fact_path "=" expression | "förväntas" expectation
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

    /// ```
    /// fact_path ::= (IDENT | "element" "(" fact_path "," ELEMENT_NUMBER ")") ("." NAME)*
    /// ```
    /// An element of a list is named as the language names it, and as a decision names a fact
    /// of one that is missing (`element(anordnare.personal, 2).utbildad`): a test changes one
    /// field of one element instead of writing the whole list again (an LSS author's tests were
    /// about 60 % records written again for one field).
    mutating func parsePath() -> [FactPathStep]? {
        if current.kind == .identifier, text(of: current) == "element", peek().kind == .leftParen {
            let target = parsePostfixExpression()
            return target.kind == .error ? nil : factPath(of: target)
        }
        guard let first = expectIdentifier("ett faktum") else { return nil }
        var path = [FactPathStep.name(first)]
        while eat(.dot) != nil {
            guard let member = expectMemberName() else { return nil }
            path.append(.name(member))
        }
        return path
    }

    /// The steps of a fact path written as an expression (`element(a.b, 2).c`); nil, with an
    /// error, for any other expression.
    private mutating func factPath(of expression: Expression) -> [FactPathStep]? {
        switch expression.kind {
        case .name(let name):
            return [.name(Identifier(name: name, span: expression.span))]
        case .member(let base, let member):
            return factPath(of: base).map { $0 + [.name(member)] }
        case .call(let callee, let arguments):
            guard case .name("element") = callee.kind, arguments.count == 2 else { break }
            guard let list = factPath(of: arguments[0]) else { return nil }
            guard case .number(let literal, nil, nil) = arguments[1].kind, literal.scale == 0, literal.scaledValue >= 1 else {
                report(.expectedToken, ElementNumberWording.notAnElementNumber, at: arguments[1].span,
                       hint: ElementNumberWording.example)
                return nil
            }
            // The grammar's limit (ELEMENT_NUMBER); `2147483648` is an integer from 1, which the
            // message above called it not to be (found by an adversarial session).
            guard literal.scaledValue <= Int64(Int32.max) else {
                report(.numberTooLarge, ElementNumberWording.tooLarge(file.text(of: arguments[1].span)), at: arguments[1].span)
                return nil
            }
            return list + [.element(Int(literal.scaledValue), span: arguments[1].span)]
        default:
            break
        }
        report(.expectedToken, "`med` ändrar ett faktum: ett namn, dess fält och element i listor", at: expression.span,
               hint: "till exempel `med anordnare.namn = \"A\"` eller `med element(anordnare.personal, 2).utbildad = ja`")
        return nil
    }

    /// ```
    /// expectation ::= "godkänd" | "ej" "godkänd" ("med" "brist" "i" "villkor" condition_numbers)?
    ///               | "komplettering" "krävs" | "inga" "brister" | "brister" ("i" "villkor" condition_numbers)?
    ///               | "avauktorisation" | "villkor" condition_number status | "insats" IDENT status
    ///               | "sanktion" IDENT ("för" "villkor" condition_number)? | "ingen" "sanktion"
    ///               | "ingen" "avauktorisation" | "att" expression
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
        case .ingen where peek().is(.avauktorisation):
            advance()
            advance()
            return .noDeauthorization(span: span(from: start))
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
                        "villkor", "insats", "sanktion", "ingen sanktion", "ingen avauktorisation", "att"],
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

/// What is said of an element's number in a `med` path that is none: a test's `med` and the
/// prompt's say the same.
public enum ElementNumberWording {
    /// Not an integer from 1 (`0`, `1,5`, a name).
    public static let notAnElementNumber = "elementets nummer skrivs som ett heltal från 1"
    /// The hint with it.
    public static let example = "till exempel `med element(anordnare.personal, 2).utbildad = ja` för det andra elementet"

    /// An integer past the grammar's limit (ELEMENT_NUMBER), as `written`.
    public static func tooLarge(_ written: String) -> String {
        "elementets nummer får vara högst \(Int32.max), inte `\(written)`"
    }
}
