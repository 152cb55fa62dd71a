/// What changed for one provider between two versions: the outcome, each condition and service
/// whose status changed, or the problems that kept a version from deciding (facts that fit one
/// version but not the other).
public struct ProviderImpact: Codable, Hashable, Sendable {
    /// The line of the input (counted from 1).
    public var line: Int
    /// The provider's identity (the value at `--id`), as text; `nil` without one.
    public var identity: String?
    /// The outcome under the old version; `nil` when it could not decide.
    public var oldOutcome: String?
    /// The outcome under the new version.
    public var newOutcome: String?
    /// The conditions whose status changed, in the old version's order, then new ones.
    public var conditions: [StatusChange]
    /// The services whose status changed.
    public var services: [StatusChange]
    /// Why the old version could not decide (facts that do not fit it, say).
    public var oldErrors: [String]?
    /// Why the new version could not decide.
    public var newErrors: [String]?

    /// Whether the outcome changed (or only one version decided).
    public var outcomeChanged: Bool { oldOutcome != newOutcome }

    enum CodingKeys: String, CodingKey {
        case line = "rad", identity = "id", oldOutcome = "gammalt_utfall", newOutcome = "nytt_utfall", conditions = "villkor"
        case services = "insatser", oldErrors = "fel_gammal", newErrors = "fel_ny"
    }

    /// One line in Swedish: `rad 3 (id 5561234567): godkänd → ej godkänd; villkor 7: uppfyllt →
    /// ej uppfyllt`.
    public var text: String {
        var parts: [String] = []
        if let oldErrors, let newErrors {
            parts.append("kan inte bedömas i någon version: " + Self.first(oldErrors == newErrors ? oldErrors : oldErrors + newErrors))
        } else if let oldErrors {
            parts.append("passar bara den nya versionen (\(newOutcome ?? "–")); gammal: " + Self.first(oldErrors))
        } else if let newErrors {
            parts.append("passar bara den gamla versionen (\(oldOutcome ?? "–")); ny: " + Self.first(newErrors))
        } else {
            parts.append(outcomeChanged ? "\(oldOutcome ?? "–") → \(newOutcome ?? "–")" : "utfall oförändrat (\(newOutcome ?? "–"))")
        }
        parts += conditions.map { "villkor \($0.name): \($0.old ?? "finns inte") → \($0.new ?? "finns inte")" }
        parts += services.map { "insats \($0.name): \($0.old ?? "finns inte") → \($0.new ?? "finns inte")" }
        return "rad \(line)" + (identity.map { " (id \($0))" } ?? "") + ": " + parts.joined(separator: "; ")
    }

    /// The first three of a line's errors and how many more (a line that fits only one version
    /// can have hundreds; `--json` lists them all).
    static func first(_ errors: [String]) -> String {
        errors.prefix(3).joined(separator: "; ") + (errors.count > 3 ? "; … och \(errors.count - 3) fel till" : "")
    }
}

/// A condition's or service's status in the two versions (`nil`: not in that version).
public struct StatusChange: Codable, Hashable, Sendable {
    /// The condition's number or the service's name.
    public var name: String
    /// The old status.
    public var old: String?
    /// The new status.
    public var new: String?

    enum CodingKeys: String, CodingKey { case name = "namn", old = "gammal", new = "ny" }
}

/// The counts of an impact analysis: providers read, decided, changed; outcome transitions; and
/// per condition and service the status transitions with how many providers made each.
public struct ImpactSummary: Codable, Hashable, Sendable {
    /// The counters.
    public var totals: Totals
    /// Outcome transitions (unchanged outcomes included), most frequent first.
    public var outcomes: [Transition]
    /// Per condition with some change, its transitions, in the conditions' order.
    public var conditions: [NamedTransitions]
    /// Per service with some change, its transitions.
    public var services: [NamedTransitions]

    /// How many providers fell where.
    public struct Totals: Codable, Hashable, Sendable {
        /// Lines with facts read.
        public var providers = 0
        /// Decided by both versions.
        public var evaluatedInBoth = 0
        /// Decided by both, with the same outcome and every status the same.
        public var unchanged = 0
        /// Decided by both, with another outcome.
        public var changedOutcome = 0
        /// Decided by both, with some condition's or service's status changed.
        public var changedStatus = 0
        /// Decided only by the new version.
        public var failedOldOnly = 0
        /// Decided only by the old version.
        public var failedNewOnly = 0
        /// Decided by neither.
        public var failedBoth = 0

        enum CodingKeys: String, CodingKey {
            case providers = "anordnare", evaluatedInBoth = "bedömda_i_båda", unchanged = "oförändrade"
            case changedOutcome = "ändrat_utfall", changedStatus = "ändrad_status", failedOldOnly = "fel_bara_gammal"
            case failedNewOnly = "fel_bara_ny", failedBoth = "fel_båda"
        }
    }

    /// From one status (or outcome) to another, for how many providers.
    public struct Transition: Codable, Hashable, Sendable {
        /// The old status; `finns inte` for a condition only in the new version.
        public var from: String
        /// The new status.
        public var to: String
        /// How many providers.
        public var count: Int

        enum CodingKeys: String, CodingKey { case from = "från", to = "till", count = "antal" }
    }

    /// A condition's or service's transitions.
    public struct NamedTransitions: Codable, Hashable, Sendable {
        /// The number or name.
        public var name: String
        /// The transitions, most frequent first.
        public var transitions: [Transition]

        enum CodingKeys: String, CodingKey { case name = "namn", transitions = "övergångar" }
    }

    enum CodingKeys: String, CodingKey { case totals = "antal", outcomes = "utfall", conditions = "villkor", services = "insatser" }

    /// The summary in Swedish.
    public var text: String {
        let t = totals
        var lines = ["\(t.providers) anordnare: \(t.evaluatedInBoth) bedömda i båda versionerna, \(t.changedOutcome) med ändrat utfall, "
                     + "\(t.changedStatus) med ändrad status för något villkor eller någon insats, \(t.unchanged) oförändrade"]
        if t.failedOldOnly + t.failedNewOnly + t.failedBoth > 0 {
            // In the words of each line's own (`passar bara den nya versionen`).
            lines.append("kunde inte bedömas: \(t.failedOldOnly) i den gamla versionen (passar bara den nya), "
                         + "\(t.failedNewOnly) i den nya (passar bara den gamla), \(t.failedBoth) i båda (passar ingen av dem)")
        }
        if !outcomes.isEmpty { lines.append("utfall:") }
        lines += outcomes.map { "  \($0.from) → \($0.to): \($0.count)" + ($0.from == $0.to ? " (oförändrat)" : "") }
        if !conditions.isEmpty {
            lines.append("villkor med ändrad status:")
            for condition in conditions {
                lines.append("  villkor \(condition.name): " + condition.transitions.map { "\($0.from) → \($0.to): \($0.count)" }.joined(separator: ", "))
            }
        }
        if !services.isEmpty {
            lines.append("insatser med ändrad status:")
            for service in services {
                lines.append("  \(service.name): " + service.transitions.map { "\($0.from) → \($0.to): \($0.count)" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ImpactAnalysis {
    /// The counts so far.
    public var summary: ImpactSummary {
        func named(_ names: [String], _ counts: [Int]) -> [ImpactSummary.NamedTransitions] {
            names.enumerated().compactMap { slot, name in
                var transitions: [ImpactSummary.Transition] = []
                for from in 0..<5 {
                    for to in 0..<5 where counts[slot * 25 + from * 5 + to] > 0 {
                        transitions.append(.init(from: Self.statusNames[from], to: Self.statusNames[to], count: counts[slot * 25 + from * 5 + to]))
                    }
                }
                return transitions.isEmpty ? nil : .init(name: name, transitions: Self.ordered(transitions))
            }
        }
        let outcomes = outcomeCounts.map { key, count in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            return ImpactSummary.Transition(from: parts.first ?? "", to: parts.last ?? "", count: count)
        }
        return ImpactSummary(totals: totals, outcomes: Self.ordered(outcomes), conditions: named(conditionNames, conditionCounts),
                             services: named(serviceNames, serviceCounts))
    }

    /// Most frequent first; equal counts by their names, so the order is stable.
    static func ordered(_ transitions: [ImpactSummary.Transition]) -> [ImpactSummary.Transition] {
        transitions.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
    }
}
