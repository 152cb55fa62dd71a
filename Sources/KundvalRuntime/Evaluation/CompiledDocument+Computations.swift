import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// A decision reports the document's computations: every definition without parameters (a
// fine, a compensation, a deadline), and with a sanction the amount of its step. They go
// through the plan's builder like the conditions: one program whose value results are the
// definitions a value register holds (numbers, amounts, dates, truths, enumeration cases).
// A text, a record or a list stays with the value code, and so does every computation of an
// evaluation in which the program meets an error: the value code then names the first
// definition that cannot be computed, in the document's order.

/// The computations of a document as the value results of one program.
struct ComputationProgram: Sendable {
    let program: TruthProgram
    /// For each of the document's computations, its index among the program's value results;
    /// nil for one the value code computes.
    let results: [Int?]

    /// The program of `computations` (definitions without parameters, by name, of `type`);
    /// nil when the value code computes all of them.
    static func make(_ computations: [(name: String, type: KundvalType, span: SourceSpan)],
                     compiler: Compiler) -> ComputationProgram? {
        var builder = TruthProgramBuilder(results: 0)
        let results = computations.map { computation in
            builder.valueResult(of: TypedExpression(.callDefinition(computation.name, []), type: computation.type,
                                                    span: computation.span), compiler)
        }
        guard results.contains(where: { $0 != nil }) else { return nil }
        return ComputationProgram(program: builder.build(), results: results)
    }
}

extension CompiledDocument {
    /// The document's computations but the sanction amounts (reported with their step), in the
    /// document's order; an error fails the evaluation, as in a condition.
    func computed(context: EvaluationContext) throws(EvaluationFailure) -> [Computation] {
        // The values the program computed, by computation; none when it met an error.
        let made: [Value?] = computationProgram.flatMap { computed in
            computed.program.withResults(in: context) { _, values in computed.results.map { $0.map { values[$0].value } } }
        } ?? []
        assert(made.isEmpty || made.count == computations.count, "a program of other computations")
        let amounts = Set(sanctions.amounts.values.map(\.name))
        var result: [Computation] = []
        for (index, (name, code, type, typeName)) in computations.enumerated() where !amounts.contains(name) {
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
