import KundvalSyntax

/// A condition in force in a document: one row of the official table, with every part that
/// the language's rules join under its number. Computed by the checker, so that the runtime,
/// the rendered document and the comparison of versions read the same rows.
///
/// The rules, as the documents use them:
/// - A kundval's row N is the reglemente's general condition N, refined by the kundval's
///   specific condition N: both parts must hold. A number the reglemente states twice (two rows
///   with their own headings) is one condition of two parts.
/// - A refinement that only fills the row's other columns (`underlag uppföljning
///   "Kapacitetsplan"`, `vid brist: sanktion`) without a requirement of its own says how and when
///   the general condition is checked: its control points (each carrying the refinement's
///   consequence unless it has its own) and its consequence join the general part's.
/// - A part without its own `vid brist` or `underlag` takes them over: a refinement from the
///   general part of its number (the document leaves the columns empty where the reglemente's
///   apply: it is one row), a sub-condition (`16.8.4`) from the nearest condition above it that
///   has any (`16.8`, else `16`).
public struct ConditionInForce: Sendable {
    /// `10.1`.
    public var number: ConditionNumber
    /// The heading: the general part's, else the first specific part's.
    public var title: String?
    /// The parts in the order they are decided: the general ones, then the specific ones.
    public var parts: [Part]

    /// Whether the row is switched off in this kundval (`förekommer inte i detta kundval`).
    public var isSwitchedOff: Bool { parts.contains { $0.condition.isSwitchedOff } }

    /// Where a part was written.
    public enum Origin: Sendable, Hashable {
        /// In the reglemente the kundval refines.
        case general
        /// In the document itself.
        case specific
    }

    /// The general or the specific half of a row.
    public struct Part: Sendable {
        /// Where it was written.
        public var origin: Origin
        /// The condition as written.
        public var condition: CheckedCondition
        /// The row's consequence for this part: its own `vid brist` (for a general part, with
        /// those that text-only refinements add), else the inherited one.
        public var consequences: [ConsequenceSyntax.Kind]
        /// The control points for this part: its own `underlag` (for a general part, with those
        /// that text-only refinements add), else the inherited ones.
        public var controlPoints: [CheckedEvidence]
        /// Where inherited consequences were written: the condition they are that condition's own
        /// in (for `16.8.4` taking over from `16.8`, which took over from `16`: `16`); `nil` when the
        /// part has its own or there are none.
        public var consequencesFrom: ConditionNumber?
        /// Where inherited control points were written, as ``consequencesFrom``.
        public var controlPointsFrom: ConditionNumber?
    }
}

extension ConditionInForce {
    /// The rows in force, in number order, from a reglemente's conditions (as the kundval reads
    /// them; empty for a reglemente) and the document's own.
    static func rows(general: [CheckedCondition], own: [CheckedCondition], refinesReglemente: Bool) -> [ConditionInForce] {
        var byNumber: [[Int]: ConditionInForce] = [:]
        func add(_ part: Part) {
            let number = part.condition.number
            if byNumber[number.parts] == nil {
                byNumber[number.parts] = ConditionInForce(number: number, title: part.condition.title, parts: [])
            }
            byNumber[number.parts]?.parts.append(part)
            if byNumber[number.parts]?.title == nil { byNumber[number.parts]?.title = part.condition.title }
        }
        if refinesReglemente {
            let additions = textOnlyRefinements(of: general, in: own)
            for condition in general {
                var consequences = condition.consequences
                var controlPoints = condition.evidence
                if let added = additions[condition.number.parts], !condition.requirements.isEmpty || condition.applicability != nil {
                    controlPoints += added.evidence
                    for consequence in added.consequences where !consequences.contains(consequence) {
                        consequences.append(consequence)
                    }
                }
                add(Part(origin: .general, condition: condition, consequences: consequences, controlPoints: controlPoints))
            }
        }
        // In number order, so that a sub-condition's parent has its row first.
        for condition in own.sorted(by: { $0.number < $1.number }) {
            let inherited = inheritance(condition.number.parts, rows: byNumber)
            let ownConsequences = !condition.consequences.isEmpty, ownControlPoints = !condition.evidence.isEmpty
            add(Part(origin: .specific, condition: condition,
                     consequences: ownConsequences ? condition.consequences : inherited.consequences,
                     controlPoints: ownControlPoints ? condition.evidence : inherited.controlPoints,
                     consequencesFrom: ownConsequences || inherited.consequences.isEmpty ? nil : inherited.consequencesFrom,
                     controlPointsFrom: ownControlPoints || inherited.controlPoints.isEmpty ? nil : inherited.controlPointsFrom))
        }
        return byNumber.values.sorted { $0.number < $1.number }
    }

    /// The control points and consequences that refinements without a requirement of their own
    /// add to the general condition of their number.
    private static func textOnlyRefinements(of general: [CheckedCondition], in own: [CheckedCondition])
        -> [[Int]: (evidence: [CheckedEvidence], consequences: [ConsequenceSyntax.Kind])] {
        var additions: [[Int]: (evidence: [CheckedEvidence], consequences: [ConsequenceSyntax.Kind])] = [:]
        let generalNumbers = Set(general.map(\.number.parts))
        for condition in own where generalNumbers.contains(condition.number.parts)
            && condition.requirements.isEmpty && condition.applicability == nil && !condition.isSwitchedOff
            && condition.evidence.allSatisfy(\.documents.isEmpty) {
            var entry = additions[condition.number.parts] ?? ([], [])
            for point in condition.evidence {
                var carried = point
                if carried.consequences.isEmpty { carried.consequences = condition.consequences }
                entry.evidence.append(carried)
            }
            if condition.evidence.isEmpty { entry.consequences += condition.consequences }
            additions[condition.number.parts] = entry
        }
        return additions
    }

    /// What a part without its own `vid brist` or `underlag` takes over (see the type's rules),
    /// and where it was written.
    private static func inheritance(_ number: [Int], rows: [[Int]: ConditionInForce])
        -> (consequences: [ConsequenceSyntax.Kind], controlPoints: [CheckedEvidence],
            consequencesFrom: ConditionNumber?, controlPointsFrom: ConditionNumber?) {
        var consequences: [ConsequenceSyntax.Kind] = []
        var controlPoints: [CheckedEvidence] = []
        var consequencesFrom: ConditionNumber?
        var controlPointsFrom: ConditionNumber?
        // The row of the part's own number (a refinement: its general condition), else the
        // rows above it, nearest first (`16.8`, then `16`).
        let candidates = rows[number] != nil ? [number] : number.indices.dropFirst().reversed().map { Array(number.prefix($0)) }
        for candidate in candidates where consequences.isEmpty || controlPoints.isEmpty {
            guard let row = rows[candidate] else { continue }
            // Of its own number, only the general condition's part: another part there is the
            // same number written twice (an error), and taking over its columns, which it took
            // over in turn, doubled them with each repetition (a fuzzed file of 6 KB took 2 GB).
            let parts = candidate == number ? row.parts.filter { $0.origin == .general } : row.parts
            // Where a row's columns were written: its own number if a part has them of its own,
            // else where its parts took them from.
            func source(own: (Part) -> Bool, from: (Part) -> ConditionNumber?) -> ConditionNumber? {
                parts.contains(where: own) ? row.number : parts.lazy.compactMap(from).first
            }
            if consequences.isEmpty, !parts.flatMap(\.consequences).isEmpty {
                consequences = parts.flatMap(\.consequences)
                consequencesFrom = source(own: { $0.consequencesFrom == nil && !$0.consequences.isEmpty }, from: \.consequencesFrom)
            }
            if controlPoints.isEmpty, !parts.flatMap(\.controlPoints).isEmpty {
                controlPoints = parts.flatMap(\.controlPoints)
                controlPointsFrom = source(own: { $0.controlPointsFrom == nil && !$0.controlPoints.isEmpty }, from: \.controlPointsFrom)
            }
        }
        return (consequences, controlPoints, consequencesFrom, controlPointsFrom)
    }
}
