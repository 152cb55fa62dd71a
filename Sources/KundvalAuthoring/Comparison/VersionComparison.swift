import KundvalSyntax

/// The differences between two versions of a kundval (each read with the reglemente it refines)
/// or of a reglemente: the header, every condition that was added, removed, switched off or on,
/// or changed, and the services, decision tables, definitions, sanction policy and grounds for
/// de-authorization. A value: ``text()`` renders it in Swedish, and it encodes as JSON with
/// Swedish keys.
public struct VersionComparison: Codable, Hashable, Sendable {
    /// The old version.
    public var old: VersionSummary
    /// The new version.
    public var new: VersionSummary
    /// Changes of the header: name, version, nämnd, dates, the reglemente refined.
    public var header: [Change]
    /// The conditions that differ, in number order.
    public var conditions: [ConditionComparison]
    /// How many conditions are in both versions without a difference.
    public var unchangedConditions: Int
    /// Services, types, facts, tables, definitions, the sanction policy and grounds for
    /// de-authorization that differ, in that order; for a kundval then those of its reglemente
    /// (categories starting `reglementets `).
    public var items: [ItemComparison]

    /// Whether the two versions say the same thing (spans, comments and layout aside).
    public var isEmpty: Bool { header.isEmpty && conditions.isEmpty && items.isEmpty }

    enum CodingKeys: String, CodingKey {
        case old = "gammal", new = "ny", header = "huvud", conditions = "villkor"
        case unchangedConditions = "oförändrade_villkor", items = "övrigt"
    }
}

/// Which document a side of a comparison is.
public struct VersionSummary: Codable, Hashable, Sendable {
    /// `kundval` or `reglemente`.
    public var kind: String
    /// The document's name.
    public var name: String
    /// `version "…"`, if stated.
    public var version: String?
    /// The rule file.
    public var path: String
    /// For a kundval: the file of the reglemente it refines.
    public var reglementePath: String?

    /// Creates a summary.
    public init(kind: String, name: String, version: String?, path: String, reglementePath: String?) {
        self.kind = kind; self.name = name; self.version = version; self.path = path; self.reglementePath = reglementePath
    }

    enum CodingKeys: String, CodingKey {
        case kind = "slag", name = "namn", version, path = "fil", reglementePath = "reglementets_fil"
    }
}

/// What happened to a condition, a service or another part between two versions.
public enum ChangeKind: String, Codable, Hashable, Sendable {
    /// Only in the new version.
    case added = "tillagt"
    /// Only in the old version.
    case removed = "borttaget"
    /// `förekommer inte i detta kundval` in the new version only.
    case switchedOff = "avstängt"
    /// `förekommer inte i detta kundval` in the old version only.
    case switchedOn = "påslaget"
    /// In both, different.
    case changed = "ändrat"
    /// In both, the same, under another number (a condition inserted or removed before it).
    case renumbered = "omnumrerat"
}

/// One condition (by its new number, a removed one by its old; a kundval's row `villkor 15–18`
/// by its range) that differs.
public struct ConditionComparison: Codable, Hashable, Sendable {
    /// `10`, `10.1`, `15–18`.
    public var number: String
    /// The heading, the new one when there is one.
    public var title: String?
    /// What happened to it.
    public var kind: ChangeKind
    /// What differs, part by part (empty for a condition only added, removed, switched off or on
    /// without other changes).
    public var changes: [Change]
    /// When the condition had another number in the old version (a reglemente that inserts a
    /// condition renumbers those after it): that number. The condition was compared with the
    /// old one of that number (paired by heading, see ``ConditionPairing``).
    public var formerNumber: String?

    enum CodingKeys: String, CodingKey {
        case number = "nummer", title = "rubrik", kind = "ändring", changes = "ändringar", formerNumber = "tidigare_nummer"
    }
}

/// A service, decision table, definition, sanction policy or ground for de-authorization that
/// differs.
public struct ItemComparison: Codable, Hashable, Sendable {
    /// `insats`, `tabell`, `definition`, `sanktioner`, `avauktorisation`.
    public var category: String
    /// Its name (a service's name, a table's, a ground's title).
    public var name: String
    /// What happened to it.
    public var kind: ChangeKind
    /// What differs.
    public var changes: [Change]

    enum CodingKeys: String, CodingKey { case category = "slag", name = "namn", kind = "ändring", changes = "ändringar" }
}

/// One difference in one part: a text (with its word diff), an expression (with the smallest
/// sub-expressions that differ), or an entry of a list (a control point, a table row) added,
/// removed or changed.
public struct Change: Codable, Hashable, Sendable {
    /// The part, in Swedish: `lydelse`, `kräver "Lokaler"`, `underlag`, `rad 3`, `nämnd`, …
    public var part: String
    /// Added, removed or changed.
    public var kind: ChangeKind
    /// The old text (source text for rules), when there was one.
    public var old: String?
    /// The new text, when there is one.
    public var new: String?
    /// For a changed text: the word diff.
    public var words: [WordDiff.Piece]?
    /// For a changed expression: the smallest sub-expressions that differ.
    public var expressions: [ExpressionChange]?

    /// Creates a change.
    public init(part: String, kind: ChangeKind, old: String?, new: String?, words: [WordDiff.Piece]? = nil,
                expressions: [ExpressionChange]? = nil) {
        self.part = part; self.kind = kind; self.old = old; self.new = new; self.words = words; self.expressions = expressions
    }

    enum CodingKeys: String, CodingKey {
        case part = "del", kind = "ändring", old = "gammal", new = "ny", words = "ord", expressions = "uttryck"
    }
}

/// A sub-expression that differs between two versions: the old and new source text (`nil` for
/// a term only in one of them, such as an added `och` operand), with their lines.
public struct ExpressionChange: Codable, Hashable, Sendable {
    /// The old source text, whitespace collapsed.
    public var old: String?
    /// The new source text, whitespace collapsed.
    public var new: String?
    /// The line of the old text in its file.
    public var oldLine: Int?
    /// The line of the new text in its file.
    public var newLine: Int?

    /// Creates an expression change.
    public init(old: String?, new: String?, oldLine: Int?, newLine: Int?) {
        self.old = old; self.new = new; self.oldLine = oldLine; self.newLine = newLine
    }

    enum CodingKeys: String, CodingKey { case old = "gammal", new = "ny", oldLine = "gammal_rad", newLine = "ny_rad" }
}
