import KundvalDiagnostics
import KundvalSyntax

/// The unit rules of the operators.
///
/// | operation | result |
/// | --- | --- |
/// | heltal ± heltal, heltal × heltal | heltal (with a decimaltal: decimaltal) |
/// | tal / tal | decimaltal |
/// | belopp ± belopp | belopp |
/// | belopp × tal, tal × belopp, belopp / tal | belopp |
/// | belopp × procent, procent × belopp | belopp |
/// | belopp / belopp | decimaltal |
/// | procent ± procent, procent × tal, tal × procent, procent / tal | procent |
/// | datum ± dagar, datum ± månader | datum |
/// | datum − datum | dagar |
/// | dagar ± dagar, dagar × heltal, dagar × procent | dagar (likewise månader; dagar and månader never mix) |
/// | procent / procent | decimaltal |
/// | timmar ± timmar, timmar × tal, timmar / tal, timmar × procent | timmar (likewise hp, yhp) |
/// | timmar / timmar | decimaltal (likewise hp, yhp; never two units) |
extension DocumentChecker {
    mutating func checkUnary(_ op: UnaryOperator, _ operand: Expression, span: SourceSpan, in scope: inout Scope) -> TypedExpression {
        switch op {
        case .not:
            let typed = checkBoolean(operand, what: "det som står efter `inte`", in: &scope)
            return TypedExpression(.unary(.not, typed), type: KundvalType.boolean.optional(if: typed.type.isOptional), span: span)
        case .negate:
            let typed = check(operand, in: &scope)
            var type = typed.type
            switch type.unwrapped {
            case .integer, .decimal, .money, .percent, .days, .months, .quantity, .error: break
            default:
                report(.invalidOperands, "`-` kan inte stå framför ett värde av typen `\(type.unwrapped)`", at: span)
                type = .error
            }
            return TypedExpression(.unary(.negate, typed), type: type, span: span)
        }
    }

    mutating func checkBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan,
                              in scope: inout Scope) -> TypedExpression {
        switch op {
        case .and, .or:
            let typedLeft = checkBoolean(left, what: "det som står före `\(op.rawValue)`", in: &scope)
            let typedRight = narrowed(scope: &scope, by: left.provesPresent(whenTrue: op == .and)) { checker, inner in
                checker.checkBoolean(right, what: "det som står efter `\(op.rawValue)`", in: &inner)
            }
            let optional = typedLeft.type.isOptional || typedRight.type.isOptional
            return TypedExpression(.binary(op, typedLeft, typedRight), type: KundvalType.boolean.optional(if: optional), span: span)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let (typedLeft, typedRight) = checkOperands(left, right, in: &scope)
            checkComparison(op, typedLeft, typedRight, span: span)
            let optional = typedLeft.type.isOptional || typedRight.type.isOptional
            return TypedExpression(.binary(op, typedLeft, typedRight), type: KundvalType.boolean.optional(if: optional), span: span)
        case .add, .subtract, .multiply, .divide:
            let typedLeft = check(left, in: &scope)
            let typedRight = check(right, in: &scope)
            if op == .divide { reportZeroDivisor(typedRight) }
            let result = arithmeticType(op, typedLeft, typedRight, span: span)
            let optional = typedLeft.type.isOptional || typedRight.type.isOptional
            return TypedExpression(.binary(op, typedLeft, typedRight), type: result.optional(if: optional), span: span)
        }
    }

    /// A divisor written as zero (`x / 0`, `rest(n, 0)`): a warning, since every evaluation that
    /// reaches it stops (it passed `check` without a word and stopped only at `eval`; found by an
    /// author of a new kundval). Not an error: a branch no provider takes may hold it.
    mutating func reportZeroDivisor(_ divisor: TypedExpression) {
        var written = divisor
        // `-0` is a zero written too (found by an adversarial session).
        while case .unary(.negate, let operand) = written.kind { written = operand }
        guard case .number(let literal) = written.kind, literal.scaledValue == 0 else { return }
        report(.divisionByZeroLiteral, "division med noll", at: divisor.span,
               hint: "en division med noll kan inte räknas ut: varje bedömning som når hit stannar", severity: .warning)
    }

    /// Checks both sides of a comparison so that an enumeration case on either side is read
    /// with the other side's type: `p.roll är väsentligt_inflytande`, `hög <= anordnare.nivå`.
    private mutating func checkOperands(_ left: Expression, _ right: Expression, in scope: inout Scope)
        -> (TypedExpression, TypedExpression) {
        if isContextualName(left, in: scope), !isContextualName(right, in: scope) {
            let typedRight = infer(right, expected: nil, in: &scope)
            let typedLeft = infer(left, expected: typedRight.type, in: &scope)
            return (typedLeft, typedRight)
        }
        let typedLeft = infer(left, expected: nil, in: &scope)
        let typedRight = infer(right, expected: typedLeft.type, in: &scope)
        return (typedLeft, typedRight)
    }

    /// A bare name that only the other side of a comparison can give a meaning (an
    /// enumeration case, not a variable, fact or definition).
    private func isContextualName(_ expression: Expression, in scope: Scope) -> Bool {
        guard case .name(let name) = expression.kind else { return false }
        return scope.lookup(name) == nil && !facts.contains { $0.name == name } && definitionSignatures[name] == nil
    }

    /// The hint for `number`, a number written without a unit, where a value of type `type`
    /// is expected: write the number with its unit (`60 %`, `500 kr`, `5 dagar`); nil when
    /// `number` is no number written out or `type` has no unit to write.
    func unitMissingHint(_ type: KundvalType, _ number: TypedExpression) -> String? {
        guard case .number(let literal) = number.kind, number.type.unwrapped.isNumber else { return nil }
        let written = number.spanText(in: file)
        switch type {
        case .money: return "skriv beloppet med enhet: `\(written) kr`"
        case .percent:
            // `andel >= 0,5` means a half, `50 %`: a decimal below one is a share.
            if literal.scale > 0, literal.scaledValue > 0, let tens = Self.powerOfTen(literal.scale), literal.scaledValue < tens {
                return "en andel skrivs i procent: `\(Self.percentText(literal.scaledValue, scale: literal.scale)) %` för \(written)"
            }
            return "skriv procentsatsen med enhet: `\(written) %`"
        case .days: return "skriv tidslängden med enhet: `\(written) dagar`"
        case .months: return "skriv tidslängden med enhet: `\(written) månader`"
        case .quantity(let unit): return "skriv antalet med enhet: `\(written) \(unit.rawValue)`"
        default: return nil
        }
    }

    /// 10 to the power `scale`, when it fits.
    static func powerOfTen(_ scale: Int) -> Int64? {
        guard scale >= 0, scale <= 18 else { return nil }
        return (0..<scale).reduce(Int64(1)) { value, _ in value * 10 }
    }

    /// The share `scaledValue / 10^scale` (below one) in percent, with a decimal comma:
    /// 5 and 1 give `50`, 125 and 3 give `12,5`.
    static func percentText(_ scaledValue: Int64, scale: Int) -> String {
        let digits = String(scaledValue)
        // The digits after the comma, at least two: moved two places right, those two are
        // whole percent.
        var padded = String(repeating: "0", count: max(0, scale - digits.count)) + digits
        while padded.count < 2 { padded += "0" }
        let whole = padded.prefix(2)
        var fraction = padded.dropFirst(2)
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        let wholeText = String(Int(whole) ?? 0)
        return fraction.isEmpty ? wholeText : wholeText + "," + fraction
    }

    private mutating func checkComparison(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, span: SourceSpan) {
        let (l, r) = (left.type.unwrapped, right.type.unwrapped)
        if l.isError || r.isError { return }
        let ordering = op != .equal && op != .notEqual
        if Self.isDuration(l), Self.isDuration(r), l != r {
            report(.mixedDurations, "dagar och månader kan inte jämföras: en månad har inte ett bestämt antal dagar",
                   at: span, hint: datesApartHint(op, left, right) ?? "skriv båda i dagar (eller veckor) eller båda i månader (eller år)")
            return
        }
        let same = l == r || (l.isNumber && r.isNumber)
        guard same else {
            // A number written without the unit of what it is compared with (`anordnare.andel >= 60`).
            var hint = unitMissingHint(l, right) ?? unitMissingHint(r, left)
            if hint == nil, l.isNumber && r == .percent || l == .percent && r.isNumber {
                // `antal_a / antal_b >= 50 %`: a share computed from numbers is a number.
                hint = "en andel som räknas fram ur tal är ett tal: jämför med till exempel `0,5` i stället för `50 %`"
            } else if hint == nil {
                hint = unitHint(left, right) ?? unitHint(right, left) ?? quotedDateHint(left, right) ?? dateHint(l, r)
            }
            report(.incomparableValues, "`\(l)` kan inte jämföras med `\(r)`", at: span, hint: hint)
            return
        }
        switch l {
        case .record, .list:
            report(.incomparableValues, "värden av typen `\(l)` kan inte jämföras", at: span,
                   hint: "jämför ett av fälten i stället")
        case .enumeration(let name) where ordering:
            if enumerations[name]?.isOrdered != true {
                report(.unorderedEnumeration, "värdena i `\(name)` har ingen ordning, så de kan inte jämföras med `\(op.rawValue)`",
                       at: span, hint: "skriv `typ \(name): en av … i stigande ordning` om värdena har en ordning, annars `=` eller `≠`")
            }
        case .boolean where ordering, .text where ordering:
            report(.incomparableValues, "`\(l)` har ingen ordning; jämför med `=` eller `≠`", at: span)
        default:
            break
        }
    }

    static func isDuration(_ type: KundvalType) -> Bool { type == .days || type == .months }

    /// The hint for a number written with a unit compared with a plain number (`antal >= 2 kr`,
    /// `3 månader <= p.antal_år`): the number without its unit.
    private func unitHint(_ plain: TypedExpression, _ literal: TypedExpression) -> String? {
        guard plain.type.unwrapped.isNumber, case .number = literal.kind,
              [.money, .percent, .days, .months].contains(literal.type.unwrapped) else { return nil }
        // The number as written, without its unit (the literal's value is counted in the unit's
        // kind: `2 år` is 24 months).
        let words = literal.spanText(in: file).split(whereSeparator: \.isWhitespace)
        let number = words.dropLast(words.count > 1 ? 1 : 0).joined()
        return "`\(Quoting.shortened(plain.spanText(in: file)))` är ett tal utan enhet: skriv `\(number)` utan enhet, "
            + "eller ge uppgiften en enhet i sin typ"
    }

    /// The hint for the days between two dates compared with months or years (`bedömningsdatum -
    /// r.avslutat <= 3 år`): the days cannot be written in months, but the date can be moved by
    /// them (`r.avslutat >= bedömningsdatum - 3 år`). Nil for any other comparison.
    private func datesApartHint(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression) -> String? {
        guard case .binary(.subtract, let later, let earlier) = left.kind, later.type.unwrapped == .date,
              earlier.type.unwrapped == .date, right.type.unwrapped == .months else { return nil }
        // `later - earlier op amount` is `earlier mirrored-op later - amount`.
        let mirrored: [BinaryOperator: String] = [.lessEqual: ">=", .less: ">", .greaterEqual: "<=", .greater: "<"]
        guard let written = mirrored[op] else { return nil }
        // A computed amount keeps its brackets: `d - (n * 1 år + 1 år)`.
        var amount = right.spanText(in: file)
        if case .binary = right.kind, !amount.hasPrefix("(") { amount = "(" + amount + ")" }
        return "flytta datumet i stället: `\(earlier.spanText(in: file)) \(written) \(later.spanText(in: file)) - \(amount)`"
    }

    /// The hint for a date compared with a date written in quotes, as JSON writes it.
    private func quotedDateHint(_ left: TypedExpression, _ right: TypedExpression) -> String? {
        for (date, text) in [(left, right), (right, left)] where date.type.unwrapped == .date {
            if case .text(let written) = text.kind, Self.isDate(written) {
                return "ett datum skrivs utan citattecken i regelfilen: `\(written)`"
            }
        }
        return nil
    }

    /// The hint for a date compared with a number or a duration (`anordnare.start >= 2025`,
    /// `u.plan <= 2 veckor`): how a date is written, and how a date that long before or after
    /// another is.
    private func dateHint(_ l: KundvalType, _ r: KundvalType) -> String? {
        let other = l == .date ? r : r == .date ? l : nil
        guard let other, other != .date else { return nil }
        if Self.isDuration(other) {
            return "en tidslängd är inget datum: jämför med ett datum flyttat med den, till exempel `bedömningsdatum - 6 månader`"
        }
        return other.isNumber ? "ett datum skrivs ÅÅÅÅ-MM-DD, till exempel `2025-03-01`" : nil
    }

    /// The result type of arithmetic, by the unit rules in the table above.
    private mutating func arithmeticType(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression,
                                         span: SourceSpan) -> KundvalType {
        let (l, r) = (left.type.unwrapped, right.type.unwrapped)
        if l.isError || r.isError { return .error }
        func number(_ a: KundvalType, _ b: KundvalType) -> KundvalType { a == .integer && b == .integer ? .integer : .decimal }
        let result: KundvalType?
        switch (op, l, r) {
        case (.add, _, _) where l.isNumber && r.isNumber, (.subtract, _, _) where l.isNumber && r.isNumber,
             (.multiply, _, _) where l.isNumber && r.isNumber:
            result = number(l, r)
        case (.divide, _, _) where l.isNumber && r.isNumber:
            result = .decimal
        case (.add, .money, .money), (.subtract, .money, .money): result = .money
        case (.multiply, .money, _) where r.isNumber, (.multiply, _, .money) where l.isNumber: result = .money
        case (.divide, .money, _) where r.isNumber: result = .money
        case (.multiply, .money, .percent), (.multiply, .percent, .money): result = .money
        case (.divide, .money, .money): result = .decimal
        case (.add, .percent, .percent), (.subtract, .percent, .percent): result = .percent
        case (.multiply, .percent, _) where r.isNumber, (.multiply, _, .percent) where l.isNumber: result = .percent
        case (.divide, .percent, _) where r.isNumber: result = .percent
        case (.add, .date, .days), (.add, .days, .date), (.subtract, .date, .days): result = .date
        case (.add, .date, .months), (.add, .months, .date), (.subtract, .date, .months): result = .date
        case (.subtract, .date, .date): result = .days
        case (.add, .days, .days), (.subtract, .days, .days): result = .days
        case (.add, .months, .months), (.subtract, .months, .months): result = .months
        case (.multiply, .days, .integer), (.multiply, .integer, .days): result = .days
        case (.multiply, .months, .integer), (.multiply, .integer, .months): result = .months
        // A share of a period, as for full-time equivalents: `30 dagar * 50 %`.
        case (.multiply, .days, .percent), (.multiply, .percent, .days): result = .days
        case (.multiply, .months, .percent), (.multiply, .percent, .months): result = .months
        case (.divide, .percent, .percent): result = .decimal
        case (.divide, .days, .days), (.divide, .months, .months): result = .decimal
        case (.add, .quantity(let a), .quantity(let b)) where a == b, (.subtract, .quantity(let a), .quantity(let b)) where a == b:
            result = l
        case (.multiply, .quantity, _) where r.isNumber, (.multiply, _, .quantity) where l.isNumber:
            result = l.isNumber ? r : l
        case (.divide, .quantity, _) where r.isNumber: result = l
        // A share of hours or credits: `40 timmar * p.sysselsättningsgrad`.
        case (.multiply, .quantity, .percent): result = l
        case (.multiply, .percent, .quantity): result = r
        case (.divide, .quantity(let a), .quantity(let b)) where a == b: result = .decimal
        default:
            result = nil
        }
        if let result { return result }
        let verb = ["+": "addera", "-": "subtrahera", "*": "multiplicera", "/": "dividera"][op.rawValue] ?? "räkna med"
        if Self.isDuration(l) && Self.isDuration(r) {
            report(.mixedDurations, "dagar och månader kan inte blandas: en månad har inte ett bestämt antal dagar",
                   at: span, hint: "räkna i dagar (eller veckor) eller i månader (eller år), inte i båda")
        } else {
            var hint: String?
            if (l == .days || l == .months) && r == .decimal || (r == .days || r == .months) && l == .decimal {
                hint = "en tidslängd kan bara multipliceras med ett heltal"
            } else if l == .money && r == .percent && op != .multiply || l == .percent && r == .money && op != .multiply {
                hint = "procent av ett belopp skrivs `belopp * procent`"
            } else if l == .date && r == .date {
                hint = "två datum kan bara subtraheras; skillnaden är ett antal dagar"
            } else if (op == .add || op == .subtract) && (l == .date && r.isNumber || l.isNumber && r == .date) {
                hint = "ett datum flyttas med en tidslängd: skriv enheten, till exempel `5 dagar` eller `2 månader`"
            }
            report(.invalidOperands, "kan inte \(verb) `\(l)` och `\(r)`", at: span, hint: hint)
        }
        return .error
    }
}
