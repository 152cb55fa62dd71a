import Foundation
import KundvalDiagnostics
import KundvalFormat
import KundvalSyntax

/// `kundval fmt [--kontrollera] [--skillnad] SÖKVÄG…`: formats `.kundval` files in place, lists
/// the files that are not formatted (`--kontrollera`), or prints what would change (`--skillnad`).
/// `-` formats standard input to standard output (alone: not together with paths).
enum FormatCommand {
    static let usage = """
        användning: kundval fmt [--kontrollera] [--skillnad] SÖKVÄG…

        Formaterar .kundval-filer: en klausul per rad under sin deklaration, beslutstabellernas
        kolumner i linje, långa uttryck radbrutna vid `eller` och `och`, högst 100 tecken per rad
        där det går. Kommentarer och tomma rader mellan deklarationer behålls; text inom
        citattecken ändras aldrig. Mappar gås igenom rekursivt; `-` (ensamt, utan sökvägar) läser
        standard in och skriver resultatet på standard ut.

        Utan flaggor skrivs filerna om på plats och de som ändrades räknas upp.
        --kontrollera (--check)  skriver inget; listar filerna som inte är formaterade (slutstatus 1)
        --skillnad (--diff)      skriver inget; visar ändringarna som en unified diff

        En fil med syntaxfel formateras inte; felen visas. Formateraren kontrollerar sitt eget
        resultat (samma syntaxträd, samma texter och kommentarer) och lämnar filen orörd om något
        skiljer sig.
        Slutstatus: 0 när allt är formaterat eller formaterades, 1 med fel eller oformaterade
        filer (--kontrollera, --skillnad), 2 vid felaktig användning.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let check = options.flag("--kontrollera")
        let diff = options.flag("--skillnad")
        let readsStandardInput = options.flag("-")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval fmt: \(problem)")
            return .usage
        }
        let paths = options.positional
        guard !paths.isEmpty || readsStandardInput else {
            Output.error(usage)
            return .usage
        }
        if readsStandardInput, let first = paths.first {
            // Standard in goes to standard out and files are written in place: one or the other.
            Output.error("kundval fmt: `-` (standard in) kan inte kombineras med sökvägar som `\(first)`; "
                + "formatera standard in och filerna i var sitt anrop")
            return .usage
        }
        let renderer = DiagnosticRenderer(colors: Output.useColor(Output.color))
        let formatter = SourceFormatter()
        var status = ExitStatus.ok
        if readsStandardInput {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let source = SourceFile(path: "<standard in>", bytes: [UInt8](data))
            switch formatter.format(source) {
            case .formatted(let text):
                if diff {
                    let patch = LineDiff.unified(old: String(decoding: source.bytes, as: UTF8.self), new: text,
                                                 oldName: "a/-", newName: "b/-")
                    Output.write(patch)
                    if !patch.isEmpty { status = .failure }
                } else if check, !text.utf8.elementsEqual(source.bytes) {
                    Output.print("-")
                    status = .failure
                } else if !check {
                    Output.write(text)
                }
            case .syntaxErrors(let diagnostics):
                Output.error(renderer.render(FileDiagnostics(file: source, diagnostics: diagnostics)))
                return .failure
            case .refused(let reason):
                Output.error("kundval fmt: internt fel i formateraren för standard in: \(reason); texten lämnas som den är")
                return .failure
            }
            return status
        }
        let files: [String]
        switch RuleFiles.collect(paths) {
        case .success(let found): files = found
        case .failure(let problem):
            Output.error("kundval fmt: \(problem.message)")
            return .usage
        }
        var changed = 0
        var unformattable = 0
        for path in files {
            guard let source = RuleFiles.read(path) else {
                Output.error("kundval fmt: kan inte läsa `\(path)`: \(RuleFiles.readProblem(path))")
                status = .failure
                unformattable += 1
                continue
            }
            let text: String
            switch formatter.format(source) {
            case .formatted(let formatted): text = formatted
            case .syntaxErrors(let diagnostics):
                Output.error(renderer.render(FileDiagnostics(file: source, diagnostics: diagnostics)))
                Output.error("kundval fmt: `\(path)` har syntaxfel och formateras inte")
                status = .failure
                unformattable += 1
                continue
            case .refused(let reason):
                Output.error("kundval fmt: internt fel i formateraren för `\(path)`: \(reason); filen lämnas orörd")
                status = .failure
                unformattable += 1
                continue
            }
            guard !text.utf8.elementsEqual(source.bytes) else { continue }
            changed += 1
            if diff {
                // `a/conditions/x.kundval`, and `a/tmp/x.kundval` for an absolute path.
                let named = path.hasPrefix("/") ? path : "/" + path
                Output.write(LineDiff.unified(old: String(decoding: source.bytes, as: UTF8.self), new: text,
                                              oldName: "a" + named, newName: "b" + named))
                status = .failure
            } else if check {
                Output.print(path)
                status = .failure
            } else {
                do {
                    try OutputFile.write(Data(text.utf8), to: path)
                    Output.print("formaterade \(path)")
                } catch {
                    Output.error("kundval fmt: kan inte skriva `\(path)`: \(RuleFiles.writeProblem(path, error))")
                    status = .failure
                }
            }
        }
        let total = files.count
        /// `3 av 5 filer`, `filen` when there is one.
        func count(_ some: Int) -> String { total == 1 ? "filen" : "\(some) av \(total) filer" }
        let all = total == 1 ? "filen" : "alla \(total) filer"
        let notFormatted = unformattable == 0 ? "" : "\(count(unformattable)) kunde inte formateras"
        if check || diff {
            var summary = changed == 0 && unformattable == 0 ? "\(all) är formaterad" + (total == 1 ? "" : "e")
                : changed == 0 ? notFormatted
                : "\(count(changed)) är inte formaterad\(total == 1 ? "" : "e"); kör `kundval fmt` för att formatera "
                    + (total == 1 ? "den" : "dem")
            if changed > 0, unformattable > 0 { summary += "; " + notFormatted }
            // The diff on standard out stays a clean patch; the summary of a check is its result.
            if diff { Output.error(summary) } else { Output.print(summary) }
        } else if unformattable > 0 {
            Output.error(notFormatted)
        } else if changed == 0, total > 0 {
            Output.print("\(all) var redan formaterad" + (total == 1 ? "" : "e"))
        }
        return status
    }
}
