import KundvalDiagnostics
import KundvalSyntax

/// The comparisons every part uses: texts (by their words), expressions (by their trees) and
/// lists of entries (control points, table rows) aligned by a longest common subsequence.
struct PartComparer {
    /// The old side's file for the parts compared.
    let oldFile: SourceFile
    /// The new side's file.
    let newFile: SourceFile
    /// Put before every part's name (`generellt villkor: `), or empty.
    let prefix: String

    /// A text part: `nil` when both have the same words.
    func text(_ part: String, _ old: String?, _ new: String?) -> Change? {
        switch (old, new) {
        case (nil, nil): return nil
        case (nil, let new?): return Change(part: prefix + part, kind: .added, old: nil, new: new)
        case (let old?, nil): return Change(part: prefix + part, kind: .removed, old: old, new: nil)
        case (let old?, let new?):
            guard WordDiff.words(old) != WordDiff.words(new) else { return nil }
            return Change(part: prefix + part, kind: .changed, old: old, new: new, words: WordDiff.pieces(old, new))
        }
    }

    /// An expression part: the smallest differing sub-expressions; `nil` when the trees are equal.
    func expression(_ part: String, _ old: Expression?, _ new: Expression?) -> Change? {
        let diff = ExpressionDiff(oldFile: oldFile, newFile: newFile)
        let oldText = old.map { ExpressionDiff.collapse(oldFile.text(of: $0.span)) }
        let newText = new.map { ExpressionDiff.collapse(newFile.text(of: $0.span)) }
        switch (old, new) {
        case (nil, nil): return nil
        case (nil, .some): return Change(part: prefix + part, kind: .added, old: nil, new: newText)
        case (.some, nil): return Change(part: prefix + part, kind: .removed, old: oldText, new: nil)
        case (let old?, let new?):
            let found = diff.changes(old, new)
            guard !found.isEmpty else { return nil }
            return Change(part: prefix + part, kind: .changed, old: oldText, new: newText, expressions: found)
        }
    }

    /// A list of entries written as source text (compared with whitespace collapsed): entries
    /// only in one list are added or removed; a run that differs with the same number of entries
    /// on both sides is shown entry by entry as changed, with a word diff. `part(i)` names the
    /// entry at position `i` (counted from 1) of its list.
    func list(_ old: [String], _ new: [String], part: (Int) -> String) -> [Change] {
        let a = old.map(ExpressionDiff.collapse), b = new.map(ExpressionDiff.collapse)
        var changes: [Change] = []
        for run in Alignment.runs(Alignment.steps(a.count, b.count, equal: { a[$0] == b[$1] })) where run.kept == nil {
            if run.removed.count == run.added.count {
                for (x, y) in zip(run.removed, run.added) {
                    changes.append(Change(part: prefix + part(y + 1), kind: .changed, old: a[x], new: b[y],
                                          words: WordDiff.pieces(a[x], b[y])))
                }
            } else {
                changes += run.removed.map { Change(part: prefix + part($0 + 1), kind: .removed, old: a[$0], new: nil) }
                changes += run.added.map { Change(part: prefix + part($0 + 1), kind: .added, old: nil, new: b[$0]) }
            }
        }
        return changes
    }

    /// Requirements (`kräver ["etikett":] uttryck`), paired by label, unlabelled ones by their
    /// order among the unlabelled.
    func requirements(_ old: [(label: String?, body: Expression)], _ new: [(label: String?, body: Expression)]) -> [Change] {
        func keyed(_ list: [(label: String?, body: Expression)]) -> [(key: String, name: String, body: Expression)] {
            var unlabelled = 0
            let total = list.filter { $0.label == nil }.count
            return list.map { entry in
                if let label = entry.label { return ("l:" + label, "kräver \"\(label)\"", entry.body) }
                unlabelled += 1
                return ("u:\(unlabelled)", total > 1 ? "kräver (\(unlabelled))" : "kräver", entry.body)
            }
        }
        let a = keyed(old), b = keyed(new)
        var changes: [Change] = []
        // Those whose label (or place among the unlabelled) is in only one version: paired
        // first by an equal predicate, then by position when as many remain on both sides, so a
        // label added to a requirement or a requirement renamed shows as such, with its
        // predicate's changes as sub-expressions.
        var unmatchedOld = a.filter { entry in !b.contains { $0.key == entry.key } }
        var unmatchedNew = b.filter { entry in !a.contains { $0.key == entry.key } }
        var partner: [String: (key: String, name: String, body: Expression)] = [:]
        for entry in unmatchedOld {
            if let index = unmatchedNew.firstIndex(where: { ExpressionDiff.same($0.body, entry.body) }) {
                partner[entry.key] = unmatchedNew.remove(at: index)
            }
        }
        unmatchedOld.removeAll { partner[$0.key] != nil }
        if unmatchedOld.count == unmatchedNew.count {
            for (entry, match) in zip(unmatchedOld, unmatchedNew) { partner[entry.key] = match }
            unmatchedNew = []
        }
        for entry in a {
            if let match = b.first(where: { $0.key == entry.key }) {
                if let change = expression(match.name, entry.body, match.body) { changes.append(change) }
            } else if let match = partner[entry.key] {
                changes.append(Change(part: prefix + "etikett", kind: .changed, old: entry.name, new: match.name,
                                      words: WordDiff.pieces(entry.name, match.name)))
                if let change = expression(match.name, entry.body, match.body) { changes.append(change) }
            } else if let change = expression(entry.name, entry.body, nil) {
                changes.append(change)
            }
        }
        for entry in unmatchedNew {
            if let change = expression(entry.name, nil, entry.body) { changes.append(change) }
        }
        return changes
    }

    /// Several texts joined by blank lines, or `nil` for none.
    static func joined(_ texts: [String]) -> String? { texts.isEmpty ? nil : texts.joined(separator: "\n\n") }
}
