import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Compiled definitions and tables of a rule set, filled while compiling (callees first;
/// the checker has rejected cycles) and read-only afterwards.
final class CodeLibrary: @unchecked Sendable {
    struct Definition {
        let code: Code
        let memoIndex: Int
    }

    struct Table {
        let rows: [(tests: [(BinaryOperator, Value)?], result: Code)]
    }

    var definitions: [String: Definition] = [:]
    var tables: [String: Table] = [:]
    /// A number for each fact path read (see ``TracePoint/factNumber``).
    var factNumbers: [String: Int] = [:]
    /// The definitions and tables called in each body, and the longest chain of calls from each
    /// and of them all (see ``TruthProgramBuilder/lowerDeepDefinitions(_:)``): found once per
    /// document, read by every program's builder; and those called in each check, by where it
    /// is written.
    var callsWritten: [String: [String]] = [:]
    var chainLengths: [String: Int] = [:]
    var longestChain: Int?
    var rootCalls: [Site: [String]] = [:]

    /// Where an expression is written: its file and its place in it.
    struct Site: Hashable {
        let file: Int
        let start: Int
        let end: Int
    }

    /// The number of fact path `path`, the same for every point that reads it.
    func factNumber(_ path: String) -> Int {
        if let number = factNumbers[path] { return number }
        factNumbers[path] = factNumbers.count
        return factNumbers.count - 1
    }
}

extension EvaluationContext {
    /// Runs `body` with a new frame of local slots above the caller's, starting with `arguments`,
    /// named by `names` when an observer watches (see `ElementNames.swift`).
    @inline(__always)
    func inFrame(_ arguments: [Value], names: [BoundName?] = [], _ body: Code) throws(EvaluationError) -> Value {
        let savedBase = base
        let savedCount = locals.count
        locals.append(contentsOf: arguments)
        for argument in arguments {
            if case .record(let fields) = argument { recordLocals.append(fields) } else { recordLocals.append([]) }
        }
        if observer != nil { nameFrame(from: savedCount, names) }
        base = savedCount
        defer {
            base = savedBase
            locals.removeSubrange(savedCount...)
            recordLocals.removeSubrange(savedCount...)
            if localNames.count > savedCount { localNames.removeSubrange(savedCount...) }
        }
        return try body(self)
    }

    /// Names the slots of a frame starting at `start` by `names`, and no other slot above it.
    @inline(never)
    private func nameFrame(from start: Int, _ names: [BoundName?]) {
        if localNames.count > start { localNames.removeSubrange(start...) }
        while localNames.count < start { localNames.append(nil) }
        localNames.append(contentsOf: names)
    }
}

extension Compiler {
    func definitionCode(_ name: String) -> CodeLibrary.Definition? {
        if let compiled = library.definitions[name] { return compiled }
        guard let definition = definitions[name] else { return nil }
        let compiled = CodeLibrary.Definition(code: body(inherited: definition.isInherited).compile(definition.body.expression),
                                              memoIndex: definitionIndex[name] ?? 0)
        library.definitions[name] = compiled
        return compiled
    }

    /// A call: arguments in a fresh frame above the caller's slots; definitions without
    /// parameters are computed once per evaluation.
    func compileCall(_ name: String, arguments: [Code], namers: [ElementNamer?] = [], span: SourceSpan, type: KundvalType) -> Code {
        guard let definition = definitionCode(name) else { return { _ in .unknown } }
        let body = definition.code
        let memoIndex = definition.memoIndex
        let code: Code
        if arguments.isEmpty {
            code = { context throws(EvaluationError) in
                if context.memo.isEmpty {
                    context.memo = Array(repeating: nil, count: max(context.definitionCount, memoIndex + 1))
                }
                if let cached = context.memo[memoIndex] { return try cached.get() }
                let result = Result { () throws(EvaluationError) in try context.inFrame([], body) }
                context.memo[memoIndex] = result
                return try result.get()
            }
        } else {
            // An argument that is a named element names its parameter (`utbildad(p)`).
            let namers = namers.contains { $0 != nil } ? namers : []
            code = { context throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(arguments.count)
                for argument in arguments { values.append(try argument(context)) }
                guard !namers.isEmpty, context.observer != nil else { return try context.inFrame(values, body) }
                return try context.inFrame(values, names: namers.map { namer in namer?(context).map { BoundName(base: $0, index: -1) } }, body)
            }
        }
        return traced(code, TypedExpression(.callDefinition(name, []), type: type, span: span), kind: .call(name))
    }

    /// A decision table: the first row whose tests all pass gives the result. An unknown input
    /// that a row tests makes the result unknown, unless an earlier row already decided.
    func compileTable(_ name: String, arguments: [Code], span: SourceSpan, type: KundvalType) -> Code {
        let table: CodeLibrary.Table
        if let compiled = library.tables[name] {
            table = compiled
        } else if let checked = tables[name] {
            let body = body(inherited: checked.isInherited)
            let rows = checked.rows.map { row in
                (tests: row.tests.map { test -> (BinaryOperator, Value)? in
                    guard let (op, constant) = test else { return nil }
                    let context = EvaluationContext(date: Day(number: 0), definitionCount: 0)
                    return (op, (try? compile(constant)(context)) ?? .unknown)
                 }, result: body.compile(row.result.expression))
            }
            table = CodeLibrary.Table(rows: rows)
            library.tables[name] = table
        } else {
            return { _ in .unknown }
        }
        let code: Code = { context throws(EvaluationError) in
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try argument(context)) }
            rows: for row in table.rows {
                var undecided = false
                for (test, value) in zip(row.tests, values) {
                    guard let (op, constant) = test else { continue }
                    guard let order = Self.order(value, constant) else {
                        undecided = true
                        continue
                    }
                    let passes: Bool
                    switch op {
                    case .equal: passes = order == 0
                    case .notEqual: passes = order != 0
                    case .less: passes = order < 0
                    case .lessEqual: passes = order <= 0
                    case .greater: passes = order > 0
                    case .greaterEqual: passes = order >= 0
                    default: passes = false
                    }
                    if !passes { continue rows }
                }
                if undecided { return .unknown }
                return try context.inFrame(values, row.result)
            }
            return .unknown
        }
        return traced(code, TypedExpression(.callTable(name, []), type: type, span: span), kind: .call(name))
    }
}
