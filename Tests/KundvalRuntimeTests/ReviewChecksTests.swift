import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
import Testing

/// An independent review of the checks' programs (`AssessmentPlan+Checks.swift`), the
/// shortfall consequences prepared at load time (`Consequences.swift`) and the sanction
/// tables' programs (`SanctionTableChoice.swift`): each decision compared strictly with the
/// value code's (`CompiledDocument.decide`, `CompiledService.detail`,
/// `SanctionTableChoice(valueCodeOf:)`), errors included, and the quick evaluation with the
/// explained one (the slow path).
@Suite struct ReviewChecksTests {
    struct Tally {
        var compared = 0
        /// Entries whose checks' program ran without an error (the new path decided).
        var checksRan = 0
        /// Entries whose checks' program met an error (the value code decided).
        var checksFailed = 0
        var tablesByProgram = 0
    }

    static func documents(_ files: [(String, String)], name: String) throws -> CompiledDocument {
        let sources = files.map { SourceFile(path: $0.0, text: $0.1) }
        let result = RuleSet.compile(sources)
        switch result {
        case .success(let rules): return try #require(rules.document(named: name))
        case .failure(let error):
            Issue.record("does not compile: \(error)")
            throw error
        }
    }

    /// Every code path compared on `facts` at `date`; returns the tally.
    @discardableResult
    static func strict(_ document: CompiledDocument, _ json: String, date: Day, label: String,
                       tally: inout Tally) throws -> Decision? {
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        func context() -> EvaluationContext {
            EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
        }
        // Sanction tables: the program's choice is the value code's, failure included.
        for (name, table) in document.sanctionTables.sorted(by: { $0.key < $1.key }) {
            let made = SanctionTableChoice(table, named: name, formatter: document.formatter, context: context())
            let reference = SanctionTableChoice(valueCodeOf: table, named: name, formatter: document.formatter, context: context())
            #expect(made.factors == reference.factors, "\(label) tabell \(name): \(made.factors) vs \(reference.factors)")
            #expect(made.missing == reference.missing, "\(label) tabell \(name): \(made.missing) vs \(reference.missing)")
            #expect(made.result == reference.result, "\(label) tabell \(name): \(made.result) vs \(reference.result)")
            #expect(made.failure?.name == reference.failure?.name && made.failure?.error == reference.failure?.error,
                    "\(label) tabell \(name): \(String(describing: made.failure)) vs \(String(describing: reference.failure))")
            if let program = table.program, program.withResults(in: context(), { _, _ in true }) != nil { tally.tablesByProgram += 1 }
        }
        for kind in document.assessmentNames {
            let plan = try #require(document.assessmentKind(named: kind))
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick {
                let reference = Result { () throws(EvaluationError) in
                    try CompiledDocument.decide(entry, index, in: plan, context: context(), explainer: nil)
                }
                let made = Result { () throws(EvaluationError) in try plan.decision(index, context: context()) }
                let number = entry.condition.numberText
                switch (made, reference) {
                case (.success(let a), .success(let b)):
                    #expect(a == b, "\(label) \(kind) villkor \(number): kontroller \(a.status) \(a.reasons) \(String(describing: a.consequence)) / värdekod \(b.status) \(b.reasons) \(String(describing: b.consequence))")
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "\(label) \(kind) villkor \(number): fel \(a) / \(b)")
                default:
                    Issue.record("\(label) \(kind) villkor \(number): kontroller \(made) / värdekod \(reference)")
                }
                // The on-access detail (what a decision's conditions show).
                if case .success(let b) = reference {
                    let detail = plan.detail(index, status: b.status, context: context())
                    #expect(detail == b, "\(label) \(kind) villkor \(number): detail \(detail.reasons) / \(b.reasons)")
                }
                tally.compared += 1
                if let program = plan.checkPrograms[index]?.program {
                    if program.withResults(in: context(), { _, _ in true }) != nil { tally.checksRan += 1 } else { tally.checksFailed += 1 }
                }
            }
            for (index, service) in document.services.enumerated() where plan.reviewsServices {
                let status: ConditionStatus
                do { status = try service.decide(context()).0 } catch { status = .notMet }
                let made = plan.serviceDetail(index, status: status, context: context())
                let reference = service.detail(status: status, context: context())
                #expect(made == reference, "\(label) \(kind) insats \(service.name): \(made) / \(reference)")
                tally.compared += 1
            }
            // The whole decision, quick (program, reasons on access) and explained (slow path).
            let quick = Result { try document.evaluate(facts, assessment: kind, date: date) }
            let explained = Result { try document.evaluate(facts, assessment: kind, date: date, explain: true) }
            switch (quick, explained) {
            case (.success(let q), .success(let e)):
                #expect(q.outcome == e.outcome, "\(label) \(kind)")
                #expect(q.conditions.map(\.status) == e.conditions.map(\.status), "\(label) \(kind)")
                #expect(q.conditions.map(\.reasons) == e.conditions.map(\.reasons), "\(label) \(kind)")
                #expect(q.conditions.map(\.consequence) == e.conditions.map(\.consequence), "\(label) \(kind)")
                #expect(q.conditions.map(\.missingFacts) == e.conditions.map(\.missingFacts), "\(label) \(kind)")
                #expect(q.conditions.map(\.evidenceToRequest) == e.conditions.map(\.evidenceToRequest), "\(label) \(kind)")
                #expect(q.services == e.services, "\(label) \(kind)")
                #expect(q.sanction == e.sanction, "\(label) \(kind)")
                if kind == document.assessmentNames.last { return q }
            case (.failure(let a), .failure(let b)):
                #expect("\(a)" == "\(b)", "\(label) \(kind): \(a) / \(b)")
            default:
                Issue.record("\(label) \(kind): snabb \(quick) / förklarad \(explained)")
            }
        }
        return nil
    }

    static let date = try! Day(year: 2025, month: 3, day: 1)

    // MARK: - Documents, applicability, errors in one part or requirement

    static let documentsText = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Intyg
          utfärdat: datum kan saknas
          nummer: heltal kan saknas
        typ Bevis
          nummer: heltal
        typ Person
          namn: text kan saknas
          n: heltal kan saknas
        typ Anordnare
          personal: lista av Person kan saknas
          ok: ja/nej kan saknas
          ok2: ja/nej kan saknas
          a: heltal kan saknas
          b: heltal kan saknas
          intyg: Intyg kan saknas
          intyg2: Intyg kan saknas
          bevis: Bevis kan saknas
          dag: datum kan saknas
          namn: text kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        villkor 1 "Två dokument, ett för gammalt och ett som saknas"
          kräver anordnare.ok
          underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
          underlag bifogas ansökan: anordnare.bevis
        villkor 2 "Datum som dokument, krav som delar"
          kräver anordnare.a / anordnare.b > 1
          underlag bifogas ansökan: anordnare.dag högst 1 år gammalt
        villkor 3 "Gäller när, delning i kravet"
          gäller när anordnare.b > 0
          kräver anordnare.a / anordnare.b > 1
        villkor 4 "Ett krav nej, ett annat fel"
          kräver anordnare.ok
          kräver anordnare.a / anordnare.b > 1
        villkor 5 "Gäller när okänd"
          gäller när anordnare.ok2
          kräver anordnare.a > 1
          underlag kontroll: anordnare.intyg2 högst 14 dagar gammalt
        villkor 6 "Datum bortom kalendern"
          kräver anordnare.dag + anordnare.a * 1000 år > bedömningsdatum
          kräver anordnare.ok
        villkor 7 "Överspill"
          kräver anordnare.a * 9223372036854775807 > 1 eller anordnare.ok2
          kräver inte anordnare.ok
        villkor 8 "Text"
          kräver anordnare.namn = "x" och anordnare.ok
          kräver anordnare.a >= 0
        villkor 9 "Två dokument för gamla, samma intyg två gånger"
          kräver anordnare.ok
          underlag bifogas ansökan: anordnare.intyg högst 1 månad gammalt
          underlag kontroll: anordnare.intyg högst 2 månader gammalt
          underlag uppföljning: anordnare.intyg2 högst 1 dag gammalt
          vid brist: varning eller vite
        villkor 10 "Inga krav, bara dokument"
          underlag bifogas ansökan: anordnare.intyg2
        villkor 12 "Kvantorer med text och delning"
          gäller när någon p i anordnare.personal: p.namn = "x"
          kräver alla p i anordnare.personal: p.n / anordnare.b > 0 eller p.namn = "y"
          kräver (antal p i anordnare.personal där p.namn != "x") < 2
          underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
        villkor 11 "Okänt krav och ett nej efter"
          kräver anordnare.ok2
          kräver anordnare.ok
          kräver anordnare.a < anordnare.b
          vid brist: vite

        """

    static func providers() -> [String] {
        let intyg = [nil, "null", "{}", #"{"utfärdat": null}"#, #"{"utfärdat": "2024-12-01"}"#, #"{"utfärdat": "2024-11-30"}"#,
                     #"{"utfärdat": "2025-02-20"}"#, #"{"utfärdat": "9999-12-31"}"#, #"{"utfärdat": "0001-01-01"}"#]
        let numbers: [(String?, String?)] = [(nil, nil), ("5", "2"), ("5", "0"), ("1", "3"), ("-1", "0"), ("9223372036854775807", "1"),
                                             ("2", nil), ("9000", "1")]
        let truths: [String?] = [nil, "true", "false"]
        let days: [String?] = [nil, "2024-03-01", "2024-02-29", "9999-12-31", "0001-01-01"]
        var random = CodePathAgreementTests.Random(state: 31_337)
        var result: [String] = []
        for round in 0..<400 {
            func pick<T>(_ list: [T]) -> T { list[random.next(list.count)] }
            var fields: [String] = []
            if let v = pick(truths) { fields.append(#""ok": \#(v)"#) }
            if let v = pick(truths) { fields.append(#""ok2": \#(v)"#) }
            let (a, b) = round < numbers.count ? numbers[round] : pick(numbers)
            if let a { fields.append(#""a": \#(a)"#) }
            if let b { fields.append(#""b": \#(b)"#) }
            if let v = pick(intyg) { fields.append(#""intyg": \#(v)"#) }
            if let v = pick(intyg) { fields.append(#""intyg2": \#(v)"#) }
            if random.next(2) == 0 { fields.append(#""bevis": {"nummer": 1}"#) }
            if let v = pick(days) { fields.append(#""dag": "\#(v)""#) }
            if random.next(2) == 0 { fields.append(#""namn": "\#(pick(["x", "y"]))""#) }
            if random.next(3) > 0 {
                let people = (0..<random.next(4)).map { _ in
                    #"{"namn": "\#(pick(["x", "y", "z"]))", "n": \#(pick(["0", "1", "-1", "null"]))}"#
                }
                fields.append(#""personal": ["# + people.joined(separator: ", ") + "]")
            }
            result.append(#"{"anordnare": {"# + fields.joined(separator: ", ") + "}}")
        }
        return result
    }

    @Test func documentsApplicabilityAndErrors() throws {
        let document = try Self.documents([("r.kundval", Self.documentsText)], name: "R")
        var tally = Tally()
        for (index, json) in Self.providers().enumerated() {
            for date in [Self.date, try Day(year: 9999, month: 12, day: 31), try Day(year: 1, month: 1, day: 1)] {
                try Self.strict(document, json, date: date, label: "#\(index) \(json) \(date)", tally: &tally)
            }
        }
        #expect(tally.checksRan > 500, "\(tally)")
        #expect(tally.checksFailed > 50, "\(tally)")
    }

    // MARK: - Several parts, parts not tested, switched off parts, several tables in a row

    static let partsReglemente = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Påverkan: en av liten, stor
        typ Intyg
          utfärdat: datum kan saknas
        typ Anordnare
          a: ja/nej kan saknas
          b: ja/nej kan saknas
          c: ja/nej kan saknas
          x: heltal kan saknas
          y: heltal kan saknas
          intyg: Intyg kan saknas
          namn: text kan saknas
        fakta
          anordnare: Anordnare
          påverkan: Påverkan kan saknas
          dröjsmål: heltal kan saknas
        definition kvot: decimaltal kan saknas = anordnare.x / anordnare.y
        definition allvarlig: ja/nej kan saknas = kvot > 2
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        bedömning egen_anmälan "Egen anmälan"
          prövar underlag egen anmälan
          vid brist: sanktion
        bedömning omprövning "Omprövning"
          granskar villkor 5–9
          granskar insatser
          vid brist: ej godkänd auktorisation
        bedömning omprövning2 "Omprövning utan insatser"
          granskar villkor 11–13
          vid brist: sanktion
        tabell mild(påverkan: Påverkan): Sanktion
          | liten | åtgärdsplan |
          | stor  | varning     |
        tabell sträng(påverkan: Påverkan, allvarlig: ja/nej): Sanktion
          | liten | nej | vite            |
          | liten | ja  | avauktorisation |
          | stor  | -   | avauktorisation |
        tabell dröj(dröjsmål: heltal): Sanktion i ordning
          | >= 10 | avauktorisation |
          | >= 3  | vite            |
          | -     | varning         |
        sanktioner enligt sträng
        villkor 5 "Två delar"
          kräver anordnare.a
          underlag uppföljning
          vid brist: sanktion enligt mild
        villkor 7 "Personal"
          kräver anordnare.b
          underlag uppvisas vid auktorisation, vid brist: varning eller avauktorisation
          underlag uppföljning, vid brist: varning
          underlag egen anmälan, vid brist: varning
        villkor 9 "Flera tabeller i en rad"
          kräver anordnare.c
          underlag uppföljning
          vid brist: sanktion enligt mild eller sanktion enligt dröj
        villkor 11 "Delning i en del"
          kräver anordnare.x / anordnare.y > 0
          underlag uppföljning
          vid brist: sanktion enligt dröj
        villkor 12 "Tom vid brist"
          kräver anordnare.a
          underlag uppföljning
        villkor 13 "Dokument i uppföljning"
          gäller när anordnare.b
          kräver anordnare.c
          underlag uppföljning: anordnare.intyg högst 6 månader gammalt
          vid brist: sanktion
        villkor 15 "Bara underlag"
          underlag uppföljning
          vid brist: varning
        villkor 14 "Avstängd del" i förekommande fall
          kräver anordnare.a
          underlag uppföljning
          vid brist: varning

        """

    static let partsKundval = """
        kundval "K"
          enligt reglemente "R" version "1"
        villkor 5
          kräver "Nämndens del": anordnare.b
          vid brist: sanktion enligt sträng
        villkor 7
          gäller när anordnare.c
          kräver anordnare.x > 1
          underlag egen anmälan, vid brist: vite
        villkor 9
          kräver anordnare.x / anordnare.y > 1
          vid brist: sanktion enligt sträng
        villkor 11
          gäller när anordnare.a
          kräver anordnare.b
          underlag bifogas ansökan
        villkor 12
          kräver anordnare.b
        villkor 14 förekommer inte i detta kundval
        villkor 15
          kräver anordnare.c
          underlag uppföljning: anordnare.intyg högst 1 månad gammalt
          vid brist: sanktion enligt dröj
        insats i1 "Insats ett"
          gäller när anordnare.a
          kräver "Krav x": anordnare.x > 0
          kräver anordnare.b
          kräver anordnare.x / anordnare.y >= 1
        insats i2 "Insats två"
          kräver anordnare.c
          kräver anordnare.namn = "n"

        """

    static func partsProviders() -> [String] {
        var random = CodePathAgreementTests.Random(state: 4_242)
        let truths: [String?] = [nil, "true", "false"]
        let numbers: [String?] = [nil, "0", "1", "3", "7", "-2", "9223372036854775807"]
        var result: [String] = []
        for _ in 0..<300 {
            func pick<T>(_ list: [T]) -> T { list[random.next(list.count)] }
            var fields: [String] = []
            for name in ["a", "b", "c"] { if let v = pick(truths) { fields.append(#""\#(name)": \#(v)"#) } }
            for name in ["x", "y"] { if let v = pick(numbers) { fields.append(#""\#(name)": \#(v)"#) } }
            if let v = pick([nil, "{}", #"{"utfärdat": "2024-09-01"}"#, #"{"utfärdat": "2024-08-31"}"#, #"{"utfärdat": "2025-02-01"}"#]) {
                fields.append(#""intyg": \#(v)"#)
            }
            if let v = pick([nil, "a", "n"] as [String?]) { fields.append(#""namn": "\#(v)""#) }
            var top = [#""anordnare": {"# + fields.joined(separator: ", ") + "}"]
            if let v = pick([nil, "liten", "stor"] as [String?]) { top.append(#""påverkan": "\#(v)""#) }
            if let v = pick([nil, "0", "3", "10", "-1"] as [String?]) { top.append(#""dröjsmål": \#(v)"#) }
            result.append("{" + top.joined(separator: ", ") + "}")
        }
        return result
    }

    @Test(arguments: ["R", "K"])
    func severalPartsAndTables(name: String) throws {
        let document = try Self.documents([("r.kundval", Self.partsReglemente), ("k.kundval", Self.partsKundval)], name: name)
        var tally = Tally()
        for (index, json) in Self.partsProviders().enumerated() {
            for date in [try Day(year: 2025, month: 3, day: 1), try Day(year: 2025, month: 9, day: 1)] {
                try Self.strict(document, json, date: date, label: "\(name) #\(index) \(json) \(date)", tally: &tally)
            }
        }
        #expect(tally.checksRan > 100, "\(tally)")
        #expect(tally.tablesByProgram > 100, "\(tally)")
    }

    // MARK: - Tables whose inputs are texts, dates and results of definitions that fail

    @Test func tableInputsOfOtherKinds() throws {
        let text = """
            reglemente "R" version "1"
            typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
            typ Anordnare
              a: ja/nej kan saknas
              x: heltal kan saknas
              y: heltal kan saknas
            fakta
              anordnare: Anordnare
              namn: text kan saknas
              belopp: decimaltal kan saknas
              sista: datum kan saknas
            definition kvot: decimaltal kan saknas = anordnare.x / anordnare.y
            definition sen: ja/nej kan saknas = sista + anordnare.x * 1000 år < bedömningsdatum
            definition frist: datum kan saknas = sista + anordnare.y * 3000 år
            bedömning uppföljning
              vid brist: sanktion
            tabell efter_namn(namn: text): Sanktion i ordning
              | "a" | varning |
              | -   | vite    |
            tabell efter_kvot(kvot: decimaltal, belopp: decimaltal): Sanktion i ordning
              | >= 2,5 | -     | avauktorisation |
              | -      | > 100 | vite            |
              | -      | -     | varning         |
            tabell efter_dag(sista: datum, sen: ja/nej, frist: datum): Sanktion i ordning
              | <= 2020-01-01 | -   | -             | vite    |
              | -             | ja  | -             | varning |
              | -             | -   | >= 5000-01-01 | avauktorisation |
              | -             | -   | -             | åtgärdsplan |
            sanktioner enligt efter_kvot
              vid vite: vitesbelopp
            definition vitesbelopp: decimaltal = om belopp finns så belopp * 2 annars 0
            villkor 1 "Namn"
              kräver anordnare.a
              vid brist: sanktion enligt efter_namn
            villkor 2 "Kvot"
              kräver anordnare.x > 0
              vid brist: sanktion
            villkor 3 "Dag"
              kräver anordnare.y > 0
              vid brist: sanktion enligt efter_dag
            """
        let document = try Self.documents([("r.kundval", text)], name: "R")
        // A text input too is a value register's, held as where it is.
        #expect(document.sanctionTables["efter_namn"]?.program != nil)
        #expect(document.sanctionTables["efter_kvot"]?.program != nil)
        var tally = Tally()
        var random = CodePathAgreementTests.Random(state: 77)
        for index in 0..<300 {
            func pick<T>(_ list: [T]) -> T { list[random.next(list.count)] }
            var fields: [String] = []
            if let v = pick([nil, "true", "false"] as [String?]) { fields.append(#""a": \#(v)"#) }
            if let v = pick([nil, "0", "5", "-5", "9223372036854775807"] as [String?]) { fields.append(#""x": \#(v)"#) }
            if let v = pick([nil, "0", "2", "-1"] as [String?]) { fields.append(#""y": \#(v)"#) }
            var top = [#""anordnare": {"# + fields.joined(separator: ", ") + "}"]
            if let v = pick([nil, "a", "b"] as [String?]) { top.append(#""namn": "\#(v)""#) }
            if let v = pick([nil, "0", "100.5", "1e3", "0.1"] as [String?]) { top.append(#""belopp": \#(v)"#) }
            if let v = pick([nil, "2019-05-05", "2024-01-01", "9999-01-01"] as [String?]) { top.append(#""sista": "\#(v)""#) }
            let json = "{" + top.joined(separator: ", ") + "}"
            guard case .success = document.decoder.decode(json: Array(json.utf8)) else { continue }
            try Self.strict(document, json, date: Self.date, label: "#\(index) \(json)", tally: &tally)
        }
        #expect(tally.tablesByProgram > 50, "\(tally)")
    }
}

extension ReviewChecksTests {
    /// A definition too large to inline at each call is lowered once: the checks' program reads
    /// its register as a `gäller när`, as a requirement, negated, and from another part (in
    /// another file) — a result written in place of that register would leave the later reads
    /// unwritten (a debug build stops on them).
    @Test func definitionLoweredOnceInSeveralChecks() throws {
        let large = (0..<80).map { "(om anordnare.x så \($0 % 3) annars 0)" }.joined(separator: " + ")
        let reglemente = """
            reglemente "R" version "1"
            typ Anordnare
              a: heltal kan saknas
              b: heltal kan saknas
              c: ja/nej kan saknas
              x: ja/nej kan saknas
            fakta
              anordnare: Anordnare
            definition stor: ja/nej kan saknas = om \(large) > anordnare.a / anordnare.b så anordnare.c annars nej
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Bara stor"
              kräver stor
            villkor 2 "Stor överallt"
              gäller när stor
              kräver stor
              kräver inte stor
            villkor 3 "Stor och annat"
              kräver anordnare.c
              kräver stor
            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            villkor 1
              kräver inte stor
            villkor 3
              gäller när stor
              kräver anordnare.a > 0
            """
        var tally = Tally()
        for name in ["R", "K"] {
            let document = try Self.documents([("r.kundval", reglemente), ("k.kundval", kundval)], name: name)
            for a in ["null", "0", "1", "500"] {
                for b in ["null", "0", "1"] {
                    for c in ["null", "true", "false"] {
                        for x in ["null", "true", "false"] {
                            let json = #"{"anordnare": {"a": \#(a), "b": \#(b), "c": \#(c), "x": \#(x)}}"#
                            try Self.strict(document, json, date: Self.date, label: "\(name) \(json)", tally: &tally)
                        }
                    }
                }
            }
        }
        #expect(tally.checksRan > 100, "\(tally)")
    }
}
