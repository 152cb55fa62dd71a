import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    static let errorExpression = TypedExpression(.error, type: .error, span: .point(0))

    /// Checks an expression; when `expected` is given the value must have that type.
    mutating func check(_ expression: Expression, expected: KundvalType? = nil, in scope: inout Scope) -> TypedExpression {
        let typed = infer(expression, expected: expected, in: &scope)
        if let expected { return coerce(typed, to: expected) }
        return typed
    }

    /// Reports a value whose type does not fit `expected`.
    mutating func coerce(_ typed: TypedExpression, to expected: KundvalType) -> TypedExpression {
        let actual = typed.type
        guard !actual.isError, !expected.isError else { return typed }
        if actual.isOptional && !expected.isOptional {
            report(.possiblyUnknown, "värdet kan saknas men här behövs ett känt värde av typen `\(expected)`",
                   at: typed.span,
                   hint: "hantera fallet att värdet saknas, till exempel `om x finns så x annars …`, eller ange typen som `\(expected) kan saknas`")
            return typed
        }
        if Self.fits(actual.unwrapped, expected.unwrapped) { return typed }
        var hint: String?
        if actual.unwrapped.isNumber, case .number = typed.kind {
            switch expected.unwrapped {
            case .money: hint = "skriv beloppet med enhet, till exempel `\(typed.spanText(in: file)) kr`"
            case .percent: hint = "skriv procentsatsen med enhet, till exempel `\(typed.spanText(in: file)) %`"
            case .days, .months: hint = "skriv tidslängden med enhet, till exempel `\(typed.spanText(in: file)) månader`"
            default: break
            }
        }
        // A date in quotes, as JSON writes it: in the rules a date is written bare.
        if expected.unwrapped == .date, case .text(let text) = typed.kind, Self.isDate(text) {
            hint = "ett datum skrivs utan citattecken i regelfilen: `\(text)`"
        }
        report(.typeMismatch, "väntade `\(expected.unwrapped)` men värdet är `\(actual.unwrapped)`", at: typed.span, hint: hint)
        return typed
    }

    /// Whether `text` is a date as `ÅÅÅÅ-MM-DD` writes one.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Whether a value of `actual` may stand where `expected` is wanted.
    static func fits(_ actual: KundvalType, _ expected: KundvalType) -> Bool {
        if actual == expected || actual.isError || expected.isError { return true }
        switch (actual, expected) {
        case (.integer, .decimal): return true
        case (.list(let a), .list(let b)): return fits(a.unwrapped, b.unwrapped) && (!a.isOptional || b.isOptional)
        default: return false
        }
    }

    /// Types an expression; `expected`, when given, is context (for `okänt`, `[]`, records and
    /// enumeration cases) but is not enforced.
    mutating func infer(_ expression: Expression, expected: KundvalType?, in scope: inout Scope) -> TypedExpression {
        let span = expression.span
        switch expression.kind {
        case .error:
            return TypedExpression(.error, type: .error, span: span)
        case .boolean(let value):
            return TypedExpression(.boolean(value), type: .boolean, span: span)
        case .unknown:
            guard let expected else {
                report(.needsContext, "`okänt` behöver ett sammanhang som anger vilken typ värdet har", at: span,
                       hint: "`okänt` används där typen är given, till exempel `med anordnare.garant = okänt` i ett test")
                return TypedExpression(.unknown, type: .error, span: span)
            }
            return TypedExpression(.unknown, type: expected.optional, span: span)
        case .text(let text):
            return TypedExpression(.text(text), type: .text, span: span)
        case .date(let date):
            return TypedExpression(.date(date), type: .date, span: span)
        case .number(let value, let unit, let per):
            return checkNumber(value, unit: unit, per: per, span: span)
        case .name(let name):
            return resolveName(name, span: span, expected: expected, in: &scope)
        case .member(let base, let member):
            return checkMember(expression, base: base, member: member, in: &scope)
        case .call(let callee, let arguments):
            return checkCall(callee: callee, arguments: arguments, span: span, in: &scope)
        case .unary(let op, let operand):
            return checkUnary(op, operand, span: span, in: &scope)
        case .binary(let op, let left, let right):
            return checkBinary(op, left, right, span: span, in: &scope)
        case .presence(let inner, let present):
            let typed = check(inner, in: &scope)
            if !typed.type.isOptional && !typed.type.isError && !scope.known.contains(inner.pathKey ?? "") {
                report(.presenceAlwaysKnown, "`\(file.text(of: inner.span))` kan aldrig saknas, så `\(present ? "finns" : "saknas")` är alltid \(present ? "sant" : "falskt")",
                       at: span, hint: "ange typen som `\(typed.type) kan saknas` om uppgiften kan saknas", severity: .warning)
            }
            return TypedExpression(.presence(typed, present: present), type: .boolean, span: span)
        case .documentAge(let document, let age, let date):
            return checkDocumentAge(document, age, at: date, span: span, in: &scope)
        case .conditional(let condition, let then, let otherwise):
            let typedCondition = checkBoolean(condition, what: "villkoret efter `om`", in: &scope)
            // `om x finns så f(x) annars okänt`: a branch that is just `okänt` takes its type from
            // the other branch, so it is checked second.
            func checkBranch(_ branch: Expression, whenTrue: Bool, other: TypedExpression?) -> TypedExpression {
                var branchExpected = expected
                if branchExpected == nil, case .unknown = branch.kind, let other, !other.type.isError {
                    branchExpected = .optional(other.type.unwrapped)
                }
                return narrowed(scope: &scope, by: condition.provesPresent(whenTrue: whenTrue)) { checker, inner in
                    checker.check(branch, expected: branchExpected, in: &inner)
                }
            }
            let thenTyped: TypedExpression
            let elseTyped: TypedExpression
            if expected == nil, case .unknown = then.kind {
                elseTyped = checkBranch(otherwise, whenTrue: false, other: nil)
                thenTyped = checkBranch(then, whenTrue: true, other: elseTyped)
            } else {
                thenTyped = checkBranch(then, whenTrue: true, other: nil)
                elseTyped = checkBranch(otherwise, whenTrue: false, other: thenTyped)
            }
            let type = unify(thenTyped, elseTyped, span: span)
            return TypedExpression(.conditional(typedCondition, thenTyped, elseTyped),
                                   type: type.optional(if: typedCondition.type.isOptional), span: span)
        case .quantified(let quantifier, let variable, let domain, let body):
            let (typedDomain, element) = checkDomain(domain, in: &scope)
            let slot = scope.bind(variable.name, element)
            let typedBody = checkBoolean(body, what: "villkoret efter `:`", in: &scope)
            scope.unbind()
            let optional = typedDomain.type.isOptional || typedBody.type.isOptional
            return TypedExpression(.quantified(quantifier, slot: slot, typedDomain, typedBody),
                                   type: KundvalType.boolean.optional(if: optional), span: span)
        case .count(let variable, let domain, let filter):
            let (typedDomain, element) = checkDomain(domain, in: &scope)
            let slot = scope.bind(variable.name, element)
            let typedFilter = filter.map { checkBoolean($0, what: "villkoret efter `där`", in: &scope) }
            scope.unbind()
            let optional = typedDomain.type.isOptional || typedFilter?.type.isOptional == true
            return TypedExpression(.count(slot: slot, typedDomain, filter: typedFilter),
                                   type: KundvalType.integer.optional(if: optional), span: span)
        case .sum(let variable, let domain, let body):
            let (typedDomain, element) = checkDomain(domain, in: &scope)
            let slot = scope.bind(variable.name, element)
            let typedBody = check(body, in: &scope)
            scope.unbind()
            let summable: Set<KundvalType> = [.integer, .decimal, .money, .percent, .days, .months]
            var type = typedBody.type.unwrapped
            if !type.isError, !summable.contains(type), !{ if case .quantity = type { return true } else { return false } }() {
                report(.invalidOperands, "`summa` kan inte summera värden av typen `\(type)`", at: body.span,
                       hint: Self.comparedAggregateHint("summa", variable.name, typedBody))
                type = .error
            }
            return TypedExpression(.sum(slot: slot, typedDomain, typedBody),
                                   type: type.optional(if: typedDomain.type.isOptional || typedBody.type.isOptional), span: span)
        case .extreme(let largest, let variable, let domain, let filter, let body):
            let (typedDomain, element) = checkDomain(domain, in: &scope)
            let slot = scope.bind(variable.name, element)
            let typedFilter = filter.map { checkBoolean($0, what: "villkoret efter `där`", in: &scope) }
            let typedBody = check(body, in: &scope)
            scope.unbind()
            var type = typedBody.type.unwrapped
            if !type.isError, !type.isOrdered {
                let word = largest ? "största" : "minsta"
                report(.invalidOperands, "`\(word)` kan inte jämföra värden av typen `\(type)`", at: body.span,
                       hint: Self.comparedAggregateHint(word, variable.name, typedBody) ?? "ett tal, ett belopp, en tidslängd eller ett datum")
                type = .error
            }
            // An empty list has no largest value: it may be missing.
            return TypedExpression(.extreme(largest: largest, slot: slot, typedDomain, filter: typedFilter, typedBody),
                                   type: type.optional, span: span)
        case .list(let elements):
            var elementType: KundvalType? = nil
            if case .list(let element)? = expected?.unwrapped { elementType = element }
            // Where the expected type is already an error (a fact of an unknown type), so are the
            // elements: nothing more is reported about them.
            if expected?.isError == true { elementType = .error }
            var typedElements: [TypedExpression] = []
            for element in elements {
                let typed = check(element, expected: elementType, in: &scope)
                if elementType == nil, !typed.type.isError { elementType = typed.type }
                typedElements.append(typed)
            }
            guard let elementType else {
                if elements.isEmpty {
                    report(.needsContext, "en tom lista `[]` behöver ett sammanhang som anger vad listan innehåller", at: span)
                }
                return TypedExpression(.list(typedElements), type: .error, span: span)
            }
            return TypedExpression(.list(typedElements), type: .list(elementType), span: span)
        case .record(let fields):
            return checkRecord(fields, expected: expected, span: span, in: &scope)
        }
    }

    /// Runs `body` with `paths` known to be present.
    mutating func narrowed<T>(scope: inout Scope, by paths: [String],
                              _ body: (inout DocumentChecker, inout Scope) -> T) -> T {
        let saved = scope.known
        scope.known.formUnion(paths)
        defer { scope.known = saved }
        return body(&self, &scope)
    }

    /// Checks an expression that must be `ja/nej` (possibly unknown).
    mutating func checkBoolean(_ expression: Expression, what: String, in scope: inout Scope) -> TypedExpression {
        let typed = check(expression, in: &scope)
        if !typed.type.isError, typed.type.unwrapped != .boolean {
            report(.expectedBoolean, "\(what) måste vara ja/nej, men är `\(typed.type.unwrapped)`", at: typed.span,
                   hint: typed.type.unwrapped.isNumber ? "jämför värdet, till exempel `\(file.text(of: expression.span)) >= 3`" : nil)
        }
        return typed
    }

    /// A condition's or a service's requirement (see ``checkBoolean(_:what:in:)``), with a
    /// warning when it reads no fact and no date: it is then the same for every provider
    /// (`kräver 1 = 1` was accepted without a word; found by an author of a new kundval).
    mutating func checkRequirement(_ expression: Expression, in scope: inout Scope) -> TypedExpression {
        let typed = checkBoolean(expression, what: "ett krav", in: &scope)
        if typed.type.unwrapped == .boolean, typed.readsNothing {
            report(.constantRequirement, "kravet läser ingen uppgift om anordnaren, så det är detsamma för alla anordnare",
                   at: typed.span,
                   hint: "ett krav prövar uppgifter om anordnaren, till exempel `anordnare.…`; ett villkor som bara är text skrivs utan `kräver`",
                   severity: .warning)
        }
        return typed
    }

    /// The domain of a quantifier: a list, and the type of its elements.
    mutating func checkDomain(_ domain: Expression, in scope: inout Scope) -> (TypedExpression, KundvalType) {
        let typed = check(domain, in: &scope)
        if case .list(let element) = typed.type.unwrapped { return (typed, element) }
        if !typed.type.isError {
            report(.notAList, "`\(file.text(of: domain.span))` är `\(typed.type)`, inte en lista", at: domain.span,
                   hint: "`alla`, `någon`, `ingen`, `antal` och `summa` går igenom en lista, till exempel `anordnare.personal`")
        }
        return (typed, .error)
    }

    /// The common type of the two branches of `om`.
    mutating func unify(_ a: TypedExpression, _ b: TypedExpression, span: SourceSpan) -> KundvalType {
        if a.type.isError { return b.type }
        if b.type.isError { return a.type }
        let optional = a.type.isOptional || b.type.isOptional
        let (x, y) = (a.type.unwrapped, b.type.unwrapped)
        if x == y { return x.optional(if: optional) }
        if x.isNumber && y.isNumber { return KundvalType.decimal.optional(if: optional) }
        report(.typeMismatch, "grenarna har olika typer: `\(x)` efter `så` och `\(y)` efter `annars`", at: b.span)
        return .error
    }
}

extension TypedExpression {
    /// The source text of the expression.
    func spanText(in file: SourceFile) -> String { file.text(of: span) }
}

extension DocumentChecker {
    /// `dokument högst 6 månader gammalt [vid datum]`: a dated document (a `datum`, or a record
    /// with `utfärdat: datum`), an age in whole days or months as in `underlag` (K0409), and a
    /// date; `ja/nej`, unknown when the document or the date is.
    mutating func checkDocumentAge(_ document: Expression, _ age: Quantity, at date: Expression?, span: SourceSpan,
                                   in scope: inout Scope) -> TypedExpression {
        let typed = check(document, in: &scope)
        var issuedField: Int?
        let type = typed.type.unwrapped
        if case .record(let name) = type, let record = records[name], record.isDated {
            issuedField = record.fieldIndex("utfärdat")
        } else if type != .date, !type.isError {
            report(.undatedEvidence, "`\(file.text(of: document.span))` har inget datum, så dess ålder kan inte prövas",
                   at: document.span,
                   hint: "ett daterat underlag är ett `datum` eller en post med fältet `utfärdat: datum`")
        }
        var checkedAge = DocumentAge(amount: 0, unit: .days)
        switch DocumentAge.of(age) {
        case .success(let value): checkedAge = value
        case .failure(.notADuration):
            report(.invalidMaximumAge, "en högsta ålder anges i dagar, veckor, månader eller år, inte i `\(age.unit.rawValue)`", at: age.span)
        case .failure(.notWhole(let unit)):
            report(.invalidMaximumAge, "`\(age.value) \(age.unit.rawValue)` är inte ett helt antal \(unit == .days ? "dagar" : "månader")",
                   at: age.span)
        case .failure(.tooLong):
            report(.invalidMaximumAge, "en högsta ålder på `\(age.value) \(age.unit.rawValue)` är längre än \(DocumentAge.maximumYears) år",
                   at: age.span)
        }
        // A date that may be missing (`vid p.anställningsdatum`, a `datum kan saknas`) makes the
        // answer unknown when it is, as a missing document does (GUIDE §6).
        let typedDate = date.map { check($0, expected: KundvalType.date.optional, in: &scope) }
        if let typedDate, typedDate.type.unwrapped != .date, !typedDate.type.isError {
            report(.typeMismatch, "åldern mäts vid ett datum, men `\(file.text(of: typedDate.span))` är `\(typedDate.type)`",
                   at: typedDate.span)
        }
        let optional = typed.type.isOptional || (typedDate?.type.isOptional ?? false)
        return TypedExpression(.documentAge(typed, issuedField: issuedField, checkedAge, at: typedDate),
                               type: KundvalType.boolean.optional(if: optional), span: span)
    }
}

extension KundvalType {
    /// Whether values of the type have an order that `största` and `minsta` choose by: numbers
    /// with their units, durations and dates (one list for the function of two values and the
    /// form over a list, which had lists of their own; found by review).
    var isOrdered: Bool {
        switch self {
        case .integer, .decimal, .money, .percent, .days, .months, .date, .quantity: true
        default: false
        }
    }
}

extension DocumentChecker {
    /// The hint for `största h i lista: h.hävt >= gräns` (and `summa`, `minsta`) whose body is a
    /// comparison of values the aggregate could take: the comparison was meant for the
    /// aggregate, which needs parentheses (the body runs to the end of the expression).
    static func comparedAggregateHint(_ word: String, _ variable: String, _ body: TypedExpression) -> String? {
        guard case .binary(let op, let left, _) = body.kind, op.isComparison, left.type.unwrapped.isOrdered else { return nil }
        return "jämförelsen hör till värdet efter `:`; ska den gälla `\(word)`, sätt parentes runt det: "
            + "`(\(word) \(variable) i …: …) \(op.rawValue) …`"
    }
}
