import KundvalDiagnostics
import KundvalSyntax

extension VersionComparison {
    /// Compares two versions: the header, condition by condition (for a kundval, the general
    /// condition of its reglemente and its own specific condition under each number), then the
    /// services, tables, definitions, sanction policy and grounds for de-authorization.
    public static func compare(_ old: DocumentVersion, _ new: DocumentVersion) -> VersionComparison {
        let (conditions, unchanged) = compareConditions(old, new)
        return VersionComparison(old: old.summary, new: new.summary, header: compareHeaders(old, new),
                                 conditions: conditions, unchangedConditions: unchanged, items: compareItems(old, new))
    }

    /// The conditions that differ, and how many do not.
    static func compareConditions(_ old: DocumentVersion, _ new: DocumentVersion) -> ([ConditionComparison], Int) {
        let isKundval = old.syntax.header?.kind == .kundval || new.syntax.header?.kind == .kundval
        // Every row of a number: a document that prints a number twice has two rows of it, each
        // with its heading (see the GUIDE), and both are compared.
        func rows(_ conditions: [(key: String, condition: ConditionDecl)]) -> [String: [ConditionDecl]] {
            Dictionary(grouping: conditions, by: \.key).mapValues { $0.map(\.condition) }
        }
        let (oldOwn, newOwn) = (rows(old.ownConditions), rows(new.ownConditions))
        let (oldGeneral, newGeneral) = (rows(old.generalConditions), rows(new.generalConditions))
        func titled(_ version: DocumentVersion, _ general: [String: [ConditionDecl]], _ own: [String: [ConditionDecl]]) -> [(key: String, title: String?)] {
            var keys: [String] = []
            for key in version.generalConditions.map(\.key) + version.ownConditions.map(\.key) where !keys.contains(key) { keys.append(key) }
            return keys.map { ($0, general[$0]?.first?.title?.value ?? own[$0]?.first?.title?.value) }
        }
        let pairs = ConditionPairing.pairs(old: titled(old, oldGeneral, oldOwn), new: titled(new, newGeneral, newOwn))
        let general = PartComparer(oldFile: old.reglementeFile ?? old.file, newFile: new.reglementeFile ?? new.file,
                                   prefix: "generellt villkor: ")
        let specific = PartComparer(oldFile: old.file, newFile: new.file, prefix: isKundval ? "specifikt villkor: " : "")
        var result: [ConditionComparison] = []
        var unchanged = 0
        for pair in pairs {
            let a = pair.old ?? "", b = pair.new ?? ""
            let offOld = oldOwn[a]?.contains(where: \.isSwitchedOff) ?? false
            let offNew = newOwn[b]?.contains(where: \.isSwitchedOff) ?? false
            var changes = rowChanges(oldGeneral[a] ?? [], newGeneral[b] ?? [], general)
            changes += rowChanges(oldOwn[a] ?? [], newOwn[b] ?? [], specific)
            let moved = pair.old != nil && pair.new != nil && a != b
            let kind: ChangeKind?
            if pair.old == nil { kind = .added }
            else if pair.new == nil { kind = .removed }
            else if !offOld, offNew { kind = .switchedOff }
            else if offOld, !offNew { kind = .switchedOn }
            else { kind = !changes.isEmpty ? .changed : moved ? .renumbered : nil }
            guard let kind else { unchanged += 1; continue }
            // Added or removed: the whole condition is the change; its parts would repeat it.
            // (Its heading is shown with its number.)
            if kind == .added || kind == .removed {
                changes = changes.filter { !$0.part.hasSuffix("i förekommande fall") && !$0.part.hasSuffix("rubrik") }
            }
            // A condition that came or went switched off in the kundval says so.
            let switchedOff = "förekommer inte i detta kundval", part = "specifikt villkor"
            if kind == .added, offNew { changes.append(Change(part: part, kind: .added, old: nil, new: switchedOff)) }
            if kind == .removed, offOld { changes.append(Change(part: part, kind: .removed, old: switchedOff, new: nil)) }
            let title = [newOwn[b], newGeneral[b], oldOwn[a], oldGeneral[a]].lazy.compactMap { $0?.first?.title?.value }.first
            result.append(ConditionComparison(number: pair.new ?? a, title: title, kind: kind, changes: changes,
                                              formerNumber: moved ? a : nil))
        }
        return (result, unchanged)
    }

    /// What differs between the rows of one number in two versions, the first with the first and
    /// so on; a row after the first is named by its heading (`specifikt villkor "Ny auktorisation": `).
    static func rowChanges(_ old: [ConditionDecl], _ new: [ConditionDecl], _ parts: PartComparer) -> [Change] {
        var changes: [Change] = []
        for index in 0..<max(old.count, new.count) {
            let (a, b) = (index < old.count ? old[index] : nil, index < new.count ? new[index] : nil)
            var comparer = parts
            if index > 0, let title = (b ?? a)?.title?.value {
                let name = parts.prefix.hasSuffix(": ") ? String(parts.prefix.dropLast(2)) + " " : parts.prefix
                comparer = PartComparer(oldFile: parts.oldFile, newFile: parts.newFile, prefix: "\(name)\"\(title)\": ")
            }
            changes += conditionChanges(a, b, comparer)
        }
        return changes
    }

    /// What differs between two declarations of one condition (either may be missing).
    static func conditionChanges(_ old: ConditionDecl?, _ new: ConditionDecl?, _ parts: PartComparer) -> [Change] {
        if old == nil, new == nil { return [] }
        let a = ConditionParts(old, file: parts.oldFile), b = ConditionParts(new, file: parts.newFile)
        var changes: [Change] = []
        changes += [parts.text("rubrik", a.title, b.title)].compactMap { $0 }
        if a.appliesWhereRelevant != b.appliesWhereRelevant {
            changes.append(Change(part: parts.prefix + "i förekommande fall", kind: b.appliesWhereRelevant ? .added : .removed,
                                  old: a.appliesWhereRelevant ? "i förekommande fall" : nil,
                                  new: b.appliesWhereRelevant ? "i förekommande fall" : nil))
        }
        changes += [parts.text("lydelse", a.wording, b.wording), parts.text("förtydligande", a.clarification, b.clarification),
                    parts.text("anmärkning", a.notes, b.notes),
                    parts.expression("gäller när", a.applicability, b.applicability)].compactMap { $0 }
        changes += parts.requirements(a.requirements, b.requirements)
        changes += parts.list(a.evidence, b.evidence) { _ in "underlag" }
        changes += [parts.text("vid brist", a.consequences, b.consequences)].compactMap { $0 }
        return changes
    }
}

/// A condition declaration's parts, as compared.
struct ConditionParts {
    var title: String?
    var appliesWhereRelevant = false
    var wording: String?
    var clarification: String?
    var notes: String?
    var applicability: Expression?
    var requirements: [(label: String?, body: Expression)] = []
    /// Each control point's source text.
    var evidence: [String] = []
    /// The `vid brist` clause's consequences as written.
    var consequences: String?

    init(_ condition: ConditionDecl?, file: SourceFile) {
        guard let condition else { return }
        title = condition.title?.value
        appliesWhereRelevant = condition.appliesWhereRelevant
        var wordings: [String] = [], clarifications: [String] = [], notes: [String] = []
        for clause in condition.clauses {
            switch clause {
            case .wording(let text): wordings.append(text.value)
            case .clarification(let text): clarifications.append(text.value)
            case .note(let text): notes.append(text.value)
            case .requirement(let label, let body): requirements.append((label?.value, body))
            case .applicability(let body): applicability = body
            case .evidence(let point): evidence.append(file.text(of: point.span))
            case .consequences(_, let span):
                let text = ExpressionDiff.collapse(file.text(of: span))
                consequences = text.hasPrefix("vid brist:") ? String(text.dropFirst(10)).trimmingPrefixSpaces() : text
            }
        }
        wording = PartComparer.joined(wordings)
        clarification = PartComparer.joined(clarifications)
        self.notes = PartComparer.joined(notes)
    }
}

extension String {
    /// The text without leading spaces.
    func trimmingPrefixSpaces() -> String { String(drop(while: { $0 == " " })) }
}
