import KundvalChecker
import KundvalSyntax

// Loops over fact tables: `alla|någon|ingen x i lista: …` (a truth), `antal x i lista där …`
// and `summa x i lista: …` (a value). The body is lowered once, between `loopStart` and the
// loop's end instruction; it reads the current element's fields where they are (its cells).
// A loop keeps its place in a frame: the loop's depth among the loops around it.

extension TruthProgramBuilder {
    /// `alla|någon|ingen x i domain: body` over a fact table, the element bound as a cursor.
    mutating func loop(_ quantifier: Quantifier, slot: Int, domain: TypedExpression, body: TypedExpression,
                       _ compiler: Compiler) -> Register? {
        guard let (table, shape, parent, inner) = loopTable(slot: slot, domain: domain, reads: [body], compiler) else { return nil }
        let fold = TruthProgram.Loop.Fold(quantifier)
        let (loop, start, frame) = startLoop(table, slot: slot, shape: shape)
        let element = truth(of: body, inner)
        elements.removeLast()
        let end = instructions.count
        // A body that is one read of the element's field: the whole loop in one instruction.
        if end == start + 2, let read = instructions.last, read.target == element {
            var fused: TruthInstruction?
            switch read {
            case .cellTruth(let cell, _) where cell.frame == frame:
                fused = .quantifyTruth(loop: loop, field: cell.field, into: 0)
                movePlaces(of: element, to: .operand(TruthOperand(source: .cell(cell), negated: false)))
            case .cellIsCase(let cell, let index, let negated, _) where cell.frame == frame:
                fused = .quantifyCase(loop: loop, field: cell.field, case: index, negated: negated, into: 0)
                movePlaces(of: element, to: .operand(TruthOperand(source: .cellIsCase(cell, case: index), negated: negated)))
            default:
                break
            }
            if let fused {
                instructions.removeLast(2)
                // The frame is not used by the run, but a trace's walk puts each element there.
                frameCount = max(frameCount, frame + 1)
                loops[Int(loop)] = TruthProgram.Loop(table: table, parent: parent, slot: slot, bindsCursor: false, width: shape.width,
                                                     fold: fold, start: -1, end: -1, result: -1, frame: -1)
                return emit { fused.writing($0)! }
            }
        }
        let result = emit { .loopEnd(loop: loop, element: element, into: $0) }
        finishLoop(loop, table, parent: parent, slot: slot, shape: shape, fold: fold, start: start, end: end, result: result,
                   frame: frame)
        return result
    }

    /// `alla|någon|ingen x i [a, b, …]: body` over a list written out: the body once for each
    /// element (see ``writtenOut(_:)``), joined by `och` (`alla`) or `eller` (`någon`, and
    /// `ingen` as its negation), which is the quantifier's truth. Nil, with nothing emitted, for
    /// any other domain or when that needs a closure.
    mutating func unrolled(_ quantifier: Quantifier, slot: Int, domain: TypedExpression, body: TypedExpression,
                           _ compiler: Compiler) -> Register? {
        guard case .list(let elements) = domain.kind,
              elements.count * body.size(limit: Self.maximumInlinedSize) <= Self.maximumInlinedSize else { return nil }
        var trial = self
        guard let (elements, computed) = trial.writtenOut(elements, compiler) else { return nil }
        let type = KundvalType.optional(.boolean)
        let join: BinaryOperator = quantifier == .all ? .and : .or
        let bodies = elements.map { body.replacingLocal(slot, with: $0) }
        var joined = bodies.first.map { first in
            bodies.dropFirst().reduce(first) { TypedExpression(.binary(join, $0, $1), type: type, span: domain.span) }
        } ?? TypedExpression(.boolean(quantifier != .some), type: type, span: domain.span)
        if quantifier == .none, !bodies.isEmpty { joined = TypedExpression(.unary(.not, joined), type: type, span: domain.span) }
        var register = trial.truth(of: joined, compiler)
        guard trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        // The value code computes the list before its first element's body: an element that
        // could not be computed fails the quantifier even where another element decides it.
        if let failure = trial.failure(of: computed) { register = trial.guarded(register, by: failure) }
        self = trial
        return register
    }

    /// `antal x i [a, b, …] [där filter]` and `summa x i [a, b, …]: body` over a list written
    /// out, into a value operand, as the value code counts and sums: every element computed
    /// (see ``writtenOut(_:)``); without a filter the number of elements; with one the sum of
    /// what each element's filter adds (see ``TruthInstruction/countTerm(_:into:)``: a filter
    /// not known for some makes the count a range); a sum the sum of the bodies, from 0
    /// (unknown when one is not a number, a range included). Nil, with nothing emitted, for
    /// any other domain or when that needs a closure.
    mutating func unrolled(_ fold: TruthProgram.Loop.Fold, slot: Int, domain: TypedExpression, body: TypedExpression?,
                           _ compiler: Compiler) -> ValueOperand? {
        guard fold.makesValue, case .list(let elements) = domain.kind,
              elements.count * (body?.size(limit: Self.maximumInlinedSize) ?? 1) <= Self.maximumInlinedSize else { return nil }
        var trial = self
        guard let (elements, computed) = trial.writtenOut(elements, compiler) else { return nil }
        func constant(_ integer: Int) -> ValueOperand {
            trial.scalarConstants.append(ScalarValue(Rational(integer: Int64(integer))))
            return .constant(Int32(trial.scalarConstants.count - 1))
        }
        var total = constant(fold == .count && body == nil ? elements.count : 0)
        if let body {
            for element in elements {
                let term: ValueOperand
                let each = body.replacingLocal(slot, with: element)
                if fold == .count {
                    // A filter not known makes the count a range, added up as the value code
                    // counts it. Whatever its type says: a test's facts may lack a field that
                    // cannot be missing (K0318).
                    let test = trial.truth(of: each, compiler)
                    term = .register(trial.emitValue { .countTerm(test, into: $0) })
                } else {
                    // The value code's sum is not known once a term is no number (a range is none).
                    let value = trial.value(of: each, compiler)
                    if case .register = value { term = .register(trial.emitValue { .exactValue(value, into: $0) }) } else { term = value }
                }
                trial.rules.append(.numbers(.add))
                let (sum, rule) = (total, Int32(trial.rules.count - 1))
                total = .register(trial.emitValue { .valueArithmetic(sum, term, rule: rule, into: $0) })
            }
        }
        guard trial.closures.count == closures.count, trial.valueClosures.count == valueClosures.count else { return nil }
        // Without a filter or body, an element that could not be computed fails the count too.
        if let failure = trial.failure(of: computed) { total = trial.guarded(total, by: failure) }
        self = trial
        return total
    }

    /// The elements of a list written out as expressions a body may read as often as it reads
    /// its element: a path or a constant as it is; any other value a register holds computed
    /// here, once, in the order of the list, and read through a local of its own (as a computed
    /// argument of an inlined call is), with where those are (see ``failure(of:)``). Nil when an
    /// element is none of these; the builder is then to be dropped (callers work on a trial copy).
    mutating func writtenOut(_ elements: [TypedExpression],
                             _ compiler: Compiler) -> (elements: [TypedExpression], computed: [ArgumentSource])? {
        var written: [TypedExpression] = []
        var computed: [ArgumentSource] = []
        for element in elements {
            if element.isPath {
                written.append(element)
                continue
            }
            guard ScalarValue.holds(element.type) else { return nil }
            let local = nextInlinedLocal
            nextInlinedLocal += 1
            if element.type.unwrapped == .boolean {
                let register = truth(of: element, compiler)
                boundTruths[local] = register
                computed.append(.truth(register))
            } else {
                let value = value(of: element, compiler)
                boundValues[local] = value
                computed.append(.value(value))
            }
            written.append(TypedExpression(.local(slot: local, name: "element"), type: element.type, span: element.span))
        }
        return (written, computed)
    }

    /// `antal x i domain [där filter]` over a fact table, into a value register: the table's
    /// length without a filter, else a loop counting the elements whose filter is `ja`.
    mutating func count(slot: Int, domain: TypedExpression, filter: TypedExpression?, _ compiler: Compiler) -> ValueRegister? {
        guard let filter else {
            guard let (table, parent) = table(of: domain, compiler) else { return nil }
            let loop = Int32(loops.count)
            loops.append(TruthProgram.Loop(table: table, parent: parent, slot: slot, bindsCursor: false,
                                           width: compiler.layout.tables[table].width, fold: .count, start: -1, end: -1, result: -1, frame: -1))
            return emitValue { .countAll(loop: loop, into: $0) }
        }
        return valueLoop(.count, slot: slot, domain: domain, reads: [filter], compiler,
                         lower: { $0.truth(of: filter, $1) }, end: { .countEnd(loop: $0, element: $1, into: $2) })
    }

    /// `element(list, position)` of a list of plain values with a fact table (`element(
    /// anordnare.tal, 2)`) into a value register, the position computed first; nil, with nothing
    /// emitted, for any other call.
    mutating func element(_ expression: TypedExpression, _ compiler: Compiler) -> ValueRegister? {
        guard case .callBuiltin(.element, let arguments) = expression.kind, arguments.count == 2,
              ScalarValue.holds(expression.type), let (table, parent) = table(of: arguments[0], compiler),
              compiler.layout.tables[table].scalar else { return nil }
        return element(table, parent: parent, position: arguments[1], field: 0, type: expression.type, compiler)
    }

    /// A field of `element(list, position)` of a list of records with a fact table (`element(
    /// anordnare.referenser, 1).datum`, or of a record inside it: `.utbildning.hp`) into a value
    /// register, the position computed first; nil, with nothing emitted, for any other
    /// expression (a field that is a record or a list).
    mutating func elementField(_ expression: TypedExpression, _ compiler: Compiler) -> ValueRegister? {
        guard let (base, path) = Self.fieldPath(expression), case .callBuiltin(.element, let arguments) = base.kind,
              arguments.count == 2, ScalarValue.holds(expression.type), let (table, parent) = table(of: arguments[0], compiler),
              let column = compiler.layout.tables[table].column(path) else { return nil }
        return element(table, parent: parent, position: arguments[1], field: column, type: expression.type, compiler)
    }

    /// The element at `position` of `table` (its field `field`), read as a value of `type`.
    private mutating func element(_ table: Int, parent: Cell?, position: TypedExpression, field: Int, type: KundvalType,
                                  _ compiler: Compiler) -> ValueRegister {
        let position = value(of: position, compiler)
        let loop = Int32(loops.count)
        loops.append(TruthProgram.Loop(table: table, parent: parent, slot: -1, bindsCursor: false,
                                       width: compiler.layout.tables[table].width, fold: .count, start: -1, end: -1, result: -1, frame: -1))
        let reading = Self.keyReading(type)
        return emitValue { .valueElement(loop: loop, position: position, field: Int32(field), reading, into: $0) }
    }

    /// `summa x i domain: body` over a fact table, into a value register.
    mutating func sum(slot: Int, domain: TypedExpression, body: TypedExpression, _ compiler: Compiler) -> ValueRegister? {
        guard ScalarValue.holds(body.type) else { return nil }
        return valueLoop(.sum, slot: slot, domain: domain, reads: [body], compiler,
                         lower: { $0.value(of: body, $1) }, end: { .sumEnd(loop: $0, element: $1, into: $2) })
    }

    /// `största x i domain [där filter]: body` (`minsta` when not `largest`) over a fact table,
    /// into a value register: the filter's truth and the body's value computed for each element,
    /// the value read only where the filter is `ja` (see
    /// ``TruthInstruction/extremeEnd(loop:filter:element:into:)``). Both read the element, so
    /// both must read it by its fields only (the loop binds a cursor, no local: a closure in the
    /// filter that took the element whole read a local no one had set).
    mutating func extreme(largest: Bool, slot: Int, domain: TypedExpression, filter: TypedExpression?, body: TypedExpression,
                          _ compiler: Compiler) -> ValueRegister? {
        guard ScalarValue.holds(body.type) else { return nil }
        return valueLoop(largest ? .largest : .smallest, slot: slot, domain: domain, reads: [filter, body].compactMap { $0 }, compiler,
                         lower: { builder, inner in (filter.map { builder.truth(of: $0, inner) }, builder.value(of: body, inner)) },
                         end: { .extremeEnd(loop: $0, filter: $1.0, element: $1.1, into: $2) })
    }

    /// A count, a sum, a largest or a smallest over a fact table: the body lowered by `lower`
    /// (with the compiler that reads the element as a cursor, which every expression of `reads`
    /// must allow) between `loopStart` and the end instruction `end` makes.
    private mutating func valueLoop<Element>(_ fold: TruthProgram.Loop.Fold, slot: Int, domain: TypedExpression,
                                             reads: [TypedExpression], _ compiler: Compiler,
                                             lower: (inout TruthProgramBuilder, Compiler) -> Element,
                                             end: (Int32, Element, ValueRegister) -> TruthInstruction) -> ValueRegister? {
        guard let (table, shape, parent, inner) = loopTable(slot: slot, domain: domain, reads: reads, compiler) else { return nil }
        let (loop, start, frame) = startLoop(table, slot: slot, shape: shape)
        let element = lower(&self, inner)
        elements.removeLast()
        let bodyEnd = instructions.count
        let result = emitValue { end(loop, element, $0) }
        finishLoop(loop, table, parent: parent, slot: slot, shape: shape, fold: fold, start: start, end: bodyEnd, result: result,
                   frame: frame)
        return result
    }

    /// The table of `domain`: the list at a slot, or a list in a field of the element of a
    /// loop around this one (a nested table, with that field's cell); nil for any other list.
    private func table(of domain: TypedExpression, _ compiler: Compiler) -> (table: Int, parent: Cell?)? {
        if let domainSlot = compiler.flatSlot(domain), let table = compiler.layout.tableOfSlot[domainSlot] { return (table, nil) }
        guard let cell = cell(domain, compiler), cell.frame < elements.count, case let element = elements[Int(cell.frame)],
              let table = compiler.layout.tableOfField[element.table]?[Int(cell.field)] else { return nil }
        return (table, cell)
    }

    /// The table of `domain`, its shape, the cell of a nested table's list (see
    /// ``table(of:_:)``), and the compiler of a body that reads its element (bound to `slot`) as
    /// a cursor; nil when `domain` is not a fact table or an expression of `reads` (what the body
    /// lowers) reads the element otherwise than by its fields.
    private func loopTable(slot: Int, domain: TypedExpression, reads: [TypedExpression],
                           _ compiler: Compiler) -> (Int, FactTable, Cell?, Compiler)? {
        guard let (table, parent) = table(of: domain, compiler) else { return nil }
        let shape = compiler.layout.tables[table]
        if shape.scalar { return (table, shape, parent, compiler.withScalarCursor(slot)) }
        let definitions = seesThroughCalls ? compiler.definitions : nil
        guard reads.allSatisfy({ compiler.canBindCursor(slot, in: $0, through: definitions) }) else { return nil }
        return (table, shape, parent, compiler.withCursor(slot))
    }

    /// Emits a loop's `loopStart` and makes its element the body's: the loop, where it
    /// starts and its frame. The body's cells of this loop's element name this frame; those of
    /// the loops around it name lower ones, those of loops inside it higher ones.
    private mutating func startLoop(_ table: Int, slot: Int, shape: FactTable)
        -> (loop: Int32, start: Int, frame: Int32) {
        let loop = Int32(loops.count)
        loops.append(nil)
        let start = instructions.count
        instructions.append(.loopStart(loop: loop))
        let frame = Int32(elements.count)
        elements.append((slot, frame, shape.scalar, table))
        return (loop, start, frame)
    }

    /// Records a loop whose body lies between `start` and `end` (its end instruction) and whose
    /// value goes to `result`.
    private mutating func finishLoop(_ loop: Int32, _ table: Int, parent: Cell?, slot: Int, shape: FactTable,
                                     fold: TruthProgram.Loop.Fold, start: Int, end: Int, result: Int32, frame: Int32) {
        let bindsCursor = instructions[start..<end].contains {
            switch $0 {
            case .closure, .valueClosure: true
            default: false
            }
        }
        loops[Int(loop)] = TruthProgram.Loop(table: table, parent: parent, slot: slot, bindsCursor: bindsCursor, width: shape.width,
                                             fold: fold, start: start, end: end, result: result, frame: frame)
        frameCount = max(frameCount, frame + 1)
    }
}
