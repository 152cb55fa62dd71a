// How the instructions of a truth program read what they work on: registers as truths and
// statuses, fact literals a word at a time, fields of a loop's current element, value and date
// operands, documents' issue dates. The loop that runs the instructions is in
// `TruthProgram+Execute.swift`.

import KundvalSyntax

extension FencedBuffer where Element == UInt8 {
    /// Byte `register` of a program's register file as a truth.
    @inline(__always)
    subscript(truth register: Register) -> Truth {
        get { Truth(rawValue: self[Int(register)]) }
        nonmutating set { self[Int(register)] = newValue.rawValue }
    }

    /// Byte `register` of a program's register file as a status.
    @inline(__always)
    subscript(status register: Register) -> Status {
        get { Status(rawValue: self[Int(register)]) }
        nonmutating set { self[Int(register)] = newValue.rawValue }
    }
}

extension TruthProgram {
    /// A truth byte of the facts' storage (0 `nej`, 1 `ja`, 2 unknown) as a ``Truth``.
    @inline(__always)
    static func ordered(_ byte: UInt8) -> Truth { Truth(rawValue: ((byte << 1) & 3) | (byte >> 1)) }

    /// Whether a value of an enumeration, by its key (see ``FactKey``), is case `index`.
    @inline(__always)
    static func isCase(_ key: Int32, _ index: Int32, negated: Bool) -> Truth {
        guard key != FactKey.unknown else { return .unknown }
        return Truth((key == index) != negated)
    }

    /// Whether a field, by its byte (see ``CellByte``), is enumeration case `index` (below
    /// ``CellByte/caseLimit``).
    @inline(__always)
    static func isCase(byte: UInt8, _ index: Int32, negated: Bool) -> Truth {
        guard byte != CellByte.unknown else { return .unknown }
        return Truth((Int32(byte) == index &+ Int32(CellByte.firstCase)) != negated)
    }

    /// The conjunction of the fact literals `literals`, a word at a time: `nej` when one is
    /// `nej`, `ja` when all are `ja`, unknown otherwise. A presence literal (`finns`,
    /// `saknas`) is always `ja` or `nej`.
    @inline(__always)
    func all(_ literals: Range<Int32>, _ context: FactView) -> Truth {
        var decided = true
        var index = Int(literals.lowerBound)
        let end = Int(literals.upperBound)
        while index < end {
            let word = words[index]
            index &+= 1
            let (yes, no, known) = (context.yes[word.word], context.no[word.word], context.known[word.word])
            if (no & word.positive) | (yes & word.negative) | (~known & word.present) | (known & word.absent) != 0 { return .no }
            if (yes & word.positive) != word.positive || (no & word.negative) != word.negative { decided = false }
        }
        return decided ? .yes : .unknown
    }

    /// The disjunction of fact literals: `ja` when one is `ja`, `nej` when all are `nej`,
    /// unknown otherwise. The dual of ``all(_:_:)``, written out: computing it as the negated
    /// `all` over the negated literals (the `ja` and `nej` bit sets swapped) made a decision
    /// half as slow again in release builds.
    @inline(__always)
    func any(_ literals: Range<Int32>, _ context: FactView) -> Truth {
        var decided = true
        var index = Int(literals.lowerBound)
        let end = Int(literals.upperBound)
        while index < end {
            let word = words[index]
            index &+= 1
            let (yes, no, known) = (context.yes[word.word], context.no[word.word], context.known[word.word])
            if (yes & word.positive) | (no & word.negative) | (known & word.present) | (~known & word.absent) != 0 { return .yes }
            if (no & word.positive) != word.positive || (yes & word.negative) != word.negative { decided = false }
        }
        return decided ? .no : .unknown
    }

    /// A quantifier over one field of a table's elements, read from its bytes (see
    /// ``CellByte``): `alla` is the minimum, `någon` the maximum, `ingen` the negated maximum,
    /// stopping as soon as decided; unknown for an unknown list.
    @inline(__always)
    static func quantify(_ quantifier: Loop.Fold, _ table: FactStorage.Table, field: Int,
                         _ truth: (UInt8) -> Truth) -> Truth {
        guard table.count >= 0 else { return .unknown }
        var byte = field
        var remaining = table.count
        if quantifier == .all {
            var result = Truth.yes
            while remaining > 0, result != .no {
                result = min(result, truth(table.truths[byte]))
                byte += table.width
                remaining -= 1
            }
            return result
        }
        var found = Truth.no
        while remaining > 0, found != .yes {
            found = max(found, truth(table.truths[byte]))
            byte += table.width
            remaining -= 1
        }
        return found.negated(if: quantifier == .none)
    }

    /// The elements a loop walks: the list at its slot, or the list in a field of the element
    /// of the loop around it (a nested table: the element's key of that field is the index of
    /// its list's header, below 0 when the list is not known; see ``FactStorage``).
    @inline(__always)
    func table(of loop: Loop, _ context: FactView, _ frames: FencedBuffer<Frame>) -> FactStorage.Table {
        guard let parent = loop.parent else { return context.table(loop.table, width: loop.width) }
        let key = frames[Int(parent.frame)].key(Int(parent.field))
        let header = key >= 0 ? context.elementHeaders[Int(key)] : FactStorage.TableHeader(start: 0, count: -1)
        return FactStorage.Table(header, cells: context.cells, truths: context.cellTruths, keys: context.cellKeys, width: loop.width)
    }

    /// The value a value operand reads. Kept small: the compiler inlines it into the executor
    /// only while it is, marked or not (what is rare — a text's place, a date read from its
    /// value — is out of line). `objdump -d` of `execute` in a release build shows whether it
    /// calls it; with the text read here it did, at eleven places of the executor.
    @inline(__always)
    func scalar(_ operand: ValueOperand, _ context: FactView, _ frames: FencedBuffer<Frame>,
                _ v: FencedBuffer<ScalarValue>) -> ScalarValue {
        switch operand {
        case .register(let register): return v[Int(register)]
        case .slot(let slot, let reading):
            let slot = Int(slot)
            return reading == .value ? ScalarValue(context.flat[slot])
                : ScalarValue(key: context.slotKeys[slot], reading, in: context.flat, at: slot)
        case .cell(let cell, let reading):
            let (frame, field) = (frames[Int(cell.frame)], Int(cell.field))
            return reading == .value ? ScalarValue(frame.value(field))
                : ScalarValue(key: frame.key(field), reading, in: frame.values, at: frame.offset + field)
        case .text(let place):
            return Self.text(at: place, context, frames)
        case .constant(let index): return scalarConstants[Int(index)]
        }
    }

    /// -1, 0 or 1 as ``Compiler/order(_:_:)`` orders the values two registers hold, texts
    /// read where they are; `nil` when either is unknown or they are of different kinds.
    @inline(__always)
    func order(_ x: ScalarValue, _ y: ScalarValue, _ context: FactView, _ lazy: inout LazyContext) -> Int? {
        x.kind == .text || y.kind == .text ? textOrder(x, y, context, &lazy) : ScalarValue.order(x, y)
    }

    /// The day number of a date operand; nil when the date is not known.
    @inline(__always)
    func dayNumber(_ operand: DateOperand, _ context: FactView, _ frames: FencedBuffer<Frame>,
                   _ v: FencedBuffer<ScalarValue>) -> Int32? {
        switch operand {
        case .key(let place):
            let key = switch place {
            case .slot(let slot): context.slotKeys[Int(slot)]
            case .cell(let cell): frames[Int(cell.frame)].key(Int(cell.field))
            }
            switch key {
            case FactKey.unknown: return nil
            // A date always has its day number as its key; read the value should that change.
            case FactKey.other: return dayNumber(at: place, context, frames, v)
            default: return key
            }
        case .register(let register):
            let value = v[Int(register)]
            return value.kind == .date ? Int32(truncatingIfNeeded: value.first) : nil
        case .day(let day):
            return day
        }
    }

    /// The day number of a date fact or field read from its value (see ``dayNumber(_:_:_:_:)``).
    /// Out of line, so that the day number of a key stays small enough to be inlined.
    @inline(never)
    func dayNumber(at place: FactPlace, _ context: FactView, _ frames: FencedBuffer<Frame>,
                   _ v: FencedBuffer<ScalarValue>) -> Int32? {
        scalar(place.operand(.date), context, frames, v).day?.number
    }

    /// Whether a presence guard is met (no guard is always met).
    @inline(__always)
    static func holds(_ guarded: PresenceGuard?, _ context: FactView, _ frames: FencedBuffer<Frame>) -> Bool {
        guard let guarded else { return true }
        let known = switch guarded.place {
        case .slot(let slot): context.isKnown(Int(slot))
        case .cell(let cell): frames[Int(cell.frame)].truth(Int(cell.field)) != CellByte.unknown
        }
        return known == guarded.present
    }

    /// The value of a fact where it is.
    @inline(__always)
    static func value(at place: FactPlace, _ context: FactView, _ frames: FencedBuffer<Frame>) -> Value {
        switch place {
        case .slot(let slot): context.flat[Int(slot)]
        case .cell(let cell): frames[Int(cell.frame)].value(Int(cell.field))
        }
    }

    /// The truth an operand of `all` or `any` reads.
    @inline(__always)
    func read(_ operand: TruthOperand, _ context: FactView, _ frames: FencedBuffer<Frame>,
              _ v: FencedBuffer<ScalarValue>) -> Truth {
        let truth: Truth = switch operand.source {
        case .key(let test): keyTruth(test, context, frames, v)
        case .cell(let cell): Self.ordered(frames[Int(cell.frame)].truth(Int(cell.field)))
        case .cellKnown(let cell): Truth(frames[Int(cell.frame)].truth(Int(cell.field)) != CellByte.unknown)
        case .slotIsCase(let slot, let index): Self.isCase(context.slotKeys[Int(slot)], index, negated: false)
        case .cellIsCase(let cell, let index): Self.isCase(byte: frames[Int(cell.frame)].truth(Int(cell.field)), index, negated: false)
        }
        return truth.negated(if: operand.negated)
    }

    /// The truth of a key test (see ``KeyTest``): unknown for an unknown fact.
    @inline(__always)
    func keyTruth(_ test: KeyTest, _ context: FactView, _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) -> Truth {
        let key = switch test.place {
        case .slot(let slot): context.slotKeys[Int(slot)]
        case .cell(let cell): frames[Int(cell.frame)].key(Int(cell.field))
        }
        switch key {
        case FactKey.unknown:
            return .unknown
        case FactKey.other:
            return valueTruth(test, context, frames, v)
        default:
            let (x, y) = (Int64(key), scalarConstants[Int(test.constant)].first)
            return Truth(test.comparison.holds(x < y ? -1 : x == y ? 0 : 1))
        }
    }

    /// The truth of a key test whose key says the value must be read (a number that is not an
    /// integer of 32 bits): rare, so out of the way of the common case.
    @inline(never)
    func valueTruth(_ test: KeyTest, _ context: FactView, _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) -> Truth {
        test.comparison.truth(ScalarValue.order(scalar(test.place.operand(test.reading), context, frames, v),
                                                scalarConstants[Int(test.constant)]))
    }

    /// The date a document was issued: the document itself when it is a date (and `field` is
    /// nil), else its field `field` when that is a date; nil otherwise (as the value code of
    /// `högst … gammalt` reads it).
    @inline(__always)
    static func issueDate(of document: Value, field: Int32?) -> Day? {
        switch (document, field) {
        case (.date(let day), nil): return day
        case (.record(let fields), let field?) where Int(field) < fields.count:
            guard case .date(let day) = fields[Int(field)] else { return nil }
            return day
        default: return nil
        }
    }

    /// A register read by `both` or `either`.
    @inline(__always)
    static func read(_ read: RegisterRead, _ r: FencedBuffer<UInt8>) -> Truth {
        r[truth: read.register].negated(if: read.negated)
    }
}
