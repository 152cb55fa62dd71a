import Foundation
import Testing

/// The README's tour, run as a new user runs it from a fresh clone (issue 14): every
/// `swift run kundval …` command of the "A tour" block, with the built `kundval`, exits 0 and
/// leaves nothing behind in the checkout. The release-only measurements (`bench`, `--mutera`)
/// are left to CI and the benchmark, where a release build runs them.
@Suite struct ReadmeTourTests {
    /// The tour's commands: continuation lines joined, comments dropped, `swift run [-c release]
    /// kundval` taken off, the rest split as a shell splits words (double quotes only).
    static func commands() throws -> [[String]] {
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let tour = readme.range(of: "## A tour"), let start = readme.range(of: "```sh\n", range: tour.upperBound..<readme.endIndex),
              let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex) else { return [] }
        let block = readme[start.upperBound..<end.lowerBound].replacingOccurrences(of: "\\\n", with: " ")
        return block.split(separator: "\n").compactMap { line -> [String]? in
            let command = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            var words = split(command)
            guard words.first == "swift", words.dropFirst().first == "run" else { return nil }
            words.removeFirst(2)
            if words.first == "-c" { words.removeFirst(2) }
            guard words.first == "kundval" else { return nil }
            return Array(words.dropFirst())
        }
    }

    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var inWord = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if character.isWhitespace && !quoted {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func theTourHasItsCommands() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 12)
        #expect(commands.contains { $0.first == "batch" })
    }

    @Test func everyCommandOfTheTourRuns() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: CLI.repositoryRoot.path).sorted()
        for arguments in try Self.commands() where arguments.first != "bench" && !arguments.contains("--mutera") {
            // The REPL reads its commands from standard input; an empty one ends it.
            let result = try CLI.run(arguments, stdin: "")
            #expect(result.status == 0 && !result.crashed, "kundval \(arguments.joined(separator: " ")): \(result.status)\n\(result.stderr)")
            #expect(!result.stdout.isEmpty, "kundval \(arguments.joined(separator: " ")) printed nothing")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: CLI.repositoryRoot.path).sorted() == before)
    }
}
