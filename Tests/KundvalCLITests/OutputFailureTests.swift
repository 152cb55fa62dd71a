import Foundation
import Testing

/// A command whose output cannot be written does not end with success: with standard output on
/// a full device, `check`, `eval` and `batch` exited 0 with their output lost (found by a
/// hostile-input session). They now exit 1 and say why on standard error, in Swedish.
@Suite struct OutputFailureTests {
    @Test(arguments: [
        ["check", "conditions"],
        ["eval", "conditions/oppenvard-000.kundval", "--fakta", "conditions/exempel/oppenvard-godkand.json", "--datum", "2025-03-01"],
        ["batch", "conditions/oppenvard-000.kundval", "--in", "conditions/exempel/oppenvard-anordnare.jsonl", "--datum", "2025-03-01"],
    ])
    func aFullDeviceIsAFailure(arguments: [String]) throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }   // Linux only
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.repositoryRoot
        let errors = Pipe()
        process.standardOutput = full
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("kundval: kunde inte skriva till standard ut: disken är full; utdata är ofullständiga"), "\(stderr)")
    }
}
