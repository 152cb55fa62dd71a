import KundvalDiagnostics
import KundvalSyntax

// Making the mutants of a file: a walk over the syntax tree of what decides, with the tokens of
// the file to find an operator between its operands.
extension Mutant {
    /// The mutants of a parsed file, in source order; none when it has syntax errors.
    public static func mutants(of parsed: ParseResult) -> [Mutant] {
        guard !parsed.hasErrors else { return [] }
        var diagnostics = DiagnosticList()
        var maker = MutantMaker(file: parsed.file, tokens: Lexer.tokenize(parsed.file, diagnostics: &diagnostics))
        for declaration in parsed.syntax.declarations {
            maker.visit(declaration)
        }
        var seen = Set<Mutant>()
        return maker.mutants.filter { seen.insert($0).inserted }
            .sorted { ($0.span.start, $0.replacement) < ($1.span.start, $1.replacement) }
    }
}

/// Walks one file's declarations and collects mutants.
private struct MutantMaker {
    let file: SourceFile
    let tokens: [Token]
    var mutants: [Mutant] = []
    var owner = ""

    mutating func visit(_ declaration: Declaration) {
        switch declaration {
        case .condition(let condition):
            owner = "villkor \(condition.number)"
            for clause in condition.clauses {
                switch clause {
                case .requirement(_, let expression):
                    requirement(expression)
                case .applicability(let expression):
                    visit(expression)
                case .evidence(let evidence):
                    for document in evidence.documents {
                        if let age = document.maximumAge { quantity(age, kind: .documentAge) }
                    }
                default:
                    break
                }
            }
        case .service(let service):
            owner = "insats \(service.name)"
            for clause in service.clauses {
                switch clause {
                case .requirement(_, let expression):
                    requirement(expression)
                case .applicability(let expression):
                    visit(expression)
                default:
                    break
                }
            }
        case .definition(let definition):
            owner = "definition \(definition.name)"
            visit(definition.body)
        case .table(let table):
            owner = "tabell \(table.name)"
            for row in table.rows {
                for cell in row.conditions {
                    guard let (comparison, value) = cell.test else { continue }
                    if comparison.isComparison {
                        swapComparison(comparison, between: cell.span.start, and: value.span.start)
                    }
                    visit(value)
                }
            }
        case .deauthorization(let ground):
            owner = "avauktorisation \"\(ground.title.value)\""
            for clause in ground.clauses {
                switch clause {
                case .applicability(let expression), .from(let expression): visit(expression)
                default: break
                }
            }
        default:
            break
        }
    }

    /// A `kräver`: removed (replaced by `ja`), and its expression's own mutants.
    mutating func requirement(_ expression: Expression) {
        add(expression.span, "ja", .requirement)
        visit(expression)
    }

    mutating func visit(_ expression: Expression) {
        switch expression.kind {
        case .number(let literal, _, _):
            number(literal, at: expression.span.start, kind: .threshold)
        case .date(let literal):
            for step in [-1, 1] {
                guard let day = try? Day(year: literal.year, month: literal.month, day: literal.day),
                      let moved = try? day.adding(days: Int64(step)) else { continue }
                add(literal.span, moved.description, .date)
            }
        case .binary(let operation, let left, let right):
            switch operation {
            case .and, .or:
                if let token = operatorTokens(from: left.span.end, to: right.span.start).first {
                    add(token.span, operation == .and ? "eller" : "och", .connective)
                }
            case _ where operation.isComparison:
                swapComparison(operation, between: left.span.end, and: right.span.start)
            default:
                break
            }
            visit(left)
            visit(right)
        case .unary(let operation, let operand):
            if operation == .not, let token = token(at: expression.span.start), token.is(.inte) || token.is(.ej) {
                add(SourceSpan(start: token.span.start, end: operand.span.start), "", .negation)
            }
            visit(operand)
        case .presence(let operand, let present):
            if let token = operatorTokens(from: operand.span.end, to: expression.span.end).last {
                add(token.span, present ? "saknas" : "finns", .presence)
            }
            visit(operand)
        case .quantified(let quantifier, _, let list, let body):
            if let token = token(at: expression.span.start) {
                switch quantifier {
                case .all: add(token.span, "någon", .quantifier)
                case .some: add(token.span, "alla", .quantifier)
                case .none: add(token.span, "någon", .quantifier)
                }
            }
            visit(list)
            visit(body)
        case .documentAge(let document, let age, let date):
            visit(document)
            quantity(age, kind: .documentAge)
            if let date { visit(date) }
        case .conditional(let test, let then, let otherwise):
            visit(test)
            visit(then)
            visit(otherwise)
        case .count(_, let list, let filter):
            visit(list)
            if let filter { visit(filter) }
        case .sum(_, let list, let value):
            visit(list)
            visit(value)
        case .extreme(_, _, let list, let filter, let value):
            visit(list)
            if let filter { visit(filter) }
            visit(value)
        case .call(_, let arguments):
            arguments.forEach { visit($0) }
        case .list(let items):
            items.forEach { visit($0) }
        case .record(let fields):
            fields.forEach { visit($0.value) }
        case .member, .name, .boolean, .unknown, .text, .error:
            break
        }
    }

    /// A quantity's number one step up and down.
    mutating func quantity(_ quantity: Quantity, kind: Mutant.Kind) {
        number(quantity.value, at: quantity.span.start, kind: kind)
    }

    /// A number literal at `offset` one step (in its last digit) up and, when above zero, down.
    mutating func number(_ literal: NumberLiteral, at offset: Int, kind: Mutant.Kind) {
        guard let token = token(at: offset), token.kind == .integer || token.kind == .decimal else { return }
        for step: Int64 in [-1, 1] {
            let (value, overflow) = literal.scaledValue.addingReportingOverflow(step)
            guard !overflow, value >= 0 else { continue }
            add(token.span, NumberLiteral(scaledValue: value, scale: literal.scale).description, kind)
        }
    }

    /// The comparison between two offsets made strict or loose (`=` and `≠` swapped).
    mutating func swapComparison(_ operation: BinaryOperator, between start: Int, and end: Int) {
        let operators = operatorTokens(from: start, to: end)
        guard let first = operators.first, let last = operators.last else { return }
        let swapped: String
        switch operation {
        case .less: swapped = "<="
        case .lessEqual: swapped = "<"
        case .greater: swapped = ">="
        case .greaterEqual: swapped = ">"
        case .equal: swapped = "≠"
        case .notEqual: swapped = "="
        default: return
        }
        add(SourceSpan(start: first.span.start, end: last.span.end), swapped, .comparison)
    }

    /// The tokens between two offsets that are not brackets: an operator, in one or more words.
    func operatorTokens(from start: Int, to end: Int) -> [Token] {
        var index = firstToken(atOrAfter: start)
        var found: [Token] = []
        while index < tokens.count, tokens[index].span.end <= end {
            switch tokens[index].kind {
            case .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .pipe, .comma, .colon, .endOfFile: break
            default: found.append(tokens[index])
            }
            index += 1
        }
        return found
    }

    /// The token that starts at `offset`.
    func token(at offset: Int) -> Token? {
        let index = firstToken(atOrAfter: offset)
        return index < tokens.count && tokens[index].span.start == offset ? tokens[index] : nil
    }

    /// The index of the first token starting at or after `offset` (binary search).
    func firstToken(atOrAfter offset: Int) -> Int {
        var (low, high) = (0, tokens.count)
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].span.start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func add(_ span: SourceSpan, _ replacement: String, _ kind: Mutant.Kind) {
        let original = String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
        guard original != replacement else { return }
        mutants.append(Mutant(path: file.path, span: span, original: original, replacement: replacement,
                              kind: kind, owner: owner))
    }
}
