import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// A sanction table chooses a step from its inputs: facts and definitions without parameters,
// the same for every shortfall of one evaluation. Its choice is made once per evaluation (see
// ``SanctionPlan/choice(of:named:context:)``), by a program of the plan's builder whose value
// results are the inputs and the table's value (a text too, held as where it is); by the value
// code when an input or the table does not fit a value register (a record) or the program meets
// an error (the value code then names the input or table that failed).

/// A sanction table's choice in one evaluation: its inputs' values, those unknown, and the
/// table's value, or the input or table that could not be computed.
struct SanctionTableChoice: Sendable {
    /// The inputs' values, in the table's order (up to the one that failed, when one did).
    let factors: [Factor]
    /// The inputs that are unknown.
    let missing: [String]
    /// The table's value; unknown when it could not be computed.
    let result: Value
    /// The input (or the table) that could not be computed, and why.
    let failure: (name: String, error: EvaluationError)?
}

/// A table's choice kept by an evaluation (see ``EvaluationContext/sanctionChoices``): one
/// reference, so that each shortfall that asks reads the choice without copying its lists. A
/// decision keeps those its evaluation made, for the consequences of the conditions whose
/// reasons are made when they are read (the same facts and date choose the same).
final class KeptSanctionChoice: Sendable {
    /// The table's index (``CompiledSanctionTable/index``).
    let table: Int
    let choice: SanctionTableChoice

    init(table: Int, choice: SanctionTableChoice) {
        (self.table, self.choice) = (table, choice)
    }
}

extension SanctionTableChoice {
    /// The choice of `compiled`, named `name`, computed in `context`: by its program when it
    /// has one that runs without an error, else by the value code.
    init(_ compiled: CompiledSanctionTable, named name: String, formatter: ValueFormatter, context: EvaluationContext) {
        if let program = compiled.program, let made = program.withResults(in: context, { _, values in
            Self(compiled, values: values, formatter: formatter)
        }) {
            self = made
            return
        }
        self.init(valueCodeOf: compiled, named: name, formatter: formatter, context: context)
    }

    /// The choice from the value results of the table's program: each input's value, then the
    /// table's.
    private init(_ compiled: CompiledSanctionTable, values: (Int) -> Value, formatter: ValueFormatter) {
        var factors: [Factor] = []
        factors.reserveCapacity(compiled.inputs.count)
        var missing: [String] = []
        for (index, input) in compiled.inputs.enumerated() {
            let value = values(index)
            if !value.isKnown { missing.append(input.name) }
            if case .enumCase(let chosen) = value, let cases = compiled.inputCases[index], chosen < cases.count {
                factors.append(Factor(name: input.name, value: .enumCase(cases[chosen]), unit: nil))
                continue
            }
            let (result, unit) = formatter.result(value, as: input.type)
            factors.append(Factor(name: input.name, value: result, unit: unit))
        }
        (self.factors, self.missing) = (factors, missing)
        (result, failure) = (values(compiled.inputs.count), nil)
    }

    /// The choice made by the value code: the inputs one by one, up to one that fails (also what
    /// the agreement tests compare the program with).
    init(valueCodeOf compiled: CompiledSanctionTable, named name: String, formatter: ValueFormatter,
         context: EvaluationContext) {
        var factors: [Factor] = []
        var missing: [String] = []
        for input in compiled.inputs {
            let value: Value
            do throws(EvaluationError) { value = try input.code(context) } catch {
                (self.factors, self.missing, result, failure) = (factors, [], .unknown, (input.name, error))
                return
            }
            if !value.isKnown { missing.append(input.name) }
            let (result, unit) = formatter.result(value, as: input.type)
            factors.append(Factor(name: input.name, value: result, unit: unit))
        }
        (self.factors, self.missing) = (factors, missing)
        do throws(EvaluationError) {
            (result, failure) = (try compiled.code(context), nil)
        } catch {
            (result, failure) = (.unknown, (name, error))
        }
    }
}

extension CompiledSanctionTable {
    /// The program of table `name` whose value results are `inputs`' values, then the table's
    /// value for them; nil when one of them does not fit a value register or needs a closure.
    static func program(_ name: String, inputs: [TypedExpression], type: KundvalType, span: SourceSpan,
                        compiler: Compiler) -> TruthProgram? {
        var builder = TruthProgramBuilder(results: 0)
        let call = TypedExpression(.callTable(name, inputs), type: type, span: span)
        for expression in inputs + [call] {
            guard builder.valueResult(of: expression, compiler) != nil else { return nil }
        }
        return builder.build()
    }
}
