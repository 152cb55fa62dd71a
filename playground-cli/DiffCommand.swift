import Foundation
import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kundval diff GAMMAL NY [--json]`: what changed between two versions, condition by condition;
/// with `--anordnare FIL.jsonl` the impact on providers instead.
enum DiffCommand {
    static let usage = """
        användning: kundval diff GAMMAL.kundval NY.kundval [--json]
               kundval diff GAMMAL_MAPP NY_MAPP [--namn NAMN] [--json]
               kundval diff MAPP [--namn NAMN] --versioner A B [--json]
               kundval diff … --anordnare FIL.jsonl [--datum ÅÅÅÅ-MM-DD] [--bedömning ansökan|uppföljning|…]
                              [--id FÄLTSÖKVÄG] [--villkor NUMMER] [--json]

        Jämför två versioner villkor för villkor: tillagda, borttagna, avstängda och påslagna villkor,
        och för ändrade villkor lydelse och förtydligande (ordvis), predikat (de ändrade deluttrycken
        med rader), underlag, följd vid brist; sedan huvudet, insatser, typer och fakta, tabeller,
        definitioner, sanktioner och avauktorisation. Ett kundval jämförs med det reglemente det
        preciserar (också reglementets typer, tabeller och så vidare).
        Villkoren paras ihop efter rubrik (ett omnumrerat villkor visas som `omnumrerat 14 → 16`),
        efter nummer där rubriken saknas eller inte är entydig. Ett kundval jämförs bara med ett
        kundval, ett reglemente med ett reglemente.
        Två filer läses med de andra regelfilerna i sina mappar. Två mappar: dokumenten paras ihop
        efter slag och namn (bara NAMN med --namn); har en mapp flera versioner av ett dokument
        jämförs samma version i båda, annars den som gäller --datum (i dag om det inte anges).
        En mapp: --versioner A B väljer två dokument (av NAMN) efter version, diarienummer, datum
        (gäller från, fastställd) eller filnamn utan .kundval, till exempel
        `kundval diff conditions --versioner oppenvard-001 oppenvard-000`.
        --json skriver jämförelsen som JSON (två mappar: {"jämförelser": […], …}).

        Med --anordnare bedöms varje anordnare (en rad JSON per anordnare, som `kundval batch`
        läser dem; `-` är standard in) i båda versionerna. Varje anordnare vars utfall eller status
        för något villkor eller någon insats ändras skrivs så fort den är bedömd, med --id:s värde
        eller radnumret; sist en sammanfattning: hur många som ändrar utfall, och per villkor vilka
        statusövergångar som sker för hur många. --villkor 7 visar bara anordnare vars villkor 7
        ändras. Minnet växer inte med antalet anordnare. En rad vars fakta passar den ena versionen
        men inte den andra redovisas som sådan. Med --json: en rad {"anordnare": …} per ändring och
        sist {"sammanfattning": …}.
        --villkor ska vara ett villkor i någon av versionerna; saknar en rad värdet vid --id
        varnar diff (en gång, på standardfel) och visar raden med sitt radnummer.
        Slutstatus: 0 när jämförelsen gjordes, 1 när reglerna har fel eller (med --anordnare) när
        någon rad inte kunde bedömas i någon av versionerna, 2 vid felaktig användning.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var arguments = arguments
        var selectors: [String]?
        if let index = arguments.firstIndex(of: "--versioner") {
            guard index + 2 < arguments.count else {
                Output.error("kundval diff: `--versioner` behöver två värden: den gamla och den nya versionen\n\n" + usage)
                return .usage
            }
            selectors = [arguments[index + 1], arguments[index + 2]]
            arguments.removeSubrange(index...index + 2)
        }
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let json = options.flag("--json")
        // A service that asked for JSON reads JSON, also when something went wrong.
        Output.errorsAsJSON = json
        let name = options.value("--namn")
        let providers = options.value("--anordnare")
        let dateText = options.value("--datum")
        let assessment = options.value("--bedömning") ?? "ansökan"
        let identity = options.value("--id").map { $0.split(separator: ".").map(String.init) }
        let condition = options.value("--villkor")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval diff: \(problem)\n\n" + usage)
            return .usage
        }
        guard let date = DocumentTarget.date(dateText, command: "diff") else { return .usage }
        let pairs: [Pair]
        var onlyOld: [String] = [], onlyNew: [String] = [], skipped: [String] = []
        switch load(options.positional, name: name, selectors: selectors, date: date) {
        case .failure(let stop): return stop.status
        case .success(let found): (pairs, onlyOld, onlyNew, skipped) = found
        }
        if let providers {
            guard pairs.count == 1, let pair = pairs.first else {
                Output.error("kundval diff: --anordnare jämför två versioner av ett dokument; välj det med --namn"
                    + " (dokument i båda: " + pairs.map { "`\($0.new.name)`" }.joined(separator: ", ") + ")")
                return .usage
            }
            guard let analysis = ImpactAnalysis(old: pair.old, new: pair.new, assessment: assessment, date: date) else {
                let names = Set(pair.old.assessmentNames).intersection(pair.new.assessmentNames).sorted()
                Output.error("kundval diff: båda versionerna behöver bedömningen `\(assessment)`; gemensamma bedömningar: "
                    + names.map { "`\($0)`" }.joined(separator: ", "))
                return .usage
            }
            // A version not yet in force on the date is still assessed, as `eval` does, and said.
            for (label, document) in [("gamla", pair.old), ("nya", pair.new)] {
                if let start = document.validFrom, start > date {
                    Output.error("kundval diff: varning: den \(label) versionen `\(document.path)` gäller från \(start), "
                        + "efter bedömningsdatumet \(date)")
                }
            }
            return impact(analysis, input: providers, identity: identity, condition: condition, json: json)
        }
        let comparisons = pairs.map { pair in
            var comparison = VersionComparison.compare(pair.versions.0, pair.versions.1)
            // A reglemente found beside a file is read by its absolute path; shown as given.
            comparison.old.reglementePath = comparison.old.reglementePath.map(relative)
            comparison.new.reglementePath = comparison.new.reglementePath.map(relative)
            return comparison
        }
        if json {
            // Two folders: every pair and the documents only in one; otherwise the one comparison.
            if selectors != nil || options.positional.first.map(isFile) == true {
                Output.print(encode(comparisons[0], pretty: true))
            } else {
                Output.print(encode(FolderComparison(comparisons: comparisons, onlyOld: onlyOld, onlyNew: onlyNew, skipped: skipped),
                                  pretty: true))
            }
            return .ok
        }
        var text = comparisons.map { $0.text() }.joined(separator: "\n")
        if !onlyOld.isEmpty { text += "\nbara i den gamla mappen: " + onlyOld.joined(separator: ", ") + "\n" }
        if !onlyNew.isEmpty { text += "\nbara i den nya mappen: " + onlyNew.joined(separator: ", ") + "\n" }
        if !skipped.isEmpty { text += "\ninte jämförda: " + skipped.joined(separator: ", ") + "\n" }
        Output.write(text)
        return .ok
    }

    /// Two folders compared: each pair of documents, and the documents only in one folder.
    struct FolderComparison: Encodable {
        let comparisons: [VersionComparison]
        let onlyOld: [String]
        let onlyNew: [String]
        let skipped: [String]
        enum CodingKeys: String, CodingKey {
            case comparisons = "jämförelser", onlyOld = "bara_i_gammal", onlyNew = "bara_i_ny", skipped = "inte_jämförda"
        }
    }

    /// A path below the current folder relative to it; others as they are.
    static func relative(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    static func encode<Value: Encodable>(_ value: Value, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{\"fel\": \"kundval diff: kan inte skriva JSON\"}" }
        return String(decoding: data, as: UTF8.self)
    }

    typealias Pair = (old: CompiledDocument, new: CompiledDocument, versions: (DocumentVersion, DocumentVersion))
    /// The pairs to compare; for two folders also the documents only in one, and the versions
    /// not compared (not in force on the date).
    typealias Found = (pairs: [Pair], onlyOld: [String], onlyNew: [String], skipped: [String])

    /// The pairs of versions the arguments name; on failure the message is printed.
    static func load(_ paths: [String], name: String?, selectors: [String]?, date: Day) -> Result<Found, Stop> {
        if let selectors {
            guard paths.count == 1 else {
                Output.error("kundval diff: --versioner A B väljer två versioner i en mapp: `kundval diff MAPP [--namn NAMN] --versioner A B`")
                return .failure(Stop(status: .usage))
            }
            let rules: RuleSet, sources: [SourceFile]
            switch compile(paths[0]) {
            case .success(let found): (rules, sources) = found
            case .failure(let stop): return .failure(stop)
            }
            var found: [CompiledDocument] = []
            for selector in selectors {
                switch rules.version(named: name, selector: selector) {
                case .success(let document): found.append(document)
                case .failure(let problem):
                    Output.error("kundval diff: \(problem.message)")
                    return .failure(Stop(status: .usage))
                }
            }
            guard let pair = pair(found[0], rules, sources, found[1], rules, sources) else { return .failure(Stop(status: .usage)) }
            return .success(([pair], [], [], []))
        }
        guard paths.count == 2 else {
            Output.error("kundval diff: ange två versioner, den gamla först\n\n" + usage)
            return .failure(Stop(status: .usage))
        }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            Output.error("kundval diff: `\(path)` finns inte")
            return .failure(Stop(status: .usage))
        }
        let kinds = paths.map(isFile)
        guard kinds[0] == kinds[1] else {
            Output.error("kundval diff: jämför två filer eller två mappar, inte `\(paths[0])` med `\(paths[1])`")
            return .failure(Stop(status: .usage))
        }
        let oldRules: RuleSet, oldSources: [SourceFile], newRules: RuleSet, newSources: [SourceFile]
        switch compile(paths[0]) {
        case .success(let found): (oldRules, oldSources) = found
        case .failure(let stop): return .failure(stop)
        }
        switch compile(paths[1]) {
        case .success(let found): (newRules, newSources) = found
        case .failure(let stop): return .failure(stop)
        }
        if kinds[0] {
            func named(_ path: String, _ rules: RuleSet) -> CompiledDocument? {
                rules.documents.first { RuleFiles.canonical($0.path) == RuleFiles.canonical(path) }
            }
            guard let old = named(paths[0], oldRules), let new = named(paths[1], newRules) else {
                Output.error("kundval diff: `\(named(paths[0], oldRules) == nil ? paths[0] : paths[1])` innehåller inget dokument")
                return .failure(Stop(status: .usage))
            }
            guard let found = pair(old, oldRules, oldSources, new, newRules, newSources) else { return .failure(Stop(status: .usage)) }
            return .success(([found], [], [], []))
        }
        return pairFolders(paths, oldRules, oldSources, newRules, newSources, name: name, date: date)
    }

    /// Two documents with their syntax trees; `nil` after printing why.
    static func pair(_ old: CompiledDocument, _ oldRules: RuleSet, _ oldSources: [SourceFile],
                     _ new: CompiledDocument, _ newRules: RuleSet, _ newSources: [SourceFile]) -> Pair? {
        guard old.kind == new.kind else {
            Output.error("kundval diff: `\(relative(old.path))` är ett \(old.kind.rawValue) och `\(relative(new.path))` ett \(new.kind.rawValue);"
                + " jämför två versioner av samma slags dokument (ett kundval med ett kundval, ett reglemente med ett reglemente)")
            return nil
        }
        guard let a = oldRules.comparisonVersion(of: old, sources: oldSources),
              let b = newRules.comparisonVersion(of: new, sources: newSources) else {
            Output.error("kundval diff: kan inte läsa källtexten till `\(old.path)` eller `\(new.path)`")
            return nil
        }
        return (old, new, (a, b))
    }

    /// The rules of a file (with the other rule files of its folder) or a folder; on failure the
    /// message is printed (rules with errors as `kundval check` shows them).
    static func compile(_ path: String) -> Result<(RuleSet, [SourceFile]), Stop> {
        let sources: [SourceFile]
        switch RuleFiles.sourcesWithSiblings([path]) {
        case .success(let found): sources = found.sources
        case .failure(let problem):
            Output.error("kundval diff: \(problem.message)")
            return .failure(Stop(status: .usage))
        }
        switch RuleSet.compile(sources) {
        case .success(let rules): return .success((rules, sources))
        case .failure(let failure):
            if Output.errorsAsJSON {
                Output.print("{\"fel\": " + JSONText.quoted("kundval diff: reglerna i `\(path)` har fel") + ", \"diagnostiker\": "
                             + DiagnosticsJSON.array(failure.files) + "}")
                return .failure(Stop(status: .failure))
            }
            Output.write(failure.rendered(colors: Output.useColor(Output.color)))
            Output.error("kundval diff: reglerna i `\(path)` har fel; rätta dem först (`kundval check \(path)`)")
            return .failure(Stop(status: .failure))
        }
    }
}
