import Foundation
import KundvalDiagnostics
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// The steps a condition's checks tell an observer from the run of their program and the walk of
/// their traces (see `TraceNode.swift`) must be the value code's, step for step: every fact and
/// value, every decision and its line, in the same order, with the same checks begun and held.
/// Compared on the shipped rules with their example facts, changed at random (facts left out,
/// truths turned, lists emptied), and on random conditions.
@Suite struct PlanTraceAgreementTests {
    /// Writes every step and mark as a line, to compare two observers' records.
    final class Transcript: EvaluationObserver {
        var lines: [String] = []

        func observe(_ point: TracePoint, _ value: Value) {
            lines.append("\(point.kind) \(point.factNumber) \(point.valueLinePrefix) \(point.decisionLines) "
                         + "\(point.testsPresence) \(point.checksDocument) = \(value)")
        }

        func observe(_ point: TracePoint, _ value: Value, element: String) {
            observe(point, value)
            lines.append("element \(element)")
        }
    }

    /// Compares the plan's steps with the value code's for every condition of `document` whose
    /// checks have traces, in every kind of assessment, from a run of the condition's checks'
    /// program and from a run of the plan's own program: how many were walked, how many left to
    /// the value code by an error on the way, and how many walked in the plan's program.
    static func compare(_ document: CompiledDocument, _ facts: Facts, date: Day,
                        label: String) throws -> (walked: Int, left: Int, own: Int) {
        var (walked, left, ownWalks) = (0, 0, 0)
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            for (index, entry) in plan.entries.enumerated() where plan.checkPrograms[index]?.traces != nil {
                let expected = Transcript()
                let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: plan.definitionCount,
                                                observer: expected)
                CompiledDocument.observeParts(entry, observed: context, checked: { expected.lines.append("checked") },
                                              held: { expected.lines.append("held \($0)") })
                let walk = Transcript()
                guard plan.observeChecks(index, storage: facts.storage, date: date, observer: walk,
                                         checked: { walk.lines.append("checked") }, held: { walk.lines.append("held \($0)") }) else {
                    // The steps told before the error are dropped by the caller.
                    left += 1
                    continue
                }
                walked += 1
                #expect(walk.lines == expected.lines,
                        "\(label) \(kind) villkor \(entry.condition.numberText):\n\(difference(walk.lines, expected.lines))")
                // The same from the plan's own program, as an explained evaluation walks it.
                guard let traces = plan.programTraces[index] else { continue }
                let own = Transcript()
                let lazy = LazyContext(storage: facts.storage, date: date, definitionCount: plan.definitionCount)
                let told = plan.program.withMemory(registers: plan.program.registerCount) { memory in
                    memory.registers.update(from: plan.fencedTemplate)
                    var context = lazy
                    plan.program.run(&context, memory)
                    let walker = TraceWalker(program: plan.program, table: traces, memory: memory, facts: FactView(facts.storage),
                                             context: lazy, observer: own)
                    return plan.observe(index, walker: walker,
                                        checked: { own.lines.append("checked") }, held: { own.lines.append("held \($0)") })
                }
                guard told else { continue }
                ownWalks += 1
                #expect(own.lines == expected.lines,
                        "\(label) \(kind) villkor \(entry.condition.numberText), the plan's program:\n\(difference(own.lines, expected.lines))")
            }
        }
        try compareExplained(document, facts, date: date, label: label)
        return (walked, left, ownWalks)
    }

    /// Every explanation of an explained evaluation (of conditions met, not met and undecided,
    /// from the plan's traces or from the value code) must read as the value code's alone makes
    /// it. Found by its absence: an evaluation marked the results of conditions it had explained
    /// in the program's registers, and a later walk read such a mark as a comparison's truth.
    static func compareExplained(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) throws {
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            guard let decision = try? document.evaluate(facts, kind: plan, date: date, explain: true) else { continue }
            let conditions = decision.conditions
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick && index < conditions.count {
                guard let made = conditions[index].explanation else { continue }
                let log = ExplanationLog(formatter: document.formatter)
                let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: plan.definitionCount,
                                                observer: log)
                var (failing, start) = ([Range<Int>](), 0)
                CompiledDocument.observeParts(entry, observed: context, checked: { start = log.entries.count },
                                              held: { if !$0 { failing.append(start..<log.entries.count) } })
                let reference = Explanation(log: log, index: log.endExplanation(from: 0, failingChecks: failing))
                #expect(made.lines == reference.lines, "\(label) \(kind) villkor \(entry.condition.numberText), explained")
            }
        }
    }

    /// The first line where two transcripts differ, with its neighbours.
    static func difference(_ a: [String], _ b: [String]) -> String {
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        return "plan:  \(a[max(0, first - 1)..<min(a.count, first + 2)])\nvalue: \(b[max(0, first - 1)..<min(b.count, first + 2)])"
    }

    /// `json` changed at random: fields left out or null, truths turned, lists emptied or cut.
    static func mutated(_ json: Any, _ g: inout SplitMix64) -> Any? {
        switch json {
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                switch g.next(below: 12) {
                case 0: continue
                case 1: result[key] = NSNull()
                default: if let changed = mutated(value, &g) { result[key] = changed }
                }
            }
            return result
        case let list as [Any]:
            if g.next(below: 10) == 0 { return [Any]() }
            return list.compactMap { mutated($0, &g) }
        case let truth as Bool:
            return g.next(below: 4) == 0 ? !truth : truth
        default:
            return json
        }
    }

    @Test func shippedConditionsTellTheValueCodesSteps() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        let examples = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("exempel").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 2025, month: 12, day: 24)]
        var (walked, left, traced, entries, refused, own) = (0, 0, 0, 0, 0, 0)
        var g = SplitMix64(seed: 7)
        for document in rules.documents {
            for kind in document.assessmentNames {
                let plan = try #require(document.assessmentKind(named: kind))
                entries += plan.entries.count
                traced += plan.checkPrograms.filter { $0?.traces != nil }.count
            }
            for example in examples {
                let data = try Data(contentsOf: folder.appendingPathComponent("exempel").appendingPathComponent(example))
                guard case .success = document.decoder.decode(json: Array(data)) else { continue }
                let json = try JSONSerialization.jsonObject(with: data)
                for round in 0..<RandomRounds.of(30) {
                    let changed = round == 0 ? json : Self.mutated(json, &g) ?? json
                    let bytes = try JSONSerialization.data(withJSONObject: changed)
                    guard case .success(let facts) = document.decoder.decode(json: Array(bytes)) else {
                        refused += 1
                        continue
                    }
                    for date in dates {
                        let (w, l, o) = try Self.compare(document, facts, date: date, label: "\(document.name) \(example) round \(round)")
                        walked += w
                        left += l
                        own += o
                    }
                }
            }
        }
        print("plan traces: \(traced) of \(entries) conditions traced; \(walked) walks compared, \(left) left to the value code, \(refused) facts refused; \(own) in the plan's program")
        #expect(walked > 500, "only \(walked) walks compared")
        #expect(own > 500, "only \(own) walks in the plan's program compared")
    }

    @Test func randomConditionsTellTheValueCodesSteps() throws {
        let seeds = RandomRounds.of(60)
        let date = try Day(year: 2025, month: 3, day: 1)
        var (walked, left, own) = (0, 0, 0)
        for seed in 1...UInt64(seeds) {
            var g = SplitMix64(seed: seed &* 7919)
            typealias Random = RandomConditionAgreementTests
            var text = Random.header + Random.spare() + Random.tail
            for index in 1...12 {
                text += "villkor \(index) \"V\(index)\"\n"
                if g.next(below: 5) == 0 { text += "  gäller när \(Random.truth(&g, depth: 2, row: false))\n" }
                text += "  kräver \(Random.truth(&g, depth: 4, row: false))\n"
                if g.next(below: 3) == 0 { text += "  kräver \(Random.truth(&g, depth: 3, row: false))\n" }
            }
            guard case .success(let rules) = RuleSet.compile([SourceFile(path: "r.kundval", text: text)]),
                  let document = rules.document(named: "R") else { continue }
            for _ in 0..<20 {
                let json = Random.facts(&g)
                guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else { continue }
                let (w, l, o) = try Self.compare(document, facts, date: date, label: "seed \(seed) \(json)")
                walked += w
                left += l
                own += o
            }
        }
        print("random plan traces: \(walked) walks compared, \(left) left to the value code; \(own) in the plan's program")
        #expect(walked > seeds * 20, "only \(walked) walks compared")
        #expect(own > seeds * 20, "only \(own) walks in the plan's program compared")
    }
}
