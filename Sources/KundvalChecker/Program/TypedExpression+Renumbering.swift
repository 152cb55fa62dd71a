import KundvalSyntax

// A kundval may add cases to an enumeration of its reglemente before existing ones
// (`typ Sanktion utökas: en av åtgärdsplan före varning`). Cases are numbered by position, so
// what the reglemente checked with the old numbers is renumbered for the kundval: `map[name][i]`
// is the new index of the case that was `i`. Nothing changes when the map is empty.

extension TypedExpression {
    /// The expression with its enumeration cases renumbered by `map`.
    public func renumbering(_ map: [String: [Int]]) -> TypedExpression {
        guard !map.isEmpty else { return self }
        func r(_ expression: TypedExpression) -> TypedExpression { expression.renumbering(map) }
        let renumbered: Kind
        switch kind {
        case .enumCase(let enumeration, let index):
            let new = map[enumeration].flatMap { index < $0.count ? $0[index] : nil } ?? index
            renumbered = .enumCase(enumeration: enumeration, index: new)
        case .boolean, .unknown, .number, .date, .text, .fact, .local, .assessmentDate, .error:
            return self
        case .field(let base, let index, let name): renumbered = .field(r(base), index: index, name: name)
        case .callDefinition(let name, let arguments): renumbered = .callDefinition(name, arguments.map(r))
        case .callTable(let name, let arguments): renumbered = .callTable(name, arguments.map(r))
        case .callBuiltin(let builtin, let arguments): renumbered = .callBuiltin(builtin, arguments.map(r))
        case .unary(let op, let operand): renumbered = .unary(op, r(operand))
        case .binary(let op, let left, let right): renumbered = .binary(op, r(left), r(right))
        case .presence(let operand, let present): renumbered = .presence(r(operand), present: present)
        case .conditional(let a, let b, let c): renumbered = .conditional(r(a), r(b), r(c))
        case .documentAge(let document, let field, let age, let date):
            renumbered = .documentAge(r(document), issuedField: field, age, at: date.map(r))
        case .quantified(let quantifier, let slot, let domain, let body):
            renumbered = .quantified(quantifier, slot: slot, r(domain), r(body))
        case .count(let slot, let domain, let filter): renumbered = .count(slot: slot, r(domain), filter: filter.map(r))
        case .sum(let slot, let domain, let body): renumbered = .sum(slot: slot, r(domain), r(body))
        case .extreme(let largest, let slot, let domain, let filter, let body):
            renumbered = .extreme(largest: largest, slot: slot, r(domain), filter: filter.map(r), r(body))
        case .list(let elements): renumbered = .list(elements.map(r))
        case .record(let name, let fields): renumbered = .record(name, fields.map { $0.map(r) })
        }
        return TypedExpression(renumbered, type: type, span: span)
    }
}

extension CheckedBody {
    /// The body with its enumeration cases renumbered (see ``TypedExpression/renumbering(_:)``).
    public func renumbering(_ map: [String: [Int]]) -> CheckedBody {
        CheckedBody(expression: expression.renumbering(map), frameSize: frameSize)
    }
}

extension CheckedDefinition {
    /// The definition with its enumeration cases renumbered.
    public func renumbering(_ map: [String: [Int]]) -> CheckedDefinition {
        var copy = self
        copy.body = body.renumbering(map)
        return copy
    }
}

extension CheckedTable {
    /// The table with its enumeration cases renumbered, in its cells and its results.
    public func renumbering(_ map: [String: [Int]]) -> CheckedTable {
        var copy = self
        copy.rows = rows.map { row in
            Row(tests: row.tests.map { test in test.map { ($0.0, $0.1.renumbering(map)) } },
                result: row.result.renumbering(map), span: row.span)
        }
        return copy
    }
}

extension CheckedExample {
    /// The example with its enumeration cases renumbered.
    public func renumbering(_ map: [String: [Int]]) -> CheckedExample {
        guard case .inline(let body) = source else { return self }
        var copy = self
        copy.source = .inline(body.renumbering(map))
        return copy
    }
}

extension CheckedCondition {
    /// The condition with its enumeration cases renumbered, in every expression.
    public func renumbering(_ map: [String: [Int]]) -> CheckedCondition {
        guard !map.isEmpty else { return self }
        var copy = self
        copy.applicability = applicability?.renumbering(map)
        copy.requirements = requirements.map { ($0.label, $0.body.renumbering(map)) }
        copy.evidence = evidence.map { evidence in
            var renumbered = evidence
            renumbered.documents = evidence.documents.map { ($0.document.renumbering(map), $0.maximumAge) }
            return renumbered
        }
        return copy
    }
}

extension CheckedDeauthorization {
    /// The ground with its enumeration cases renumbered.
    public func renumbering(_ map: [String: [Int]]) -> CheckedDeauthorization {
        var copy = self
        copy.applicability = applicability?.renumbering(map)
        copy.from = from.renumbering(map)
        return copy
    }
}
