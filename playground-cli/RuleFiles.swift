import Foundation
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax

/// Finds and reads `.kundval` files.
enum RuleFiles {
    /// A problem with the paths given on the command line.
    struct Problem: Error {
        let message: String
    }

    /// Every `.kundval` file in the given files and folders (folders searched recursively), in a
    /// stable order. A file named explicitly is taken whatever its extension.
    static func collect(_ paths: [String]) -> Result<[String], Problem> {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Problem(message: "`\(path)` finns inte"))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            // Hidden files and folders are passed over, as a service's engine passes them over.
            guard let found = Engine.ruleFilePaths(below: path) else {
                return .failure(Problem(message: "kan inte läsa mappen `\(path)`"))
            }
            guard !found.isEmpty else {
                return .failure(Problem(message: "mappen `\(path)` innehåller inga .kundval-filer"))
            }
            files.append(contentsOf: found)
        }
        // A file named twice (`check conditions conditions`, a folder and a file in it) is read
        // once: it was checked twice and reported as declaring its own document again.
        var seen = Set<String>()
        return .success(files.filter { seen.insert(canonical($0)).inserted })
    }

    /// Whether some kundval among `parsed` refines a reglemente that is not among them.
    static func needsContext(_ parsed: [ParseResult]) -> Bool {
        var reglementen: [(name: String, version: String?)] = []
        var wanted: [(name: String, version: String?)] = []
        for result in parsed {
            guard let header = result.syntax.header else { continue }
            var version: String?
            for case .version(let text) in header.clauses { version = text.value }
            if header.kind == .reglemente { reglementen.append((header.name.value, version)) }
            for case .refines(let name, let refinedVersion) in header.clauses {
                wanted.append((name.value, refinedVersion?.value))
            }
        }
        return wanted.contains { want in
            !reglementen.contains { $0.name == want.name && (want.version == nil || $0.version == want.version) }
        }
    }

    /// The `.kundval` files in the folders of `files` that are not among them.
    static func siblings(of files: [String]) -> [String] {
        let named = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var folders: [String] = []
        for file in files {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
            if !folders.contains(folder) { folders.append(folder) }
        }
        var result: [String] = []
        for folder in folders {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries.sorted() where entry.hasSuffix(".kundval") && !entry.hasPrefix(".") {
                let path = folder + "/" + entry
                if !named.contains(URL(fileURLWithPath: path).standardizedFileURL.path) { result.append(path) }
            }
        }
        return result
    }

    /// Reads a file's bytes; `nil` when it cannot be read.
    static func read(_ path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// Why `path` could not be read, in Swedish (after ``read(_:)`` gave `nil`).
    static func readProblem(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A link that leads nowhere (to a file that is gone, or round in a ring) is there.
            if let destination = try? manager.destinationOfSymbolicLink(atPath: path) {
                return "det är en länk till `\(destination)`, som inte leder till någon fil"
            }
            return "filen finns inte"
        }
        if isDirectory.boolValue { return "det är en mapp" }
        if !manager.isReadableFile(atPath: path) { return "behörighet att läsa filen saknas" }
        return "filen gick inte att läsa"
    }

    /// Why writing `path` failed, in Swedish: Foundation's own text is English (`The operation
    /// could not be completed…`). An atomic write that failed left the file as it was.
    static func writeProblem(_ path: String, _ error: any Error) -> String {
        let reason: String
        if let loop = error as? OutputFile.LinkLoop { return loop.description + "; ingenting skrevs" }
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?: reason = "behörighet att skriva saknas (filen eller mappen är skrivskyddad)"
        case .fileWriteOutOfSpace?: reason = "det finns inte plats på disken"
        case .fileWriteVolumeReadOnly?: reason = "filsystemet är skrivskyddat"
        case .fileNoSuchFile?, .fileWriteInvalidFileName?: reason = "mappen finns inte eller namnet är ogiltigt"
        default: reason = Output.systemReason(error) ?? "filen gick inte att skriva"
        }
        return reason + "; filen lämnas som den var"
    }

    /// Why rule files could not be compiled.
    enum LoadError: Error {
        /// A path problem, in Swedish.
        case path(String)
        /// The rules have errors.
        case rules(LoadFailure)
    }

    /// Reads and compiles the rule files in `paths`, with the other rule files of their folders
    /// (a kundval needs its reglemente); also returns the named files, canonicalized.
    static func compile(_ paths: [String]) -> Result<(rules: RuleSet, named: Set<String>), LoadError> {
        let (files, sources): ([String], [SourceFile])
        switch sourcesWithSiblings(paths) {
        case .success(let found): (files, sources) = found
        case .failure(let problem): return .failure(.path(problem.message))
        }
        switch RuleSet.compile(sources) {
        case .success(let rules): return .success((rules, Set(files.map(canonical))))
        case .failure(let failure): return .failure(.rules(failure))
        }
    }

    /// The rule files in `paths` (as collected) and, read, those with the other rule files of
    /// their folders (a kundval needs its reglemente).
    static func sourcesWithSiblings(_ paths: [String]) -> Result<(named: [String], sources: [SourceFile]), Problem> {
        let files: [String]
        switch collect(paths) {
        case .success(let found): files = found
        case .failure(let problem): return .failure(problem)
        }
        var sources: [SourceFile] = []
        for path in files + siblings(of: files) {
            guard let source = read(path) else { return .failure(Problem(message: "kan inte läsa `\(path)`: \(readProblem(path))")) }
            sources.append(source)
        }
        return .success((files, sources))
    }

    /// A path made absolute and standard, to compare paths however they were written.
    static func canonical(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
}
