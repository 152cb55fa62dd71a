// Texts in a truth program's value registers: a register holds a text as the place it is in
// (see ``ScalarValue/TextSource``), so reading one, comparing two and handing one to the caller
// read the text there. Off the hot path: the executor checks a register's kind (see
// ``order(_:_:_:_:)``) and comes here only for a text.

extension TruthProgram {
    /// A text fact or field as a register holds it: as where it is (unknown when it is not
    /// known). Out of line, so that ``scalar(_:_:_:_:)`` stays small enough to be inlined.
    @inline(never)
    static func text(at place: FactPlace, _ context: FactView, _ frames: FencedBuffer<Frame>) -> ScalarValue {
        switch place {
        case .slot(let slot):
            return ScalarValue(context.flat[Int(slot)], .slot, at: Int(slot))
        case .cell(let cell):
            let (frame, field) = (frames[Int(cell.frame)], Int(cell.field))
            return ScalarValue(frame.value(field), .cell, at: frame.values.start(in: context.cells) + frame.offset + field)
        }
    }

    /// The text a register holds where it is (see ``ScalarValue/TextSource``); nil for a value
    /// that is no text. Its index is checked in release builds too (this is off the hot path):
    /// a register is written before it is read, and a text's place is inside its source.
    func text(_ value: ScalarValue, _ context: FactView, _ lazy: inout LazyContext) -> String? {
        guard value.kind == .text, let source = ScalarValue.TextSource(rawValue: value.first) else { return nil }
        let index = Int(value.second)
        let count = switch source {
        case .constant: constants.count
        case .slot: context.flat.count
        case .cell: context.cells.count
        case .kept: lazy.context.keptTexts.count
        }
        precondition(index >= 0 && index < count, "a text at \(index) outside its source of \(count)")
        let held: Value = switch source {
        case .constant: constants[index]
        case .slot: context.flat[index]
        case .cell: context.cells[index]
        case .kept: .text(lazy.context.keptTexts[index])
        }
        guard case .text(let text) = held else { return nil }
        return text
    }

    /// ``order(_:_:_:_:)`` of two texts (of a text and another value: nil). Out of line: texts
    /// are rare on the hot path.
    @inline(never)
    func textOrder(_ x: ScalarValue, _ y: ScalarValue, _ context: FactView, _ lazy: inout LazyContext) -> Int? {
        guard let a = text(x, context, &lazy), let b = text(y, context, &lazy) else { return nil }
        return Compiler.order(.text(a), .text(b))
    }

    /// The value a register holds, a text read where it is.
    func value(of scalar: ScalarValue, _ context: FactView, _ lazy: inout LazyContext) -> Value {
        guard scalar.kind == .text else { return scalar.value }
        return text(scalar, context, &lazy).map { .text($0) } ?? .unknown
    }
}
