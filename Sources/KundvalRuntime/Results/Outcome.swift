import KundvalSyntax

/// The overall outcome of an assessment, in the words of its kind: an application is
/// `godkänd`, `ej godkänd` or needs `komplettering`; an authorized provider at a follow-up has
/// `inga brister` or `brister` (with the consequences they carry), needs `komplettering`, or is
/// de-authorized (`avauktorisation`) on a ground that has occurred. `Codable` as its Swedish
/// words (the raw values).
public enum Outcome: String, Hashable, Sendable, CaseIterable, Codable {
    /// `godkänd`.
    case approved = "godkänd"
    /// `ej godkänd`.
    case notApproved = "ej godkänd"
    /// `komplettering krävs`: evidence or facts are missing (in either kind of assessment).
    case incomplete = "komplettering krävs"
    /// `inga brister`: a follow-up that found every condition met.
    case noShortfalls = "inga brister"
    /// `brister`: a follow-up that found conditions not met.
    case shortfalls = "brister"
    /// `avauktorisation`: a ground for de-authorization has occurred.
    case deauthorized = "avauktorisation"

    /// Whether the outcome belongs to an assessment of an authorized provider (a follow-up).
    public var isDuringOperation: Bool { self == .noShortfalls || self == .shortfalls || self == .deauthorized }

    /// The outcome a test's `förväntas …` names (the words are the same).
    init(_ words: ExpectedOutcome) {
        switch words {
        case .approved: self = .approved
        case .notApproved: self = .notApproved
        case .incomplete: self = .incomplete
        case .noShortfalls: self = .noShortfalls
        case .shortfalls: self = .shortfalls
        case .deauthorized: self = .deauthorized
        }
    }
}

/// The status of one condition (or one service's requirements) for one provider. `Codable` as
/// its Swedish words (the raw values).
public enum ConditionStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// `uppfyllt`.
    case met = "uppfyllt"
    /// `ej uppfyllt`.
    case notMet = "ej uppfyllt"
    /// `underlag saknas`.
    case missingEvidence = "underlag saknas"
    /// `ej tillämpligt`.
    case notApplicable = "ej tillämpligt"

    /// The status a test's `förväntas villkor N …` names (the words are the same).
    init(_ words: ExpectedStatus) {
        switch words {
        case .met: self = .met
        case .notMet: self = .notMet
        case .missingEvidence: self = .missingEvidence
        case .notApplicable: self = .notApplicable
        }
    }
}

/// The kind of assessment a decision was made in: its name as the document declares it
/// (`bedömning ansökan …`) and its phase, which decides the words of the outcome.
public struct AssessmentKind: Hashable, Sendable, Codable, CustomStringConvertible {
    /// When an assessment is made, as its consequences say.
    public enum Phase: String, Hashable, Sendable, CaseIterable, Codable {
        /// An application (`ej godkänd auktorisation`): the outcome is `godkänd`, `ej godkänd`
        /// or `komplettering krävs`.
        case application = "ansökan"
        /// A follow-up of an authorized provider (sanctions, de-authorization): the outcome is
        /// `inga brister`, `brister`, `avauktorisation` or `komplettering krävs`.
        case operation = "drift"
    }

    /// The name, such as `ansökan` or `uppföljning`.
    public let name: String
    /// The phase.
    public let phase: Phase

    /// The kind called `name` in `phase`.
    public init(name: String, phase: Phase) {
        self.name = name
        self.phase = phase
    }

    /// The name.
    public var description: String { name }
}

/// A step of a document's sanction ladder (the cases of `Sanktion`, least severe first): its
/// name and its rank, so that two steps compare by severity without the document at hand.
public struct SanctionStep: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The step's name, such as `varning` or `åtgärdsplan_förenad_med_vite`.
    public let name: String
    /// Its place on the document's ladder, 0 for the least severe; `avauktorisation` named
    /// in a `vid brist` of a document whose ladder lacks it ranks above every step (the
    /// ladder's length).
    public let rank: Int

    /// The step `name` at `rank`.
    public init(name: String, rank: Int) {
        self.name = name
        self.rank = rank
    }

    /// Less severe first (by rank, then name).
    public static func < (a: SanctionStep, b: SanctionStep) -> Bool {
        (a.rank, a.name) < (b.rank, b.name)
    }

    /// The name.
    public var description: String { name }
}

/// What a shortfall can lead to: at an application, that it is not approved; during operation,
/// a step of the sanction ladder.
public enum Consequence: Hashable, Sendable, CustomStringConvertible {
    /// `ej godkänd auktorisation`: the application is not approved.
    case notApproved
    /// `ej auktorisation`: no authorization (the wording of some documents).
    case noAuthorization
    /// A step of the sanction ladder.
    case step(SanctionStep)

    /// The words, as the document writes them: `ej godkänd auktorisation`, `varning`.
    public var name: String {
        switch self {
        case .notApproved: "ej godkänd auktorisation"
        case .noAuthorization: "ej auktorisation"
        case .step(let step): step.name
        }
    }

    /// The step, for a consequence during operation.
    public var step: SanctionStep? {
        if case .step(let step) = self { return step }
        return nil
    }

    /// The words (``name``).
    public var description: String { name }
}

extension Consequence: Codable {
    private enum CodingKeys: String, CodingKey { case kind, step }
    private enum Kind: String, Codable {
        case notApproved = "ej godkänd auktorisation", noAuthorization = "ej auktorisation", step = "steg"
    }

    /// Reads `{"kind": "ej godkänd auktorisation"}` or `{"kind": "steg", "step": {"name", "rank"}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .notApproved: self = .notApproved
        case .noAuthorization: self = .noAuthorization
        case .step: self = .step(try container.decode(SanctionStep.self, forKey: .step))
        }
    }

    /// Writes `{"kind"}`, and `"step"` for a step of the ladder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .notApproved: try container.encode(Kind.notApproved, forKey: .kind)
        case .noAuthorization: try container.encode(Kind.noAuthorization, forKey: .kind)
        case .step(let step):
            try container.encode(Kind.step, forKey: .kind)
            try container.encode(step, forKey: .step)
        }
    }
}
