// A `ja/nej` expression lowered to the instruction that computes it, the branches of `om … så …
// annars …`, and the fields of a loop's element.

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// The register of `expression`'s truth, with `compiler` for what needs a closure (its
    /// cursors are the enclosing quantifiers' elements).
    mutating func truth(of expression: TypedExpression, _ compiler: Compiler) -> Register {
        let register = lowered(expression, compiler)
        note(.register(register), for: expression, compiler)
        return register
    }

    /// The register of `expression`'s truth, lowered (see ``truth(of:_:)``).
    private mutating func lowered(_ expression: TypedExpression, _ compiler: Compiler) -> Register {
        if case .local(let slot, _) = expression.kind, let bound = boundTruths[slot] { return bound }
        switch expression.kind {
        case .boolean(let value):
            return constant(Truth(value))
        case .fact, .field, .local:
            if let slot = compiler.flatSlot(expression) { return emit { .slotTruth(Slot(slot), into: $0) } }
            if let cell = cell(expression, compiler) { return emit { .cellTruth(cell, into: $0) } }
            // `element(lista, n).aktiv`.
            if let value = elementField(expression, compiler) { return isYes(value) }
            // A field of a record an `om` or a call chooses (see `TruthProgramBuilder+Choices.swift`).
            if case .field = expression.kind, let (choice, read) = expression.readOfChoice,
               let register = truthThroughChoice(choice, compiler, read) {
                return register
            }
        case .unary(.not, _):
            return connective(any: false, [term(expression, compiler)])
        case .binary(.and, _, _):
            // `x finns och <comparison>` too: one guarded comparison, or two operands read in
            // place (see ``flatten(_:_:_:into:)``).
            var list: [Term] = []
            flatten(expression, .and, compiler, into: &list)
            return connective(any: false, list)
        case .binary(.or, _, _):
            var list: [Term] = []
            flatten(expression, .or, compiler, into: &list)
            return connective(any: true, list)
        case .binary(let op, let left, let right):
            if let register = comparison(op, left, right, compiler) { return register }
        case .presence(let operand, let present):
            // A fact literal (decided with the word tests at the start), or one `cellKnown`.
            if let presence = presence(operand, present: present, negated: false, compiler) {
                return connective(any: false, [presence])
            }
            // A computed argument of an inlined call.
            if case .local(let slot, _) = operand.kind {
                if let register = boundTruths[slot] { return emit { .registerKnown(register, present: present, into: $0) } }
                if let value = boundValues[slot] { return emit { .valueKnown(value, present: present, into: $0) } }
            }
            // Any other value a register holds, computed (`element(lista, n) finns`).
            if operand.type.unwrapped == .boolean {
                let register = truth(of: operand, compiler)
                return emit { .registerKnown(register, present: present, into: $0) }
            }
            if ScalarValue.holds(operand.type) {
                let value = value(of: operand, compiler)
                return emit { .valueKnown(value, present: present, into: $0) }
            }
            // A record or list an `om` or a call chooses.
            if let (choice, read) = operand.readOfChoice, let register = choicePresence(choice, read, present: present, compiler) {
                return register
            }
        case .quantified(let quantifier, let slot, let domain, let body):
            if let register = unrolled(quantifier, slot: slot, domain: domain, body: body, compiler) { return register }
            let loop = Int32(loops.count)
            if let register = self.loop(quantifier, slot: slot, domain: domain, body: body, compiler) {
                noteLoop(loop, for: expression, compiler)
                return register
            }
            if let register = loopPassingElement({ $0.loop(quantifier, slot: slot, domain: domain, body: body, compiler) }) {
                noteLoop(loop, for: expression, compiler)
                return register
            }
            // Over a list an `om` or a call chooses.
            if let (choice, read) = domain.readOfChoice, let register = truthThroughChoice(choice, compiler, {
                TypedExpression(.quantified(quantifier, slot: slot, read($0), body), type: expression.type, span: expression.span)
            }) {
                return register
            }
        case .conditional(let condition, let then, let otherwise):
            let c = truth(of: condition, compiler)
            let (a, b) = branches(on: c) { $0.truth(of: then, compiler) } otherwise: { $0.truth(of: otherwise, compiler) }
            return emit { .conditional(c, then: a, otherwise: b, into: $0) }
        case .unknown:
            return constant(.unknown)
        case .callDefinition(let name, let arguments):
            // One already lowered once is read where it is, not inlined again (see
            // ``onceTruth(_:_:)``).
            if let inlined = (arguments.isEmpty && onceTruths[name] != nil ? onceTruth(name, compiler) : nil)
                ?? inlinedCall(name, arguments, compiler, { $0.truth(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) })
                ?? (arguments.isEmpty ? onceTruth(name, compiler) : nil) {
                noteCall(expression, compiler)
                return inlined
            }
        case .callTable(let name, let arguments):
            if let chain = tableCall(name, arguments, compiler, { $0.truth(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) }) {
                noteCall(expression, compiler)
                return chain
            }
        case .callBuiltin:
            // `är_arbetsdag(d)`.
            if let value = builtin(expression, compiler) {
                note(.value(.register(value)), for: expression, compiler, value: true)
                return isYes(value)
            }
        case .documentAge(let document, let issuedField, let age, let date):
            guard let place = factPlace(document, compiler) else { break }
            if let date, !ScalarValue.holds(date.type) { break }
            let at = date.map { value(of: $0, compiler) }
            let index = ageLimit(age)
            return emit { .documentAge(place, issuedField: issuedField.map { Int32($0) }, age: index, at: at, into: $0) }
        default:
            break
        }
        return closureCall(expression, compiler)
    }

    /// The two branches of `om c så … annars …`, each run only when register `c` picks it:
    /// `then` when it is `ja`, `otherwise` when it is `nej`, neither when it is not known.
    /// Branches without instructions need no jumps.
    mutating func branches<Result>(on c: Register, then: (inout TruthProgramBuilder) -> Result,
                                   otherwise: (inout TruthProgramBuilder) -> Result) -> (Result, Result) {
        let skipThen = instructions.count
        instructions.append(.jumpUnless(c, is: .yes, to: -1))
        branchDepth += 1
        defer { branchDepth -= 1 }
        let a = then(&self)
        let skipOtherwise = instructions.count
        instructions.append(.jump(to: -1))
        instructions[skipThen] = .jumpUnless(c, is: .yes, to: Int32(instructions.count))
        let skipUnknown = instructions.count
        instructions.append(.jumpUnless(c, is: .no, to: -1))
        let b = otherwise(&self)
        if skipOtherwise == skipThen + 1, instructions.count == skipUnknown + 1 {
            // Neither branch has code (what they pick is read where it is): nothing to jump over.
            instructions.removeSubrange(skipThen...)
            return (a, b)
        }
        instructions[skipOtherwise] = .jump(to: Int32(instructions.count))
        instructions[skipUnknown] = .jumpUnless(c, is: .no, to: Int32(instructions.count))
        return (a, b)
    }

    /// The loop and column of an element's field (`p.roll`), or of a field of a record inside
    /// it (`p.utbildning.hp`, see ``FactTable/nestedColumns``), or of a plain element itself.
    /// The expression's root is a loop's element, found by its slot among ``elements``: never a
    /// parameter of a definition whose trace is made (its slot is the body's own; see
    /// ``parameterRead(_:_:)``, which answers for those first).
    func cell(_ expression: TypedExpression, _ compiler: Compiler) -> Cell? {
        switch expression.kind {
        case .local(let slot, _):
            guard let element = elements.last(where: { $0.slot == slot }), element.scalar else { return nil }
            return Cell(frame: element.frame, field: 0)
        case .field:
            guard let (root, path) = Self.fieldPath(expression), case .local(let slot, _) = root.kind,
                  let element = elements.last(where: { $0.slot == slot }),
                  let column = compiler.layout.tables[element.table].column(path) else { return nil }
            return Cell(frame: element.frame, field: Int32(column))
        default:
            return nil
        }
    }

    /// The expression a path of fields starts from, and the fields' indices (`p` and `[1, 0]`
    /// for `p.utbildning.hp`); nil for an expression that is not a field.
    static func fieldPath(_ expression: TypedExpression) -> (root: TypedExpression, path: [Int])? {
        var path: [Int] = []
        var node = expression
        while case .field(let base, let index, _) = node.kind {
            path.append(index)
            node = base
        }
        return path.isEmpty ? nil : (node, path.reversed())
    }
}
