import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax
@testable import KundvalRuntime
import KundvalTestSupport
import Testing

/// Every requirement is compiled into the assessment plans' truth programs (the hot path) and
/// the value code (with folded constants, cursor-bound quantifiers and fact tables), which
/// explanations observe. They must agree with each other and with the reference code (no
/// folding, no cursors) on every provider, and observing the value code must not change a
/// value. The providers are the shipped examples, mutated at random (seeded): `ja/nej`
/// flipped, optional facts removed, list elements dropped or repeated.
@Suite struct CodePathAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// xorshift64*: small and reproducible.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return Int((state &* 2_685_821_657_736_338_717) >> 33) % bound
        }
    }

    static func mutate(_ json: JSON, _ random: inout Random) -> JSON {
        switch json {
        case .boolean(let flag):
            return random.next(6) == 0 ? .boolean(!flag) : json
        case .object(let pairs):
            return .object(pairs.map { pair in
                // Removing a value makes an optional fact unknown (a required one fails to decode).
                (pair.key, random.next(150) == 0 ? .null : mutate(pair.value, &random))
            })
        case .array(let elements):
            var result = elements.map { mutate($0, &random) }
            if !result.isEmpty, random.next(4) == 0 { result.remove(at: random.next(result.count)) }
            if !result.isEmpty, random.next(4) == 0 { result.append(result[random.next(result.count)]) }
            return .array(result)
        default:
            return json
        }
    }

    /// Each shipped document with each example provider it can decode, as JSON.
    static func shippedExamples() throws -> [(document: CompiledDocument, example: String, base: JSON)] {
        let folder = root.appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        let examples = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("exempel").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var pairs: [(document: CompiledDocument, example: String, base: JSON)] = []
        for document in rules.documents {
            for example in examples {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("exempel/\(example)")))
                let base = try JSONParser.parse(bytes)
                guard case .success = document.decoder.decode(base) else { continue }
                pairs.append((document, example, base))
            }
        }
        return pairs
    }

    /// The programs and the value code, observed or not, decide every shipped example the
    /// same, and every mutation of it.
    @Test func programAndValueCodeAgreeOnMutatedProviders() throws {
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 2026, month: 1, day: 15)]
        var random = Random(state: 20_261_123)
        var compared = 0
        let rounds = RandomRounds.of(60)
        for (document, example, base) in try Self.shippedExamples() {
            let references = Self.referenceCodes(document)
            for round in 0..<rounds {
                let json = round == 0 ? base : Self.mutate(base, &random)
                guard case .success(let facts) = document.decoder.decode(json) else { continue }
                for date in dates {
                    compared += try Self.compare(document, facts, date: date, label: "\(document.name) \(example) #\(round)",
                                                 references: references)
                }
            }
        }
        #expect(compared * 4 > rounds * 1_000, "only \(compared) comparisons")
    }

    /// For every part of every condition, its requirements' and applicability's value code
    /// (with folded constants and cursors) and reference code (see ``Compiler/reference``).
    static func referenceCodes(_ document: CompiledDocument) -> [[(code: Code, reference: Code)]] {
        document.conditions.flatMap { condition in
            condition.parts.filter { !$0.isSwitchedOff }.map { part in
                var codes = zip(part.requirements, part.requirementExpressions).map { requirement, expression in
                    (requirement.code, document.referenceCode(expression, file: part.file))
                }
                if let applicability = part.applicability, let expression = part.applicabilityExpression {
                    codes.append((applicability, document.referenceCode(expression, file: part.file)))
                }
                return codes
            }
        }
    }

    /// Compares the value code of every applicability and requirement with its reference code
    /// and with itself under an observer, and the assessment plans' programs with them; returns
    /// how many.
    static func compare(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String,
                        references: [[(code: Code, reference: Code)]]? = nil) throws -> Int {
        var count = 0
        for (part, codes) in (references ?? referenceCodes(document)).enumerated() {
            for (index, (code, reference)) in codes.enumerated() {
                func run(_ code: Code, observer: (any EvaluationObserver)? = nil) -> Result<Value, EvaluationError> {
                    let context = EvaluationContext(storage: facts.storage, date: date,
                                                    definitionCount: document.definitionCount, observer: observer)
                    return Result { () throws(EvaluationError) in try code(context) }
                }
                let value = run(code)
                #expect(value == run(reference), "\(label): del \(part), kod \(index), \(date): mot referenskoden")
                #expect(value == run(code, observer: StepRecorder()), "\(label): del \(part), kod \(index), \(date): med observatör")
                count += 1
            }
        }
        count += try compareProgram(document, facts, date: date, label: label)
        // The decisions themselves: with and without explanations (which take the slow path).
        for kind in document.assessmentNames {
            let quick = try document.evaluate(facts, assessment: kind, date: date)
            let explained = try document.evaluate(facts, assessment: kind, date: date, explain: true)
            // Reasons made on access (the program decided the status) equal those made during
            // an explained evaluation (the slow path decided everything).
            let (onAccess, eager) = (quick.conditions, explained.conditions)
            #expect(onAccess.map(\.status) == eager.map(\.status), "\(label) \(kind)")
            #expect(onAccess.map(\.reasons) == eager.map(\.reasons), "\(label) \(kind)")
            #expect(onAccess.map(\.missingFacts) == eager.map(\.missingFacts), "\(label) \(kind)")
            #expect(onAccess.map(\.evidenceToRequest) == eager.map(\.evidenceToRequest), "\(label) \(kind)")
            #expect(quick.statuses == quick.conditions.map(\.status), "\(label) \(kind)")
            #expect(explained.statuses == explained.conditions.map(\.status), "\(label) \(kind)")
            #expect(quick.serviceStatuses == quick.services.map(\.status), "\(label) \(kind)")
            #expect(quick.services.map(\.reasons) == explained.services.map(\.reasons), "\(label) \(kind)")
            #expect(quick.outcome == explained.outcome, "\(label) \(kind)")
            // During operation the quick path weighs the parts its program found not met; the
            // explained path the parts its decisions found not met.
            #expect(onAccess.map(\.consequence) == eager.map(\.consequence), "\(label) \(kind)")
            #expect(quick.sanction == explained.sanction, "\(label) \(kind)")
            #expect(quick.deauthorizations == explained.deauthorizations, "\(label) \(kind)")
        }
        return count
    }

    /// Each plan's truth program against the slow path, condition by condition and service by
    /// service: the program's status is the slow path's. Returns how many were compared.
    static func compareProgram(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) throws -> Int {
        var count = 0
        // The computations by their program are the value code's, errors included.
        do {
            let context = { EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount) }
            let amounts = Set(document.sanctions.amounts.values.map(\.name))
            let made = Result { () throws(EvaluationFailure) in try document.computed(context: context()) }
            let reference = Result { () throws(EvaluationFailure) in
                try document.computations.filter { !amounts.contains($0.name) }.map { computation throws(EvaluationFailure) in
                    try CompiledDocument.computation(computation.name, computation.code, computation.type, computation.typeName,
                                                     formatter: document.formatter, context: context())
                }
            }
            switch (made, reference) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(label) beräkningar: programmet \(a), värdekoden \(b)")
            case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "\(label) beräkningar: \(a), \(b)")
            default: Issue.record("\(label) beräkningar: programmet \(made), värdekoden \(reference)")
            }
            count += 1
            // So is the amount of each step that has one (`vid vite: vitesbelopp`).
            for amount in document.sanctions.amounts.values.sorted(by: { $0.name < $1.name }) {
                let made = Result { () throws(EvaluationFailure) in try amount.computation(formatter: document.formatter, context: context()) }
                let reference = Result { () throws(EvaluationFailure) in
                    try CompiledDocument.computation(amount.name, amount.code, amount.type, "belopp", formatter: document.formatter,
                                                     context: context())
                }
                #expect(String(describing: made) == String(describing: reference), "\(label) \(amount.name): \(made), \(reference)")
            }
        }
        // Each sanction table's choice by its program is the value code's (an error there sends
        // the choice to the value code, which reports it).
        for (name, table) in document.sanctionTables.sorted(by: { $0.key < $1.key }) {
            let context = { EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount) }
            let made = SanctionTableChoice(table, named: name, formatter: document.formatter, context: context())
            let reference = SanctionTableChoice(valueCodeOf: table, named: name, formatter: document.formatter, context: context())
            #expect(made.factors == reference.factors && made.missing == reference.missing && made.result == reference.result
                    && made.failure?.name == reference.failure?.name && made.failure?.error == reference.failure?.error,
                    "\(label) tabell \(name): programmet \(made.factors) \(made.result), värdekoden \(reference.factors) \(reference.result)")
            count += 1
        }
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            func context() -> EvaluationContext {
                EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            }
            var results = plan.template.map(\.rawValue)
            var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            plan.program.run(&lazy, results: &results)
            func expect(_ code: UInt8, _ status: ConditionStatus, _ what: String) {
                let statuses: [Status: ConditionStatus] = [.notMet: .notMet, .undecided: .missingEvidence,
                                                          .met: .met, .doesNotApply: .notApplicable]
                #expect(statuses[Status(rawValue: code)] == status, "\(label) \(kind) \(what): programmet säger \(code), långsamma vägen \(status)")
                count += 1
            }
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick {
                // A condition whose code failed is the value code's to decide or to fail.
                if results[index] == Status.failed.rawValue { continue }
                // The program decided it, where no error could decide it, so the slow path cannot
                // fail: a side that decides in spite of an error decides there too (the program
                // meets every error the value code meets, and may meet more).
                let decision: ConditionDecision
                do {
                    decision = try CompiledDocument.decide(entry, index, in: plan, context: context(), explainer: nil)
                } catch {
                    Issue.record("\(label) \(kind) villkor \(entry.condition.numberText): programmet gav \(results[index]), långsamma vägen misslyckades: \(error)")
                    continue
                }
                expect(results[index], decision.status, "villkor \(entry.condition.numberText)")
                // The decision read off the program of the condition's checks (its reasons, the
                // consequence of its failing parts) is the value code's, whatever the status.
                let checked = try plan.decision(index, context: context())
                #expect(checked == decision, "\(label) \(kind) villkor \(entry.condition.numberText): kontrollprogrammet ger \(checked.status) \(checked.reasons) \(String(describing: checked.consequence)), värdekoden \(decision.status) \(decision.reasons) \(String(describing: decision.consequence))")
            }
            for (index, service) in document.services.enumerated() where plan.reviewsServices {
                if results[plan.entries.count + index] == Status.failed.rawValue { continue }
                do {
                    let (status, _) = try service.decide(context())
                    expect(results[plan.entries.count + index], status, "insats \(service.name)")
                    // Its reasons read off the program of its checks are the value code's.
                    let checked = plan.serviceDetail(index, status: status, context: context())
                    let decision = service.detail(status: status, context: context())
                    #expect(checked == decision, "\(label) \(kind) insats \(service.name): kontrollprogrammet ger \(checked), värdekoden \(decision)")
                } catch {
                    Issue.record("\(label) \(kind) insats \(service.name): programmet gav \(results[plan.entries.count + index]), långsamma vägen misslyckades: \(error)")
                }
            }
        }
        return count
    }

    /// Document `R` of a rule text.
    static func document(_ text: String) throws -> CompiledDocument {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        return try #require(rules.document(named: "R"))
    }

    /// Every code path compared on `rounds` fact sets that `facts` writes with a generator seeded
    /// `seed`, on `date`: all of them (``compare(_:_:date:label:references:)``) on every
    /// `fullEvery`-th set, the programs against the slow path (``compareProgram(_:_:date:label:)``)
    /// on the others. Returns how many were compared and the `number status` pairs that the
    /// decisions at application reached.
    static func agreeOnRandomFacts(_ document: CompiledDocument, date: Day, seed: UInt64, rounds: Int, fullEvery: Int = 1,
                                   _ facts: (inout SplitMix64) -> String) throws -> (compared: Int, statuses: Set<String>) {
        var g = SplitMix64(seed: seed)
        var (compared, statuses) = (0, Set<String>())
        for run in 0..<rounds {
            let json = facts(&g)
            let decoded = try document.decoder.decode(json: Array(json.utf8)).get()
            compared += run % fullEvery == 0 ? try compare(document, decoded, date: date, label: json)
                : try compareProgram(document, decoded, date: date, label: json)
            for condition in try document.evaluate(decoded, assessment: "ansökan", date: date).conditions {
                statuses.insert("\(condition.number) \(condition.status.rawValue)")
            }
        }
        return (compared, statuses)
    }

    /// For document `R` of a rule text: the statuses of its conditions at application on
    /// 2025-03-01 for facts given as JSON, after every code path has been compared on them.
    static func comparedStatuses(_ text: String) throws -> (String) throws -> [String] {
        let document = try document(text)
        let date = try Day(year: 2025, month: 3, day: 1)
        return { json in
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try compare(document, facts, date: date, label: "R")
            return try document.evaluate(facts, assessment: "ansökan", date: date).conditions.map(\.status.rawValue)
        }
    }

    /// A date moved by the one number of days without a negation (reached by arithmetic; the
    /// facts decoder refuses it) is out of range: an error with its condition, never a trap.
    @Test func dateMovedByTheSmallestIntegerIsAnError() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              dagar: dagar
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Tidigt"
              kräver bedömningsdatum - (anordnare.dagar - 9223372036854775807 dagar - 1 dagar) <= bedömningsdatum
            """
        let document = try Self.document(text)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"dagar": 0}}"#.utf8)).get()
        #expect(throws: EvaluationFailure.self) {
            try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1))
        }
    }

    /// A list reached through a bound element, a definition with its own quantifier called from
    /// inside one (its frame reuses the cursor's position), scalar lists, counts and sums.
    @Test func cursorsInNestedAndCalledQuantifiers() throws {
        let text = """
            reglemente "R" version "1"
            typ Kurs
              godkänd: ja/nej
              poäng: heltal
            typ Person
              kurser: lista av Kurs
              språk: lista av text
              chef: ja/nej
            typ Anordnare
              personal: lista av Person
              orter: lista av text
              koder: lista av heltal kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition har_godkänd(kurser: lista av Kurs): ja/nej = någon k i kurser: k.godkänd
            definition talar(språk: lista av text, ett: text): ja/nej = någon s i språk: s = ett
            villkor 1 "Nästlad lista"
              kräver alla p i anordnare.personal: alla k i p.kurser: k.godkänd eller k.poäng >= 10
            villkor 2 "Anrop med egen kvantifierare"
              kräver alla p i anordnare.personal: har_godkänd(p.kurser) och talar(p.språk, "svenska")
            villkor 3 "Lista av text"
              kräver någon o i anordnare.orter: o = "Nacka"
            villkor 4 "Okänd lista"
              kräver alla k i anordnare.koder: k > 0
            villkor 5 "Antal och summa"
              kräver alla p i anordnare.personal:
                (antal k i p.kurser där k.poäng >= 5) >= 1 och (summa k i p.kurser: k.poäng) >= 10
            villkor 6 "Ingen chef utan kurser"
              kräver ingen p i anordnare.personal: p.chef och (antal k i p.kurser där k.godkänd) = 0
            """
        let statuses = try Self.comparedStatuses(text)
        let good = """
            {"anordnare": {"orter": ["Stockholm", "Nacka"], "koder": [1, 2],
              "personal": [
                {"chef": true, "språk": ["engelska", "svenska"], "kurser": [{"godkänd": true, "poäng": 7}, {"godkänd": false, "poäng": 12}]},
                {"chef": false, "språk": ["svenska"], "kurser": [{"godkänd": true, "poäng": 10}]}]}}
            """
        #expect(try statuses(good) == ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
        let bad = """
            {"anordnare": {"orter": ["Stockholm"],
              "personal": [
                {"chef": true, "språk": ["engelska"], "kurser": [{"godkänd": false, "poäng": 3}]},
                {"chef": false, "språk": ["svenska"], "kurser": []}]}}
            """
        #expect(try statuses(bad) == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "underlag saknas", "ej uppfyllt", "ej uppfyllt"])
        let empty = """
            {"anordnare": {"orter": [], "koder": [], "personal": []}}
            """
        #expect(try statuses(empty) == ["uppfyllt", "uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
    }

    /// Facts decoded for one document have that document's slots: evaluating another with them
    /// is refused, never read out of bounds.
    @Test func factsOfAnotherDocumentAreRefused() throws {
        let folder = Self.root.appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("exempel/oppenvard-godkand.json")))
        let oppenvard = try #require(rules.document(named: "Öppenvårdsinsatser för personer med skadligt bruk och beroende"))
        let facts = try oppenvard.decoder.decode(json: bytes).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let others = rules.documents.filter { !facts.storage.fits($0.decoder.layout.shape) }
        #expect(!others.isEmpty)
        for other in others {
            #expect(throws: EvaluationFailure.self) { try other.evaluate(facts, assessment: "ansökan", date: date) }
            #expect(throws: EvaluationFailure.factsOfAnotherDocument(other.name)) { try other.value(of: "x", facts: facts, date: date) }
        }
    }

    /// JSON text for a tree, with the spacing chosen by `random` (the shapes facts arrive in).
    static func text(_ json: JSON, _ random: inout Random) -> String {
        let space = [" ", "", "\n  ", "\t"][random.next(4)]
        switch json {
        case .null: return "null"
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let digits): return digits
        case .string(let string): return random.next(4) == 0 ? escaped(string, &random) : JSONText.quoted(string)
        case .array(let items): return "[" + items.map { space + text($0, &random) }.joined(separator: ",") + space + "]"
        case .object(let pairs):
            return "{" + pairs.map { pair in
                space + (random.next(4) == 0 ? escaped(pair.key, &random) : JSONText.quoted(pair.key)) + space + ":"
                    + text(pair.value, &random)
            }.joined(separator: ",") + space + "}"
        }
    }

    /// `string` quoted as serializers that write ASCII only do (`"n\u00e4ringsf\u00f6rbud"`,
    /// a surrogate pair past U+FFFF), with some ASCII escaped too (`\/`, `\u0061`, `\n`).
    static func escaped(_ string: String, _ random: inout Random) -> String {
        func unit(_ value: UInt32) -> String {
            let hex = String(value, radix: 16, uppercase: random.next(2) == 0)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0x2F: text += random.next(2) == 0 ? "\\/" : "/"
            case 0x0A: text += "\\n"
            case 0x00..<0x20: text += unit(scalar.value)
            case 0x20..<0x80: text += random.next(8) == 0 ? unit(scalar.value) : String(scalar)
            case 0x10000...:
                let value = scalar.value - 0x10000
                text += unit(0xD800 + value >> 10) + unit(0xDC00 + value & 0x3FF)
            default: text += unit(scalar.value)
            }
        }
        return text + "\""
    }

    /// Facts from serializers that escape everything but ASCII (Python's `json.dumps`, .NET's
    /// `System.Text.Json` by default) are read straight from the bytes, not by the full path
    /// (which took 2.4 times as long in `kundval batch`), with the same values; a lone or
    /// unpaired surrogate and an unknown escape are left to the full path, which refuses them.
    @Test func escapedTextsAreDecodedDirectly() throws {
        var random = Random(state: 77)
        var examples = 0
        for (document, example, base) in try Self.shippedExamples() {
            guard case .success(let facts) = document.decoder.decode(base) else { continue }
            examples += 1
            let variant = Array(Self.textEscapingEverything(base, &random).utf8)
            #expect(variant.contains(UInt8(ascii: "\\")))
            let roots = document.decoder.decodeDirectly(variant)
            #expect(roots == facts.values, "\(document.name) \(example)")
        }
        #expect(examples >= 3)
        // The provider's name (a text) spelled in each way, in otherwise valid facts.
        let (document, _, base) = try #require(try Self.shippedExamples().first { $0.example == "oppenvard-godkand.json" })
        guard case .object(var roots) = base, case .object(var fields) = roots[0].value,
              let name = fields.firstIndex(where: { $0.key == "namn" }) else { throw CancellationError() }
        fields[name].value = .string("§§")
        roots[0].value = .object(fields)
        // The hexadecimal digits' case is chosen at random: spell the placeholder one way.
        var text = Self.textEscapingEverything(.object(roots), &random)
        for upper in [#"\u00A7"#, #"\u00a7"#] { text = text.replacingOccurrences(of: upper, with: "§") }
        func decoded(_ spelling: String) -> [Value]? {
            document.decoder.decodeDirectly(Array(text.replacingOccurrences(of: #""§§""#, with: spelling).utf8))
        }
        func parsed(_ spelling: String) throws -> [Value] {
            let bytes = Array(text.replacingOccurrences(of: #""§§""#, with: spelling).utf8)
            return try document.decoder.decode(try JSONParser.parse(bytes)).get().values
        }
        #expect(text.contains(#""§§""#))
        for valid in [#""\u00c5sa \ud83d\ude00 \"\\\/\b\f\n\r\t\u0000""#, #""\u00C5sa""#, #""plain""#] {
            let roots = decoded(valid)
            #expect(roots != nil, "\(valid)")
            #expect(try roots == parsed(valid), "\(valid)")
        }
        for broken in [#""\ud83d""#, #""\ud83d\u0041""#, #""\ude00""#, #""\ud83d \ude00""#, #""\q""#, #""\u12""#, "\"a\u{01}\""] {
            #expect(decoded(broken) == nil, "\(broken)")
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(broken.utf8)) }
        }
    }

    /// JSON text for a tree with every string and key escaped (see ``escaped(_:_:)``).
    static func textEscapingEverything(_ json: JSON, _ random: inout Random) -> String {
        switch json {
        case .null: "null"
        case .boolean(let flag): flag ? "true" : "false"
        case .number(let digits): digits
        case .string(let string): escaped(string, &random)
        case .array(let items): "[" + items.map { textEscapingEverything($0, &random) }.joined(separator: ",") + "]"
        case .object(let pairs):
            "{" + pairs.map { escaped($0.key, &random) + ":" + textEscapingEverything($0.value, &random) }.joined(separator: ",") + "}"
        }
    }

    /// Facts read straight from the bytes equal those of the full path (parse, then decode),
    /// on valid texts in any spacing and on texts broken byte by byte; the direct path gives up
    /// rather than guess.
    @Test func directDecodingAgreesWithTheFullPath() throws {
        var random = Random(state: 424_242)
        var direct = 0
        var compared = 0
        let rounds = RandomRounds.of(120)
        for (document, example, base) in try Self.shippedExamples() {
            for round in 0..<rounds {
                var tree = round == 0 ? base : Self.mutate(base, &random)
                if round % 5 == 4, case .object(var roots) = tree, let first = roots.first, case .object(let pairs) = first.value,
                   !pairs.isEmpty {
                    // A key twice in one object: the full path refuses it, so must the direct one.
                    roots[0].value = .object(pairs + [pairs[random.next(pairs.count)]])
                    tree = .object(roots)
                }
                var variant = Array(Self.text(tree, &random).utf8)
                if round % 3 == 2, !variant.isEmpty {
                    // Break it: drop, double or change one byte.
                    let at = random.next(variant.count)
                    switch random.next(3) {
                    case 0: variant.remove(at: at)
                    case 1: variant.insert(variant[at], at: at)
                    default: variant[at] = [UInt8(ascii: "\\"), UInt8(ascii: "\""), 0xC3, 0x00, UInt8(ascii: "}")][random.next(5)]
                    }
                }
                let full: Result<Facts, FactsProblem>
                do { full = document.decoder.decode(try JSONParser.parse(variant)) } catch { full = .failure(.malformed(error)) }
                compared += 1
                guard let roots = document.decoder.decodeDirectly(variant) else { continue }
                direct += 1
                guard case .success(let facts) = full else {
                    Issue.record("\(document.name) \(example) #\(round): direct decoding accepted what the full path rejects")
                    continue
                }
                #expect(roots == facts.values, "\(document.name) \(example) #\(round)")
            }
        }
        #expect(compared >= 5 * rounds && direct * 6 >= rounds * 5, "\(direct) of \(compared) decoded directly")
    }
}
