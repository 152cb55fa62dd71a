import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension LanguageServer {
    /// The analysis of an open document with its folder's other files.
    func analysis(of document: TextDocument) -> DocumentAnalysis {
        let others = documents.values.filter { $0.uri != document.uri && checkKey($0) == checkKey(document) }
        let folderFiles = RuleFolder.checkSet(folder: document.folder, open: others.sorted { $0.uri < $1.uri }, cache: cache)
        return DocumentAnalysis(document: document, folderFiles: folderFiles, cache: cache)
    }

    /// `textDocument/hover`: a condition number shows the row in force (general and specific
    /// text, consequence); a fact path its type and unit; a function its signature and meaning.
    func hover(_ params: JSONValue) throws -> JSONValue {
        let (document, offset) = try documentPosition(params)
        let analysis = analysis(of: document)
        guard let index = analysis.tokenIndex(at: offset) else { return .null }
        var markdown: String?
        if let number = analysis.conditionNumber(at: index) {
            markdown = conditionHover(number, analysis: analysis)
        } else if analysis.tokens[index].isIdentifier, let symbol = analysis.symbol(chainEndingAt: index) {
            markdown = Self.hoverText(symbol, path: analysis.chain(endingAt: index).map(analysis.text).joined(separator: "."),
                                      analysis: analysis)
        }
        guard let markdown else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(markdown)],
                "range": document.file.range(of: analysis.tokens[index].span).json]
    }

    /// The row in force for a condition number: from the last checked program of the folder
    /// when there is one (with inherited consequences), else from the syntax as written.
    func conditionHover(_ number: [Int], analysis: DocumentAnalysis) -> String? {
        let label = number.map(String.init).joined(separator: ".")
        let checked = lastPrograms[checkKey(analysis.document)]?.documents.first { $0.path == analysis.file.path }
        if let row = checked?.conditionsInForce.first(where: { $0.number.parts == number }) {
            var lines = ["**villkor \(label)**" + (row.title.map { " – \($0)" } ?? "")]
            if row.isSwitchedOff { lines.append("_förekommer inte i detta kundval_") }
            for part in row.parts {
                let heading = part.origin == .general ? "Generellt villkor" : "Specifikt villkor"
                lines.append("**\(heading)**" + (part.condition.title.map { ": \($0)" } ?? ""))
                if let wording = part.condition.wording { lines.append(Self.quoted(wording)) }
                if let clarification = part.condition.clarification { lines.append("Förtydligande:\n" + Self.quoted(clarification)) }
                if !part.consequences.isEmpty {
                    lines.append("Vid brist: " + part.consequences.map(\.text).joined(separator: ", "))
                }
            }
            return lines.joined(separator: "\n\n")
        }
        let found = analysis.index.conditions(numbered: number)
        let parts = found.general.map { ($0, "Generellt villkor") } + found.own.map { ($0, analysis.reglemente == nil ? "Villkor" : "Specifikt villkor") }
        guard !parts.isEmpty else { return nil }
        var lines = ["**villkor \(label)**"]
        for (condition, heading) in parts {
            let decl = condition.value
            lines.append("**\(heading)**" + (decl.title.map { ": \($0.value)" } ?? ""))
            if decl.isSwitchedOff { lines.append("_förekommer inte i detta kundval_") }
            for clause in decl.clauses {
                switch clause {
                case .wording(let text): lines.append(Self.quoted(text.value))
                case .clarification(let text): lines.append("Förtydligande:\n" + Self.quoted(text.value))
                case .consequences(let consequences, _):
                    lines.append("Vid brist: " + consequences.map(\.kind.text).joined(separator: ", "))
                default: break
                }
            }
        }
        return lines.joined(separator: "\n\n")
    }

    /// A text as a Markdown quote.
    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }

    /// The Markdown shown for a name.
    static func hoverText(_ symbol: Symbol, path: String, analysis: DocumentAnalysis) -> String {
        func typeLines(_ type: TypeReference?) -> String {
            guard let type else { return "" }
            var text = ": `\(type.text)`"
            var named = type.syntax
            while case .list(let inner) = named.kind { named = inner }
            if case .named(let identifier) = named.kind, let unit = unitDescription(identifier.name) { text += "\n\nenhet: \(unit)" }
            return text
        }
        switch symbol {
        case .fact(let field):
            return "**\(path)**" + typeLines(analysis.type(of: symbol)) + "\n\nfaktum" + origin(field.file, analysis)
        case .field(let record, let field):
            return "**\(path)**" + typeLines(analysis.type(of: symbol)) + "\n\nfält i `\(record)`" + origin(field.file, analysis)
        case .parameter:
            return "**\(path)**" + typeLines(analysis.type(of: symbol)) + "\n\nparameter"
        case .binding(_, let type):
            return "**\(path)**" + typeLines(type) + "\n\nett element i listan"
        case .definition(let decl):
            return "```kundval\n\(firstLine(decl.value.span, decl.file))\n```" + origin(decl.file, analysis)
        case .table(let decl):
            return "```kundval\n\(firstLine(decl.value.span, decl.file))\n```\n\nbeslutstabell med \(decl.value.rows.count) rader" + origin(decl.file, analysis)
        case .type(let name, let declaration):
            if let builtin = KundvalType.builtins[name] {
                return "**\(name)**: inbyggd typ `\(builtin)`" + (unitDescription(name).map { "\n\nenhet: \($0)" } ?? "")
            }
            if let cases = analysis.index.enumerations[name] {
                return "**typ \(name)**: en av " + cases.map { "`\($0.value.name)`" }.joined(separator: ", ")
                    + (declaration.map { origin($0.file, analysis) } ?? "")
            }
            let fields = analysis.index.records[name] ?? []
            let listed = fields.prefix(40).map { "- `\($0.value.name.name)`: `\($0.file.text(of: $0.value.type.span))`" }
            return "**typ \(name)**" + (declaration.map { origin($0.file, analysis) } ?? "") + "\n\n" + listed.joined(separator: "\n")
                + (fields.count > 40 ? "\n- … \(fields.count - 40) fält till" : "")
        case .enumerationCase(let enumeration, let found):
            let cases = analysis.index.enumerations[enumeration] ?? []
            return "**\(found.value.name)**: ett fall av `\(enumeration)`\n\n" + cases.map { "`\($0.value.name)`" }.joined(separator: ", ")
        case .builtin(let builtin):
            return "```kundval\n\(builtin.signature)\n```\n\n" + (builtinDocumentation[builtin] ?? "")
        case .example(let decl):
            return "```kundval\n\(firstLine(decl.value.span, decl.file))\n```"
        case .service(let decl):
            return "**insats \(decl.value.name.name)**" + (decl.value.title.map { " – \($0.value)" } ?? "")
        case .assessmentDate:
            return "**\(Builtin.assessmentDateName)**: `datum`\n\ndagen bedömningen avser (`vid uppföljning 2025-03-01`, `--datum`)"
        }
    }

    /// ` (i reglementet)` when a declaration comes from the reglemente.
    private static func origin(_ file: SourceFile, _ analysis: DocumentAnalysis) -> String {
        file.path == analysis.file.path ? "" : "\n\n_ur `\(file.path.split(separator: "/").last.map(String.init) ?? file.path)`_"
    }

    /// The first line of a declaration.
    static func firstLine(_ span: SourceSpan, _ file: SourceFile) -> String {
        let line = file.lineIndex(of: span.start)
        let range = file.lineRange(line)
        return file.text(of: SourceSpan(start: span.start, end: max(span.start, min(range.upperBound, span.end))))
    }

    /// The unit a built-in type's values carry.
    static func unitDescription(_ typeName: String) -> String? {
        switch typeName {
        case "belopp": "kronor (`kr`), exakt till öret"
        case "procent": "procent (`%`)"
        case "dagar", "veckor": "dagar (`dagar`, `veckor`)"
        case "månader", "år": "kalendermånader (`månader`, `år`)"
        case "timmar": "timmar"
        case "hp": "högskolepoäng (`hp`)"
        case "yhp": "yrkeshögskolepoäng (`yhp`)"
        default: nil
        }
    }

    /// What each built-in function does, in the words of the guide (Grammar/GUIDE.md).
    static let builtinDocumentation: [Builtin: String] = [
        .roundToÖre: "avrundar till hela ören, halva bort från noll",
        .roundToKrona: "avrundar till hela kronor, halva bort från noll",
        .round: "avrundar till heltal, halva bort från noll",
        .roundDown: "avrundar nedåt till heltal",
        .roundUp: "avrundar uppåt till heltal",
        .startedWeeks: "påbörjade veckor: 1–7 dagar är 1 (\"per påbörjad vecka\")",
        .nextWorkingDay: "dagen själv om den är en arbetsdag, annars nästa (lag 1930:173)",
        .workingDaysAfter: "den n:te arbetsdagen efter datumet (före det när n är negativt); datumet självt för 0",
        .isWorkingDay: "vardag som inte är helgdag, midsommarafton, julafton eller nyårsafton",
        .daysInMonth: "antalet dagar i datumets månad, 28–31",
        .dayOfMonth: "dagen i månaden, 1–31 (\"född den femte, femtonde eller tjugofemte\")",
        .smallest: "det minsta av två värden",
        .largest: "det största av två värden",
        .remainder: "resten vid heltalsdivision",
        .element: "det n:te elementet, räknat från 1; okänt utanför listan",
        .wholeMonthsBetween: "hela månader enligt månadsregeln; negativt när `till` är tidigare",
        .workingDaysBetween: "arbetsdagarna efter `från` till och med `till`; negativt när `till` är tidigare",
    ]
}
