import KundvalSyntax

extension TruthProgram {
    /// A truth byte of the facts' storage (0 `nej`, 1 `ja`, 2 unknown) in the program's order
    /// (0 `nej`, 1 unknown, 2 `ja`).
    @inline(__always)
    static func ordered(_ truth: UInt8) -> UInt8 { ((truth << 1) & 3) | (truth >> 1) }

    /// An order (-1, 0 or 1; `nil` when the values cannot be compared) as the truth of the
    /// comparison with raw value `comparison`.
    @inline(__always)
    static func truth(_ comparison: Int32, _ order: Int?) -> UInt8 {
        guard let order else { return 1 }
        return (TruthComparison(rawValue: comparison) ?? .equal).holds(order) ? 2 : 0
    }

    @inline(__always)
    static func compare(_ value: Value, _ comparison: Int32, _ constant: Value) -> UInt8 {
        truth(comparison, Compiler.order(value, constant))
    }

    /// Whether a value of an enumeration, by its key (see ``FactKey``), is case `index`.
    @inline(__always)
    static func isCase(_ key: Int32, _ index: Int32, negated: Int32) -> UInt8 {
        guard key != FactKey.unknown else { return 1 }
        return (key == index) != (negated != 0) ? 2 : 0
    }

    /// Whether a field, by its byte (see ``CellByte``), is enumeration case `index` (below
    /// ``CellByte/caseLimit``).
    @inline(__always)
    static func isCase(byte: UInt8, _ index: Int32, negated: Int32) -> UInt8 {
        guard byte != CellByte.unknown else { return 1 }
        return (Int32(byte) == index &+ Int32(CellByte.firstCase)) != (negated != 0) ? 2 : 0
    }

    /// The conjunction of fact literals, a word at a time: `nej` when one is `nej`, `ja` when
    /// all are `ja`, unknown otherwise.
    @inline(__always)
    static func all(_ words: FencedBuffer<LiteralWord>, _ start: Int, _ count: Int, _ context: FactView) -> UInt8 {
        var known = true
        for index in start..<start + count {
            let word = words[index]
            let (yes, no) = (context.yes[word.word], context.no[word.word])
            if (no & word.positive) | (yes & word.negative) != 0 { return 0 }
            if (yes & word.positive) != word.positive || (no & word.negative) != word.negative { known = false }
        }
        return known ? 2 : 1
    }

    /// The disjunction of fact literals: `ja` when one is `ja`, `nej` when all are `nej`,
    /// unknown otherwise. The dual of ``all(_:_:_:)``, written out: computing it as the negated
    /// `all` over the negated literals (the `ja` and `nej` bit sets swapped) made a decision
    /// half as slow again in release builds.
    @inline(__always)
    static func any(_ words: FencedBuffer<LiteralWord>, _ start: Int, _ count: Int, _ context: FactView) -> UInt8 {
        var known = true
        for index in start..<start + count {
            let word = words[index]
            let (yes, no) = (context.yes[word.word], context.no[word.word])
            if (yes & word.positive) | (no & word.negative) != 0 { return 2 }
            if (no & word.positive) != word.positive || (yes & word.negative) != word.negative { known = false }
        }
        return known ? 0 : 1
    }

    /// A quantifier over one field of a table's elements, read from its bytes (see
    /// ``CellByte``): `alla` is the minimum, `någon` the maximum, `ingen` the negated maximum,
    /// stopping as soon as decided; unknown for an unknown list.
    @inline(__always)
    static func quantify(_ quantifier: Quantifier, _ table: FactStorage.Table, field: Int,
                         _ truth: (UInt8) -> UInt8) -> UInt8 {
        guard table.count >= 0 else { return 1 }
        var byte = field
        var remaining = table.count
        if quantifier == .all {
            var result: UInt8 = 2
            while remaining > 0, result != 0 {
                result = min(result, truth(table.truths[byte]))
                byte += table.width
                remaining -= 1
            }
            return result
        }
        var found: UInt8 = 0
        while remaining > 0, found != 2 {
            found = max(found, truth(table.truths[byte]))
            byte += table.width
            remaining -= 1
        }
        return quantifier == .none ? 2 - found : found
    }

    /// The value a value operand reads (see ``ValueOperand``).
    @inline(__always)
    func scalar(_ operand: Int32, _ context: FactView, _ frames: FencedBuffer<Frame>,
                _ v: FencedBuffer<ScalarValue>) -> ScalarValue {
        let payload = Int(operand >> 2)
        switch operand & 3 {
        case ValueOperand.register: return v[payload]
        case ValueOperand.slot:
            let slot = payload >> 2
            return payload & 3 == ValueOperand.value ? ScalarValue(context.flat[slot])
                : ScalarValue(key: context.slotKeys[slot], kind: payload & 3, in: context.flat, at: slot)
        case ValueOperand.cell:
            let (frame, field) = (frames[payload >> 18], (payload >> 2) & 0xFFFF)
            return payload & 3 == ValueOperand.value ? ScalarValue(frame.value(field))
                : ScalarValue(key: frame.key(field), kind: payload & 3, in: frame.values, at: frame.offset + field)
        default: return scalarConstants[payload]
        }
    }

    /// Register `index`'s truth, negated (`inte`) unless `negated` is 0.
    @inline(__always)
    static func register(_ r: FencedBuffer<UInt8>, _ index: Int32, negated: Int32) -> UInt8 {
        let truth = r[Int(index)]
        return negated == 0 ? truth : 2 &- truth
    }

    /// Whether a presence guard (see ``PresenceGuard``) is met.
    @inline(__always)
    static func holds(_ guarded: Int32, _ context: FactView, _ frames: FencedBuffer<Frame>) -> Bool {
        let payload = Int(guarded >> 3)
        let known = guarded & 4 == 0 ? context.isKnown(payload) : frames[payload >> 16].truth(payload & 0xFFFF) != CellByte.unknown
        return known == (guarded & 2 != 0)
    }

    /// The truth an operand of `all` or `any` reads (see ``TruthOperand``).
    @inline(__always)
    static func read(_ operand: Int32, _ context: FactView, _ r: FencedBuffer<UInt8>,
                     _ frames: FencedBuffer<Frame>) -> UInt8 {
        let payload = Int(operand >> 3)
        let truth: UInt8
        switch (operand >> 1) & 3 {
        case TruthOperand.slot: truth = context.truth(payload)
        case TruthOperand.register: truth = r[payload]
        case TruthOperand.cell: truth = ordered(frames[payload >> 16].truth(payload & 0xFFFF))
        default:
            let place = payload >> 1
            truth = payload & 1 == 0 ? isCase(context.slotKeys[place >> 12], Int32(place & 0xFFF), negated: 0)
                : isCase(byte: frames[place >> 23].truth((place >> 12) & 0x7FF), Int32(place & 0xFFF), negated: 0)
        }
        return operand & 1 == 0 ? truth : 2 &- truth
    }

    func execute(_ facts: FactView, _ lazy: inout LazyContext, _ r: FencedBuffer<UInt8>,
                 _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) throws(EvaluationError) {
        let context = facts
        // The next instruction; a jump sets it.
        var next = 0
        let end = instructions.count
        while next < end {
            let i = instructions[next]
            next += 1
            let t = Int(i.target)
            switch i.operation {
            case .constant:
                r[t] = UInt8(truncatingIfNeeded: i.a)
            case .slotTruth:
                r[t] = context.truth(Int(i.a))
            case .slotKnown:
                r[t] = context.isKnown(Int(i.a)) == (i.b != 0) ? 2 : 0
            case .slotCompare:
                r[t] = Self.compare(context.flat[Int(i.a)], i.b, constants[Int(i.c)])
            case .slotIsCase:
                r[t] = Self.isCase(context.slotKeys[Int(i.a)], i.b, negated: i.c)
            case .cellTruth:
                r[t] = Self.ordered(frames[Int(i.a)].truth(Int(i.b)))
            case .cellKnown:
                r[t] = (frames[Int(i.a)].truth(Int(i.b)) != CellByte.unknown) == (i.c != 0) ? 2 : 0
            case .cellIsCase:
                r[t] = Self.isCase(byte: frames[Int(i.a)].truth(Int(i.b)), i.c, negated: i.d)
            case .cellCompare:
                r[t] = Self.compare(frames[Int(i.a)].value(Int(i.b)), i.c, constants[Int(i.d)])
            case .valueArithmetic:
                let (a, b) = (scalar(i.a, context, frames, v), scalar(i.b, context, frames, v))
                v[t] = try rules[Int(i.c)].apply(a, b)
            case .valueClosure:
                v[t] = ScalarValue(try valueClosures[Int(i.a)].run(lazy.context))
            case .compareArithmetic:
                if i.guarded != 0, !Self.holds(i.guarded, context, frames) {
                    r[t] = 0
                    continue
                }
                let d = i.d
                let computed = try rules[Int(d >> 3)].apply(scalar(i.b, context, frames, v), scalar(i.c, context, frames, v))
                r[t] = Self.truth(d & 7, ScalarValue.order(scalar(i.a, context, frames, v), computed))
            case .compareValues:
                if i.guarded != 0, !Self.holds(i.guarded, context, frames) {
                    r[t] = 0
                    continue
                }
                let (a, b) = (scalar(i.a, context, frames, v), scalar(i.b, context, frames, v))
                r[t] = Self.truth(i.c, ScalarValue.order(a, b))
            case .all:
                var truth = Self.all(words, Int(i.c), Int(i.d), context)
                if truth != 0 {
                    for index in Int(i.a)..<Int(i.a) + Int(i.b) {
                        truth = min(truth, Self.read(operands[index], context, r, frames))
                    }
                }
                r[t] = truth
            case .any:
                var truth = Self.any(words, Int(i.c), Int(i.d), context)
                if truth != 2 {
                    for index in Int(i.a)..<Int(i.a) + Int(i.b) {
                        truth = max(truth, Self.read(operands[index], context, r, frames))
                    }
                }
                r[t] = truth
            case .both:
                r[t] = min(Self.register(r, i.a, negated: i.c & 1), Self.register(r, i.b, negated: i.c & 2))
            case .either:
                r[t] = max(Self.register(r, i.a, negated: i.c & 1), Self.register(r, i.b, negated: i.c & 2))
            case .conditional:
                let condition = r[Int(i.a)]
                r[t] = condition == 2 ? r[Int(i.b)] : condition == 0 ? r[Int(i.c)] : 1
            case .closure:
                r[t] = Self.ordered(try closures[Int(i.a)].run(lazy.context))
            case .literals:
                for index in Int(i.c)..<Int(i.c) + Int(i.d) {
                    let test = wordTests[index]
                    let word = Int(test.word)
                    r[Int(test.target >> 1)] = test.truth(yes: context.yes[word], no: context.no[word])
                }
                for index in Int(i.a)..<Int(i.a) + Int(i.b) {
                    let literal = hoisted[index]
                    r[Int(literal.target)] = literal.operation == .all
                        ? Self.all(words, Int(literal.c), Int(literal.d), context) : Self.any(words, Int(literal.c), Int(literal.d), context)
                }
            case .quantifyTruth:
                let loop = loops[Int(i.a)]
                let table = context.table(loop.table, width: loop.width)
                r[t] = Self.quantify(loop.quantifier, table, field: Int(i.b)) { Self.ordered($0) }
            case .quantifyCase:
                let loop = loops[Int(i.a)]
                let table = context.table(loop.table, width: loop.width)
                r[t] = Self.quantify(loop.quantifier, table, field: Int(i.b)) { Self.isCase(byte: $0, i.c, negated: i.d) }
            case .loopStart:
                let loop = loops[Int(i.a)]
                let table = context.table(loop.table, width: loop.width)
                guard table.count > 0 else {
                    // An unknown list decides nothing; an empty one holds for `alla` and `ingen`.
                    r[Int(loop.result)] = table.count < 0 ? 1 : loop.quantifier == .some ? 0 : 2
                    next = loop.end + 1
                    continue
                }
                frames[Int(i.a)] = Frame(values: table.values, truths: table.truths, keys: table.keys, offset: 0,
                                         remaining: table.count - 1, width: table.width, accumulator: loop.quantifier == .all ? 2 : 0)
                if loop.bindsCursor {
                    let context = lazy.context
                    context.reserveCursor(loop.slot)
                    context.cursors[loop.slot] = Cursor(fields: table.values.window(from: 0, count: table.width),
                                                        truths: table.truths.window(from: 0, count: table.width))
                }
            case .loopEnd:
                let index = Int(i.a)
                let loop = loops[index]
                var frame = frames[index]
                let element = r[Int(i.b)]
                let decided: Bool
                if loop.quantifier == .all {
                    frame.accumulator = min(frame.accumulator, element)
                    decided = frame.accumulator == 0
                } else {
                    frame.accumulator = max(frame.accumulator, element)
                    decided = frame.accumulator == 2
                }
                if decided || frame.remaining == 0 {
                    r[t] = loop.quantifier == .none ? 2 - frame.accumulator : frame.accumulator
                    continue
                }
                frame.remaining -= 1
                frame.offset += frame.width
                frames[index] = frame
                if loop.bindsCursor {
                    lazy.context.cursors[loop.slot] = Cursor(fields: frame.values.window(from: frame.offset, count: frame.width),
                                                             truths: frame.truths.window(from: frame.offset, count: frame.width))
                }
                next = loop.start + 1
            case .part:
                let applies = r[Int(i.a)]
                r[t] = applies == 0 ? 3 : applies == 2 ? r[Int(i.b)] : 1
            case .combine:
                r[t] = min(r[Int(i.a)], r[Int(i.b)])
            case .store:
                r[Int(i.a)] = r[Int(i.b)]
            case .document:
                guard context.isKnown(Int(i.a)) else {
                    r[t] = 1
                    continue
                }
                guard i.c >= 0 else {
                    r[t] = 2
                    continue
                }
                guard i.d < 2, case .date(let issued) = context.flat[Int(i.d == 0 ? i.a : i.b)] else {
                    r[t] = 1
                    continue
                }
                r[t] = ages[Int(i.c)].isExceeded(issued: issued, on: lazy.date) ? 0 : 2
            case .gate:
                let documents = r[Int(i.a)]
                r[t] = documents == 2 ? r[Int(i.b)] : documents
            }
        }
    }
}
