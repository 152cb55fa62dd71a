import Dispatch
import Foundation
import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// `kundval bench [--antal N] [--varv R] [--regler MAPP] [--utan-förklaring]`: evaluates the
/// öppenvård kundval for a generated, seeded set of providers (70 % pass, the rest fail one to
/// three conditions or services), and the same per-condition and per-service results computed
/// by hand-written Swift; prints µs per decision.
enum BenchCommand {
    static let kundval = "Öppenvårdsinsatser för personer med skadligt bruk och beroende"
    static let date = try! Day(year: 2025, month: 3, day: 1)

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print("användning: kundval bench [--antal N] [--varv R] [--regler MAPP] [--utan-förklaring]\n\n"
                + "Mäter tiden per beslut för tolken och för handskriven Swift. Bygg med `swift build -c release`.\n"
                + "--utan-förklaring hoppar över mätningen av beslut med full förklaring.")
            return .ok
        }
        let count = options.integer("--antal", in: 1...10_000_000, default: 2_000)
        let rounds = options.integer("--varv", in: 1...100_000, default: 25)
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

        // Generate providers: 70 % pass, the rest fail 1–3 conditions or services.
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
                    if mutation.value != .null { failing.insert(mutation.target) }
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
                .union(decision.services.filter { $0.status == .notMet }.map { "insats " + $0.name })
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
        // The same providers at a follow-up, where each shortfall's consequence is weighed and a
        // sanction recommended (the statuses only, as a service that stores them reads them).
        let followUp = document.assessmentKind(named: "uppföljning")
        let withSanction = followUp.map { kind in
            providers.filter { (try? document.evaluate($0, kind: kind, date: date))?.sanction != nil }.count
        } ?? 0
        let atFollowUp = followUp.map { kind in
            measure(rounds: max(3, rounds / 5)) {
                for facts in providers {
                    if let decision = try? document.evaluate(facts, kind: kind, date: date) {
                        sink &+= decision.statuses.count &+ (decision.sanction == nil ? 0 : 1)
                    }
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
        // The same with every explanation's lines written and read (they are written on the
        // first read: a service that stores only the statuses pays for the steps alone).
        let explainedText = skipExplained ? [0] : measure(rounds: max(3, rounds / 5)) {
            for facts in providers {
                if let decision = try? document.evaluate(facts, assessment: "ansökan", date: date, explain: true) {
                    for condition in decision.conditions { sink &+= condition.explanation?.lines.count ?? 0 }
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
            """ + (atFollowUp.map { "\n  vid uppföljning:        \(format(median($0))) µs per beslut (median; samma anordnare, påföljd föreslagen för \(withSanction))" } ?? "")
            + (skipExplained ? "" : "\n  med full förklaring:    \(format(e)) µs per beslut (median; stegen sparade)"
                   + "\n  förklaringen som text:  \(format(median(explainedText))) µs per beslut (median; varje förklarings rader skrivna)")
            + (sink == 42 ? " " : ""))
        return .ok
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded).replacingOccurrences(of: ".", with: ",")
    }

    /// A change that makes exactly one condition or service fail at application, or (`.null`)
    /// takes away a document or description, which is evidence still to come and no shortfall.
    /// No two of them undo each other, since up to three are applied together.
    struct Mutation {
        /// The condition's number, or `insats` and the service's name.
        let target: String
        /// Object keys, and list indexes as numbers.
        let path: [String]
        let value: JSON

        init(_ target: String, _ path: String, _ value: JSON) {
            self.target = target
            self.path = ["anordnare"] + path.split(separator: ".").map(String.init)
            self.value = value
        }

        static let all: [Mutation] = [
            Mutation("1", "näringsförbud", .boolean(true)),
            // personer[1] has väsentligt inflytande, personer[0] the daglig ledning.
            Mutation("1", "personer.1.i_likvidation", .boolean(true)),
            Mutation("1", "personer.1.föremål_för_ansökan_om_tvångslikvidation_ackord_eller_liknande", .boolean(true)),
            Mutation("2", "personer.0.dömd_för_brott_i_yrkesutövningen", .boolean(true)),
            Mutation("3", "fullgjort_socialförsäkringsavgifter_och_skatt", .boolean(false)),
            Mutation("4", "registreringsbevis", .null),
            Mutation("5", "godkänd_för_f_skatt", .boolean(false)),
            Mutation("6", "erforderlig_ekonomisk_kapacitet", .boolean(false)),
            Mutation("7", "moderbolag", .object([("påverkar_utförandet", .boolean(true)), ("följer_lagar_och_regler", .boolean(false))])),
            Mutation("7", "underleverantörer", .array([.object([
                ("namn", .string("Underleverantören AB")), ("påverkar_utförandet", .boolean(true)),
                ("följer_lagar_och_regler", .boolean(false)),
                ("uppfyller_motsvarande_krav_och_villkoren_för_godkännande", .boolean(true)),
                ("anmäld_till_kommunen", .boolean(true)),
            ])])),
            Mutation("8", "personer.1.omfattas_av_sanktioner_eller_handelshinder", .boolean(true)),
            Mutation("9", "ansvarsförsäkring", .null),
            Mutation("10", "lokaler.tillgängliga_vid_funktionsnedsättning", .boolean(false)),
            Mutation("10", "rutiner_för_kundens_egendom", .boolean(false)),
            Mutation("12", "tidigare_avauktoriserad_för_brist", .boolean(true)),
            // Hävt exactly three years before the application: the specific part applies.
            Mutation("12", "avtal_hävda_av_annan_kommun", .array([.object([
                ("kommun", .string("Värmdö")), ("hävt", .string("2022-03-01")), ("på_grund_av_brist_hos_anordnaren", .boolean(true)),
            ])])),
            Mutation("15", "redovisar_måluppfyllelse", .boolean(false)),
            Mutation("16", "följer_lagar_förordningar_och_föreskrifter", .boolean(false)),
            Mutation("16", "beaktar_anhörigperspektiv", .boolean(false)),
            Mutation("17", "personer.0.adekvat_kompetens", .boolean(false)),
            Mutation("17", "byte_av_daglig_ledning_planerat", .boolean(true)),
            Mutation("17", "verksamhetsansvarig.godkänd_av_enhetschef", .boolean(false)),
            Mutation("17", "verksamhetsansvarig.behärskar_svenska_i_tal_och_skrift", .boolean(false)),
            // Acting for more than six months (and not yet judged suitable).
            Mutation("17", "verksamhetsansvarig.tillförordnad_sedan", .string("2024-08-31")),
            // An ongoing absence of 43 days, not reported.
            Mutation("17", "verksamhetsansvarig.frånvaro", .array([.object([
                ("från", .string("2025-01-18")), ("till", .null), ("meddelad_till_kommunen", .boolean(false)),
            ])])),
            Mutation("17", "annan_som_utövar_daglig_ledning", .object([
                ("adekvat_högskoleutbildning", .boolean(false)), ("undantag_efter_prövning_av_reell_kompetens", .boolean(false)),
                ("eftergymnasial_utbildning_från_annat_land", .boolean(false)), ("utländsk_utbildning_validerad_av_UHR", .boolean(false)),
                ("behärskar_svenska_i_tal_och_skrift", .boolean(true)),
            ])),
            Mutation("18", "allvarligt_fel_i_yrkesutövningen", .boolean(true)),
            Mutation("22", "accepterar_beslutad_förtur", .boolean(false)),
            Mutation("23", "rutiner.sekretess_och_tystnadsplikt", .boolean(false)),
            Mutation("23", "handlingsplan_för_hot_och_våld", .boolean(false)),
            Mutation("23", "personal.2.undertecknat_förbindelse_om_tystnadsplikt", .boolean(false)),
            // The order came 2025-01-07: the plan one day late, a monthly status report missing,
            // and the final report of an assignment ended 2025-02-10 missing.
            Mutation("23", "uppdrag.0.genomförandeplan_skickad", .string("2025-01-22")),
            Mutation("23", "uppdrag.0.insatstyp", .string("strukturerade_samtalsserier")),
            Mutation("23", "uppdrag.0.avslutat", .string("2025-02-10")),
            Mutation("insats rådgivning_och_förstärkt_stöd", "rådgivning.tillfällen_utan_behovsprövning", .number("6")),
            Mutation("insats rådgivning_och_förstärkt_stöd", "rådgivning.längsta_tillfälle_utan_behovsprövning", .number("3.5")),
            Mutation("insats strukturerade_samtalsserier", "samtalsserier", .null),
            Mutation("insats strukturerad_primärvård", "gruppbehandling.programlängd", .number("83")),
            Mutation("insats strukturerad_primärvård", "gruppbehandling.deltagare_per_grupp_och_behandlare", .number("13")),
            Mutation("insats strukturerad_primärvård", "gruppbehandling.ytterligare_individuellt_stöd_vid_behov", .number("1")),
            Mutation("insats eftervård", "eftervård.längd", .string("8 månader")),
            Mutation("insats eftervård", "eftervård.enskilda_avstämningar", .number("2")),
        ]
    }
}

extension JSON {
    /// The same JSON with the value at `path` (object keys, and list indexes as numbers) replaced.
    func setting(_ path: [String], to value: JSON) -> JSON {
        guard let key = path.first else { return value }
        let rest = Array(path.dropFirst())
        if case .array(var items) = self, let index = Int(key), items.indices.contains(index) {
            items[index] = items[index].setting(rest, to: value)
            return .array(items)
        }
        guard case .object(var pairs) = self, let index = pairs.firstIndex(where: { $0.key == key }) else { return self }
        pairs[index].value = pairs[index].value.setting(rest, to: value)
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
