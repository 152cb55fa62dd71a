import KundvalChecker
import KundvalSyntax

/// What a shortfall of one condition leads to in one assessment: at an application, that it is
/// not approved; during operation, the steps of the sanction ladder the row allows and the one
/// the sanction policy (or the row's own table) recommends, with the factors that chose it.
///
/// `Codable` and `Equatable` by what it tells (a failure that failed the evaluation is never in
/// a decision).
public struct ConsequenceDecision: Sendable, Equatable, Codable {
    /// `ej godkänd auktorisation`, or the steps the nämnd may choose from, least severe first.
    public let allowed: [Consequence]
    /// The recommended consequence; `nil` when a factor the table needs is unknown, or when the
    /// row allows several steps and no table chooses among them.
    public let recommended: Consequence?
    /// The table that chose it, when one did.
    public let table: String?
    /// The table's inputs and their values.
    public let factors: [Factor]
    /// The table's inputs that are unknown (the recommendation waits for them).
    public let missingFactors: [String]
    /// An input (a definition) or the table that could not be computed: the evaluation fails
    /// with it, as it does for an error in a condition, rather than treat it as unknown.
    var failure: (name: String, error: EvaluationError)? = nil
    /// While the condition waits for one of its parts (``recommended`` is nil), the most severe
    /// recommendation of its parts already decided: what the condition leads to at least, which
    /// the sanction of the whole assessment counts (one or none; not told, as ``failure``).
    var decidedParts: [ConsequenceDecision] = []

    private enum CodingKeys: String, CodingKey { case allowed, recommended, table, factors, missingFactors }

    /// A consequence: `allowed` least severe first, the `recommended` one, the `table` that
    /// chose it with its `factors`, and the factors still unknown.
    public init(allowed: [Consequence], recommended: Consequence?, table: String?, factors: [Factor],
                missingFactors: [String]) {
        self.allowed = allowed
        self.recommended = recommended
        self.table = table
        self.factors = factors
        self.missingFactors = missingFactors
    }

    init(allowed: [Consequence], recommended: Consequence?, table: String?, factors: [Factor], missingFactors: [String],
         failure: (name: String, error: EvaluationError)?) {
        self.init(allowed: allowed, recommended: recommended, table: table, factors: factors, missingFactors: missingFactors)
        self.failure = failure
    }

    /// Equal when they tell the same (``failure`` is not told).
    public static func == (a: ConsequenceDecision, b: ConsequenceDecision) -> Bool {
        a.allowed == b.allowed && a.recommended == b.recommended && a.table == b.table && a.factors == b.factors
            && a.missingFactors == b.missingFactors
    }
}

/// A ground for de-authorization that concerns the provider, with its date.
public struct DeauthorizationDecision: Hashable, Sendable, Codable {
    /// The ground's title (`Avsaknad av uppdrag`).
    public let ground: String
    /// The date from which the provider is de-authorized on this ground; `nil` when it cannot
    /// be determined yet, because a fact that `gäller när` or `från` reads is unknown.
    public let date: Day?
    /// Whether that date is on or before the assessment date (`false` while it is undetermined).
    public let hasOccurred: Bool
    /// While the date is undetermined, the facts `gäller när` and `från` read as unknown: what
    /// to ask for before the ground can be decided. Empty otherwise.
    public let missingFacts: [String]

    /// A ground of the document (`avauktorisation "…"`) dated `date` (`nil`: undetermined, for
    /// want of `missingFacts`), as of `assessmentDate`.
    init(ground: String, date: Day?, assessmentDate: Day, missingFacts: [String] = []) {
        self.ground = ground
        self.date = date
        hasOccurred = date.map { $0 <= assessmentDate } ?? false
        self.missingFacts = date == nil ? missingFacts : []
    }

    private enum CodingKeys: String, CodingKey { case ground, date, hasOccurred, missingFacts }

    /// Reads a stored ground; one stored before grounds named their missing facts has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ground = try container.decode(String.self, forKey: .ground)
        date = try container.decodeIfPresent(Day.self, forKey: .date)
        hasOccurred = try container.decode(Bool.self, forKey: .hasOccurred)
        missingFacts = try container.decodeIfPresent([String].self, forKey: .missingFacts) ?? []
    }

    /// The shortfalls whose recommended consequence is de-authorization, as a ground from the
    /// assessment date: `brist i villkor 8`, `brister i villkor 8, 12 och 13 och insats fai_2`.
    init(shortfallsIn sanction: SanctionRecommendation, date: Day) {
        func list(_ items: [String]) -> String {
            items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " och " + items[items.count - 1]
        }
        var parts: [String] = []
        if !sanction.conditions.isEmpty { parts.append("villkor " + list(sanction.conditions)) }
        if !sanction.services.isEmpty { parts.append((sanction.services.count == 1 ? "insats " : "insatserna ") + list(sanction.services)) }
        let count = sanction.conditions.count + sanction.services.count
        ground = (count == 1 ? "brist i " : "brister i ") + parts.joined(separator: " och ")
        self.date = date
        hasOccurred = true
        missingFacts = []
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
    let amounts: [Int: SanctionAmount]
    let formatter: ValueFormatter
    /// What the sanction policy's choice leads to, for a shortfall no row names (a service's
    /// requirements not met).
    private(set) var policy = ShortfallConsequence.fixed(nil)

    init(ladder: [String], tables: [String: CompiledSanctionTable], policyTable: String?,
         amounts: [Int: SanctionAmount], formatter: ValueFormatter) {
        (self.ladder, self.tables, self.policyTable, self.amounts, self.formatter) = (ladder, tables, policyTable, amounts, formatter)
        policy = prepared([.sanction(table: nil)], duringOperation: true)
    }

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

    /// The step of a rank (see ``rank(_:)``).
    func step(ofRank rank: Int) -> SanctionStep {
        SanctionStep(name: name(ofRank: rank), rank: rank)
    }

    /// The consequence of a condition whose failing parts have the consequences `parts`
    /// (prepared from each part's run control points' in this assessment's phase: see
    /// ``prepared(_:duringOperation:)``). Each part is decided on its own and the most severe
    /// recommendation taken, so a condition never gets a milder consequence because more of it
    /// failed; while one part waits (a factor unknown, or the nämnd to choose), so does the
    /// condition. Table inputs that cannot be computed count as unknown.
    func consequence(ofFailingParts parts: [ShortfallConsequence], context: EvaluationContext) -> ConsequenceDecision? {
        if parts.count == 1 { return consequence(of: parts[0], context: context) }
        let decisions = parts.compactMap { consequence(of: $0, context: context) }
        guard decisions.count > 1 else { return decisions.first }
        if let failed = decisions.first(where: { $0.failure != nil }) { return failed }
        var allowed: [Consequence] = []
        for decision in decisions { for step in decision.allowed where !allowed.contains(step) { allowed.append(step) } }
        allowed.sort { rank(of: $0) < rank(of: $1) }
        // The most severe recommendation stands unless a part still waiting could be more severe.
        let decided = decisions.filter { $0.recommended != nil }
        let chosen = decided.max { rank(of: $0.recommended!) < rank(of: $1.recommended!) }
        let top = chosen.map { rank(of: $0.recommended!) }
        let waiting = decisions.filter { part in
            part.recommended == nil && (top == nil || part.allowed.contains { rank(of: $0) > top! })
        }
        if let first = waiting.first {
            let missing = waiting.flatMap(\.missingFactors).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            var waits = ConsequenceDecision(allowed: allowed, recommended: nil, table: first.table, factors: first.factors,
                                            missingFactors: missing)
            // A part already decided still counts: the condition leads to at least its step.
            if let chosen { waits.decidedParts = [chosen] }
            return waits
        }
        guard let chosen else { preconditionFailure("no part waits, so one is decided") }
        return ConsequenceDecision(allowed: allowed, recommended: chosen.recommended, table: chosen.table,
                                   factors: chosen.factors, missingFactors: [])
    }

    /// The severity of a consequence: an application's words below every step.
    private func rank(of consequence: Consequence) -> Int {
        consequence.step?.rank ?? -1
    }

    /// What a shortfall whose selected consequences are `kinds` leads to, decided as far as it
    /// can be without the facts (made once per part and assessment kind, at load time). During
    /// operation a part whose row names no consequence gets the sanction policy's, as the
    /// documents' sanction sections apply to every shortfall.
    func prepared(_ kinds: [ConsequenceSyntax.Kind], duringOperation: Bool) -> ShortfallConsequence {
        let kinds: [ConsequenceSyntax.Kind] = kinds.isEmpty && duringOperation && !ladder.isEmpty ? [.sanction(table: nil)] : kinds
        var named: [String] = []
        for case .sanction(let table?) in kinds where !named.contains(table.name) { named.append(table.name) }
        guard named.count > 1 else { return prepared(kinds, table: named.first) }
        return .several(named.map { prepared(kinds, table: $0) })
    }

    /// ``prepared(_:duringOperation:)`` with `table` (a row's own) choosing, or the policy's.
    private func prepared(_ kinds: [ConsequenceSyntax.Kind], table: String?) -> ShortfallConsequence {
        let approval = kinds.compactMap { kind -> Consequence? in
            switch kind {
            case .notApproved: .notApproved
            case .noAuthorization: .noAuthorization
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
            guard let first = approval.first else { return .fixed(nil) }
            return .fixed(ConsequenceDecision(allowed: Array(Set(approval)).sorted { $0.name < $1.name }, recommended: first,
                                              table: nil, factors: [], missingFactors: []))
        }
        if anyStep { ranks = Array(ladder.indices) + ranks.filter { $0 >= ladder.count } }
        ranks.sort()
        let allowed = ranks.map { Consequence.step(step(ofRank: $0)) }
        // `sanktion` without a ladder (the checker requires one for a policy): nothing to choose.
        guard !ranks.isEmpty else {
            return .fixed(ConsequenceDecision(allowed: [], recommended: nil, table: nil, factors: [], missingFactors: []))
        }
        if ranks.count == 1 {
            return .fixed(ConsequenceDecision(allowed: allowed, recommended: allowed[0], table: nil, factors: [], missingFactors: []))
        }
        // Several steps: the row's table, else the policy's, chooses among them.
        guard let name = table ?? policyTable, let compiled = tables[name] else {
            return .fixed(ConsequenceDecision(allowed: allowed, recommended: nil, table: nil, factors: [], missingFactors: []))
        }
        return .chosen(compiled, named: name, allowed: allowed, ranks: ranks)
    }

    /// The consequence of a shortfall in the evaluation of `context`: what was prepared, with
    /// the tables' choices made.
    func consequence(of prepared: ShortfallConsequence, context: EvaluationContext) -> ConsequenceDecision? {
        switch prepared {
        case .fixed(let decision):
            return decision
        case .chosen(let compiled, let name, let allowed, let ranks):
            // Read in place: copying the kept choice would count a reference for each of its lists.
            let kept = choice(of: compiled, named: name, context: context)
            if let failure = kept.choice.failure {
                return ConsequenceDecision(allowed: allowed, recommended: nil, table: name, factors: kept.choice.factors, missingFactors: [],
                                           failure: failure)
            }
            guard case .enumCase(let chosen) = kept.choice.result else {
                return ConsequenceDecision(allowed: allowed, recommended: nil, table: name, factors: kept.choice.factors,
                                           missingFactors: kept.choice.missing)
            }
            // The table's step when the row allows it; otherwise the nämnd chooses among the row's.
            return ConsequenceDecision(allowed: allowed, recommended: ranks.contains(chosen) ? .step(step(ofRank: chosen)) : nil,
                                       table: name, factors: kept.choice.factors, missingFactors: [])
        case .several(let tables):
            // A row that names several tables: each table's choice, and the most severe of them
            // (none while a table waits for an unknown factor).
            let choices = tables.compactMap { consequence(of: $0, context: context) }
            if let failed = choices.first(where: { $0.failure != nil }) { return failed }
            if let waiting = choices.first(where: { $0.recommended == nil }) { return waiting }
            return choices.max { ($0.recommended.map(rank(of:)) ?? -1) < ($1.recommended.map(rank(of:)) ?? -1) }
        }
    }

    /// What table `compiled` (named `name`) chooses in the evaluation of `context`, with its
    /// inputs' values: made on the first shortfall that asks and kept in the context. The
    /// inputs are facts and definitions without parameters, so every shortfall of one
    /// evaluation gets the same choice; a document with twenty shortfalls computes its policy
    /// once, not twenty times.
    func choice(of compiled: CompiledSanctionTable, named name: String, context: EvaluationContext) -> KeptSanctionChoice {
        for kept in context.sanctionChoices where kept.table == compiled.index { return kept }
        let made = KeptSanctionChoice(table: compiled.index,
                                      choice: SanctionTableChoice(compiled, named: name, formatter: formatter, context: context))
        context.sanctionChoices.append(made)
        return made
    }
}

/// What a shortfall of one part leads to, prepared before any facts are known (see
/// ``SanctionPlan/prepared(_:duringOperation:)``): most rows name one step, or the words of an
/// application, and need nothing from the facts; the others wait for a table's choice.
indirect enum ShortfallConsequence: Sendable {
    /// The same for every provider (nil: the row names no consequence).
    case fixed(ConsequenceDecision?)
    /// Chosen by table `compiled`, named `name`, among the steps `allowed` of ranks `ranks`.
    case chosen(CompiledSanctionTable, named: String, allowed: [Consequence], ranks: [Int])
    /// A row that names several tables: the most severe of their choices.
    case several([ShortfallConsequence])
}
