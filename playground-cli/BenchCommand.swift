import Dispatch
import Foundation
import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// `kundval bench [--antal N] [--varv R] [--regler MAPP] [--utan-förklaring]`: evaluates the
/// öppenvård kundval for a generated, seeded set of providers (70 % pass, the rest fail one to
/// three conditions), and the same per-condition results computed by hand-written Swift; prints
/// µs per decision.
enum BenchCommand {
    static let kundval = "Öppenvårdsinsatser för personer med skadligt bruk och beroende"
    static let date = try! Day(year: 2025, month: 3, day: 1)

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--help") || options.flag("-h") {
            Output.print("användning: kundval bench [--antal N] [--varv R] [--regler MAPP] [--utan-förklaring]\n\n"
                + "Mäter tiden per beslut för tolken och för handskriven Swift. Bygg med `swift build -c release`.\n"
                + "--utan-förklaring hoppar över mätningen av beslut med full förklaring.")
            return .ok
        }
        let count = Int(options.value("--antal") ?? "") ?? 2_000
        let rounds = Int(options.value("--varv") ?? "") ?? 25
        let folder = options.value("--regler") ?? "conditions"
        let skipExplained = options.flag("--utan-förklaring")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval bench: \(problem)")
            return .usage
        }
        let rules: RuleSet
        do {
            switch RuleSet.compile(try Engine.readFolder(folder)) {
            case .success(let loaded): rules = loaded
            case .failure(let failure):
                Output.write(failure.rendered())
                return .failure
            }
        } catch {
            Output.error("kundval bench: " + error.rendered())
            return .usage
        }
        guard let document = rules.document(named: kundval),
              let checked = rules.program.documents.first(where: { $0.name == kundval }),
              let base = FileManager.default.contents(atPath: folder + "/exempel/oppenvard-godkand.json"),
              case .success(let approved) = document.decoder.decode(json: [UInt8](base)) else {
            Output.error("kundval bench: behöver `\(kundval)` och `\(folder)/exempel/oppenvard-godkand.json`")
            return .usage
        }
        _ = approved

        // Generate providers: 70 % pass, the rest fail 1–3 conditions.
        var random = SplitMix64(seed: 20_251_123)
        guard case .success(let json) = Result(catching: { try JSONParser.parse([UInt8](base)) }) else { return .usage }
        var providers: [Facts] = []
        var expectedFailing: [Set<String>] = []
        for _ in 0..<count {
            var provider = json
            var failing = Set<String>()
            if random.next(below: 100) >= 70 {
                let mutations = Mutation.all.shuffled(using: &random).prefix(1 + random.next(below: 3))
                for mutation in mutations {
                    provider = provider.setting(mutation.path, to: mutation.value)
                    // A document taken away is evidence still to come, not a shortfall.
                    if mutation.value != .null { failing.insert(mutation.condition) }
                }
            }
            guard case .success(let facts) = document.decoder.decode(provider) else {
                Output.error("kundval bench: de genererade fakta stämmer inte med reglerna")
                return .failure
            }
            providers.append(facts)
            expectedFailing.append(failing)
        }
        guard let baseline = HandWrittenOppenvard(document: checked) else {
            Output.error("kundval bench: den handskrivna versionen hittar inte sina fält")
            return .failure
        }
        var natives: [HandWrittenOppenvard.Provider] = []
        for facts in providers {
            switch baseline.native(facts) {
            case .success(let native): natives.append(native)
            case .failure(let missing):
                Output.error("kundval bench: den handskrivna versionen hittar inte sina fält (`\(missing.name)`)")
                return .failure
            }
        }

        // Both must agree on every condition of every provider before anything is timed.
        for (index, facts) in providers.enumerated() {
            guard let decision = try? document.evaluate(facts, assessment: "ansökan", date: date) else { return .failure }
            let handWritten = baseline.decide(natives[index], date: date)
            let interpreted = decision.conditions.map(\.status)
            let services = decision.services.map(\.status)
            let failing = Set(decision.conditions.filter { $0.status == .notMet }.map(\.number))
            guard interpreted == handWritten.conditions, services == handWritten.services,
                  failing == expectedFailing[index] else {
                Output.error("kundval bench: tolken och den handskrivna versionen är oeniga för anordnare \(index):\n"
                    + "tolken:      \(interpreted.map(\.rawValue)) \(services.map(\.rawValue))\n"
                    + "handskriven: \(handWritten.conditions.map(\.rawValue)) \(handWritten.services.map(\.rawValue))\n"
                    + "förväntade brister: \(expectedFailing[index].sorted()), fick \(failing.sorted())")
                return .failure
            }
        }
        let passing = expectedFailing.filter(\.isEmpty).count

        func measure(rounds: Int, _ body: () -> Void) -> [Double] {
            (0..<rounds).map { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(count)
            }
        }
        var sink = 0
        guard let application = document.assessmentKind(named: "ansökan") else { return .failure }
        // The two are timed in alternating rounds, so that both see the same machine: a burst of
        // load from another process lands on both instead of on whichever ran at the time.
        var interpreter: [Double] = [], handWritten: [Double] = []
        for _ in 0..<rounds {
            interpreter += measure(rounds: 1) {
                for facts in providers {
                    if let decision = try? document.evaluate(facts, kind: application, date: date) {
                        sink &+= decision.statuses.count &+ decision.serviceStatuses.count
                    }
                }
            }
            handWritten += measure(rounds: 1) {
                for native in natives {
                    let decided = baseline.decide(native, date: date)
                    sink &+= decided.conditions.count &+ decided.services.count
                }
            }
        }
        // The same decisions with their reasons read (made on access: see `Decision.conditions`).
        let withReasons = measure(rounds: max(3, rounds / 5)) {
            for facts in providers {
                if let decision = try? document.evaluate(facts, kind: application, date: date) {
                    sink &+= decision.conditions.count &+ decision.services.count
                }
            }
        }
        let explained = skipExplained ? [0] : measure(rounds: max(3, rounds / 5)) {
            for facts in providers {
                if let decision = try? document.evaluate(facts, assessment: "ansökan", date: date, explain: true) {
                    sink &+= decision.conditions.count
                }
            }
        }
        let decoding = measure(rounds: max(3, rounds / 5)) {
            for _ in 0..<count {
                if case .success(let facts) = document.decoder.decode(json: [UInt8](base)) { sink &+= facts.values.count }
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let (i, h, e) = (median(interpreter), median(handWritten), median(explained))
        Output.print("""
            kundval bench: \(kundval)
              \(count) anordnare (\(passing) godkända, \(count - passing) med 1–3 brister), \(rounds) varv, bedömning ansökan \(date)
              tolken:                 \(format(i)) µs per beslut (median; min \(format(interpreter.min()!)), max \(format(interpreter.max()!)))
              handskriven Swift:      \(format(h)) µs per beslut (median)
              kvot tolk/handskriven:  \(format(i / h))
              med skälen lästa:       \(format(median(withReasons))) µs per beslut (median; villkor och insatser med skäl för varje brist)
              fakta från JSON-text:   \(format(median(decoding))) µs per anordnare (tolkning och validering, median)
            """ + (skipExplained ? "" : "\n  med full förklaring:    \(format(e)) µs per beslut (median)")
            + (sink == 42 ? " " : ""))
        return .ok
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded).replacingOccurrences(of: ".", with: ",")
    }

    /// A change that makes exactly one condition fail at application.
    struct Mutation {
        let condition: String
        let path: [String]
        let value: JSON

        static let all: [Mutation] = [
            Mutation(condition: "1", path: ["anordnare", "näringsförbud"], value: .boolean(true)),
            Mutation(condition: "3", path: ["anordnare", "fullgjort_socialförsäkringsavgifter_och_skatt"], value: .boolean(false)),
            Mutation(condition: "4", path: ["anordnare", "registreringsbevis"], value: .null),
            Mutation(condition: "5", path: ["anordnare", "godkänd_för_f_skatt"], value: .boolean(false)),
            Mutation(condition: "6", path: ["anordnare", "erforderlig_ekonomisk_kapacitet"], value: .boolean(false)),
            Mutation(condition: "9", path: ["anordnare", "ansvarsförsäkring"], value: .null),
            Mutation(condition: "10", path: ["anordnare", "lokaler", "tillgängliga_vid_funktionsnedsättning"], value: .boolean(false)),
            Mutation(condition: "15", path: ["anordnare", "redovisar_måluppfyllelse"], value: .boolean(false)),
            Mutation(condition: "16", path: ["anordnare", "beaktar_anhörigperspektiv"], value: .boolean(false)),
            Mutation(condition: "17", path: ["anordnare", "verksamhetsansvarig", "godkänd_av_enhetschef"], value: .boolean(false)),
            Mutation(condition: "22", path: ["anordnare", "accepterar_beslutad_förtur"], value: .boolean(false)),
            Mutation(condition: "23", path: ["anordnare", "handlingsplan_för_hot_och_våld"], value: .boolean(false)),
        ]
    }
}

extension JSON {
    /// The same JSON with the value at `path` (object keys) replaced.
    func setting(_ path: [String], to value: JSON) -> JSON {
        guard let key = path.first else { return value }
        guard case .object(var pairs) = self, let index = pairs.firstIndex(where: { $0.key == key }) else { return self }
        pairs[index].value = pairs[index].value.setting(Array(path.dropFirst()), to: value)
        return .object(pairs)
    }
}

/// A small, fast, seedable random number generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
