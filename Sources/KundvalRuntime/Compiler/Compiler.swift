import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Compiles the typed expressions of one kundval (and its reglemente) into closures.
///
/// Everything is resolved here: facts to indices, fields to indices, locals to slots,
/// definitions and tables to compiled code, constants to values. The code reports what it
/// reads and decides to an observer when the context has one (see ``EvaluationObserver``):
/// explanations and missing facts come from the same code that decides.
struct Compiler {
    /// The file whose lines the trace points tell: the part's, or inside the body of a
    /// definition or table the file it is written in (see ``body(inherited:)``).
    private(set) var file: Int
    /// The file of the part being compiled. It keys the places a truth program's builder notes
    /// (see ``TraceKey``), and stays the part's inside an inlined body, which the builder lowers
    /// with the caller's compiler (the arguments in the parameters' places are the caller's).
    let partFile: Int
    /// The file of the document's own definitions and tables (a reglemente's are in file 0).
    let ownFile: Int
    /// The rule set's files, for the texts of trace points; nil for an expression at a prompt.
    let sources: TraceSources?
    /// Compiles the reference code the tests compare the value code with: no constant folding,
    /// no cursors (every local bound as a value, every list walked as values), so that each
    /// optimisation has a plain path to agree with. Never set in the library.
    var reference = false
    let definitions: [String: CheckedDefinition]
    let tables: [String: CheckedTable]
    let definitionIndex: [String: Int]
    let enumerations: [String: EnumerationType]
    /// Compiled definitions and tables, shared between compilers of the same rule set.
    let library: CodeLibrary
    /// The flat slots of fact paths.
    let layout: FactLayout
    /// Local slots of the current frame bound as cursors by the quantifier being compiled.
    var cursorSlots: Set<Int> = []
    /// Those of them whose list holds plain values: the local is the cursor's single cell.
    var scalarCursorSlots: Set<Int> = []

    /// A compiler for the document's expressions written in `file` of the rule set, whose own
    /// definitions and tables are in `ownFile` (a reglemente's, which a kundval inherits, in 0).
    init(file: Int, ownFile: Int, sources: TraceSources?, definitions: [String: CheckedDefinition],
         tables: [String: CheckedTable], definitionIndex: [String: Int], enumerations: [String: EnumerationType],
         library: CodeLibrary, layout: FactLayout) {
        (self.file, self.partFile, self.ownFile, self.sources) = (file, file, ownFile, sources)
        (self.definitions, self.tables, self.definitionIndex) = (definitions, tables, definitionIndex)
        (self.enumerations, self.library, self.layout) = (enumerations, library, layout)
    }

    /// The compiler of a definition's or table's body, inherited from the reglemente or the
    /// document's own: without cursors, its points in the file the body is written in.
    func body(inherited: Bool) -> Compiler {
        var copy = withoutCursors
        copy.file = inherited ? 0 : ownFile
        return copy
    }

    // MARK: - Expressions

    func compile(_ expression: TypedExpression) -> Code {
        // Constant folding: an expression that reads no fact, local, definition or date is
        // computed once here (an error is left for evaluation to report).
        if !reference, Self.isFoldable(expression), !Self.isLiteral(expression) {
            let code = compileUnfolded(expression)
            // The steps of the folded computation are kept, and told to an observer as if it
            // were computed again (`(3 > 2) och …` still explains `3 > 2`).
            let steps = StepRecorder()
            let scratch = EvaluationContext(date: Day(number: 0), definitionCount: 0, observer: steps)
            guard let value = try? code(scratch) else { return code }
            let recorded = steps.steps
            if recorded.isEmpty { return { _ in value } }
            return { context in
                if let observer = context.observer {
                    for step in recorded { observer.observe(step.point, step.value) }
                }
                return value
            }
        }
        return compileUnfolded(expression)
    }

    /// Whether the value of an expression is the same for every evaluation.
    static func isFoldable(_ expression: TypedExpression) -> Bool {
        switch expression.kind {
        case .boolean, .number, .date, .text, .enumCase, .unknown: return true
        case .unary(_, let operand): return isFoldable(operand)
        case .binary(_, let left, let right): return isFoldable(left) && isFoldable(right)
        case .conditional(let a, let b, let c): return isFoldable(a) && isFoldable(b) && isFoldable(c)
        case .callBuiltin(_, let arguments): return arguments.allSatisfy(isFoldable)
        case .list(let elements): return elements.allSatisfy(isFoldable)
        default: return false
        }
    }

    static func isLiteral(_ expression: TypedExpression) -> Bool {
        switch expression.kind {
        case .boolean, .number, .date, .text, .enumCase, .unknown, .error: true
        default: false
        }
    }

    private func compileUnfolded(_ expression: TypedExpression) -> Code {
        let type = expression.type
        switch expression.kind {
        case .error, .unknown:
            return { _ in .unknown }
        case .boolean(let value):
            let constant = Value.boolean(value)
            return { _ in constant }
        case .number(let literal):
            let constant = (try? Rational(scaled: literal.scaledValue, scale: literal.scale)).map(Value.number) ?? .unknown
            return { _ in constant }
        case .date(let date):
            let constant = (try? Day(year: date.year, month: date.month, day: date.day)).map(Value.date) ?? .unknown
            return { _ in constant }
        case .text(let text):
            let constant = Value.text(text)
            return { _ in constant }
        case .enumCase(_, let index):
            let constant = Value.enumCase(index)
            return { _ in constant }
        case .fact, .local, .field:
            return compilePath(expression)
        case .callDefinition(let name, let arguments):
            return compileCall(name, arguments: arguments.map(compile), namers: arguments.map(elementNamer), span: expression.span, type: type)
        case .callTable(let name, let arguments):
            return compileTable(name, arguments: arguments.map(compile), span: expression.span, type: type)
        case .callBuiltin(let builtin, let arguments):
            return traced(compileBuiltin(builtin, arguments.map(compile)),
                          expression, kind: .call(builtin.rawValue))
        case .assessmentDate:
            return { context in .date(context.date) }
        case .unary(.not, let operand):
            let inner = compile(operand)
            return { context throws(EvaluationError) in
                switch try inner(context) {
                case .boolean(let value): .boolean(!value)
                default: .unknown
                }
            }
        case .unary(.negate, let operand):
            let inner = compile(operand)
            // `-x` is `0 - x`, as the programs compute it: a range too (see
            // ``ArithmeticRule/applyToBounds(_:_:)``), and it fails where `-x` would.
            let zero = Value.number(.zero)
            return { context throws(EvaluationError) in try ArithmeticRule.numbers(.subtract).apply(zero, try inner(context)) }
        case .binary(.and, let left, let right):
            // A side that is `nej` decides, even when the other could not be computed (see
            // ``Compiler/decidedByOtherSide(_:_:context:failure:)``).
            let (l, r) = (compile(left), compile(right))
            return { context throws(EvaluationError) in
                let a: Value
                do throws(EvaluationError) { a = try l(context) } catch { return try Self.decidedByOtherSide(false, r, context: context, failure: error) }
                if case .boolean(false) = a { return a }
                let b = try r(context)
                if case .boolean(false) = b { return b }
                if case .boolean(true) = a, case .boolean(true) = b { return b }
                return .unknown
            }
        case .binary(.or, let left, let right):
            let (l, r) = (compile(left), compile(right))
            return { context throws(EvaluationError) in
                let a: Value
                do throws(EvaluationError) { a = try l(context) } catch { return try Self.decidedByOtherSide(true, r, context: context, failure: error) }
                if case .boolean(true) = a { return a }
                let b = try r(context)
                if case .boolean(true) = b { return b }
                if case .boolean(false) = a, case .boolean(false) = b { return b }
                return .unknown
            }
        case .binary(let op, let left, let right) where op.isComparison:
            return traced(compileComparison(op, compile(left), compile(right)), expression, kind: .decision)
        case .binary(let op, let left, let right):
            return compileArithmetic(op, left, right)
        case .presence(let operand, let present):
            let inner = compile(operand)
            let point = tracePoint(expression, kind: .decision, testsPresence: true)
            return { context throws(EvaluationError) in
                // A count known to lie in a range is there (`om utbildade finns så utbildade >= 3
                // annars …` compares the range): the value is, only its exact number is not.
                let operand = try inner(context)
                let isThere: Bool
                if case .bounded = operand { isThere = true } else { isThere = operand.isKnown }
                let value = Value.boolean(isThere == present)
                if let observer = context.observer { observer.observe(point, value) }
                return value
            }
        case .documentAge(let document, let issuedField, let age, let date):
            // One rule for both evaluators (``DocumentAge/truth(issued:on:isAssessmentDate:)``).
            let (d, at) = (compile(document), date.map(compile))
            return traced({ context throws(EvaluationError) in
                let value = try d(context)
                let issued: Day
                switch (value, issuedField) {
                case (.date(let day), nil): issued = day
                case (.record(let fields), let field?) where field < fields.count:
                    guard case .date(let day) = fields[field] else { return .unknown }
                    issued = day
                default: return .unknown
                }
                let on: Day
                if let at {
                    guard case .date(let day) = try at(context) else { return .unknown }
                    on = day
                } else {
                    on = context.date
                }
                return switch age.truth(issued: issued, on: on, isAssessmentDate: at == nil) {
                case .yes: .boolean(true)
                case .no: .boolean(false)
                default: .unknown
                }
            }, expression, kind: .decision)
        case .conditional(let condition, let then, let otherwise):
            let (c, a, b) = (compile(condition), compile(then), compile(otherwise))
            return { context throws(EvaluationError) in
                switch try c(context) {
                case .boolean(true): try a(context)
                case .boolean(false): try b(context)
                default: .unknown
                }
            }
        case .quantified(let quantifier, let slot, let domain, let body):
            if let cursor = compileCursorQuantifier(quantifier, slot: slot, domain: domain, body: body) {
                return traced(cursor, expression, kind: .decision)
            }
            return traced(compileQuantifier(quantifier, slot: slot, compile(domain), compile(body), name: elementNamer(domain)),
                          expression, kind: .decision)
        case .count(let slot, let domain, let filter):
            let (d, f, name) = (compile(domain), filter.map(compile), elementNamer(domain))
            return { context throws(EvaluationError) in
                guard case .list(let elements) = try d(context) else { return .unknown }
                guard let f else { return .number(Rational(integer: Int64(elements.count))) }
                var count: Int64 = 0
                var unknown: Int64 = 0
                let list = context.observer == nil ? nil : name?(context)
                for (index, element) in elements.enumerated() {
                    context.bindElement(slot, element, index: index, of: list)
                    switch try f(context) {
                    case .boolean(true): count += 1
                    case .boolean(false): break
                    default: unknown += 1
                    }
                }
                // Elements not known make the count a range: those that hold, up to those that
                // may (see ``Value/bounded(low:high:)``).
                guard unknown == 0 else {
                    return .bounded(low: Rational(integer: count), high: Rational(integer: count + unknown))
                }
                return .number(Rational(integer: count))
            }
        case .sum(let slot, let domain, let body):
            let (d, b, name) = (compile(domain), compile(body), elementNamer(domain))
            return { context throws(EvaluationError) in
                guard case .list(let elements) = try d(context) else { return .unknown }
                var total = Rational.zero
                let list = context.observer == nil ? nil : name?(context)
                for (index, element) in elements.enumerated() {
                    context.bindElement(slot, element, index: index, of: list)
                    guard case .number(let value) = try b(context) else { return .unknown }
                    total = try total + value
                }
                return .number(total)
            }
        case .extreme(let largest, let slot, let domain, let filter, let body):
            return compileExtreme(largest: largest, slot: slot, domain, filter: filter, body)
        case .list(let elements):
            let codes = elements.map(compile)
            return { context throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code(context)) }
                return .list(values)
            }
        case .record(_, let fields):
            let codes = fields.map { $0.map(compile) }
            return { context throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code?(context) ?? .unknown) }
                return .record(values)
            }
        }
    }

    /// Wraps code so that it reports its value to the context's observer, when it has one.
    func traced(_ code: @escaping Code, _ expression: TypedExpression, kind: TracePoint.Kind) -> Code {
        let point = tracePoint(expression, kind: kind)
        return { context throws(EvaluationError) in
            let value = try code(context)
            if let observer = context.observer { observer.observe(point, value) }
            return value
        }
    }

    /// The trace point of `expression`.
    func tracePoint(_ expression: TypedExpression, kind: TracePoint.Kind, testsPresence: Bool = false) -> TracePoint {
        var factNumber = -1
        if case .fact(let path) = kind { factNumber = library.factNumber(path) }
        let checksDocument = if case .documentAge = expression.kind { true } else { false }
        return TracePoint(kind: kind, file: file, span: expression.span, type: TypeDescription(expression.type),
                          factNumber: factNumber, source: sources, testsPresence: testsPresence, checksDocument: checksDocument)
    }

    /// `anordnare.garant.kreditvärdighet` and `p.roll`: the root and the field indices at once.
    func compilePath(_ expression: TypedExpression) -> Code {
        var indices: [Int] = []
        var names: [String] = []
        var node = expression
        while case .field(let base, let index, let name) = node.kind {
            indices.append(index)
            names.append(name)
            node = base
        }
        indices.reverse()
        let fieldIndices = indices
        let root: Code
        switch node.kind {
        case .fact(let index, let name):
            names.append(name)
            if let slot = layout.slots[[index] + fieldIndices] {
                // The whole path is one flat slot.
                let path = names.reversed().joined(separator: ".")
                // The most frequent trace point: read and reported in one closure.
                let point = tracePoint(expression, kind: .fact(path))
                return { context in
                    let value = context.flat[slot]
                    if let observer = context.observer { observer.observe(point, value) }
                    return value
                }
            }
            root = { context in context.roots[index] }
        case .local(let slot, let name):
            names.append(name)
            if let first = fieldIndices.first {
                // The first field straight from the record's fields, then any further fields.
                let rest = Array(fieldIndices.dropFirst())
                let read = localFieldCode(slot, first)
                let code: Code = { context throws(EvaluationError) in
                    var value = try read(context)
                    for index in rest {
                        guard case .record(let fields) = value else { return .unknown }
                        value = fields[index]
                    }
                    return value
                }
                return tracedFields(code, expression, base: node, path: names.reversed().joined(separator: "."),
                                    fields: names.dropLast().reversed())
            }
            if scalarCursorSlots.contains(slot) { return { context in context.cursorField(slot, 0) } }
            root = { context in context.local(slot) }
        default:
            names.append("…")
            root = compile(node)
        }
        let path = names.reversed().joined(separator: ".")
        let code: Code
        switch fieldIndices.count {
        case 0:
            code = root
        case 1:
            let first = fieldIndices[0]
            code = { context throws(EvaluationError) in
                guard case .record(let fields) = try root(context) else { return .unknown }
                return fields[first]
            }
        default:
            code = { context throws(EvaluationError) in
                var value = try root(context)
                for index in fieldIndices {
                    guard case .record(let fields) = value else { return .unknown }
                    value = fields[index]
                }
                return value
            }
        }
        switch node.kind {
        case .local where fieldIndices.isEmpty:
            return code
        case .fact, .local:
            return traced(code, expression, kind: .fact(path))
        default:
            // Fields of a computed record: of `element(lista, n)`, named by the element.
            return tracedFields(code, expression, base: node, path: path, fields: names.dropLast().reversed())
        }
    }
}

extension EvaluationContext {
    @inline(__always)
    func setLocal(_ slot: Int, _ value: Value) {
        let index = base + slot
        while locals.count <= index {
            locals.append(.unknown)
            recordLocals.append([])
        }
        locals[index] = value
        if case .record(let fields) = value { recordLocals[index] = fields } else { recordLocals[index] = [] }
    }

    /// The value in local `slot`; unknown for a slot no one has set (what its field reads,
    /// ``localField(_:_:)``, gives there too). A loop of the programs that binds a cursor sets no
    /// local: a closure in such a loop that read the element whole read past the locals, a trap
    /// (found by review: a `största`'s `där` calling value code with its element).
    @inline(__always)
    func local(_ slot: Int) -> Value {
        let position = base + slot
        return position < locals.count ? locals[position] : .unknown
    }

    /// Field `index` of the record in local `slot`; unknown when the slot holds no record.
    @inline(__always)
    func localField(_ slot: Int, _ index: Int) -> Value {
        let position = base + slot
        guard position < recordLocals.count else { return .unknown }
        let count = recordLocals[position].count
        return index < count ? recordLocals[position][index] : .unknown
    }
}

extension TypeDescription {
    init(_ type: KundvalType) {
        switch type.unwrapped {
        case .money: self = .money
        case .percent: self = .percent
        case .days: self = .days
        case .months: self = .months
        case .quantity(let unit): self = .unit(unit == .timmar ? "timmar" : unit.rawValue)
        case .enumeration(let name): self = .enumeration(name)
        case .record(let name): self = .record(name)
        default: self = .plain
        }
    }
}

extension Compiler {
    /// `största v i lista: värde` (`largest`) or `minsta …`: the value of the element whose
    /// value is largest (smallest); unknown for an empty or unknown list, or when an element's
    /// value is not known (it could be the largest).
    func compileExtreme(largest: Bool, slot: Int, _ domain: TypedExpression, filter: TypedExpression?,
                        _ body: TypedExpression) -> Code {
        let (d, f, b, name) = (compile(domain), filter.map(compile), compile(body), elementNamer(domain))
        return { context throws(EvaluationError) in
            guard case .list(let elements) = try d(context) else { return .unknown }
            let list = context.observer == nil ? nil : name?(context)
            var best: Value?
            for (index, element) in elements.enumerated() {
                context.bindElement(slot, element, index: index, of: list)
                // `där`: an element it does not hold for is not counted, one it may hold for
                // could be the largest (as an element whose value is not known).
                if let f {
                    switch try f(context) {
                    case .boolean(false): continue
                    case .boolean(true): break
                    default: return .unknown
                    }
                }
                let value = try b(context)
                guard let current = best else {
                    guard value.isKnown, Self.order(value, value) != nil else { return .unknown }
                    best = value
                    continue
                }
                guard let order = Self.order(value, current) else { return .unknown }
                if largest ? order > 0 : order < 0 { best = value }
            }
            return best ?? .unknown
        }
    }
}
