// The `kundval` command: check rule files (more subcommands follow the pipeline's later stages).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let status = Output.finished(Command.run(arguments))
exit(status.rawValue)
