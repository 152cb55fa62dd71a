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
/// lists (`prövar underlag …`), or by default those of its phase (``defaultKinds(for:)``).
///
/// - A control point's kind says *when* it is run; its consequence, or else the row's, says what
///   a shortfall found there leads to, in the assessment's phase.
/// - A part is decided by the control points run that have a consequence in the assessment's
///   phase, or that belong to a row without any consequence. A control point that exists only
///   at the application (`bifogas ansökan`, `uppvisas vid auktorisation`) is run there even when
///   its consequences belong to operation: a shortfall found in an application means that the
///   application is not approved (the assessment's own consequence).
/// - A part none of whose control points is run is decided, without documents, when its row's
///   `vid brist` has a consequence in the assessment's phase or the row has none; but not by an
///   assessment that lists the control points it runs.
/// - The documents checked and requested are those of the control points run.
/// - A part that only adds text (no requirement, `gäller när`, control point or consequence)
///   is never decided on its own.
public enum ControlPoints {
    /// The kinds of control point that exist only at the application.
    public static let applicationOnlyKinds: Set<EvidenceKind> = [.attachedToApplication, .shownAtAuthorization]

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

    /// The phases in which an assessment that does not list its control points runs `point`, a
    /// control point of a part whose row states `consequences`, as ``selection(hasPredicate:evidence:consequences:in:)``
    /// selects it: where its kind is run by default and its consequence (its own, else the row's)
    /// belongs, or wherever its kind is when neither states one; a control point that exists only
    /// at the application is run there whatever its consequence.
    public static func phases(of point: CheckedEvidence, rowConsequences consequences: [ConsequenceSyntax.Kind]) -> AssessmentPhase {
        let stated = point.consequences.isEmpty ? consequences : point.consequences
        var phases: AssessmentPhase = []
        for phase in [AssessmentPhase.application, .operation]
        where defaultKinds(for: phase).contains(point.kind) && isRun(point, stated: stated, in: phase) {
            phases.insert(phase)
        }
        return phases
    }

    /// Whether an assessment of `phase` that runs `point`'s kind decides by it, `stated` being
    /// its consequences (its own, else the row's): when they name none, when one of them belongs
    /// to the phase (any, for an assessment without one), or when the point exists only at the
    /// application and the assessment is one.
    static func isRun(_ point: CheckedEvidence, stated: [ConsequenceSyntax.Kind], in phase: AssessmentPhase) -> Bool {
        stated.isEmpty || phase.isEmpty || !AssessmentPhase(stated).intersection(phase).isEmpty
            || (applicationOnlyKinds.contains(point.kind) && phase.contains(.application))
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
        let listsPoints = assessment.runs != nil
        let anyConsequence = !consequences.isEmpty || evidence.contains { !$0.consequences.isEmpty }
        let runs = assessment.runs.map(Set.init) ?? defaultKinds(for: phase)
        var points: [CheckedEvidence] = []
        var selected: [ConsequenceSyntax.Kind] = []
        for point in evidence where runs.contains(point.kind) {
            // A point's own consequence, else the row's; a point for which neither states one is
            // run wherever its kind is (the sanction policy then applies during operation).
            let stated = point.consequences.isEmpty ? consequences : point.consequences
            guard isRun(point, stated: stated, in: phase) else { continue }
            var effective = inPhase(stated)
            if effective.isEmpty, applicationOnlyKinds.contains(point.kind), phase.contains(.application) {
                effective = assessment.consequences.filter { AssessmentPhase.of($0) == .application }
            }
            points.append(point)
            for consequence in effective where !selected.contains(consequence) { selected.append(consequence) }
        }
        // A part tested at an application whose row and control points run there name no
        // consequence has the assessment's own (`ej godkänd auktorisation`), as during
        // operation it has the sanction policy's: its shortfall said no consequence although
        // the application was refused for it (also when another control point, run only at a
        // follow-up, names one; found by review).
        func orAssessments(_ selected: [ConsequenceSyntax.Kind]) -> [ConsequenceSyntax.Kind] {
            guard selected.isEmpty, phase == .application else { return selected }
            return assessment.consequences.filter { AssessmentPhase.of($0) == .application }
        }
        if !points.isEmpty { return Selection(points: points, consequences: orAssessments(selected)) }
        // No control point run: the row's own consequence in this phase decides, unless the
        // assessment lists the control points it runs.
        let rowConsequences = inPhase(consequences)
        guard !listsPoints, !rowConsequences.isEmpty || !anyConsequence else { return nil }
        return Selection(points: [], consequences: orAssessments(rowConsequences))
    }
}
