import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// One side of a comparison: a rule file's syntax tree and, for a kundval, the syntax tree of the
/// reglemente it refines (whose general conditions it reads).
public struct DocumentVersion: Sendable {
    /// The kundval's (or reglemente's) file.
    public let file: SourceFile
    /// Its syntax tree.
    public let syntax: SourceFileSyntax
    /// For a kundval: the reglemente's file.
    public let reglementeFile: SourceFile?
    /// The reglemente's syntax tree.
    public let reglementeSyntax: SourceFileSyntax?

    /// Parses a rule file and, for a kundval, its reglemente's file. The files should be free of
    /// errors (checked first, as ``of(path:in:sources:)`` requires); a syntax error leaves the
    /// parser's recovered tree.
    public init(file: SourceFile, reglemente: SourceFile?) {
        self.file = file
        self.syntax = Parser.parse(file).syntax
        self.reglementeFile = reglemente
        self.reglementeSyntax = reglemente.map { Parser.parse($0).syntax }
    }

    /// The version in the file at `path` of a checked program (so the rules have no errors),
    /// with the reglemente the checker linked it to; `nil` when the program has no document from
    /// that file or `sources` lacks a file.
    public static func of(path: String, in program: CheckedProgram, sources: [SourceFile]) -> DocumentVersion? {
        guard let document = program.documents.first(where: { $0.path == path }),
              let file = sources.first(where: { $0.path == path }) else { return nil }
        var reglemente: SourceFile?
        if let index = document.reglemente, program.documents.indices.contains(index) {
            let reglementePath = program.documents[index].path
            guard let found = sources.first(where: { $0.path == reglementePath }) else { return nil }
            reglemente = found
        }
        return DocumentVersion(file: file, reglemente: reglemente)
    }

    /// The header's kind, name and version, and the files.
    public var summary: VersionSummary {
        var version: String?
        for case .version(let text) in syntax.header?.clauses ?? [] { version = text.value }
        return VersionSummary(kind: syntax.header?.kind.rawValue ?? "okänt", name: syntax.header?.name.value ?? "",
                              version: version, path: file.path, reglementePath: reglementeFile?.path)
    }

    /// The conditions of the file, by their key (`10`, `15–18`), in source order.
    var ownConditions: [(key: String, condition: ConditionDecl)] {
        syntax.declarations.compactMap { declaration in
            guard case .condition(let condition) = declaration else { return nil }
            return (Self.key(condition), condition)
        }
    }

    /// The reglemente's conditions, by key.
    var generalConditions: [(key: String, condition: ConditionDecl)] {
        (reglementeSyntax?.declarations ?? []).compactMap { declaration in
            guard case .condition(let condition) = declaration else { return nil }
            return (Self.key(condition), condition)
        }
    }

    /// A condition's number, or its range `15–18`.
    static func key(_ condition: ConditionDecl) -> String {
        condition.lastNumber.map { "\(condition.number)–\($0)" } ?? condition.number.description
    }

    /// Orders keys by their first number, part by part (`9` before `10`, `10` before `10.1`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        func parts(_ key: String) -> [Int] {
            key.split(whereSeparator: { $0 == "–" }).first.map { $0.split(separator: ".").compactMap { Int($0) } } ?? []
        }
        let (x, y) = (parts(a), parts(b))
        return x == y ? a < b : x.lexicographicallyPrecedes(y)
    }
}
