import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// The kundval a command evaluates: a rule file (read with the other rule files of its folder)
/// or a document's name in the rule folder, in force on the given date.
enum DocumentTarget {
    /// Loads the rules and finds the document; on failure the message is already printed and
    /// the result is the exit status.
    static func load(_ target: String, folder: String, date: Day, command: String) -> Result<CompiledDocument, Stop> {
        loadWithRules(target, folder: folder, date: date, command: command).map(\.document)
    }

    /// As ``load(_:folder:date:command:)``, with the rule set and the rule files the document
    /// was found in (for `dokument`, which renders from the checked program and the files).
    static func loadWithRules(_ target: String, folder: String, date: Day, command: String)
        -> Result<(document: CompiledDocument, rules: RuleSet, sources: [SourceFile]), Stop> {
        let isFile = target.hasSuffix(".kundval")
        var target = target
        // A rule folder named that does not exist is an error also when a file names the
        // document (it was ignored; found by a hostile-input session). `conditions` is the
        // default, not a folder the command was given.
        var isFolder: ObjCBool = false
        if isFile, folder != "conditions", !(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) {
            Output.error("kundval \(command): mappen `\(folder)` (`--regler`) finns inte")
            return .failure(.init(status: .usage))
        }
        if isFile, !FileManager.default.fileExists(atPath: target) {
            // `eval oppenvard-000.kundval` from the repository's root names a file of the rule
            // folder; any other missing file is an error, not a reason to read the folder it
            // would be in (which read the whole working directory, and showed its errors).
            guard let found = fileInRuleFolder(target, folder: folder) else {
                Output.error("kundval \(command): filen `\(target)` finns inte" + missingFileHint(target, folder: folder))
                return .failure(.init(status: .usage))
            }
            target = found
        }
        // The file's folder as written (`conditions`, not `/home/…/conditions`), so that the
        // paths in diagnostics are the ones `kundval check` shows.
        let rulesFolder = !isFile ? folder : target.range(of: "/", options: .backwards).map {
            $0.lowerBound == target.startIndex ? "/" : String(target[..<$0.lowerBound])
        } ?? "."
        let sources: [SourceFile]
        do {
            sources = try Engine.readFolder(rulesFolder.isEmpty ? "." : rulesFolder)
        } catch {
            // Run elsewhere than the folder that holds `conditions`: say how to name the rules.
            let problem = error.rendered().trimmingCharacters(in: .newlines)
            let hint = isFile || folder != "conditions" ? "" : "; ange mappen med regelfilerna med `--regler MAPP`"
            Output.error("kundval \(command): " + problem + hint)
            return .failure(.init(status: .usage))
        }
        let rules: RuleSet
        switch RuleSet.compile(sources) {
        case .success(let loaded): rules = loaded
        case .failure(let failure):
            if Output.errorsAsJSON {
                Output.print("{\"fel\": " + JSONText.quoted("kundval \(command): reglerna har fel") + ", \"diagnostiker\": "
                             + DiagnosticsJSON.array(failure.files) + "}")
                return .failure(.init(status: .failure))
            }
            // On standard error: standard output holds what the command makes (a decision, a page).
            Output.error(failure.rendered(colors: Output.useColor(Output.color, on: 2)))
            Output.error("kundval \(command): reglerna har fel; rätta dem först (`kundval check \(rulesFolder)`)")
            return .failure(.init(status: .failure))
        }
        if isFile {
            let path = URL(fileURLWithPath: target).standardizedFileURL.path
            guard let document = rules.documents.first(where: { URL(fileURLWithPath: $0.path).standardizedFileURL.path == path }) else {
                Output.error("kundval \(command): `\(target)` innehåller inget dokument")
                return .failure(.init(status: .usage))
            }
            if let start = document.validFrom, date < start {
                // A file named is assessed as asked, but a date before it applies is worth a word.
                Output.error("kundval \(command): varning: `\(target)` gäller från \(start), efter bedömningsdatumet \(date)")
            }
            return .success((document, rules, sources))
        }
        let document: CompiledDocument
        var lookup = rules.lookup(target, on: date)
        // `"NAMN" version "V"`, as the list of documents below writes it (not for a document
        // that is not in force: that failure stands).
        if case .failure(let problem) = lookup, problem.isUnknownOrAmbiguous, let named = namedWithVersion(target, in: rules) {
            lookup = named.validFrom.map { $0 <= date } ?? true ? .success(named)
                : .failure(.notInForce(target, from: named.validFrom ?? date))
        }
        switch lookup {
        case .success(let found):
            document = found
        case .failure(let problem):
            var message = "kundval \(command): \(problem)"
            if case .unknown = problem {
                // The closest name, else every name that begins with what was written
                // (`Öppenvård` begins two documents' names).
                let names = Array(Set(rules.documents.map(\.name))).sorted()
                let begun = names.filter { $0.lowercased().hasPrefix(target.lowercased()) }
                let suggestion = Suggestion.closest(to: target, among: names).map { "; menade du `\($0)`?" }
                    ?? (begun.isEmpty ? "" : "; menade du " + begun.map { "`\($0)`" }.joined(separator: " eller ") + "?")
                message = "kundval \(command): det finns inget dokument `\(target)` i `\(rulesFolder)`" + suggestion
                    + "\ndokument: " + rules.documents.map { "\"\($0.name)\"" + ($0.version.map { " version \"\($0)\"" } ?? "") }
                        .joined(separator: ", ")
            }
            Output.error(message)
            return .failure(.init(status: .usage))
        }
        return .success((document, rules, sources))
    }

    /// What is wrong with `arguments` when they are not the `count` a command takes, its first one
    /// a document: none, or more, most often a document's name with spaces written without
    /// quotes (`kundval eval Arbete och etablering …`); nil when they are right.
    static func argumentProblem(_ arguments: [String], count: Int = 1, command: String) -> String? {
        guard arguments.count != count else { return nil }
        if arguments.isEmpty { return "kundval \(command): ange en kundval (en .kundval-fil eller ett dokuments namn)" }
        guard arguments.count > count else { return nil }
        let listed = "kundval \(command): för många argument: " + arguments.map { "`\($0)`" }.joined(separator: " ")
        // Files are named one at a time; words of a name with spaces are the quoted name's.
        guard !arguments.contains(where: { $0.hasSuffix(".kundval") }) else { return listed + "; ange en kundval i taget" }
        let extra = arguments.count - count + 1
        let example = (["\"" + arguments.prefix(extra).joined(separator: " ") + "\""] + arguments.dropFirst(extra)).joined(separator: " ")
        return listed + "; skriv ett namn med mellanslag inom citattecken, till exempel `kundval \(command) \(example)`"
    }

    /// `folder/target` for a file name without a folder that is in the rule folder; nil otherwise.
    static func fileInRuleFolder(_ target: String, folder: String) -> String? {
        guard !target.contains("/") else { return nil }
        let path = joined(folder, target)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `name` in `folder`, as written: `conditions/oppenvard-000.kundval`.
    static func joined(_ folder: String, _ name: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + name
    }

    /// What follows the error of a rule file that does not exist: the closest rule file's name
    /// in the rule folder, if one is close.
    static func missingFileHint(_ target: String, folder: String) -> String {
        let name = target.split(separator: "/").last.map(String.init) ?? target
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".kundval") }.sorted()
        guard let closest = Suggestion.closest(to: name, among: files) else { return "" }
        return "; menade du `\(joined(folder, closest))`?"
    }

    /// The document `target` names as the list of documents shows it, `"NAMN" version "V"`
    /// (the quotes may be left out); nil when it is not of that form or names no document.
    static func namedWithVersion(_ target: String, in rules: RuleSet) -> CompiledDocument? {
        guard let separator = target.range(of: " version ") else { return nil }
        let unquoted = { (text: Substring) in
            text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        let (name, version) = (unquoted(target[..<separator.lowerBound]), unquoted(target[separator.upperBound...]))
        let matching = rules.documents.filter { $0.name == name && $0.version == version }
        return matching.count == 1 ? matching[0] : nil
    }

    /// `--datum`, or today; `nil` (after printing why) when the text is no date.
    static func date(_ text: String?, command: String) -> Day? {
        guard let text else { return Today.day }
        guard let day = Day(text) else {
            Output.error("kundval \(command): " + Day.problem(with: text))
            return nil
        }
        return day
    }

    /// The facts in a JSON file, validated against the document; `nil` after printing why. When
    /// they do not fit it but fit another document of `rules`, that is said too (as the REPL
    /// says it): facts of another kundval listed every field it does not have.
    static func facts(_ path: String, for document: CompiledDocument, in rules: RuleSet? = nil, command: String) -> Facts? {
        // One provider's facts are at most what `kundval batch` takes in a line: a file of 210 MB
        // was decoded for minutes (found by an adversarial test). Told before it is read.
        let limit = LineReader.maximumLineLength
        if path != "-", let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            Output.error("kundval \(command): `\(path)` är \(size >> 20) MiB; en anordnares fakta får vara högst \(limit >> 20) MiB, "
                         + "som en rad i `kundval batch`")
            return nil
        }
        // `-` is standard input, as for other command-line tools.
        let read = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data = read else {
            Output.error("kundval \(command): kan inte läsa `\(path)`: \(RuleFiles.readProblem(path))")
            return nil
        }
        guard data.count <= limit else {
            Output.error("kundval \(command): fakta på standard in är \(data.count >> 20) MiB; en anordnares fakta får vara högst "
                         + "\(limit >> 20) MiB, som en rad i `kundval batch`")
            return nil
        }
        switch document.decoder.decode(json: [UInt8](data)) {
        case .success(let facts): return facts
        case .failure(let problem):
            let what = factsWords(problem)
            if Output.errorsAsJSON {
                // For machines: each problem with its JSON path as an element of its own.
                Output.print("{\"fel\": " + JSONText.quoted("kundval \(command): fakta i `\(path)` \(what)") + ", \"faktafel\": ["
                             + problem.lines.map(JSONText.quoted).joined(separator: ", ") + "]}")
                return nil
            }
            var message = "kundval \(command): fakta i `\(path)` \(what):\n" + problem.lines.map { "  " + $0 }.joined(separator: "\n")
            if case .invalid = problem, let rules, let other = documentFitting([UInt8](data), besides: document, in: rules) {
                message += "\n  fakta passar \"\(other.document.name)\": ange `\(other.file)` i stället"
            }
            Output.error(message)
            return nil
        }
    }
}

extension DocumentTarget {
    /// What is wrong with facts, as a message says it: not JSON at all, or JSON that does not
    /// fit the rules.
    static func factsWords(_ problem: FactsProblem) -> String {
        if case .malformed = problem { "är inte giltig JSON" } else { "stämmer inte med reglerna" }
    }

    /// The document of `rules` besides `document` that the facts `json` fit (a kundval before a
    /// reglemente), with the file name that names it; nil when they fit none.
    static func documentFitting(_ json: [UInt8], besides document: CompiledDocument,
                                in rules: RuleSet) -> (document: CompiledDocument, file: String)? {
        let fitting = rules.documents.filter { $0.path != document.path && (try? $0.decoder.decode(json: json).get()) != nil }
        guard let other = fitting.first(where: { $0.kind == .kundval }) ?? fitting.first else { return nil }
        return (other, other.path.split(separator: "/").last.map(String.init) ?? other.path)
    }
}

extension DocumentLookupProblem {
    /// Whether no document has the name, or several versions of it are in force.
    var isUnknownOrAmbiguous: Bool {
        switch self {
        case .unknown, .ambiguous: true
        case .notInForce: false
        }
    }
}
