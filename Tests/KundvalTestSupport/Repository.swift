import Foundation

/// Paths inside the repository, found from this source file so tests work from any directory.
public enum Repository {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path relative to the root.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A file's text, relative to the root.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Every `.kundval` file below the repository root, skipping build folders and the fuzz
    /// targets' regression inputs (which are broken on purpose).
    public static func kundvalFiles() -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name.hasPrefix(".build") || name == ".git" || name == "Regressions" { enumerator.skipDescendants(); continue }
            if url.pathExtension == "kundval" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The words a declaration starts with: a GUIDE code block starting with one is rule text.
    public static let declarationWords = ["reglemente", "kundval", "villkor", "typ", "fakta", "definition", "tabell",
                                          "insats", "bedömning", "exempel", "test", "avsnitt", "sanktioner",
                                          "avauktorisation"]

    /// The code blocks of `Grammar/GUIDE.md` that are rule text (not shell, JSON or a rendered
    /// error): untagged fences whose text starts with a declaration word.
    public static func guideRuleBlocks() throws -> [String] {
        var blocks: [String] = []
        var inFence = false
        var indent = 0
        var current: [Substring]?
        for line in try text("Grammar/GUIDE.md").split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") {
                if inFence, let lines = current { blocks.append(lines.joined(separator: "\n") + "\n") }
                // Only untagged fences hold rule text; `sh` and `json` fences are skipped.
                current = !inFence && trimmed == "```" ? [] : nil
                indent = line.count - trimmed.count
                inFence.toggle()
            } else if current != nil {
                // A fence inside a list item is indented; its lines lose that indentation.
                current?.append(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))
            }
        }
        return blocks.filter { block in declarationWords.contains(block.split(separator: " ").first.map(String.init) ?? "") }
    }
}
