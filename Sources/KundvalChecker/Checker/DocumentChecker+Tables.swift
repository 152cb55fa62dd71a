import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
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

    /// Checks that a cell's constant can be compared with the column.
    private mutating func checkComparisonTypes(_ op: BinaryOperator, _ column: TypedExpression, _ value: TypedExpression, span: SourceSpan) {
        let (l, r) = (column.type.unwrapped, value.type.unwrapped)
        if l.isError || r.isError { return }
        if !(l == r || (l.isNumber && r.isNumber)) {
            report(.typeMismatch, "kolumnen `\(column.spanName)` är `\(l)` men cellen är `\(r)`", at: value.span,
                   hint: unitMissingHint(l, value))
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
