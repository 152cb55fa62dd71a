import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// `kundval förklara KUNDVAL VILLKOR --fakta FIL.json [--bedömning B] [--datum D] [--regler MAPP]`:
/// why one condition (or service) has its status for one provider, in Swedish for a case officer.
enum ExplainCommand {
    static let usage = """
        användning: kundval förklara KUNDVAL VILLKOR --fakta FIL.json [--bedömning ansökan|uppföljning|…]
                                      [--datum ÅÅÅÅ-MM-DD] [--regler MAPP] [--brister]

        Förklarar varför ett villkor (till exempel 17 eller 16.8.4) eller en insats (till exempel
        fai_1) har sin status för anordnaren: villkorets lydelse, vad som prövades med vilka
        uppgifter, underlaget och följden vid brist. --brister visar bara de krav och underlag som
        inte höll: det som avgjorde bristen eller det som saknas.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let factsPath = options.value("--fakta")
        let assessment = options.value("--bedömning") ?? "ansökan"
        let folder = options.value("--regler") ?? "conditions"
        let dateText = options.value("--datum")
        let onlyFailures = options.flag("--brister")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval förklara: \(problem)\n\n" + usage)
            return .usage
        }
        guard options.positional.count == 2, let factsPath else {
            let problem = DocumentTarget.argumentProblem(options.positional, count: 2, command: "förklara")
            Output.error((problem.map { $0 + "\n\n" } ?? "") + usage)
            return .usage
        }
        let (target, wanted) = (options.positional[0], options.positional[1])
        guard let date = DocumentTarget.date(dateText, command: "förklara") else { return .usage }
        let (document, rules): (CompiledDocument, RuleSet)
        switch DocumentTarget.loadWithRules(target, folder: folder, date: date, command: "förklara") {
        case .success(let found): (document, rules) = (found.document, found.rules)
        case .failure(let stop): return stop.status
        }
        let serviceNames = document.serviceNames
        guard document.conditionNumbers.contains(wanted) || serviceNames.contains(wanted) else {
            var message = "kundval förklara: villkor `\(wanted)` finns inte i `\(document.name)`"
            if let suggestion = Suggestion.closest(to: wanted, among: document.conditionNumbers + serviceNames) {
                message += "; menade du `\(suggestion)`?"
            }
            Output.error(message)
            return .usage
        }
        guard let facts = DocumentTarget.facts(factsPath, for: document, in: rules, command: "förklara") else { return .usage }
        let decision: Decision
        do {
            // With the computations, as `eval`: one that cannot be made stops this too.
            decision = try document.evaluate(facts, assessment: assessment, date: date, explain: true, computations: true)
        } catch {
            Output.error("kundval förklara: \(error)")
            return .usage
        }
        if let service = decision.services.first(where: { $0.name == wanted }) {
            Output.write(explain(service, decision: decision))
        } else if let condition = decision.conditions.first(where: { $0.number == wanted }),
                  let text = document.conditionText(wanted) {
            Output.write(explain(condition, text: text, decision: decision, onlyFailures: onlyFailures))
        }
        return .ok
    }

    static func explain(_ condition: ConditionDecision, text: ConditionText, decision: Decision, onlyFailures: Bool = false) -> String {
        // `är uppfyllt`, `är ej uppfyllt`, `är ej tillämpligt`; not `är underlag saknas`.
        let status = condition.status == .missingEvidence ? " kan inte avgöras: underlag saknas" : " är \(condition.status.rawValue)"
        var out = "Villkor \(condition.number)\(condition.title.map { " ”\($0)”" } ?? "")" + status
            + " vid \(decision.assessment.name) \(decision.date).\n"
        for part in text.parts {
            if part.isSwitchedOff {
                out += "\nVillkoret förekommer inte i detta kundval.\n"
                continue
            }
            if let wording = part.wording { out += "\nLydelse i \(part.source):\n" + indent(wording) }
            if let clarification = part.clarification { out += "\nFörtydligande i \(part.source):\n" + indent(clarification) }
        }
        if !condition.reasons.isEmpty {
            out += "\nVarför:\n" + condition.reasons.map { "  - " + sentence($0) + "\n" }.joined()
        }
        if !condition.missingFacts.isEmpty {
            out += "\nUppgifter som saknas: " + condition.missingFacts.joined(separator: ", ") + "\n"
        }
        if !condition.evidenceToRequest.isEmpty {
            out += "Underlag att begära: " + condition.evidenceToRequest.joined(separator: "; ") + "\n"
        }
        if onlyFailures {
            if let lines = condition.explanation?.failureLines, !lines.isEmpty {
                // The steps of each check that did not hold, the facts it read among them.
                out += "\nSå prövades det som inte höll (uppgift eller jämförelse, med raden i regelfilen):\n"
                    + lines.map { "  " + $0 + "\n" }.joined()
            } else if condition.status == .met {
                out += "\nInget av det som prövades brister.\n"
            }
        } else if let lines = condition.explanation?.lines, !lines.isEmpty {
            out += "\nSå här prövades det (uppgift eller jämförelse, med raden i regelfilen):\n"
                + lines.map { "  " + $0 + "\n" }.joined()
        }
        // A condition the kundval switches off is not checked and has no consequence here: the
        // reglemente's columns for it do not apply (its wording is shown above for reference).
        let inForce = !text.parts.contains(where: \.isSwitchedOff)
        let evidence = inForce ? unique(text.parts.flatMap(\.evidence)) : []
        if !evidence.isEmpty { out += "\nUnderlag för kontroll: " + evidence.joined(separator: "; ") + "\n" }
        let consequences = inForce ? unique(text.parts.flatMap(\.consequences)) : []
        if !consequences.isEmpty { out += "Följd vid brist: " + consequences.joined(separator: ", ") + "\n" }
        if let consequence = condition.consequence {
            out += "Påföljd för villkoret: " + DecisionText.describe(consequence) + "\n"
        }
        if condition.status == .notMet, let sanction = decision.sanction {
            out += "Rekommenderad sanktion för beslutet: " + DecisionText.describe(sanction) + "\n"
        }
        return out
    }

    static func explain(_ service: ServiceDecision, decision: Decision) -> String {
        var out = "Insatsen \(service.name)\(service.title.map { " ”\($0)”" } ?? ""): \(service.status.rawValue)"
            + " vid \(decision.assessment.name) \(decision.date).\n"
        if !service.reasons.isEmpty {
            out += "\nVarför:\n" + service.reasons.map { "  - " + sentence($0) + "\n" }.joined()
                + (service.missingFacts.isEmpty ? "" : "\nUppgifter som saknas: " + service.missingFacts.joined(separator: ", ") + "\n")
        }
        return out
    }

    /// A reason as a sentence: `kravet är inte uppfyllt: X` becomes `Kravet ”X” är inte uppfyllt.`
    static func sentence(_ text: String) -> String {
        for (prefix, verb) in [("kravet är inte uppfyllt: ", "är inte uppfyllt"), ("det går inte att avgöra: ", "kan inte avgöras")]
        where text.hasPrefix(prefix) {
            return "Kravet ”\(text.dropFirst(prefix.count))” \(verb)."
        }
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n"
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
