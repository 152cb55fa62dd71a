import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    /// The most input combinations a table analysis enumerates.
    static let maximumTableCombinations = 100_000

    /// Checks each decision table's rows, then looks for gaps and overlaps.
    mutating func checkTables() {
        for case .table(let decl) in syntax.declarations {
            guard declaredHere["värde:" + decl.name.name] == decl.name.span, let signature = tableSignatures[decl.name.name]
            else { continue }
            var rows: [CheckedTable.Row] = []
            var complete = true
            for row in decl.rows {
                var scope = Scope(parameters: signature.parameters)
                if row.conditions.count != signature.parameters.count {
                    report(.tableRowWidth,
                           "raden har \(row.conditions.count + 1) celler men tabellen har \(signature.parameters.count) indata och ett utfall",
                           at: row.span, hint: "skriv en cell per indata (`-` för vilket värde som helst) och sist utfallet")
                    complete = false
                    _ = check(row.result, expected: signature.resultType, in: &scope)
                    continue
                }
                var tests: [(BinaryOperator, TypedExpression)?] = []
                for (cell, parameter) in zip(row.conditions, signature.parameters) {
                    guard let (op, value) = cell.test else {
                        tests.append(nil)
                        continue
                    }
                    var empty = Scope()
                    let typed = infer(value, expected: parameter.type, in: &empty)
                    if !Self.isConstant(typed) {
                        report(.tableCellNotConstant, "en indatacell ska vara ett fast värde, som `3`, `5 %` eller `risk`",
                               at: value.span, hint: "räkna ut värdet i en `definition` och skicka det som indata till tabellen")
                        complete = false
                    } else {
                        let column = TypedExpression(.local(slot: 0, name: parameter.name), type: parameter.type, span: cell.span)
                        checkComparisonTypes(op, column, typed, span: cell.span)
                    }
                    tests.append((op, typed))
                }
                let result = check(row.result, expected: signature.resultType, in: &scope)
                rows.append(CheckedTable.Row(tests: tests, result: CheckedBody(expression: result, frameSize: scope.frameSize),
                                             span: row.span))
            }
            let table = CheckedTable(name: decl.name.name, parameters: signature.parameters, resultType: signature.resultType,
                                     isOrdered: decl.isOrdered, rows: rows, span: decl.span)
            tables[decl.name.name] = table
            if complete { analyse(table, name: decl.name) }
        }
    }

    /// A literal, an enumeration case, or a negated number.
    static func isConstant(_ typed: TypedExpression) -> Bool {
        switch typed.kind {
        case .boolean, .number, .date, .text, .enumCase, .error: true
        case .unary(.negate, let inner): isConstant(inner)
        default: false
        }
    }

    // MARK: - Gaps and overlaps

    /// Tries every combination of representative input values: each enumeration case, `ja` and
    /// `nej`, and for numbers, dates and texts every constant in the column plus the values
    /// between and beyond them.
    private mutating func analyse(_ table: CheckedTable, name: Identifier) {
        let columns = table.parameters.indices.map { column in
            Self.representatives(for: table.parameters[column].type,
                                 constants: table.rows.compactMap { $0.tests[column]?.1 },
                                 enumerations: enumerations)
        }
        let combinations = columns.reduce(1) { product, column in product.multipliedReportingOverflow(by: max(1, column.count)).partialValue }
        guard combinations <= Self.maximumTableCombinations, combinations > 0 else {
            report(.tableTooLarge, "tabellen `\(name.name)` har för många kombinationer av indata för att kontrolleras för luckor",
                   at: name.span, severity: .warning)
            return
        }
        var firstGap: [Representative]?
        var gapCount = 0
        var overlapReported = false
        var index = [Int](repeating: 0, count: columns.count)
        while true {
            let values = index.enumerated().map { columns[$0.offset][$0.element] }
            let matching = table.rows.indices.filter { row in
                zip(table.rows[row].tests, values).allSatisfy { test, value in
                    guard let (op, constant) = test else { return true }
                    return value.satisfies(op, Self.constantValue(constant))
                }
            }
            if matching.isEmpty {
                gapCount += 1
                if firstGap == nil { firstGap = values }
            } else if !table.isOrdered, !overlapReported, matching.count > 1 {
                let results = matching.map { Self.resultKey(table.rows[$0].result.expression, in: file) }
                if Set(results).count > 1, let second = matching.first(where: { results[matching.firstIndex(of: $0)!] != results[0] }) {
                    overlapReported = true
                    let firstRow = matching[0]
                    report(.tableOverlap,
                           "rad \(firstRow + 1) och rad \(second + 1) gäller båda när \(describe(values, table)) men ger olika utfall",
                           at: table.rows[second].span,
                           hint: "gör raderna uteslutande, eller skriv `i ordning` efter tabellens typ så att första raden som gäller avgör",
                           notes: [DiagnosticNote(span: table.rows[firstRow].span, message: "rad \(firstRow + 1), som också gäller")])
                }
            }
            // Next combination.
            var column = columns.count - 1
            while column >= 0 {
                index[column] += 1
                if index[column] < columns[column].count { break }
                index[column] = 0
                column -= 1
            }
            if column < 0 { break }
        }
        if let gap = firstGap {
            let more = gapCount > 1 ? " (och \(gapCount - 1) \(gapCount == 2 ? "kombination" : "kombinationer") till)" : ""
            report(.tableGap, "ingen rad i `\(name.name)` gäller när \(describe(gap, table))\(more)", at: name.span,
                   hint: "lägg till en rad för fallet, eller en sista rad med `-` i varje indatacell och `i ordning` efter tabellens typ")
        }
    }

    private func describe(_ values: [Representative], _ table: CheckedTable) -> String {
        let parts = zip(table.parameters, values).compactMap { parameter, value in
            value.description.map { "\(parameter.name) \($0)" }
        }
        return parts.isEmpty ? "indata är vad som helst" : parts.joined(separator: " och ")
    }

    /// What a result expression means, for comparing the results of two rows.
    static func resultKey(_ expression: TypedExpression, in file: SourceFile) -> String {
        switch expression.kind {
        case .enumCase(let name, let index): "\(name).\(index)"
        case .boolean(let value): "\(value)"
        case .number(let value): "\(value.scaledValue)e-\(value.scale):\(expression.type)"
        case .text(let text): "\"\(text)\""
        case .date(let date): "\(date)"
        default: file.text(of: expression.span).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }

    /// A constant cell's value for the analysis.
    static func constantValue(_ typed: TypedExpression) -> Representative.Value {
        switch typed.kind {
        case .enumCase(_, let index): .ordinal(index)
        case .boolean(let value): .ordinal(value ? 1 : 0)
        case .text(let text): .text(text)
        case .date(let date): .number(Exact(mantissa: Int64(Calendar.dayNumber(date)), scale: 0))
        case .number(let value): .number(Exact(mantissa: value.scaledValue, scale: value.scale))
        case .unary(.negate, let inner):
            if case .number(let exact) = constantValue(inner) { .number(exact.negated) } else { .unknown }
        default: .unknown
        }
    }

    /// The representative values of one input column.
    static func representatives(for type: KundvalType, constants: [TypedExpression],
                                enumerations: [String: EnumerationType]) -> [Representative] {
        switch type.unwrapped {
        case .enumeration(let name):
            let cases = enumerations[name]?.cases ?? []
            return cases.indices.map { Representative(value: .ordinal($0), description: "= \(cases[$0])") }
        case .boolean:
            return [Representative(value: .ordinal(1), description: "= ja"), Representative(value: .ordinal(0), description: "= nej")]
        case .text:
            var seen = Set<String>()
            var result: [Representative] = []
            for constant in constants {
                if case .text(let text) = constantValue(constant), seen.insert(text).inserted {
                    result.append(Representative(value: .text(text), description: "= \"\(text)\""))
                }
            }
            return result + [Representative(value: .text("\u{0}annan"), description: "är en annan text")]
        case .integer, .decimal, .money, .percent, .date, .days, .months, .quantity, .rate:
            var points: [(Exact, TypedExpression)] = []
            for constant in constants {
                if case .number(let exact) = constantValue(constant), !points.contains(where: { $0.0 == exact }) {
                    points.append((exact, constant))
                }
            }
            points.sort { $0.0 < $1.0 }
            guard let first = points.first, let last = points.last else {
                return [Representative(value: .any, description: nil)]
            }
            let integral = type.unwrapped != .decimal && type.unwrapped != .money && type.unwrapped != .percent
            func text(_ typed: TypedExpression) -> String { typed.constantText }
            var result = [Representative(value: .number(first.0.below), description: "< \(text(first.1))")]
            for (index, point) in points.enumerated() {
                result.append(Representative(value: .number(point.0), description: "= \(text(point.1))"))
                if index + 1 < points.count, let between = point.0.between(points[index + 1].0, integral: integral) {
                    result.append(Representative(value: .number(between),
                                                 description: "är mellan \(text(point.1)) och \(text(points[index + 1].1))"))
                }
            }
            result.append(Representative(value: .number(last.0.above), description: "> \(text(last.1))"))
            return result
        default:
            return [Representative(value: .any, description: nil)]
        }
    }

    /// Checks that a cell's constant can be compared with the column.
    private mutating func checkComparisonTypes(_ op: BinaryOperator, _ column: TypedExpression, _ value: TypedExpression, span: SourceSpan) {
        let (l, r) = (column.type.unwrapped, value.type.unwrapped)
        if l.isError || r.isError { return }
        if !(l == r || (l.isNumber && r.isNumber)) {
            report(.typeMismatch, "kolumnen `\(column.spanName)` är `\(l)` men cellen är `\(r)`", at: value.span)
        } else if op != .equal, op != .notEqual, case .enumeration(let name) = l, enumerations[name]?.isOrdered != true {
            report(.unorderedEnumeration, "värdena i `\(name)` har ingen ordning, så de kan inte jämföras med `\(op.rawValue)`",
                   at: span, hint: "skriv `typ \(name): en av … i stigande ordning` om värdena har en ordning")
        }
    }
}

extension TypedExpression {
    var spanName: String {
        if case .local(_, let name) = kind { return name }
        return "?"
    }

    /// A constant as it is written, for messages.
    var constantText: String {
        switch kind {
        case .number(let value):
            switch type {
            case .money: return "\(value) kr"
            case .percent: return "\(value) %"
            case .days: return "\(value) dagar"
            case .months: return "\(value) månader"
            default: return "\(value)"
            }
        case .date(let date): return "\(date)"
        case .unary(.negate, let inner): return "-" + inner.constantText
        default: return "?"
        }
    }
}
