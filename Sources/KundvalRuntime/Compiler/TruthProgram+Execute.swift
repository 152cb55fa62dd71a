import KundvalSyntax

extension TruthProgram {
    /// Runs the instructions (see ``TruthInstruction``) once, from the first to the last; loops
    /// jump back to their start. What cannot be computed is an error in its register (see
    /// ``Truth/error``), never a thrown one: the run always ends.
    func execute(_ facts: FactView, _ lazy: inout LazyContext, _ r: FencedBuffer<UInt8>,
                 _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) {
        execute(from: 0, to: instructions.count, facts, &lazy, r, frames, v)
    }

    /// Runs instructions `range` (a loop's body) again, for a trace's walk (see ``TraceWalker``).
    func execute(_ facts: FactView, _ lazy: inout LazyContext, _ r: FencedBuffer<UInt8>,
                 _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>, _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= instructions.count, "a range of the program")
        execute(from: range.lowerBound, to: range.upperBound, facts, &lazy, r, frames, v)
    }

    /// The run of instructions `start ..< end`: inlined into each of the two above, so that the
    /// whole run compiles as it did before a walk needed a part of it.
    @inline(__always)
    private func execute(from start: Int, to end: Int, _ facts: FactView, _ lazy: inout LazyContext, _ r: FencedBuffer<UInt8>,
                         _ frames: FencedBuffer<Frame>, _ v: FencedBuffer<ScalarValue>) {
        let context = facts
        var next = start
        while next < end {
            let instruction = instructions[next]
            next += 1
            switch instruction {
            case .constant(let truth, let t):
                r[truth: t] = truth
            case .slotTruth(let slot, let t):
                r[truth: t] = Truth(rawValue: context.truth(Int(slot)))
            case .slotCompare(let slot, let comparison, let constant, let t):
                r[truth: t] = comparison.truth(Compiler.order(context.flat[Int(slot)], constants[Int(constant)]))
            case .slotIsCase(let slot, let index, let negated, let t):
                r[truth: t] = Self.isCase(context.slotKeys[Int(slot)], index, negated: negated)
            case .cellTruth(let cell, let t):
                r[truth: t] = Self.ordered(frames[Int(cell.frame)].truth(Int(cell.field)))
            case .cellKnown(let cell, let present, let t):
                r[truth: t] = Truth((frames[Int(cell.frame)].truth(Int(cell.field)) != CellByte.unknown) == present)
            case .cellIsCase(let cell, let index, let negated, let t):
                r[truth: t] = Self.isCase(byte: frames[Int(cell.frame)].truth(Int(cell.field)), index, negated: negated)
            case .cellCompare(let cell, let comparison, let constant, let t):
                let frame = frames[Int(cell.frame)]
                r[truth: t] = comparison.truth(Compiler.order(frame.values[frame.offset + Int(cell.field)], constants[Int(constant)]))
            case .compareKey(let test, let t):
                r[truth: t] = keyTruth(test, context, frames, v)
            case .valueArithmetic(let a, let b, let rule, let t):
                v[Int(t)] = arithmetic(rule, scalar(a, context, frames, v), scalar(b, context, frames, v))
            case .jumpUnless(let condition, let truth, let target):
                if r[truth: condition] != truth { next = Int(target) }
            case .jump(let target):
                next = Int(target)
            case .valueSelect(let condition, let then, let otherwise, let t):
                let truth = r[truth: condition]
                v[Int(t)] = truth == .yes ? scalar(then, context, frames, v)
                    : truth == .no ? scalar(otherwise, context, frames, v) : truth == .error ? .error : .unknown
            case .valueClosure(let index, let t):
                v[Int(t)] = valueClosure(index, &lazy)
            case .valueElement(let loop, let position, let field, let reading, let t):
                element(loop: loop, position, field: field, reading, into: t, context, frames, v)
            case .valueBuiltin(let builtin, let a, let b, let t):
                callBuiltin(builtin, a, b, into: t, context, frames, v)
            case .compareArithmetic(let a, let comparison, let x, let rule, let y, let guarded, let t):
                guard Self.holds(guarded, context, frames) else {
                    r[truth: t] = .no
                    continue
                }
                let computed = arithmetic(rule, scalar(x, context, frames, v), scalar(y, context, frames, v))
                let value = scalar(a, context, frames, v)
                // Values that cannot be ordered are not known, or one is an error.
                guard let order = ScalarValue.order(value, computed) else {
                    r[truth: t] = Self.unordered(value, computed, comparison)
                    continue
                }
                r[truth: t] = Truth(comparison.holds(order))
            case .compareDates(let a, let comparison, let b, let shift, let guarded, let t):
                guard Self.holds(guarded, context, frames) else {
                    r[truth: t] = .no
                    continue
                }
                // A date that is no day number is not known, or an error (only a register holds
                // one): the comparison is then an error, whichever date is one.
                guard let base = dayNumber(b, context, frames, v) else {
                    r[truth: t] = Self.isError(a, v) || Self.isError(b, v) ? .error : .unknown
                    continue
                }
                if shift.threshold >= 0, monthThresholds[Int(shift.threshold)].canMove(base) {
                    r[truth: t] = Truth(compareWithMoved(comparison, day: base, threshold: Int32(shift.threshold), v, date: lazy.date))
                    continue
                }
                guard let moved = try? shift.apply(to: base) else {
                    r[truth: t] = .error
                    continue
                }
                guard let day = dayNumber(a, context, frames, v) else {
                    r[truth: t] = Self.isError(a, v) ? .error : .unknown
                    continue
                }
                r[truth: t] = Truth(comparison.holds(day < moved ? -1 : day == moved ? 0 : 1))
            case .compareValues(let a, let comparison, let b, let guarded, let t):
                guard Self.holds(guarded, context, frames) else {
                    r[truth: t] = .no
                    continue
                }
                let (x, y) = (scalar(a, context, frames, v), scalar(b, context, frames, v))
                guard let order = order(x, y, context, &lazy) else {
                    r[truth: t] = Self.unordered(x, y, comparison)
                    continue
                }
                r[truth: t] = Truth(comparison.holds(order))
            case .all(let reading, let t):
                var truth = all(reading.literals, context)
                if truth != .no {
                    // `nej` where one is, else an error where one is (only a register holds one:
                    // read as not known here, and noted apart), else the minimum.
                    var index = Int(reading.registers.lowerBound)
                    var bits: UInt8 = 0
                    while index < Int(reading.registers.upperBound) {
                        let read = Self.read(registerReads[index], r)
                        truth = min(truth, read.clearingError)
                        bits |= read.rawValue
                        index &+= 1
                    }
                    index = Int(reading.operands.lowerBound)
                    while index < Int(reading.operands.upperBound) {
                        truth = min(truth, read(operands[index], context, frames, v))
                        index &+= 1
                    }
                    if bits & Truth.errorBit != 0, truth != .no { truth = .error }
                }
                r[truth: t] = truth
            case .any(let reading, let t):
                var truth = any(reading.literals, context)
                if truth != .yes {
                    // `ja` where one is, else an error where one is, else the maximum.
                    var index = Int(reading.registers.lowerBound)
                    var bits: UInt8 = 0
                    while index < Int(reading.registers.upperBound) {
                        let read = Self.read(registerReads[index], r)
                        truth = max(truth, read.clearingError)
                        bits |= read.rawValue
                        index &+= 1
                    }
                    index = Int(reading.operands.lowerBound)
                    while index < Int(reading.operands.upperBound) {
                        truth = max(truth, read(operands[index], context, frames, v))
                        index &+= 1
                    }
                    if bits & Truth.errorBit != 0, truth != .yes { truth = .error }
                }
                r[truth: t] = truth
            case .both(let a, let b, let t):
                r[truth: t] = Truth.and(Self.read(a, r), Self.read(b, r))
            case .either(let a, let b, let t):
                r[truth: t] = Truth.or(Self.read(a, r), Self.read(b, r))
            case .conditional(let condition, let then, let otherwise, let t):
                let truth = r[truth: condition]
                r[truth: t] = truth == .yes ? r[truth: then] : truth == .no ? r[truth: otherwise] : truth == .error ? .error : .unknown
            case .closure(let index, let t):
                r[truth: t] = closure(index, &lazy)
            case .literals(let hoisted, let wordTests):
                var index = Int(wordTests.lowerBound)
                while index < Int(wordTests.upperBound) {
                    let test = self.wordTests[index]
                    index &+= 1
                    let word = Int(test.word)
                    r[truth: test.target] = test.truth(yes: context.yes[word], no: context.no[word], known: context.known[word])
                }
                index = Int(hoisted.lowerBound)
                while index < Int(hoisted.upperBound) {
                    defer { index &+= 1 }
                    switch self.hoisted[index] {
                    case .all(let reading, let t): r[truth: t] = all(reading.literals, context)
                    case .any(let reading, let t): r[truth: t] = any(reading.literals, context)
                    default: preconditionFailure("only an `all` or `any` of literals is hoisted")
                    }
                }
            case .quantifyTruth(let loop, let field, let t):
                let loop = loops[Int(loop)]
                let table = self.table(of: loop, context, frames)
                r[truth: t] = Self.quantify(loop.fold, table, field: Int(field)) { Self.ordered($0) }
            case .quantifyCase(let loop, let field, let index, let negated, let t):
                let loop = loops[Int(loop)]
                let table = self.table(of: loop, context, frames)
                r[truth: t] = Self.quantify(loop.fold, table, field: Int(field)) { Self.isCase(byte: $0, index, negated: negated) }
            case .loopStart(let index):
                let loop = loops[Int(index)]
                let table = self.table(of: loop, context, frames)
                guard table.count > 0 else {
                    // An unknown list decides nothing; an empty one holds for `alla` and `ingen`,
                    // counts and sums to 0, and has no largest or smallest (see ``Loop/Fold/startValue``).
                    if loop.fold.makesValue {
                        v[Int(loop.result)] = table.count < 0 ? .unknown : loop.fold.startValue
                    } else {
                        r[truth: loop.result] = table.count < 0 ? .unknown : loop.fold == .some ? .no : .yes
                    }
                    next = loop.end + 1
                    continue
                }
                frames[Int(loop.frame)] = Frame(values: table.values, truths: table.truths, keys: table.keys, offset: 0,
                                           remaining: table.count - 1, width: table.width, accumulator: loop.fold.start)
                if loop.fold.makesValue { v[Int(loop.result)] = loop.fold.startValue }
                if loop.bindsCursor {
                    let context = lazy.context
                    context.reserveCursor(loop.slot)
                    context.cursors[loop.slot] = Cursor(fields: table.values.window(from: 0, count: table.width),
                                                        truths: table.truths.window(from: 0, count: table.width))
                }
            case .loopEnd(let index, let element, let t):
                let loop = loops[Int(index)]
                var frame = frames[Int(loop.frame)]
                let decided: Bool
                // An element that could not be computed decides nothing: the loop goes on, and the
                // error stands only if nothing decides (as ``Truth/and(_:_:)`` has it).
                if loop.fold == .all {
                    frame.accumulator = Truth.and(frame.accumulator, r[truth: element])
                    decided = frame.accumulator == .no
                } else {
                    frame.accumulator = Truth.or(frame.accumulator, r[truth: element])
                    decided = frame.accumulator == .yes
                }
                if decided || frame.remaining == 0 {
                    r[truth: t] = frame.accumulator.negated(if: loop.fold == .none)
                    continue
                }
                next = Self.advance(loop, &frame, frames, &lazy)
            case .countEnd(let index, let element, let t):
                if let start = count(loop: index, r[truth: element], into: t, frames, v, &lazy) { next = start }
            case .sumEnd(let index, let element, let t):
                if let start = sum(loop: index, element, into: t, context, frames, v, &lazy) { next = start }
            case .extremeEnd(let index, let filter, let element, let t):
                if let start = extreme(loop: index, filter.map { r[truth: $0] }, element, into: t, context, frames, v, &lazy) {
                    next = start
                }
            case .exactValue(let operand, let t):
                let value = scalar(operand, context, frames, v)
                v[Int(t)] = value.kind == .range ? .unknown : value
            case .truthValue(let register, let t):
                v[Int(t)] = Self.value(of: r[truth: register])
            case .countTerm(let filter, let t):
                v[Int(t)] = Self.countTerm(r[truth: filter])
            case .countAll(let index, let t):
                countAll(loop: index, into: t, context, frames, v)
            case .part(let applies, let body, let t):
                let truth = r[truth: applies]
                r[status: t] = truth == .no ? .doesNotApply : truth == .yes ? r[status: body] : Status(truth)
            case .combine(let a, let b, let t):
                r[status: t] = Status.both(r[status: a], r[status: b])
            case .store(let register, let result):
                r[status: result] = r[status: register]
            case .document(let slot, let issued, let age, let t):
                guard context.isKnown(Int(slot)) else {
                    r[status: t] = .undecided
                    continue
                }
                var issuedOn: Day?
                switch issued {
                case .itself: if case .date(let day) = context.flat[Int(slot)] { issuedOn = day }
                case .slot(let field): if case .date(let day) = context.flat[Int(field)] { issuedOn = day }
                case .none: break
                }
                // ``DocumentEvidence``'s rule, written out: building the enum here cost about
                // 110 instructions per benchmarked decision. Issued after the assessment date,
                // undated with a largest age, or too old: still to be given.
                if let issuedOn, issuedOn > lazy.date {
                    r[status: t] = .undecided
                    continue
                }
                guard let age else {
                    r[status: t] = .met
                    continue
                }
                guard let issuedOn else {
                    r[status: t] = .undecided
                    continue
                }
                r[status: t] = isExceeded(age, issued: issuedOn, v, date: lazy.date) ? .undecided : .met
            case .documentAge(let place, let issuedField, let age, let at, let t):
                let document = Self.value(at: place, context, frames)
                let date = at.map { scalar($0, context, frames, v) }
                if date?.kind == .error {
                    r[truth: t] = .error
                    continue
                }
                let on = date.map { $0.day } ?? lazy.date
                guard let issued = Self.issueDate(of: document, field: issuedField), let on else {
                    r[truth: t] = .unknown
                    continue
                }
                r[truth: t] = ageTruth(age, issued: issued, on: on, isAssessmentDate: at == nil, v)
            case .compareFacts(let a, let comparison, let b, let t):
                r[truth: t] = comparison.truth(Compiler.order(Self.value(at: a, context, frames), Self.value(at: b, context, frames)))
            case .registerKnown(let register, let present, let t):
                let truth = r[truth: register]
                r[truth: t] = truth == .error ? .error : Truth((truth != .unknown) == present)
            case .valueKnown(let operand, let present, let t):
                let kind = scalar(operand, context, frames, v).kind
                r[truth: t] = kind == .error ? .error : Truth((kind != .unknown) == present)
            case .anyError(let arguments, let t):
                r[truth: t] = anyError(arguments, context, frames, v, r)
            case .gate(let documents, let requirements, let t):
                let status = r[status: documents]
                r[status: t] = status == .met ? r[status: requirements] : status
            }
        }
    }
}
