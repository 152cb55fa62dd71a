import KundvalChecker

// Instructions of a truth program that run out of line (see `TruthProgram+Execute.swift`):
// counts, sums, arithmetic, built-in functions and calls of value code, and the step that moves a
// loop to its next element. Kept out of `execute`, they leave the registers of its hot cases as
// they were. What fails here is an error in the register written (see ``Truth/error``).

extension TruthProgram {
    /// A counting loop's end (see ``TruthInstruction/countEnd(loop:element:into:)``): where the
    /// body starts again, or nil when the loop is done.
    @inline(never)
    func count(loop index: Int32, _ truth: Truth, into t: ValueRegister, _ frames: FencedBuffer<Frame>,
               _ v: FencedBuffer<ScalarValue>, _ lazy: inout LazyContext) -> Int? {
        let loop = loops[Int(index)]
        var frame = frames[Int(loop.frame)]
        // The count so far: a number, or once an element's truth is not known, the range from
        // the elements it holds for to those it may hold for (see ``ScalarValue/Kind/range``).
        // At most as many as the table's elements: no overflow.
        switch truth {
        case .yes:
            v[Int(t)].first &+= 1
            if v[Int(t)].kind == .range { v[Int(t)].second &+= 1 }
        case .no: break
        case .unknown:
            let count = v[Int(t)]
            v[Int(t)] = count.kind == .range ? ScalarValue(kind: .range, first: count.first, second: count.second &+ 1)
                : ScalarValue(kind: .range, first: count.first, second: count.first &+ 1)
        // An error: the count is one, whatever the other elements are.
        default: frame.accumulator = .error
        }
        if frame.remaining == 0 {
            if frame.accumulator == .error { v[Int(t)] = .error }
            return nil
        }
        return Self.advance(loop, &frame, frames, &lazy)
    }

    /// A summing loop's end (see ``TruthInstruction/sumEnd(loop:element:into:)``): where the
    /// body starts again, or nil when the loop is done.
    @inline(never)
    func sum(loop index: Int32, _ element: ValueOperand, into t: ValueRegister, _ context: FactView,
             _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>, _ lazy: inout LazyContext) -> Int? {
        let value = scalar(element, context, frames, v)
        guard let number = value.number, let total = v[Int(t)].number else {
            v[Int(t)] = value.kind == .error ? .error : .unknown
            return nil
        }
        guard let sum = try? total + number else {
            v[Int(t)] = .error
            return nil
        }
        v[Int(t)] = ScalarValue(sum)
        let loop = loops[Int(index)]
        var frame = frames[Int(loop.frame)]
        guard frame.remaining > 0 else { return nil }
        return Self.advance(loop, &frame, frames, &lazy)
    }

    /// The end of a loop for `största` or `minsta` (see
    /// ``TruthInstruction/extremeEnd(loop:filter:element:into:)``): where the body starts again,
    /// or nil when the loop is done. The result register holds the value kept so far, unknown
    /// before the first. An element whose value is not known ends the loop with unknown, so
    /// while the loop runs an unknown there means that none is kept yet.
    @inline(never)
    func extreme(loop index: Int32, _ filter: Truth?, _ element: ValueOperand, into t: ValueRegister, _ context: FactView,
                 _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>, _ lazy: inout LazyContext) -> Int? {
        let loop = loops[Int(index)]
        switch filter {
        case .yes?, nil:
            let value = scalar(element, context, frames, v)
            let kept = v[Int(t)]
            if kept.kind == .unknown {
                // The first value kept must order (a range does not, nor an unknown).
                guard ScalarValue.order(value, value) != nil else {
                    v[Int(t)] = value.kind == .error ? .error : .unknown
                    return nil
                }
                v[Int(t)] = value
            } else {
                // A later one must order against the value kept.
                guard let order = ScalarValue.order(value, kept) else {
                    v[Int(t)] = value.kind == .error ? .error : .unknown
                    return nil
                }
                if loop.fold == .largest ? order > 0 : order < 0 { v[Int(t)] = value }
            }
        case .no?:
            break
        case let truth?:
            v[Int(t)] = truth == .unknown ? .unknown : .error
            return nil
        }
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
        if at.kind == .error {
            v[Int(t)] = .error
            return
        }
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
                     _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) {
        let (first, second) = (scalar(a, context, frames, v), b.map { scalar($0, context, frames, v) } ?? .unknown)
        guard first.kind != .error, second.kind != .error,
              let value = try? Compiler.apply(builtin, first.value, second.value) else {
            v[Int(t)] = .error
            return
        }
        v[Int(t)] = ScalarValue(result: value)
    }

    /// Arithmetic rule `rule` applied to two values (see ``ArithmeticRule``): an error when
    /// either is one, or when the rule fails (an overflow, a division by zero, a date past the
    /// calendar).
    @inline(__always)
    func arithmetic(_ rule: Int32, _ a: ScalarValue, _ b: ScalarValue) -> ScalarValue {
        Self.arithmetic(rules[Int(rule)], a, b)
    }

    /// `rule` applied to two values, as ``arithmetic(_:_:_:)`` applies a rule of the program.
    @inline(__always)
    static func arithmetic(_ rule: ArithmeticRule, _ a: ScalarValue, _ b: ScalarValue) -> ScalarValue {
        do throws(EvaluationError) {
            let result = try rule.apply(a, b)
            // An operand that is an error or a range is of no kind the rule takes: the rule
            // answers not known, and only then are they looked for.
            return result.kind == .unknown ? notKnown(rule, a, b) : result
        } catch {
            return .error
        }
    }

    /// What `rule` gives for two values it answered not known for: an error when either is one;
    /// for a range (see ``ScalarValue/Kind/range``), the range of every result as the value code
    /// computes it (``ArithmeticRule/applyToBounds(_:_:)``); else not known. Out of line: the
    /// common arithmetic pays one test for it.
    @inline(never)
    static func notKnown(_ rule: ArithmeticRule, _ a: ScalarValue, _ b: ScalarValue) -> ScalarValue {
        if a.kind == .error || b.kind == .error { return .error }
        guard a.kind == .range || b.kind == .range, a.kind != .text, b.kind != .text else { return .unknown }
        guard let result = try? rule.applyToBounds(a.value, b.value) else { return .error }
        return ScalarValue(result: result)
    }

    /// The truth of a comparison of two values that cannot be ordered: an error when either is
    /// one; with a range on a side, the truth the ranges decide, as the value code's
    /// ``Compiler/compareBounds(_:_:_:)`` (`ja` when it holds for every number in them, `nej`
    /// when for none); else not known. Asked only when ordering failed, so the common comparison
    /// pays nothing.
    @inline(never)
    static func unordered(_ a: ScalarValue, _ b: ScalarValue, _ comparison: TruthComparison) -> Truth {
        if a.kind == .error || b.kind == .error { return .error }
        guard a.kind == .range || b.kind == .range, a.kind != .text, b.kind != .text else { return .unknown }
        switch Compiler.compareBounds(comparison, a.value, b.value) {
        case .boolean(let holds): return Truth(holds)
        default: return .unknown
        }
    }

    /// A truth as a value register holds it (see ``TruthInstruction/truthValue(_:into:)``).
    @inline(never)
    static func value(of truth: Truth) -> ScalarValue {
        switch truth {
        case .yes: ScalarValue(kind: .boolean, first: 1, second: 0)
        case .no: ScalarValue(kind: .boolean, first: 0, second: 0)
        case .unknown: .unknown
        default: .error
        }
    }

    /// What an element of a count over a list written out adds to it, by its filter's truth
    /// (see ``TruthInstruction/countTerm(_:into:)``).
    @inline(never)
    static func countTerm(_ filter: Truth) -> ScalarValue {
        switch filter {
        case .yes: ScalarValue(kind: .number, first: 1, second: 1)
        case .no: ScalarValue(kind: .number, first: 0, second: 1)
        case .unknown: ScalarValue(kind: .range, first: 0, second: 1)
        default: .error
        }
    }

    /// `ja`, or an error when one of the arguments is one (see
    /// ``TruthInstruction/anyError(_:into:)``).
    @inline(never)
    func anyError(_ range: Range<Int32>, _ context: FactView, _ frames: FencedBuffer<Frame>,
                  _ v: FencedBuffer<ScalarValue>, _ r: FencedBuffer<UInt8>) -> Truth {
        var index = Int(range.lowerBound)
        while index < Int(range.upperBound) {
            let failed = switch arguments[index] {
            case .truth(let register): r[truth: register] == .error
            case .value(let operand): scalar(operand, context, frames, v).kind == .error
            }
            if failed { return .error }
            index += 1
        }
        return .yes
    }

    /// Whether a date operand holds an error (only a register can).
    @inline(__always)
    static func isError(_ operand: DateOperand, _ v: FencedBuffer<ScalarValue>) -> Bool {
        guard case .register(let register) = operand else { return false }
        return v[Int(register)].kind == .error
    }

    /// A value closure's value, as a register holds it: an error when the value code fails,
    /// and for a range with an end that is a fraction (see ``ScalarValue/init(result:)``).
    @inline(never)
    func valueClosure(_ index: Int32, _ lazy: inout LazyContext) -> ScalarValue {
        guard let value = try? valueClosures[Int(index)].run(lazy.context) else { return .error }
        if case .bounded = value { return ScalarValue(result: value) }
        return lazy.context.scalar(value)
    }

    /// A `ja/nej` closure's value as a truth: unknown unless `ja` or `nej`, an error when the
    /// value code fails.
    @inline(never)
    func closure(_ index: Int32, _ lazy: inout LazyContext) -> Truth {
        switch try? closures[Int(index)].run(lazy.context) {
        case .boolean(let flag)?: Truth(flag)
        case nil: .error
        default: .unknown
        }
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
