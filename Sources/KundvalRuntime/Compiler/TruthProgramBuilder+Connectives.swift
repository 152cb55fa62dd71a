// `och` and `eller` lowered: the operands of a tree of them gathered into one list, fact literals
// of flat slots decided a word at a time, registers, fields of a loop's element, case tests and
// comparisons of a fact with a constant (key tests) read where they are.

import KundvalChecker
import KundvalSyntax

extension TruthProgramBuilder {
    /// `all` (or `any`) over `list`: its fact literals (truths and presence tests of flat
    /// slots) a word at a time, the rest operand by operand; a single register read as it is
    /// needs no instruction, two registers are one `both` or `either`, a single presence test of
    /// a field is one `cellKnown`.
    mutating func connective(any: Bool, _ list: [Term]) -> Register {
        if list.count == 1, case .register(let read) = list[0], !read.negated { return read.register }
        if list.count == 1, case .operand(let operand) = list[0], case .cellKnown(let cell) = operand.source {
            return emit { .cellKnown(cell, present: !operand.negated, into: $0) }
        }
        if list.count == 1, case .operand(let operand) = list[0], case .key(let test) = operand.source, !operand.negated {
            return emit { .compareKey(test, into: $0) }
        }
        if list.count == 2, case .register(let first) = list[0], case .register(let second) = list[1] {
            return emit { any ? .either(first, second, into: $0) : .both(first, second, into: $0) }
        }
        var literals: [Int: (positive: UInt64, negative: UInt64, present: UInt64, absent: UInt64)] = [:]
        var (reads, rest): ([RegisterRead], [TruthOperand]) = ([], [])
        for term in list {
            switch term {
            case .register(let read):
                reads.append(read)
            case .operand(let operand):
                rest.append(operand)
            case .truth(let slot, let negated), .known(let slot, let negated):
                let bit: UInt64 = 1 << UInt64(slot % 64)
                var word = literals[Int(slot / 64), default: (0, 0, 0, 0)]
                switch (term, negated) {
                case (.truth, false): word.positive |= bit
                case (.truth, true): word.negative |= bit
                case (_, false): word.present |= bit
                case (_, true): word.absent |= bit
                }
                literals[Int(slot / 64)] = word
            }
        }
        let wordStart = Int32(words.count)
        for (word, masks) in literals.sorted(by: { $0.key < $1.key }) {
            words.append(TruthProgram.LiteralWord(word: word, positive: masks.positive, negative: masks.negative,
                                                  present: masks.present, absent: masks.absent))
        }
        let (registerStart, start) = (Int32(registerReads.count), Int32(operands.count))
        registerReads += reads
        operands += rest
        let reading = Connective(literals: wordStart..<Int32(words.count), registers: registerStart..<Int32(registerReads.count),
                                 operands: start..<Int32(operands.count))
        return emit { any ? .any(reading, into: $0) : .all(reading, into: $0) }
    }

    /// The operands of a tree of `och` (or `eller`), in order; `x finns och <comparison>` is
    /// one operand (see ``guardedComparison(_:_:_:)``), unless both are read in place.
    mutating func flatten(_ expression: TypedExpression, _ op: BinaryOperator, _ compiler: Compiler,
                                  into list: inout [Term]) {
        if op == .and, case .binary(.and, let left, let right) = expression.kind, let terms = readInPlace(left, right, compiler) {
            list += terms
        } else if op == .and, case .binary(.and, let left, let right) = expression.kind,
           let guarded = guardedComparison(left, right, compiler) {
            list.append(.register(RegisterRead(register: guarded, negated: false)))
        } else if case .binary(op, let left, let right) = expression.kind {
            flatten(left, op, compiler, into: &list)
            flatten(right, op, compiler, into: &list)
        } else {
            list.append(term(expression, compiler))
        }
    }

    /// An operand of `och` or `eller` while it is lowered: a fact literal of a flat slot (its
    /// truth, or whether it is known), decided with the others of its word (see
    /// ``TruthProgram/LiteralWord``), a register, or an operand the program reads where it is.
    enum Term {
        case truth(Slot, negated: Bool)
        case known(Slot, negated: Bool)
        case register(RegisterRead)
        case operand(TruthOperand)
    }

    /// `x finns och <comparison>` (or `x saknas och …`) as two operands read where they are:
    /// the presence test as a literal or a field's byte, and a case test or key test (see
    /// ``keyTest(_:_:_:_:)``) of any fact. They decide what the guarded comparison decides
    /// (`nej` where the guard is not met, the comparison's truth where it is), with no
    /// instruction of their own. Nil, with nothing emitted, when either is not read in place.
    private mutating func readInPlace(_ presence: TypedExpression, _ comparison: TypedExpression,
                                      _ compiler: Compiler) -> [Term]? {
        guard case .presence(let operand, let present) = presence.kind, case .binary = comparison.kind,
              let guardTerm = self.presence(operand, present: present, negated: false, compiler) else { return nil }
        var trial = self
        guard case .operand(let compared) = trial.term(comparison, compiler) else { return nil }
        self = trial
        return [guardTerm, .operand(compared)]
    }

    /// `expression` as an operand of `och` or `eller`: a fact and whether it is known as a
    /// literal (`saknas` as the negation of `finns`), a field of an element, a case test or a
    /// comparison of a fact with a constant read where it is, `inte` as negation, anything else
    /// from its register. A constant written first (`3 <= anordnare.n`, `hög = p.nivå`) is read
    /// as the same comparison turned around.
    mutating func term(_ expression: TypedExpression, _ compiler: Compiler, negated: Bool = false) -> Term {
        if case .binary(let op, let left, let right) = expression.kind, TruthComparison(op) != nil,
           Compiler.isFoldable(left), !Compiler.isFoldable(right) {
            let turned = TypedExpression(.binary(Self.flipped(op), right, left), type: expression.type, span: expression.span)
            let lowered = term(turned, compiler, negated: negated)
            // Noted for the expression as written too (`=` and `≠` turn into themselves: one key).
            if Self.flipped(op) != op, let place = place(of: turned, compiler) { note(place, for: expression, compiler) }
            return lowered
        }
        switch expression.kind {
        case .unary(.not, let operand):
            return term(operand, compiler, negated: !negated)
        case .presence(let operand, let present):
            if let presence = presence(operand, present: present, negated: negated, compiler) {
                if case .operand(let read) = presence {
                    note(.operand(TruthOperand(source: read.source, negated: !present)), for: expression, compiler)
                }
                return presence
            }
        case .fact, .field, .local:
            if let slot = compiler.flatSlot(expression) { return .truth(Slot(slot), negated: negated) }
            if let cell = cell(expression, compiler) { return .operand(TruthOperand(source: .cell(cell), negated: negated)) }
        case .binary(let op, let left, let right) where op == .equal || op == .notEqual:
            // `p.roll är väsentligt_inflytande`: the case test is an operand too.
            guard case .enumCase(let index)? = compiler.constantValue(right), index <= Int(Int32.max),
                  !Compiler.isFoldable(left) else { break }
            if let slot = compiler.flatSlot(left), slot < compiler.layout.keyedCount {
                return read(TruthOperand(source: .slotIsCase(Slot(slot), case: Int32(index)), negated: op == .notEqual),
                            as: expression, negated: negated, compiler)
            }
            if let cell = cell(left, compiler), index < CellByte.caseLimit {
                return read(TruthOperand(source: .cellIsCase(cell, case: Int32(index)), negated: op == .notEqual),
                            as: expression, negated: negated, compiler)
            }
        default:
            break
        }
        // `anordnare.antal_platser <= 12`: a fact compared with a constant from its key is read
        // where it is, as the case tests are.
        if case .binary(let op, let left, let right) = expression.kind, let test = keyTest(op, left, right, compiler) {
            return read(TruthOperand(source: .key(test), negated: false), as: expression, negated: negated, compiler)
        }
        return .register(RegisterRead(register: truth(of: expression, compiler), negated: negated))
    }

    /// `operand`, the truth of comparison `expression`, as a term read where it is (negated
    /// when `negated`), its place noted for the trace.
    private mutating func read(_ operand: TruthOperand, as expression: TypedExpression, negated: Bool,
                               _ compiler: Compiler) -> Term {
        note(.operand(operand), for: expression, compiler)
        return .operand(TruthOperand(source: operand.source, negated: operand.negated != negated))
    }

    /// `x finns` (`x saknas` when not `present`; negated when `negated`) as a term: a fact
    /// literal of a flat slot, or a field's presence read where it is; nil for anything else.
    func presence(_ operand: TypedExpression, present: Bool, negated: Bool, _ compiler: Compiler) -> Term? {
        let negation = negated == present
        if let slot = compiler.flatSlot(operand) { return .known(Slot(slot), negated: negation) }
        if let cell = cell(operand, compiler) { return .operand(TruthOperand(source: .cellKnown(cell), negated: negation)) }
        return nil
    }
}
