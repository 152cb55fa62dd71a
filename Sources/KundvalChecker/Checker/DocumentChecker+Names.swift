import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    /// A bare name: a local variable, a fact, a definition without parameters, or an
    /// enumeration case (found through the expected type, or unique among all enumerations).
    mutating func resolveName(_ name: String, span: SourceSpan, expected: KundvalType?, in scope: inout Scope) -> TypedExpression {
        let isKnown = scope.known.contains(name)
        if let local = scope.lookup(name) {
            return TypedExpression(.local(slot: local.slot, name: name), type: isKnown ? local.type.unwrapped : local.type, span: span)
        }
        if let index = facts.firstIndex(where: { $0.name == name }) {
            let type = facts[index].type
            return TypedExpression(.fact(index: index, name: name), type: isKnown ? type.unwrapped : type, span: span)
        }
        if let signature = definitionSignatures[name] {
            guard signature.parameters.isEmpty else {
                report(.notCallable, "`\(name)` behöver argument: \(describe(name, signature.parameters))", at: span,
                       hint: "anropa definitionen, till exempel `\(name)(…)`")
                return TypedExpression(.error, type: .error, span: span)
            }
            // A definition without parameters has one value in an evaluation: `om m finns så m
            // annars 0` knows `m` in its first branch, as it knows a fact (it was K0308 twice,
            // with a hint to write what was written; found by an adversarial session).
            let type = signature.resultType ?? .error
            return TypedExpression(.callDefinition(name, []), type: isKnown ? type.unwrapped : type, span: span)
        }
        if tableSignatures[name] != nil {
            report(.notCallable, "tabellen `\(name)` behöver indata", at: span, hint: "anropa tabellen, till exempel `\(name)(…)`")
            return TypedExpression(.error, type: .error, span: span)
        }
        if name == Builtin.assessmentDateName {
            return TypedExpression(.assessmentDate, type: .date, span: span)
        }
        if case .enumeration(let enumName)? = expected?.unwrapped, let index = enumerations[enumName]?.cases.firstIndex(of: name) {
            return TypedExpression(.enumCase(enumeration: enumName, index: index), type: .enumeration(enumName), span: span)
        }
        let owners = enumerations.values.filter { $0.cases.contains(name) }.sorted { $0.name < $1.name }
        if owners.count == 1, let owner = owners.first, let index = owner.cases.firstIndex(of: name) {
            return TypedExpression(.enumCase(enumeration: owner.name, index: index), type: .enumeration(owner.name), span: span)
        }
        if owners.count > 1 {
            report(.unknownName, "värdet `\(name)` finns i flera uppräkningar: " + owners.map { "`\($0.name)`" }.joined(separator: ", "),
                   at: span, hint: "jämför med ett faktum av den uppräkning som avses, så framgår vilken som menas")
            return TypedExpression(.error, type: .error, span: span)
        }
        var hint: String?
        if givesHints {
            var candidates = scope.locals.map(\.name) + facts.map(\.name) + Array(definitionSignatures.keys)
            if case .enumeration(let enumName)? = expected?.unwrapped, let cases = enumerations[enumName]?.cases {
                candidates = cases + candidates
            } else {
                candidates += enumerations.values.flatMap(\.cases)
            }
            hint = closest(to: name, among: candidates).map { "menade du `\($0)`?" }
        }
        if hint == nil, case .enumeration(let enumName)? = expected?.unwrapped, let cases = enumerations[enumName]?.cases,
           !cases.isEmpty {
            hint = "`\(enumName)` har värdena " + cases.map { "`\($0)`" }.joined(separator: ", ")
        }
        if hint == nil, givesHints {
            // A field of a fact written without the fact (`godkänd_för_f_skatt` for
            // `anordnare.godkänd_för_f_skatt`), and a number written as a word (`tre`).
            let fields = facts.flatMap { fact -> [String] in
                guard case .record(let record) = fact.type.unwrapped else { return [] }
                return records[record]?.fields.map { "\(fact.name).\($0.name)" } ?? []
            }
            if let field = fields.first(where: { $0.hasSuffix("." + name) })
                ?? closest(to: name, among: fields.map { String($0.split(separator: ".").last ?? "") })
                    .flatMap({ close in fields.first { $0.hasSuffix("." + close) } }) {
                hint = "menade du `\(field)`?"
            } else if let number = Parser.numberWord(name) {
                hint = "skriv talet med siffror: `\(number)`"
            }
        }
        reportUnknown(name, "`\(name)` är inget faktum, ingen definition och inget känt värde", at: span, hint: hint)
        return TypedExpression(.error, type: .error, span: span)
    }

    /// Reports an unknown name once per document: one mistake (a misspelled declaration, a fact
    /// the reglemente does not have) is one error at the name's first use, however often the
    /// document uses it. Each later use adds to that error's note, which shows the second use and
    /// counts the rest (`anordnare` misspelled where it is declared gave 946 errors, a misspelled
    /// `bedömning uppföljning` 340). `code` tells the kinds of names apart (a fact and an
    /// assessment may share a name), and `owner` the records a missing field is looked for in.
    mutating func reportUnknown(_ name: String, _ message: String, at span: SourceSpan, hint: String?,
                                code: DiagnosticCode = .unknownName, within owner: String = "") {
        let key = code.rawValue + ":" + owner + ":" + name
        guard var known = unknownNames[key] else {
            unknownNames[key] = UnknownName(item: diagnostics.items.count, first: span, second: nil, uses: 1)
            report(code, message, at: span, hint: hint)
            return
        }
        // The error stands at the first use in the file, whatever order the checker meets them in.
        known.uses += 1
        if span.start < known.first.start {
            (known.first, known.second) = (span, known.first)
        } else if span.start < known.second?.start ?? .max {
            known.second = span
        }
        unknownNames[key] = known
        let rest = known.uses - 2
        let also = "`\(name)` används också här"
            + (rest == 0 ? "" : rest == 1 ? " och på ett ställe till" : " och på \(rest) ställen till")
        let (first, second) = (known.first, known.second ?? span)
        diagnostics.update(item: known.item) { diagnostic in
            diagnostic.span = first
            diagnostic.notes = [DiagnosticNote(span: second, message: also)]
        }
    }

    func describe(_ name: String, _ parameters: [RecordType.Field]) -> String {
        "`\(name)(" + parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ")`"
    }

    /// `base.member`: a field of a record; optional when the record may be unknown.
    mutating func checkMember(_ expression: Expression, base: Expression, member: Identifier, in scope: inout Scope) -> TypedExpression {
        let typedBase = check(base, in: &scope)
        let baseType = typedBase.type
        guard !baseType.isError else { return TypedExpression(.error, type: .error, span: expression.span) }
        guard case .record(let recordName) = baseType.unwrapped, let record = records[recordName] else {
            report(.unknownField, "`\(file.text(of: base.span))` är `\(baseType)` och har inga fält", at: member.span)
            return TypedExpression(.error, type: .error, span: expression.span)
        }
        guard let index = record.fieldIndex(member.name) else {
            let hint = unknownFieldHint(member.name, in: record, named: recordName)
            // Once per record and field, as an unknown name is: a field misspelled where it is
            // declared gave one error per use (52 for one typo; found by a hostile-input session).
            reportUnknown(member.name, "`\(recordName)` har inget fält `\(member.name)`", at: member.span,
                          hint: hint, code: .unknownField, within: recordName)
            return TypedExpression(.error, type: .error, span: expression.span)
        }
        var type = record.fields[index].type.optional(if: baseType.isOptional)
        if let key = expression.pathKey, scope.known.contains(key) { type = type.unwrapped }
        return TypedExpression(.field(typedBase, index: index, name: member.name), type: type, span: expression.span)
    }

    /// `f(a, b)`: a definition or a decision table.
    mutating func checkCall(callee: Expression, arguments: [Expression], span: SourceSpan, in scope: inout Scope) -> TypedExpression {
        guard case .name(let name) = callee.kind else {
            report(.notCallable, "bara definitioner och tabeller kan anropas", at: callee.span)
            return TypedExpression(.error, type: .error, span: span)
        }
        let parameters: [RecordType.Field]
        let resultType: KundvalType
        let isTable: Bool
        if let signature = definitionSignatures[name] {
            (parameters, resultType, isTable) = (signature.parameters, signature.resultType ?? .error, false)
        } else if let signature = tableSignatures[name] {
            (parameters, resultType, isTable) = (signature.parameters, signature.resultType, true)
        } else if let builtin = Builtin(rawValue: name) {
            return checkBuiltin(builtin, arguments: arguments, span: span, in: &scope)
        } else {
            if scope.lookup(name) != nil || facts.contains(where: { $0.name == name }) {
                report(.notCallable, "`\(name)` är ett värde, inte en definition som kan anropas", at: callee.span)
            } else {
                let candidates = Array(definitionSignatures.keys) + Array(tableSignatures.keys) + Builtin.allCases.map(\.rawValue)
                report(.unknownName, "det finns ingen definition eller tabell som heter `\(name)`", at: callee.span,
                       hint: closest(to: name, among: candidates).map { "menade du `\($0)`?" })
            }
            for argument in arguments { _ = check(argument, in: &scope) }
            return TypedExpression(.error, type: .error, span: span)
        }
        if arguments.count != parameters.count {
            report(.argumentCount, "`\(name)` tar \(parameters.count) argument men får \(arguments.count)", at: span,
                   hint: "skriv \(describe(name, parameters))")
            for argument in arguments { _ = check(argument, in: &scope) }
            return TypedExpression(.error, type: resultType, span: span)
        }
        let typedArguments = zip(arguments, parameters).map { argument, parameter in
            let typed = infer(argument, expected: parameter.type, in: &scope)
            // An argument that may be missing for a parameter that may not: said of the call, with
            // what to write there (the general hint did not say how for a table's input).
            guard typed.type.isOptional, !parameter.type.isOptional, !typed.type.isError, !parameter.type.isError
            else { return coerce(typed, to: parameter.type) }
            let written = Quoting.shortened(typed.spanText(in: file))
            report(.possiblyUnknown,
                   "`\(written)` kan saknas men `\(name)` behöver ett känt värde av typen `\(parameter.type)` för `\(parameter.name)`",
                   at: typed.span,
                   hint: isTable
                       ? "en tabells indata måste vara kända: pröva först med `finns`, till exempel `om \(written) finns så \(name)(…) annars …`"
                       : "pröva först med `finns`, till exempel `om \(written) finns så \(name)(…) annars …`, "
                           + "eller ge parametern typen `\(parameter.type) kan saknas`")
            return typed
        }
        return TypedExpression(isTable ? .callTable(name, typedArguments) : .callDefinition(name, typedArguments),
                               type: resultType, span: span)
    }

    /// A built-in function: unknown arguments make the result unknown.
    mutating func checkBuiltin(_ builtin: Builtin, arguments: [Expression], span: SourceSpan, in scope: inout Scope) -> TypedExpression {
        let typed = arguments.map { check($0, in: &scope) }
        let expectedCount = [.smallest, .largest, .remainder, .element, .wholeMonthsBetween, .workingDaysAfter,
                             .workingDaysBetween].contains(builtin) ? 2 : 1
        guard typed.count == expectedCount else {
            report(.argumentCount, "`\(builtin.rawValue)` tar \(expectedCount) argument men får \(typed.count)", at: span,
                   hint: "skriv `\(builtin.signature)`")
            return TypedExpression(.error, type: .error, span: span)
        }
        let types = typed.map(\.type.unwrapped)
        let optional = typed.contains { $0.type.isOptional }
        if types.contains(where: \.isError) { return TypedExpression(.callBuiltin(builtin, typed), type: .error, span: span) }
        var result: KundvalType?
        switch builtin {
        case .roundToÖre, .roundToKrona: if types[0] == .money { result = .money }
        case .round, .roundDown, .roundUp: if types[0].isNumber { result = .integer }
        case .startedWeeks: if types[0] == .days { result = .integer }
        case .nextWorkingDay: if types[0] == .date { result = .date }
        case .isWorkingDay: if types[0] == .date { result = .boolean }
        case .workingDaysAfter: if types[0] == .date && types[1] == .integer { result = .date }
        case .daysInMonth, .dayOfMonth: if types[0] == .date { result = .integer }
        case .smallest, .largest:
            if types[0] == types[1], types[0].isOrdered {
                result = types[0]
            } else if types[0].isNumber && types[1].isNumber {
                result = .decimal
            }
        case .remainder:
            if types[0] == .integer && types[1] == .integer { result = .integer }
            reportZeroDivisor(typed[1])
        case .wholeMonthsBetween, .workingDaysBetween: if types[0] == .date && types[1] == .date { result = .integer }
        case .element:
            if case .list(let element) = types[0], types[1] == .integer {
                let known = Expression.elementKey(arguments).map(scope.known.contains) ?? false
                return TypedExpression(.callBuiltin(builtin, typed), type: known ? element.unwrapped : element.optional, span: span)
            }
        }
        guard let result else {
            report(.typeMismatch, "`\(builtin.rawValue)` fungerar inte på " + types.map { "`\($0)`" }.joined(separator: " och "),
                   at: span, hint: "skriv `\(builtin.signature)`")
            return TypedExpression(.error, type: .error, span: span)
        }
        return TypedExpression(.callBuiltin(builtin, typed), type: result.optional(if: optional), span: span)
    }

    /// `{ fält: värde }` for the record type the context expects.
    mutating func checkRecord(_ fields: [RecordField], expected: KundvalType?, span: SourceSpan, in scope: inout Scope) -> TypedExpression {
        guard case .record(let recordName)? = expected?.unwrapped, let record = records[recordName] else {
            if expected == nil || expected?.isError == false {
                report(.needsContext, "en post `{ … }` behöver ett sammanhang som anger dess typ", at: span,
                       hint: expected.map { "här väntas `\($0)`" })
            }
            // Inside a record of an unknown type, the fields' values are not reported either.
            let inner: KundvalType? = expected?.isError == true ? .error : nil
            for field in fields { _ = check(field.value, expected: inner, in: &scope) }
            return TypedExpression(.error, type: .error, span: span)
        }
        var values = [TypedExpression?](repeating: nil, count: record.fields.count)
        // The fields the unknown ones are close to: a field misspelled where the type declares it
        // is missing from every record written of the type, and unknown in each (one mistake).
        var meant: Set<String> = []
        for field in fields {
            guard let index = record.fieldIndex(field.name.name) else {
                let closest = closest(to: field.name.name, among: record.fields.map(\.name))
                if let closest { meant.insert(closest) }
                // Once per record type and field, as in expressions: a field misspelled in the
                // type was an error in every example that writes the record (30 for one letter).
                reportUnknown(field.name.name, "`\(recordName)` har inget fält `\(field.name.name)`", at: field.name.span,
                              hint: closest.map { "menade du `\($0)`?" }, code: .unknownField, within: recordName)
                _ = check(field.value, in: &scope)
                continue
            }
            if values[index] != nil {
                report(.duplicateDeclaration, "fältet `\(field.name.name)` står två gånger", at: field.name.span)
            }
            values[index] = check(field.value, expected: record.fields[index].type, in: &scope)
        }
        let missing = record.fields.indices.filter { values[$0] == nil && !record.fields[$0].type.isOptional }
            .map { record.fields[$0].name }.filter { !meant.contains($0) }
        if !missing.isEmpty {
            let names = missing.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (missing.count > 5 ? " …" : "")
            report(.missingRecordField, "posten saknar " + (missing.count == 1 ? "fältet \(names), som inte kan saknas; det blir okänt"
                                                                 : "fälten \(names), som inte kan saknas; de blir okända"),
                   at: span, hint: "skriv till exempel `\(missing[0]): …`, eller ange typen som `kan saknas` om uppgiften får saknas",
                   severity: .warning)
        }
        return TypedExpression(.record(recordName, values), type: .record(recordName), span: span)
    }

    /// A number with its unit: amounts in whole öre, durations in whole days or months;
    /// weeks are stored as days and years as months.
    mutating func checkNumber(_ value: NumberLiteral, unit: Unit?, per: Unit?, span: SourceSpan) -> TypedExpression {
        var literal = value
        var type: KundvalType = value.scale == 0 ? .integer : .decimal
        if let unit {
            type = unit.valueType
            let isDuration = [.dagar, .veckor, .månader, .år].contains(unit)
            if unit == .kronor, value.scale > 2 {
                report(.invalidQuantity, "ett belopp anges i hela ören, med högst två decimaler", at: span)
                return TypedExpression(.error, type: .error, span: span)
            }
            if isDuration, value.scale > 0 {
                let days = unit == .dagar || unit == .veckor
                report(.invalidQuantity, "en tidslängd anges i hela \(days ? "dagar eller veckor" : "månader eller år")",
                       at: span, hint: unit == .veckor ? "skriv antalet dagar i stället, till exempel `10 dagar`" : nil)
                return TypedExpression(.error, type: .error, span: span)
            }
            if unit == .veckor || unit == .år {
                let factor: Int64 = unit == .veckor ? 7 : 12
                let (scaled, overflow) = value.scaledValue.multipliedReportingOverflow(by: factor)
                guard !overflow else {
                    report(.invalidQuantity, "tidslängden är för stor", at: span)
                    return TypedExpression(.error, type: .error, span: span)
                }
                literal = NumberLiteral(scaledValue: scaled, scale: 0)
            }
        }
        if let per { type = .rate(type, per: per) }
        return TypedExpression(.number(literal), type: type, span: span)
    }
}

extension DocumentChecker {
    /// The hint for field `name` that record type `record` (named `recordName`) does not have:
    /// the closest field, or else the fields it has (the first twelve).
    func unknownFieldHint(_ name: String, in record: RecordType, named recordName: String) -> String? {
        closest(to: name, among: record.fields.map(\.name)).map { "menade du `\($0)`?" }
            ?? (record.fields.isEmpty ? nil
                : "`\(recordName)` har fälten " + record.fields.prefix(12).map { "`\($0.name)`" }.joined(separator: ", ")
                    + (record.fields.count > 12 ? " …" : ""))
    }
}
