import KundvalDiagnostics
import KundvalSyntax

// Gaps and overlaps in decision tables, found by trying representative inputs.
//
// Each input column gets representative values: every enumeration case, `ja` and `nej`, and for
// numbers, dates and texts every constant of the column plus a value between each two and one
// beyond each end. For each column and representative the rows whose cell it passes are a bit
// set over the rows, built by one sweep over the column's sorted representatives (a cell's test
// passes an interval of them). A combination of representatives is then matched by a bitwise
// `and` of one set per column: a gap where no bit is left, an overlap where rows with different
// results remain. The work is bounded before anything is built (see ``maximumTableWork``): a
// table of a few thousand rows is checked in milliseconds, a larger one gets warning K0506.
extension DocumentChecker {
    /// The most input combinations a table analysis enumerates.
    static let maximumTableCombinations = 100_000
    /// The most 64-bit words a table analysis builds and combines: its row sets (each column's
    /// representatives times the rows / 64) plus, for each combination, one word per column per
    /// 64 rows, and one set per distinct result. About 50 ms in a release build.
    static let maximumTableWork = 20_000_000

    /// Tries every combination of representative input values (see above). A table of the
    /// reglemente (`inherited`), analysed again because a kundval added cases to an enumeration
    /// it reads, is checked for gaps only: its rows are not in this file, and adding cases adds
    /// no overlap the reglemente's own check has not seen.
    mutating func analyse(_ table: CheckedTable, name: Identifier, inherited: Bool = false) {
        let columns = table.parameters.indices.map { column in
            Self.representatives(for: table.parameters[column].type,
                                 constants: table.rows.compactMap { $0.tests[column]?.1 },
                                 enumerations: enumerations)
        }
        // An enumeration without cases (after a syntax error) has no inputs to try.
        if table.rows.isEmpty || columns.contains(where: \.isEmpty) { return }
        let rowCount = table.rows.count
        let words = (rowCount + 63) / 64
        // Each distinct result's rows, for telling whether the rows that match differ in result.
        let results = table.rows.indices.map { inherited ? "\($0)" : Self.resultKey(table.rows[$0].result.expression, in: file) }
        var resultIndex: [String: Int] = [:]
        let resultOfRow = results.map { key in
            if let index = resultIndex[key] { return index }
            resultIndex[key] = resultIndex.count
            return resultIndex.count - 1
        }
        guard let combinations = Self.checkedProduct(columns.map(\.count)),
              let work = Self.checkedProduct([combinations, columns.count + 2, words]),
              let sets = Self.checkedProduct([columns.reduce(resultIndex.count) { $0 + $1.count }, words]),
              combinations <= Self.maximumTableCombinations, work + sets <= Self.maximumTableWork else {
            report(.tableTooLarge, "tabellen `\(name.name)` är för stor för att kontrolleras för luckor och överlapp",
                   at: name.span, hint: "dela upp den i flera mindre tabeller, så kontrolleras var och en", severity: .warning)
            return
        }
        let rowSets = columns.indices.map { column in
            RowSets(representatives: columns[column],
                    tests: table.rows.map { row in row.tests[column].map { ($0.0, Self.constantValue($0.1)) } })
        }
        var rowsOfResult = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: resultIndex.count)
        for (row, result) in resultOfRow.enumerated() { rowsOfResult[result][row >> 6] |= 1 << UInt64(row & 63) }
        var firstGap: [Int]?
        var gapCount = 0
        var overlapReported = false
        var index = [Int](repeating: 0, count: columns.count)
        var matching = [UInt64](repeating: 0, count: words)
        while true {
            for word in 0..<words { matching[word] = rowCount - word * 64 >= 64 ? ~0 : (1 << UInt64(rowCount - word * 64)) - 1 }
            for (column, choice) in index.enumerated() {
                rowSets[column].intersect(choice, into: &matching)
            }
            let first = RowSets.first(in: matching)
            if first == nil {
                gapCount += 1
                if firstGap == nil { firstGap = index }
            } else if !inherited, !table.isOrdered, !overlapReported, let first,
                      let second = RowSets.first(in: matching, without: rowsOfResult[resultOfRow[first]]) {
                overlapReported = true
                let values = index.enumerated().map { columns[$0.offset][$0.element] }
                report(.tableOverlap,
                       "rad \(first + 1) och rad \(second + 1) gäller båda när \(describe(values, table)) men ger olika utfall",
                       at: table.rows[second].span,
                       hint: "gör raderna uteslutande, eller skriv `i ordning` efter tabellens typ så att första raden som gäller avgör",
                       notes: [DiagnosticNote(span: table.rows[first].span, message: "rad \(first + 1), som också gäller")])
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
            let values = gap.enumerated().map { columns[$0.offset][$0.element] }
            let more = gapCount > 1 ? " (och \(gapCount - 1) \(gapCount == 2 ? "kombination" : "kombinationer") till)" : ""
            if inherited {
                report(.tableGap, "ingen rad i reglementets tabell `\(name.name)` gäller när \(describe(values, table))\(more)",
                       at: name.span,
                       hint: "skriv en egen tabell i kundvalet med en rad för de nya värdena och använd den: `sanktioner enligt …`")
                return
            }
            report(.tableGap, "ingen rad i `\(name.name)` gäller när \(describe(values, table))\(more)", at: name.span,
                   hint: "lägg till en rad för fallet, eller en sista rad med `-` i varje indatacell och `i ordning` efter tabellens typ")
        }
    }

    /// The product of `factors`, or `nil` when it does not fit.
    static func checkedProduct(_ factors: [Int]) -> Int? {
        var product = 1
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            product = next
        }
        return product
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

    /// The representative values of one input column: for enumerations and numbers in
    /// ascending order (which ``RowSets`` relies on).
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
            var seen = Set<Exact>()
            for constant in constants {
                if case .number(let exact) = constantValue(constant), seen.insert(exact).inserted {
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
}
