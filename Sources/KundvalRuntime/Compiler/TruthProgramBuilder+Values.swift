import KundvalChecker
import KundvalSyntax

// Comparisons and the values they compare: value operands read where they are (slots, fields,
// constants, the assessment date, keys), arithmetic into value registers, deadlines in one
// instruction and comparisons guarded by a presence test.
extension TruthProgramBuilder {
    /// `l op r`: with `l` a fact slot or an element's field and `r` a constant, one
    /// instruction; otherwise both sides in value registers.
    mutating func comparison(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression,
                             _ compiler: Compiler) -> Register? {
        guard let comparison = TruthComparison(op) else { return nil }
        if !Compiler.isFoldable(left), let constant = compiler.constantValue(right) {
            let slot = compiler.flatSlot(left).map { Slot($0) }
            let element = slot == nil ? cell(left, compiler) : nil
            if case .enumCase(let index) = constant, index <= Int(Int32.max), comparison == .equal || comparison == .notEqual {
                let negated = comparison == .notEqual
                if let slot, slot < compiler.layout.keyedCount {
                    return emit { .slotIsCase(slot, case: Int32(index), negated: negated, into: $0) }
                }
                if let element, index < CellByte.caseLimit {
                    return emit { .cellIsCase(element, case: Int32(index), negated: negated, into: $0) }
                }
            }
            if slot != nil || element != nil, Self.keyReading(left.type) == .value {
                constants.append(constant)
                let index = Int32(constants.count - 1)
                if let slot { return emit { .slotCompare(slot, comparison, constant: index, into: $0) } }
                if let element { return emit { .cellCompare(element, comparison, constant: index, into: $0) } }
            }
            // Dates, cases and integers against a constant of their kind: two 4-byte keys, never
            // the 24-byte values.
            if let test = keyTest(op, left, right, compiler) { return emit { .compareKey(test, into: $0) } }
        }
        // Two texts where they are (`u.ort = anordnare.ort`): their values compared. A text
        // written on the left goes to the right; two written texts are compared now.
        if left.type.unwrapped == .text, right.type.unwrapped == .text {
            if let a = factPlace(left, compiler), let b = factPlace(right, compiler) {
                return emit { .compareFacts(a, comparison, b, into: $0) }
            }
            if Compiler.isFoldable(left) {
                if !Compiler.isFoldable(right) { return self.comparison(Self.flipped(op), right, left, compiler) }
                let compared = TypedExpression(.binary(op, left, right), type: .boolean, span: left.span)
                if case .boolean(let holds)? = compiler.constantValue(compared) { return constant(Truth(holds)) }
            }
        }
        // Records and lists are never compared (the checker refuses it).
        guard ScalarValue.holds(left.type), ScalarValue.holds(right.type) else { return nil }
        // A deadline (`u.plan <= u.mottagen + 2 veckor`): the arithmetic and the comparison
        // in one instruction, the arithmetic on the right.
        if let (op, x, y) = Self.arithmetic(right), Self.arithmetic(left) == nil {
            return compareArithmetic(left, comparison, op, x, y, right, compiler)
        }
        if let (op, x, y) = Self.arithmetic(left), Self.arithmetic(right) == nil {
            return compareArithmetic(right, comparison.flipped, op, x, y, left, compiler)
        }
        let (a, b) = (value(of: left, compiler), value(of: right, compiler))
        return emit { .compareValues(a, comparison, b, guarded: nil, into: $0) }
    }

    /// `x finns och <comparison>` (or `x saknas och …`) as the comparison's instruction with a
    /// presence guard, when `x` is a fact slot or an element's field; a comparison read in
    /// place against a constant (`slotCompare`, `cellIsCase`, …) takes no guard, and the `och`
    /// is then a `both` of the presence test and it. Nil when `x` or the comparison do not fit
    /// (nothing emitted).
    mutating func guardedComparison(_ left: TypedExpression, _ right: TypedExpression, _ compiler: Compiler) -> Register? {
        guard case .presence(let operand, let present) = left.kind, case .binary(let op, let x, let y) = right.kind,
              TruthComparison(op) != nil, ScalarValue.holds(x.type), ScalarValue.holds(y.type) else { return nil }
        guard let place = factPlace(operand, compiler), let register = comparison(op, x, y, compiler) else { return nil }
        // Read by the trace only where the guard is met, where the register holds the comparison.
        note(.register(register), for: right, compiler)
        let guarded = PresenceGuard(place: place, present: present)
        switch instructions.last {
        case .compareValues(let a, let comparison, let b, nil, register)?:
            instructions[instructions.count - 1] = .compareValues(a, comparison, b, guarded: guarded, into: register)
            return register
        case .compareArithmetic(let a, let comparison, let x, let rule, let y, nil, register)?:
            instructions[instructions.count - 1] = .compareArithmetic(a, comparison, x, rule: rule, y, guarded: guarded, into: register)
            return register
        case .compareDates(let a, let comparison, let b, let shift, nil, register)?:
            instructions[instructions.count - 1] = .compareDates(a, comparison, b, shift: shift, guarded: guarded, into: register)
            return register
        default:
            let test = truth(of: left, compiler)
            return emit { .both(RegisterRead(register: test, negated: false), RegisterRead(register: register, negated: false), into: $0) }
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: op
        }
    }

    /// Where `expression` is read when it is a fact: a flat slot or a field of a loop's
    /// element; nil for anything else.
    func factPlace(_ expression: TypedExpression, _ compiler: Compiler) -> FactPlace? {
        if let slot = compiler.flatSlot(expression) { return .slot(Slot(slot)) }
        return cell(expression, compiler).map { .cell($0) }
    }

    /// `l op r` as a ``KeyTest``: `l` a fact slot or an element's field read from its key, `r` a
    /// constant of the kind the key holds (a date, an enumeration case, an integer). One
    /// `compareKey`, or an operand an `all` or `any` reads where it is. Nil, with nothing
    /// emitted, for any other comparison (an enumeration case tested for equality is a case
    /// test: see ``comparison(_:_:_:_:)`` and ``term(_:_:negated:)``).
    mutating func keyTest(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression,
                          _ compiler: Compiler) -> KeyTest? {
        guard let comparison = TruthComparison(op), !Compiler.isFoldable(left), Self.keyReading(left.type) != .value,
              compiler.flatSlot(left) != nil || cell(left, compiler) != nil, let constant = compiler.constantValue(right) else { return nil }
        return keyTest(value(of: left, compiler), comparison, constant)
    }

    /// The key test of `operand op constant`, its constant added to the program's; nil (nothing
    /// added) for an operand that is not read from its key or a constant of another kind.
    private mutating func keyTest(_ operand: ValueOperand, _ comparison: TruthComparison, _ constant: Value) -> KeyTest? {
        let (place, reading): (FactPlace, ValueOperand.Reading)
        switch operand {
        case .slot(let slot, let read): (place, reading) = (.slot(slot), read)
        case .cell(let cell, let read): (place, reading) = (.cell(cell), read)
        default: return nil
        }
        let bound = ScalarValue(constant)
        switch (reading, bound.kind) {
        case (.date, .date), (.enumCase, .enumCase): break
        case (.number, .number) where bound.second == 1: break
        default: return nil
        }
        scalarConstants.append(bound)
        return KeyTest(place: place, reading: reading, comparison: comparison, constant: Int32(scalarConstants.count - 1))
    }

    /// `value op (x arithmetic y)` in one instruction (the arithmetic is `computed`, whose
    /// place a trace reads as the arithmetic done again).
    private mutating func compareArithmetic(_ value: TypedExpression, _ comparison: TruthComparison, _ op: BinaryOperator,
                                            _ x: TypedExpression, _ y: TypedExpression, _ computed: TypedExpression,
                                            _ compiler: Compiler) -> Register {
        let (a, b, c) = (self.value(of: value, compiler), self.value(of: x, compiler), self.value(of: y, compiler))
        let arithmetic = ArithmeticRule(op, x.type, y.type)
        note(.arithmetic(arithmetic, b, c), for: computed, compiler, value: true)
        if let compared = dateComparison(a, comparison, arithmetic, b, c) { return compared }
        rules.append(arithmetic)
        let rule = Int32(rules.count - 1)
        return emit { .compareArithmetic(a, comparison, b, rule: rule, c, guarded: nil, into: $0) }
    }

    /// `a op (x arithmetic y)` where the arithmetic moves a date by an amount written in the
    /// rules and `a` and the date are read as day numbers (`u.plan <= u.mottagen + 2 veckor`):
    /// one `compareDates`. Nil (nothing emitted) for anything else.
    private mutating func dateComparison(_ a: ValueOperand, _ comparison: TruthComparison, _ arithmetic: ArithmeticRule,
                                         _ x: ValueOperand, _ y: ValueOperand) -> Register? {
        let (date, amount) = arithmetic.takesAmountFirst ? (y, x) : (x, y)
        guard case .constant(let index) = amount, var shift = arithmetic.shift(by: scalarConstants[Int(index)]),
              let moved = dateOperand(date), let compared = dateOperand(a) else { return nil }
        // The assessment date (register 0) against a date moved by months: by the first days
        // whose move reaches it (see `TruthProgram+MonthThresholds.swift`).
        if shift.months, case .register(0) = compared, let index = Int16(exactly: monthThreshold(shift.amount)) {
            shift = DateShift(amount: shift.amount, months: true, threshold: index)
        }
        return emit { .compareDates(compared, comparison, moved, shift: shift, guarded: nil, into: $0) }
    }

    /// A value operand holding a date as a date operand: a date slot or field read from its
    /// key, a register, a date written in the rules; nil for anything else.
    private func dateOperand(_ operand: ValueOperand) -> DateOperand? {
        switch operand {
        case .slot(let slot, .date): .key(.slot(slot))
        case .cell(let cell, .date): .key(.cell(cell))
        case .register(let register): .register(register)
        case .constant(let index) where scalarConstants[Int(index)].kind == .date:
            .day(Int32(truncatingIfNeeded: scalarConstants[Int(index)].first))
        default: nil
        }
    }

    /// How a slot or field of `type` is read as a value operand: dates, enumeration cases and
    /// numbers from their keys (see ``FactKey``), anything else from the value itself.
    static func keyReading(_ type: KundvalType) -> ValueOperand.Reading {
        guard FactKey.holds(type) else { return .value }
        return switch type.unwrapped {
        case .date: .date
        case .enumeration: .enumCase
        default: .number
        }
    }

    /// The operator and operands of arithmetic on values a register holds.
    static func arithmetic(_ expression: TypedExpression) -> (BinaryOperator, TypedExpression, TypedExpression)? {
        guard case .binary(let op, let left, let right) = expression.kind, [.add, .subtract, .multiply, .divide].contains(op),
              ScalarValue.holds(left.type), ScalarValue.holds(right.type), !Compiler.isFoldable(expression) else { return nil }
        return (op, left, right)
    }

    /// `expression` (of a type ``ScalarValue`` holds) as a value operand: facts, fields, the
    /// assessment date and constants read where they are, arithmetic by ``ArithmeticRule``
    /// into a value register, anything else from its closure.
    mutating func value(of expression: TypedExpression, _ compiler: Compiler) -> ValueOperand {
        let operand = loweredValue(expression, compiler)
        note(.value(operand), for: expression, compiler, value: true)
        return operand
    }

    /// `expression` as a value operand, lowered (see ``value(of:_:)``).
    private mutating func loweredValue(_ expression: TypedExpression, _ compiler: Compiler) -> ValueOperand {
        if let constant = compiler.constantValue(expression) {
            if case .text = constant {
                // A text written in the rules is held as its place among the constants.
                constants.append(constant)
                scalarConstants.append(.text(.constant, at: constants.count - 1))
            } else {
                scalarConstants.append(ScalarValue(constant))
            }
            return .constant(Int32(scalarConstants.count - 1))
        }
        if case .local(let slot, _) = expression.kind, let bound = boundValues[slot] { return bound }
        switch expression.kind {
        case .unknown:
            scalarConstants.append(.unknown)
            return .constant(Int32(scalarConstants.count - 1))
        case .callTable(let name, let arguments):
            if let chain = tableCall(name, arguments, compiler, { $0.value(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) }) {
                noteCall(expression, compiler)
                return chain
            }
        case .fact, .field, .local:
            // A field of a record an `om` or a call chooses (see `TruthProgramBuilder+Choices.swift`).
            if case .field = expression.kind, let (choice, read) = expression.readOfChoice,
               let lowered = valueThroughChoice(choice, compiler, read) {
                return lowered
            }
            // A text is held as where it is (see ``ScalarValue/TextSource``).
            if expression.type.unwrapped == .text, let place = factPlace(expression, compiler) { return .text(place) }
            if let register = elementField(expression, compiler) { return .register(register) }
            var reading = Self.keyReading(expression.type)
            if let slot = compiler.flatSlot(expression) {
                // Only the layout's keyed slots have keys (every slot of a keyed type is one).
                if slot >= compiler.layout.keyedCount { reading = .value }
                return .slot(Slot(slot), reading)
            }
            if let cell = cell(expression, compiler) { return .cell(cell, reading) }
        case .assessmentDate:
            return .register(0)
        case .callDefinition(let name, let arguments):
            if let inlined = (arguments.isEmpty && onceValues[name] != nil ? onceValue(name, compiler) : nil)
                ?? inlinedCall(name, arguments, compiler, { $0.value(of: $1, compiler) }, guarded: { $0.guarded($1, by: $2) })
                ?? (arguments.isEmpty ? onceValue(name, compiler) : nil) {
                noteCall(expression, compiler)
                return inlined
            }
        case .conditional(let condition, let then, let otherwise) where ScalarValue.holds(then.type) && ScalarValue.holds(otherwise.type):
            let test = truth(of: condition, compiler)
            let (a, b) = branches(on: test) { $0.value(of: then, compiler) } otherwise: { $0.value(of: otherwise, compiler) }
            return .register(emitValue { .valueSelect(test, then: a, otherwise: b, into: $0) })
        case .callBuiltin:
            if let register = builtin(expression, compiler) ?? element(expression, compiler) { return .register(register) }
            // `element` of a list an `om` or a call chooses (see `TruthProgramBuilder+Choices.swift`).
            if let (choice, read) = expression.readOfChoice, let lowered = valueThroughChoice(choice, compiler, read) {
                return lowered
            }
        case .count(let slot, let domain, let filter):
            if let written = unrolled(.count, slot: slot, domain: domain, body: filter, compiler) { return written }
            let loop = Int32(loops.count)
            if let register = count(slot: slot, domain: domain, filter: filter, compiler) {
                if filter != nil { noteLoop(loop, for: expression, compiler, value: true) }
                return .register(register)
            }
            if let register = filter.flatMap({ filter in
                    loopPassingElement({ $0.count(slot: slot, domain: domain, filter: filter, compiler) })
                }) {
                noteLoop(loop, for: expression, compiler, value: true)
                return .register(register)
            }
            if let (choice, read) = domain.readOfChoice, let lowered = valueThroughChoice(choice, compiler, {
                TypedExpression(.count(slot: slot, read($0), filter: filter), type: expression.type, span: expression.span)
            }) {
                return lowered
            }
        case .sum(let slot, let domain, let body):
            if let written = unrolled(.sum, slot: slot, domain: domain, body: body, compiler) { return written }
            let loop = Int32(loops.count)
            if let register = sum(slot: slot, domain: domain, body: body, compiler) {
                noteLoop(loop, for: expression, compiler, value: true)
                return .register(register)
            }
            if let register = loopPassingElement({ $0.sum(slot: slot, domain: domain, body: body, compiler) }) {
                noteLoop(loop, for: expression, compiler, value: true)
                return .register(register)
            }
            if let (choice, read) = domain.readOfChoice, let lowered = valueThroughChoice(choice, compiler, {
                TypedExpression(.sum(slot: slot, read($0), body), type: expression.type, span: expression.span)
            }) {
                return lowered
            }
        case .extreme(let largest, let slot, let domain, let filter, let body):
            let loop = Int32(loops.count)
            if let register = extreme(largest: largest, slot: slot, domain: domain, filter: filter, body: body, compiler)
                ?? loopPassingElement({ $0.extreme(largest: largest, slot: slot, domain: domain, filter: filter, body: body, compiler) }) {
                noteLoop(loop, for: expression, compiler, value: true)
                return .register(register)
            }
            if let (choice, read) = domain.readOfChoice, let lowered = valueThroughChoice(choice, compiler, {
                TypedExpression(.extreme(largest: largest, slot: slot, read($0), filter: filter, body), type: expression.type,
                                span: expression.span)
            }) {
                return lowered
            }
        case .unary(.negate, let operand) where ScalarValue.holds(operand.type):
            // `-x` is `0 - x`: the language subtracts by adding the negation, so both fail alike.
            scalarConstants.append(ScalarValue(Rational.zero))
            let (zero, x) = (ValueOperand.constant(Int32(scalarConstants.count - 1)), value(of: operand, compiler))
            rules.append(.numbers(.subtract))
            let rule = Int32(rules.count - 1)
            return .register(emitValue { .valueArithmetic(zero, x, rule: rule, into: $0) })
        case .binary(let op, let left, let right)
            where [.add, .subtract, .multiply, .divide].contains(op) && ScalarValue.holds(left.type) && ScalarValue.holds(right.type):
            let (a, b) = (value(of: left, compiler), value(of: right, compiler))
            rules.append(ArithmeticRule(op, left.type, right.type))
            let rule = Int32(rules.count - 1)
            return .register(emitValue { .valueArithmetic(a, b, rule: rule, into: $0) })
        default:
            break
        }
        // A `ja/nej` computed by an expression (an `och`, a comparison, a quantifier, a call of a
        // `ja/nej` parameter's argument): its truth, as a value.
        if expression.type.unwrapped == .boolean {
            let truth = truth(of: expression, compiler)
            return .register(emitValue { .truthValue(truth, into: $0) })
        }
        valueClosures.append(CodeBox(run: compiler.compile(expression)))
        let closure = Int32(valueClosures.count - 1)
        return .register(emitValue { .valueClosure(closure, into: $0) })
    }

    /// A call of a built-in function on values registers hold (every one but `element`), into a
    /// value register; nil, with nothing emitted, for any other expression. Both arguments are
    /// computed, also where the value code stops at an unknown first one (`rest`): that can
    /// only turn a result into an error, and a result that is one is the value code's to decide.
    mutating func builtin(_ expression: TypedExpression, _ compiler: Compiler) -> ValueRegister? {
        guard case .callBuiltin(let builtin, let arguments) = expression.kind, builtin.isScalar, !arguments.isEmpty,
              arguments.count <= 2, ScalarValue.holds(expression.type), arguments.allSatisfy({ ScalarValue.holds($0.type) })
        else { return nil }
        let a = value(of: arguments[0], compiler)
        let b = arguments.count == 2 ? value(of: arguments[1], compiler) : nil
        return emitValue { .valueBuiltin(builtin, a, b, into: $0) }
    }
}
