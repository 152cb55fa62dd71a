import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// The kundval a command evaluates: a rule file (read with the other rule files of its folder)
/// or a document's name in the rule folder, in force on the given date.
enum DocumentTarget {
    /// Loads the rules and finds the document; on failure the message is already printed and
    /// the result is the exit status.
    static func load(_ target: String, folder: String, date: Day, command: String) -> Result<CompiledDocument, Stop> {
        let isFile = target.hasSuffix(".kundval")
        let rulesFolder = isFile ? URL(fileURLWithPath: target).deletingLastPathComponent().path : folder
        let sources: [SourceFile]
        do {
            sources = try Engine.readFolder(rulesFolder.isEmpty ? "." : rulesFolder)
        } catch {
            Output.error("kundval \(command): " + error.rendered())
            return .failure(.init(status: .usage))
        }
        let rules: RuleSet
        switch RuleSet.compile(sources) {
        case .success(let loaded): rules = loaded
        case .failure(let failure):
            Output.write(failure.rendered(colors: Output.useColor(.auto)))
            Output.error("kundval \(command): reglerna har fel; rätta dem först (`kundval check \(rulesFolder)`)")
            return .failure(.init(status: .failure))
        }
        let document: CompiledDocument?
        if isFile {
            let path = URL(fileURLWithPath: target).standardizedFileURL.path
            document = rules.documents.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == path }
        } else {
            document = rules.document(named: target, on: date)
        }
        guard let document else {
            let names = rules.documents.map(\.name)
            var message = "kundval \(command): det finns inget dokument `\(target)` i `\(rulesFolder)`"
            if let suggestion = Suggestion.closest(to: target, among: names) { message += "; menade du `\(suggestion)`?" }
            Output.error(message + "\ndokument: " + names.map { "\"\($0)\"" }.joined(separator: ", "))
            return .failure(.init(status: .usage))
        }
        return .success(document)
    }

    /// `--datum`, or today; `nil` (after printing why) when the text is no date.
    static func date(_ text: String?, command: String) -> Day? {
        guard let text else { return Today.day }
        guard let day = Day(text) else {
            Output.error("kundval \(command): `\(text)` är inget datum på formen ÅÅÅÅ-MM-DD")
            return nil
        }
        return day
    }

    /// The facts in a JSON file, validated against the document; `nil` after printing why.
    static func facts(_ path: String, for document: CompiledDocument, command: String) -> Facts? {
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.error("kundval \(command): kan inte läsa `\(path)`")
            return nil
        }
        switch document.decoder.decode(json: [UInt8](data)) {
        case .success(let facts): return facts
        case .failure(let problem):
            Output.error("kundval \(command): fakta i `\(path)` stämmer inte med reglerna:\n"
                + problem.lines.map { "  " + $0 }.joined(separator: "\n"))
            return nil
        }
    }
}
