import KundvalDiagnostics

/// Exit codes of the `kundval` command.
enum ExitStatus: Int32 {
    /// Everything is fine.
    case ok = 0
    /// The rules have errors (or tests fail).
    case failure = 1
    /// The command was used wrongly, or its input could not be read.
    case usage = 2
}

/// Why a command stopped early, as its exit status (the message is already printed).
struct Stop: Error {
    let status: ExitStatus
}

/// Parses the command line and dispatches to a subcommand.
enum Command {
    static let version = "0.4.0"

    static let usage = """
        användning: kundval <kommando> [argument]

        kommandon:
          check SÖKVÄG…   kontrollerar .kundval-filer och mappar och visar alla fel
          kod KOD         förklarar en felkod, till exempel `kundval kod K0204`
          test SÖKVÄG…    kör testerna som står i regelfilerna
          fmt SÖKVÄG…     formaterar .kundval-filer (--kontrollera, --skillnad; `-` för standard in)
          täckning SÖKVÄG…  visar vilka villkor som har predikat, underlag, följd och tester
          eval KUNDVAL    bedömer en anordnare: `kundval eval KUNDVAL --fakta fakta.json`
          batch KUNDVAL   bedömer många anordnare: JSON Lines in, JSON Lines ut
          förklara KUNDVAL VILLKOR  förklarar varför ett villkor har sin status för en anordnare
          dokument KUNDVAL  skriver kundvalet som det officiella dokumentet, en HTML-sida
          diff GAMMAL NY  jämför två versioner villkor för villkor; med --anordnare påverkan på anordnarna
          repl [SÖKVÄG…]  prövar regler vid en prompt
          bench           mäter tiden per beslut för öppenvårdskundvalet (bygg med -c release)
          komplettering bash|zsh  skriver ett skript för Tab-komplettering i skalet
          lsp             startar språkservern för redigerare (VS Code: Grammar/vscode/)

        flaggor (för alla kommandon):
          --färg aldrig|alltid|auto    färg i utskriften (standard: auto; NO_COLOR respekteras)
          --hjälp                     visar hjälpen, också `kundval hjälp KOMMANDO`
          --version                   visar versionen

        Varje flagga har ett svenskt namn och det engelska som alias: --fakta/--facts,
        --datum/--date, --bedömning/--assessment, --kontrollera/--check, --skillnad/--diff,
        --färg/--color, --hjälp/--help (-h) …
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        // `--färg` (or an alias) is one flag for every command. The commands get the arguments as
        // written: their options read aliases as the Swedish flags and name a flag as it was written.
        var arguments = arguments
        if let index = arguments.firstIndex(where: { Options.canonical($0) == "--färg" || Options.canonical($0).hasPrefix("--färg=") }) {
            let value: String
            if Options.canonical(arguments[index]) == "--färg" {
                guard index + 1 < arguments.count else {
                    Output.error("kundval: `--färg` behöver ett värde: aldrig, alltid eller auto")
                    return .usage
                }
                value = arguments[index + 1]
                arguments.removeSubrange(index...index + 1)
            } else {
                value = String(Options.canonical(arguments[index]).dropFirst("--färg=".count))
                arguments.remove(at: index)
            }
            guard let choice = Output.ColorChoice(naming: value) else {
                Output.error("kundval: okänt värde `\(value)` för `--färg`; använd aldrig, alltid eller auto")
                return .usage
            }
            Output.color = choice
        }
        guard let first = arguments.first.map(Options.canonical) else {
            Output.error(usage)
            return .usage
        }
        switch first {
        case "--hjälp", "hjälp", "help":
            // `kundval help eval`: a command's own help.
            if arguments.count == 2, arguments[1] != first { return run([arguments[1], "--hjälp"]) }
            Output.print(usage)
            return .ok
        case "--version":
            Output.print("kundval \(version)")
            return .ok
        case "check", "kontrollera":
            return CheckCommand.run(Array(arguments.dropFirst()))
        case "fmt", "formatera":
            return FormatCommand.run(Array(arguments.dropFirst()))
        case "kod":
            return CodeCommand.run(Array(arguments.dropFirst()))
        case "test", "testa":
            return TestCommand.run(Array(arguments.dropFirst()))
        case "täckning", "tackning":
            return CoverageCommand.run(Array(arguments.dropFirst()))
        case "förklara", "forklara":
            return ExplainCommand.run(Array(arguments.dropFirst()))
        case "dokument", "document":
            return DocumentCommand.run(Array(arguments.dropFirst()))
        case "repl":
            return ReplCommand.run(Array(arguments.dropFirst()))
        case "batch":
            return BatchCommand.run(Array(arguments.dropFirst()))
        case "diff", "jämför":
            return DiffCommand.run(Array(arguments.dropFirst()))
        case "eval":
            return EvalCommand.run(Array(arguments.dropFirst()))
        case "bench":
            return BenchCommand.run(Array(arguments.dropFirst()))
        case "komplettering", "completion":
            return CompletionCommand.run(Array(arguments.dropFirst()))
        case "lsp":
            return LanguageServerCommand.run(Array(arguments.dropFirst()))
        default:
            let commands = ["check", "fmt", "formatera", "kod", "kontrollera", "test", "testa", "täckning", "eval", "förklara", "dokument", "batch", "diff", "jämför", "repl", "bench", "komplettering", "lsp", "hjälp"]
            var message = "kundval: okänt kommando `\(first)`"
            if let suggestion = Suggestion.closest(to: first, among: commands) {
                message += "; menade du `\(suggestion)`?"
            }
            Output.error(message + "\n\n" + usage)
            return .usage
        }
    }
}

/// `kundval kod KOD`: prints the catalog entry of a diagnostic code.
enum CodeCommand {
    static func run(_ arguments: [String]) -> ExitStatus {
        if arguments.map(Options.canonical) == ["--hjälp"] {
            Output.print("användning: kundval kod KOD\n\nFörklarar en felkod med ett exempel, till exempel `kundval kod K0204`. "
                + "Alla koder finns i Grammar/FELKODER.md.")
            return .ok
        }
        guard arguments.count == 1, let raw = arguments.first else {
            Output.error("användning: kundval kod KOD (till exempel `kundval kod K0204`)")
            return .usage
        }
        let code = DiagnosticCode(raw.uppercased())
        guard let entry = DiagnosticCatalog.entry(for: code) else {
            var message = "kundval: okänd felkod `\(raw)`"
            if let suggestion = Suggestion.closest(to: code.rawValue, among: DiagnosticCatalog.entries.map(\.code.rawValue)) {
                message += "; menade du `\(suggestion)`?"
            }
            Output.error(message)
            return .usage
        }
        Output.print("\(entry.code): \(entry.explanation)\n\nexempel:\n" + entry.example
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n"))
        return .ok
    }
}
