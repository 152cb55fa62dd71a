import KundvalDiagnostics
import KundvalSyntax

/// The sanction ladder: the enumeration called `Sanktion`, in ascending severity (`i stigande
/// ordning`), declared by a reglemente or a kundval and extendable by a kundval
/// (`typ Sanktion utökas: en av åtgärdsplan före varning`). A row's `vid brist` names its steps;
/// the sanction policy's table gives one.
public enum SanctionLadder {
    /// The name of the ladder's enumeration.
    public static let typeName = "Sanktion"
    /// The step that `avauktorisation` in a `vid brist` names, when the ladder has it.
    public static let deauthorizationStep = "avauktorisation"
}

/// `sanktioner enligt T`: the document's sanction section as a policy over its factors.
public struct CheckedSanctionPolicy: Sendable {
    /// The decision table that recommends a step for every failing condition whose row says
    /// `sanktion` (or names several steps) without a table of its own.
    public var table: String
    /// `lydelse`: the document's sanction section.
    public var wording: String?
    /// `anmärkning`.
    public var notes: [String]
    /// `vid vite: vitesbelopp`: for a step of the ladder (by name, since a kundval may insert
    /// steps before it), the definition without parameters whose value goes with it; such a
    /// definition is reported only with its step.
    public var amounts: [(step: String, definition: String)]
    /// Where it was declared.
    public var span: SourceSpan
}

/// `avauktorisation "…"`: a ground on which the provider is de-authorized from a date.
public struct CheckedDeauthorization: Sendable {
    /// The ground's title.
    public var title: String
    /// `lydelse`.
    public var wording: String?
    /// `anmärkning`.
    public var notes: [String]
    /// `gäller när`: whether the ground concerns the provider (always when `nil`).
    public var applicability: CheckedBody?
    /// `från`: the date from which the provider is de-authorized (a `datum`, possibly unknown).
    public var from: CheckedBody
    /// Where it was declared.
    public var span: SourceSpan
}
