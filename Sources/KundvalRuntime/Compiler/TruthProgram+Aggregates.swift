import KundvalChecker

// Instructions of a truth program that run out of line (see `TruthProgram+Execute.swift`):
// counts, sums and built-in functions, and the step that moves a loop to its next element.
// Kept out of `execute`, they leave the registers of its hot cases as they were.

extension TruthProgram {
    /// A counting loop's end (see ``TruthInstruction/countEnd(loop:element:into:)``): where the
    /// body starts again, or nil when the loop is done.
    @inline(never)
    func count(loop index: Int32, _ truth: Truth, into t: ValueRegister, _ frames: FencedBuffer<Frame>,
               _ v: FencedBuffer<ScalarValue>, _ lazy: inout LazyContext) throws(EvaluationError) -> Int? {
        let loop = loops[Int(index)]
        var frame = frames[Int(loop.frame)]
        switch truth {
        // At most as many as the table's elements: no overflow.
        case .yes: v[Int(t)].first &+= 1
        case .unknown: frame.accumulator = .unknown
        default: break
        }
        if frame.remaining == 0 {
            // Elements not known make the count a range, which the value code holds and a
            // register does not (see ``Value/bounded(low:high:)``): rare in facts, and decided
            // there, as an error is.
            if frame.accumulator != .yes { throw .countNotExact }
            return nil
        }
        return Self.advance(loop, &frame, frames, &lazy)
    }

    /// A summing loop's end (see ``TruthInstruction/sumEnd(loop:element:into:)``): where the
    /// body starts again, or nil when the loop is done.
    @inline(never)
    func sum(loop index: Int32, _ element: ValueOperand, into t: ValueRegister, _ context: FactView,
             _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>, _ lazy: inout LazyContext) throws(EvaluationError) -> Int? {
        guard let number = scalar(element, context, frames, v).number, let total = v[Int(t)].number else {
            v[Int(t)] = .unknown
            return nil
        }
        v[Int(t)] = ScalarValue(try total + number)
        let loop = loops[Int(index)]
        var frame = frames[Int(loop.frame)]
        guard frame.remaining > 0 else { return nil }
        return Self.advance(loop, &frame, frames, &lazy)
    }

    /// The length of a loop's table (see ``TruthInstruction/countAll(loop:into:)``).
    @inline(never)
    func countAll(loop index: Int32, into t: ValueRegister, _ context: FactView, _ frames: FencedBuffer<Frame>,
                  _ v: FencedBuffer<ScalarValue>) {
        let loop = loops[Int(index)]
        let table = self.table(of: loop, context, frames)
        v[Int(t)] = table.count < 0 ? .unknown : ScalarValue(Rational(integer: Int64(table.count)))
    }

    /// `element(list, position)` of a loop's table, or a field of it (see
    /// ``TruthInstruction/valueElement(loop:position:field:_:into:)``): the element at the
    /// position counted from 1 (its field `field`, 0 for a plain element), read as `reading`
    /// says; unknown for an unknown list and for a position that is not an integer within it, as
    /// the value code answers.
    @inline(never)
    func element(loop index: Int32, _ position: ValueOperand, field: Int32, _ reading: ValueOperand.Reading,
                 into t: ValueRegister, _ context: FactView, _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) {
        let table = self.table(of: loops[Int(index)], context, frames)
        let at = scalar(position, context, frames, v)
        guard table.count >= 0, at.kind == .number, at.second == 1, at.first >= 1, at.first <= Int64(table.count) else {
            v[Int(t)] = .unknown
            return
        }
        let cell = Int(at.first - 1) * table.width + Int(field)
        // A text is held as where it is (see ``ScalarValue/TextSource``).
        v[Int(t)] = reading == .value ? ScalarValue(table.values[cell], .cell, at: table.values.start(in: context.cells) + cell)
            : ScalarValue(key: table.keys[cell], reading, in: table.values, at: cell)
    }

    /// A built-in function's value (see ``TruthInstruction/valueBuiltin(_:_:_:into:)``).
    @inline(never)
    func callBuiltin(_ builtin: Builtin, _ a: ValueOperand, _ b: ValueOperand?, into t: ValueRegister, _ context: FactView,
                     _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) throws(EvaluationError) {
        let second = b.map { scalar($0, context, frames, v).value } ?? .unknown
        v[Int(t)] = ScalarValue(try Compiler.apply(builtin, scalar(a, context, frames, v).value, second))
    }

    /// Moves a running loop to its next element (binding it as the cursor when the loop's
    /// closures read one): where the body starts.
    @inline(__always)
    static func advance(_ loop: Loop, _ frame: inout Frame, _ frames: FencedBuffer<Frame>, _ lazy: inout LazyContext) -> Int {
        frame.remaining -= 1
        frame.offset += frame.width
        frames[Int(loop.frame)] = frame
        if loop.bindsCursor {
            lazy.context.cursors[loop.slot] = Cursor(fields: frame.values.window(from: frame.offset, count: frame.width),
                                                     truths: frame.truths.window(from: frame.offset, count: frame.width))
        }
        return loop.start + 1
    }
}
