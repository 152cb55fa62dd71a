import KundvalChecker
import KundvalSyntax

// Quantifiers over lists of records (`alla p i anordnare.personal: p.behärskar_svenska`) are
// the hot loops of a kundval. Binding each element to its local slot as a value costs several
// reference-count operations per element and per field read. When the body uses the local
// only to read its fields, the quantifier binds a *cursor* instead: pointers to the element's
// fields, read without any reference counting. For a list that is a fact slot the fields come
// from the slot's table in the facts' storage, with `ja/nej` fields as bytes; for any other
// list, from the list itself while the quantifier runs.

/// Where a cursor-bound local is: its record's fields and, when they come from a table, their
/// truth bytes. Valid only while the quantifier that set it runs.
struct Cursor {
    /// The element's fields; as many as the record type has, or none.
    var fields: FencedView<Value>
    /// Their truth bytes (see ``CellByte``) when they come from a table; else empty.
    var truths: FencedView<UInt8>

    /// The number of fields.
    var count: Int { fields.count }

    static var none: Cursor { Cursor(fields: .empty, truths: .empty) }
}

extension EvaluationContext {
    /// Makes room for a cursor at absolute local position `position`.
    @inline(__always)
    func reserveCursor(_ position: Int) {
        if position < cursors.count { return }
        let grown = FencedBuffer<Cursor>.repeating(.none, count: max(16, (position + 1) * 2))
        grown.update(from: cursors)
        cursors.free()
        cursors = grown
    }

    /// Field `index` of the record the cursor in local `slot` is at; unknown when there is none.
    @inline(__always)
    func cursorField(_ slot: Int, _ index: Int) -> Value {
        let position = base + slot
        guard position < cursors.count else { return .unknown }
        let cursor = cursors[position]
        guard index < cursor.count else { return .unknown }
        return cursor.fields[index]
    }

    /// Runs `body` once per row of table `table` with the cursor of local `slot` at the row,
    /// until `body` says stop. False when the list is unknown. While an observer watches, each
    /// row is named as an element of `list` (see `ElementNames.swift`), or as none.
    @inline(__always)
    func forEachRow(of table: Int, _ slot: Int, named list: FactName?,
                    _ body: (EvaluationContext) throws(EvaluationError) -> Bool) throws(EvaluationError) -> Bool {
        let rows = storage.table(table)
        guard rows.count >= 0 else { return false }
        let position = base + slot
        reserveCursor(position)
        let saved = cursors[position]
        // Every loop names its elements while an observer watches, an unnamed list's as none:
        // the position may hold a name of the caller's, whose frame a definition's loop shares
        // (found by review: a missing fact was named on another element).
        let naming = observer != nil
        let savedName = naming ? nameElement(slot, cursor: true, nil) : nil
        defer {
            cursors[position] = saved
            if naming { nameElement(slot, cursor: true, savedName) }
        }
        var offset = 0
        for index in 0..<rows.count {
            if naming { nameElement(slot, cursor: true, Self.element(index, of: list)) }
            cursors[position] = Cursor(fields: rows.values.window(from: offset, count: rows.width),
                                       truths: rows.truths.window(from: offset, count: rows.width))
            if try !body(self) { break }
            offset += rows.width
        }
        return true
    }

    /// Runs `body` once per element of `elements` with the cursor of local `slot` at the
    /// element's fields (no fields when the element is not a record), until `body` says stop.
    /// Elements are named as in ``forEachRow(of:_:named:_:)``.
    @inline(__always)
    func forEachCursor(_ slot: Int, in elements: [Value], named list: FactName?,
                       _ body: (EvaluationContext) throws(EvaluationError) -> Bool) throws(EvaluationError) {
        let position = base + slot
        reserveCursor(position)
        let saved = cursors[position]
        // Every loop names its elements while an observer watches, an unnamed list's as none:
        // the position may hold a name of the caller's, whose frame a definition's loop shares
        // (found by review: a missing fact was named on another element).
        let naming = observer != nil
        let savedName = naming ? nameElement(slot, cursor: true, nil) : nil
        defer {
            cursors[position] = saved
            if naming { nameElement(slot, cursor: true, savedName) }
        }
        for (index, element) in elements.enumerated() {
            if naming { nameElement(slot, cursor: true, Self.element(index, of: list)) }
            guard case .record(let fields) = element else {
                cursors[position] = .none
                if try !body(self) { return }
                continue
            }
            let proceed = try FencedView.withElements(of: fields) { view throws(EvaluationError) -> Bool in
                cursors[position] = Cursor(fields: view, truths: .empty)
                return try body(self)
            }
            if !proceed { return }
        }
    }
}

extension Compiler {
    /// A copy of this compiler that reads the fields of local `slot` through its cursor.
    func withCursor(_ slot: Int) -> Compiler {
        var copy = self
        copy.cursorSlots.insert(slot)
        return copy
    }

    /// A copy of this compiler where local `slot` is the single cell of its cursor.
    func withScalarCursor(_ slot: Int) -> Compiler {
        var copy = self
        copy.scalarCursorSlots.insert(slot)
        return copy
    }

    /// A copy with no cursors, for code in another frame (definitions, table rows).
    var withoutCursors: Compiler {
        var copy = self
        copy.cursorSlots = []
        copy.scalarCursorSlots = []
        return copy
    }

    /// Whether `expression` uses local `slot` only as the record whose fields it reads, so the
    /// slot can be bound as a cursor; seeing through calls of `definitions` when given (see
    /// ``usesOnlyFields(of:in:through:)``).
    func canBindCursor(_ slot: Int, in expression: TypedExpression, through definitions: [String: CheckedDefinition]? = nil) -> Bool {
        !reference && Self.usesOnlyFields(of: slot, in: expression, through: definitions)
    }

    /// Whether `expression` uses local `slot` only as the record whose fields it reads. With
    /// `definitions`, a call that passes the local whole to a definition whose body uses that
    /// parameter the same way (`uppfyller(p)` with `p.utbildning` in its body, definitions
    /// calling each other while `budget` calls last) counts too: inlined, such a call reads the
    /// element's fields where they are (see ``TruthProgramBuilder/loopPassingElement(_:)``).
    static func usesOnlyFields(of slot: Int, in expression: TypedExpression,
                               through definitions: [String: CheckedDefinition]? = nil) -> Bool {
        var budget = 1_000
        return usesOnlyFields(of: slot, in: expression, through: definitions, budget: &budget)
    }

    private static func usesOnlyFields(of slot: Int, in expression: TypedExpression,
                                       through definitions: [String: CheckedDefinition]?, budget: inout Int) -> Bool {
        func uses(_ expression: TypedExpression) -> Bool { usesOnlyFields(of: slot, in: expression, through: definitions, budget: &budget) }
        switch expression.kind {
        case .local(let local, _):
            return local != slot
        case .field(let base, _, _):
            if case .local = base.kind { return true }
            return uses(base)
        case .boolean, .unknown, .number, .date, .text, .enumCase, .fact, .assessmentDate, .error:
            return true
        case .callDefinition(let name, let arguments):
            guard let definitions else { return arguments.allSatisfy(uses) }
            for (index, argument) in arguments.enumerated() {
                guard case .local(slot, _) = argument.kind else {
                    if !uses(argument) { return false }
                    continue
                }
                budget -= 1
                guard budget >= 0, let definition = definitions[name], index < definition.parameters.count,
                      usesOnlyFields(of: index, in: definition.body.expression, through: definitions, budget: &budget)
                else { return false }
            }
            return true
        case .callTable(_, let arguments), .callBuiltin(_, let arguments), .list(let arguments):
            return arguments.allSatisfy(uses)
        case .unary(_, let operand), .presence(let operand, _):
            return uses(operand)
        case .binary(_, let left, let right):
            return uses(left) && uses(right)
        case .conditional(let a, let b, let c):
            return uses(a) && uses(b) && uses(c)
        case .documentAge(let document, _, _, let date):
            return uses(document) && date.map(uses) ?? true
        case .quantified(_, _, let domain, let body), .sum(_, let domain, let body), .extreme(_, _, let domain, nil, let body):
            return uses(domain) && uses(body)
        case .extreme(_, _, let domain, let filter?, let body):
            return uses(domain) && uses(filter) && uses(body)
        case .count(_, let domain, let filter):
            return uses(domain) && filter.map(uses) ?? true
        case .record(_, let fields):
            return fields.allSatisfy { $0.map(uses) ?? true }
        }
    }

    /// Field `index` of local `slot`: through its cursor when it is bound as one.
    func localFieldCode(_ slot: Int, _ index: Int) -> Code {
        if cursorSlots.contains(slot) {
            return { context in context.cursorField(slot, index) }
        }
        return { context in context.localField(slot, index) }
    }
}

extension Compiler {
    /// `alla|någon|ingen x i domain: body` with `x` bound as a cursor, as a value, when
    /// ``canBindCursor(_:in:)`` allows it; `nil` otherwise.
    func compileCursorQuantifier(_ quantifier: Quantifier, slot: Int, domain: TypedExpression,
                                 body: TypedExpression) -> Code? {
        guard let decide = compileCursorQuantifierTruth(quantifier, slot: slot, domain: domain, body: body) else { return nil }
        return { context throws(EvaluationError) in
            switch try decide(context) {
            case 0: .boolean(false)
            case 1: .boolean(true)
            default: .unknown
            }
        }
    }

    /// The same as a truth value: `alla` is 0 as soon as one element fails, `någon` 1 and
    /// `ingen` 0 as soon as one holds; an unknown element makes the result unknown (2) only if
    /// nothing decides. A domain that is a fact slot is walked through its table.
    func compileCursorQuantifierTruth(_ quantifier: Quantifier, slot: Int, domain: TypedExpression,
                                      body: TypedExpression) -> TruthCode? {
        let table = flatSlot(domain).flatMap { layout.tableOfSlot[$0] }
        let test: TruthCode
        if !reference, let table, layout.tables[table].scalar {
            // A list of plain values: the local is read as the row's single cell.
            test = Self.truth(of: withScalarCursor(slot).compile(body))
        } else if canBindCursor(slot, in: body) {
            test = Self.truth(of: withCursor(slot).compile(body))
        } else {
            return nil
        }
        let elements = compile(domain)
        let name = elementNamer(domain)
        if let table {
            return { context throws(EvaluationError) in
                // The list is walked in its table; an observer is still told it was read.
                if context.observer != nil { _ = try elements(context) }
                var unknown = false
                var decided: UInt8?
                var failure: EvaluationError?
                let list = context.observer == nil ? nil : name?(context)
                let known = try context.forEachRow(of: table, slot, named: list) { context in
                    Self.step(quantifier, test, context, &unknown, &decided, &failure)
                }
                return known ? try Self.result(quantifier, unknown, decided, failure) : 2
            }
        }
        return { context throws(EvaluationError) in
            guard case .list(let list) = try elements(context) else { return 2 }
            var unknown = false
            var decided: UInt8?
            var failure: EvaluationError?
            let names = context.observer == nil ? nil : name?(context)
            try context.forEachCursor(slot, in: list, named: names) { context in
                Self.step(quantifier, test, context, &unknown, &decided, &failure)
            }
            return try Self.result(quantifier, unknown, decided, failure)
        }
    }

    /// One element: its truth by `test`; false when the quantifier is decided. An element that
    /// could not be computed is kept in `failure`, which stands only if no element decides.
    @inline(__always)
    static func step(_ quantifier: Quantifier, _ test: TruthCode, _ context: EvaluationContext, _ unknown: inout Bool,
                     _ decided: inout UInt8?, _ failure: inout EvaluationError?) -> Bool {
        let holds: UInt8
        do throws(EvaluationError) { holds = try test(context) } catch {
            failure = failure ?? error
            return true
        }
        if holds == 2 {
            unknown = true
        } else if quantifier == .all && holds == 0 {
            decided = 0
        } else if quantifier != .all && holds == 1 {
            decided = quantifier == .some ? 1 : 0
        }
        return decided == nil
    }

    @inline(__always)
    static func result(_ quantifier: Quantifier, _ unknown: Bool, _ decided: UInt8?,
                       _ failure: EvaluationError?) throws(EvaluationError) -> UInt8 {
        if let decided { return decided }
        if let failure { throw failure }
        if unknown { return 2 }
        return quantifier != .some ? 1 : 0
    }
}
