import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax
@testable import KundvalRuntime
import Testing

/// Every requirement is compiled three ways: the fast value code (with cursor-bound
/// quantifiers and fact tables), the truth code of the hot loop, and the tracing code behind
/// explanations (the plain path: locals bound as values, lists walked as values). They must
/// agree on every provider. The providers are the shipped examples, mutated at random
/// (seeded): `ja/nej` flipped, optional facts removed, list elements dropped or repeated.
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

    static func truth(_ value: Value) -> UInt8 {
        if case .boolean(let flag) = value { return flag ? 1 : 0 }
        return 2
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

    @Test func fastTruthAndTracedCodeAgreeOnMutatedProviders() throws {
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 2026, month: 1, day: 15)]
        var random = Random(state: 20_261_123)
        var compared = 0
        for (document, example, base) in try Self.shippedExamples() {
            for round in 0..<60 {
                let json = round == 0 ? base : Self.mutate(base, &random)
                guard case .success(let facts) = document.decoder.decode(json) else { continue }
                for date in dates {
                    compared += try Self.compare(document, facts, date: date, label: "\(document.name) \(example) #\(round)")
                }
            }
        }
        #expect(compared > 15_000, "only \(compared) comparisons")
    }

    /// Compares the three codes of every applicability and requirement; returns how many.
    static func compare(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) throws -> Int {
        var count = 0
        for condition in document.conditions {
            for part in condition.parts where !part.isSwitchedOff {
                var codes = part.requirements.enumerated().map { index, requirement in
                    (requirement.fast, requirement.traced, Optional(part.requirementTruths[index].run))
                }
                if let applicability = part.applicability {
                    codes.append((applicability.fast, applicability.traced, part.applicabilityTruth?.run))
                }
                for (index, (fast, traced, truth)) in codes.enumerated() {
                    let plain = EvaluationContext(storage: facts.storage, date: date,
                                                  definitionCount: document.definitionCount, tracing: false)
                    let tracing = EvaluationContext(storage: facts.storage, date: date,
                                                    definitionCount: document.definitionCount, tracing: true)
                    let fastValue = Result { () throws(EvaluationError) in try fast(plain) }
                    let tracedValue = Result { () throws(EvaluationError) in try traced(tracing) }
                    #expect(fastValue == tracedValue, "\(label): villkor \(condition.numberText), kod \(index), \(date)")
                    if let truth {
                        let truthValue = Result { () throws(EvaluationError) in try truth(plain) }
                        #expect(truthValue == fastValue.map(Self.truth), "\(label): villkor \(condition.numberText), kod \(index) (sanning)")
                    }
                    count += 1
                }
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
        }
        return count
    }

    /// Each plan's truth program against the slow path, condition by condition and service by
    /// service: the program's status is the slow path's. Returns how many were compared.
    static func compareProgram(_ document: CompiledDocument, _ facts: Facts, date: Day, label: String) throws -> Int {
        var count = 0
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            func context() -> EvaluationContext {
                EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount, tracing: false)
            }
            var results = plan.template + [UInt8](repeating: 0, count: max(0, plan.program.registerCount - plan.template.count))
            let ran = Result { () throws(EvaluationError) in
                try results.withUnsafeMutableBufferPointer { buffer throws(EvaluationError) in
                    var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
                    try plan.program.run(&lazy, buffer.baseAddress!)
                }
            }
            // An error in the program sends the whole evaluation to the slow path.
            guard case .success = ran else { continue }
            func expect(_ code: UInt8, _ status: ConditionStatus, _ what: String) {
                let statuses: [UInt8: ConditionStatus] = [AssessmentPlan.notMet: .notMet, AssessmentPlan.undecided: .missingEvidence,
                                                          AssessmentPlan.met: .met, AssessmentPlan.doesNotApply: .notApplicable]
                #expect(statuses[code] == status, "\(label) \(kind) \(what): programmet säger \(code), långsamma vägen \(status)")
                count += 1
            }
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick {
                guard let decision = try? document.decide(entry.condition, phase: plan.phase, reviewed: plan.reviewed,
                                                          reasons: plan.reasons, context: context(), explain: false)
                else { continue }
                expect(results[index], decision.status, "villkor \(entry.condition.numberText)")
            }
            for (index, service) in document.services.enumerated() {
                guard let (status, _) = try? service.decide(context()) else { continue }
                expect(results[plan.entries.count + index], status, "insats \(service.name)")
            }
        }
        return count
    }

    /// Document `R` of a rule text.
    static func document(_ text: String) throws -> CompiledDocument {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        return try #require(rules.document(named: "R"))
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

    /// Comparisons of dates and numbers in a truth program's value registers: fields of list
    /// elements, date arithmetic by days and months, date differences, money times a
    /// percentage, a definition's value, enumeration cases, presence, an unknown list, and a
    /// `gäller när` that cannot be decided.
    @Test func valueRegistersInTruthPrograms() throws {
        let text = """
            reglemente "R" version "1"
            typ Slag: en av enkel, dubbel
            typ Uppdrag
              mottagen: datum
              plan: datum kan saknas
              slag: Slag
            typ Anordnare
              startad: datum kan saknas
              uppdrag: lista av Uppdrag
              stängt: lista av datum kan saknas
              slag: Slag
              belopp: belopp
              andel: procent
              frånvaro: dagar kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition gräns: datum = bedömningsdatum - 3 år
            villkor 1 "Planer inom två veckor"
              kräver alla u i anordnare.uppdrag:
                (u.plan finns och u.plan <= u.mottagen + 2 veckor)
                  eller (u.plan saknas och bedömningsdatum <= u.mottagen + 14 dagar)
            villkor 2 "Startad inom sex månader"
              kräver anordnare.startad saknas eller bedömningsdatum <= anordnare.startad + 6 månader
            villkor 3 "Andel av beloppet"
              kräver anordnare.belopp * anordnare.andel >= 100 kr
            villkor 4 "Slag"
              gäller när anordnare.slag är dubbel
              kräver någon u i anordnare.uppdrag: u.slag är dubbel och u.mottagen >= gräns
            villkor 5 "Frånvaro"
              kräver om anordnare.frånvaro finns så anordnare.frånvaro <= 6 veckor annars ja
            villkor 6 "Stängda dagar"
              kräver ingen d i anordnare.stängt: d = bedömningsdatum
            villkor 7 "Startad före årsskiftet"
              gäller när anordnare.startad <= 2024-12-31
              kräver anordnare.belopp >= 1000 kr
            """
        let statuses = try Self.comparedStatuses(text)
        let good = """
            {"anordnare": {"startad": "2024-10-01", "slag": "dubbel", "belopp": 1000, "andel": 10, "frånvaro": 42,
              "stängt": ["2025-02-28"],
              "uppdrag": [{"mottagen": "2025-02-01", "plan": "2025-02-15", "slag": "enkel"},
                          {"mottagen": "2025-02-20", "slag": "dubbel"}]}}
            """
        #expect(try statuses(good) == ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
        let bad = """
            {"anordnare": {"startad": "2024-08-31", "slag": "dubbel", "belopp": 999, "andel": 10, "frånvaro": 43,
              "stängt": ["2025-03-01"],
              "uppdrag": [{"mottagen": "2025-02-01", "plan": "2025-02-16", "slag": "enkel"},
                          {"mottagen": "2021-02-20", "slag": "dubbel"}]}}
            """
        #expect(try statuses(bad) == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                                      "ej uppfyllt"])
        let unknown = """
            {"anordnare": {"slag": "enkel", "belopp": 1000, "andel": 10, "uppdrag": []}}
            """
        #expect(try statuses(unknown) == ["uppfyllt", "uppfyllt", "uppfyllt", "ej tillämpligt", "uppfyllt", "underlag saknas",
                                          "underlag saknas"])
    }

    /// `och` and `eller` of two registers (one instruction each, `both` and `either`), with
    /// either side negated, for every pair of `ja`, `nej` and unknown: Kleene's tables.
    @Test func connectivesOfTwoRegistersWithNegations() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              a: heltal kan saknas
              b: heltal kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Inte a eller b"
              kräver inte (anordnare.a > 0) eller anordnare.b > 0
            villkor 2 "A eller inte b"
              kräver anordnare.a > 0 eller inte (anordnare.b > 0)
            villkor 3 "Inte a och inte b"
              kräver inte (anordnare.a > 0) och inte (anordnare.b > 0)
            villkor 4 "A och inte b"
              kräver anordnare.a > 0 och inte (anordnare.b > 0)
            villkor 5 "A och b"
              kräver anordnare.a > 0 och anordnare.b > 0
            """
        let statuses = try Self.comparedStatuses(text)
        // Truths as 0 `nej`, 1 unknown, 2 `ja`: `och` is the minimum, `eller` the maximum.
        let facts: [(json: String, truth: Int)] = [("1", 2), ("-1", 0), ("null", 1)]
        let names = ["ej uppfyllt", "underlag saknas", "uppfyllt"]
        for a in facts {
            for b in facts {
                let json = #"{"anordnare": {"a": \#(a.json), "b": \#(b.json)}}"#
                let expected = [max(2 - a.truth, b.truth), max(a.truth, 2 - b.truth), min(2 - a.truth, 2 - b.truth),
                                min(a.truth, 2 - b.truth), min(a.truth, b.truth)].map { names[$0] }
                #expect(try statuses(json) == expected, "a = \(a.json), b = \(b.json)")
            }
        }
    }

    /// `och` and `eller` of `ja/nej` facts (decided a 64-bit word at a time), with either
    /// side negated, for every pair of `ja`, `nej` and unknown: Kleene's tables.
    @Test func connectivesOfFactLiteralsWithNegations() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              a: ja/nej kan saknas
              b: ja/nej kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Inte a eller b"
              kräver inte anordnare.a eller anordnare.b
            villkor 2 "A eller inte b"
              kräver anordnare.a eller inte anordnare.b
            villkor 3 "Inte a och inte b"
              kräver inte anordnare.a och inte anordnare.b
            villkor 4 "A och inte b"
              kräver anordnare.a och inte anordnare.b
            villkor 5 "A och b"
              kräver anordnare.a och anordnare.b
            villkor 6 "A eller b"
              kräver anordnare.a eller anordnare.b
            """
        let statuses = try Self.comparedStatuses(text)
        // Truths as 0 `nej`, 1 unknown, 2 `ja`: `och` is the minimum, `eller` the maximum.
        let facts: [(json: String, truth: Int)] = [("true", 2), ("false", 0), ("null", 1)]
        let names = ["ej uppfyllt", "underlag saknas", "uppfyllt"]
        for a in facts {
            for b in facts {
                let json = #"{"anordnare": {"a": \#(a.json), "b": \#(b.json)}}"#
                let expected = [max(2 - a.truth, b.truth), max(a.truth, 2 - b.truth), min(2 - a.truth, 2 - b.truth),
                                min(a.truth, 2 - b.truth), min(a.truth, b.truth), max(a.truth, b.truth)].map { names[$0] }
                #expect(try statuses(json) == expected, "a = \(a.json), b = \(b.json)")
            }
        }
    }

    /// `x finns och <comparison>` and `x saknas och <comparison>`: one instruction with a
    /// presence guard, on fact slots and on elements' fields, at the top of a requirement and
    /// inside `eller`; `nej` without computing the comparison when the guard fails, as `och`
    /// stops at a `nej` on its left.
    @Test func presenceGuardedComparisons() throws {
        let text = """
            reglemente "R" version "1"
            typ Uppdrag
              mottagen: datum
              plan: datum kan saknas
            typ Anordnare
              start: datum kan saknas
              slut: datum
              n: heltal kan saknas
              m: heltal
              uppdrag: lista av Uppdrag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Start före slut"
              kräver anordnare.start finns och anordnare.start <= anordnare.slut
            villkor 2 "Utan start"
              kräver anordnare.start saknas och anordnare.slut + 1 dagar > bedömningsdatum
            villkor 3 "Stort tal"
              kräver anordnare.n saknas och anordnare.m * 1000000000000 > 0
            villkor 4 "Planer"
              kräver alla u i anordnare.uppdrag:
                (u.plan finns och u.plan <= u.mottagen + 2 veckor) eller (u.plan saknas och bedömningsdatum <= u.mottagen + 2 veckor)
            villkor 5 "Okänd jämförelse"
              kräver anordnare.n finns och anordnare.n < anordnare.m
            """
        let statuses = try Self.comparedStatuses(text)
        let planned = #""uppdrag": [{"mottagen": "2025-02-20", "plan": "2025-03-01"}, {"mottagen": "2025-02-20"}]"#
        #expect(try statuses(#"{"anordnare": {"start": "2025-01-01", "slut": "2025-06-01", "m": 1, \#(planned)}}"#)
            == ["uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(#"{"anordnare": {"slut": "2025-03-01", "n": 5, "m": 10000000000, "uppdrag": []}}"#)
            == ["ej uppfyllt", "uppfyllt", "ej uppfyllt", "uppfyllt", "uppfyllt"])
        let late = #""uppdrag": [{"mottagen": "2025-01-01", "plan": "2025-01-16"}]"#
        #expect(try statuses(#"{"anordnare": {"start": "2025-07-01", "slut": "2025-06-01", "n": 20, "m": 3, \#(late)}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt"])
        let missing = #""uppdrag": [{"mottagen": "2025-01-01"}]"#
        #expect(try statuses(#"{"anordnare": {"slut": "2025-02-27", "m": 3, \#(missing)}}"#)
            == ["ej uppfyllt", "ej uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt"])
    }

    /// Dates, enumeration cases and numbers read from their 8-byte keys (see `FactKey`), in
    /// slots and in elements' fields, compared with each other, with constants and by presence,
    /// including unknown ones, numbers that are not integers (read from their values) and a
    /// text field next to them (read from its value).
    @Test func datesCasesAndNumbersReadFromKeys() throws {
        let text = """
            reglemente "R" version "1"
            typ Slag: en av enkel, dubbel, trippel
            typ Uppdrag
              slag: Slag kan saknas
              start: datum kan saknas
              namn: text
              belopp: belopp kan saknas
            typ Anordnare
              slag: Slag kan saknas
              start: datum kan saknas
              personal: heltal kan saknas
              uppdrag: lista av Uppdrag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Samma slag"
              kräver alla u i anordnare.uppdrag: u.slag = anordnare.slag
            villkor 2 "Senare start"
              kräver alla u i anordnare.uppdrag: u.start >= anordnare.start
            villkor 3 "Något dubbelt"
              kräver någon u i anordnare.uppdrag: u.slag är dubbel eller u.namn = "X"
            villkor 4 "Kända"
              kräver alla u i anordnare.uppdrag: u.slag finns och u.start finns
            villkor 5 "Inte trippel"
              kräver anordnare.slag är inte trippel
            villkor 6 "Slag efter start"
              kräver alla u i anordnare.uppdrag: u.slag = (om anordnare.start finns så dubbel annars enkel)
            villkor 7 "Belopp"
              kräver alla u i anordnare.uppdrag: u.belopp >= 100,50 kr
            villkor 8 "Antal"
              kräver anordnare.personal >= 2 och anordnare.personal * 10 < 1000
            """
        let statuses = try Self.comparedStatuses(text)
        #expect(try statuses(#"""
            {"anordnare": {"slag": "dubbel", "start": "2025-01-01", "uppdrag": [
              {"slag": "dubbel", "start": "2025-01-01", "namn": "A", "belopp": 100.5},
              {"slag": "dubbel", "start": "2025-02-01", "namn": "B", "belopp": 2000}], "personal": 2}}
            """#) == ["uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt", "uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"slag": "trippel", "start": "2025-03-01", "uppdrag": [
              {"slag": "enkel", "start": "2025-01-01", "namn": "A", "belopp": 100.49},
              {"slag": "trippel", "start": "2025-04-01", "namn": "B", "belopp": 100}], "personal": 100}}
            """#) == ["ej uppfyllt", "ej uppfyllt", "ej uppfyllt", "uppfyllt", "ej uppfyllt", "ej uppfyllt", "ej uppfyllt",
                      "ej uppfyllt"])
        #expect(try statuses(#"""
            {"anordnare": {"uppdrag": [{"namn": "X"}, {"slag": "enkel", "namn": "B"}]}}
            """#) == ["underlag saknas", "underlag saknas", "uppfyllt", "ej uppfyllt", "underlag saknas", "underlag saknas",
                      "underlag saknas", "underlag saknas"])
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
        let others = rules.documents.filter { !facts.storage.fits($0.decoder.layout, rootCount: $0.rootCount) }
        #expect(!others.isEmpty)
        for other in others {
            #expect(throws: EvaluationFailure.self) { try other.evaluate(facts, assessment: "ansökan", date: date) }
            #expect(throws: EvaluationError.factsOfAnotherDocument) { try other.value(of: "x", facts: facts, date: date) }
        }
    }

    /// JSON text for a tree, with the spacing chosen by `random` (the shapes facts arrive in).
    static func text(_ json: JSON, _ random: inout Random) -> String {
        let space = [" ", "", "\n  ", "\t"][random.next(4)]
        switch json {
        case .null: return "null"
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let digits): return digits
        case .string(let string): return JSONText.quoted(string)
        case .array(let items): return "[" + items.map { space + text($0, &random) }.joined(separator: ",") + space + "]"
        case .object(let pairs):
            return "{" + pairs.map { space + JSONText.quoted($0.key) + space + ":" + text($0.value, &random) }
                .joined(separator: ",") + space + "}"
        }
    }

    /// Facts read straight from the bytes equal those of the full path (parse, then decode),
    /// on valid texts in any spacing and on texts broken byte by byte; the direct path gives up
    /// rather than guess.
    @Test func directDecodingAgreesWithTheFullPath() throws {
        var random = Random(state: 424_242)
        var direct = 0
        var compared = 0
        for (document, example, base) in try Self.shippedExamples() {
            for round in 0..<80 {
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
        #expect(compared >= 400 && direct >= 100, "\(direct) of \(compared) decoded directly")
    }
}
