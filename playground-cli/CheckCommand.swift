import Foundation
import KundvalDiagnostics
import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// `kundval check SÖKVÄG… [--färg aldrig|alltid|auto] [--json]`: parses and type-checks every
/// `.kundval` file in the given files and folders together, prints all diagnostics and a
/// one-line summary (or, with `--json`, one JSON object); exits 0 when clean.
enum CheckCommand {
    static let usage = """
        användning: kundval check SÖKVÄG… [--färg aldrig|alltid|auto] [--tider] [--json]

        Kontrollerar alla .kundval-filer i de angivna filerna och mapparna och visar alla fel,
        också i JSON-filerna som filernas exempel hämtar sina uppgifter ur.
        --json skriver ett JSON-objekt med varje fel och varning (se README.md).
        --tider skriver hur lång tid läsning, tolkning och typkontroll tog (på standardfel).
        Slutstatus: 0 utan fel, 1 med fel, 2 vid felaktig användning.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let showTimes = options.flag("--tider")
        let json = options.flag("--json")
        let colorText = options.value("--färg") ?? Output.color.rawValue
        options.finish()
        if let problem = options.problem {
            Output.error("kundval check: \(problem)")
            return .usage
        }
        guard let color = Output.ColorChoice(naming: colorText) else {
            Output.error("kundval check: okänt värde `\(colorText)` för `--färg`; använd aldrig, alltid eller auto")
            return .usage
        }
        let paths = options.positional
        guard !paths.isEmpty else {
            Output.error(usage)
            return .usage
        }
        let named: [String]
        switch RuleFiles.collect(paths) {
        case .success(let found): named = found
        case .failure(let problem):
            Output.error("kundval check: \(problem.message)")
            return .usage
        }

        let clock = ContinuousClock()
        let readStart = clock.now
        var sources: [SourceFile] = []
        // A file that cannot be read (a link to nothing, a folder named `x.kundval`) is said so
        // with why, and the others are checked all the same (the whole run stopped, and said
        // only "kan inte läsa"; found by an adversarial session).
        var unreadable = 0
        for path in named {
            guard let source = RuleFiles.read(path) else {
                Output.error("kundval check: kan inte läsa `\(path)`: \(RuleFiles.readProblem(path))")
                unreadable += 1
                continue
            }
            sources.append(source)
        }
        guard !sources.isEmpty else { return .usage }
        let files = sources.map(\.path)
        // A kundval named without its reglemente is checked together with the reglementen in
        // its folder; only the named files' diagnostics are shown.
        let parseStart = clock.now
        let parsed = sources.map(Parser.parse)
        let parseEnd = clock.now
        var context: [ParseResult] = []
        if RuleFiles.needsContext(parsed) {
            context = RuleFiles.siblings(of: files).compactMap(RuleFiles.read).map(Parser.parse)
                .filter { $0.syntax.header?.kind == .reglemente }
        }
        let checkStart = clock.now
        let result = Checker.check(parsed + context)
        let shown = Set(files)
        // The examples' JSON files are read once the rules have no error: a file that cannot be
        // used is reported here at its path (K0603), not only by each test that starts from it.
        var exampleProblems: [String: [Diagnostic]] = [:]
        for document in result.program?.documents ?? [] where shown.contains(document.path) {
            let problems = document.exampleProblems { path throws(ExampleFileRefusal) in try TestCommand.readExample(path, of: document.path) }
            if !problems.isEmpty { exampleProblems[document.path] = problems }
        }
        if showTimes {
            let bytes = sources.reduce(0) { $0 + $1.bytes.count }
            func ms(_ duration: Duration) -> String {
                let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
                return String(format: "%.1f ms", value)
            }
            let parseSeconds = Double((parseEnd - parseStart).components.attoseconds) / 1e18 + Double((parseEnd - parseStart).components.seconds)
            Output.error("läsning \(ms(parseStart - readStart)), tolkning \(ms(parseEnd - parseStart)) "
                + String(format: "(%.1f MB/s)", Double(bytes) / 1e6 / max(parseSeconds, 1e-9))
                + ", typkontroll och exempelfiler \(ms(clock.now - checkStart)), \(bytes) byte")
        }
        let checked = result.files.map { file in
            exampleProblems[file.file.path].map { FileDiagnostics(file: file.file, diagnostics: file.diagnostics + $0) } ?? file
        }
        if json {
            let listed = checked.filter { shown.contains($0.file.path) }
            let errors = listed.reduce(0) { $0 + $1.errorCount } + result.suppressedErrorCount
            let warnings = listed.reduce(0) { $0 + $1.warningCount } + result.suppressedDiagnosticCount - result.suppressedErrorCount
            Output.print("{\"filer\": \(files.count), \"fel\": \(errors), \"varningar\": \(warnings), "
                + "\"ej_visade\": \(result.suppressedDiagnosticCount),\n \"diagnostiker\": \(DiagnosticsJSON.array(listed))}")
            return errors > 0 ? .failure : unreadable > 0 ? .usage : .ok
        }

        let renderer = DiagnosticRenderer(colors: Output.useColor(color))
        var errors = 0
        var warnings = 0
        var filesWithErrors = 0
        for fileDiagnostics in checked where shown.contains(fileDiagnostics.file.path) {
            if !fileDiagnostics.diagnostics.isEmpty { Output.write(renderer.render(fileDiagnostics) + "\n") }
            errors += fileDiagnostics.errorCount
            warnings += fileDiagnostics.warningCount
            if fileDiagnostics.errorCount > 0 { filesWithErrors += 1 }
        }
        let (hiddenErrors, hiddenWarnings) = (result.suppressedErrorCount, result.suppressedDiagnosticCount - result.suppressedErrorCount)
        if hiddenErrors + hiddenWarnings > 0 {
            let hidden = [hiddenErrors > 0 ? "\(hiddenErrors) fel" : nil,
                          hiddenWarnings > 0 ? "\(hiddenWarnings) \(hiddenWarnings == 1 ? "varning" : "varningar")" : nil]
            Output.write("ytterligare \(hidden.compactMap { $0 }.joined(separator: " och ")) visas inte\n\n")
            errors += hiddenErrors
            warnings += hiddenWarnings
        }
        Output.print(summary(files: files.count, errors: errors, warnings: warnings, filesWithErrors: filesWithErrors))
        return errors > 0 ? .failure : unreadable > 0 ? .usage : .ok
    }

    static func summary(files: Int, errors: Int, warnings: Int, filesWithErrors: Int) -> String {
        let fileWord = files == 1 ? "1 fil" : "\(files) filer"
        var parts: [String] = []
        if errors == 0 {
            parts.append("inga fel")
        } else {
            parts.append("\(errors) fel i " + (filesWithErrors == 1 ? "1 fil" : "\(filesWithErrors) filer"))
        }
        if warnings > 0 { parts.append(warnings == 1 ? "1 varning" : "\(warnings) varningar") }
        return "kontrollerade \(fileWord): " + parts.joined(separator: ", ")
    }
}
