import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program whose children may outlive it, without Foundation's `Process`.
///
/// `Process` on Linux learns that a child ended when a socket it hands the child is closed
/// (swift-corelibs-foundation issue 4795). A program that starts a daemon, as `tmux
/// new-session` starts the tmux server, passes that socket on, and `waitUntilExit` then waits
/// for the daemon: the test hangs until CI gives up. Here the child gets only standard input
/// and error from `/dev/null` and standard output in a file; every other descriptor is closed
/// in it, and the wait is `waitpid` on the direct child with a deadline.
///
/// The child starts with no signal blocked and every signal at its default action. The test
/// runner's threads block signals, a child inherits the mask, and tmux passed it on to the REPL
/// in its pane: with `SIGHUP` blocked the REPL outlived `kill-server`, and so did the server.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments` and returns what it wrote to standard output.
    /// Throws when it cannot start, does not end within `timeout` seconds (it is then
    /// killed) or ends with a non-zero status.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 10) throws -> String {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("kundval-spawn-\(UUID().uuidString)").path
        defer { unlink(output) }

        var actions = try fileActions(output: output)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = try spawnAttributes()
        defer { posix_spawnattr_destroy(&attributes) }

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard started == 0 else {
            throw Failure(description: "\(executable) could not start: error \(started)")
        }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not end within \(timeout) s")
            }
            usleep(10_000)
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low seven bits (the signal) and the status are zero.
        guard status == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) ended with status \(status)")
        }
        return text
    }

    #if canImport(Glibc)
    private static func fileActions(output: String) throws -> posix_spawn_file_actions_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Close every other descriptor open in this (multi-threaded test) process.
        let limit = min(Int32(sysconf(Int32(_SC_OPEN_MAX))), 65_536)
        for descriptor in 3..<max(limit, 3) where fcntl(descriptor, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        return actions
    }

    private static func spawnAttributes() throws -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var (none, all) = (sigset_t(), sigset_t())
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return attributes
    }
    #elseif canImport(Darwin)
    private static func fileActions(output: String) throws -> posix_spawn_file_actions_t? {
        var actions: posix_spawn_file_actions_t?
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        return actions
    }

    private static func spawnAttributes() throws -> posix_spawnattr_t? {
        var attributes: posix_spawnattr_t?
        posix_spawnattr_init(&attributes)
        var (none, all) = (sigset_t(), sigset_t())
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // Only the descriptors the file actions name reach the child.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return attributes
    }
    #endif
}
