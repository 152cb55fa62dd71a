import KundvalChecker
import KundvalSyntax

// Comparisons and the values they compare: value operands read where they are (slots, fields,
// constants, the assessment date, keys), arithmetic into value registers, deadlines in one
// instruction and comparisons guarded by a presence test.
extension TruthProgramBuilder {
    /// `l op r`: with `l` a fact slot or an element's field and `r` a constant, one
    /// instruction; otherwise both sides in value registers.
    mutating func comparison(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression,
                             _ compiler: Compiler) -> Int32? {
        guard let comparison = TruthComparison(op) else { return nil }
        if !Compiler.isFoldable(left), let constant = compiler.constantValue(right) {
            let slot = compiler.flatSlot(left)
            let element = slot == nil ? cell(left) : nil
            if case .enumCase(let index) = constant, comparison == .equal || comparison == .notEqual {
                let negated: Int32 = comparison == .notEqual ? 1 : 0
                if let slot, slot < compiler.layout.keyedCount { return emit(.slotIsCase, Int32(slot), Int32(index), negated) }
                if let (loop, field) = element, index < CellByte.caseLimit { return emit(.cellIsCase, loop, field, Int32(index), negated) }
            }
            // Dates and cases compare as values read from their keys (`compareValues`), which
            // never reads the 24-byte value.
            if slot != nil || element != nil, Self.keyReading(left.type) == Int32(ValueOperand.value) {
                constants.append(constant)
                let index = Int32(constants.count - 1)
                if let slot { return emit(.slotCompare, Int32(slot), comparison.rawValue, index) }
                if let (loop, field) = element { return emit(.cellCompare, loop, field, comparison.rawValue, index) }
            }
        }
        guard ScalarValue.holds(left.type), ScalarValue.holds(right.type) else { return nil }
        // A deadline (`u.plan <= u.mottagen + 2 veckor`): the arithmetic and the comparison
        // in one instruction, the arithmetic on the right.
        if let (op, x, y) = Self.arithmetic(right), Self.arithmetic(left) == nil {
            return compareArithmetic(left, comparison, op, x, y, compiler)
        }
        if let (op, x, y) = Self.arithmetic(left), Self.arithmetic(right) == nil {
            return compareArithmetic(right, comparison.flipped, op, x, y, compiler)
        }
        let (a, b) = (value(of: left, compiler), value(of: right, compiler))
        return emit(.compareValues, a, b, comparison.rawValue)
    }

    /// `x finns och <comparison>` (or `x saknas och …`) as the comparison's instruction with a
    /// presence guard (see ``PresenceGuard``), when `x` is a fact slot or an element's field;
    /// a comparison read in place against a constant (`slotCompare`, `cellIsCase`, …) takes
    /// no guard, and the `och` is then a `both` of the presence test and it. Nil when `x` or
    /// the comparison do not fit (nothing emitted).
    mutating func guardedComparison(_ left: TypedExpression, _ right: TypedExpression, _ compiler: Compiler) -> Int32? {
        guard case .presence(let operand, let present) = left.kind, case .binary(let op, let x, let y) = right.kind,
              TruthComparison(op) != nil, ScalarValue.holds(x.type), ScalarValue.holds(y.type) else { return nil }
        let guarded: Int32
        if let slot = compiler.flatSlot(operand), Int32(slot) <= PresenceGuard.maximumPayload {
            guarded = PresenceGuard.pack(cell: false, Int32(slot), present: present)
        } else if let (loop, field) = cell(operand), loop < 1 << 12, field < 1 << 16 {
            guarded = PresenceGuard.pack(cell: true, loop << 16 | field, present: present)
        } else {
            return nil
        }
        guard let register = comparison(op, x, y, compiler) else { return nil }
        guard var last = instructions.last, last.target == register,
              last.operation == .compareValues || last.operation == .compareArithmetic else {
            return emit(.both, truth(of: left, compiler), register)
        }
        last.guarded = guarded
        instructions[instructions.count - 1] = last
        return register
    }

    /// `value op (x arithmetic y)` in one instruction.
    private mutating func compareArithmetic(_ value: TypedExpression, _ comparison: TruthComparison, _ op: BinaryOperator,
                                            _ x: TypedExpression, _ y: TypedExpression, _ compiler: Compiler) -> Int32 {
        let (a, b, c) = (self.value(of: value, compiler), self.value(of: x, compiler), self.value(of: y, compiler))
        rules.append(ArithmeticRule(op, x.type, y.type))
        return emit(.compareArithmetic, a, b, c, Int32(rules.count - 1) << 3 | comparison.rawValue)
    }

    /// How a slot or field of `type` is read as a value operand: dates, enumeration cases and
    /// numbers from their keys (see ``FactKey``), anything else from the value itself.
    static func keyReading(_ type: KundvalType) -> Int32 {
        guard FactKey.holds(type) else { return Int32(ValueOperand.value) }
        return switch type.unwrapped {
        case .date: Int32(ValueOperand.date)
        case .enumeration: Int32(ValueOperand.enumCase)
        default: Int32(ValueOperand.number)
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
    mutating func value(of expression: TypedExpression, _ compiler: Compiler) -> Int32 {
        if let constant = compiler.constantValue(expression), scalarConstants.count < ValueOperand.maximumPayload {
            scalarConstants.append(ScalarValue(constant))
            return ValueOperand.pack(ValueOperand.constant, Int32(scalarConstants.count - 1))
        }
        switch expression.kind {
        case .fact, .field, .local:
            var reading = Self.keyReading(expression.type)
            if let slot = compiler.flatSlot(expression), slot <= ValueOperand.maximumPayload >> 2 {
                // Only the layout's keyed slots have keys (every slot of a keyed type is one).
                if slot >= compiler.layout.keyedCount { reading = Int32(ValueOperand.value) }
                return ValueOperand.pack(ValueOperand.slot, Int32(slot) << 2 | reading)
            }
            if let (loop, field) = cell(expression), loop < 1 << 10, field < 1 << 16 {
                return ValueOperand.pack(ValueOperand.cell, (loop << 16 | field) << 2 | reading)
            }
        case .assessmentDate:
            return ValueOperand.pack(ValueOperand.register, 0)
        case .binary(let op, let left, let right)
            where [.add, .subtract, .multiply, .divide].contains(op) && ScalarValue.holds(left.type) && ScalarValue.holds(right.type):
            let (a, b) = (value(of: left, compiler), value(of: right, compiler))
            rules.append(ArithmeticRule(op, left.type, right.type))
            return ValueOperand.pack(ValueOperand.register, emitValue(.valueArithmetic, a, b, Int32(rules.count - 1)))
        default:
            break
        }
        valueClosures.append(CodeBox(run: compiler.compile(expression)))
        return ValueOperand.pack(ValueOperand.register, emitValue(.valueClosure, Int32(valueClosures.count - 1)))
    }
}
