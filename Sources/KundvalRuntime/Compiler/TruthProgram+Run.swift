// Running a truth program: the memory a run works in (one stack allocation, made from the
// program's shape so that making it retains nothing), the run itself, and the ways callers run a
// program (an evaluation's first pass, a program of checks or computations inside an
// evaluation, tests that keep results in an array).
extension TruthProgram {
    /// The memory one run works in, on the stack (see ``withMemory(registers:_:)``): the byte
    /// registers (the results first), the value registers (register 0 the assessment date),
    /// the value results a run gives its caller (see ``valueResults``) and the loops' frames.
    struct Memory {
        let registers: FencedBuffer<UInt8>
        let values: FencedBuffer<ScalarValue>
        let results: FencedBuffer<ScalarValue>
        let frames: FencedBuffer<Frame>
    }

    /// How much memory a run needs (see ``Memory``): counts only, so that making the memory
    /// for a program retains nothing.
    struct MemoryShape {
        let registers: Int
        let values: Int
        let results: Int
        let frames: Int
    }

    /// The program's ``MemoryShape``.
    var memoryShape: MemoryShape {
        MemoryShape(registers: registerCount, values: valueRegisterCount, results: valueResults.count, frames: frameCount)
    }

    /// Runs `body` with memory for a run of the program, with at least `registers` byte
    /// registers (more than ``registerCount`` when the caller keeps results of its own there),
    /// poisoned in debug builds (see ``FencedBuffer/poison()``). One allocation on the stack.
    func withMemory<Result, Failure: Error>(registers: Int,
                                            _ body: (Memory) throws(Failure) -> Result) throws(Failure) -> Result {
        try Self.withMemory(memoryShape, registers: registers, body)
    }

    /// Runs `body` with memory of shape `shape`, as ``withMemory(registers:_:)`` makes it: for a
    /// caller on the hot path, which reads the shape of a program it does not hold (a program
    /// it calls a method on is retained for the call, twice when a closure names it too).
    static func withMemory<Result, Failure: Error>(_ shape: MemoryShape, registers: Int,
                                                   _ body: (Memory) throws(Failure) -> Result) throws(Failure) -> Result {
        try FencedScratch.with((UInt8.self, max(registers, shape.registers)), (ScalarValue.self, shape.values + shape.results),
                               (Frame.self, shape.frames)) { bytes, values, frames throws(Failure) in
            bytes.poison()
            var index = 0
            while index < frames.count {
                frames[index] = .idle
                index += 1
            }
            return try body(Memory(registers: bytes, values: values.window(from: 0, count: shape.values),
                                   results: values.window(from: shape.values, count: shape.results), frames: frames))
        }
    }

    /// Runs the program in `memory` (see ``withMemory(registers:_:)``). A result is the
    /// ``Status`` of its condition or service (``Status/failed`` where the program could not
    /// compute it: the value code decides it); results the program does not decide keep the
    /// value they had. The ``valueResults`` go to the memory's `results`, errors among them.
    func run(_ context: inout LazyContext, _ memory: Memory) {
        let (registers, v, frames) = (memory.registers, memory.values, memory.frames)
        // Preconditions, not assertions: a release build must not write past the memory either.
        precondition(registers.count >= registerCount && v.count >= valueRegisterCount && frames.count >= frameCount
                     && memory.results.count >= valueResults.count, "too little memory for the program")
        let facts = FactView(context.storage)
        // Each value register is written before it is read; register 0 is the date.
        v[0] = ScalarValue(kind: .date, first: Int64(context.date.number), second: 0)
        resetMonthThresholds(v)
        execute(facts, &context, registers, frames, v)
        var index = 0
        while index < valueResults.count {
            memory.results[index] = scalar(valueResults[index], facts, frames, v)
            index += 1
        }
    }

    /// Runs the program in the context of an evaluation already under way and gives `body` its
    /// registers where it wrote them (on the stack, valid inside `body`) and a reader of its
    /// value results (result `index` as a value, a text read where it is); nil when a result is
    /// an error (the caller's value code then decides, or reports it where the language puts
    /// it).
    func withResults<Result>(in context: EvaluationContext,
                             _ body: (FencedBuffer<UInt8>, (Int) -> Value) -> Result) -> Result? {
        var lazy = LazyContext(context)
        return withMemory(registers: registerCount) { memory -> Result? in
            run(&lazy, memory)
            guard !hasError(memory) else { return nil }
            let facts = FactView(context.storage)
            return body(memory.registers) { index in value(of: memory.results[index], facts, &lazy) }
        }
    }

    /// Whether a result of the run in `memory`, a register or a value, is an error: for the
    /// programs read through ``withResults(in:_:)``, all or nothing (one error sends all their
    /// results to the value code). Not for an assessment's plan, whose first registers may hold
    /// the template's marks, never written, and whose caller reads each result's status itself.
    func hasError(_ memory: Memory) -> Bool {
        var index = 0
        while index < resultCount {
            if memory.registers[index] == Truth.error.rawValue { return true }
            index += 1
        }
        for register in truthResults where memory.registers[Int(register)] == Truth.error.rawValue { return true }
        index = 0
        while index < valueResults.count {
            if memory.results[index].kind == .error { return true }
            index += 1
        }
        return false
    }

    /// Runs the program with `results` as its first registers (the rest start as an evaluation
    /// starts them: unwritten, poisoned in debug builds) and copies them back: for tests and
    /// tools that keep the results in an array. A result that could not be computed is
    /// ``Truth/error`` (``Status/failed``).
    func run(_ context: inout LazyContext, results: inout [UInt8]) {
        let copy = results
        results = withMemory(registers: copy.count) { memory in
            for (index, byte) in copy.enumerated() { memory.registers[index] = byte }
            run(&context, memory)
            return copy.indices.map { memory.registers[$0] }
        }
    }
}
