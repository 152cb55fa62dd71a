import KundvalChecker
import KundvalSyntax

/// Emits a ``TruthProgram`` from typed `ja/nej` expressions. Each expression gets its own
/// register (no register is reused except a quantifier body's, once per element). The first
/// registers are the program's results, one per condition and service (see ``store(_:into:)``).
struct TruthProgramBuilder {
    var instructions: [TruthInstruction] = []
    var constants: [Value] = []
    private var operands: [Int32] = []
    private var words: [TruthProgram.LiteralWord] = []
    private var loops: [TruthProgram.Loop?] = []
    private var closures: [TruthBox] = []
    var valueClosures: [CodeBox] = []
    var rules: [ArithmeticRule] = []
    var scalarConstants: [ScalarValue] = []
    /// The largest ages of documents (see ``TruthOperation/document``).
    var ages: [DocumentAge] = []
    private let resultCount: Int32
    private var registerCount: Int32
    /// Value register 0 is the assessment date; the scalar constants follow it.
    private var valueRegisterCount: Int32 = 1
    /// The quantifiers whose body is being emitted: their element's local slot and loop.
    private var elements: [(slot: Int, loop: Int32, scalar: Bool, width: Int)] = []

    /// A builder of a program with `results` results.
    init(results: Int) {
        resultCount = Int32(results)
        registerCount = resultCount
    }

    /// The program. Every loop is finished by construction (each `loopStart` is emitted with
    /// its `loopEnd`).
    ///
    /// An `all` or `any` of fact literals only (most conditions: `kräver a`, `kräver inte b
    /// och c`) reads no register, so it can run anywhere: all of them move to one `literals`
    /// instruction at the start, which decides them in one loop (out of the quantifiers, too,
    /// where they do not depend on the element).
    ///
    /// Those of one word (nearly all) become word tests, decided without branches.
    func build() -> TruthProgram {
        let literals = instructions.filter(Self.readsOnlyLiterals)
        let hoisted = literals.filter { $0.d != 1 }
        let wordTests = literals.filter { $0.d == 1 }.map { instruction in
            let word = words[Int(instruction.c)]
            return TruthProgram.WordTest(word: Int32(word.word), target: instruction.target << 1 | (instruction.operation == .any ? 1 : 0),
                                         positive: word.positive, negative: word.negative)
        }
        var kept: [TruthInstruction] = literals.isEmpty ? []
            : [TruthInstruction(.literals, -1, 0, Int32(hoisted.count), 0, Int32(wordTests.count))]
        var moved = [Int](repeating: -1, count: instructions.count)
        for (index, instruction) in instructions.enumerated() where !Self.readsOnlyLiterals(instruction) {
            moved[index] = kept.count
            kept.append(instruction)
        }
        let finished = loops.compactMap { $0 }.map { loop in
            loop.start < 0 ? loop : TruthProgram.Loop(table: loop.table, slot: loop.slot, bindsCursor: loop.bindsCursor,
                                                       width: loop.width, quantifier: loop.quantifier, start: moved[loop.start],
                                                       end: moved[loop.end], result: loop.result)
        }
        return TruthProgram(instructions: kept, wordTests: wordTests, hoisted: hoisted, constants: constants, operands: operands, words: words,
                            loops: finished, closures: closures, valueClosures: valueClosures, rules: rules,
                            ages: ages, registerCount: Int(registerCount),
                            scalarConstants: scalarConstants, valueRegisterCount: Int(valueRegisterCount))
    }

    static func readsOnlyLiterals(_ instruction: TruthInstruction) -> Bool {
        (instruction.operation == .all || instruction.operation == .any) && instruction.b == 0
    }

    mutating func emit(_ operation: TruthOperation, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0,
                       _ d: Int32 = 0) -> Int32 {
        let target = registerCount
        registerCount += 1
        instructions.append(TruthInstruction(operation, target, a, b, c, d))
        return target
    }

    /// An instruction that writes value register `target`.
    mutating func emitValue(_ operation: TruthOperation, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0) -> Int32 {
        let target = valueRegisterCount
        valueRegisterCount += 1
        instructions.append(TruthInstruction(operation, target, a, b, c))
        return target
    }

    /// A register holding a constant truth (0 `nej`, 1 unknown, 2 `ja`, 3 does not apply).
    mutating func constant(_ truth: UInt8) -> Int32 { emit(.constant, Int32(truth)) }

    /// A part of a condition or a service, as its status: 3 (does not apply) when
    /// `applicability` is `nej`, 1 (undecided) when it is unknown, else its documents' status
    /// (see ``documents(_:)``) unless they are all given and fresh, then the conjunction of the
    /// requirements (one `all` over them and their own `och`): 0 not met, 1 undecided, 2 met.
    /// Every document must have ``CompiledEvidenceDocument/slots``.
    mutating func part(applicability: TypedExpression?, requirements: [TypedExpression],
                       documents: [CompiledEvidenceDocument] = [], _ compiler: Compiler) -> Int32 {
        let applies = applicability.map { truth(of: $0, compiler) }
        var list: [Int32] = []
        for requirement in requirements { flatten(requirement, .and, compiler, into: &list) }
        // Without requirements the part is met wherever it applies: its applicability is the
        // body too (`ja` gives met, unknown undecided).
        var body = list.isEmpty ? applies ?? constant(2) : connective(.all, list)
        if !documents.isEmpty { body = emit(.gate, self.documents(documents), body) }
        guard let applies else { return body }
        return emit(.part, applies, body)
    }

    /// The documents a part's control points ask for, as one status: 0 (not met) when one is
    /// older than it may be, else 1 (undecided) when one is missing or has no date to judge
    /// its age by, else 2; as ``CompiledDocument/decidePart(_:_:reasons:context:)`` decides.
    mutating func documents(_ documents: [CompiledEvidenceDocument]) -> Int32 {
        var combined: Int32?
        for document in documents {
            guard let slots = document.slots else { preconditionFailure("a document without a slot in a truth program") }
            var age: Int32 = -1
            if let maximum = document.maximumAge {
                ages.append(maximum)
                age = Int32(ages.count - 1)
            }
            let (mode, issued): (Int32, Int32) = switch slots.issued {
            case .itself: (0, 0)
            case .field(let slot): (1, Int32(slot))
            case .none: (2, 0)
            }
            let status = emit(.document, Int32(slots.document), issued, age, mode)
            combined = combined.map { emit(.combine, $0, status) } ?? status
        }
        return combined ?? constant(2)
    }

    /// The parts of one condition together: part codes are ordered as the statuses win (0 not
    /// met, 1 undecided, 2 met, 3 does not apply), so both parts holding is their minimum.
    mutating func combine(_ parts: [Int32]) -> Int32 {
        guard var combined = parts.first else { return constant(3) }
        for part in parts.dropFirst() { combined = emit(.combine, combined, part) }
        return combined
    }

    /// Makes result `index` (a register among the first) hold `register`'s part code: the
    /// instruction that computed it writes there instead, or a `store` copies it.
    mutating func store(_ register: Int32, into index: Int) {
        if var last = instructions.last, last.target == register, last.operation != .loopEnd, register >= resultCount,
           last.operation != .loopStart {
            last.target = Int32(index)
            instructions[instructions.count - 1] = last
            return
        }
        instructions.append(TruthInstruction(.store, -1, Int32(index), register))
    }

    /// `all` or `any` over `list`: its fact literals a word at a time, the rest operand by
    /// operand; a single operand read from a register as it is needs no instruction, two
    /// registers are one `both` or `either`.
    private mutating func connective(_ operation: TruthOperation, _ list: [Int32]) -> Int32 {
        if list.count == 1, list[0] & 7 == TruthOperand.register << 1 { return list[0] >> 3 }
        if list.count == 2, list.allSatisfy({ ($0 >> 1) & 3 == TruthOperand.register }) {
            return emit(operation == .all ? .both : .either, list[0] >> 3, list[1] >> 3, (list[0] & 1) | (list[1] & 1) << 1)
        }
        var literals: [Int: (positive: UInt64, negative: UInt64)] = [:]
        var rest: [Int32] = []
        for operand in list {
            guard (operand >> 1) & 3 == TruthOperand.slot else {
                rest.append(operand)
                continue
            }
            let slot = Int(operand >> 3)
            let bit: UInt64 = 1 << UInt64(slot % 64)
            var word = literals[slot / 64, default: (0, 0)]
            if operand & 1 == 0 { word.positive |= bit } else { word.negative |= bit }
            literals[slot / 64] = word
        }
        let wordStart = Int32(words.count)
        for (word, masks) in literals.sorted(by: { $0.key < $1.key }) {
            words.append(TruthProgram.LiteralWord(word: word, positive: masks.positive, negative: masks.negative))
        }
        let start = Int32(operands.count)
        operands += rest
        return emit(operation, start, Int32(rest.count), wordStart, Int32(literals.count))
    }

    /// The operands of a tree of `och` (or `eller`), in order; `x finns och <comparison>` is
    /// one operand (see ``guardedComparison(_:_:_:)``).
    private mutating func flatten(_ expression: TypedExpression, _ op: BinaryOperator, _ compiler: Compiler,
                                  into list: inout [Int32]) {
        if op == .and, case .binary(.and, let left, let right) = expression.kind,
           let guarded = guardedComparison(left, right, compiler) {
            list.append(TruthOperand.pack(TruthOperand.register, guarded, negated: false))
        } else if case .binary(op, let left, let right) = expression.kind {
            flatten(left, op, compiler, into: &list)
            flatten(right, op, compiler, into: &list)
        } else {
            list.append(operand(expression, compiler))
        }
    }

    /// `expression` as an operand: a fact or a field read where it is, `inte` as negation,
    /// anything else from its register.
    private mutating func operand(_ expression: TypedExpression, _ compiler: Compiler, negated: Bool = false) -> Int32 {
        switch expression.kind {
        case .unary(.not, let operand):
            return self.operand(operand, compiler, negated: !negated)
        case .fact, .field, .local:
            if let slot = compiler.flatSlot(expression), Int32(slot) <= TruthOperand.maximumPayload {
                return TruthOperand.pack(TruthOperand.slot, Int32(slot), negated: negated)
            }
            if let (loop, field) = cell(expression), loop < 1 << 12, field < 1 << 16 {
                return TruthOperand.pack(TruthOperand.cell, loop << 16 | field, negated: negated)
            }
        case .binary(let op, let left, let right) where op == .equal || op == .notEqual:
            // `p.roll är väsentligt_inflytande`: the case test is an operand too.
            guard case .enumCase(let index)? = compiler.constantValue(right), index < 1 << 12,
                  !Compiler.isFoldable(left) else { break }
            let negation = negated != (op == .notEqual)
            if let slot = compiler.flatSlot(left), slot < 1 << 15, slot < compiler.layout.keyedCount {
                return TruthOperand.pack(TruthOperand.isCase, (Int32(slot) << 12 | Int32(index)) << 1, negated: negation)
            }
            if let (loop, field) = cell(left), loop < 1 << 4, field < 1 << 11, index < CellByte.caseLimit {
                return TruthOperand.pack(TruthOperand.isCase, (loop << 23 | field << 12 | Int32(index)) << 1 | 1,
                                         negated: negation)
            }
        default:
            break
        }
        return TruthOperand.pack(TruthOperand.register, truth(of: expression, compiler), negated: negated)
    }

    /// The register of `expression`'s truth, with `compiler` for what needs a closure (its
    /// cursors are the enclosing quantifiers' elements).
    mutating func truth(of expression: TypedExpression, _ compiler: Compiler) -> Int32 {
        switch expression.kind {
        case .boolean(let value):
            return constant(value ? 2 : 0)
        case .fact, .field, .local:
            if let slot = compiler.flatSlot(expression) { return emit(.slotTruth, Int32(slot)) }
            if let (loop, field) = cell(expression) { return emit(.cellTruth, loop, field) }
        case .unary(.not, _):
            return connective(.all, [operand(expression, compiler)])
        case .binary(.and, let left, let right):
            if let guarded = guardedComparison(left, right, compiler) { return guarded }
            var list: [Int32] = []
            flatten(expression, .and, compiler, into: &list)
            return connective(.all, list)
        case .binary(.or, _, _):
            var list: [Int32] = []
            flatten(expression, .or, compiler, into: &list)
            return connective(.any, list)
        case .binary(let op, let left, let right):
            if let register = comparison(op, left, right, compiler) { return register }
        case .presence(let operand, let present):
            if let slot = compiler.flatSlot(operand) { return emit(.slotKnown, Int32(slot), present ? 1 : 0) }
            if let (loop, field) = cell(operand) { return emit(.cellKnown, loop, field, present ? 1 : 0) }
        case .quantified(let quantifier, let slot, let domain, let body):
            if let register = loop(quantifier, slot: slot, domain: domain, body: body, compiler) { return register }
        case .conditional(let condition, let then, let otherwise):
            let (c, a, b) = (truth(of: condition, compiler), truth(of: then, compiler), truth(of: otherwise, compiler))
            return emit(.conditional, c, a, b)
        default:
            break
        }
        closures.append(TruthBox(run: compiler.compileTruth(expression)))
        return emit(.closure, Int32(closures.count - 1))
    }

    /// The loop and field of an element's field (`p.roll`), or of a plain element itself.
    func cell(_ expression: TypedExpression) -> (Int32, Int32)? {
        switch expression.kind {
        case .local(let slot, _):
            guard let element = elements.last(where: { $0.slot == slot }), element.scalar else { return nil }
            return (element.loop, 0)
        case .field(let base, let index, _):
            guard case .local(let slot, _) = base.kind, let element = elements.last(where: { $0.slot == slot }),
                  !element.scalar, index < element.width else { return nil }
            return (element.loop, Int32(index))
        default:
            return nil
        }
    }

    /// `alla|någon|ingen x i domain: body` over a fact table, the element bound as a cursor.
    private mutating func loop(_ quantifier: Quantifier, slot: Int, domain: TypedExpression, body: TypedExpression,
                               _ compiler: Compiler) -> Int32? {
        guard let domainSlot = compiler.flatSlot(domain), let table = compiler.layout.tableOfSlot[domainSlot] else { return nil }
        let shape = compiler.layout.tables[table]
        let inner: Compiler
        if shape.scalar {
            inner = compiler.withScalarCursor(slot)
        } else if compiler.canBindCursor(slot, in: body) {
            inner = compiler.withCursor(slot)
        } else {
            return nil
        }
        let loop = Int32(loops.count)
        loops.append(nil)
        let start = instructions.count
        instructions.append(TruthInstruction(.loopStart, -1, loop))
        elements.append((slot, loop, shape.scalar, shape.width))
        let element = truth(of: body, inner)
        elements.removeLast()
        let end = instructions.count
        // A body that is one read of the element's field: the whole loop in one instruction.
        if end == start + 2, let read = instructions.last, read.target == element, read.a == loop,
           read.operation == .cellTruth || read.operation == .cellIsCase {
            instructions.removeLast(2)
            loops[Int(loop)] = TruthProgram.Loop(table: table, slot: slot, bindsCursor: false, width: shape.width,
                                                 quantifier: quantifier,
                                                 start: -1, end: -1, result: -1)
            return read.operation == .cellTruth
                ? emit(.quantifyTruth, loop, read.b) : emit(.quantifyCase, loop, read.b, read.c, read.d)
        }
        let result = emit(.loopEnd, loop, element)
        let bindsCursor = instructions[start..<end].contains { $0.operation == .closure || $0.operation == .valueClosure }
        loops[Int(loop)] = TruthProgram.Loop(table: table, slot: slot, bindsCursor: bindsCursor, width: shape.width,
                                             quantifier: quantifier,
                                             start: start, end: end, result: result)
        return result
    }
}
