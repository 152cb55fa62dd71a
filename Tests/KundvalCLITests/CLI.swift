import Foundation

/// Runs the built `kundval` command in a child process.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the process ended by a signal (a crash) instead of exiting.
        let crashed: Bool
    }

    /// The `kundval` executable next to the test bundle in the build folder.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("kundval")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        fatalError("kundval executable not found near \(CommandLine.arguments[0])")
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    stdinBytes: [UInt8]? = nil, in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Output goes to temporary files, so a large output can never block the child.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        // The files the command's output goes to; a run that cannot make them cannot be judged.
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.path])
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let input = stdinBytes ?? stdin.map({ Array($0.utf8) }) {
            let inURL = folder.appendingPathComponent("stdin")
            try Data(input).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL)
        let errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// The test process's folder for temporary files, removed when the process exits.
    static let scratch: URL = {
        atexit { try? FileManager.default.removeItem(atPath: scratchPath) }
        return URL(fileURLWithPath: scratchPath)
    }()

    /// A fresh temporary folder inside ``scratch`` holding `files` (name → text), removed when
    /// the test process exits.
    static func temporaryFolder(_ files: [String: String]) throws -> URL {
        let folder = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    /// Writes bytes to a fresh temporary `.kundval` file and returns its path: in a folder of
    /// its own inside ``scratch``, which is removed when the test process exits.
    static func temporaryFile(_ bytes: [UInt8], name: String = "fil.kundval") throws -> String {
        let folder = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Where ``CLI/scratch`` is (a global, so that the exit handler can name it without capturing).
private let scratchPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("kundval-tests-\(ProcessInfo.processInfo.processIdentifier)").path
