import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Why a reader of examples' files (the `readFile` of ``CompiledDocument/runTests(readFile:)``
/// and ``CompiledDocument/exampleProblems(readFile:)``) refuses a file it could read.
public enum ExampleFileRefusal: Error, Sendable, Hashable {
    /// The path stays in the rule file's folder as written, but a symbolic link on it leads out
    /// of the folder: rule files read only their own examples (K0417).
    case linkLeadsOutOfFolder
}

/// The JSON file an example names (`exempel godkänd från "exempel/godkand.json"`): read beside
/// its rule file and decoded with the document's fact types, once for the tests that start from
/// it, and by `kundval check`, which reports a file that cannot be used once, at its path
/// (K0603), instead of once per test.
enum ExampleFile {
    /// The root facts an example file gives, or why it cannot be used.
    enum Facts {
        case facts([Value])
        case problem(Diagnostic)
    }

    /// The facts of the file at `relative` (written at `span`), resolved beside the rule file
    /// at `ruleFile` and decoded by `decoder`.
    static func read(_ relative: String, span: SourceSpan, besideFile ruleFile: String, decoder: FactsDecoder,
                     readFile: (String) throws(ExampleFileRefusal) -> [UInt8]?) -> Facts {
        func problem(_ message: String, hint: String? = nil) -> Facts {
            .problem(Diagnostic(code: .exampleUnusable, message: message, span: span, hint: hint))
        }
        // The checker refuses such paths (K0417); a document compiled otherwise still reads
        // nothing outside its folder.
        if let reason = CheckedExample.pathProblem(relative) {
            return problem("exemplets fil \(Quoting.quoted(relative)) \(reason)")
        }
        let path = CompiledDocument.resolve(relative, besideFile: ruleFile)
        let read: [UInt8]?
        do {
            read = try readFile(path)
        } catch {
            // Said as K0417 says `..`: the file may well be readable (it was "cannot be read,
            // the path is counted from the rule file's folder"; found by an adversarial session).
            switch error {
            case .linkLeadsOutOfFolder:
                return .problem(Diagnostic(code: .exampleOutsideFolder,
                                           message: "exemplets fil \(Quoting.quoted(relative)) pekar ut ur regelfilens mapp genom en symbolisk länk",
                                           span: span,
                                           hint: CheckedExample.insideFolderHint))
            }
        }
        guard let bytes = read else {
            return problem("exemplets fil \(Quoting.quoted(path)) kan inte läsas", hint: "sökvägen räknas från regelfilens mapp")
        }
        switch decoder.decode(json: bytes) {
        case .success(let facts):
            return .facts(facts.values)
        case .failure(let failure):
            let first = failure.lines.first ?? ""
            let more = failure.lines.count > 1 ? " (och \(failure.lines.count - 1) fel till)" : ""
            return problem("exemplets fil \(Quoting.quoted(path)) passar inte reglerna: \(first)\(more)",
                           hint: "kör `kundval eval` med filen för att se alla fel")
        }
    }

    /// The problems of `files`' examples (each its path, where it is written and whether it is
    /// the document's own), in the order written: the reglemente's examples are its file's,
    /// checked with it.
    static func problems(_ files: [(path: String, span: SourceSpan)], besideFile ruleFile: String, decoder: FactsDecoder,
                         readFile: (String) throws(ExampleFileRefusal) -> [UInt8]?) -> [Diagnostic] {
        files.compactMap { file -> Diagnostic? in
            guard case .problem(let problem) = read(file.path, span: file.span, besideFile: ruleFile, decoder: decoder,
                                                    readFile: readFile) else { return nil }
            return problem
        }.sorted { $0.span.start < $1.span.start }
    }
}

extension CompiledDocument {
    /// The problems of the JSON files the document's own examples name: one diagnostic (K0603)
    /// at the path of each file that cannot be read or whose facts do not fit the rules, in the
    /// order the examples are written. A test that starts from such an example is not run, and
    /// says only that (K0602): the file's problem is reported once, where the file is named.
    public func exampleProblems(readFile: (String) throws(ExampleFileRefusal) -> [UInt8]?) -> [Diagnostic] {
        let files = examples.values.compactMap { example -> (path: String, span: SourceSpan)? in
            guard case .file(let relative, let span, own: true) = example else { return nil }
            return (relative, span)
        }
        return ExampleFile.problems(files, besideFile: sourceFile.path, decoder: decoder, readFile: readFile)
    }
}

extension CheckedDocument {
    /// The problems of the JSON files this document's own examples name, as
    /// ``CompiledDocument/exampleProblems(readFile:)`` reports them, for a document only
    /// checked (what `kundval check` reads, without compiling the rules).
    public func exampleProblems(readFile: (String) throws(ExampleFileRefusal) -> [UInt8]?) -> [Diagnostic] {
        let files = examples.values.compactMap { example -> (path: String, span: SourceSpan)? in
            guard case .file(let relative) = example.source, !example.isReglementes else { return nil }
            return (relative, example.span)
        }
        guard !files.isEmpty else { return [] }
        return ExampleFile.problems(files, besideFile: path, decoder: FactsDecoder(document: self), readFile: readFile)
    }
}
