import Foundation

/// A decision read back: everything it held when it was written, and no facts (it cannot be
/// evaluated again, nor explained further than it was).
final class StoredDecision: Sendable {
    let document: String
    let version: String?
    let rules: String
    let assessment: AssessmentKind
    let conditions: [ConditionDecision]
    let services: [ServiceDecision]

    init(document: String, version: String?, rules: String, assessment: AssessmentKind, conditions: [ConditionDecision],
         services: [ServiceDecision]) {
        self.document = document
        self.version = version
        self.rules = rules
        self.assessment = assessment
        self.conditions = conditions
        self.services = services
    }
}

/// Storing decisions: `Codable` with any encoder (JSON, property lists), so a service keeps a
/// decision and reads it back without parsing text. The stored form holds every condition's
/// and service's decision with its reasons (those of an evaluated decision are made while it
/// is encoded), the sanction, the grounds for de-authorization and the computations, all
/// typed; a decision read back equals the one written. ``json(pretty:)`` is the other form:
/// the stable, documented shape for other languages and people.
extension Decision: Codable, Equatable {
    private enum CodingKeys: String, CodingKey {
        case document, version, rules, assessment, date, outcome, conditions, services, sanction, deauthorizations,
             computations
    }

    /// Reads a decision written by ``encode(to:)``. Its statuses are those of its conditions
    /// and services.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let conditions = try container.decode([ConditionDecision].self, forKey: .conditions)
        let services = try container.decode([ServiceDecision].self, forKey: .services)
        date = try container.decode(Day.self, forKey: .date)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        statuses = conditions.map(\.status)
        serviceStatuses = services.map(\.status)
        let stored = StoredDecision(
            document: try container.decode(String.self, forKey: .document),
            version: try container.decodeIfPresent(String.self, forKey: .version),
            rules: try container.decode(String.self, forKey: .rules),
            assessment: try container.decode(AssessmentKind.self, forKey: .assessment),
            conditions: conditions, services: services)
        details = DecisionDetails(
            sanction: try container.decodeIfPresent(SanctionRecommendation.self, forKey: .sanction),
            deauthorizations: try container.decode([DeauthorizationDecision].self, forKey: .deauthorizations),
            computations: try container.decode([Computation].self, forKey: .computations),
            decided: [], decidedServices: [], sanctionChoices: [], stored: stored)
        plan = nil
        facts = nil
    }

    /// Writes the decision with every condition's and service's decision.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(document, forKey: .document)
        try container.encode(version, forKey: .version)
        try container.encode(rules, forKey: .rules)
        try container.encode(assessment, forKey: .assessment)
        try container.encode(date, forKey: .date)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(conditions, forKey: .conditions)
        try container.encode(services, forKey: .services)
        try container.encode(sanction, forKey: .sanction)
        try container.encode(deauthorizations, forKey: .deauthorizations)
        try container.encode(computations, forKey: .computations)
    }

    /// Equal when they tell the same: the document, rules, assessment, date and outcome, every
    /// condition's and service's decision, the sanction, the grounds and the computations
    /// (whether made by evaluation or read back).
    public static func == (a: Decision, b: Decision) -> Bool {
        a.date == b.date && a.outcome == b.outcome && a.statuses == b.statuses && a.serviceStatuses == b.serviceStatuses
            && a.document == b.document && a.version == b.version && a.rules == b.rules && a.assessment == b.assessment
            && a.sanction == b.sanction && a.deauthorizations == b.deauthorizations && a.computations == b.computations
            && a.conditions == b.conditions && a.services == b.services
    }
}

/// What a decision holds beyond its statuses (see ``Decision``): what evaluation made (the
/// decisions it made on the slow path, the sanction, the grounds, the computations, the
/// sanction tables' choices) or, for a decision read back, everything that was written; and
/// the conditions and services made on the first read and kept (see ``Decision/conditions``).
/// Thread-safe: a decision is `Sendable`, and threads that read it at once wait for the one
/// that makes them, so each is made once.
///
/// One allocation with nothing to set up or tear down: its lock is one of the
/// ``StripedLocks`` (a lock of its own would have to be made and destroyed with every failing
/// decision).
final class DecisionDetails: @unchecked Sendable {
    // Unchecked: the `let`s are set once; the two `var`s are read and written only under ``lock``.
    let sanction: SanctionRecommendation?
    let deauthorizations: [DeauthorizationDecision]
    let computations: [Computation]
    /// The decisions made during evaluation, by position, in order.
    let decided: [(index: Int, decision: ConditionDecision)]
    let decidedServices: [(index: Int, decision: ServiceDecision)]
    let sanctionChoices: [KeptSanctionChoice]
    /// A decision read back: everything it held when it was written.
    let stored: StoredDecision?
    /// What has been made so far; read and written only under ``lock``.
    private var conditions: [ConditionDecision]?
    private var services: [ServiceDecision]?

    init(sanction: SanctionRecommendation?, deauthorizations: [DeauthorizationDecision], computations: [Computation],
         decided: [(index: Int, decision: ConditionDecision)], decidedServices: [(index: Int, decision: ServiceDecision)],
         sanctionChoices: [KeptSanctionChoice], stored: StoredDecision?) {
        self.sanction = sanction
        self.deauthorizations = deauthorizations
        self.computations = computations
        self.decided = decided
        self.decidedServices = decidedServices
        self.sanctionChoices = sanctionChoices
        self.stored = stored
    }

    /// This object's lock (see ``StripedLocks``).
    private var lock: NSLock { StripedLocks.lock(for: self) }

    /// The conditions, made by `make` on the first call. `make` must not read another
    /// decision's conditions or services (it would wait for a lock this call may hold).
    func conditions(_ make: () -> [ConditionDecision]) -> [ConditionDecision] {
        let lock = lock
        lock.lock()
        defer { lock.unlock() }
        if let conditions { return conditions }
        let made = make()
        conditions = made
        return made
    }

    /// The services, made by `make` on the first call (with the same condition as
    /// ``conditions(_:)``).
    func services(_ make: () -> [ServiceDecision]) -> [ServiceDecision] {
        let lock = lock
        lock.lock()
        defer { lock.unlock() }
        if let services { return services }
        let made = make()
        services = made
        return made
    }
}

/// Locks shared by the objects that make a result once on first read (``DecisionDetails``,
/// explanations): an object's lock is chosen by its address, so no object makes or destroys
/// a lock of its own.
enum StripedLocks {
    /// The number of locks (a power of two).
    private static let count = 64
    /// The locks, made once.
    private static let locks: [NSLock] = (0..<count).map { _ in NSLock() }

    /// The lock of `object`: objects are at least 16-byte aligned, so the bits above those
    /// spread neighbours over the locks.
    static func lock(for object: AnyObject) -> NSLock {
        locks[Int((UInt(bitPattern: ObjectIdentifier(object).hashValue) >> 4) & UInt(count - 1))]
    }
}
