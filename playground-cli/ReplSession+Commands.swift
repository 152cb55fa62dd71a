import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax

extension ReplSession {
    mutating func load(_ newPaths: [String]) -> String {
        switch RuleFiles.compile(newPaths) {
        case .failure(.path(let message)):
            // `kundval repl` started elsewhere than the folder that holds `conditions`.
            let hint = newPaths == ["conditions"] && !FileManager.default.fileExists(atPath: "conditions")
                ? "; ange regelfilerna eller deras mapp: `kundval repl MAPP`, eller `ladda MAPP` här" : ""
            return "fel: \(message)\(hint)\n"
        case .failure(.rules(let failure)):
            return failure.rendered() + (rules == nil
                ? "fel: reglerna har fel; inga regler är lästa: rätta felen och skriv `ladda`\n"
                : "fel: reglerna har fel; de tidigare reglerna används\n")
        case .success(let loaded):
            paths = newPaths
            rules = loaded.rules
            // The document already used, else that of a rule file named (a kundval before its
            // reglemente, whichever order they were named in), else the first kundval.
            let previous = document?.name
            let named = newPaths.filter { $0.hasSuffix(".kundval") }.map(RuleFiles.canonical).compactMap { path in
                loaded.rules.documents.first { RuleFiles.canonical($0.path) == path }
            }
            document = loaded.rules.documents.first { $0.name == previous }
                ?? named.first { $0.kind == .kundval } ?? named.first
                ?? loaded.rules.documents.filter { $0.kind == .kundval }.min { $0.name < $1.name }
                ?? loaded.rules.documents.first
            if let document, !document.assessmentNames.contains(assessment) {
                assessment = document.assessmentNames.first ?? assessment
            }
            return "läste \(loaded.rules.documents.count) dokument" + (document.map { "; använder \"\($0.name)\"" } ?? "") + "\n"
        }
    }

    func listDocuments() -> String {
        guard let rules else { return "inga regler är lästa\n" }
        return rules.documents.map { doc in
            (doc.path == document?.path ? "* " : "  ") + "\"\(doc.name)\"" + (doc.version.map { " version \"\($0)\"" } ?? "")
                + " (\(doc.kind == .kundval ? "kundval" : "reglemente"), \(doc.path))"
        }.joined(separator: "\n") + "\n"
    }

    mutating func use(_ name: String) -> String {
        guard let rules else { return "fel: inga regler är lästa\n" }
        let wanted = name.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        // A file names one document; a name or a version is looked up as `eval` looks it up, in
        // force on the session's date (a name of two versions in force took the first silently).
        let found: CompiledDocument
        if let file = rules.documents.first(where: { $0.path == wanted || $0.path.hasSuffix("/" + wanted) }) {
            found = file
        } else {
            switch rules.lookup(wanted, on: date) {
            case .success(let document):
                found = document
            case .failure(.unknown):
                let names = Array(Set(rules.documents.map(\.name))).sorted()
                let starting = names.filter { $0.lowercased().hasPrefix(wanted.lowercased()) }
                let hint = (starting.isEmpty ? Suggestion.closest(to: wanted, among: names).map { [$0] } : starting)
                    .map { "; menade du " + $0.map { "\"\($0)\"" }.joined(separator: " eller ") + "?" } ?? ""
                return "fel: det finns inget dokument \"\(wanted)\"\(hint)\n"
            case .failure(let problem):
                return "fel: \(problem)\n"
            }
        }
        document = found
        if !found.assessmentNames.contains(assessment) { assessment = found.assessmentNames.first ?? assessment }
        return "använder \"\(found.name)\"" + (found.version.map { " version \"\($0)\"" } ?? "") + "\n"
    }

    mutating func setFacts(_ argument: String) -> String {
        if argument.isEmpty { return factsSource.map { "fakta: \($0)\n" } ?? "inga fakta är angivna: alla uppgifter är okända\n" }
        var bytes: [UInt8]
        if argument.hasPrefix("{") {
            bytes = Array(argument.utf8)
            // Written facts change the facts already given: `fakta {"anordnare": {"namn": "X"}}`
            // after a file needs no more than the fields it changes.
            if let factsJSON, let base = try? JSONParser.parse(factsJSON), let changes = try? JSONParser.parse(bytes) {
                bytes = Array(Self.text(Self.merging(changes, into: base)).utf8)
            }
        } else {
            guard let data = FileManager.default.contents(atPath: argument) else {
                return "fel: kan inte läsa \(Quoting.quoted(argument)): \(RuleFiles.readProblem(argument))\n"
            }
            bytes = [UInt8](data)
        }
        if let current = document, case .failure(let problem) = current.decoder.decode(json: bytes) {
            // Facts of another document (the öppenvård provider while "Arbete och etablering" is
            // used): that document is used, and said so.
            let fitting = (rules?.documents ?? []).filter { $0.path != current.path && (try? $0.decoder.decode(json: bytes).get()) != nil }
            if fitting.count == 1 || fitting.filter({ $0.kind == .kundval }).count == 1,
               let other = fitting.count == 1 ? fitting.first : fitting.first(where: { $0.kind == .kundval }) {
                document = other
                if !other.assessmentNames.contains(assessment) { assessment = other.assessmentNames.first ?? assessment }
                factsJSON = bytes
                factsSource = argument.hasPrefix("{") ? "inskrivna" : argument
                return "fakta: \(factsSource!); de passar \"\(other.name)\", som används nu\n"
            }
            return Self.listing(problem)
                + (argument.hasPrefix("{") && factsJSON == nil
                   ? "  utgå från en fil med alla uppgifter (`fakta FIL.json`) och ändra det du vill med `fakta {…}` eller `med`\n" : "")
        }
        let merged = argument.hasPrefix("{") && factsJSON != nil
        factsJSON = bytes
        // A paste over several lines is named on one line.
        let changes = argument.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        factsSource = merged ? (factsSource ?? "") + ", ändrade med \(changes)" : argument.hasPrefix("{") ? "inskrivna" : argument
        return "fakta: \(factsSource!)\n"
    }

    /// `med FAKTA = VÄRDE`: what if one fact were different. The value is a literal as in a rule
    /// file (`ja`, `2`, `2,5`, `2025-03-01`, `"text"`, an enumeration case, `okänt`, `3 månader`,
    /// `1000 kr`), or a list or record of such as a test writes it (`{ utfärdat: 2025-02-01 }`);
    /// the facts change only when the result still fits the rules.
    mutating func whatIf(_ argument: String) -> String {
        guard let document else { return Self.noDocument }
        guard let equals = argument.firstIndex(of: "=") else {
            return "fel: skriv `med FAKTA = VÄRDE`, till exempel `med anordnare.namn = \"Exempelvården AB\"`\n"
        }
        // Spaces in a path are no part of it (`element(a.b , 2)` as a test may write it).
        let written = String(argument[..<equals].filter { !$0.isWhitespace })
        let path: [FactPathStep]
        do {
            path = try Self.factPath(written[...])
        } catch {
            switch error {
            case .notAPath:
                return "fel: `\(Quoting.shortened(written))` är inget faktum att ändra; skriv till exempel `med anordnare.namn = \"A\"` "
                    + "eller `med element(anordnare.personal, 2).utbildad = ja`\n"
            // As a test's `med` says it (the prompt said "no fact to change"; found by an
            // adversarial session).
            case .elementNumber:
                return "fel: \(ElementNumberWording.notAnElementNumber); skriv \(ElementNumberWording.example)\n"
            case .elementNumberTooLarge(let number):
                return "fel: \(ElementNumberWording.tooLarge(Quoting.shortened(number)))\n"
            }
        }
        let text = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        // `ÅÅÅÅ-M-D` is meant as a date: one the calendar lacks says why (it was read as a
        // number, and the facts' JSON was refused at a column of its own). An organisation
        // number (`556000-0000`) is not taken for one.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), Day(text) == nil {
            return "fel: " + Day.problem(with: text) + "\n"
        }
        guard !path.isEmpty, let value = Self.jsonLiteral(text) else {
            return "fel: \(Quoting.quoted(text)) är inget värde som kan skrivas i fakta: ja, nej, okänt, ett tal, ett datum, en text, ett namn, "
                + "en post (`{ utfärdat: 2025-01-01 }`) eller en lista av sådana (`[]`, `[2, 3]`)"
                + (text.isEmpty || "\"[{".contains(text.first!) ? "" : "; en text skrivs inom citattecken (`\"\(Quoting.shortened(text))\"`)") + "\n"
        }
        var root: JSON = .object([])
        if let factsJSON {
            guard let parsed = try? JSONParser.parse(factsJSON) else { return "fel: fakta är inte giltig JSON\n" }
            root = parsed
        }
        let changed: JSON
        switch Self.setting(root, path[...], value) {
        case .success(let json): changed = json
        case .failure(let short):
            return "fel: `\(Quoting.shortened(written))` ändrar element \(short.position), men listan "
                + (short.count.map { "har \($0) element" } ?? "finns inte i fakta") + "\n"
        }
        let bytes = Array(Self.text(changed).utf8)
        if case .failure(let problem) = document.decoder.decode(json: bytes) {
            return "fel: med \(written) = \(text) stämmer fakta inte med reglerna:\n"
                + problem.lines.prefix(8).map { "  " + $0 + "\n" }.joined()
        }
        factsJSON = bytes
        factsSource = (factsSource ?? "inga fakta") + ", med \(written) = \(text)"
        return "fakta: \(factsSource!)\n"
    }

    /// A value written as in a rule file, as JSON for the facts.
    static func jsonLiteral(_ text: String) -> JSON? {
        switch text {
        case "ja": return .boolean(true)
        case "nej": return .boolean(false)
        case "okänt": return .null
        default: break
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return .string(String(text.dropFirst().dropLast())) }
        if text.hasPrefix("["), text.hasSuffix("]") {
            // A list (`[]`, `[2, 3]`, `[missbruk, beroende]`, `[{ roll: chef }]`).
            guard let items = splitItems(text.dropFirst().dropLast()) else { return nil }
            var values: [JSON] = []
            for item in items {
                guard let value = jsonLiteral(item) else { return nil }
                values.append(value)
            }
            return .array(values)
        }
        if text.hasPrefix("{"), text.hasSuffix("}") {
            // A record as a test writes it (`{ utfärdat: 2025-01-01, timmar: 2 timmar }`): an
            // author's `med underlag = { … }` was refused, with a hint to quote it as a text.
            guard let items = splitItems(text.dropFirst().dropLast()) else { return nil }
            var fields: [(key: String, value: JSON)] = []
            for item in items {
                guard let colon = item.firstIndex(of: ":") else { return nil }
                let name = item[..<colon].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                      let value = jsonLiteral(item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)) else { return nil }
                fields.append((name, value))
            }
            return .object(fields)
        }
        if Day(text) != nil { return .string(text) }
        let parts = text.split(separator: " ")
        // A number: digits with a decimal comma, a minus sign only first (`556000-0000` is a
        // text to quote, not a number the facts' JSON refused at a column of its own).
        if let first = parts.first, first.dropFirst().allSatisfy({ $0.isNumber || $0 == "," }),
           first.first.map({ $0.isNumber || $0 == "-" }) == true, first.contains(where: \.isNumber) {
            let number = first.replacingOccurrences(of: ",", with: ".")
            switch parts.count {
            case 1: return .number(number)
            case 2 where ["kr", "%", "hp", "yhp", "timmar", "timme"].contains(String(parts[1])): return .number(number)
            case 2: return .string(text)
            default: return nil
            }
        }
        if parts.count == 1, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return .string(text) }
        return nil
    }

    /// The items of a list's or a record's inside, separated by the commas outside brackets,
    /// braces and texts (a decimal comma between two digits separates nothing: `[2,5, 3]`),
    /// trimmed; none for an empty inside, nil for brackets that do not match.
    static func splitItems(_ inner: Substring) -> [String]? {
        let characters = Array(inner)
        var (items, item, depth, quoted) = ([String](), "", 0, false)
        for (index, character) in characters.enumerated() {
            if character == "\"" { quoted.toggle() }
            if !quoted {
                if "[{".contains(character) { depth += 1 }
                if "]}".contains(character) { depth -= 1 }
                guard depth >= 0 else { return nil }
                let decimal = index > 0 && index + 1 < characters.count && characters[index - 1].isNumber && characters[index + 1].isNumber
                if character == ",", depth == 0, !decimal {
                    items.append(item.trimmingCharacters(in: .whitespaces))
                    item = ""
                    continue
                }
            }
            item.append(character)
        }
        guard depth == 0, !quoted else { return nil }
        let last = item.trimmingCharacters(in: .whitespaces)
        if items.isEmpty && last.isEmpty { return [] }
        return items + [last]
    }

    /// `json` with the value at `path` (object keys) set, objects made where missing.
    static func setting(_ json: JSON, _ path: ArraySlice<FactPathStep>, _ value: JSON) -> Result<JSON, ElementOutside> {
        switch path.first {
        case nil:
            return .success(value)
        case .key(let key):
            var pairs: [(key: String, value: JSON)] = []
            if case .object(let existing) = json { pairs = existing }
            let index = pairs.firstIndex(where: { $0.key == key }) ?? {
                pairs.append((key, .object([])))
                return pairs.count - 1
            }()
            return setting(pairs[index].value, path.dropFirst(), value).map { changed in
                pairs[index].value = changed
                return .object(pairs)
            }
        case .element(let position):
            guard case .array(var elements) = json, position <= elements.count else {
                if case .array(let elements) = json { return .failure(ElementOutside(position: position, count: elements.count)) }
                return .failure(ElementOutside(position: position, count: nil))
            }
            return setting(elements[position - 1], path.dropFirst(), value).map { changed in
                elements[position - 1] = changed
                return .array(elements)
            }
        }
    }

    /// The most elements of lists inside each other a path at the prompt names; the language's
    /// own nesting limit is far above what a fact's lists have.
    static let maximumElementDepth = 16

    /// A step of the fact `med` changes at the prompt: a name, or an element of a list counted
    /// from 1 as the language writes it (`element(anordnare.personal, 2).utbildad`).
    enum FactPathStep {
        case key(String)
        case element(Int)
    }

    /// `med element(lista, n)…` where the list has fewer than n elements (`count`), or is not in
    /// the facts (nil).
    struct ElementOutside: Error {
        let position: Int
        let count: Int?
    }

    /// Why a path written at the prompt names no fact to change.
    enum PathProblem: Error {
        /// An element's number that is no integer from 1, in a path otherwise well written up
        /// to it.
        case elementNumber
        /// An element's number (as written) past 2147483647, the grammar's limit.
        case elementNumberTooLarge(String)
        /// Anything else.
        case notAPath
    }

    /// The steps of a fact's path written at the prompt without spaces: `anordnare.namn`,
    /// `element(anordnare.personal,2).utbildad`, `element(element(a.b,1).c,3)`; a problem for
    /// anything else, and for more than ``maximumElementDepth`` elements inside each other
    /// (5,000 crashed the prompt, each level read again; found by review).
    static func factPath(_ text: Substring, depth: Int = 0) throws(PathProblem) -> [FactPathStep] {
        guard depth < maximumElementDepth else { throw .notAPath }
        var steps: [FactPathStep] = []
        var rest = text
        if text.hasPrefix("element(") {
            var open = 0
            var close: Substring.Index?
            for index in text.indices {
                if text[index] == "(" { open += 1 }
                if text[index] == ")" { open -= 1; if open == 0 { close = index; break } }
            }
            guard let close else { throw .notAPath }
            let inner = text[text.index(text.startIndex, offsetBy: 8)..<close]
            guard let comma = inner.lastIndex(of: ",") else { throw .notAPath }
            let list = try factPath(inner[..<comma], depth: depth + 1)
            let number = inner[inner.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            // Digits only: a number of any size past the limit, rather than no number (`+1`, `1,5`).
            let digits = !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
            guard digits, number.contains(where: { $0 != "0" }) else { throw .elementNumber }
            guard let position = Int(number), position <= Int(Int32.max) else { throw .elementNumberTooLarge(number) }
            steps = list + [.element(position)]
            rest = text[text.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(".") else { throw .notAPath }
            rest = rest.dropFirst()
            if rest.isEmpty {
                guard !text.hasSuffix(".") else { throw .notAPath }
                return steps
            }
        }
        let names = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard names.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else { throw .notAPath }
        return steps + names.map { .key(String($0)) }
    }

    /// `base` with the objects of `changes` merged in, field by field; other values replace.
    static func merging(_ changes: JSON, into base: JSON) -> JSON {
        guard case .object(let new) = changes, case .object(var pairs) = base else { return changes }
        for (key, value) in new {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                pairs[index].value = merging(value, into: pairs[index].value)
            } else {
                pairs.append((key, value))
            }
        }
        return .object(pairs)
    }

    /// JSON text of a value.
    static func text(_ json: JSON) -> String {
        switch json {
        case .null: "null"
        case .boolean(let flag): flag ? "true" : "false"
        case .number(let digits): digits
        case .string(let string): JSONText.quoted(string)
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let pairs): "{" + pairs.map { JSONText.quoted($0.key) + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// Why the facts do not fit the document in use: the first eight problems and how many
    /// more, and the document they fit when one loaded does (facts of the öppenvård kundval
    /// while "Arbete och etablering" is used printed about ninety lines at every `pröva`; found
    /// by a hostile-input session).
    func factsProblem(_ problem: FactsProblem) -> String {
        var text = Self.listing(problem)
        if let factsJSON, let document, let rules, let other = DocumentTarget.documentFitting(factsJSON, besides: document, in: rules) {
            text += "  fakta passar \"\(other.document.name)\": skriv `använd \(other.file)`\n"
        }
        return text
    }

    /// The first eight problems of facts that do not fit, and how many more.
    static func listing(_ problem: FactsProblem) -> String {
        let shown = problem.lines.prefix(8)
        let more = problem.lines.count - shown.count
        // Text that is not JSON at all is said to be that, as `eval` says it.
        return "fel: fakta \(DocumentTarget.factsWords(problem)):\n" + shown.map { "  " + $0 + "\n" }.joined()
            + (more > 0 ? "  … och \(more) fel till\n" : "")
    }

    /// The decision for the current facts, date and assessment, or an error text.
    func decide(explain: Bool) -> Result<Decision, ReplError> {
        guard let document else { return .failure(ReplError(text: Self.noDocument)) }
        let facts: Facts
        if let factsJSON {
            switch document.decoder.decode(json: factsJSON) {
            case .success(let decoded): facts = decoded
            case .failure(let problem):
                return .failure(ReplError(text: factsProblem(problem)))
            }
        } else {
            facts = document.unknownFacts
        }
        do {
            return .success(try document.evaluate(facts, assessment: assessment, date: date, explain: explain, computations: true))
        } catch {
            return .failure(ReplError(text: "fel: \(error)\n"))
        }
    }

    func listConditions() -> String {
        guard let document else { return Self.noDocument }
        return document.conditionNumbers.map { number in
            "  \(number)" + (document.conditionText(number)?.title.map { " ”\($0)”" } ?? "")
        }.joined(separator: "\n") + "\n"
    }

    func decideCondition(_ number: String) -> String {
        guard let document else { return Self.noDocument }
        guard document.conditionNumbers.contains(number) else {
            let hint = Suggestion.closest(to: number, among: document.conditionNumbers).map { "; menade du \($0)?" } ?? ""
            return "fel: villkor \(number) finns inte\(hint)\n"
        }
        switch decide(explain: false) {
        case .failure(let error): return error.text
        case .success(let decision):
            guard let condition = decision.conditions.first(where: { $0.number == number }) else { return "" }
            return "villkor \(number)\(condition.title.map { " ”\($0)”" } ?? ""): \(condition.status.rawValue)\n"
                + condition.reasons.map { "  " + $0 + "\n" }.joined()
                + (condition.missingFacts.isEmpty ? "" : "  saknade fakta: " + condition.missingFacts.joined(separator: ", ") + "\n")
        }
    }

    func decideServices() -> String {
        switch decide(explain: false) {
        case .failure(let error): return error.text
        case .success(let decision):
            if decision.services.isEmpty { return "dokumentet har inga insatser med krav\n" }
            return decision.services.map { service in
                "insats \(service.name): \(service.status.rawValue)\n" + service.reasons.map { "  " + $0 + "\n" }.joined()
                    + (service.missingFacts.isEmpty ? "" : "  saknade fakta: " + service.missingFacts.joined(separator: ", ") + "\n")
            }.joined()
        }
    }

    func decideAll() -> String {
        switch decide(explain: false) {
        case .failure(let error): return error.text
        case .success(let decision): return DecisionText.render(decision)
        }
    }

    func explain(_ number: String) -> String {
        guard let document else { return Self.noDocument }
        guard !number.isEmpty else { return "fel: skriv villkorets nummer eller insatsens namn, till exempel `förklara 17`\n" }
        switch decide(explain: true) {
        case .failure(let error): return error.text
        case .success(let decision):
            if let service = decision.services.first(where: { $0.name == number }) {
                return ExplainCommand.explain(service, decision: decision)
            }
            guard let condition = decision.conditions.first(where: { $0.number == number }),
                  let text = document.conditionText(number) else {
                let hint = Suggestion.closest(to: number, among: document.conditionNumbers).map { "; menade du \($0)?" } ?? ""
                return "fel: villkor \(number) finns inte\(hint)\n"
            }
            return ExplainCommand.explain(condition, text: text, decision: decision)
        }
    }

    func checkedDocument() -> CheckedDocument? {
        guard let rules, let document else { return nil }
        return rules.program.documents.first { $0.path == document.path }
    }

    func listTypes() -> String {
        guard let checked = checkedDocument() else { return Self.noDocument }
        var out = "fakta:\n" + checked.facts.map { "  \($0.name): \($0.type)\n" }.joined()
        out += "typer: " + (checked.records.keys.sorted() + checked.enumerations.keys.sorted()).joined(separator: ", ") + "\n"
        return out
    }

    func showType(_ name: String) -> String {
        guard let checked = checkedDocument() else { return Self.noDocument }
        if let record = checked.records[name] {
            return "typ \(name)\n" + record.fields.map { "  \($0.name): \($0.type)\n" }.joined()
        }
        if let enumeration = checked.enumerations[name] {
            return "typ \(name): en av " + enumeration.cases.joined(separator: ", ") + (enumeration.isOrdered ? " i stigande ordning" : "") + "\n"
        }
        let names = Array(checked.records.keys) + Array(checked.enumerations.keys)
        return "fel: det finns ingen typ \(Quoting.quoted(name))" + (Suggestion.closest(to: name, among: names).map { "; menade du `\($0)`?" } ?? "") + "\n"
    }

    func evaluate(_ text: String, firstWord: String, full: Bool = false) -> String {
        // Without a document an expression of constants is still computed (`10000000000 kr / 7`,
        // `är_arbetsdag(2025-12-24)`): a case officer without rule files was only told to load some.
        let chosen = rules.flatMap { rules in document.map { (rules, $0) } }
        guard let (rules, document) = chosen ?? Self.noRules else { return Self.noDocument }
        switch rules.evaluate(expression: text, in: document, factsJSON: chosen == nil ? nil : factsJSON, date: date) {
        case .success(let result):
            return "\(full ? result.full : result.value) : \(result.type)\n"
        case .failure(.diagnostics(let diagnostics)):
            var out = DiagnosticRenderer().render(diagnostics)
            if !firstWord.contains("."), let command = Suggestion.closest(to: firstWord, among: Self.commands) {
                out += "menade du kommandot `\(command)`? skriv `hjälp` för alla kommandon\n"
            }
            // A name of the rules' (`anordnare.namn`) needs a document.
            if chosen == nil, diagnostics.diagnostics.contains(where: { $0.code == .unknownName }) { out += Self.noDocument }
            return out
        case .failure(.facts(let problem)):
            return factsProblem(problem)
        case .failure(.evaluation(let error)):
            return "fel: \(error.message)\n"
        case .failure(.message(let message)):
            return "fel: \(message)\n"
        }
    }
}

extension ReplSession {
    /// Rules without facts, definitions or conditions: where an expression is computed while no
    /// document is chosen (see ``evaluate(_:firstWord:full:)``).
    static let noRules: (RuleSet, CompiledDocument)? = {
        let text = "reglemente \"Prompten\" version \"1\"\n"
        guard case .success(let rules) = RuleSet.compile([SourceFile(path: "prompten.kundval", text: text)]),
              let document = rules.documents.first else { return nil }
        return (rules, document)
    }()
}

/// An error text from a REPL command.
struct ReplError: Error {
    let text: String
}
