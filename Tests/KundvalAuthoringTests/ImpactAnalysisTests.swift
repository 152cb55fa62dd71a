import Foundation
import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The impact of a new version on providers, checked against a straightforward computation:
/// every provider evaluated under each version on its own, the decisions joined by condition
/// number and service name, and the transitions counted.
@Suite struct ImpactAnalysisTests {
    static let root = ComparisonGoldenTests.root
    static let date = try! Day(year: 2025, month: 3, day: 1)

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// 000, and 000 with one threshold changed (the responsible manager's experience, 3 → 4
    /// years) and an optional fact added, so that facts giving it fit only the new version.
    static func versions() throws -> (old: CompiledDocument, new: CompiledDocument) {
        let reglemente = SourceFile(path: "conditions/reglemente-31.kundval", text: try text("conditions/reglemente-31.kundval"))
        let original = try text("conditions/oppenvard-000.kundval")
        let changed = original
            .replacingOccurrences(of: "verksamhetsansvarig.år_av_dokumenterad_erfarenhet >= 3", with: "verksamhetsansvarig.år_av_dokumenterad_erfarenhet >= 4")
            .replacingOccurrences(of: "\ntyp Verksamhetsansvarig\n", with: "\ntyp Verksamhetsansvarig\n  ny_uppgift: ja/nej kan saknas\n")
        #expect(changed != original)
        let name = "Öppenvårdsinsatser för personer med skadligt bruk och beroende"
        let old = try #require(try RuleSet.compile([reglemente, SourceFile(path: "conditions/oppenvard-000.kundval", text: original)]).get()
            .document(named: name))
        let new = try #require(try RuleSet.compile([reglemente, SourceFile(path: "conditions/oppenvard-000.kundval", text: changed)]).get()
            .document(named: name))
        return (old, new)
    }

    /// Providers made from the approved example: the manager's years of experience 0–6, some
    /// with premises not adapted, some with the new fact (fits only the new version), and some
    /// with a fact of the wrong type (fits neither).
    static func providers(_ count: Int) throws -> [[UInt8]] {
        let base = try JSONSerialization.jsonObject(with: Data(try text("conditions/exempel/oppenvard-godkand.json").utf8)) as! [String: Any]
        return try (0..<count).map { index in
            var facts = base
            var provider = facts["anordnare"] as! [String: Any]
            var manager = provider["verksamhetsansvarig"] as! [String: Any]
            manager["år_av_dokumenterad_erfarenhet"] = index % 7
            if index % 13 == 5 { manager["ny_uppgift"] = true }
            provider["verksamhetsansvarig"] = manager
            if index % 5 == 2 {
                var premises = provider["lokaler"] as! [String: Any]
                premises["anpassade_för_verksamheten_och_målgruppen"] = false
                provider["lokaler"] = premises
            }
            if index % 17 == 9 { provider["bytt_ägare"] = "kanske" }
            facts["anordnare"] = provider
            return [UInt8](try JSONSerialization.data(withJSONObject: facts))
        }
    }

    @Test(arguments: ["ansökan", "uppföljning"])
    func countsMatchEvaluatingEachVersionSeparately(_ assessment: String) throws {
        let (old, new) = try Self.versions()
        var analysis = try #require(ImpactAnalysis(old: old, new: new, assessment: assessment, date: Self.date))
        let lines = try Self.providers(120)
        var reported: [Int] = []
        for (index, line) in lines.enumerated() {
            if let impact = analysis.add(json: line, line: index + 1, identity: "p\(index)") {
                reported.append(impact.line)
                #expect(impact.identity == "p\(index)")
            }
        }
        let summary = analysis.summary

        // The straightforward computation.
        var outcomes: [String: Int] = [:]
        var conditions: [String: [String: Int]] = [:]
        var services: [String: [String: Int]] = [:]
        var expectedReported: [Int] = []
        var changedOutcome = 0, changedStatus = 0, oldOnly = 0, newOnly = 0, neither = 0
        func decide(_ document: CompiledDocument, _ bytes: [UInt8]) -> Decision? {
            guard case .success(let facts) = document.decoder.decode(json: bytes) else { return nil }
            return try? document.evaluate(facts, assessment: assessment, date: Self.date)
        }
        func join(_ a: [(String, String)], _ b: [(String, String)], into counts: inout [String: [String: Int]]) -> Bool {
            var changed = false
            let names = a.map(\.0) + b.map(\.0).filter { name in !a.contains { $0.0 == name } }
            for name in names {
                let from = a.first { $0.0 == name }?.1 ?? "finns inte", to = b.first { $0.0 == name }?.1 ?? "finns inte"
                if from != to { counts[name, default: [:]]["\(from) → \(to)", default: 0] += 1; changed = true }
            }
            return changed
        }
        for (index, line) in lines.enumerated() {
            switch (decide(old, line), decide(new, line)) {
            case (let a?, let b?):
                outcomes["\(a.outcome.rawValue) → \(b.outcome.rawValue)", default: 0] += 1
                let conditionChanged = join(a.conditions.map { ($0.number, $0.status.rawValue) }, b.conditions.map { ($0.number, $0.status.rawValue) },
                                            into: &conditions)
                let serviceChanged = join(a.services.map { ($0.name, $0.status.rawValue) }, b.services.map { ($0.name, $0.status.rawValue) },
                                          into: &services)
                if a.outcome != b.outcome { changedOutcome += 1 }
                if conditionChanged || serviceChanged { changedStatus += 1 }
                if a.outcome != b.outcome || conditionChanged || serviceChanged { expectedReported.append(index + 1) }
            case (nil, .some): oldOnly += 1; expectedReported.append(index + 1)
            case (.some, nil): newOnly += 1; expectedReported.append(index + 1)
            case (nil, nil): neither += 1; expectedReported.append(index + 1)
            }
        }

        #expect(reported == expectedReported)
        #expect(summary.totals.providers == lines.count)
        #expect(summary.totals.changedOutcome == changedOutcome)
        #expect(summary.totals.changedStatus == changedStatus)
        #expect(summary.totals.failedOldOnly == oldOnly)
        #expect(summary.totals.failedNewOnly == newOnly)
        #expect(summary.totals.failedBoth == neither)
        #expect(summary.totals.evaluatedInBoth + oldOnly + newOnly + neither == lines.count)
        #expect(Dictionary(uniqueKeysWithValues: summary.outcomes.map { ("\($0.from) → \($0.to)", $0.count) }) == outcomes)
        func flatten(_ named: [ImpactSummary.NamedTransitions]) -> [String: [String: Int]] {
            Dictionary(uniqueKeysWithValues: named.map { ($0.name, Dictionary(uniqueKeysWithValues: $0.transitions.map { ("\($0.from) → \($0.to)", $0.count) })) })
        }
        #expect(flatten(summary.conditions) == conditions)
        #expect(flatten(summary.services) == services)
        // The threshold change and the new fact show: the test would not notice a wrong join
        // if nothing changed.
        #expect(changedStatus > 0)
        #expect(oldOnly > 0 && neither > 0)
    }

    /// Conditions only in one version change from or to "finns inte"; facts fitting only the
    /// new version (öppenvård 001 → 000: other types) are reported as such.
    @Test func factsThatFitOnlyOneVersionAreReported() throws {
        let files = try ComparisonGoldenTests.sources(Self.root.appendingPathComponent("conditions"), base: Self.root)
        let rules = try RuleSet.compile(files).get()
        let old = try #require(rules.documents.first { $0.path == "conditions/oppenvard-001.kundval" })
        let new = try #require(rules.documents.first { $0.path == "conditions/oppenvard-000.kundval" })
        var analysis = try #require(ImpactAnalysis(old: old, new: new, assessment: "ansökan", date: Self.date))
        let line = [UInt8](try Self.text("conditions/exempel/oppenvard-godkand.json").utf8)
        let first = analysis.add(json: line, line: 1, identity: nil)
        let impact = try #require(first)
        #expect(impact.oldErrors?.isEmpty == false)
        #expect(impact.newErrors == nil)
        #expect(impact.newOutcome == "godkänd")
        #expect(impact.text.hasPrefix("rad 1: passar bara den nya versionen (godkänd)"))
        // The text shows the first three errors and how many more (a newcomer met lines of
        // 12,000 characters); the errors themselves are all kept, for --json.
        let count = try #require(impact.oldErrors?.count)
        #expect(count > 3)
        #expect(impact.text.hasSuffix("; … och \(count - 3) fel till"), "\(impact.text)")
        let older = [UInt8](try Self.text("conditions/exempel/oppenvard-001-godkand.json").utf8)
        let second = analysis.add(json: older, line: 2, identity: "x")
        let reverse = try #require(second)
        #expect(reverse.newErrors?.isEmpty == false && reverse.oldOutcome == "godkänd")
        #expect(analysis.summary.totals.failedOldOnly == 1 && analysis.summary.totals.failedNewOnly == 1)
        let third = analysis.add(json: Array("{".utf8), line: 3, identity: nil)
        #expect(third?.text.contains("kan inte bedömas i någon version") == true)
    }
}
