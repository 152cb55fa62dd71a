import Foundation
import KundvalAuthoring
import KundvalDiagnostics
import KundvalRuntime

/// `kundval dokument KUNDVAL [--datum D] [--ut FIL.html] [--regler MAPP]`: the kundval as the
/// official document, one self-contained HTML page (inline CSS, no scripts, A4 print, phone).
enum DocumentCommand {
    static let usage = """
        användning: kundval dokument KUNDVAL [--datum ÅÅÅÅ-MM-DD] [--ut FIL.html] [--regler MAPP]

        Skriver kundvalet som det officiella dokumentet: en HTML-sida med rubrik, nämnd,
        diarienummer och datum (de som dokumentet anger), villkorstabellen med tre kolumner
        (auktorisationsvillkor med generell och specifik text, underlag för uppföljning/kontroll,
        sanktion/åtgärd vid brist), insatserna, sanktionerna med beslutstabellerna,
        avauktorisationen och beräkningarna. Sidan har ingen skriptkod, kan skrivas ut på A4 och
        läsas i en mobil. Varje villkorsrad har ankaret `villkor-NUMMER` och raden i regelfilen i
        `data-generell` och `data-specifik`.

        KUNDVAL är en .kundval-fil eller ett dokuments namn i regelmappen (standard: conditions).
        --datum väljer den version som gäller den dagen (standard: i dag). Utan --ut skrivs sidan
        till standard ut. Engelska alias: --date, --output (-o), --rules.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let folder = options.value("--regler") ?? "conditions"
        let dateText = options.value("--datum")
        let outputPath = options.value("--ut")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval dokument: \(problem)\n\n" + usage)
            return .usage
        }
        guard options.positional.count == 1 else {
            Output.error((DocumentTarget.argumentProblem(options.positional, command: "dokument") ?? "") + "\n\n" + usage)
            return .usage
        }
        if let outputPath, outputPath.isEmpty {
            Output.error("kundval dokument: `--ut` behöver en sökväg")
            return .usage
        }
        // The page is HTML: written over a rule file it would replace the rules (found by a
        // hostile-input session: `dokument X.kundval --ut X.kundval`).
        // A link to a rule file too: the page is written where a link leads (see ``OutputFile``).
        if let outputPath, outputPath.lowercased().hasSuffix(".kundval")
            || OutputFile.destination(of: outputPath).lowercased().hasSuffix(".kundval") {
            Output.error("kundval dokument: `--ut \(outputPath)` skulle skriva sidan över en regelfil; "
                         + "ange en fil som slutar på `.html`")
            return .usage
        }
        guard let date = DocumentTarget.date(dateText, command: "dokument") else { return .usage }
        let loaded: (document: CompiledDocument, rules: RuleSet, sources: [SourceFile])
        switch DocumentTarget.loadWithRules(options.positional[0], folder: folder, date: date, command: "dokument") {
        case .success(let found): loaded = found
        case .failure(let stop): return stop.status
        }
        let renderer = DocumentRenderer(program: loaded.rules.program, sources: loaded.sources,
                                        baseFolder: FileManager.default.currentDirectoryPath)
        guard let index = renderer.documentIndex(path: loaded.document.path), let page = renderer.render(documentAt: index) else {
            Output.error("kundval dokument: hittar inte `\(loaded.document.path)` bland de kontrollerade dokumenten")
            return .failure
        }
        guard let outputPath else {
            Output.write(page)
            return .ok
        }
        do {
            try OutputFile.write(Data(page.utf8), to: outputPath)
        } catch {
            Output.error("kundval dokument: kan inte skriva `\(outputPath)`: \(RuleFiles.writeProblem(outputPath, error))"
                         + (error is OutputFile.LinkLoop ? "" : "\ntips: finns mappen, och får du skriva där?"))
            return .usage
        }
        // Not into the page, when the page went to standard output.
        if !OutputFile.isStandardOutput(outputPath) { Output.print("skrev `\(outputPath)`: \(loaded.document.name)") }
        return .ok
    }
}
