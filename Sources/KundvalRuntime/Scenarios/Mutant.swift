import KundvalDiagnostics
import KundvalSyntax

/// One small change to a rule file that its tests should notice: a threshold moved by one step,
/// a comparison made strict or loose, `och` for `eller`, `alla` for `någon`, a negation dropped,
/// `finns` for `saknas`, a document age or date moved, or a requirement removed. A mutant that
/// every test still passes with is a rule the tests do not pin down.
///
/// Mutants are made from the syntax tree (see ``Mutant/mutants(of:)``) and only inside what
/// decides: requirements and applicability of conditions and services, document ages,
/// definitions, decision-table cells and de-authorization grounds; never in tests, examples,
/// texts or service properties (which are shown, not decided).
public struct Mutant: Hashable, Sendable {
    /// The rule file changed.
    public let path: String
    /// The bytes replaced.
    public let span: SourceSpan
    /// The source text that was there.
    public let original: String
    /// The text put in its place.
    public let replacement: String
    /// What kind of change it is.
    public let kind: Kind
    /// Where in the document it is: `villkor 17`, `insats fai_2`, `definition vitesbelopp`,
    /// `tabell val_av_sanktion`, `avauktorisation "På egen begäran"`.
    public let owner: String

    /// The kinds of change, named as an author reads them.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A number one step up or down: `>= 3` → `>= 4`, `12 veckor` → `11 veckor`.
        case threshold = "gränsvärde"
        /// A date one day earlier or later.
        case date = "datum"
        /// A document's highest age one step up or down.
        case documentAge = "dokumentålder"
        /// `<` ↔ `<=`, `>` ↔ `>=`, `=` ↔ `≠`.
        case comparison = "jämförelse"
        /// `och` ↔ `eller`.
        case connective = "och/eller"
        /// `alla` ↔ `någon`, `ingen` → `någon`.
        case quantifier = "alla/någon"
        /// `inte x` → `x`.
        case negation = "negation"
        /// `finns` ↔ `saknas`.
        case presence = "finns/saknas"
        /// A `kräver` whose expression is replaced by `ja`: the requirement is gone.
        case requirement = "krav borttaget"
    }

    /// The change in one line: ``original`` → ``replacement``.
    public var change: String {
        let shown = { (text: String) -> String in
            let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.joined(separator: " ")
            return line.count > 60 ? String(line.prefix(57)) + "…" : line
        }
        return "`\(shown(original))` → `\(shown(replacement))`"
    }

    /// The file's bytes with this change made.
    public func apply(to file: SourceFile) -> SourceFile {
        var bytes = file.bytes
        bytes.replaceSubrange(span.start..<span.end, with: Array(replacement.utf8))
        return SourceFile(path: file.path, bytes: bytes)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingCharacters() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}

/// How a mutant fared against the tests.
public enum MutantOutcome: Hashable, Sendable {
    /// A test that passed before fails with the change: the tests pin this down.
    case killed(test: String)
    /// Every test still passes.
    case survived
    /// The changed rules do not check (the change made them ill-typed): not counted.
    case invalid
}

/// Mutation testing of rule files: the mutants of each file and how each fared.
public struct MutationTesting: Sendable {
    /// Every rule file, as read.
    public let files: [SourceFile]
    /// Reads an example's JSON file for a test of the rule file at the second path.
    let readExample: @Sendable (_ path: String, _ ruleFile: String) -> [UInt8]?
    /// The paths of the files that hold a reglemente: a kundval needs them to compile.
    let reglementen: Set<String>

    /// Why mutation testing cannot start.
    public enum Problem: Error, Sendable {
        /// The rules do not compile.
        case rules(LoadFailure)
        /// Some tests fail without any change (a mutant could not be told from them).
        case failingTests([String])
    }

    /// Prepares mutation testing of `files`: compiles them and runs their tests once.
    public init(files: [SourceFile], readExample: @escaping @Sendable (_ path: String, _ ruleFile: String) -> [UInt8]?) throws(Problem) {
        self.files = files
        self.readExample = readExample
        let rules: RuleSet
        switch RuleSet.compile(files) {
        case .success(let compiled): rules = compiled
        case .failure(let failure): throw .rules(failure)
        }
        // Every test passes without a change, so any test that fails with one has noticed it.
        var failing: [String] = []
        for document in rules.documents {
            for result in document.runTests(readFile: { readExample($0, document.path) }) where !result.passed {
                failing.append("\(document.path): \(result.name)")
            }
        }
        guard failing.isEmpty else { throw .failingTests(failing) }
        reglementen = Set(rules.documents.filter { $0.kind == .reglemente }.map(\.path))
    }

    /// The mutants of the files at `paths` (all files when `nil`), in file and source order.
    public func mutants(in paths: Set<String>? = nil) -> [Mutant] {
        files.filter { paths?.contains($0.path) ?? true }.flatMap { Mutant.mutants(of: Parser.parse($0)) }
    }

    /// Runs the tests against one mutant: the rules with the change are compiled (a changed
    /// kundval with the reglementen only, a changed reglemente with every file), and the tests of
    /// the changed file's documents, and of every kundval when a reglemente changed, are run.
    /// Pure and thread-safe: mutants can be run in parallel.
    public func run(_ mutant: Mutant) -> MutantOutcome {
        let needed = reglementen.contains(mutant.path) ? files : files.filter { $0.path == mutant.path || reglementen.contains($0.path) }
        let changed = needed.map { $0.path == mutant.path ? mutant.apply(to: $0) : $0 }
        guard case .success(let rules) = RuleSet.compile(changed) else { return .invalid }
        let reglementeChanged = reglementen.contains(mutant.path)
        for document in rules.documents where document.path == mutant.path || (reglementeChanged && document.kind == .kundval) {
            for result in document.runTests(readFile: { readExample($0, document.path) }) where !result.passed {
                return .killed(test: result.name)
            }
        }
        return .survived
    }
}
