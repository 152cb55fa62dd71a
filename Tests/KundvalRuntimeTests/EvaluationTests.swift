import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// Evaluation through the whole pipeline: rules text → checked → compiled → evaluated.
@Suite struct EvaluationTests {
    static let rules = """
        reglemente "R" version "1"
        typ Dokument
          utfärdat: datum
        typ Nivå: en av låg, mellan, hög i stigande ordning
        typ Person
          svenska: ja/nej kan saknas
        typ Anordnare
          a: ja/nej kan saknas
          b: ja/nej kan saknas
          belopp: belopp
          andel: procent
          start: datum
          anställda: heltal
          kvot: decimaltal
          nivå: Nivå
          personal: lista av Person
          intyg: Dokument kan saknas
          stort: heltal
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        villkor 1 "Tre värden"
          kräver anordnare.a och anordnare.b
        villkor 2 "Intyg"
          kräver anordnare.intyg finns
          underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
          vid brist: ej godkänd auktorisation
        villkor 3 "Personal"
          kräver alla p i anordnare.personal: p.svenska
          vid brist: sanktion
        definition och_ = anordnare.a och anordnare.b
        definition eller_ = anordnare.a eller anordnare.b
        definition inte_a = inte anordnare.a
        definition vite = anordnare.belopp * anordnare.andel * påbörjade_veckor(10 dagar)
        definition per_dag = anordnare.belopp / 30 * 7
        definition avrundat = avrunda_till_öre(anordnare.belopp / 3)
        definition om_tre_månader = anordnare.start + 3 månader
        definition dagar_sedan = bedömningsdatum - anordnare.start
        definition veckor_sedan = påbörjade_veckor(bedömningsdatum - anordnare.start)
        definition veckor_till = påbörjade_veckor(anordnare.start - bedömningsdatum)
        definition sista_dag = nästa_arbetsdag(anordnare.start + 14 dagar)
        definition hög_nivå = anordnare.nivå >= mellan
        definition kvotsumma = anordnare.anställda + anordnare.kvot
        definition för_stort = anordnare.stort * anordnare.stort
        """

    static func document() throws -> CompiledDocument {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: rules)]).get()
        return try #require(rules.document(named: "R"))
    }

    static let base: [String: String] = [
        "belopp": "10000", "andel": "5", "start": "\"2025-01-31\"", "anställda": "2", "kvot": "0.5", "nivå": "\"hög\"",
        "personal": "[]", "stort": "4000000000",
    ]

    /// Facts from the base values with some changed (`nil` removes a field).
    static func facts(_ document: CompiledDocument, _ changes: [String: String?] = [:]) throws -> Facts {
        var fields = base
        for (key, value) in changes { fields[key] = value }
        let body = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        return try document.decoder.decode(json: Array("{\"anordnare\": {\(body)}}".utf8)).get()
    }

    static let date = try! Day(year: 2025, month: 3, day: 1)

    func value(_ name: String, _ changes: [String: String?] = [:]) throws -> String {
        let document = try Self.document()
        return try document.value(of: name, facts: Self.facts(document, changes), date: Self.date)?.text ?? "?"
    }

    @Test(arguments: [
        // Kleene: falskt och okänt är falskt, sant eller okänt är sant.
        ("false", nil, "nej", "okänt", "ja"), (nil, "false", "nej", "okänt", "okänt"),
        ("true", nil, "okänt", "ja", "nej"), (nil, "true", "okänt", "ja", "okänt"),
        (nil, nil, "okänt", "okänt", "okänt"), ("true", "true", "ja", "ja", "nej"),
        ("true", "false", "nej", "ja", "nej"), ("false", "false", "nej", "nej", "ja"),
    ] as [(String?, String?, String, String, String)])
    func threeValuedLogic(_ a: String?, _ b: String?, _ and: String, _ or: String, _ notA: String) throws {
        let changes: [String: String?] = ["a": a, "b": b]
        #expect(try value("och_", changes) == and)
        #expect(try value("eller_", changes) == or)
        #expect(try value("inte_a", changes) == notA)
    }

    @Test func unitsAndDates() throws {
        #expect(try value("vite") == "1000 kr")              // 10 000 kr × 5 % × 2 påbörjade veckor
        #expect(try value("per_dag") == "≈2333,333333333 kr") // exact until rounded
        #expect(try value("avrundat") == "3333,33 kr")
        #expect(try value("om_tre_månader") == "2025-04-30")  // 31 januari + 3 månader
        #expect(try value("dagar_sedan") == "29 dagar")
        #expect(try value("sista_dag") == "2025-02-14")
        #expect(try value("sista_dag", ["start": "\"2025-06-06\""]) == "2025-06-23")  // 20 juni är midsommarafton
        #expect(try value("hög_nivå") == "ja")
        #expect(try value("hög_nivå", ["nivå": "\"låg\""]) == "nej")
        #expect(try value("kvotsumma") == "2,5")
    }

    @Test func overflowIsAReportedErrorNotATrap() throws {
        let document = try Self.document()
        #expect(throws: EvaluationFailure.definition(.overflow, name: "för_stort")) {
            _ = try document.value(of: "för_stort", facts: Self.facts(document, ["stort": "4000000000000"]), date: Self.date)
        }
    }

    /// Started weeks of a negative number of days (a fine's days of shortfall written wrong)
    /// are an error, not a negative number of weeks and so a negative fine.
    @Test func startedWeeksOfNegativeDaysAreAnError() throws {
        #expect(try value("veckor_sedan") == "5")   // 29 dagar
        let document = try Self.document()
        #expect(throws: EvaluationFailure.definition(.negativeDays, name: "veckor_till")) {
            _ = try document.value(of: "veckor_till", facts: Self.facts(document), date: Self.date)
        }
    }

    /// A presence test decides with the fact it reads as unknown: a condition left undecided by
    /// another fact misses only that one (`intyg saknas` is true, nothing to ask for it).
    @Test func aFactAPresenceTestReadsIsNotMissing() throws {
        let condition4 = "villkor 4 \"Utan intyg\"\n  kräver anordnare.a och anordnare.intyg saknas\n"
            + "villkor 5 \"Intyget avgör\"\n  kräver om anordnare.intyg finns så anordnare.b annars okänt\n"
        let text = Self.rules.replacingOccurrences(of: "definition och_", with: condition4 + "definition och_")
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        let document = try #require(rules.document(named: "R"))
        let facts = try Self.facts(document, ["a": nil, "b": "true", "intyg": nil])
        let decision = try document.evaluate(facts, assessment: "ansökan", date: Self.date, explain: true)
        let condition = try #require(decision.conditions.first { $0.number == "4" })
        #expect(condition.status == .missingEvidence)
        #expect(condition.missingFacts == ["anordnare.a"])
        // Where nothing else is missing, the fact a presence test reads is what leaves the
        // condition undecided (`om … finns så … annars okänt`): it is named.
        let decided = try #require(decision.conditions.first { $0.number == "5" })
        #expect(decided.status == .missingEvidence)
        #expect(decided.missingFacts == ["anordnare.intyg"])
    }

    /// An assessment is named by its kind as a decision gives it back, not only by its name.
    @Test func anAssessmentIsNamedByItsKind() throws {
        let document = try Self.document()
        #expect(document.assessmentKinds.map(\.name) == document.assessmentNames)
        let facts = try Self.facts(document, ["a": "true", "b": "true"])
        let byName = try document.evaluate(facts, assessment: "uppföljning", date: Self.date)
        let byKind = try document.evaluate(facts, assessment: byName.assessment, date: Self.date)
        #expect(byKind == byName)
        #expect(byKind.assessment.phase == .operation)
    }

    @Test func conditionStatusesAndOutcome() throws {
        let document = try Self.document()
        func decide(_ changes: [String: String?], _ assessment: String = "ansökan") throws -> Decision {
            try document.evaluate(Self.facts(document, changes), assessment: assessment, date: Self.date, explain: true)
        }
        let approved = try decide(["a": "true", "b": "true", "intyg": "{\"utfärdat\": \"2025-01-10\"}"])
        #expect(approved.outcome == .approved)
        #expect(approved.conditions.map(\.status) == [.met, .met, .notApplicable])

        // Unknown is never silently false: `b` unknown but `a` false decides condition 1.
        let decided = try decide(["a": "false", "b": nil, "intyg": "{\"utfärdat\": \"2025-01-10\"}"])
        #expect(decided.conditions[0].status == .notMet)
        #expect(decided.outcome == .notApproved)

        let incomplete = try decide(["a": "true", "b": nil, "intyg": "{\"utfärdat\": \"2025-01-10\"}"])
        #expect(incomplete.outcome == .incomplete)
        #expect(incomplete.conditions[0].status == .missingEvidence)
        #expect(incomplete.conditions[0].missingFacts == ["anordnare.b"])

        // The document is older than three months on the assessment date: a newer one is asked for.
        let old = try decide(["a": "true", "b": "true", "intyg": "{\"utfärdat\": \"2024-11-30\"}"])
        #expect(old.conditions[1].status == .missingEvidence)
        #expect(old.outcome == .incomplete)
        #expect(old.conditions[1].reasons.contains { $0.contains("mer än 3 månader") })
        #expect(old.conditions[1].explanation?.lines.isEmpty == false)

        // Follow-up: condition 2 is checked at application only; condition 3 at follow-up.
        let followUp = try decide(["a": "true", "b": "true", "personal": "[{\"svenska\": true}, {\"svenska\": null}]"],
                                  "uppföljning")
        #expect(followUp.conditions.map(\.status) == [.met, .notApplicable, .missingEvidence])
        let json = followUp.json()
        #expect(json.contains("\"utfall\": \"komplettering krävs\""))
        #expect(json.contains("\"status\": \"underlag saknas\""))
    }

    @Test func invalidFactsAreAllReportedWithTheirPaths() throws {
        let document = try Self.document()
        let json = """
            {"anordnare": {"belopp": 10.005, "andel": "fem", "start": "2025-02-30", "anställda": 1.5, "kvot": 1,
             "nivå": "högst", "personal": [{"svenska": "ja"}], "stort": 1, "okänd": 1}}
            """
        guard case .failure(.invalid(let errors)) = document.decoder.decode(json: Array(json.utf8)) else {
            Issue.record("facts should be invalid")
            return
        }
        let paths = Set(errors.map(\.path))
        #expect(paths == ["anordnare.belopp", "anordnare.andel", "anordnare.start", "anordnare.anställda", "anordnare.nivå",
                          "anordnare.personal[0].svenska", "anordnare.okänd"])
        #expect(errors.first { $0.path == "anordnare.nivå" }?.message.contains("menade du `hög`?") == true)
        // What is wrong is a value a program reads, not only words.
        let kinds = Dictionary(errors.map { ($0.path, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds["anordnare.belopp"] == .invalidValue && kinds["anordnare.start"] == .invalidValue)
        #expect(kinds["anordnare.andel"] == .wrongType && kinds["anordnare.personal[0].svenska"] == .wrongType)
        #expect(kinds["anordnare.okänd"] == .unknownField)
        guard case .failure(let nulls) = document.decoder.decode(json: Array(#"{"anordnare": {"belopp": null}}"#.utf8)),
              case .invalid(let nullErrors) = nulls else { Issue.record("null facts"); return }
        #expect(nullErrors.first { $0.path == "anordnare.belopp" }?.kind == .nullNotAllowed)
        #expect(nullErrors.first { $0.path == "anordnare.start" }?.kind == .missing)
        #expect(nulls.description == nulls.lines.joined(separator: "\n"))
        guard case .failure(.malformed(let error)) = document.decoder.decode(json: Array("{\"anordnare\": [1,}".utf8)) else {
            Issue.record("malformed JSON should be reported")
            return
        }
        #expect(error.line == 1 && error.column == 18)
        let missing = document.decoder.decode(json: Array("{\"anordnare\": {}}".utf8))
        guard case .failure(.invalid(let missingErrors)) = missing else { Issue.record("missing facts"); return }
        #expect(missingErrors.map(\.path).contains("anordnare.belopp"))
        #expect(!missingErrors.map(\.path).contains("anordnare.a"))  // may be unknown
    }

    /// JSON text is UTF-8 (RFC 8259): a string that is not is malformed JSON, at its byte, by
    /// both of the decoder's paths (a key, a value; with and without an escape before it).
    @Test(arguments: [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80],
    ] as [[UInt8]])
    func stringsThatAreNotUTF8AreMalformed(_ invalid: [UInt8]) throws {
        let document = try Self.document()
        for (before, after) in [("{\"anordnare\": {\"x", "\": 1}}"), ("{\"anordnare\": {\"nivå\": \"h", "\"}}"),
                                ("{\"anordnare\": {\"nivå\": \"\\n", "\"}}")] {
            let bytes = Array(before.utf8) + invalid + Array(after.utf8)
            guard case .failure(.malformed(let error)) = document.decoder.decode(json: bytes) else {
                Issue.record("\(invalid) in \(before) should be malformed JSON")
                continue
            }
            #expect(error.message == "ogiltig UTF-8 i strängen; spara filen som UTF-8 (inte Latin-1 eller Windows-1252)")
            #expect(error.column == before.unicodeScalars.count + 1, "\(before)")
        }
        // Valid sequences of every length pass: `nivå` has its `å`, and a key may hold an emoji.
        let valid = Array("{\"anordnare\": {\"x€😀\": 1}}".utf8)
        guard case .failure(.invalid(let errors)) = document.decoder.decode(json: valid) else {
            Issue.record("valid UTF-8 should reach the facts' check")
            return
        }
        #expect(errors.contains { $0.path == "anordnare.x€😀" })
    }

    /// Keys are matched by their bytes first (in the declared order, then any order); a key or
    /// an enumeration case written in decomposed Unicode (`a` + ring, as some systems send `å`)
    /// still finds its field.
    @Test func keysInAnyOrderAndAnyNormalization() throws {
        let document = try Self.document()
        let composed = """
            {"anordnare": {"a": true, "belopp": 100, "andel": 5, "start": "2025-01-01", "anställda": 3, "kvot": 1.5,
             "nivå": "hög", "personal": [], "stort": 1}}
            """
        let reordered = """
            {"anordnare": {"stort": 1, "personal": [], "nivå": "hög", "kvot": 1.5, "anställda": 3, "start": "2025-01-01",
             "andel": 5, "belopp": 100, "a": true}}
            """
        let decomposed = reordered.replacingOccurrences(of: "å", with: "a\u{030A}")
        #expect(Array(decomposed.utf8) != Array(reordered.utf8))  // String equality would call them equal
        let date = try Day(year: 2025, month: 3, day: 1)
        let expected = try document.decoder.decode(json: Array(composed.utf8)).get()
        for text in [reordered, decomposed] {
            let facts = try document.decoder.decode(json: Array(text.utf8)).get()
            #expect(facts.values == expected.values)
            #expect(try document.evaluate(facts, assessment: "ansökan", date: date).statuses
                == document.evaluate(expected, assessment: "ansökan", date: date).statuses)
        }
    }

    @Test func hostileJSONNeverTraps() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for text in [deep, "", "{", "\"\\ud800\"", "1e999999", "-", "{\"a\":1,\"a\":2}", "[1 2]", "\u{0}"] {
            _ = try? JSONParser.parse(Array(text.utf8))
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
    }
}

/// Constant subexpressions are computed once at load time, with the same results.
@Suite struct ConstantFoldingTests {
    @Test func foldedConstantsKeepTheirValues() throws {
        let rules = try RuleSet.compile([SourceFile(path: "k.kundval", text: """
            reglemente "K" version "1"
            definition tid = 2 veckor + 3 dagar
            definition andel = 5 % * 3
            definition datum = nästa_arbetsdag(2025-12-24 + 1 dagar)
            definition noll = 1 / 0
            """)]).get()
        let document = try #require(rules.document(named: "K"))
        let facts = try document.decoder.decode(json: Array("{}".utf8)).get()
        let date = try Day(year: 2025, month: 1, day: 1)
        #expect(try document.value(of: "tid", facts: facts, date: date)?.text == "17 dagar")
        #expect(try document.value(of: "andel", facts: facts, date: date)?.text == "15 %")
        #expect(try document.value(of: "datum", facts: facts, date: date)?.text == "2025-12-29")
        // A constant that cannot be computed still fails at evaluation, with its error.
        #expect(throws: EvaluationFailure.definition(.divisionByZero, name: "noll")) { _ = try document.value(of: "noll", facts: facts, date: date) }
    }

    /// Regression: with explanations on, a condition whose `gäller när` is false was reported
    /// as "prövas inte vid ansökan" instead of "villkoret gäller inte för anordnaren".
    @Test(arguments: [false, true])
    func notApplicableSaysWhy(explain: Bool) throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: """
            reglemente "R" version "1"
            typ Anordnare
              tidigare_avauktoriserad: ja/nej
              åtgärder_visade: ja/nej
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            bedömning uppföljning
              vid brist: sanktion
            villkor 12
              gäller när anordnare.tidigare_avauktoriserad
              kräver anordnare.åtgärder_visade
              vid brist: ej godkänd auktorisation
            """)]).get()
        let document = try #require(rules.document(named: "R"))
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"tidigare_avauktoriserad": false, "åtgärder_visade": false}}"#.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let application = try document.evaluate(facts, assessment: "ansökan", date: date, explain: explain)
        #expect(application.conditions[0].status == .notApplicable)
        #expect(application.conditions[0].reasons == ["villkoret gäller inte för anordnaren"])
        let followUp = try document.evaluate(facts, assessment: "uppföljning", date: date, explain: explain)
        #expect(followUp.conditions[0].reasons == ["prövas inte vid uppföljning"])
    }

    /// Service requirements (insatsvillkor) are decided for the providers that offer the
    /// service, count towards the outcome, and appear in the JSON.
    @Test func serviceRequirementsAreDecided() throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: """
            reglemente "R" version "1"
            typ Anordnare
              erbjuder_fai_1: ja/nej kan saknas
              arbetsprövning: timmar kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            insats fai_1 "FAI 1 Arbetsprövning"
              gäller när anordnare.erbjuder_fai_1
              kräver "Arbetsprövning minst 10 timmar per vecka": anordnare.arbetsprövning >= 10 timmar
            """)]).get()
        let document = try #require(rules.document(named: "R"))
        let date = try Day(year: 2025, month: 3, day: 1)
        func decide(_ json: String) throws -> Decision {
            try document.evaluate(try document.decoder.decode(json: Array("{\"anordnare\": \(json)}".utf8)).get(),
                                  assessment: "ansökan", date: date)
        }
        let met = try decide(#"{"erbjuder_fai_1": true, "arbetsprövning": 10}"#)
        #expect(met.outcome == .approved && met.services.map(\.status) == [.met])
        let notMet = try decide(#"{"erbjuder_fai_1": true, "arbetsprövning": 8}"#)
        #expect(notMet.outcome == .notApproved && notMet.services.map(\.status) == [.notMet])
        #expect(notMet.services[0].reasons == ["kravet är inte uppfyllt: Arbetsprövning minst 10 timmar per vecka"])
        #expect(notMet.json().contains(#""insatser": ["#))
        let notOffered = try decide(#"{"erbjuder_fai_1": false, "arbetsprövning": 8}"#)
        #expect(notOffered.outcome == .approved && notOffered.services.map(\.status) == [.notApplicable])
        let unknown = try decide(#"{"erbjuder_fai_1": true}"#)
        #expect(unknown.outcome == .incomplete && unknown.services.map(\.status) == [.missingEvidence])
        let undecided = try decide(#"{"arbetsprövning": 12}"#)
        #expect(undecided.services.map(\.status) == [.missingEvidence])
    }

    /// A sub-condition without its own `vid brist` has the consequences of the condition above
    /// it, so it is tested in the same kinds of assessment.
    @Test func subConditionsInheritTheirParentsConsequences() throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: """
            reglemente "R" version "1"
            typ Anordnare
              rutin: ja/nej
              plan: ja/nej
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            bedömning uppföljning
              vid brist: sanktion
            villkor 23 "Rutiner"
              kräver anordnare.rutin
              underlag uppföljning "Rutindokument"
              vid brist: sanktion
            villkor 23.1 "Plan"
              kräver anordnare.plan
            villkor 23.1.1 "Plan, med egen följd"
              kräver anordnare.plan
              vid brist: ej godkänd auktorisation
            """)]).get()
        let document = try #require(rules.document(named: "R"))
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"rutin": true, "plan": false}}"#.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let application = try document.evaluate(facts, assessment: "ansökan", date: date)
        #expect(application.conditions.map(\.status) == [.notApplicable, .notApplicable, .notMet])
        let followUp = try document.evaluate(facts, assessment: "uppföljning", date: date)
        #expect(followUp.conditions.map(\.status) == [.met, .notMet, .notApplicable])
        // The evidence is inherited too (for what to request); 23.1.1 inherits from 23.1, which
        // has it from 23.
        let coverage = document.coverage(from: [])
        #expect(coverage.conditions.map(\.hasEvidence) == [true, true, true])
        #expect(coverage.conditions.map(\.hasConsequence) == [true, true, true])
    }
}
