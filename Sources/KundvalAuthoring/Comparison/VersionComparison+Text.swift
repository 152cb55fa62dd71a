extension VersionComparison {
    /// The comparison in Swedish, for a reader: the two files, a count per kind of change, then
    /// every header field, condition and other part that differs. `+` marks what was added, `-`
    /// what was removed and `~` what changed; a word diff shows `[-borttaget-]` and `{+tillagt+}`,
    /// a predicate its changed sub-expressions with their lines. Long texts added or removed
    /// whole are cut at `width` characters (the JSON has them in full).
    public func text(width: Int = 160) -> String {
        var lines: [String] = []
        lines.append("\(new.kind) " + Self.quoted(new.name) + (new.name != old.name ? " (tidigare " + Self.quoted(old.name) + ")" : ""))
        lines.append("  gammal: " + Self.describe(old))
        lines.append("  ny:     " + Self.describe(new))
        if isEmpty {
            lines.append("")
            lines.append("inga skillnader (\(unchangedConditions) villkor " + (unchangedConditions == 1 ? "oförändrat)" : "oförändrade)"))
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("")
        // A condition both changed and renumbered counts as changed; the summary says how many
        // of those moved, and that the renumbered ones moved without other changes.
        let movedAndChanged = conditions.filter { $0.kind == .changed && $0.formerNumber != nil }.count
        lines.append("villkor: " + Self.counts(conditions.map(\.kind), changedMoved: movedAndChanged)
                     + ", \(unchangedConditions) " + (unchangedConditions == 1 ? "oförändrat" : "oförändrade"))
        if !header.isEmpty {
            lines.append("")
            lines.append("huvud")
            lines += header.flatMap { Self.lines($0, width: width) }
        }
        let renumbered = conditions.contains { $0.formerNumber != nil }
        for condition in conditions {
            lines.append("")
            let moved = condition.formerNumber.map { "omnumrerat \($0) → \(condition.number)" }
            let state = condition.kind == .renumbered ? moved ?? condition.kind.rawValue
                : condition.kind.rawValue + (moved.map { ", " + $0 } ?? "")
            // Among renumbered conditions a removed one's number is the old one; say so.
            let oldNumber = condition.kind == .removed && renumbered ? " (numret i den gamla versionen)" : ""
            lines.append("villkor \(condition.number)" + (condition.title.map { " " + Self.quoted($0) } ?? "") + ": " + state + oldNumber)
            lines += condition.changes.flatMap { Self.lines($0, width: width) }
        }
        for item in items {
            lines.append("")
            lines.append("\(item.category) " + Self.quoted(item.name) + ": \(item.kind.rawValue)")
            lines += item.changes.flatMap { Self.lines($0, width: width) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A side's file, with its reglemente's.
    static func describe(_ side: VersionSummary) -> String {
        side.path + (side.version.map { " (version " + quoted($0) + ")" } ?? "") + (side.reglementePath.map { ", reglemente \($0)" } ?? "")
    }

    /// `2 tillagda, 1 ändrat`: how many of each kind, in a fixed order; `inga ändringar` for none.
    /// With `changedMoved` (changed conditions that were also renumbered): `22 ändrade (varav 20
    /// omnumrerade), 2 bara omnumrerade`.
    static func counts(_ kinds: [ChangeKind], changedMoved: Int = 0) -> String {
        let moved = changedMoved > 0
        let order: [(ChangeKind, String, String)] = [(.added, "tillagt", "tillagda"), (.removed, "borttaget", "borttagna"),
                                                     (.switchedOff, "avstängt", "avstängda"), (.switchedOn, "påslaget", "påslagna"),
                                                     (.changed, "ändrat", "ändrade"),
                                                     (.renumbered, moved ? "bara omnumrerat" : "omnumrerat",
                                                      moved ? "bara omnumrerade" : "omnumrerade")]
        let parts = order.compactMap { kind, one, many -> String? in
            let count = kinds.filter { $0 == kind }.count
            guard count > 0 else { return nil }
            let note = kind == .changed && moved ? " (varav \(changedMoved) " + (changedMoved == 1 ? "omnumrerat)" : "omnumrerade)") : ""
            return "\(count) \(count == 1 ? one : many)" + note
        }
        return parts.isEmpty ? "inga ändringar" : parts.joined(separator: ", ")
    }

    /// One change as indented lines.
    static func lines(_ change: Change, width: Int) -> [String] {
        switch change.kind {
        case .added:
            return ["  + \(change.part): " + cut(change.new ?? "", width)]
        case .removed:
            return ["  - \(change.part): " + cut(change.old ?? "", width)]
        case .switchedOff, .switchedOn, .changed, .renumbered:
            if let expressions = change.expressions {
                return ["  ~ \(change.part):"] + expressions.map { expression in
                    switch (expression.old, expression.new) {
                    case (let old?, let new?):
                        return "      rad \(expression.oldLine ?? 0) → \(expression.newLine ?? 0): `\(cut(old, width))` → `\(cut(new, width))`"
                    case (let old?, nil):
                        return "      - rad \(expression.oldLine ?? 0): `\(cut(old, width))`"
                    case (nil, let new?):
                        return "      + rad \(expression.newLine ?? 0): `\(cut(new, width))`"
                    case (nil, nil):
                        return "      (inget)"
                    }
                }
            }
            if let words = change.words {
                return ["  ~ \(change.part): " + WordDiff.render(words)]
            }
            return ["  ~ \(change.part): " + cut(change.old ?? "", width) + " → " + cut(change.new ?? "", width)]
        }
    }

    /// A text on one line (whitespace collapsed), cut with `…` at the last word boundary within
    /// `width` characters (within the first word when it is longer).
    static func cut(_ text: String, _ width: Int) -> String {
        WordDiff.cut(ExpressionDiff.collapse(text), width)
    }

    /// A name in double quotes as the language writes it: `"` and `\` escaped with `\`.
    static func quoted(_ name: String) -> String {
        var result = "\""
        for character in name {
            switch character {
            case "\"", "\\": result += "\\" + String(character)
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
