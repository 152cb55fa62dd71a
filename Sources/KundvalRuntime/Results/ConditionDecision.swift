/// The status of one condition for one provider. Immutable; a class so that decisions prepared
/// at load time (a condition that is met, or never tested in an assessment kind) are shared
/// instead of copied. `Codable`, and equal to another with the same contents.
public final class ConditionDecision: Sendable, Equatable, Codable {
    /// `10.1`.
    public let number: String
    /// The heading.
    public let title: String?
    /// `uppfyllt`, `ej uppfyllt`, `underlag saknas` or `ej tillämpligt`.
    public let status: ConditionStatus
    /// The control points run in this kind of assessment (the document's middle column), such
    /// as `uppföljning` or `bifogas ansökan: anordnare.registreringsbevis`.
    public let controlPoints: [String]
    /// Short reasons in Swedish (the failed requirement, the missing facts, the old document).
    public let reasons: [String]
    /// Facts that are unknown and needed (paths such as `anordnare.garant.kreditvärdighet`).
    public let missingFacts: [String]
    /// Evidence to request from the provider.
    public let evidenceToRequest: [String]
    /// When the condition is not met: what that leads to (not approved, or the steps of the
    /// sanction ladder allowed and the one recommended, with its factors).
    public let consequence: ConsequenceDecision?
    /// The full explanation, when asked for.
    public let explanation: Explanation?

    /// Creates a condition decision.
    public init(number: String, title: String?, status: ConditionStatus, controlPoints: [String], reasons: [String],
                missingFacts: [String], evidenceToRequest: [String], consequence: ConsequenceDecision? = nil,
                explanation: Explanation?) {
        self.number = number
        self.title = title
        self.status = status
        self.controlPoints = controlPoints
        self.reasons = reasons
        self.missingFacts = missingFacts
        self.evidenceToRequest = evidenceToRequest
        self.consequence = consequence
        self.explanation = explanation
    }

    /// The same decision with `explanation`.
    func with(explanation: Explanation) -> ConditionDecision {
        ConditionDecision(number: number, title: title, status: status, controlPoints: controlPoints, reasons: reasons,
                          missingFacts: missingFacts, evidenceToRequest: evidenceToRequest, consequence: consequence,
                          explanation: explanation)
    }

    /// Equal when every field is (the same object first: shared decisions compare at once).
    public static func == (a: ConditionDecision, b: ConditionDecision) -> Bool {
        a === b || (a.number == b.number && a.title == b.title && a.status == b.status && a.controlPoints == b.controlPoints
            && a.reasons == b.reasons && a.missingFacts == b.missingFacts && a.evidenceToRequest == b.evidenceToRequest
            && a.consequence == b.consequence && a.explanation == b.explanation)
    }
}

/// The sanction recommended during operation: the most severe recommended for the failing
/// conditions, with the conditions that lead to it, the factors behind it and the amount that
/// goes with the step (`vid vite: vitesbelopp`). When shortfalls call for a sanction but none
/// can be recommended, ``sanction`` is `nil` and ``missingFactors`` names what is unknown (or
/// is empty when the rows leave the choice among several steps to the nämnd).
public struct SanctionRecommendation: Hashable, Sendable, Codable {
    /// The step of the document's ladder, for example `varning`; `nil` when no failing
    /// condition's step can be chosen.
    public let sanction: SanctionStep?
    /// The conditions whose shortfall leads to it (to no step: those that wait for a choice).
    public let conditions: [String]
    /// The services (insatser) whose requirements are not met and lead to it: the sanction
    /// policy applies to them as to a condition whose row says `sanktion`.
    public let services: [String]
    /// The table that chose it, when one did.
    public let table: String?
    /// The table's inputs and their values.
    public let factors: [Factor]
    /// The amount of the step, when the sanction policy names one.
    public let amount: Computation?
    /// Inputs of tables that are unknown, for conditions whose sanction could therefore not be
    /// recommended.
    public let missingFactors: [String]
    /// The failing conditions whose consequence could not be recommended (a factor is unknown,
    /// or the row leaves the choice among several steps to the nämnd): the overall sanction may
    /// be more severe once they are decided.
    public let undecidedConditions: [String]

    /// A recommendation of `sanction` (see the properties).
    public init(sanction: SanctionStep?, conditions: [String], services: [String], table: String?, factors: [Factor],
                amount: Computation?, missingFactors: [String], undecidedConditions: [String]) {
        self.sanction = sanction
        self.conditions = conditions
        self.services = services
        self.table = table
        self.factors = factors
        self.amount = amount
        self.missingFactors = missingFactors
        self.undecidedConditions = undecidedConditions
    }
}
