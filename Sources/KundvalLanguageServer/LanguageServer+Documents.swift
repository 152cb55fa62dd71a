import Dispatch
import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension LanguageServer {
    // MARK: - Text synchronization

    /// `textDocument/didOpen`: keeps the text and checks its folder.
    func didOpen(_ params: JSONValue) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue,
              let text = item["text"]?.stringValue else {
            log("`textDocument/didOpen` utan `textDocument.uri` och `textDocument.text` ignoreras")
            return
        }
        let document = TextDocument(uri: uri, version: item["version"]?.intValue ?? 0, text: text)
        documents[uri] = document
        scheduleCheck(for: document)
    }

    /// `textDocument/didChange`: applies the changes in order and checks the folder again.
    func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let changes = params["contentChanges"]?.arrayValue else {
            log("`textDocument/didChange` utan `textDocument.uri` och `contentChanges` ignoreras")
            return
        }
        guard var document = documents[uri] else {
            log("ändring i `\(uri)` som inte är öppet ignoreras")
            return
        }
        if let problem = document.apply(changes) {
            log("ändringen i `\(uri)` ignoreras: \(problem)")
            return
        }
        document.version = params["textDocument"]?["version"]?.intValue ?? document.version + 1
        documents[uri] = document
        scheduleCheck(for: document)
    }

    /// `textDocument/didClose`: forgets the text, clears its diagnostics, and checks the folder
    /// again (a kundval that was checked against this open reglemente now reads it from disk).
    func didClose(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let document = documents.removeValue(forKey: uri) else {
            log("`textDocument/didClose` för ett dokument som inte är öppet ignoreras")
            return
        }
        published[uri] = nil
        notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
        scheduleCheck(for: document)
    }

    /// `workspace/didChangeWatchedFiles`: a rule file changed on disk (a reglemente saved by
    /// another program, say); the open documents of its folder are checked again.
    func didChangeWatchedFiles(_ params: JSONValue) {
        guard let changes = params["changes"]?.arrayValue else {
            log("`workspace/didChangeWatchedFiles` utan `changes` ignoreras")
            return
        }
        var folders = Set<String>()
        for change in changes {
            guard let uri = change["uri"]?.stringValue, let path = TextDocument.path(of: uri) else { continue }
            folders.insert(URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path)
        }
        var scheduled = Set<String>()
        for document in documents.values.sorted(by: { $0.uri < $1.uri }) {
            guard let folder = document.folder, folders.contains(folder), scheduled.insert(checkKey(document)).inserted else { continue }
            scheduleCheck(for: document)
        }
    }

    // MARK: - Checking

    /// The key that groups documents checked together: their folder, or the URI itself.
    func checkKey(_ document: TextDocument) -> String {
        document.folder ?? "uri " + document.uri
    }

    /// Starts a check of the document's folder after the debounce pause, unless another change
    /// comes first. The check runs on the check queue; its result is published only if no
    /// document of the folder changed meanwhile.
    func scheduleCheck(for document: TextDocument) {
        let key = checkKey(document)
        let generation = (generations[key] ?? 0) + 1
        generations[key] = generation
        queue.asyncAfter(deadline: .now() + debounce) { [self] in
            guard generations[key] == generation else { return }
            let folder = document.folder
            let open = documents.values.filter { checkKey($0) == key }.sorted { $0.uri < $1.uri }
            checkQueue.async { [self] in
                // A change that came while this waited makes it stale: the newer one runs.
                guard queue.sync(execute: { generations[key] == generation }) else { return }
                let parsed = RuleFolder.checkSet(folder: folder, open: open, cache: cache)
                let result = Checker.check(parsed)
                queue.async { [self] in
                    guard generations[key] == generation else { return }
                    if let program = result.program { lastPrograms[key] = program }
                    for document in open where documents[document.uri]?.version == document.version {
                        let diagnostics = result.files.first { $0.file.path == document.file.path }?.diagnostics ?? []
                        publish(document, diagnostics)
                    }
                }
            }
        }
    }

    /// Sends `textDocument/publishDiagnostics` for a document and keeps the diagnostics for
    /// code actions.
    func publish(_ document: TextDocument, _ diagnostics: [Diagnostic]) {
        published[document.uri] = (document.file, diagnostics)
        notify("textDocument/publishDiagnostics", [
            "uri": .string(document.uri),
            "version": .int(document.version),
            "diagnostics": .array(diagnostics.map { Self.json(for: $0, in: document.file, uri: document.uri) }),
        ])
    }

    /// A diagnostic in the protocol's form: range, severity, code, source, the Swedish message
    /// with the hint on its own line, and the notes as related locations.
    static func json(for diagnostic: Diagnostic, in file: SourceFile, uri: String) -> JSONValue {
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "\nhjälp: " + hint }
        var object: [String: JSONValue] = [
            "range": file.range(of: diagnostic.span).json,
            "severity": .int(diagnostic.severity == .error ? 1 : 2),
            "code": .string(diagnostic.code.rawValue),
            "source": "kundval",
            "message": .string(message),
        ]
        if !diagnostic.notes.isEmpty {
            object["relatedInformation"] = .array(diagnostic.notes.map { note in
                ["location": ["uri": .string(uri), "range": file.range(of: note.span).json], "message": .string(note.message)]
            })
        }
        return .object(object)
    }
}
