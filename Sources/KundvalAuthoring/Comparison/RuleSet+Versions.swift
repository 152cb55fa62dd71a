import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime

/// Finding the versions to compare in a compiled rule set.
extension RuleSet {
    /// The documents called `name` (their name, or a version's name), in the rule set's order.
    public func versions(named name: String) -> [CompiledDocument] {
        documents.filter { $0.name == name || $0.version == name }
    }

    /// The version of the document called `name` that `selector` picks: its `version`, its
    /// `diarienummer`, its `gäller från` or `fastställd` date (ÅÅÅÅ-MM-DD), or its file's name with
    /// or without `.kundval`. Fails with a Swedish message listing what would select each version.
    /// Without a name every document is a candidate (the file name `oppenvard-001` then selects
    /// well).
    public func version(named name: String?, selector: String) -> Result<CompiledDocument, VersionLookupProblem> {
        let candidates = name.map { versions(named: $0) } ?? documents
        guard !candidates.isEmpty else {
            let wanted = name ?? ""
            return .failure(VersionLookupProblem(message: "det finns inget dokument `\(wanted)`"
                + (Suggestion.closest(to: wanted, among: documents.map(\.name)).map { "; menade du `\($0)`?" } ?? "")))
        }
        let matching = candidates.filter { selectors(of: $0).contains(selector) }
        guard matching.count == 1 else {
            // Without a name the candidates are every document: say which is which.
            let listed = candidates.map { (name == nil ? "\"\($0.name)\" " : "") + "`" + selectors(of: $0).joined(separator: "`, `") + "`" }
                .joined(separator: "; ")
            let of = name.map { " av `\($0)`" } ?? ""
            let what = matching.isEmpty ? "ingen version\(of) heter `\(selector)`"
                : "`\(selector)` väljer flera versioner\(of)" + (name == nil ? "; välj dokumentet med --namn" : "")
            return .failure(VersionLookupProblem(message: what + "; versionerna väljs med: " + listed))
        }
        return .success(matching[0])
    }

    /// What selects a version: version, diarienummer, dates, file name.
    func selectors(of document: CompiledDocument) -> [String] {
        var result: [String] = []
        if let version = document.version { result.append(version) }
        if let checked = program.documents.first(where: { $0.path == document.path }) {
            if let number = checked.registrationNumber { result.append(number) }
            if let date = checked.validFrom { result.append(date.description) }
            if let date = checked.adopted { result.append(date.description) }
        }
        let file = document.path.split(separator: "/").last.map(String.init) ?? document.path
        result.append(file.hasSuffix(".kundval") ? String(file.dropLast(8)) : file)
        var unique: [String] = []
        for item in result where !unique.contains(item) { unique.append(item) }
        return unique
    }

    /// The syntax trees of a document (and of the reglemente it refines) for a comparison;
    /// `nil` when `sources` lacks its files.
    public func comparisonVersion(of document: CompiledDocument, sources: [SourceFile]) -> DocumentVersion? {
        DocumentVersion.of(path: document.path, in: program, sources: sources)
    }
}

/// Why no single version was found, in Swedish.
public struct VersionLookupProblem: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String
    /// The message.
    public var description: String { message }
}
