import Foundation
import KundvalChecker
import KundvalRuntime
import KundvalSyntax

extension ReplSession {
    /// Tab completion: commands at the start of a line, files after `fakta` and `ladda`,
    /// condition numbers after `villkor` and `förklara`, type names after `typ`, otherwise fact
    /// paths, definitions and keywords.
    func completions(line: String, wordStart: Int, word: String) -> [String] {
        let before = String(line.prefix(wordStart)).trimmingCharacters(in: .whitespaces)
        // A file wherever one is expected: after `fakta` and `ladda`, in the folder typed so far.
        for command in ["fakta", "ladda"] where before == command || before.hasPrefix(command + " ") {
            let folder = before.dropFirst(command.count).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            guard !folder.contains(" ") || before.contains("\"") else { break }
            return Self.files(inFolder: folder, starting: word)
        }
        if word.contains(".") { return fieldPaths(word) }
        if before.isEmpty {
            return (Self.commands + factNames()).filter { $0.hasPrefix(word) }
        }
        switch before {
        case "villkor":
            return (document?.conditionNumbers ?? []).filter { $0.hasPrefix(word) }
        case "förklara":
            return ((document?.conditionNumbers ?? []) + (document?.serviceNames ?? [])).filter { $0.hasPrefix(word) }
        case "typ":
            guard let checked = checkedDocument() else { return [] }
            return (Array(checked.records.keys) + Array(checked.enumerations.keys)).filter { $0.hasPrefix(word) }
        case "använd":
            return (rules?.documents.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path } ?? []).filter { $0.hasPrefix(word) }
        case "bedömning":
            return (document?.assessmentNames ?? []).filter { $0.hasPrefix(word) }
        default:
            break
        }
        let keywords = Keyword.allCases.map(\.rawValue)
        return (factNames() + definitionNames() + keywords).filter { $0.hasPrefix(word) }
    }

    /// The entries of `folder` (the current folder when empty) whose names start with `prefix`;
    /// a folder with its `/`, so that its entries come next.
    static func files(inFolder folder: String, starting prefix: String) -> [String] {
        let path = folder.isEmpty ? "." : folder
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return entries.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted().map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (folder.isEmpty ? "" : folder) + name, isDirectory: &isFolder)
            return name + (isFolder.boolValue ? "/" : "")
        }
    }

    /// Root facts; a record is completed with its `.` so that its fields come next.
    func factNames() -> [String] {
        checkedDocument()?.facts.map { $0.name + (Self.isRecord($0.type) ? "." : "") } ?? []
    }

    static func isRecord(_ type: KundvalType) -> Bool {
        if case .record = type.unwrapped { return true }
        return false
    }

    func definitionNames() -> [String] {
        checkedDocument().map { Array($0.definitions.keys) } ?? []
    }

    /// `anordnare.verk` → `anordnare.verksamhetsansvarig`, following record fields.
    func fieldPaths(_ word: String) -> [String] {
        guard let checked = checkedDocument() else { return [] }
        var parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let last = parts.removeLast()
        guard let root = parts.first, var type = checked.facts.first(where: { $0.name == root })?.type else { return [] }
        for member in parts.dropFirst() {
            guard case .record(let name) = type.unwrapped, let record = checked.records[name],
                  let field = record.fields.first(where: { $0.name == member }) else { return [] }
            type = field.type
        }
        guard case .record(let name) = type.unwrapped, let record = checked.records[name] else { return [] }
        let prefix = parts.joined(separator: ".")
        return record.fields.filter { $0.name.hasPrefix(last) }
            .map { prefix + "." + $0.name + (Self.isRecord($0.type) ? "." : "") }
    }
}
