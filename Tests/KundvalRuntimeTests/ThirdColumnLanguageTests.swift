import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The third column in the language (issue 13): what the documents print that the shipped files
/// do not need, written as a nämnd would, each decided through the whole pipeline. The numbered
/// comments are the findings of the issue.
@Suite struct ThirdColumnLanguageTests {
    static let reglemente = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Påverkan: en av liten, stor
        typ Anordnare
          a: ja/nej
          b: ja/nej
          personal_utbildad: ja/nej
          kvalitetsarbete: ja/nej
          n: heltal
        fakta
          anordnare: Anordnare
          påverkan: Påverkan kan saknas
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        bedömning egen_anmälan "Anordnarens egen anmälan"
          prövar underlag egen anmälan
          vid brist: sanktion
        tabell mild(påverkan: Påverkan): Sanktion
          | liten | åtgärdsplan |
          | stor  | varning     |
        tabell sträng(påverkan: Påverkan): Sanktion
          | liten | vite            |
          | stor  | avauktorisation |
        villkor 5 "Två delar"
          kräver anordnare.a
          underlag uppföljning
          vid brist: sanktion enligt mild
        villkor 7 "Personal"
          kräver anordnare.personal_utbildad
          underlag uppvisas vid auktorisation, vid brist: varning eller avauktorisation
          underlag uppföljning, vid brist: varning
          underlag egen anmälan, vid brist: varning
        villkor 9 "Valfri påföljd"
          kräver anordnare.b
          underlag uppföljning
          vid brist: varning och/eller avauktorisation
        villkor 15 "Kvalitet"
        villkor 16 "Ledning"
        villkor 17 "Personal"

        """

    static let kundval = """
        kundval "K"
          enligt reglemente "R" version "1"
        typ Sanktion utökas: en av skriftlig_erinran före varning
        villkor 5
          kräver "Nämndens del": anordnare.b
          vid brist: sanktion enligt sträng
        villkor 15–17
          lydelse "Anordnare ska bedriva ett systematiskt kvalitetsarbete."
          kräver anordnare.kvalitetsarbete
          underlag uppföljning
          vid brist: skriftlig_erinran

        """

    static func document(_ name: String, extra: String = "", kundvalExtra: String = "") throws -> CompiledDocument {
        let files = [SourceFile(path: "r.kundval", text: reglemente + extra),
                     SourceFile(path: "k.kundval", text: kundval + kundvalExtra)]
        return try #require(try RuleSet.compile(files).get().document(named: name))
    }

    static func decide(_ document: CompiledDocument, at assessment: String, _ fields: [String: String],
                       påverkan: String? = "liten", computations: Bool = true) throws -> Decision {
        var facts: [String: String] = ["a": "true", "b": "true", "personal_utbildad": "true", "kvalitetsarbete": "true", "n": "1"]
        for (key, value) in fields { facts[key] = value }
        let body = facts.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        let json = "{\"anordnare\": {\(body)}, \"påverkan\": \(påverkan.map { "\"\($0)\"" } ?? "null")}"
        return try document.evaluate(document.decoder.decode(json: Array(json.utf8)).get(), assessment: assessment,
                                     date: Day(year: 2025, month: 9, day: 1), computations: computations)
    }

    static func consequence(_ number: String, _ decision: Decision) throws -> ConsequenceDecision {
        try #require(decision.conditions.first { $0.number == number }?.consequence)
    }

    // 3. The general and the specific part name different tables: the failing part's table
    // chooses; when both fail, the more severe choice.
    @Test(arguments: [
        (["a": "false"], "åtgärdsplan", "mild"),
        (["b": "false"], "vite", "sträng"),
        (["a": "false", "b": "false"], "vite", "sträng"),
    ])
    func theFailingPartsTableChooses(fields: [String: String], expected: String, table: String) throws {
        let decision = try Self.decide(Self.document("K"), at: "uppföljning", fields)
        let consequence = try Self.consequence("5", decision)
        #expect(consequence.recommended?.name == expected)
        #expect(consequence.table == table)
    }

    // 4. A consequence per control point: the kind says when a point is run, its consequence
    // what a shortfall found there leads to.
    @Test func eachControlPointCarriesItsOwnConsequence() throws {
        let document = try Self.document("R", extra: "villkor 30 \"Utan underlag\"\n  kräver anordnare.a\n")
        let ownReport = try Self.decide(document, at: "egen_anmälan", ["personal_utbildad": "false", "a": "false"])
        #expect(try Self.consequence("7", ownReport).allowed.map(\.name) == ["varning"])
        #expect(try Self.consequence("7", ownReport).recommended?.name == "varning")
        // An assessment that lists its control points decides no row it does not run a point of.
        #expect(ownReport.conditions.first { $0.number == "9" }?.status == .notApplicable)
        #expect(ownReport.conditions.first { $0.number == "30" }?.status == .notApplicable)
        // A follow-up runs `uppföljning` (and the reports), not what was shown at authorization.
        let followUp = try Self.decide(document, at: "uppföljning", ["personal_utbildad": "false"])
        #expect(try Self.consequence("7", followUp).allowed.map(\.name) == ["varning"])
        #expect(try Self.consequence("7", followUp).recommended?.name == "varning")
        // What is shown at authorization is checked at the application, where a shortfall means
        // that the application is not approved.
        let application = try Self.decide(document, at: "ansökan", ["personal_utbildad": "false"])
        #expect(application.conditions.first { $0.number == "7" }?.status == .notMet)
        #expect(try Self.consequence("7", application).allowed.map(\.name) == ["ej godkänd auktorisation"])
        #expect(application.outcome == .notApproved)
    }

    // 4. "Varning och/eller avauktorisation": a set the nämnd chooses from, unless a table does.
    @Test func aSetOfStepsIsLeftToTheNämndUnlessATableChooses() throws {
        let open = try Self.consequence("9", Self.decide(Self.document("R"), at: "uppföljning", ["b": "false"]))
        #expect(open.allowed.map(\.name) == ["varning", "avauktorisation"])
        #expect(open.recommended?.name == nil)
        #expect(open.missingFactors.isEmpty)

        // The table's step when the row allows it ...
        let strict = try Self.document("R", extra: "sanktioner enligt sträng\n")
        let chosen = try Self.decide(strict, at: "uppföljning", ["b": "false"], påverkan: "stor")
        #expect(try Self.consequence("9", chosen).recommended?.name == "avauktorisation")
        let mild = try Self.decide(Self.document("R", extra: "sanktioner enligt mild\n"), at: "uppföljning", ["b": "false"],
                                   påverkan: "stor")
        #expect(try Self.consequence("9", mild).recommended?.name == "varning")
        // ... and otherwise none: a table that says `vite` never turns a choice into a de-authorization.
        let outside = try Self.decide(strict, at: "uppföljning", ["b": "false"], påverkan: "liten")
        let consequence = try Self.consequence("9", outside)
        #expect(consequence.recommended?.name == nil)
        #expect(consequence.table == "sträng")
        #expect(outside.outcome == .shortfalls)
        #expect(outside.deauthorizations.isEmpty)
    }

    // 4. A kundval adds a step to the reglemente's ladder; the reglemente's tables still give
    // their steps by name after the cases are renumbered.
    @Test func aKundvalExtendsTheLadder() throws {
        let document = try Self.document("K")
        let decision = try Self.decide(document, at: "uppföljning", ["a": "false", "kvalitetsarbete": "false"], påverkan: "stor")
        #expect(try Self.consequence("5", decision).recommended?.name == "varning")
        #expect(try Self.consequence("5", decision).allowed.map(\.name) == ["åtgärdsplan", "skriftlig_erinran", "varning", "vite", "avauktorisation"])
        #expect(try Self.consequence("15", decision).recommended?.name == "skriftlig_erinran")
        #expect(decision.sanction?.sanction?.name == "varning")
        #expect(decision.sanction?.conditions == ["5"])
        #expect(decision.sanction?.undecidedConditions == [])
        // A row that leaves the choice to the nämnd is named beside the overall recommendation.
        let open = try Self.decide(document, at: "uppföljning", ["a": "false", "b": "false"], påverkan: "stor")
        #expect(open.sanction?.sanction?.name == "avauktorisation")
        #expect(open.sanction?.undecidedConditions == ["9"])
    }

    // 10. A range refines each of its numbers.
    @Test func aRangeRefinesEachNumber() throws {
        let decision = try Self.decide(Self.document("K"), at: "uppföljning", ["kvalitetsarbete": "false"])
        for number in ["15", "16", "17"] {
            let condition = try #require(decision.conditions.first { $0.number == number })
            #expect(condition.status == .notMet, "villkor \(number)")
            #expect(condition.title != nil, "villkor \(number) keeps the reglemente's heading")
        }
    }

    // 10. A number the source prints twice, each row with its heading: two parts of one condition.
    @Test func aRepeatedNumberWithHeadingsIsOneConditionOfTwoParts() throws {
        let extra = """
            villkor 20 "Hälso- och sjukvård"
              kräver anordnare.a
            villkor 20 "Socialtjänst"
              kräver anordnare.b

            """
        let document = try Self.document("R", extra: extra)
        let decision = try Self.decide(document, at: "ansökan", ["b": "false"])
        let twenty = decision.conditions.filter { $0.number == "20" }
        #expect(twenty.count == 1)
        #expect(twenty.first?.status == .notMet)
        #expect(twenty.first?.reasons == ["kravet är inte uppfyllt: anordnare.b"])
    }

    // 8. A condition that only adds text is decided in no assessment, and has nothing to cover.
    @Test func aTextOnlyConditionIsNeverDecidedAndNeedsNoTests() throws {
        let extra = """
            villkor 21 "Bara text"
              lydelse "Se villkor 31."
              underlag uppföljning "Se villkor 31."
              vid brist: sanktion

            """
        let document = try Self.document("R", extra: extra)
        for assessment in ["ansökan", "uppföljning", "egen_anmälan"] {
            let condition = try #require(try Self.decide(document, at: assessment, [:]).conditions.first { $0.number == "21" })
            #expect(condition.status == .notApplicable, "\(assessment)")
        }
        let coverage = document.coverage(from: [])
        let text = try #require(coverage.conditions.first { $0.number == "21" })
        #expect(text.isTextOnly && text.isCovered)
        let decided = try #require(coverage.conditions.first { $0.number == "9" })
        #expect(!decided.isTextOnly && !decided.isCovered)
    }

    // 11. An error in a definition fails the evaluation, with the definition's name.
    @Test func anErrorInADefinitionIsReportedLikeOneInACondition() throws {
        let document = try Self.document("R", extra: "definition kvot: decimaltal = 10 / (anordnare.n - 1)\n")
        let failure = #expect(throws: EvaluationFailure.self) {
            _ = try Self.decide(document, at: "ansökan", [:])
        }
        guard case .definition(let error, let name)? = failure else {
            Issue.record("expected a definition failure, got \(String(describing: failure))")
            return
        }
        #expect(name == "kvot")
        #expect(error == .divisionByZero)
        #expect(failure?.description == "definitionen `kvot` kunde inte beräknas: \(error.message)")
    }
}
