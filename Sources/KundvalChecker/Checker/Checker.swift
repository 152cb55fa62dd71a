import KundvalDiagnostics
import KundvalSyntax

/// The result of checking a set of files: the checked program when there are no errors, and
/// the diagnostics of every file (parser and checker together, in source order).
public struct CheckResult: Sendable {
    /// The checked program; `nil` when any file has an error.
    public let program: CheckedProgram?
    /// Every file with its diagnostics.
    public let files: [FileDiagnostics]
    /// Diagnostics beyond the per-file limit, counted but not kept.
    public let suppressedDiagnosticCount: Int
    /// The errors among them (the others are warnings).
    public var suppressedErrorCount: Int = 0

    /// Number of errors in all files.
    public var errorCount: Int { files.reduce(suppressedErrorCount) { $0 + $1.errorCount } }
    /// Number of warnings in all files.
    public var warningCount: Int { files.reduce(suppressedDiagnosticCount - suppressedErrorCount) { $0 + $1.warningCount } }
}

/// The type checker: the gate every rule file passes before it can be used.
///
/// It resolves every name, types every expression by unit, links each kundval to the
/// reglemente version it names, analyses decision tables for gaps and overlaps, and rejects
/// definitions that call themselves, so evaluation of a checked program always terminates.
public enum Checker {
    /// Parses and checks source files together (a kundval and its reglemente must be in the
    /// same set).
    public static func check(_ files: [SourceFile]) -> CheckResult {
        check(files.map(Parser.parse))
    }

    /// Checks already parsed files together.
    public static func check(_ parsed: [ParseResult]) -> CheckResult {
        var states = parsed.map { DocumentState(parse: $0) }
        let order = documentOrder(&states)
        var documents: [CheckedDocument?] = Array(repeating: nil, count: states.count)
        for index in order where !states[index].isUnresolved {
            var checker = DocumentChecker(file: states[index].parse.file, syntax: states[index].parse.syntax,
                                          diagnostics: states[index].diagnostics,
                                          parseErrors: states[index].parse.diagnostics.filter { $0.severity == .error }.map(\.span))
            var reglemente: CheckedDocument?
            if let target = states[index].reglemente { reglemente = documents[target] }
            documents[index] = checker.check(reglemente: reglemente, reglementeIndex: states[index].reglemente)
            states[index].diagnostics = checker.diagnostics
        }
        let files = states.map { state in
            FileDiagnostics(file: state.parse.file, diagnostics: state.parse.diagnostics + state.diagnostics.items)
        }
        let suppressed = states.reduce(0) { $0 + $1.parse.suppressedDiagnosticCount + $1.diagnostics.suppressedCount }
        let suppressedErrors = states.reduce(0) { $0 + $1.parse.suppressedErrorCount + $1.diagnostics.suppressedErrorCount }
        let hasErrors = suppressedErrors > 0 || files.contains { $0.errorCount > 0 }
        // The program lists reglementen first; indices are remapped to that order.
        var program: CheckedProgram?
        if !hasErrors {
            var position: [Int: Int] = [:]
            for (newIndex, oldIndex) in order.enumerated() { position[oldIndex] = newIndex }
            program = CheckedProgram(documents: order.compactMap { index in
                guard var document = documents[index] else { return nil }
                document.reglemente = document.reglemente.flatMap { position[$0] }
                return document
            })
        }
        return CheckResult(program: program, files: files, suppressedDiagnosticCount: suppressed,
                           suppressedErrorCount: suppressedErrors)
    }

    /// Links each kundval to its reglemente and returns the order to check documents in:
    /// reglementen first.
    static func documentOrder(_ states: inout [DocumentState]) -> [Int] {
        var reglementen: [(index: Int, name: String, version: String?)] = []
        for (index, state) in states.enumerated() {
            guard let header = state.parse.syntax.header, header.kind == .reglemente else { continue }
            let version = header.version
            if let first = reglementen.first(where: { $0.name == header.name.value && $0.version == version }) {
                states[index].diagnostics.append(Diagnostic(
                    code: .duplicateDocument,
                    message: "reglementet `\(header.name.value)`\(version.map { " version `\($0)`" } ?? "") finns redan i `\(states[first.index].parse.file.path)`",
                    span: header.name.span,
                    hint: "ta bort en av filerna, eller ge den här en egen version"))
                continue
            }
            reglementen.append((index, header.name.value, version))
        }
        var kundval: [Int] = []
        for (index, state) in states.enumerated() {
            guard let header = state.parse.syntax.header, header.kind == .kundval else { continue }
            kundval.append(index)
            guard let (name, version, span) = header.refinedReglemente else {
                states[index].diagnostics.append(Diagnostic(
                    code: .missingReglemente, message: "kundvalet anger inte vilket reglemente det preciserar",
                    span: header.name.span,
                    hint: missingReglementeHint(among: reglementen.map { (name: $0.name, version: $0.version) })))
                // One mistake, one error: the kundval is not checked further (against no
                // reglemente every name of one is unknown; against a guessed one, a kundval written
                // for another version would give an error for every difference).
                states[index].isUnresolved = true
                continue
            }
            if let match = reglementen.first(where: { $0.name == name && (version == nil || $0.version == version) }) {
                states[index].reglemente = match.index
                // A reglemente with syntax errors may have lost what follows them: the kundval
                // is checked against it once it reads whole, and the reglemente's errors are the
                // ones (a reglemente cut short gave 75 errors in the kundval files refining it;
                // found by an adversarial session). The kundval's own syntax errors still show.
                if states[match.index].parse.hasErrors { states[index].isUnresolved = true }
            } else {
                // Without its reglemente a kundval cannot be checked: it is not, and this is its
                // one error. A file that could not be read at all may be the reglemente: then
                // that file's error is the one.
                states[index].isUnresolved = true
                guard !states.contains(where: { $0.parse.isUnreadable }) else { continue }
                states[index].diagnostics.append(Diagnostic(
                    code: .unknownReglemente,
                    message: "reglementet `\(name)`\(version.map { " version `\($0)`" } ?? "") finns inte bland filerna",
                    span: span,
                    hint: unknownReglementeHint(name: name, version: version, among: reglementen.map {
                        (name: $0.name, version: $0.version, path: states[$0.index].parse.file.path)
                    })))
            }
        }
        return reglementen.map(\.index) + kundval
            + states.indices.filter { states[$0].parse.syntax.header == nil }
    }
}

/// What the checker knows about one file while checking a set.
struct DocumentState {
    let parse: ParseResult
    var diagnostics = DiagnosticList()
    var reglemente: Int?
    /// A kundval whose reglemente is not among the files, or that names none: it is not
    /// checked further.
    var isUnresolved = false
}

extension Checker {
    /// The hint of a kundval that names no reglemente: the clause for the reglemente among the
    /// files when there is one, the choice when there are several, the clause's form otherwise.
    static func missingReglementeHint(among reglementen: [(name: String, version: String?)]) -> String {
        func clause(_ reglemente: (name: String, version: String?)) -> String {
            "`enligt reglemente \(TextLiteral.source(reglemente.name))\(reglemente.version.map { " version \(TextLiteral.source($0))" } ?? "")`"
        }
        switch reglementen.count {
        case 0:
            return "lägg till `enligt reglemente \"NAMN\" version \"VERSION\"` i dokumenthuvudet, med reglementets namn och version som "
                + "dess fil skriver dem, och kontrollera kundvalet tillsammans med den filen"
        case 1:
            return "lägg till \(clause(reglementen[0])) i dokumenthuvudet"
        default:
            let clauses = reglementen.map(clause)
            return "lägg till \(clauses.dropLast().joined(separator: ", ")) eller \(clauses[clauses.count - 1]) i dokumenthuvudet"
        }
    }

    /// The hint for a reglemente that is not among the files. It never proposes another
    /// version: a kundval tied to the wrong version of the reglemente would check cleanly and
    /// decide by the wrong conditions. A version that differs only in spaces or case is the same
    /// version, and the hint names the file that spells it so; one misspelled with the same
    /// numbers ("31 vilkor") gets a "menade du".
    static func unknownReglementeHint(name: String, version: String?,
                                      among reglementen: [(name: String, version: String?, path: String)]) -> String {
        func squeezed(_ text: String?) -> String? {
            text.map { $0.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        }
        if let typo = reglementen.first(where: { squeezed($0.name) == squeezed(name) && squeezed($0.version) == squeezed(version) }) {
            return "`\(typo.path)` skriver reglementet `\(typo.name)`\(typo.version.map { " version `\($0)`" } ?? ""): "
                + "skriv namn och version likadant i båda filerna"
        }
        let sameName = reglementen.filter { $0.name == name }
        // "31 vilkor" for "31 villkor" is a misspelling; "27 villkor" is another version.
        let digits = { (text: String?) in text.map { String($0.filter(\.isNumber)) } }
        if let version, let mistyped = Suggestion.closest(to: version, among: sameName.compactMap(\.version).filter { digits($0) == digits(version) }) {
            return "menade du `\"\(name)\" version \"\(mistyped)\"`?"
        }
        if !sameName.isEmpty {
            let versions = sameName.map { $0.version.map { "`\($0)`" } ?? "utan version" }.joined(separator: ", ")
            return "bland filerna finns `\(name)` bara i version \(versions); lägg reglementets fil\(version.map { " för version `\($0)`" } ?? "") i samma mapp"
        }
        if let similar = Suggestion.closest(to: name, among: reglementen.map(\.name)) {
            return "menade du `\(similar)`?"
        }
        return reglementen.isEmpty
            ? "kontrollera kundvalet tillsammans med reglementets fil, till exempel `kundval check conditions`"
            : "lästa reglementen: " + reglementen.map { "`\($0.name)`" + ($0.version.map { " version `\($0)`" } ?? "") }.joined(separator: ", ")
    }
}

extension DocumentHeader {
    /// `version "…"`.
    var version: String? {
        for case .version(let text) in clauses { return text.value }
        return nil
    }

    /// `enligt reglemente "…" version "…"`, with the span of the name.
    var refinedReglemente: (name: String, version: String?, span: SourceSpan)? {
        for case .refines(let name, let version) in clauses {
            return (name.value, version?.value, name.span.union(version?.span ?? name.span))
        }
        return nil
    }
}
