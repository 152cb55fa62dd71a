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
