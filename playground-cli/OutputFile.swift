import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file the user named without replacing what the name stands for.
///
/// A plain file is written whole beside itself and moved into place, so that a reader never
/// sees half of it and a failed write leaves the old one. Where moving would replace something
/// else, the file is written where the name leads:
/// - standard output and error, and a numbered descriptor (`/dev/stdout`, `/dev/fd/3`), are
///   written where they are open, as the shell opened them (`>>` appends; following the name
///   to a plain file moved a new one over it, and what the file held was lost);
/// - a symbolic link is followed, by hand, to a file that is not there yet as well (moving over
///   the link made it a copy of its file);
/// - a device, a pipe or a socket is written as a stream: `kundval dokument --ut /dev/null`
///   moved a plain file over `/dev/null` when run as root, and every program on the machine
///   that wrote there failed after it (found by an adversarial test);
/// - a file with other hard links is written in place, so that every name keeps reading it
///   (a write that fails part of the way then leaves it cut short).
///
/// A file moved into place keeps the permissions of the one it replaces (`fmt` made a rule file
/// of mode 0640 readable by everyone), and links that lead round in a circle are an error
/// (the circle was replaced by a plain file; both found by an adversarial session).
enum OutputFile {
    /// A name whose symbolic links lead round in a circle.
    struct LinkLoop: Error, CustomStringConvertible {
        let path: String
        var description: String { "`\(path)` är en symbolisk länk som leder runt i en slinga" }
    }

    /// Writes `data` to `path` as above.
    static func write(_ data: Data, to path: String) throws {
        if let descriptor = descriptor(of: path) {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)
            return
        }
        let url = followingLinks(URL(fileURLWithPath: path))
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let type = attributes?[.type] as? FileAttributeType
        if type == .typeSymbolicLink { throw LinkLoop(path: path) }
        let links = type == .typeRegular ? hardLinkCount(url.path) : 1
        if let type, type != .typeRegular && type != .typeDirectory || type == .typeRegular && links > 1 {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            if type == .typeRegular { try handle.truncate(atOffset: 0) }
            try handle.write(contentsOf: data)
            return
        }
        guard type == .typeRegular, let permissions = attributes?[.posixPermissions] as? NSNumber else {
            try data.write(to: url, options: .atomic)
            return
        }
        try replace(url, with: data, mode: mode_t(permissions.uint16Value))
    }

    /// Writes `data` beside the file at `url` with the file's `mode` from the start (the copy
    /// was briefly readable as the umask made it; found by review), then moves it over the file.
    private static func replace(_ url: URL, with data: Data, mode: mode_t) throws {
        // A name of its own length: the file's name and more passed the system's limit of 255
        // bytes for a long name (found by review).
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".kundval-" + UUID().uuidString).path
        // As Foundation's writing reports them, so that messages say the same (see
        // `RuleFiles.writeProblem`).
        func failure() -> any Error {
            switch errno {
            case EACCES, EPERM: CocoaError(.fileWriteNoPermission)
            case ENOSPC: CocoaError(.fileWriteOutOfSpace)
            case EROFS: CocoaError(.fileWriteVolumeReadOnly)
            case ENOENT: CocoaError(.fileNoSuchFile)
            default: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw failure() }
        var error: (any Error)?
        if fchmod(descriptor, mode) != 0 {
            error = failure()
        } else {
            do { try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data) } catch let written { error = written }
        }
        close(descriptor)
        if error == nil, rename(temporary, url.path) != 0 { error = failure() }
        if let error {
            unlink(temporary)
            throw error
        }
    }

    /// How many names the file at `path` has (its hard links); 1 when that cannot be told.
    private static func hardLinkCount(_ path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else { return 1 }
        return Int(status.st_nlink)
    }

    /// Where writing `path` leads: the path with its links followed (see ``write(_:to:)``).
    static func destination(of path: String) -> String { followingLinks(URL(fileURLWithPath: path)).path }

    /// Whether `path` names standard output, where a command's own messages go too.
    static func isStandardOutput(_ path: String) -> Bool { descriptor(of: path) == 1 }

    /// The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name.
    private static func descriptor(of path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        case "/dev/stdin": return nil
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count))
        }
        return nil
    }

    /// `url` with every symbolic link in its last component followed (at most 40, as the
    /// system follows them), whether or not the file it leads to exists.
    private static func followingLinks(_ url: URL) -> URL {
        var url = url
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { break }
            url = URL(fileURLWithPath: destination, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        }
        return url
    }
}
