/// `kundval komplettering bash|zsh`: a completion script for the shell, made from the table of
/// commands and flags below, so that it cannot drift from the commands. Install it with
/// `source <(kundval komplettering bash)` in `~/.bashrc` (zsh: in `~/.zshrc`).
enum CompletionCommand {
    /// Each command with its flags (Swedish names; the English aliases also work).
    static let commands: [(name: String, flags: [String])] = [
        ("check", ["--färg", "--tider", "--json", "--hjälp"]),
        ("fmt", ["--kontrollera", "--skillnad", "--färg", "--hjälp"]),
        ("test", ["--färg", "--alla", "--json", "--mutera", "--minst", "--hjälp"]),
        ("täckning", ["--json", "--minst", "--färg", "--hjälp"]),
        ("eval", ["--fakta", "--bedömning", "--datum", "--json", "--regler", "--färg", "--hjälp"]),
        ("förklara", ["--fakta", "--bedömning", "--datum", "--regler", "--brister", "--färg", "--hjälp"]),
        ("dokument", ["--datum", "--ut", "--regler", "--färg", "--hjälp"]),
        ("batch", ["--in", "--id", "--bedömning", "--datum", "--regler", "--beräkningar", "--färg", "--hjälp"]),
        ("diff", ["--json", "--namn", "--versioner", "--anordnare", "--datum", "--bedömning", "--id", "--villkor", "--färg", "--hjälp"]),
        ("repl", ["--datum", "--färg", "--hjälp"]),
        ("kod", ["--hjälp"]),
        ("bench", ["--antal", "--varv", "--regler", "--utan-förklaring", "--hjälp"]),
        ("hjälp", []),
        ("komplettering", []),
        ("lsp", ["--stdio", "--hjälp"]),
    ]

    static func run(_ arguments: [String]) -> ExitStatus {
        switch arguments {
        case ["bash"]: Output.print(bash)
        case ["zsh"]: Output.print("autoload -U +X bashcompinit && bashcompinit\n" + bash)
        case ["--hjälp"]:
            Output.print("användning: kundval komplettering bash|zsh\n\nSkriver ett skript som kompletterar kommandon, flaggor och "
                + "filer på Tab. Lägg till `source <(kundval komplettering bash)` i ~/.bashrc (zsh: ~/.zshrc).")
        default:
            Output.error("användning: kundval komplettering bash|zsh")
            return .usage
        }
        return .ok
    }

    /// The bash script: commands first, a command's flags after `-`, `ansökan`/`uppföljning`
    /// after `--bedömning`, else files and folders.
    static var bash: String {
        let cases = commands.map { "        \($0.name)) flags=\"\($0.flags.joined(separator: " "))\" ;;" }.joined(separator: "\n")
        return """
            _kundval() {
                local current previous flags
                current="${COMP_WORDS[COMP_CWORD]}"
                previous="${COMP_WORDS[COMP_CWORD-1]}"
                if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "\(commands.map(\.name).joined(separator: " "))" -- "$current"))
                    return
                fi
                case "${COMP_WORDS[1]}" in
            \(cases)
                    *) flags="" ;;
                esac
                case "$previous" in
                    --bedömning|--bedomning|--assessment) COMPREPLY=($(compgen -W "ansökan uppföljning omprövning" -- "$current")); return ;;
                    --färg|--color) COMPREPLY=($(compgen -W "aldrig alltid auto never always" -- "$current")); return ;;
                    komplettering) COMPREPLY=($(compgen -W "bash zsh" -- "$current")); return ;;
                esac
                if [[ "$current" == -* ]]; then
                    COMPREPLY=($(compgen -W "$flags" -- "$current"))
                else
                    COMPREPLY=($(compgen -f -- "$current"))
                fi
            }
            complete -o filenames -F _kundval kundval
            """
    }
}
