import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// A decision reports the document's computations: every definition without parameters (a
// fine, a compensation, a deadline), and with a sanction the amount of its step. They go
// through the plan's builder like the conditions: one program whose value results are the
// definitions a value register holds (numbers, amounts, dates, truths, enumeration cases,
// texts). A record or a list stays with the value code, and so does every computation of an
// evaluation in which a result of the program is an error: the value code then names the first
// definition that cannot be computed, in the order of their names (as a decision lists them).

/// The computations of a document as the results of one program.
struct ComputationProgram: Sendable {
    /// Where the program leaves a computation's value.
    enum Result: Equatable {
        /// Among its value results.
        case value(Int)
        /// A `ja/nej` in a register.
        case truth(Register)
    }

    let program: TruthProgram
    /// For each of the document's computations, where the program leaves it; nil for one the
    /// value code computes.
    let results: [Result?]

    /// The program of `computations` (definitions without parameters, by name, of `type`);
    /// nil when the value code computes all of them.
    static func make(_ computations: [(name: String, type: KundvalType, span: SourceSpan)],
                     compiler: Compiler) -> ComputationProgram? {
        var builder = TruthProgramBuilder(results: 0)
        // Each definition is lowered once, where every run computes it, and the calls of it in
        // the definitions after it read it there (as the value code computes it once per
        // evaluation): a chain of definitions is not inlined again at every step of the chain,
        // beyond the builder's depth of inlining. One that calls a definition lowered after it
        // is tried again once those are, a few times (each try may copy the builder's
        // instructions, so the number of tries stays linear in the definitions).
        var results = [Result?](repeating: nil, count: computations.count)
        var progress = true
        var passes = 0
        let order = calleesFirst(computations.map(\.name), compiler.definitions, compiler.tables)
        while progress, passes < 3 {
            (progress, passes) = (false, passes + 1)
            for index in order where results[index] == nil {
                if let result = lowered(computations[index]) {
                    results[index] = result
                    progress = true
                }
            }
        }
        func lowered(_ computation: (name: String, type: KundvalType, span: SourceSpan)) -> Result? {
            var trial = builder
            let result: Result
            if computation.type.unwrapped == .boolean {
                guard let register = trial.onceTruth(computation.name, compiler) else { return nil }
                trial.truthResults.append(register)
                result = .truth(register)
            } else {
                guard ScalarValue.holds(computation.type), let value = trial.onceValue(computation.name, compiler) else { return nil }
                trial.valueResults.append(value)
                result = .value(trial.valueResults.count - 1)
            }
            guard trial.closures.count == builder.closures.count, trial.valueClosures.count == builder.valueClosures.count
            else { return nil }
            builder = trial
            return result
        }
        guard results.contains(where: { $0 != nil }) else { return nil }
        return ComputationProgram(program: builder.build(), results: results)
    }

    /// The indices of `names` (definitions without parameters) in an order in which each comes
    /// after every definition it calls, directly or through definitions with parameters and
    /// decision tables. A definition is kept for its callers only where it is lowered where every
    /// run computes it; lowered first inside a caller's `om … så`, each later caller lowered it
    /// again (002's `insats_till` five times: 114 instructions and 67 value registers, more than
    /// a run's memory holds on the stack). Recursion is as deep as the longest chain of calls,
    /// which the checker bounds (K0507).
    static func calleesFirst(_ names: [String], _ definitions: [String: CheckedDefinition],
                             _ tables: [String: CheckedTable]) -> [Int] {
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var order: [Int] = []
        var visited = Set<String>()
        func visit(_ name: String) {
            guard visited.insert(name).inserted,
                  var pending = TruthProgramBuilder.bodies(of: name, definitions, tables) else { return }
            while let expression = pending.popLast() {
                switch expression.kind {
                case .callDefinition(let callee, _), .callTable(let callee, _): visit(callee)
                default: break
                }
                pending.append(contentsOf: expression.children)
            }
            if let position = index[name] { order.append(position) }
        }
        names.forEach(visit)
        return order
    }
}

extension ComputationProgram {
    /// Computation `index`'s value by a run of the program in `context`; nil when the program
    /// does not hold it or a result is an error (the value code then computes it, or names the error).
    func value(at index: Int, in context: EvaluationContext) -> Value? {
        guard let result = results[index] else { return nil }
        return program.withResults(in: context) { registers, values in result.value(registers, values) }
    }
}

extension ComputationProgram.Result {
    /// The value where a run of the program left it (see ``TruthProgram/withResults(in:_:)``).
    func value(_ registers: FencedBuffer<UInt8>, _ values: (Int) -> Value) -> Value {
        switch self {
        case .value(let index): values(index)
        case .truth(let register):
            switch registers[truth: register] {
            case .yes: .boolean(true)
            case .no: .boolean(false)
            default: .unknown
            }
        }
    }
}

extension CompiledDocument {
    /// The document's computations but the sanction amounts (reported with their step), in the
    /// order of their names; an error fails the evaluation, as in a condition.
    func computed(context: EvaluationContext) throws(EvaluationFailure) -> [Computation] {
        // The values the program computed, by computation; none when it met an error.
        let made: [Value?] = computationProgram.flatMap { computed in
            computed.program.withResults(in: context) { registers, values in
                computed.results.map { $0.map { $0.value(registers, values) } }
            }
        } ?? []
        assert(made.isEmpty || made.count == computations.count, "a program of other computations")
        var result: [Computation] = []
        result.reserveCapacity(reportedComputations.count)
        for index in reportedComputations {
            let (name, code, type, typeName) = computations[index]
            if index < made.count, let value = made[index] {
                let (shown, unit) = formatter.result(value, as: type)
                result.append(Computation(name: name, type: typeName, value: shown, unit: unit))
            } else {
                result.append(try Self.computation(name, code, type, typeName, formatter: formatter, context: context))
            }
        }
        return result
    }

    /// A definition's value for a decision by the value code; an error fails the evaluation, as
    /// in a condition.
    static func computation(_ name: String, _ code: Code, _ type: TypeDescription, _ typeName: String,
                            formatter: ValueFormatter, context: EvaluationContext) throws(EvaluationFailure) -> Computation {
        let value: Value
        do throws(EvaluationError) { value = try code(context) } catch { throw .definition(error, name: name) }
        let (result, unit) = formatter.result(value, as: type)
        return Computation(name: name, type: typeName, value: result, unit: unit)
    }
}

/// `vid vite: vitesbelopp`: the definition whose value is the amount of a step, by its
/// program when it has one that runs without an error, else by the value code.
struct SanctionAmount: Sendable {
    let name: String
    let code: Code
    let type: TypeDescription
    let program: ComputationProgram?

    /// The amount in the evaluation of `context`; an error fails the evaluation, and so does a
    /// negative amount: a fine is never negative, and one computed so comes from facts that are
    /// wrong (a negative percentage or payment; `kundval eval` recommended a fine of -41 250 kr,
    /// found by an adversarial test), as `påbörjade_veckor` of negative days is an error.
    func computation(formatter: ValueFormatter, context: EvaluationContext) throws(EvaluationFailure) -> Computation {
        let computation: Computation
        if let value = program?.value(at: 0, in: context) {
            let (shown, unit) = formatter.result(value, as: type)
            computation = Computation(name: name, type: "belopp", value: shown, unit: unit)
        } else {
            computation = try CompiledDocument.computation(name, code, type, "belopp", formatter: formatter, context: context)
        }
        if case .number(let amount) = computation.value, amount < .zero { throw .definition(.negativeAmount, name: name) }
        return computation
    }
}
