import Foundation

/// Paths inside the repository, found from this source file so tests work from any directory.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Every `.kundval` file below the repository root, skipping build folders and the fuzz
    /// targets' regression inputs (which are broken on purpose).
    static func kundvalFiles() -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name.hasPrefix(".build") || name == ".git" || name == "Regressions" { enumerator.skipDescendants(); continue }
            if url.pathExtension == "kundval" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}
