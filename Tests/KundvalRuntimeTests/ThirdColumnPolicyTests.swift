import Foundation
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// How a failing condition's consequences combine with the sanction policy and the grounds for
/// de-authorization (issue 13, and an independent review of it): the rules of
/// ``ThirdColumnLanguageTests`` with a few rows added.
@Suite struct ThirdColumnPolicyTests {
    typealias Rules = ThirdColumnLanguageTests

    // Each failing part is decided on its own and the most severe consequence taken: more
    // failing never gives a milder one.
    @Test(arguments: [
        (["a": "false"], "varning"),
        (["b": "false"], "avauktorisation"),
        (["a": "false", "b": "false"], "avauktorisation"),
    ])
    func failingPartsTakeTheMostSevereConsequence(fields: [String: String], expected: String) throws {
        let document = try Rules.document("K", extra: "villkor 10 \"Steg\"\n  kräver anordnare.a\n  vid brist: varning\n",
                                          kundvalExtra: "villkor 10\n  kräver anordnare.b\n  vid brist: avauktorisation\n")
        let decision = try Rules.decide(document, at: "uppföljning", fields)
        #expect(try Rules.consequence("10", decision).recommended?.name == expected)
    }

    // A part still waiting for the nämnd's choice does not hide a more severe part that is
    // decided, unless it could be more severe itself.
    @Test func aWaitingPartDoesNotHideAMoreSevereOne() throws {
        let document = try Rules.document("K", extra: "villkor 12 \"Tvåradigt\"\n  kräver anordnare.a\n  vid brist: avauktorisation\n",
                                          kundvalExtra: "villkor 12\n  kräver anordnare.b\n  vid brist: åtgärdsplan eller varning\n")
        let both = try Rules.decide(document, at: "uppföljning", ["a": "false", "b": "false"])
        #expect(try Rules.consequence("12", both).recommended?.name == "avauktorisation")
        #expect(both.outcome == .deauthorized)
        let onlyWaiting = try Rules.decide(document, at: "uppföljning", ["b": "false"])
        #expect(try Rules.consequence("12", onlyWaiting).recommended?.name == nil)
    }

    // A control point for which neither it nor its row states a consequence is run wherever its
    // kind is, and the sanction policy applies during operation.
    @Test func aControlPointWithoutAConsequenceOnARowWithoutOneIsRun() throws {
        let extra = """
            sanktioner enligt sträng
            villkor 13 "Två underlag"
              kräver anordnare.a
              underlag uppvisas vid auktorisation, vid brist: varning eller avauktorisation
              underlag uppföljning

            """
        let decision = try Rules.decide(Rules.document("R", extra: extra), at: "uppföljning", ["a": "false"])
        #expect(decision.conditions.first { $0.number == "13" }?.status == .notMet)
        #expect(try Rules.consequence("13", decision).recommended?.name == "vite")
    }

    // A refinement that only fills the other columns joins the general row: its control point
    // (with its consequence) is run, and what the nämnd printed is shown.
    @Test func aRefinementWithoutRequirementsAddsItsControlPointsToTheGeneralRow() throws {
        let document = try Rules.document("K", extra: "villkor 14 \"Generellt\"\n  kräver anordnare.a\n  underlag bifogas ansökan\n  vid brist: ej godkänd auktorisation\n",
                                          kundvalExtra: "villkor 14\n  underlag uppföljning \"Kapacitetsplan\", vid brist: varning\n")
        let followUp = try Rules.decide(document, at: "uppföljning", ["a": "false"])
        #expect(followUp.conditions.first { $0.number == "14" }?.status == .notMet)
        #expect(try Rules.consequence("14", followUp).recommended?.name == "varning")
        let json = try JSONSerialization.jsonObject(with: Data(followUp.json().utf8)) as? [String: Any]
        let fourteen = (json?["villkor"] as? [[String: Any]])?.first { $0["nummer"] as? String == "14" }
        #expect(fourteen?["kontrollpunkter"] as? [String] == ["uppföljning: Kapacitetsplan"])
        let application = try Rules.decide(document, at: "ansökan", ["a": "false"])
        #expect(try Rules.consequence("14", application).recommended?.name == "ej godkänd auktorisation")
    }

    // A refinement without control points of its own has the general row's: an assessment that
    // lists the control points it runs decides both parts.
    @Test func aRefinementSharesTheGeneralRowsControlPoints() throws {
        let document = try Rules.document("K", extra: "villkor 19 \"Anmälan\"\n  kräver anordnare.a\n  underlag egen anmälan\n  vid brist: varning\n",
                                          kundvalExtra: "villkor 19\n  kräver anordnare.b\n")
        let decision = try Rules.decide(document, at: "egen_anmälan", ["b": "false"])
        #expect(decision.conditions.first { $0.number == "19" }?.status == .notMet)
        #expect(try Rules.consequence("19", decision).recommended?.name == "varning")
    }

    // 2. `vid brist: avauktorisation`: de-authorized from the assessment date, on that ground.
    @Test func aRowWhoseConsequenceIsDeauthorizationDeauthorizes() throws {
        let document = try Rules.document("R", extra: "villkor 20 \"Avgörande\"\n  kräver anordnare.a\n  underlag uppföljning\n  vid brist: avauktorisation\n")
        let decision = try Rules.decide(document, at: "uppföljning", ["a": "false"])
        #expect(decision.outcome == .deauthorized)
        #expect(try Rules.consequence("20", decision).allowed.map(\.name) == ["avauktorisation"])
        let ground = try #require(decision.deauthorizations.first)
        #expect(ground.ground == "brist i villkor 20")
        #expect(ground.date == (try Day(year: 2025, month: 9, day: 1)))
        #expect(ground.hasOccurred)
    }

    // 1. A failing row that names no consequence gets the sanction policy's at a follow-up.
    @Test func theSanctionPolicyAppliesToARowWithoutConsequence() throws {
        let document = try Rules.document("R", extra: "sanktioner enligt sträng\nvillkor 18 \"Allvarliga fel\"\n  kräver anordnare.b\n")
        let followUp = try Rules.decide(document, at: "uppföljning", ["b": "false"])
        #expect(try Rules.consequence("18", followUp).recommended?.name == "vite")
        #expect(followUp.sanction?.conditions.contains("18") == true)
        let application = try Rules.decide(document, at: "ansökan", ["b": "false"])
        #expect(application.outcome == .notApproved)
        // At an application it has the assessment's own consequence: the shortfall said none
        // although it refused the application (reglemente 31's rows 18 and 22, found by an audit).
        #expect(try Rules.consequence("18", application).recommended?.name == "ej godkänd auktorisation")
    }

    // Also when the row's only consequence belongs to a control point run at follow-up: the
    // control point run at the application names none, so the assessment's own applies there.
    @Test func anApplicationsOwnConsequenceBesideAFollowUpPointsOne() throws {
        let extra = "villkor 17 \"Kontroll\"\n  kräver anordnare.b\n  underlag kontroll \"Kontroll\"\n"
            + "  underlag uppföljning \"Uppföljning\", vid brist: varning\n"
        let document = try Rules.document("R", extra: extra)
        let application = try Rules.decide(document, at: "ansökan", ["b": "false"])
        #expect(application.outcome == .notApproved)
        #expect(try Rules.consequence("17", application).recommended?.name == "ej godkänd auktorisation")
        let followUp = try Rules.decide(document, at: "uppföljning", ["b": "false"])
        #expect(try Rules.consequence("17", followUp).recommended?.name == "varning")
    }

    // The fine stays with its step when a kundval inserts a step before it.
    @Test func theFineStaysWithItsStepOnAnExtendedLadder() throws {
        let policy = "definition vitesbelopp: belopp = 1000 kr\nsanktioner enligt sträng\n  vid vite: vitesbelopp\n"
        let document = try Rules.document("K", extra: policy + "villkor 11 \"Ett steg\"\n  kräver anordnare.b\n  vid brist: varning\n")
        let fine = try Rules.decide(document, at: "uppföljning", ["b": "false"], påverkan: "liten")
        // Condition 5's specific part (sträng: vite) and condition 11 (varning) fail.
        #expect(fine.sanction?.sanction?.name == "vite")
        #expect(fine.sanction?.amount?.exact == "1000")
        let onlyWarning = try Rules.decide(Rules.document("K", extra: policy + "villkor 11 \"Ett steg\"\n  kräver anordnare.personal_utbildad\n  vid brist: varning\n"),
                                           at: "uppföljning", ["personal_utbildad": "false"])
        #expect(onlyWarning.sanction?.sanction?.name == "varning")
        #expect(onlyWarning.sanction?.amount == nil)
    }

    // 6. A ground that may concern the provider but whose date is unknown is listed, not dropped.
    @Test func aGroundWithAnUnknownDateIsListed() throws {
        let extra = "fakta\n  auktoriserad: datum kan saknas\navauktorisation \"Utan uppdrag\"\n  från auktoriserad + 12 månader\n"
        let decision = try Rules.decide(Rules.document("R", extra: extra), at: "uppföljning", [:])
        let ground = try #require(decision.deauthorizations.first)
        #expect(ground.ground == "Utan uppdrag")
        #expect(ground.date == nil)
        #expect(!ground.hasOccurred)
        #expect(decision.outcome == .noShortfalls)
        let json = try JSONSerialization.jsonObject(with: Data(decision.json().utf8)) as? [String: Any]
        let listed = try #require(json?["avauktorisation"] as? [[String: Any]])
        #expect(listed.first?["datum"] is NSNull)
    }

    // 11. A sanction factor that cannot be computed fails the evaluation with its name.
    @Test func aFactorThatCannotBeComputedFailsTheEvaluation() throws {
        let extra = """
            definition allvarlig: ja/nej = 10 / (anordnare.n - 1) > 2
            tabell efter_allvar(allvarlig: ja/nej): Sanktion
              | ja  | avauktorisation |
              | nej | varning         |
            sanktioner enligt efter_allvar

            """
        let document = try Rules.document("R", extra: extra)
        let failure = #expect(throws: EvaluationFailure.self) {
            _ = try Rules.decide(document, at: "uppföljning", ["b": "false"], computations: false)
        }
        guard case .definition(let error, let name)? = failure else {
            Issue.record("expected a definition failure, got \(String(describing: failure))")
            return
        }
        #expect(name == "allvarlig")
        #expect(error == .divisionByZero)
        // With the factor computable, the table chooses within the row's set.
        let chosen = try Rules.decide(document, at: "uppföljning", ["b": "false", "n": "2"])
        #expect(try Rules.consequence("9", chosen).recommended?.name == "avauktorisation")
    }

    // `granskar villkor 5` reviews 5 with its sub-conditions.
    @Test func aReviewOfAConditionIncludesItsSubConditions() throws {
        let extra = """
            villkor 5.1 "Under"
              kräver anordnare.kvalitetsarbete
              vid brist: ej godkänd auktorisation
            bedömning omprövning
              granskar villkor 5
              vid brist: ej godkänd auktorisation

            """
        let document = try Rules.document("R", extra: extra)
        let decision = try Rules.decide(document, at: "omprövning", ["kvalitetsarbete": "false"])
        #expect(decision.conditions.first { $0.number == "5.1" }?.status == .notMet)
        #expect(decision.conditions.first { $0.number == "7" }?.reasons == ["granskas inte vid omprövning"])
        #expect(decision.outcome == .notApproved)
    }
}
