import KundvalChecker
import KundvalDiagnostics
import KundvalFormat
import KundvalRuntime
import KundvalSyntax

/// A rule file as an author might write it (or as an attacker would): parsed and checked, with
/// the shipped reglementen beside it when it names one; every diagnostic rendered; when it has
/// none, compiled, its own tests run, and each of its documents decided for facts that are all
/// unknown and for each shipped example that fits, the fast and the explained path compared.
enum SourceTextDriver {
    static let path = Shipped.conditions + "/fuzz.kundval"

    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let file = SourceFile(path: path, bytes: bytes)
        try checkFormatting(file)
        // A kundval names the reglemente it refines with `enligt reglemente`.
        let refines = bytes.indices.contains { bytes[$0...].starts(with: Array("enligt".utf8)) }
        let files = [file] + (refines ? Shipped.reglementen : [])
        switch RuleSet.compile(files) {
        case .failure(let failure):
            try render(failure.files)
            _ = failure.rendered(colors: true)
        case .success(let rules):
            for document in rules.documents where document.path == path {
                try exercise(document)
            }
        }
    }

    /// A file without syntax errors formats (its output re-parses to an equal tree, which the
    /// formatter checks itself and otherwise refuses), and formatting the output again gives the
    /// same bytes.
    static func checkFormatting(_ file: SourceFile) throws(FuzzFinding) {
        guard !Parser.parse(file).hasErrors else { return }
        let formatter = SourceFormatter()
        switch formatter.format(file) {
        case .syntaxErrors(let diagnostics):
            throw FuzzFinding("fmt: filen tolkades utan fel men formateraren såg fel: \(diagnostics.map(\.code.rawValue))")
        case .refused(let reason):
            throw FuzzFinding("fmt: formateraren vägrade: \(reason)")
        case .formatted(let once):
            guard case .formatted(let twice) = formatter.format(SourceFile(path: file.path, text: once)) else {
                throw FuzzFinding("fmt: den formaterade texten formaterades inte igen")
            }
            guard twice == once else { throw FuzzFinding("fmt: formateringen är inte idempotent") }
        }
    }

    /// Every diagnostic must point into its file and render.
    static func render(_ files: [FileDiagnostics]) throws(FuzzFinding) {
        let renderer = DiagnosticRenderer(colors: false, maximumLineWidth: 80)
        for fileDiagnostics in files {
            let size = fileDiagnostics.file.bytes.count
            for diagnostic in fileDiagnostics.diagnostics {
                let span = diagnostic.span
                guard span.start >= 0, span.start <= span.end, span.end <= size else {
                    throw FuzzFinding("\(diagnostic.code.rawValue): platsen \(span.start)..<\(span.end) ligger utanför filen (\(size) byte)")
                }
                guard !diagnostic.message.isEmpty else { throw FuzzFinding("\(diagnostic.code.rawValue) utan text") }
                guard DiagnosticCatalog.entry(for: diagnostic.code) != nil else {
                    throw FuzzFinding("koden \(diagnostic.code.rawValue) finns inte i katalogen")
                }
                _ = renderer.render(diagnostic, in: fileDiagnostics.file)
            }
        }
    }

    static func exercise(_ document: CompiledDocument) throws(FuzzFinding) {
        for result in document.runTests(readFile: readExample) {
            try render([FileDiagnostics(file: result.file, diagnostics: result.failures)])
        }
        for number in document.conditionNumbers { _ = document.conditionText(number) }
        for kind in document.assessmentNames {
            try DecisionAgreement.check(document, document.unknownFacts, kind: kind, date: Shipped.dates[0], label: "källtext")
        }
        for (name, bytes) in Shipped.examples.sorted(by: { $0.key < $1.key }) {
            guard case .success(let facts) = document.decoder.decode(json: bytes) else { continue }
            for kind in document.assessmentNames {
                try DecisionAgreement.check(document, facts, kind: kind, date: Shipped.dates[0], label: "källtext med \(name)")
            }
        }
    }

    /// Reads only the shipped examples: a rule file names them relative to its folder.
    static func readExample(_ path: String) -> [UInt8]? {
        let prefix = Shipped.conditions + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return Shipped.examples[String(path.dropFirst(prefix.count))]
    }
}
