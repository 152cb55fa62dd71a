import Foundation
import Testing

/// Golden transcripts of scripted REPL sessions: `Golden/NAME.in` is fed to `kundval repl
/// conditions --datum 2025-03-01` on standard input, and the output must equal `Golden/NAME.out`.
/// `UPDATE_GOLDEN=1` rewrites the `.out` files.
@Suite struct ReplTranscriptTests {
    static let folder = CLI.repositoryRoot.appendingPathComponent("Tests/KundvalCLITests/Golden")

    static var sessions: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("repl-") && $0.hasSuffix(".in") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test(arguments: sessions)
    func transcriptMatches(_ name: String) throws {
        let input = try String(contentsOf: Self.folder.appendingPathComponent(name + ".in"), encoding: .utf8)
        let result = try CLI.run(["repl", "conditions", "--datum", "2025-03-01"], stdin: input)
        // A scripted session with a failing command exits 1 (the two older transcripts show
        // mistakes on purpose).
        #expect(result.status == (Self.withMistakes.contains(name) ? 1 : 0) && !result.crashed, "\(result.stderr)")
        let expectedURL = Self.folder.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try result.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.stdout == expected)
    }

    static let withMistakes: Set = ["repl-fel", "repl-oppenvard"]

    @Test func thereAreTranscripts() {
        #expect(Self.sessions.count >= 2)
    }
}
