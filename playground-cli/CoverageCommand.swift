import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// `kundval täckning SÖKVÄG… [--json] [--minst PROCENT]`: for every document, every condition in
/// force with whether it has a predicate, evidence and a consequence, and how many passed tests
/// show it met and not met; exits 1 when a test fails or fewer are covered than `--minst` says.
enum CoverageCommand {
    static let usage = """
        användning: kundval täckning SÖKVÄG… [--json] [--minst PROCENT]

        Visar för varje dokument i de angivna .kundval-filerna och mapparna alla villkor som
        gäller (för ett kundval: reglementets villkor som kundvalet preciserar, och dess egna
        undervillkor), om villkoret har predikat (`kräver`), underlag och följd (`vid brist`),
        och hur många tester som går igenom och visar det uppfyllt respektive ej uppfyllt eller
        med underlag som saknas. Ett villkor är täckt när det har minst ett test åt båda hållen.
        --json skriver samma sak för maskiner (formen står i README.md). --minst 100 kräver att
        varje villkor och insats med krav är täckt.
        Slutstatus: 0 när reglerna kunde läsas och alla tester går igenom (och täckningen når
        --minst), 1 när reglerna har fel, ett test misslyckas eller täckningen är för låg,
        2 vid felaktig användning.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let json = options.flag("--json")
        let minimum = options.percentage("--minst")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval täckning: \(problem)")
            return .usage
        }
        guard !options.positional.isEmpty else {
            Output.error(usage)
            return .usage
        }
        let loaded: (rules: RuleSet, named: Set<String>)
        switch TestCommand.load(options.positional, command: "täckning", colors: Output.useColor(Output.color)) {
        case .success(let value): loaded = value
        case .failure(let stop): return stop.status
        }
        var coverages: [DocumentCoverage] = []
        for document in loaded.rules.documents where loaded.named.contains(RuleFiles.canonical(document.path)) {
            coverages.append(document.coverage(from: document.runTests { path throws(ExampleFileRefusal) in try TestCommand.readExample(path, of: document.path) }))
        }
        Output.write(json ? DocumentCoverage.json(coverages) : coverages.map(text).joined(separator: "\n"))
        let failed = coverages.reduce(0) { $0 + $1.failedTests }
        if failed > 0 {
            Output.error("kundval täckning: \(failed == 1 ? "1 test misslyckas" : "\(failed) tester misslyckas") och räknas inte (`kundval test`)")
            return .failure
        }
        // Covered among the conditions in force and the services with requirements, all documents.
        let parts = coverages.flatMap { $0.conditions.filter { !$0.isSwitchedOff }.map(\.isCovered) + $0.services.filter(\.hasRequirements).map(\.isCovered) }
        let share = parts.isEmpty ? 100 : Double(parts.count(where: { $0 })) * 100 / Double(parts.count)
        if let minimum, share < minimum.share {
            Output.error("kundval täckning: " + String(format: "%.1f", share).replacingOccurrences(of: ".", with: ",")
                         + " % av villkoren och insatserna är täckta, under gränsen \(minimum.text) %")
            return .failure
        }
        return .ok
    }

    /// One document's coverage as a table for people.
    static func text(_ coverage: DocumentCoverage) -> String {
        let conditions = coverage.conditions
        let inForce = conditions.filter { !$0.isSwitchedOff }
        func share(_ count: Int) -> String {
            inForce.isEmpty ? "\(count)" : "\(count) av \(inForce.count) (\(count * 100 / inForce.count) %)"
        }
        var out = "\(coverage.document)\(coverage.version.map { " (\($0))" } ?? "") — \(coverage.path)\n"
        out += "  villkor som gäller: \(inForce.count)"
            + (conditions.count > inForce.count ? ", förekommer inte: \(conditions.count - inForce.count)" : "") + "\n"
        out += "  med predikat: \(share(inForce.count { $0.hasPredicate })), med underlag: \(share(inForce.count { $0.hasEvidence })), "
            + "med följd: \(share(inForce.count { $0.hasConsequence }))\n"
        out += "  tester: \(coverage.tests)" + (coverage.failedTests > 0 ? " (\(coverage.failedTests) misslyckas och räknas inte)" : "")
            + "; täckta åt båda hållen: \(share(inForce.count(where: \.isCovered)))\n\n"
        let width = max(7, conditions.map(\.number.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        out += "  " + pad("villkor", width) + "  predikat  underlag  följd  uppfyllt  ej uppfyllt  underlag saknas\n"
        for condition in conditions {
            let mark: (Bool) -> String = { $0 ? "ja" : "–" }
            if condition.isSwitchedOff {
                out += "  " + pad(condition.number, width) + "  förekommer inte i detta kundval\n"
                continue
            }
            let line = "  " + pad(condition.number, width) + "  " + pad(mark(condition.hasPredicate), 8) + "  "
                + pad(mark(condition.hasEvidence), 8) + "  " + pad(mark(condition.hasConsequence), 5) + "  "
                + pad(String(condition.met), 8) + "  " + pad(String(condition.notMet), 11) + "  "
                + pad(String(condition.missingEvidence), 15)
            // The row without its trailing spaces: trimming the whole text so far, once per row,
            // took 41 s for 2,000 conditions (found by a hostile-input session).
            out += String(line.reversed().drop { $0 == " " }.reversed())
            out += condition.isCovered ? "\n" : "   ← ej täckt\n"
        }
        let services = coverage.services.filter(\.hasRequirements)
        if !services.isEmpty {
            let nameWidth = max(7, services.map(\.name.count).max() ?? 0)
            out += "\n  " + pad("insats", nameWidth) + "  uppfyllt  ej uppfyllt  underlag saknas\n"
            for service in services {
                var line = "  " + pad(service.name, nameWidth) + "  " + pad(String(service.met), 8) + "  "
                    + pad(String(service.notMet), 11) + "  " + String(service.missingEvidence)
                line += service.isCovered ? "\n" : "   ← ej täckt\n"
                out += line
            }
        }
        return out
    }
}
