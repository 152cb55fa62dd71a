import Foundation
import KundvalDiagnostics
import KundvalSyntax

/// Parses rule files once per content: the open documents by URI and version, the files on disk
/// by path, modification date and size. Shared by the check queue and the request handlers.
final class ParseCache: @unchecked Sendable {
    private struct Entry {
        let key: String
        let result: ParseResult
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// The parse of an open document at its version.
    func parse(_ document: TextDocument) -> ParseResult {
        cached(document.file.path, key: "öppen \(document.uri) \(document.version) \(document.file.bytes.count)") {
            Parser.parse(document.file)
        }
    }

    /// The parse of a file on disk; `nil` when it cannot be read.
    func parse(path: String) -> ParseResult? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let key = "disk \(date) \(size)"
        lock.lock()
        if let entry = entries[path], entry.key == key {
            lock.unlock()
            return entry.result
        }
        lock.unlock()
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return cached(path, key: key) { Parser.parse(SourceFile(path: path, bytes: Array(data))) }
    }

    private func cached(_ path: String, key: String, _ make: () -> ParseResult) -> ParseResult {
        lock.lock()
        if let entry = entries[path], entry.key == key {
            lock.unlock()
            return entry.result
        }
        lock.unlock()
        let result = make()
        lock.lock()
        entries[path] = Entry(key: key, result: result)
        lock.unlock()
        return result
    }
}

/// The files a document is checked with: the open documents of its folder (as the editor has
/// them) and the reglementen on disk in that folder that are not open. A kundval needs its
/// reglemente in the same set; a closed kundval is left out, as nobody sees its diagnostics.
enum RuleFolder {
    /// The `.kundval` files of a folder, sorted.
    static func ruleFiles(in folder: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter { $0.hasSuffix(".kundval") }.sorted().map { folder + "/" + $0 }
    }

    /// The parsed set to check for a folder, open documents first.
    static func checkSet(folder: String?, open: [TextDocument], cache: ParseCache) -> [ParseResult] {
        var parsed = open.map(cache.parse)
        guard let folder else { return parsed }
        let openPaths = Set(open.map(\.file.path))
        for path in ruleFiles(in: folder) where !openPaths.contains(path) {
            if let result = cache.parse(path: path), result.syntax.header?.kind == .reglemente {
                parsed.append(result)
            }
        }
        return parsed
    }

    /// The reglemente a parsed kundval refines, among `candidates` (by name and version, as the
    /// checker links them).
    static func reglemente(of document: ParseResult, among candidates: [ParseResult]) -> ParseResult? {
        guard let header = document.syntax.header, header.kind == .kundval else { return nil }
        for case .refines(let name, let version) in header.clauses {
            return candidates.first { candidate in
                guard let other = candidate.syntax.header, other.kind == .reglemente, other.name.value == name.value else { return false }
                guard let version else { return true }
                for case .version(let text) in other.clauses where text.value == version.value { return true }
                return false
            }
        }
        return nil
    }
}
