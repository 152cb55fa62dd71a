import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// A loaded, checked and compiled set of rule files: immutable, `Sendable`, safe to share.
public struct RuleSet: Sendable {
    /// Every document, compiled.
    public let documents: [CompiledDocument]
    /// The checked program the documents were compiled from.
    public let program: CheckedProgram

    /// Checks and compiles source files; on any error returns the diagnostics of every file.
    public static func compile(_ files: [SourceFile]) -> Result<RuleSet, LoadFailure> {
        // A document is found by its file's path (its lines, its rules' hash): two files on one
        // path made both documents read the first one's bytes.
        var paths = Set<String>()
        if let repeated = files.first(where: { !paths.insert($0.path).inserted }) {
            return .failure(LoadFailure(files: [], message: "två regelfiler har sökvägen \(Quoting.quoted(repeated.path)); ge varje fil en egen"))
        }
        let result = Checker.check(files)
        guard let program = result.program else {
            return .failure(LoadFailure(files: result.files, message: nil))
        }
        return .success(RuleSet(program: program, files: files))
    }

    /// Compiles a checked program (a ``CheckResult``'s, whose files were checked without an
    /// error) read from `files`, the source files it was checked from.
    public init(program: CheckedProgram, files: [SourceFile]) {
        // The program lists documents in checking order; find each one's source file.
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = program.documents.map { byPath[$0.path] ?? SourceFile(path: $0.path, bytes: []) }
        self.documents = program.documents.indices.map { CompiledDocument(program: program, index: $0, files: ordered) }
        self.program = program
    }

    /// The document called `name` (its name or version) in force on `date`: among documents
    /// with that name, the one with the latest `gäller från` (or `fastställd`) on or before
    /// the date; a document without a date is in force from the beginning. `nil` when there is
    /// none, or when two versions are equally in force (see ``lookup(_:on:)`` for why).
    public func document(named name: String, on date: Day? = nil) -> CompiledDocument? {
        try? lookup(name, on: date).get()
    }

    /// The document called `name` in force on `date`, or why there is none: no document has
    /// that name, or two versions are equally in force on that date (both without a date, as
    /// the two reglementen of the seed documents are) and the caller must name the version or
    /// the file. `name` is a document's name or version, or its file: the path it was read
    /// from, the file's name, or that name without `.kundval` (`oppenvard-000`).
    public func lookup(_ name: String, on date: Day? = nil) -> Result<CompiledDocument, DocumentLookupProblem> {
        let start = { (document: CompiledDocument) in document.validFrom ?? Day(number: 0) }
        let candidates = documents.filter { document in
            Self.isNamed(document, name) && date.map { start(document) <= $0 } ?? true
        }
        guard let latest = candidates.map(start).max() else {
            let named = documents.filter { Self.isNamed($0, name) }
            if let first = named.map(start).min() { return .failure(.notInForce(name, from: first)) }
            // A name, a version or a file's name without `.kundval`, as a lookup takes them.
            let names = documents.flatMap { document in
                [document.name, document.version, CompiledDocument.fileName(document.path).replacingOccurrences(of: ".kundval", with: "")]
                    .compactMap { $0 }.filter { !$0.isEmpty }
            }
            return .failure(.unknown(name, suggestion: Suggestion.closest(to: name, among: names)))
        }
        let inForce = candidates.filter { start($0) == latest }
        guard inForce.count == 1 else {
            return .failure(.ambiguous(name, versions: inForce.map { $0.version ?? "" }, paths: inForce.map(\.path)))
        }
        return .success(inForce[0])
    }

    /// Whether `name` names `document`: its name, its version or its file.
    static func isNamed(_ document: CompiledDocument, _ name: String) -> Bool {
        if document.name == name || document.version == name || document.path == name { return true }
        let file = CompiledDocument.fileName(document.path)
        return file == name || file == name + ".kundval"
    }
}

/// Why ``RuleSet/lookup(_:on:)`` found no document.
public enum DocumentLookupProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// No document has the name (with the closest name, if one is close).
    case unknown(String, suggestion: String?)
    /// Documents have the name, but none is in force on the date: the first is from `from`.
    case notInForce(String, from: Day)
    /// Several versions are equally in force: name one by its version or its file.
    case ambiguous(String, versions: [String], paths: [String])

    /// The problem in Swedish, for people.
    public var description: String {
        switch self {
        case .unknown(let name, let suggestion):
            "det finns inget dokument \(Quoting.quoted(name))" + (suggestion.map { "; menade du `\($0)`?" } ?? "")
        case .notInForce(let name, let from):
            "inget dokument \(Quoting.quoted(name)) gäller det datumet; det första gäller från \(from)"
        case .ambiguous(let name, let versions, let paths):
            "\(Quoting.quoted(name)) finns i flera versioner som gäller samtidigt: "
                + zip(versions, paths).map { "version `\($0)` (`\($1)`)" }.joined(separator: ", ")
                + "; ange versionen eller filen"
        }
    }
}

/// Why rule files could not be loaded.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    /// The files with their diagnostics.
    public let files: [FileDiagnostics]
    /// A problem that is not about a file's content (a missing folder), in Swedish.
    public let message: String?

    /// The rendered diagnostics (so that a failure printed by a test or a log is readable).
    public var description: String { rendered() }

    /// Every diagnostic rendered, or the message.
    public func rendered(colors: Bool = false) -> String {
        if let message { return message + "\n" }
        let renderer = DiagnosticRenderer(colors: colors)
        return files.filter { !$0.diagnostics.isEmpty }.map { renderer.render($0) }.joined(separator: "\n")
    }
}

/// The embedding API: loads rule files, serves the current rule set to any number of threads,
/// and reloads atomically.
///
/// ```swift
/// let engine = try Engine(folder: "conditions")
/// let kundval = engine.rules.document(named: "Öppenvårdsinsatser …", on: date)!
/// switch kundval.decoder.decode(json: bytes) {
/// case .success(let facts): let decision = try kundval.evaluate(facts, assessment: "ansökan", date: date)
/// case .failure(let problem): print(problem.lines)
/// }
/// ```
///
/// A reload whose files have errors keeps the previous rule set serving and returns the
/// diagnostics; evaluations already running keep the rule set they started with. Reloads may
/// overlap (a file watcher that fires twice): each compiles on its own thread, and the rule set
/// of the one that began last serves, whichever finishes first. A relative folder is read from
/// the process's working directory.
public final class Engine: @unchecked Sendable {
    private let lock = NSLock()
    private var current: RuleSet
    /// Reloads begun, and the one whose rule set serves (0: the rules the engine was made with).
    private var begun = 0
    private var serving = 0

    /// Loads every `.kundval` file below a folder.
    public convenience init(folder: String) throws(LoadFailure) {
        let files = try Engine.readFolder(folder)
        try self.init(sources: files)
    }

    /// Loads rule files from memory.
    public init(sources: [SourceFile]) throws(LoadFailure) {
        switch RuleSet.compile(sources) {
        case .success(let rules): current = rules
        case .failure(let failure): throw failure
        }
    }

    /// The rule set serving now: a snapshot that stays valid however often the engine reloads.
    public var rules: RuleSet {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Replaces the rule set with the given files, or keeps the current one and returns why not.
    /// A reload that began after this one and has already installed its rules keeps them.
    @discardableResult
    public func reload(sources: [SourceFile]) -> Result<RuleSet, LoadFailure> {
        reload(sources, ticket: beginReload())
    }

    /// Compiles `sources` and serves them as reload `ticket` (see ``install(_:ticket:)``).
    private func reload(_ sources: [SourceFile], ticket: Int) -> Result<RuleSet, LoadFailure> {
        let result = RuleSet.compile(sources)
        if case .success(let rules) = result { install(rules, ticket: ticket) }
        return result
    }

    /// The number of a reload that begins now: later reloads have larger numbers.
    func beginReload() -> Int {
        lock.lock()
        defer { lock.unlock() }
        begun += 1
        return begun
    }

    /// Serves `rules` of reload `ticket` unless a reload that began later already serves its
    /// own; whether it was installed. (Installing whichever finished last let a slow reload of
    /// older files replace the newer rules of one that began after it.)
    @discardableResult
    func install(_ rules: RuleSet, ticket: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard ticket > serving else { return false }
        (current, serving) = (rules, ticket)
        return true
    }

    /// Reloads every `.kundval` file below a folder.
    @discardableResult
    public func reload(folder: String) -> Result<RuleSet, LoadFailure> {
        // The reload begins before its files are read: a reload of many files that began
        // first and finished reading last would otherwise count as the later one.
        let ticket = beginReload()
        do {
            return reload(try Engine.readFolder(folder), ticket: ticket)
        } catch {
            return .failure(error)
        }
    }

    /// The `.kundval` files below a folder, in path order (see ``ruleFilePaths(below:)``).
    public static func readFolder(_ folder: String) throws(LoadFailure) -> [SourceFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let paths = ruleFilePaths(below: folder) else {
            throw LoadFailure(files: [], message: "mappen `\(folder)` finns inte")
        }
        guard !paths.isEmpty else { throw LoadFailure(files: [], message: "mappen `\(folder)` innehåller inga .kundval-filer") }
        var files: [SourceFile] = []
        for path in paths {
            guard let data = manager.contents(atPath: path) else {
                throw LoadFailure(files: [], message: "kan inte läsa `\(path)`")
            }
            files.append(SourceFile(path: path, bytes: [UInt8](data)))
        }
        return files
    }

    /// The paths of the `.kundval` files below `folder`, searched recursively, in path order;
    /// nil when the folder cannot be read. Hidden files and folders (a name that starts with
    /// `.`) are passed over: an editor's lock file beside an open file (`.#oppenvard-000.kundval`,
    /// often a link to nothing), a draft kept in `.utkast/`, a build folder.
    public static func ruleFilePaths(below folder: String) -> [String]? {
        // A folder that is a symbolic link is read where it points (the enumerator does not
        // follow it, and a linked rules folder read as empty); the paths keep the name given.
        let target = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: target) else { return nil }
        var paths: [String] = []
        for case let relative as String in enumerator {
            if relative.split(separator: "/").last?.hasPrefix(".") ?? false {
                enumerator.skipDescendants()
                continue
            }
            if relative.hasSuffix(".kundval") { paths.append(folder.hasSuffix("/") ? folder + relative : folder + "/" + relative) }
        }
        return paths.sorted()
    }
}
