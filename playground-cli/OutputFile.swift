import Foundation

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
///   that wrote there failed after it (found by an adversarial test).
enum OutputFile {
    /// Writes `data` to `path` as above.
    static func write(_ data: Data, to path: String) throws {
        if let descriptor = descriptor(of: path) {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)
            return
        }
        let url = followingLinks(URL(fileURLWithPath: path))
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular, type != .typeDirectory, type != .typeSymbolicLink {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: url, options: .atomic)
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
