import KundvalRuntime
import KundvalSyntax

/// The impact of a new version on providers: each provider's facts (one JSON object, as
/// `kundval batch` reads them) evaluated under both versions, the changes reported per provider
/// as they are found, and only counters kept, so memory does not grow with the number of
/// providers. Conditions are matched as ``VersionComparison`` pairs them (by heading, so a
/// renumbered condition is one condition) and services by name; a condition only in one
/// version changes from or to "finns inte".
public struct ImpactAnalysis: Sendable {
    /// The old version.
    public let old: CompiledDocument
    /// The new version.
    public let new: CompiledDocument
    let oldKind: AssessmentPlan
    let newKind: AssessmentPlan
    /// The assessment date.
    public let date: Day

    /// The condition numbers and service names of each version, in decision order, learned
    /// from the first decision of each (they are the same for every decision of a kind).
    var oldConditions: [String]?, newConditions: [String]?
    /// Each version's condition numbers by the names the results use (see ``conditionNames(_:_:)``).
    let oldConditionNames: [String: String], newConditionNames: [String: String]
    var oldServices: [String]?, newServices: [String]?
    /// For each position in the old and new decisions: the index in ``conditionNames``.
    var oldConditionSlots: [Int] = [], newConditionSlots: [Int] = []
    var oldServiceSlots: [Int] = [], newServiceSlots: [Int] = []
    /// The conditions (then services) of both versions, and per name 25 counters: from each of
    /// the four statuses or "not in this version" to each.
    var conditionNames: [String] = [], serviceNames: [String] = []
    var conditionCounts: [Int] = [], serviceCounts: [Int] = []
    /// Outcome transitions, by old and new outcome.
    var outcomeCounts: [String: Int] = [:]
    /// The counters of the summary.
    var totals = ImpactSummary.Totals()

    /// The analysis of `old` against `new` for one assessment kind of each (by name, as in
    /// ``CompiledDocument/assessmentKind(named:)``) on one date; `nil` when a version has no such
    /// kind.
    public init?(old: CompiledDocument, new: CompiledDocument, assessment: String, date: Day) {
        guard let oldKind = old.assessmentKind(named: assessment), let newKind = new.assessmentKind(named: assessment) else { return nil }
        self.old = old; self.new = new; self.oldKind = oldKind; self.newKind = newKind; self.date = date
        (oldConditionNames, newConditionNames) = Self.conditionNames(old, new)
    }

    /// What each version's condition numbers are called in the results: conditions paired by
    /// heading as ``VersionComparison`` pairs them, so a renumbered condition is one name
    /// (`16 (tidigare 14)`), and a removed condition whose number the new version uses again is
    /// `16 (gamla numret)`.
    static func conditionNames(_ old: CompiledDocument, _ new: CompiledDocument) -> (old: [String: String], new: [String: String]) {
        func titled(_ document: CompiledDocument) -> [(key: String, title: String?)] {
            document.conditionNumbers.map { ($0, document.conditionText($0)?.title) }
        }
        let newNumbers = Set(new.conditionNumbers)
        var oldNames: [String: String] = [:], newNames: [String: String] = [:]
        for pair in ConditionPairing.pairs(old: titled(old), new: titled(new)) {
            switch (pair.old, pair.new) {
            case (let a?, let b?):
                let name = a == b ? b : "\(b) (tidigare \(a))"
                oldNames[a] = name; newNames[b] = name
            case (let a?, nil): oldNames[a] = newNumbers.contains(a) ? "\(a) (gamla numret)" : a
            case (nil, let b?): newNames[b] = b
            case (nil, nil): break
            }
        }
        return (oldNames, newNames)
    }

    /// Evaluates one provider's facts under both versions and returns what changed for it, or
    /// `nil` when both versions decide the same for every condition and service. `identity` is
    /// carried into the result (as `--id` finds it).
    public mutating func add(json bytes: [UInt8], line: Int, identity: String?) -> ProviderImpact? {
        totals.providers += 1
        let oldResult = Self.decide(old, oldKind, bytes, date)
        let newResult = Self.decide(new, newKind, bytes, date)
        switch (oldResult, newResult) {
        case (.success(let a), .success(let b)):
            totals.evaluatedInBoth += 1
            return compare(a, b, line: line, identity: identity)
        case (.failure(let a), .success(let b)):
            totals.failedOldOnly += 1
            return ProviderImpact(line: line, identity: identity, oldOutcome: nil, newOutcome: b.outcome.rawValue,
                                  conditions: [], services: [], oldErrors: a.messages, newErrors: nil)
        case (.success(let a), .failure(let b)):
            totals.failedNewOnly += 1
            return ProviderImpact(line: line, identity: identity, oldOutcome: a.outcome.rawValue, newOutcome: nil,
                                  conditions: [], services: [], oldErrors: nil, newErrors: b.messages)
        case (.failure(let a), .failure(let b)):
            totals.failedBoth += 1
            return ProviderImpact(line: line, identity: identity, oldOutcome: nil, newOutcome: nil,
                                  conditions: [], services: [], oldErrors: a.messages, newErrors: b.messages)
        }
    }

    /// A line that could not be read at all (longer than the reader allows): counted as failing
    /// in both versions.
    public mutating func addUnreadable(line: Int, identity: String?, problem: String) -> ProviderImpact {
        totals.providers += 1
        totals.failedBoth += 1
        return ProviderImpact(line: line, identity: identity, oldOutcome: nil, newOutcome: nil, conditions: [], services: [],
                              oldErrors: [problem], newErrors: [problem])
    }

    /// One version's decision for the facts, or the problems in Swedish (as `kundval batch`
    /// reports them).
    static func decide(_ document: CompiledDocument, _ kind: AssessmentPlan, _ bytes: [UInt8], _ date: Day) -> Result<Decision, Problems> {
        switch document.decoder.decode(json: bytes) {
        case .failure(let problem):
            return .failure(Problems(messages: problem.lines.map { $0.hasPrefix("rad 1, ") ? String($0.dropFirst(7)) : $0 }))
        case .success(let facts):
            do {
                // With the computations, as every command evaluates: a computation that cannot
                // be made stops the decision here too (`diff --anordnare` showed `godkänd` where
                // `eval` stopped; found by review).
                return .success(try document.evaluate(facts, kind: kind, date: date, computations: true))
            } catch {
                return .failure(Problems(messages: [error.description]))
            }
        }
    }

    /// Why a version could not decide for a provider.
    struct Problems: Error { let messages: [String] }

    /// What differs between two decisions for one provider; counts every transition.
    mutating func compare(_ a: Decision, _ b: Decision, line: Int, identity: String?) -> ProviderImpact? {
        if oldConditions == nil { learnOld(a) }
        if newConditions == nil { learnNew(b) }
        var conditions: [StatusChange] = []
        var services: [StatusChange] = []
        Self.transitions(a.statuses, b.statuses, oldConditionSlots, newConditionSlots, conditionNames, &conditionCounts, &conditions)
        Self.transitions(a.serviceStatuses, b.serviceStatuses, oldServiceSlots, newServiceSlots, serviceNames, &serviceCounts, &services)
        outcomeCounts[a.outcome.rawValue + "\u{0}" + b.outcome.rawValue, default: 0] += 1
        guard a.outcome != b.outcome || !conditions.isEmpty || !services.isEmpty else {
            totals.unchanged += 1
            return nil
        }
        if a.outcome != b.outcome { totals.changedOutcome += 1 }
        totals.changedStatus += conditions.isEmpty && services.isEmpty ? 0 : 1
        return ProviderImpact(line: line, identity: identity, oldOutcome: a.outcome.rawValue, newOutcome: b.outcome.rawValue,
                              conditions: conditions, services: services, oldErrors: nil, newErrors: nil)
    }

    /// The status index of a status; 4 stands for "not in this version".
    static func index(_ status: ConditionStatus) -> Int {
        switch status {
        case .met: 0
        case .notMet: 1
        case .missingEvidence: 2
        case .notApplicable: 3
        }
    }

    /// The names of the status indices.
    static let statusNames = ["uppfyllt", "ej uppfyllt", "underlag saknas", "ej tillämpligt", "finns inte"]

    /// Counts each name's transition (only those that change) and lists them for the provider.
    static func transitions(_ old: [ConditionStatus], _ new: [ConditionStatus], _ oldSlots: [Int], _ newSlots: [Int],
                            _ names: [String], _ counts: inout [Int], _ changes: inout [StatusChange]) {
        var from = [Int](repeating: 4, count: names.count), to = [Int](repeating: 4, count: names.count)
        for (position, status) in old.enumerated() where position < oldSlots.count { from[oldSlots[position]] = index(status) }
        for (position, status) in new.enumerated() where position < newSlots.count { to[newSlots[position]] = index(status) }
        for slot in names.indices where from[slot] != to[slot] {
            counts[slot * 25 + from[slot] * 5 + to[slot]] += 1
            changes.append(StatusChange(name: names[slot], old: from[slot] == 4 ? nil : statusNames[from[slot]],
                                        new: to[slot] == 4 ? nil : statusNames[to[slot]]))
        }
    }

    /// Learns the old version's condition numbers and service names from its first decision.
    mutating func learnOld(_ decision: Decision) {
        oldConditions = decision.conditions.map { oldConditionNames[$0.number] ?? $0.number }
        oldServices = decision.services.map(\.name)
        relink()
    }

    /// Learns the new version's condition numbers and service names from its first decision.
    mutating func learnNew(_ decision: Decision) {
        newConditions = decision.conditions.map { newConditionNames[$0.number] ?? $0.number }
        newServices = decision.services.map(\.name)
        relink()
    }

    /// Rebuilds the union of names and the slots (only before any transition is counted).
    mutating func relink() {
        func union(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }
        conditionNames = union(oldConditions ?? [], newConditions ?? [])
        serviceNames = union(oldServices ?? [], newServices ?? [])
        // Every name is in the union, so each lookup finds its slot.
        let conditionSlot = Dictionary(conditionNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let serviceSlot = Dictionary(serviceNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        oldConditionSlots = (oldConditions ?? []).map { conditionSlot[$0] ?? 0 }
        newConditionSlots = (newConditions ?? []).map { conditionSlot[$0] ?? 0 }
        oldServiceSlots = (oldServices ?? []).map { serviceSlot[$0] ?? 0 }
        newServiceSlots = (newServices ?? []).map { serviceSlot[$0] ?? 0 }
        conditionCounts = [Int](repeating: 0, count: conditionNames.count * 25)
        serviceCounts = [Int](repeating: 0, count: serviceNames.count * 25)
    }
}
