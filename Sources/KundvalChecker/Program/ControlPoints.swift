import KundvalSyntax

/// Which kind of assessment a consequence belongs to: a shortfall at an application means the
/// application is not approved; during operation (a follow-up, a report) it means a sanction.
public struct AssessmentPhase: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `ej godkänd auktorisation`, `ej auktorisation`.
    public static let application = AssessmentPhase(rawValue: 1)
    /// `sanktion`, a step of the ladder, `avauktorisation`.
    public static let operation = AssessmentPhase(rawValue: 2)

    /// The phase of one consequence.
    public static func of(_ consequence: ConsequenceSyntax.Kind) -> AssessmentPhase {
        switch consequence {
        case .notApproved, .noAuthorization: .application
        case .sanction, .deauthorization, .step: .operation
        }
    }

    /// The phases of some consequences (empty for none).
    public init(_ consequences: [ConsequenceSyntax.Kind]) {
        self = consequences.reduce([]) { $0.union(Self.of($1)) }
    }
}

/// How a row's control points decide what an assessment tests. A nämnd's row lists control
/// points (`underlag uppföljning`, `underlag bifogas ansökan: …`), each possibly with its own
/// consequence (`, vid brist: varning`), and a consequence for the row (`vid brist: ej godkänd
/// auktorisation, sanktion`). An assessment kind runs some kinds of control points: those it
/// lists (`prövar underlag …`), or by default those of its phase.
///
/// - An assessment that lists its control points decides a part when one of them is run and
///   has a consequence in its phase.
/// - Otherwise a part is decided when its row's `vid brist` has a consequence in the
///   assessment's phase (the document's columns: "Ej godkänd auktorisation" is for the
///   application), when a control point with its own consequence in that phase is run, or,
///   for a row without any consequence, everywhere.
/// - The consequences of a shortfall are, per run control point, its own or else the row's,
///   in the assessment's phase; where no control point is run, the row's.
/// - The documents checked and requested are those of the run control points.
/// - A part that only adds text (no requirement, `gäller när`, control point or consequence)
///   is never decided on its own.
public enum ControlPoints {
    /// The control points an assessment of `phase` runs when it does not say.
    public static func defaultKinds(for phase: AssessmentPhase) -> Set<EvidenceKind> {
        var kinds: Set<EvidenceKind> = []
        if phase.contains(.application) || phase.isEmpty {
            kinds.formUnion([.attachedToApplication, .shownAtAuthorization, .check, .selfDeclaration, .references])
        }
        if phase.contains(.operation) || phase.isEmpty {
            kinds.formUnion([.followUp, .check, .selfDeclaration, .dutyToReport, .ownReport, .reportByOthers, .onChange,
                             .references])
        }
        return kinds
    }

    /// What one part of a condition is in an assessment: decided or not, and if so the control
    /// points that are run and the consequences of a shortfall.
    public struct Selection: Sendable {
        /// The control points run (empty for a part without control points).
        public var points: [CheckedEvidence]
        /// The consequences of a shortfall of this part in this assessment.
        public var consequences: [ConsequenceSyntax.Kind]
    }

    /// The selection of a part with the given requirements' presence, control points and
    /// consequences (each inherited from the condition above where the part has none) in
    /// `assessment`; `nil` when the part is not decided there.
    public static func selection(hasPredicate: Bool, evidence: [CheckedEvidence], consequences: [ConsequenceSyntax.Kind],
                                 in assessment: CheckedAssessment) -> Selection? {
        let phase = AssessmentPhase(assessment.consequences)
        func inPhase(_ consequences: [ConsequenceSyntax.Kind]) -> [ConsequenceSyntax.Kind] {
            phase.isEmpty ? consequences : consequences.filter { !AssessmentPhase.of($0).intersection(phase).isEmpty }
        }
        if !hasPredicate, evidence.isEmpty, consequences.isEmpty { return nil }
        guard !evidence.isEmpty else {
            let own = inPhase(consequences)
            return consequences.isEmpty || !own.isEmpty ? Selection(points: [], consequences: own) : nil
        }
        let runs = assessment.runs.map(Set.init) ?? defaultKinds(for: phase)
        let anyConsequence = !consequences.isEmpty || evidence.contains { !$0.consequences.isEmpty }
        var points: [CheckedEvidence] = []
        var selected: [ConsequenceSyntax.Kind] = []
        for point in evidence {
            let own = inPhase(point.consequences)
            // A point's own consequence in this phase runs it unless the assessment lists what it runs.
            guard runs.contains(point.kind) || (assessment.runs == nil && !own.isEmpty) else { continue }
            let effective = point.consequences.isEmpty ? inPhase(consequences) : own
            guard !effective.isEmpty || !anyConsequence else { continue }
            points.append(point)
            for consequence in effective where !selected.contains(consequence) { selected.append(consequence) }
        }
        if !points.isEmpty { return Selection(points: points, consequences: selected) }
        // No control point run: the row's own consequence in this phase decides, unless the
        // assessment lists the control points it runs.
        let rowConsequences = inPhase(consequences)
        guard assessment.runs == nil, !rowConsequences.isEmpty || !anyConsequence else { return nil }
        return Selection(points: [], consequences: rowConsequences)
    }
}
