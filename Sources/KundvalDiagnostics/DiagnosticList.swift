/// Collects diagnostics with an upper bound, so that a hostile file of garbage cannot make the
/// collector itself grow without limit. Diagnostics past the limit are counted, not kept.
public struct DiagnosticList: Sendable {
    /// The most diagnostics kept for one file.
    public let limit: Int
    /// The kept diagnostics, in the order they were reported.
    public private(set) var items: [Diagnostic] = []
    /// How many errors and warnings were reported after the limit was reached.
    public private(set) var suppressedErrorCount = 0
    public private(set) var suppressedWarningCount = 0
    /// How many errors are kept.
    private var keptErrors = 0

    /// How many diagnostics were reported after the limit was reached.
    public var suppressedCount: Int { suppressedErrorCount + suppressedWarningCount }

    /// Creates an empty list.
    public init(limit: Int = 500) { self.limit = limit }

    /// Adds a diagnostic, or counts it when the list is full. Errors are kept up to the limit
    /// whatever warnings came before them (at most twice the limit in all): 500 warnings hid
    /// the error after them, and a file with only warnings past the limit was counted as
    /// having errors (found by an adversarial session).
    public mutating func append(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            guard keptErrors < limit else { return suppressedErrorCount += 1 }
            keptErrors += 1
        } else if items.count >= limit {
            return suppressedWarningCount += 1
        }
        items.append(diagnostic)
    }

    /// Changes kept diagnostic `index` (one reported earlier that later ones add to: see the
    /// checker's unknown names); nothing when it was not kept.
    public mutating func update(item index: Int, _ change: (inout Diagnostic) -> Void) {
        guard items.indices.contains(index) else { return }
        change(&items[index])
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { suppressedErrorCount > 0 || keptErrors > 0 }
}
