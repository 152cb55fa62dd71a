import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// `kundval eval KUNDVAL --fakta FIL.json [--bedömning B] [--datum ÅÅÅÅ-MM-DD] [--json] [--regler MAPP]`:
/// evaluates a kundval for one provider's facts.
enum EvalCommand {
    static let usage = """
        användning: kundval eval KUNDVAL --fakta FIL.json [--bedömning ansökan|uppföljning|…]
                                  [--datum ÅÅÅÅ-MM-DD] [--json] [--regler MAPP]

        KUNDVAL är en regelfil eller namnet på ett dokument i regelmappen (standard: conditions);
        gäller två versioner samtidigt, ange versionen ("31 villkor") eller filen.
        --fakta - läser fakta från standard in. Utan --datum används dagens datum; utan
        --bedömning `ansökan`. Med --json skrivs också fel som JSON på standard ut:
        {"fel": "…"} (och "diagnostiker" när reglerna har fel).
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let json = options.flag("--json")
        Output.errorsAsJSON = json
        guard let factsPath = options.value("--fakta") else {
            Output.error("kundval eval: ange fakta med `--fakta FIL.json`\n\n" + usage)
            return .usage
        }
        let assessment = options.value("--bedömning") ?? "ansökan"
        let folder = options.value("--regler") ?? "conditions"
        guard let date = DocumentTarget.date(options.value("--datum"), command: "eval") else { return .usage }
        options.finish()
        if let problem = options.problem {
            Output.error("kundval eval: \(problem)")
            return .usage
        }
        guard options.positional.count == 1, let target = options.positional.first else {
            Output.error((DocumentTarget.argumentProblem(options.positional, command: "eval").map { $0 + "\n\n" } ?? "") + usage)
            return .usage
        }

        let (document, rules): (CompiledDocument, RuleSet)
        switch DocumentTarget.loadWithRules(target, folder: folder, date: date, command: "eval") {
        case .success(let found): (document, rules) = (found.document, found.rules)
        case .failure(let stop): return stop.status
        }
        guard let facts = DocumentTarget.facts(factsPath, for: document, in: rules, command: "eval") else { return .usage }
        let decision: Decision
        do {
            decision = try document.evaluate(facts, assessment: assessment, date: date, explain: true, computations: true)
        } catch {
            Output.error("kundval eval: \(error)")
            return .usage
        }
        Output.write(json ? decision.json() : DecisionText.render(decision))
        return .ok
    }
}

/// A decision as text for people: the outcome, then the conditions that decided it.
enum DecisionText {
    static func render(_ decision: Decision) -> String {
        var out = "\(decision.document)\(decision.version.map { " (\($0))" } ?? "")\n"
        out += "bedömning: \(decision.assessment.name) \(decision.date)\nutfall: \(decision.outcome.rawValue)\n"
        if let sanction = decision.sanction {
            out += "rekommenderad sanktion: " + Self.describe(sanction) + "\n"
        }
        for ground in decision.deauthorizations {
            if let date = ground.date {
                out += "avauktorisation: \(ground.ground) från \(date)" + (ground.hasOccurred ? "" : " (har inte inträffat)") + "\n"
            } else {
                // Nothing missing: the facts disagree (as the ground's anmärkning says).
                out += "avauktorisation: \(ground.ground): kan inte avgöras"
                    + (ground.missingFacts.isEmpty ? " med dessa uppgifter" : ", uppgifter saknas: " + ground.missingFacts.joined(separator: ", ")) + "\n"
            }
        }
        for condition in decision.conditions where condition.status == .notMet || condition.status == .missingEvidence {
            out += "\n  villkor \(condition.number)\(condition.title.map { " ”\($0)”" } ?? ""): \(condition.status.rawValue)\n"
            for reason in condition.reasons { out += "    \(reason)\n" }
            if let consequence = condition.consequence { out += "    påföljd: " + Self.describe(consequence) + "\n" }
            if !condition.missingFacts.isEmpty { out += "    saknade fakta: \(condition.missingFacts.joined(separator: ", "))\n" }
            for request in condition.evidenceToRequest { out += "    begär underlag: \(request)\n" }
            for line in condition.explanation?.lines ?? [] { out += "      \(line)\n" }
        }
        for service in decision.services where service.status == .notMet || service.status == .missingEvidence {
            out += "\n  insats \(service.name)\(service.title.map { " ”\($0)”" } ?? ""): \(service.status.rawValue)\n"
            for reason in service.reasons { out += "    \(reason)\n" }
            if !service.missingFacts.isEmpty { out += "    saknade fakta: \(service.missingFacts.joined(separator: ", "))\n" }
        }
        let met = decision.conditions.filter { $0.status == .met }.map(\.number)
        let notApplicable = decision.conditions.filter { $0.status == .notApplicable }
        out += "\nuppfyllda: " + (met.isEmpty ? "inga" : met.joined(separator: ", ")) + "\n"
        if !notApplicable.isEmpty {
            out += "ej tillämpliga: " + notApplicable.map { "\($0.number) (\($0.reasons.first ?? ""))" }.joined(separator: ", ") + "\n"
        }
        if !decision.services.isEmpty {
            out += "insatser: " + decision.services.map { "\($0.name) \($0.status.rawValue)" }.joined(separator: ", ") + "\n"
        }
        // The computations that could be made: one whose facts are not given (the fine without
        // the days of the shortfall, next year's rotation in an application) says nothing to the
        // reader of this decision. `--json` has them all, the unknown ones as null.
        let known = decision.computations.filter { $0.value != .unknown }
        if !known.isEmpty {
            out += "beräkningar: " + known.map { "\($0.name) = \($0.text)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// `varning för villkor 17, 23 (enligt val_av_sanktion: påverkan = …); vite: 16500 kr`.
    static func describe(_ sanction: SanctionRecommendation) -> String {
        var causes: [String] = []
        if !sanction.conditions.isEmpty { causes.append("villkor " + sanction.conditions.joined(separator: ", ")) }
        if !sanction.services.isEmpty { causes.append("insats " + sanction.services.joined(separator: ", ")) }
        var text = (sanction.sanction?.name ?? "kan inte föreslås") + " för " + causes.joined(separator: " och ")
        if let table = sanction.table, sanction.sanction != nil {
            text += " (enligt \(table): " + sanction.factors.map { "\($0.name) = \($0.text)" }.joined(separator: ", ") + ")"
        }
        if let amount = sanction.amount { text += "; \(amount.name) = \(amount.text)" }
        let missing = sanction.missingFactors.joined(separator: ", ")
        if sanction.sanction == nil {
            return text + (missing.isEmpty ? "; nämnden väljer bland de tillåtna stegen" : "; okänt: " + missing)
        }
        // The shortfalls the recommendation leaves out, and what they wait for (a condition
        // waiting for one part is also among those it is for, by its parts already decided).
        if !sanction.undecidedConditions.isEmpty {
            text += "; utan förslag: villkor " + sanction.undecidedConditions.joined(separator: ", ")
                + (missing.isEmpty ? "" : " (okänt: " + missing + ")")
        } else if !missing.isEmpty {
            text += "; okänt för brister utan förslag: " + missing
        }
        return text
    }

    /// `varning (tillåtna: åtgärdsplan, varning, vite, avauktorisation; enligt val_av_sanktion: påverkan = …)`.
    static func describe(_ consequence: ConsequenceDecision) -> String {
        var text = consequence.recommended?.name ?? "kan inte föreslås"
        var details: [String] = []
        if consequence.allowed.count > 1 { details.append("tillåtna: " + consequence.allowed.map(\.name).joined(separator: ", ")) }
        if let table = consequence.table, !consequence.factors.isEmpty {
            details.append("enligt \(table): " + consequence.factors.map { "\($0.name) = \($0.text)" }.joined(separator: ", "))
        }
        if !consequence.missingFactors.isEmpty { details.append("okänt: " + consequence.missingFactors.joined(separator: ", ")) }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }
}

/// Today's date, for the command line only (the library never reads the clock).
enum Today {
    static var day: Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Stockholm") ?? .current, from: Date())
        return (try? Day(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)) ?? Day(number: 0)
    }
}

