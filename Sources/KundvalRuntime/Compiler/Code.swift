import KundvalDiagnostics
import KundvalSyntax

/// Compiled code: a closure that evaluates one expression in a context. Closures are built
/// once at load time with every name already resolved to an index or slot.
typealias Code = @Sendable (EvaluationContext) throws(EvaluationError) -> Value

/// Value code of a `ja/nej` expression read as a byte (0 `nej`, 1 `ja`, 2 not known), for the
/// quantifiers that walk a list with a cursor (see ``Compiler/truth(of:)``).
typealias TruthCode = @Sendable (EvaluationContext) throws(EvaluationError) -> UInt8

/// A value closure in a concrete (non-generic) container. Closures kept in arrays or optionals
/// directly are stored at the generic abstraction level, and every call then goes through a
/// reabstraction thunk; a field of a plain struct keeps the closure's own calling convention.
struct CodeBox: Sendable {
    let run: Code
}

/// The state of one evaluation: the facts, the assessment date, the local slots and a cache
/// for definitions without parameters. Created per evaluation; never shared between threads.
final class EvaluationContext {
    /// Keeps the slots below alive for as long as the context lives.
    let storage: FactStorage
    /// The flat slots' values, read without reference counting (see ``FactStorage``).
    let flat: FencedView<Value>
    /// The root facts.
    let roots: FencedView<Value>
    let date: Day
    // The context never escapes one evaluation on one thread, so the dynamic exclusivity checks
    // of class properties are not needed.
    @exclusivity(unchecked) var locals: [Value]
    /// For each local slot holding a record, its fields (empty otherwise): list elements are
    /// read field by field, and this spares copying the whole record value for every read.
    @exclusivity(unchecked) var recordLocals: [[Value]]
    @exclusivity(unchecked) var base = 0
    /// For each local slot bound as a cursor by a quantifier, the record element it is at (see
    /// `Compiler+Cursors.swift`). Views of the facts' memory: binding and reading them touches
    /// no reference counts. Each is valid only while its quantifier runs. Empty until the first
    /// quantifier; owned by the context, freed in `deinit`.
    @exclusivity(unchecked) var cursors: FencedBuffer<Cursor> = .empty
    /// Values of definitions without parameters, made on their first call; an error is kept
    /// too, so that a definition that cannot be computed is not computed again on each call (an
    /// `och` whose side fails evaluates its other side: a chain `d1 = d0 och d0`, `d2 = d1 och d1`,
    /// … would otherwise take time exponential in its length).
    @exclusivity(unchecked) var memo: [Result<Value, EvaluationError>?] = []
    /// What each sanction table chose, with the table's index, made on the first shortfall that
    /// asks (see ``SanctionPlan/choice(of:named:context:)``): a document has few tables, and
    /// an evaluation asks one or two, so a short list searched in order (growing an array of
    /// optional choices to a table's index cost more than the choice's program).
    @exclusivity(unchecked) var sanctionChoices: [KeptSanctionChoice] = []
    /// The texts value code gave a truth program's run, which its registers hold by their
    /// index here (see ``ScalarValue/TextSource/kept``).
    @exclusivity(unchecked) var keptTexts: [String] = []
    /// When an observer watches: the names of the list elements bound to local slots, by
    /// absolute position, as local values and as cursors (see `ElementNames.swift`).
    @exclusivity(unchecked) var localNames: [BoundName?] = []
    @exclusivity(unchecked) var cursorNames: [BoundName?] = []
    let definitionCount: Int
    /// Told of every fact read, decision and call the value code makes, when set (for
    /// explanations and the facts a condition misses; see ``EvaluationObserver``).
    let observer: (any EvaluationObserver)?

    init(storage: FactStorage = .empty, date: Day, definitionCount: Int, observer: (any EvaluationObserver)? = nil) {
        self.storage = storage
        self.flat = storage.values.view
        self.roots = storage.roots.view
        self.date = date
        // Locals grow on first use: with cursors, most evaluations never need them.
        self.locals = []
        self.recordLocals = []
        self.definitionCount = definitionCount
        self.observer = observer
    }

    /// `value` as a register holds it: a text kept here, any other value itself.
    func scalar(_ value: Value) -> ScalarValue {
        guard case .text(let text) = value else { return ScalarValue(value) }
        keptTexts.append(text)
        return .text(.kept, at: keptTexts.count - 1)
    }

    /// Forgets the values of the definitions computed so far.
    func forgetDefinitionValues() {
        for index in memo.indices where memo[index] != nil { memo[index] = nil }
        if !sanctionChoices.isEmpty { sanctionChoices = [] }
    }

    deinit {
        cursors.free()
    }
}
