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
        let oldOwn = Dictionary(old.ownConditions.map { ($0.key, $0.condition) }, uniquingKeysWith: { first, _ in first })
        let newOwn = Dictionary(new.ownConditions.map { ($0.key, $0.condition) }, uniquingKeysWith: { first, _ in first })
        let oldGeneral = Dictionary(old.generalConditions.map { ($0.key, $0.condition) }, uniquingKeysWith: { first, _ in first })
        let newGeneral = Dictionary(new.generalConditions.map { ($0.key, $0.condition) }, uniquingKeysWith: { first, _ in first })
        let keys = Set(oldOwn.keys).union(newOwn.keys).union(oldGeneral.keys).union(newGeneral.keys)
            .sorted(by: DocumentVersion.precedes)
        let general = PartComparer(oldFile: old.reglementeFile ?? old.file, newFile: new.reglementeFile ?? new.file,
                                   prefix: "generellt villkor: ")
        let specific = PartComparer(oldFile: old.file, newFile: new.file, prefix: isKundval ? "specifikt villkor: " : "")
        // Where each old title stood, for conditions that moved to another number.
        var oldNumberOfTitle: [String: String] = [:]
        for key in keys {
            if let title = oldGeneral[key]?.title?.value ?? oldOwn[key]?.title?.value, oldNumberOfTitle[title] == nil {
                oldNumberOfTitle[title] = key
            }
        }
        var result: [ConditionComparison] = []
        var unchanged = 0
        for key in keys {
            let inOld = oldOwn[key] != nil || oldGeneral[key] != nil
            let inNew = newOwn[key] != nil || newGeneral[key] != nil
            let offOld = oldOwn[key]?.isSwitchedOff ?? false, offNew = newOwn[key]?.isSwitchedOff ?? false
            var changes = conditionChanges(oldGeneral[key], newGeneral[key], general)
            changes += conditionChanges(oldOwn[key], newOwn[key], specific)
            let kind: ChangeKind?
            if !inOld { kind = .added }
            else if !inNew { kind = .removed }
            else if !offOld, offNew { kind = .switchedOff }
            else if offOld, !offNew { kind = .switchedOn }
            else { kind = changes.isEmpty ? nil : .changed }
            guard let kind else { unchanged += 1; continue }
            // Added or removed: the whole condition is the change; its parts would repeat it.
            if kind == .added || kind == .removed { changes = changes.filter { !$0.part.hasSuffix("i förekommande fall") } }
            let title = [newOwn[key], newGeneral[key], oldOwn[key], oldGeneral[key]].lazy.compactMap { $0?.title?.value }.first
            let newTitle = newGeneral[key]?.title?.value ?? newOwn[key]?.title?.value
            let former = newTitle.flatMap { oldNumberOfTitle[$0] }.flatMap { $0 == key ? nil : $0 }
            result.append(ConditionComparison(number: key, title: title, kind: kind, changes: changes, formerNumber: former))
        }
        return (result, unchanged)
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
