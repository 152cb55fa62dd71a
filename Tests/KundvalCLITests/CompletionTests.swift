import Foundation
import Testing

/// `kundval komplettering bash|zsh` (issue 14): the script completes commands, flags and
/// values, and its table of flags agrees with each command's own help.
@Suite struct CompletionTests {
    /// What the bash function proposes for the words typed so far.
    static func complete(_ words: [String]) throws -> [String] {
        let script = try CLI.run(["komplettering", "bash"]).stdout
        let file = try CLI.temporaryFile(Array(script.utf8), name: "kundval.bash")
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "source '\(file)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _kundval; printf '%s\\n' \"${COMPREPLY[@]}\""]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func commandsFlagsAndValuesAreCompleted() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        #expect(try Self.complete(["kundval", "tä"]) == ["täckning"])
        #expect(try Self.complete(["kundval", "eval", "--fa"]) == ["--fakta"])
        #expect(try Self.complete(["kundval", "batch", "--bedömning", "upp"]) == ["uppföljning"])
        #expect(try Self.complete(["kundval", "check", "--färg", "n"]) == ["never"])
    }

    // Each flag the script proposes is one the command's help names (the global --färg and
    // --hjälp aside), so the table cannot drift from the commands.
    @Test func theScriptsFlagsAreTheCommandsFlags() throws {
        let script = try CLI.run(["komplettering", "bash"]).stdout
        let cases = script.split(separator: "\n").filter { $0.contains(") flags=\"") }
        #expect(cases.count >= 9)
        for line in cases {
            let command = String(line.trimmingCharacters(in: .whitespaces).prefix { $0 != ")" })
            guard let open = line.range(of: "flags=\"") else { continue }
            let quoted = line[open.upperBound...].prefix { $0 != "\"" }
            let flags = quoted.split(separator: " ").map(String.init).filter { $0 != "--färg" && $0 != "--hjälp" }
            let help = try CLI.run([command, "--hjälp"]).stdout
            for flag in flags {
                #expect(help.contains(flag), "`kundval \(command) --hjälp` does not name \(flag)")
            }
        }
        #expect(try CLI.run(["komplettering", "zsh"]).stdout.hasPrefix("autoload -U +X bashcompinit"))
    }
}
