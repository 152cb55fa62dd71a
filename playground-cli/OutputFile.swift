import Foundation

/// Writing a file the user named without replacing what the name stands for.
///
/// A plain file is written whole beside itself and moved into place, so that a reader never
/// sees half of it and a failed write leaves the old one. Where moving would replace something
/// else, the file is written where the name leads: a symbolic link is followed and its target
/// written (moving over the link made it a copy of the file it linked to), and a device or a
/// pipe (`/dev/null`, `/dev/stdout`) is written as a stream: `kundval dokument --ut /dev/null`
/// moved a plain file over `/dev/null` when run as root, and every program on the machine that
/// wrote there failed after it (found by an adversarial test).
enum OutputFile {
    /// Writes `data` to `path` as above.
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular, type != .typeDirectory {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: url, options: .atomic)
    }
}
