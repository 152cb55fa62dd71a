import Foundation
import KundvalLanguageServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kundval lsp`: the language server for editors, over standard input and output (see
/// `KundvalLanguageServer`). The editor starts it; nothing is printed outside the protocol.
enum LanguageServerCommand {
    static let usage = """
        användning: kundval lsp

        Startar språkservern för .kundval-filer (Language Server Protocol över standard in och ut):
        fel medan du skriver, information när du håller över ett namn eller ett villkorsnummer,
        gå till definition, komplettering, disposition och snabbfixar för ”menade du …”.
        Redigeraren startar den; tillägget för VS Code finns i Grammar/vscode/ (se README.md).
        --stdio (som många redigerare lägger till) godtas; servern talar alltid över standard in och ut.
        Slutstatus: 0 när `exit` kom efter `shutdown`, annars 1.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        if arguments.map(Options.canonical) == ["--hjälp"] {
            Output.print(usage)
            return .ok
        }
        // `--stdio` is what VS Code's client adds for a server over standard streams.
        guard arguments.allSatisfy({ $0 == "--stdio" }) else {
            Output.error("kundval lsp: okänt argument `\(arguments.first { $0 != "--stdio" } ?? "")`\n\n" + usage)
            return .usage
        }
        // A client that goes away must not end the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        let status = LanguageServer.run(input: FileHandle.standardInput, output: FileHandle.standardOutput,
                                        version: Command.version)
        return status == 0 ? .ok : .failure
    }
}
