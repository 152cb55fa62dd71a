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

/// An input of the decision table that chose a sanction, and its value for the provider.
public struct Factor: Hashable, Sendable, Codable {
    /// The table's parameter (`påverkan`).
    public let name: String
    /// Its value (a case's name, `ja`/`nej`, an amount), typed.
    public let value: ResultValue
    /// The unit of a number; `nil` otherwise.
    public let unit: ValueUnit?

    /// The factor `name` with `value` in `unit`.
    public init(name: String, value: ResultValue, unit: ValueUnit?) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// The value for people (`risk_för_eller_drabbat_kunder`, `ja`, `16500 kr`).
    public var text: String { value.text(unit: unit) }
}

/// The value of one definition (a computation such as a fine or a compensation): typed for
/// machines and as text for people.
public struct Computation: Hashable, Sendable, Codable {
    /// The definition's name.
    public let name: String
    /// The value's type as the rules write it (`belopp`, `datum`, `heltal`).
    public let type: String
    /// The value, exact: an amount is a ``Rational`` in ``unit``.
    public let value: ResultValue
    /// The unit of a number (`kr`, `%`, `dagar`, `månader`, `timmar`, …), also when it is
    /// unknown; `nil` for plain numbers and everything else.
    public let unit: ValueUnit?

    /// The value of `name`, of `type`, in `unit`.
    public init(name: String, type: String, value: ResultValue, unit: ValueUnit?) {
        self.name = name
        self.type = type
        self.value = value
        self.unit = unit
    }

    /// The value for people (`16500 kr`, `2025-09-01`, `okänt`).
    public var text: String { value.text(unit: unit) }
    /// The value for machines (see ``ResultValue/exact``).
    public var exact: String? { value.exact }
}
