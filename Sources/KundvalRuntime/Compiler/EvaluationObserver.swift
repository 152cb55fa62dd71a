import KundvalDiagnostics
import KundvalSyntax

// Explanations come from the value code itself, not from a second compilation of it: the
// places where the code reads a fact, decides a comparison or calls a definition report their
// value to the context's observer, when one is set (as cel-go's evaluation observers do). With
// no observer a fact read costs one test of an optional; a comparison, a call, a presence test
// and a quantifier one more closure call (no measurable cost in `kundval bench`).

/// Watches an evaluation of value code: told of every fact read, decision made and call made,
/// in the order they happen, with the place in the rules and the value.
protocol EvaluationObserver: AnyObject {
    /// The code at `point` produced `value`.
    func observe(_ point: TracePoint, _ value: Value)
    /// The code at `point`, a read of a field of a list's element, produced `value`; `element`
    /// names the fact read (`element(anordnare.personer, 2).näringsförbud`, see
    /// `ElementNames.swift`).
    func observe(_ point: TracePoint, _ value: Value, element: String)
    /// The same with the name still to be put into words: `element`'s text and `suffix`.
    func observe(_ point: TracePoint, _ value: Value, element: FactName, suffix: String)
}

extension EvaluationObserver {
    /// By default the element's name is not needed: the step is `point`'s as any other.
    func observe(_ point: TracePoint, _ value: Value, element: String) {
        observe(point, value)
    }

    /// By default the name is put into words at once.
    func observe(_ point: TracePoint, _ value: Value, element: FactName, suffix: String) {
        observe(point, value, element: element.text + suffix)
    }
}

/// A place in the rules where value code reports to an observer: what happens there, how its
/// value reads, and the texts of its explanation line, written at load time from where it is.
/// Immutable, made once per place by the compiler.
final class TracePoint: Sendable {
    /// What happens at a trace point.
    enum Kind: Sendable, Hashable {
        /// A fact is read; the path is `anordnare.garant.kreditvärdighet`.
        case fact(String)
        /// A comparison, a presence test, a document's age or a quantifier is decided.
        case decision
        /// A definition, table or built-in function is called.
        case call(String)
    }

    let kind: Kind
    /// How to show the value.
    let type: TypeDescription
    /// For a fact: a number for its path, the same for every point that reads the path in
    /// one compiled document (explanations show each fact and value once).
    let factNumber: Int
    /// For a decision: its whole line when it is `sant`, `falskt` and `okänt`, in that order.
    let decisionLines: [String]
    /// Whether the point is a presence test (`finns`, `saknas`): it decides with a fact read as
    /// unknown, so that fact is not missing (see ``UnknownFactsObserver``).
    let testsPresence: Bool
    /// For a fact or a call: its line up to the value (`rad 12: anordnare.kreditvärdighet = `).
    /// The lines start `rad 12: ` in a document of one file; a kundval's name their file,
    /// its own (`oppenvard-000.kundval rad 12: `) or its reglemente's (`reglemente-31.kundval
    /// rad 12: `) (see ``TraceSources``). They are empty when compiled without the source text
    /// (an expression at a prompt, which is never explained).
    let valueLinePrefix: String
    /// Whether the point checks a document's age (`högst 3 månader gammalt`, a control point's
    /// made with `written` or one in a requirement): unknown, it waits for a newer or a dated
    /// document, which facts can settle (see ``UnknownFactsObserver/firstUnknownDecision``).
    let checksDocument: Bool

    /// The point of `kind` at `span` of file `file` of `source` (the place is needed only for
    /// the texts, which are written here). A decision shows the source text at `span`, or
    /// `written` when given (a check the rules state in words of their own, such as a control
    /// point's `anordnare.registreringsbevis högst 3 månader gammalt`).
    init(kind: Kind, file: Int, span: SourceSpan, type: TypeDescription, factNumber: Int, source: TraceSources?,
         written: String? = nil, testsPresence: Bool = false, checksDocument: Bool = false) {
        self.kind = kind
        self.type = type
        self.factNumber = factNumber
        self.testsPresence = testsPresence
        self.checksDocument = checksDocument || written != nil
        guard let source, file < source.files.count else {
            (decisionLines, valueLinePrefix) = ([], "")
            return
        }
        let text = source.files[file]
        let linePrefix = source.prefixes[file] + String(text.lineIndex(of: span.start) + 1) + ": "
        switch kind {
        case .fact(let name), .call(let name):
            (decisionLines, valueLinePrefix) = ([], linePrefix + name + " = ")
        case .decision:
            let shown = linePrefix + "`" + (written ?? CompiledDocument.singleLine(text, span)) + "` är "
            (decisionLines, valueLinePrefix) = (["sant", "falskt", "okänt"].map { shown + $0 }, "")
        }
    }
}

/// The source files of a compiled document, for the lines of its trace points.
struct TraceSources: Sendable {
    let files: [SourceFile]
    /// `rad ` for a document of one file; for a kundval and its reglemente, each line with its
    /// file: `reglemente-31.kundval rad `, `oppenvard-000.kundval rad ` (an explanation of a
    /// kundval's condition reads lines of both, and a bare `rad 237` beside
    /// `reglemente-31.kundval rad 280` read as a line of the reglemente).
    let prefixes: [String]

    init(files: [SourceFile]) {
        self.files = files
        prefixes = files.count == 1 ? ["rad "] : files.map { CompiledDocument.fileName($0.path) + " rad " }
    }
}

/// One step an observer was told of: the place and the value it had (see ``ExplanationLog``).
struct TraceEntry: Sendable {
    let point: TracePoint
    let value: Value
}

/// Keeps every step, in order: the steps of a constant computed at load time (see
/// ``Compiler/compile(_:)``), and a plain recording for tests.
final class StepRecorder: EvaluationObserver {
    private(set) var steps: [TraceEntry] = []

    func observe(_ point: TracePoint, _ value: Value) {
        steps.append(TraceEntry(point: point, value: value))
    }
}

/// Keeps only the paths of the facts read as unknown, each once, in the order first read:
/// what a condition that cannot be decided misses. A fact read as unknown only by presence
/// tests (`anordnare.garant saknas`, `p.registerutdrag finns`) is left out when another fact is
/// missing: the test itself is known (it reads the fact, then decides at once), and the other
/// fact is what to ask for. When no other fact is missing, those facts are what leaves the
/// condition undecided (`om p.anställningsdatum finns så … annars okänt`), and they are named.
final class UnknownFactsObserver: EvaluationObserver {
    private var recorded: [String] = []
    private var seen: Set<String> = []
    /// Facts read as unknown by presence tests only, in the order first read.
    private var presenceOnly: [String] = []
    /// The fact read as unknown by the step before, until the next step says whether it was
    /// a presence test's.
    private var pending: String?
    /// The line of the first decision that was unknown (`rad 18: `…` är okänt`): what left the
    /// condition undecided when no fact is missing (`största` over an empty list, a table
    /// without a row for the values), which asking for facts cannot settle.
    private(set) var firstUnknownDecision: String?

    /// The facts read as unknown while `evaluate` runs value code in a context of `storage` on
    /// `date` that this observer watches: what an undecided condition, service or ground of
    /// de-authorization misses (evaluated again only for those).
    static func paths(storage: FactStorage, date: Day, definitionCount: Int,
                      _ evaluate: (EvaluationContext) -> Void) -> [String] {
        watching(storage: storage, date: date, definitionCount: definitionCount, evaluate).paths
    }

    /// An observer that watched `evaluate` run value code in a context of `storage` on `date`.
    static func watching(storage: FactStorage, date: Day, definitionCount: Int,
                         _ evaluate: (EvaluationContext) -> Void) -> UnknownFactsObserver {
        let unknown = UnknownFactsObserver()
        evaluate(EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, observer: unknown))
        return unknown
    }

    /// The paths, in the order first read.
    var paths: [String] {
        var paths = recorded
        if let pending, !seen.contains(pending) { paths.append(pending) }
        guard paths.isEmpty else { return paths }
        var named = Set<String>()
        return presenceOnly.filter { named.insert($0).inserted }
    }

    func observe(_ point: TracePoint, _ value: Value) {
        guard case .fact(let path) = point.kind else { return observe(point, value, fact: nil) }
        observe(point, value, fact: path)
    }

    /// A field of a list's element is named by its element: a fact of each element that is
    /// missing is named once.
    func observe(_ point: TracePoint, _ value: Value, element: String) {
        observe(point, value, fact: element)
    }

    private func observe(_ point: TracePoint, _ value: Value, fact: String?) {
        if firstUnknownDecision == nil, case .decision = point.kind, !value.isKnown, !point.checksDocument,
           point.decisionLines.count == 3 {
            firstUnknownDecision = point.decisionLines[2]
        }
        if let held = pending {
            pending = nil
            if point.testsPresence {
                presenceOnly.append(held)
            } else if seen.insert(held).inserted {
                recorded.append(held)
            }
        }
        guard let fact, !value.isKnown, !seen.contains(fact) else { return }
        pending = fact
    }
}
