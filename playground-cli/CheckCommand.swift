import Foundation
import KundvalDiagnostics
import KundvalChecker
import KundvalSyntax

/// `kundval check SÖKVÄG… [--color never|always|auto] [--json]`: parses and type-checks every
/// `.kundval` file in the given files and folders together, prints all diagnostics and a
/// one-line summary (or, with `--json`, one JSON object); exits 0 when clean.
enum CheckCommand {
    static func run(_ arguments: [String]) -> ExitStatus {
        var paths: [String] = []
        var color = Output.color
        var showTimes = false
        var json = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--color" || argument.hasPrefix("--color=") {
                let value: String
                if argument == "--color" {
                    index += 1
                    guard index < arguments.count else {
                        Output.error("kundval check: `--color` behöver ett värde: never, always eller auto")
                        return .usage
                    }
                    value = arguments[index]
                } else {
                    value = String(argument.dropFirst("--color=".count))
                }
                guard let choice = Output.ColorChoice(rawValue: value) else {
                    Output.error("kundval check: okänt värde `\(value)` för `--color`; använd never, always eller auto")
                    return .usage
                }
                color = choice
            } else if argument == "--tider" {
                showTimes = true
            } else if argument == "--json" {
                json = true
            } else if argument == "--help" || argument == "-h" {
                Output.print("användning: kundval check SÖKVÄG… [--color never|always|auto] [--tider] [--json]\n\n"
                    + "Kontrollerar alla .kundval-filer i de angivna filerna och mapparna och visar alla fel.\n"
                    + "--json skriver ett JSON-objekt med varje fel och varning (se README.md).\n"
                    + "--tider skriver hur lång tid läsning, tolkning och typkontroll tog (på standardfel).\n"
                    + "Slutstatus: 0 utan fel, 1 med fel, 2 vid felaktig användning.")
                return .ok
            } else if argument.hasPrefix("-") && argument != "-" {
                Output.error("kundval check: okänd flagga `\(argument)`")
                return .usage
            } else {
                paths.append(argument)
            }
            index += 1
        }
        guard !paths.isEmpty else {
            Output.error("användning: kundval check SÖKVÄG… [--color never|always|auto]")
            return .usage
        }
        let files: [String]
        switch RuleFiles.collect(paths) {
        case .success(let found): files = found
        case .failure(let problem):
            Output.error("kundval check: \(problem.message)")
            return .usage
        }

        let clock = ContinuousClock()
        let readStart = clock.now
        var sources: [SourceFile] = []
        for path in files {
            guard let source = RuleFiles.read(path) else {
                Output.error("kundval check: kan inte läsa `\(path)`")
                return .usage
            }
            sources.append(source)
        }
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
        if showTimes {
            let bytes = sources.reduce(0) { $0 + $1.bytes.count }
            func ms(_ duration: Duration) -> String {
                let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
                return String(format: "%.1f ms", value)
            }
            let parseSeconds = Double((parseEnd - parseStart).components.attoseconds) / 1e18 + Double((parseEnd - parseStart).components.seconds)
            Output.error("läsning \(ms(parseStart - readStart)), tolkning \(ms(parseEnd - parseStart)) "
                + String(format: "(%.1f MB/s)", Double(bytes) / 1e6 / max(parseSeconds, 1e-9))
                + ", typkontroll \(ms(clock.now - checkStart)), \(bytes) byte")
        }
        let shown = Set(files)
        if json {
            let listed = result.files.filter { shown.contains($0.file.path) }
            let errors = listed.reduce(0) { $0 + $1.errorCount } + result.suppressedDiagnosticCount
            let warnings = listed.reduce(0) { $0 + $1.warningCount }
            Output.print("{\"filer\": \(files.count), \"fel\": \(errors), \"varningar\": \(warnings), "
                + "\"ej_visade\": \(result.suppressedDiagnosticCount),\n \"diagnostiker\": \(DiagnosticsJSON.array(listed))}")
            return errors == 0 ? .ok : .failure
        }

        let renderer = DiagnosticRenderer(colors: Output.useColor(color))
        var errors = 0
        var warnings = 0
        var filesWithErrors = 0
        for fileDiagnostics in result.files where shown.contains(fileDiagnostics.file.path) {
            if !fileDiagnostics.diagnostics.isEmpty { Output.write(renderer.render(fileDiagnostics) + "\n") }
            errors += fileDiagnostics.errorCount
            warnings += fileDiagnostics.warningCount
            if fileDiagnostics.errorCount > 0 { filesWithErrors += 1 }
        }
        if result.suppressedDiagnosticCount > 0 {
            Output.write("ytterligare \(result.suppressedDiagnosticCount) fel visas inte\n\n")
            errors += result.suppressedDiagnosticCount
        }
        Output.print(summary(files: files.count, errors: errors, warnings: warnings, filesWithErrors: filesWithErrors))
        return errors == 0 ? .ok : .failure
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
