/// Collects diagnostics with an upper bound, so that a hostile file of garbage cannot make the
/// collector itself grow without limit. Diagnostics past the limit are counted, not kept.
public struct DiagnosticList: Sendable {
    /// The most diagnostics kept for one file.
    public let limit: Int
    /// The kept diagnostics, in the order they were reported.
    public private(set) var items: [Diagnostic] = []
    /// How many diagnostics were reported after the limit was reached.
    public private(set) var suppressedCount = 0

    /// Creates an empty list.
    public init(limit: Int = 500) { self.limit = limit }

    /// Adds a diagnostic, or counts it when the list is full.
    public mutating func append(_ diagnostic: Diagnostic) {
        if items.count < limit { items.append(diagnostic) } else { suppressedCount += 1 }
    }

    /// Changes kept diagnostic `index` (one reported earlier that later ones add to: see the
    /// checker's unknown names); nothing when it was not kept.
    public mutating func update(item index: Int, _ change: (inout Diagnostic) -> Void) {
        guard items.indices.contains(index) else { return }
        change(&items[index])
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { suppressedCount > 0 || items.contains { $0.severity == .error } }
}
