import KundvalChecker
import KundvalSyntax

/// What a shortfall of one condition leads to in one assessment: at an application, that it is
/// not approved; during operation, the steps of the sanction ladder the row allows and the one
/// the sanction policy (or the row's own table) recommends, with the factors that chose it.
public struct ConsequenceDecision: Sendable {
    /// `ej godkänd auktorisation`, or the steps the nämnd may choose from, least severe first.
    public let allowed: [String]
    /// The recommended consequence; `nil` when a factor the table needs is unknown, or when the
    /// row allows several steps and no table chooses among them.
    public let recommended: String?
    /// The table that chose it, when one did.
    public let table: String?
    /// The table's inputs and their values.
    public let factors: [(name: String, value: String)]
    /// The table's inputs that are unknown (the recommendation waits for them).
    public let missingFactors: [String]
}

/// A ground for de-authorization that concerns the provider, with its date.
public struct DeauthorizationDecision: Sendable {
    /// The ground's title (`Avsaknad av uppdrag`).
    public let ground: String
    /// The date from which the provider is de-authorized on this ground.
    public let date: Day
    /// Whether that date is on or before the assessment date.
    public let hasOccurred: Bool

    /// A ground of the document (`avauktorisation "…"`) dated `date`, as of `assessmentDate`.
    init(ground: String, date: Day, assessmentDate: Day) {
        self.ground = ground
        self.date = date
        hasOccurred = date <= assessmentDate
    }

    /// The shortfalls whose recommended consequence is de-authorization, as a ground from the
    /// assessment date: `brist i villkor 8`, `brister i villkor 8, 12 och insats fai_2`.
    init(shortfallsIn sanction: SanctionRecommendation, date: Day) {
        let items = sanction.conditions.map { "villkor \($0)" } + sanction.services.map { "insats \($0)" }
        let list = items.count <= 1 ? items.joined()
            : items.dropLast().joined(separator: ", ") + " och " + items[items.count - 1]
        ground = (items.count == 1 ? "brist i " : "brister i ") + list
        self.date = date
        hasOccurred = true
    }
}

/// A ground for de-authorization, compiled.
struct CompiledDeauthorization: Sendable {
    let title: String
    let applicability: Code?
    let from: Code
}

/// The sanction ladder of a document with what chooses its steps: compiled once, shared by
/// every decision.
struct SanctionPlan: Sendable {
    /// The steps, least severe first (the cases of `Sanktion`).
    let ladder: [String]
    /// The decision tables that give a step, by name.
    let tables: [String: CompiledSanctionTable]
    /// `sanktioner enligt T`: the table for rows that say `sanktion` without one.
    let policyTable: String?
    /// `vid vite: vitesbelopp`: the amount that goes with a step (an index of `ladder`).
    let amounts: [Int: (name: String, code: Code, type: TypeDescription)]
    let formatter: ValueFormatter

    /// The rank of a step named in a `vid brist`: its index on the ladder; `avauktorisation`
    /// without such a step is above every step.
    func rank(_ consequence: ConsequenceSyntax.Kind) -> Int? {
        switch consequence {
        case .step(let step): ladder.firstIndex(of: step.name)
        case .deauthorization: ladder.firstIndex(of: SanctionLadder.deauthorizationStep) ?? ladder.count
        default: nil
        }
    }

    /// The name of a rank (see ``rank(_:)``).
    func name(ofRank rank: Int) -> String {
        rank < ladder.count ? ladder[rank] : SanctionLadder.deauthorizationStep
    }

    /// The consequence of a shortfall whose selected consequences are `kinds` (those of the
    /// failing parts' control points in this assessment's phase). Table inputs that cannot be
    /// computed count as unknown: a recommendation never fails an evaluation.
    func consequence(of kinds: [ConsequenceSyntax.Kind], context: EvaluationContext) -> ConsequenceDecision? {
        var named: [String] = []
        for case .sanction(let table?) in kinds where !named.contains(table.name) { named.append(table.name) }
        guard named.count > 1 else { return consequence(of: kinds, table: named.first, context: context) }
        // Parts that failed with tables of their own: each table's choice, and the most severe
        // of them (none while a table waits for an unknown factor).
        let choices = named.compactMap { consequence(of: kinds, table: $0, context: context) }
        if let waiting = choices.first(where: { $0.recommended == nil }) { return waiting }
        return choices.max { ladder.firstIndex(of: $0.recommended ?? "") ?? ladder.count
            < ladder.firstIndex(of: $1.recommended ?? "") ?? ladder.count }
    }

    /// ``consequence(of:context:)`` with `table` (a row's own) choosing, or the policy's.
    private func consequence(of kinds: [ConsequenceSyntax.Kind], table: String?,
                             context: EvaluationContext) -> ConsequenceDecision? {
        let approval = kinds.compactMap { kind -> String? in
            switch kind {
            case .notApproved: "ej godkänd auktorisation"
            case .noAuthorization: "ej auktorisation"
            default: nil
            }
        }
        var anyStep = false
        var ranks: [Int] = []
        for kind in kinds {
            switch kind {
            case .sanction:
                anyStep = true
            default:
                if let rank = rank(kind), !ranks.contains(rank) { ranks.append(rank) }
            }
        }
        if !anyStep, ranks.isEmpty {
            guard let first = approval.first else { return nil }
            return ConsequenceDecision(allowed: Array(Set(approval)).sorted(), recommended: first, table: nil, factors: [],
                                       missingFactors: [])
        }
        if anyStep { ranks = Array(ladder.indices) + ranks.filter { $0 >= ladder.count } }
        ranks.sort()
        let allowed = ranks.map(name(ofRank:))
        // `sanktion` without a ladder (the checker requires one for a policy): nothing to choose.
        guard let most = ranks.last else {
            return ConsequenceDecision(allowed: [], recommended: nil, table: nil, factors: [], missingFactors: [])
        }
        if ranks.count == 1 {
            return ConsequenceDecision(allowed: allowed, recommended: allowed[0], table: nil, factors: [], missingFactors: [])
        }
        // Several steps: the row's table, else the policy's, chooses; within the steps the row
        // allows, the least severe that is at least as severe as the table's, else the most severe.
        guard let name = table ?? policyTable, let compiled = tables[name] else {
            return ConsequenceDecision(allowed: allowed, recommended: nil, table: nil, factors: [], missingFactors: [])
        }
        var factors: [(name: String, value: String)] = []
        var missing: [String] = []
        for input in compiled.inputs {
            let value = (try? input.code(context)) ?? .unknown
            if !value.isKnown { missing.append(input.name) }
            factors.append((input.name, formatter.describe(value, as: input.type)))
        }
        guard case .enumCase(let chosen)? = try? compiled.code(context) else {
            return ConsequenceDecision(allowed: allowed, recommended: nil, table: name, factors: factors,
                                       missingFactors: missing.isEmpty ? compiled.inputs.map(\.name) : missing)
        }
        let recommended = ranks.first { $0 >= chosen } ?? most
        return ConsequenceDecision(allowed: allowed, recommended: self.name(ofRank: recommended), table: name, factors: factors,
                                   missingFactors: [])
    }
}
