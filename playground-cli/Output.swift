#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KundvalRuntime

/// Terminal output: plain writes to stdout and stderr, and whether colour is wanted.
enum Output {
    /// Writes a line to standard output.
    static func print(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: 1)
    }

    /// Writes text to standard output as is.
    static func write(_ text: String) {
        write(text, to: 1)
    }

    /// Whether errors are written as JSON on standard output (`eval --json`): a service that
    /// asked for JSON reads JSON, also when something went wrong.
    nonisolated(unsafe) static var errorsAsJSON = false

    /// Writes a line to standard error, or with ``errorsAsJSON`` `{"fel": "…"}` to standard output.
    static func error(_ text: String) {
        if errorsAsJSON {
            let message = text.hasSuffix("\n") ? String(text.dropLast()) : text
            return write("{\"fel\": " + JSONText.quoted(message) + "}\n", to: 1)
        }
        write(text.hasSuffix("\n") ? text : text + "\n", to: 2)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        writeBytes(Array(text.utf8), to: descriptor)
    }

    /// Why writing to standard output failed, the first time it did (a full disk, a closed
    /// pipe); `nil` while every write succeeded. The command then does not end with success:
    /// `batch` on a full disk reported success with its decisions cut off (found by a
    /// hostile-input session).
    nonisolated(unsafe) static var outputFailure: Int32?

    /// Writes bytes to a file descriptor, all of them unless the descriptor fails.
    static func writeBytes(_ bytes: [UInt8], to descriptor: Int32 = 1) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0, errno == EINTR { continue }
            if written <= 0 {
                if descriptor == 1, outputFailure == nil { outputFailure = written < 0 ? errno : EIO }
                return
            }
            offset += written
        }
    }

    /// The exit status of a command that ended with `status`: a failure when its output could
    /// not be written, said once on standard error (a closed pipe, as `| head` leaves it, is
    /// not worth a message).
    static func finished(_ status: ExitStatus) -> ExitStatus {
        guard let failure = outputFailure else { return status }
        if failure != EPIPE {
            let reason = switch failure {
            case ENOSPC: "disken är full"
            case EBADF: "standard ut är stängd"
            case EIO: "in- eller utmatningsfel"
            case EDQUOT: "diskkvoten är slut"
            case EFBIG: "filen blev för stor"
            default: "felkod \(failure)"
            }
            write("kundval: kunde inte skriva till standard ut: \(reason); utdata är ofullständiga\n", to: 2)
        }
        return status == .ok ? .failure : status
    }

    /// The `--färg` (`--color`) choice: `aldrig`, `alltid` or `auto`; `never` and `always` are
    /// aliases, as the English flags are.
    enum ColorChoice: String {
        case never = "aldrig", always = "alltid", auto

        /// The choice `text` names, in Swedish or English.
        init?(naming text: String) {
            switch text {
            case "never": self = .never
            case "always": self = .always
            default: self.init(rawValue: text)
            }
        }
    }

    /// The `--färg` given on the command line, for any command (set once, before the command
    /// runs, by ``Command/run(_:)``).
    nonisolated(unsafe) static var color = ColorChoice.auto

    /// Whether to colour what goes to `descriptor` (standard output unless named): `always`,
    /// `never`, or on a terminal when `NO_COLOR` is unset and `TERM` is not `dumb`.
    static func useColor(_ choice: ColorChoice, on descriptor: Int32 = 1) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(descriptor) != 0
        }
    }
}
