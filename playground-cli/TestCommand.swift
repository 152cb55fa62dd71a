import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// `kundval test SÖKVÄG… [--färg aldrig|alltid|auto] [--alla]`: runs the tests written in the
/// rule files (`test "…"` declarations), prints each failure with its source line, and a
/// summary per document; exits 0 when every test passes. With `--mutera`, tests the tests (see
/// ``MutationCommand``).
enum TestCommand {
    static let usage = """
        användning: kundval test SÖKVÄG… [--färg aldrig|alltid|auto] [--alla] [--json]
                      kundval test --mutera SÖKVÄG… [--json] [--minst PROCENT]

        Kör testerna (`test "…"`) i de angivna .kundval-filerna och mapparna. Reglementen i samma
        mapp som en kundvalsfil läses med. Varje test som misslyckas visas med raden det står på,
        vad som väntades och vad beslutet blev. --alla listar också testerna som gick igenom.
        --json skriver resultatet som ett JSON-objekt (se README.md).
        Slutstatus: 0 när alla tester går igenom, 1 när något misslyckas eller reglerna har fel,
        2 vid felaktig användning.

        --mutera prövar testerna: en sak i taget ändras i reglerna (ett gränsvärde ett steg upp
        eller ned, en jämförelse, och/eller, alla/någon, en negation, finns/saknas, en
        dokumentålder, ett datum, ett borttaget krav) och testerna körs mot ändringen. En mutant
        som inga tester märker listas med sin plats: där säger testerna inte vad reglerna säger.
        --minst PROCENT ger slutstatus 1 när en mindre andel mutanter dödas.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let listAll = options.flag("--alla")
        let colorText = options.value("--färg") ?? Output.color.rawValue
        let mutate = options.flag("--mutera")
        let json = options.flag("--json")
        // `--minst` is a share for `--mutera`; without it, only its presence matters (an error).
        let minimum = mutate ? options.percentage("--minst") : nil
        let minimumWithoutMutation = mutate ? nil : options.value("--minst")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval test: \(problem)")
            return .usage
        }
        if mutate {
            guard !options.positional.isEmpty else {
                Output.error(usage)
                return .usage
            }
            return MutationCommand.run(paths: options.positional, json: json, minimum: minimum?.share)
        }
        if minimumWithoutMutation != nil {
            Output.error("kundval test: `--minst` hör till `--mutera`")
            return .usage
        }
        guard let color = Output.ColorChoice(rawValue: colorText) else {
            Output.error("kundval test: okänt värde `\(colorText)` för `--färg`; använd never, always eller auto")
            return .usage
        }
        guard !options.positional.isEmpty else {
            Output.error(usage)
            return .usage
        }
        let loaded: (rules: RuleSet, named: Set<String>)
        switch json ? RuleFiles.compile(options.positional) : .failure(.path("")) {
        case .success(let value):
            loaded = value
        case .failure(.rules(let failure)):
            // In JSON mode the rules' errors are JSON too.
            Output.print("{\"tester\": 0, \"misslyckade\": 0, \"fel_i_reglerna\": \(DiagnosticsJSON.array(failure.files)), \"dokument\": []}")
            return .failure
        case .failure(.path):
            switch load(options.positional, command: "test", colors: Output.useColor(color)) {
            case .success(let value): loaded = value
            case .failure(let stop): return stop.status
            }
        }
        let useColor = Output.useColor(color)
        let rules = loaded.rules
        let named = loaded.named
        let renderer = DiagnosticRenderer(colors: useColor)
        let (green, red, reset) = useColor ? ("\u{1B}[32m", "\u{1B}[31m", "\u{1B}[0m") : ("", "", "")
        var total = 0
        var failed = 0
        // Example files that cannot be used: errors of the files, whether or not a test uses them.
        var unusableExamples = 0
        var jsonDocuments: [String] = []
        for document in rules.documents where named.contains(RuleFiles.canonical(document.path)) {
            let read = { (path: String) throws(ExampleFileRefusal) -> [UInt8]? in try readExample(path, of: document.path) }
            let results = document.runTests(readFile: read)
            // An example file that cannot be used: one error at its path, and its tests not run.
            let exampleProblems = document.exampleProblems(readFile: read)
            let failures = results.filter { !$0.passed }
            total += results.count
            failed += failures.count
            unusableExamples += exampleProblems.count
            if json {
                let failing = failures.map { result in
                    "{\"namn\": \(JSONText.quoted(result.name)), \"rad\": \(result.file.location(of: result.span.start).line), "
                        + "\"fel\": [\(result.failures.map { DiagnosticsJSON.object($0, in: result.file) }.joined(separator: ", "))]}"
                }
                let file = document.sourceFile
                jsonDocuments.append("{\"fil\": \(JSONText.quoted(document.path)), \"dokument\": \(JSONText.quoted(document.name)), "
                    + "\"version\": \(document.version.map(JSONText.quoted) ?? "null"), \"tester\": \(results.count), "
                    + "\"misslyckade\": \(failures.count), \"misslyckade_tester\": [\(failing.joined(separator: ", "))], "
                    + "\"fel_i_exempel\": [\(exampleProblems.map { DiagnosticsJSON.object($0, in: file) }.joined(separator: ", "))]}")
                continue
            }
            let title = document.name + (document.version.map { " (\($0))" } ?? "")
            Output.print("\(document.path): \(title): \(Self.count(results.count)), "
                + (failures.isEmpty ? "\(green)alla gick igenom\(reset)" : "\(red)\(failures.count) misslyckades\(reset)"))
            if !exampleProblems.isEmpty {
                let file = document.sourceFile
                Output.write(renderer.render(FileDiagnostics(file: file, diagnostics: exampleProblems)) + "\n")
            }
            for result in results {
                if result.passed {
                    if listAll { Output.print("  \(green)✓\(reset) \(result.name)") }
                    continue
                }
                if let example = result.unusableExample {
                    // Its example's error is shown above, once.
                    Output.print("  \(red)✗\(reset) \(result.name): kördes inte, exemplet `\(example)` kan inte användas")
                    continue
                }
                Output.print("  \(red)✗\(reset) \(result.name)")
                Output.write(renderer.render(FileDiagnostics(file: result.file, diagnostics: result.failures)) + "\n")
            }
        }
        if json {
            Output.print("{\"tester\": \(total), \"misslyckade\": \(failed),\n \"dokument\": [\(jsonDocuments.joined(separator: ",\n  "))]}")
            return failed == 0 && unusableExamples == 0 && total > 0 ? .ok : .failure
        }
        if total == 0 {
            Output.print("inga tester hittades; skriv dem i regelfilerna med `test \"namn\"` (se README.md)")
            return .failure
        }
        let examples = unusableExamples == 0 ? ""
            : unusableExamples == 1 ? "; 1 exempelfil kan inte användas" : "; \(unusableExamples) exempelfiler kan inte användas"
        Output.print(failed == 0 && unusableExamples == 0 ? "\(green)\(Self.count(total)): alla gick igenom\(reset)"
                     : failed == 0 ? "\(red)\(Self.count(total)): alla gick igenom\(examples)\(reset)"
                     : "\(red)\(Self.count(total)): \(failed) misslyckades, \(total - failed) gick igenom\(examples)\(reset)")
        return failed == 0 && unusableExamples == 0 ? .ok : .failure
    }

    /// Reads and compiles the rule files named on the command line, printing why when it fails.
    static func load(_ paths: [String], command: String, colors: Bool = false) -> Result<(rules: RuleSet, named: Set<String>), Stop> {
        switch RuleFiles.compile(paths) {
        case .success(let loaded):
            return .success(loaded)
        case .failure(.path(let message)):
            Output.error("kundval \(command): \(message)")
            return .failure(Stop(status: .usage))
        case .failure(.rules(let failure)):
            Output.write(failure.rendered(colors: colors))
            Output.error("kundval \(command): reglerna har fel; rätta dem först (`kundval check`)")
            return .failure(Stop(status: .failure))
        }
    }

    /// Reads an example's JSON file for the tests of the rule file at `ruleFile`, only when it
    /// lies inside that file's folder once symbolic links are followed: the checker refuses
    /// paths that leave the folder (K0417), and a link inside it must not lead out either.
    /// A link that leads out is refused as such, not as a file that cannot be read.
    static func readExample(_ path: String, of ruleFile: String) throws(ExampleFileRefusal) -> [UInt8]? {
        let folder = URL(fileURLWithPath: ruleFile).deletingLastPathComponent().resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else { throw .linkLeadsOutOfFolder }
        return FileManager.default.contents(atPath: target).map { [UInt8]($0) }
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 test" : "\(n) tester" }

}
