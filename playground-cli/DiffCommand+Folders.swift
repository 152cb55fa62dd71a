import Foundation
import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax

extension DiffCommand {
    /// Two folders' documents paired by kind and name (only those called `name`, if given).
    /// Where a folder holds several versions of a document, the one in force on `date` (the
    /// latest `gäller från` on or before it, as `kundval batch` finds a document by name) is
    /// compared (the others are listed as not compared); a version named alike in both folders
    /// is compared with itself. When no single version is in force, the comparison stops with the
    /// versions named and `--versioner` suggested. On failure the message is printed.
    static func pairFolders(_ paths: [String], _ oldRules: RuleSet, _ oldSources: [SourceFile], _ newRules: RuleSet,
                            _ newSources: [SourceFile], name: String?, date: Day)
        -> Result<Found, Stop> {
        let wanted = { (document: CompiledDocument) in name == nil || document.name == name || document.version == name }
        let oldDocuments = oldRules.documents.filter(wanted), newDocuments = newRules.documents.filter(wanted)
        guard !oldDocuments.isEmpty || !newDocuments.isEmpty else {
            Output.error("kundval diff: inget dokument `\(name ?? "")` i `\(paths[0])` eller `\(paths[1])`")
            return .failure(Stop(status: .usage))
        }
        func key(_ document: CompiledDocument) -> String { "\(document.kind.rawValue) " + quoted(document.name) }
        var keys: [String] = []
        for document in newDocuments + oldDocuments where !keys.contains(key(document)) { keys.append(key(document)) }
        var pairs: [Pair] = [], onlyOld: [String] = [], onlyNew: [String] = [], skipped: [String] = []
        func describe(_ document: CompiledDocument) -> String {
            key(document) + (document.version.map { " version " + quoted($0) } ?? "")
        }
        for documentKey in keys {
            var olds = oldDocuments.filter { key($0) == documentKey }, news = newDocuments.filter { key($0) == documentKey }
            var chosen: [(CompiledDocument, CompiledDocument)] = []
            // The same version in both folders (a version named once in each) is compared with itself.
            for old in olds {
                guard let version = old.version, olds.filter({ $0.version == version }).count == 1,
                      let new = news.first(where: { $0.version == version }), news.filter({ $0.version == version }).count == 1 else { continue }
                chosen.append((old, new))
            }
            olds.removeAll { old in chosen.contains { $0.0.path == old.path } }
            news.removeAll { new in chosen.contains { $0.1.path == new.path } }
            if olds.isEmpty || news.isEmpty {
                onlyOld += olds.map(describe)
                onlyNew += news.map(describe)
            } else {
                // Otherwise the version in force on the date in each folder.
                guard let old = inForce(olds, on: date, folder: paths[0], key: documentKey),
                      let new = inForce(news, on: date, folder: paths[1], key: documentKey) else {
                    return .failure(Stop(status: .usage))
                }
                chosen.append((old, new))
                skipped += (olds.filter { $0.path != old.path } + news.filter { $0.path != new.path }).map { document in
                    describe(document) + " i `\(relative(document.path))`, som inte gäller \(date)"
                }
            }
            for (old, new) in chosen {
                guard let found = pair(old, oldRules, oldSources, new, newRules, newSources) else { return .failure(Stop(status: .usage)) }
                pairs.append(found)
            }
        }
        return .success((pairs, onlyOld, onlyNew, skipped))
    }

    /// The one version among `versions` (of one document, in one folder) to compare: the only
    /// one, or the one in force on `date`; `nil` after printing why none or several are.
    static func inForce(_ versions: [CompiledDocument], on date: Day, folder: String, key: String) -> CompiledDocument? {
        if versions.count == 1 { return versions[0] }
        let start = { (document: CompiledDocument) in document.validFrom ?? Day(number: 0) }
        let started = versions.filter { start($0) <= date }
        let latest = started.map(start).max()
        let candidates = latest.map { latest in started.filter { start($0) == latest } } ?? []
        if candidates.count == 1 { return candidates[0] }
        let listed = versions.map { document in
            (document.version.map { "version " + quoted($0) + " " } ?? "") + "(`\(document.path)`"
                + (document.validFrom.map { ", gäller från \($0)" } ?? "") + ")"
        }.joined(separator: ", ")
        let what = candidates.isEmpty ? "ingen av dem gäller \(date)" : "flera av dem gäller \(date)"
        Output.error("kundval diff: `\(relative(folder))` har \(versions.count) versioner av \(key): \(listed); \(what)\n"
            + "hjälp: jämför två bestämda versioner med `kundval diff MAPP --versioner A B`, eller välj dag med --datum")
        return nil
    }

    /// A name in double quotes, `"` and `\` escaped, as the language writes it.
    static func quoted(_ text: String) -> String { TextLiteral.source(text) }
}
