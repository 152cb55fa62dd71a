import Foundation
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// The third column of the shipped documents (issue 13): what a shortfall leads to, as the
/// documents state it. Each test starts from a shipped example provider and changes what the
/// finding is about; the numbered comments are the findings of the issue.
@Suite struct ThirdColumnTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shipped = Result { try RuleSet.compile(Engine.readFolder(root.appendingPathComponent("conditions").path)).get() }

    static let öppenvård = "Öppenvårdsinsatser för personer med skadligt bruk och beroende"
    static let arbete = "Arbete och etablering"
    static let missbruk = "Öppenvårdsinsatser för personer med missbruksproblematik"
    static let reglemente = "Reglemente för kundval"

    /// `2025-09-01` as a day.
    static func day(_ text: String) throws -> Day {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return try Day(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A shipped document in force on `date`; the reglemente in its current version.
    static func document(_ name: String, on date: Day) throws -> CompiledDocument {
        let rules = try shipped.get()
        if name == reglemente { return try #require(rules.documents.first { $0.name == name && $0.version == "31 villkor" }) }
        return try #require(rules.document(named: name, on: date))
    }

    /// A shipped example provider with `changes` (a dotted path and a JSON value, `null` to
    /// make a fact unknown).
    static func facts(_ document: CompiledDocument, _ example: String, _ changes: [String: String] = [:]) throws -> Facts {
        let url = root.appendingPathComponent("conditions/exempel/\(example)")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        for (path, value) in changes {
            let parsed = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            set(&json, path.split(separator: ".").map(String.init), to: parsed)
        }
        let bytes = try JSONSerialization.data(withJSONObject: json)
        return try document.decoder.decode(json: [UInt8](bytes)).get()
    }

    private static func set(_ object: inout [String: Any], _ path: [String], to value: Any) {
        guard path.count > 1 else { return object[path[0]] = value }
        var inner = object[path[0]] as? [String: Any] ?? [:]
        set(&inner, Array(path.dropFirst()), to: value)
        object[path[0]] = inner
    }

    static func decide(_ name: String, _ example: String, _ changes: [String: String] = [:],
                       at assessment: String, on date: String, explain: Bool = false) throws -> Decision {
        let day = try Self.day(date)
        let document = try document(name, on: day)
        return try document.evaluate(facts(document, example, changes), assessment: assessment, date: day,
                                     explain: explain, computations: true)
    }

    /// The decision as JSON, parsed, for what a service reads.
    static func json(_ decision: Decision) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(decision.json().utf8)) as? [String: Any])
    }

    static func condition(_ number: String, in decision: Decision) throws -> ConditionDecision {
        try #require(decision.conditions.first { $0.number == number })
    }

    // 1. The sanction section applies to every condition whose row says `sanktion`.
    @Test func theSanctionPolicyChoosesForAGeneralConditionWithoutATableOfItsOwn() throws {
        let decision = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", [
            "anordnare.rutiner.motverka_välfärdsbrottslighet": "false",
            "påverkan": "\"risk_för_eller_drabbat_kunder\"", "inte_åtgärdad_inom_utsatt_tid": "false",
        ], at: "uppföljning", on: "2025-09-01")
        let consequence = try #require(try Self.condition("24", in: decision).consequence)
        #expect(consequence.allowed.map(\.name) == ["åtgärdsplan", "varning", "vite", "åtgärdsplan_förenad_med_vite",
                                        "varning_förenad_med_vite", "avauktorisation"])
        #expect(consequence.recommended?.name == "varning")
        #expect(consequence.table == "val_av_sanktion")
        #expect(consequence.factors.map(\.name) == ["påverkan", "inte_åtgärdad_inom_utsatt_tid"])
        #expect(decision.sanction?.sanction?.name == "varning")
        #expect(decision.sanction?.conditions == ["24"])
        let sanction = try #require(try Self.json(decision)["sanktion"] as? [String: Any])
        #expect(sanction["sanktion"] as? String == "varning")
    }

    // 1. An unknown factor is named, never a silent null.
    @Test func anUnknownFactorIsNamedAsMissing() throws {
        let decision = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", [
            "anordnare.rutiner.motverka_välfärdsbrottslighet": "false", "påverkan": "null",
        ], at: "uppföljning", on: "2025-09-01")
        let consequence = try #require(try Self.condition("24", in: decision).consequence)
        #expect(consequence.recommended?.name == nil)
        #expect(consequence.missingFactors == ["påverkan"])
        let sanction = try #require(decision.sanction)
        #expect(sanction.sanction == nil)
        #expect(sanction.conditions == ["24"])
        #expect(sanction.missingFactors == ["påverkan"])
        let json = try #require(try Self.json(decision)["sanktion"] as? [String: Any])
        #expect(json["saknade_faktorer"] as? [String] == ["påverkan"])
    }

    // 2. A shortfall whose consequence is de-authorization de-authorizes, from the assessment
    // date: in 002 the sanction table chooses it when the provider is unfit to deliver welfare
    // services (a row that says `vid brist: avauktorisation` is in ThirdColumnPolicyTests).
    @Test func aShortfallWhoseConsequenceIsDeauthorizationDeauthorizes() throws {
        let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", [
            "anordnare.personal_i_omfattning_och_med_kompetens": "false",
            "påverkan": "\"risk_för_kunder_eller_kommunen\"", "olämplig_att_utföra_välfärdstjänster": "true",
        ], at: "uppföljning", on: "2025-09-01")
        #expect(decision.outcome == .deauthorized)
        #expect(try Self.condition("13", in: decision).consequence?.recommended?.name == "avauktorisation")
        #expect(decision.sanction?.sanction?.name == "avauktorisation")
        let ground = try #require(decision.deauthorizations.first)
        #expect(ground.ground == "brister i villkor 13 och 13.1")
        #expect(ground.date == (try Self.day("2025-09-01")))
        #expect(ground.hasOccurred)
        #expect(try Self.json(decision)["utfall"] as? String == "avauktorisation")
    }

    // 5. The fine goes only with the steps that carry one, as 000 ties it to a shortfall not
    // remedied in time ("varning förenad med vite").
    @Test func theFineIsComputedOnlyWhenTheSanctionIsAFine() throws {
        let remedied = try Self.decide(Self.öppenvård, "oppenvard-brister.json", at: "uppföljning", on: "2025-03-01")
        #expect(remedied.sanction?.sanction?.name == "varning")
        #expect(remedied.sanction?.amount == nil)
        #expect(!remedied.computations.contains { $0.name == "vitesbelopp" })

        let late = try Self.decide(Self.öppenvård, "oppenvard-brister.json", ["inte_åtgärdad_inom_utsatt_tid": "true"],
                                   at: "uppföljning", on: "2025-03-01")
        #expect(late.sanction?.sanction?.name == "varning_förenad_med_vite")
        let amount = try #require(late.sanction?.amount)
        #expect(amount.name == "vitesbelopp")
        #expect(amount.type == "belopp")
        #expect(amount.unit == .kronor)
        #expect(amount.exact?.isEmpty == false)
        let json = try #require(try Self.json(late)["sanktion"] as? [String: Any])
        let belopp = try #require(json["belopp"] as? [String: Any])
        #expect(belopp["enhet"] as? String == "kr")
        #expect(belopp["värde"] is String, "an amount is an exact decimal string")
    }

    // 6. No assignment for twelve months: counted from the last assignment, or from the
    // authorization when there never was one.
    @Test(arguments: [
        (["anordnare.har_pågående_uppdrag": "false", "anordnare.senaste_uppdrag_avslutat": "\"2024-08-15\""], "2025-08-15", true),
        (["anordnare.har_pågående_uppdrag": "false", "anordnare.senaste_uppdrag_avslutat": "\"2024-09-15\""], "2025-09-15", false),
        (["anordnare.har_pågående_uppdrag": "false", "anordnare.auktorisation_godkänd": "\"2024-08-15\""], "2025-08-15", true),
    ])
    func deauthorizationWithoutAnAssignmentIsDecided(changes: [String: String], date: String, occurred: Bool) throws {
        let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "uppföljning", on: "2025-09-01")
        let ground = try #require(decision.deauthorizations.first { $0.ground == "Utifrån avsaknad av uppdrag" })
        #expect(ground.date == (try Self.day(date)))
        #expect(ground.hasOccurred == occurred)
        #expect(decision.outcome == (occurred ? .deauthorized : .noShortfalls))
    }

    // 6. A ground that cannot be decided yet names the facts it waits for, by every path (the
    // program, the value code of an explained decision, the JSON a service reads).
    @Test(arguments: [false, true])
    func anUndecidedGroundNamesItsMissingFacts(explain: Bool) throws {
        let changes = ["anordnare.har_pågående_uppdrag": "false", "anordnare.auktorisation_godkänd": "null"]
        let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "uppföljning", on: "2025-09-01",
                                       explain: explain)
        let ground = try #require(decision.deauthorizations.first { $0.ground == "Utifrån avsaknad av uppdrag" })
        #expect(ground.date == nil && !ground.hasOccurred)
        // Without a last assignment the twelve months count from the authorization: its date is
        // what is missing (`senaste_uppdrag_avslutat finns` is known).
        #expect(ground.missingFacts == ["anordnare.auktorisation_godkänd"])
        let json = try #require((try Self.json(decision))["avauktorisation"] as? [[String: Any]])
        let written = try #require(json.first { $0["grund"] as? String == "Utifrån avsaknad av uppdrag" })
        #expect(written["har_inträffat"] is NSNull)
        #expect(written["saknade_fakta"] as? [String] == ground.missingFacts)
        // A stored decision reads back the same.
        let stored = try JSONDecoder().decode(Decision.self, from: JSONEncoder().encode(decision))
        #expect(stored.deauthorizations == decision.deauthorizations)
    }

    // 2. A failing condition's reasons say what decided it, by both paths: not also that a part
    // does not apply (001 villkor 10: the reglemente's part does not, the kundval's fails), nor
    // that the same requirement is not tested by the other part (001 villkor 6: F-skatt in the
    // reglemente at the application, in the kundval at follow-up).
    @Test(arguments: [false, true])
    func aFailingConditionsReasonsDoNotContradictIt(explain: Bool) throws {
        let fSkatt = try Self.decide(Self.missbruk, "oppenvard-001-godkand.json", ["anordnare.godkänd_för_f_skatt": "false"],
                                     at: "ansökan", on: "2025-06-01", explain: explain)
        #expect(try Self.condition("6", in: fSkatt).reasons == ["kravet är inte uppfyllt: anordnare.godkänd_för_f_skatt"])
        let unknown = try Self.decide(Self.missbruk, "oppenvard-001-godkand.json", ["anordnare.godkänd_för_f_skatt": "null"],
                                      at: "ansökan", on: "2025-06-01", explain: explain)
        let undecided = try Self.condition("6", in: unknown)
        #expect(undecided.status == .missingEvidence)
        #expect(undecided.reasons.allSatisfy { !$0.contains("prövas inte") }, "\(undecided.reasons)")
        #expect(undecided.missingFacts == ["anordnare.godkänd_för_f_skatt"])
        let cancelled = #"[{"kommun": "Solna", "hävt": "2023-01-01", "på_grund_av_brist_hos_anordnaren": true, "inom_verksamhetsområdet": true}]"#
        let other = try Self.decide(Self.missbruk, "oppenvard-001-godkand.json", ["anordnare.avtal_hävda_av_annan_kommun": cancelled],
                                    at: "ansökan", on: "2025-06-01", explain: explain)
        let condition = try Self.condition("10", in: other)
        #expect(condition.status == .notMet)
        #expect(condition.reasons == ["kravet är inte uppfyllt: anordnare.åtgärder_mot_tidigare_brister_visade"])
    }

    // 7. A sub-condition whose own evidence does not run in this kind of assessment asks for
    // what the condition above it asks (002 17.2 at a follow-up asked for nothing).
    @Test(arguments: [false, true])
    func aSubConditionWithoutControlPointsHereAsksForItsParents(explain: Bool) throws {
        let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", ["anordnare.den_som_utövar_daglig_ledning": "null"],
                                       at: "uppföljning", on: "2025-06-15", explain: explain)
        let condition = try Self.condition("17.2", in: decision)
        #expect(condition.status == .missingEvidence)
        #expect(condition.evidenceToRequest.contains("uppföljning: CV, registerutdrag, arbetsmiljöplan."), "\(condition.evidenceToRequest)")
    }

    // 7. A service that cannot be decided names the facts it misses, by every path, in JSON, and
    // stored (a service said only which requirements it could not decide).
    @Test(arguments: [false, true])
    func anUndecidedServiceNamesItsMissingFacts(explain: Bool) throws {
        let decision = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", ["anordnare.rådgivning": "null"],
                                       at: "ansökan", on: "2025-03-01", explain: explain)
        let service = try #require(decision.services.first { $0.name == "rådgivning_och_förstärkt_stöd" })
        #expect(service.status == .missingEvidence)
        #expect(!service.missingFacts.isEmpty && service.missingFacts.allSatisfy { $0.hasPrefix("anordnare.rådgivning.") },
                "\(service.missingFacts)")
        let others = decision.services.filter { $0.status != .missingEvidence }
        #expect(others.allSatisfy { $0.missingFacts.isEmpty })
        let json = try #require((try Self.json(decision))["insatser"] as? [[String: Any]])
        let written = json.first { $0["namn"] as? String == service.name }
        #expect(written?["saknade_fakta"] as? [String] == service.missingFacts)
        let stored = try JSONDecoder().decode(Decision.self, from: JSONEncoder().encode(decision))
        #expect(stored.services == decision.services)
    }

    // 2. A condition whose two parts do not apply says so once (000 villkor 12 said it twice).
    @Test(arguments: [false, true])
    func aConditionThatDoesNotApplySaysSoOnce(explain: Bool) throws {
        let decision = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", at: "ansökan", on: "2025-03-01", explain: explain)
        let condition = try Self.condition("12", in: decision)
        #expect(condition.status == .notApplicable)
        #expect(condition.reasons == ["villkoret gäller inte för anordnaren"])
    }

    // 6. The provider's own request: de-authorized when the notice period has run out.
    @Test func deauthorizationOnTheProvidersOwnRequestAfterTheNoticePeriod() throws {
        let changes = ["anordnare.uppsägning_meddelad": "\"2025-08-31\""]
        let before = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", changes, at: "uppföljning", on: "2026-02-27")
        #expect(before.outcome == .noShortfalls)
        #expect(before.deauthorizations.map(\.hasOccurred) == [false])
        let after = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", changes, at: "uppföljning", on: "2026-02-28")
        #expect(after.outcome == .deauthorized)
        #expect(after.deauthorizations.first?.ground == "På egen begäran")
        #expect(after.deauthorizations.first?.date == (try Self.day("2026-02-28")))
    }

    // 7. Evidence not yet given is `underlag saknas`, naming what to send; once given, its age decides.
    @Test func aMissingAttachmentAsksForItInsteadOfRejecting() throws {
        let missing = try Self.decide(Self.reglemente, "reglemente-godkand.json", ["anordnare.registreringsbevis": "null"],
                                      at: "ansökan", on: "2025-03-01")
        #expect(missing.outcome == .incomplete)
        let condition = try Self.condition("4", in: missing)
        #expect(condition.status == .missingEvidence)
        #expect(condition.evidenceToRequest == ["bifogas ansökan: anordnare.registreringsbevis"])
        #expect(condition.consequence == nil)
    }

    // 7. Only the evidence of what is undecided is requested: in 002, condition 6's general part
    // (`erforderlig ekonomisk kapacitet`, `bifogas ansökan`) holds while the kundval's credit
    // rating is unknown, so a case officer asks for the credit report and the annual report, not
    // for the general part's attachment again.
    @Test func onlyTheUndecidedPartsEvidenceIsRequested() throws {
        let changes = ["anordnare.kreditvärdig_eller_grön": "null"]
        let application = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "ansökan", on: "2025-03-01")
        let condition = try Self.condition("6", in: application)
        #expect(condition.status == .missingEvidence)
        #expect(condition.controlPoints == ["bifogas ansökan", "kontroll: Kreditupplysning", "bifogas ansökan: Årsredovisning"])
        #expect(condition.evidenceToRequest == ["kontroll: Kreditupplysning", "bifogas ansökan: Årsredovisning"])
        let followUp = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "uppföljning", on: "2025-03-01")
        #expect(try Self.condition("6", in: followUp).evidenceToRequest == ["kontroll: Kreditupplysning"])
        // Explained, the same.
        let explained = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "ansökan", on: "2025-03-01",
                                        explain: true)
        #expect(try Self.condition("6", in: explained).evidenceToRequest == condition.evidenceToRequest)
    }

    // 7. An undecided part that runs no control point of its own in this kind of assessment is
    // checked by the row's: 001 villkor 7 at a follow-up (the kundval's part asks only for an
    // attachment at the application; the reglemente's for `uppföljning`), found by a review.
    @Test func anUndecidedPartWithoutControlPointsAsksForTheRows() throws {
        let changes = ["anordnare.kreditvärdighet": "null"]
        for explain in [false, true] {
            let followUp = try Self.decide(Self.missbruk, "oppenvard-001-godkand.json", changes, at: "uppföljning", on: "2025-03-01",
                                           explain: explain)
            let condition = try Self.condition("7", in: followUp)
            #expect(condition.status == .missingEvidence)
            #expect(condition.evidenceToRequest == ["uppföljning"], "explain: \(explain)")
        }
    }

    // 7. An explanation shows a control point's age check, passing or not, on the control
    // point's line: the date of issue and whether the document is young enough.
    @Test func theAgeCheckOfAControlPointIsExplained() throws {
        // The control point's line in the shipped file (its second line holds the document).
        let text = try String(contentsOf: Self.root.appendingPathComponent("conditions/arbete-etablering-002.kundval"), encoding: .utf8)
        let lineNumber = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  underlag bifogas ansökan \"Registreringsbevis eller motsvarande") }) + 2
        for (date, verdict) in [("2025-03-01", "sant"), ("2025-09-01", "falskt")] {
            let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", at: "ansökan", on: date, explain: true)
            let lines = try #require(try Self.condition("4", in: decision).explanation?.lines)
            #expect(lines.contains { $0.hasSuffix(".kundval rad \(lineNumber): anordnare.registreringsbevis.utfärdat = 2025-01-15") }, "\(lines)")
            #expect(lines.contains("arbete-etablering-002.kundval rad \(lineNumber): `anordnare.registreringsbevis högst 3 månader gammalt` är \(verdict)"),
                    "\(lines)")
        }
        // An undated document: the check is unknown, and the missing date is a missing fact.
        let rules = """
            reglemente "R" version "1"
            typ Intyg
              utfärdat: datum kan saknas
            typ Anordnare
              intyg: Intyg kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Ett"
              underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt

            """
        let document = try ReviewChecksTests.documents([("r.kundval", rules)], name: "R")
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"intyg": {}}}"#.utf8)).get()
        for explain in [false, true] {
            let decision = try document.evaluate(facts, assessment: "ansökan", date: try Self.day("2025-03-01"), explain: explain)
            let condition = try Self.condition("1", in: decision)
            #expect(condition.status == .missingEvidence)
            #expect(condition.missingFacts == ["anordnare.intyg.utfärdat"], "explain: \(explain)")
            if explain {
                #expect(condition.explanation?.lines.last == "rad 11: `anordnare.intyg högst 3 månader gammalt` är okänt",
                        "\(condition.explanation?.lines ?? [])")
            }
        }
    }

    // 8. A refinement that only adds text does not make a condition count where it is not tested.
    @Test func aTextOnlyRefinementIsNotTestedWhereTheGeneralConditionIsNot() throws {
        let application = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", at: "ansökan", on: "2025-03-01")
        for number in ["13", "14", "20"] {
            let condition = try Self.condition(number, in: application)
            #expect(condition.status == .notApplicable, "villkor \(number)")
            #expect(condition.reasons == ["prövas inte vid ansökan"], "villkor \(number)")
        }
        let followUp = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", at: "uppföljning", on: "2025-09-01")
        for number in ["12", "15"] {
            #expect(try Self.condition(number, in: followUp).status == .notApplicable, "villkor \(number)")
        }
    }

    // 9. The owner-change reassessment reviews conditions 1–9 and not the services.
    @Test func theOwnerChangeReassessmentDoesNotDecideTheServices() throws {
        let changes = ["anordnare.fai_2.dokumenterar_progression": "false"]
        let followUp = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "uppföljning", on: "2025-03-01")
        #expect(followUp.services.first { $0.name == "fai_2" }?.status == .notMet)
        let reassessment = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", changes, at: "omprövning", on: "2025-03-01")
        #expect(reassessment.outcome == .approved)
        #expect(reassessment.services.allSatisfy { $0.status == .notApplicable })
        #expect(try Self.condition("10", in: reassessment).reasons == ["granskas inte vid omprövning"])
    }

    // 12. The outcome is in the words of the kind of assessment.
    @Test func theOutcomeIsInTheWordsOfTheAssessment() throws {
        let shortfalls = try Self.decide(Self.öppenvård, "oppenvard-brister.json", at: "uppföljning", on: "2025-03-01")
        #expect(shortfalls.outcome == .shortfalls)
        #expect(try Self.json(shortfalls)["utfall"] as? String == "brister")
        let none = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", at: "uppföljning", on: "2025-03-01")
        #expect(none.outcome == .noShortfalls)
        let rejected = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", ["anordnare.redovisar_måluppfyllelse": "false"],
                                       at: "ansökan", on: "2025-03-01")
        #expect(rejected.outcome == .notApproved)
    }

    // The guide's worked example: condition 15 of 000 has two control points with different
    // consequences, one per part.
    @Test func condition15OfÖppenvårdDecidesEachPartWithItsOwnConsequence() throws {
        let application = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", [
            "anordnare.redovisar_måluppfyllelse": "false", "anordnare.förankrad_i_miljö_och_klimatprogrammet": "false",
        ], at: "ansökan", on: "2025-03-01")
        let atApplication = try Self.condition("15", in: application)
        #expect(atApplication.status == .notMet)
        #expect(atApplication.reasons == ["kravet är inte uppfyllt: anordnare.redovisar_måluppfyllelse",
                                          "kravet prövas inte vid ansökan: Miljö och klimat"])
        #expect(atApplication.consequence?.allowed.map(\.name) == ["ej godkänd auktorisation"])

        let followUp = try Self.decide(Self.öppenvård, "oppenvard-godkand.json", [
            "anordnare.redovisar_måluppfyllelse": "false", "anordnare.förankrad_i_miljö_och_klimatprogrammet": "false",
        ], at: "uppföljning", on: "2025-03-01")
        let atFollowUp = try Self.condition("15", in: followUp)
        #expect(atFollowUp.reasons == ["kravet prövas inte vid uppföljning: anordnare.redovisar_måluppfyllelse",
                                       "kravet är inte uppfyllt: Miljö och klimat"])
        #expect(atFollowUp.consequence?.recommended?.name == "varning")
        #expect(followUp.outcome == .shortfalls)
    }
}
