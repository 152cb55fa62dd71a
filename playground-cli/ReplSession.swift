import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime

/// The state and commands of `kundval repl`: loaded rules, the chosen document, the facts, the
/// date and the assessment kind. Each command returns its output as text.
struct ReplSession {
    var paths: [String]
    var rules: RuleSet?
    var document: CompiledDocument?
    var factsJSON: [UInt8]?
    var factsSource: String?
    var date: Day
    var assessment = "ansökan"
    /// Whether `avsluta` was given.
    var finished = false
    /// A `fakta {…}` or `med … = {…}` spread over several lines (JSON pasted as it is written in
    /// a file): the lines so far, run as one command when its brackets close (or at an empty
    /// line). Each line was a command of its own, and pasted facts gave three errors.
    private(set) var continued: String?

    static let commands = ["hjälp", "ladda", "dokument", "använd", "fakta", "med", "datum", "bedömning", "villkor",
                           "insatser", "pröva", "förklara", "visa", "typer", "typ", "avsluta"]

    static let help = """
        kommandon:
          hjälp [KOMMANDO]         visar kommandona, eller ett kommandos rader
          ladda [SÖKVÄG…]          läser regelfiler och mappar (utan sökväg: samma igen)
          dokument                 listar dokumenten; * visar det som används
          använd NAMN              väljer dokumentet som prövas
          fakta FIL.json | {…}     anger anordnarens fakta (utan argument: visar vilka); passar de
                                   ett annat dokument används det; {…} efter en fil ändrar bara
                                   de uppgifter som står i den; {…} får fortsätta på flera rader
                                   (inklistrad JSON), till sista klammern eller en tom rad
          med FAKTA = VÄRDE        ändrar en uppgift i fakta: `med anordnare.namn = "Exempelvården AB"`
          datum ÅÅÅÅ-MM-DD         anger bedömningsdatum (utan datum: visar det)
          bedömning NAMN           anger bedömning: ansökan, uppföljning … (utan namn: visar den)
          villkor [N]              listar villkoren, eller prövar villkor N
          insatser                 prövar insatsernas krav
          pröva                    prövar hela dokumentet
          förklara N               förklarar varför villkor N har sin status
          visa UTTRYCK             visar värdet helt: varje element i en lista, varje fält i en post
          typer | typ NAMN         listar faktatyperna, eller visar en typs fält
          avsluta                  avslutar
        allt annat beräknas som ett uttryck, till exempel `antal p i anordnare.personer >= 1`
        """

    init(paths: [String], date: Day) {
        self.paths = paths
        self.date = date
    }

    /// Runs one input line.
    mutating func run(_ line: String) -> String {
        if let start = continued {
            let text = start + "\n" + line
            guard line.trimmingCharacters(in: .whitespaces).isEmpty || Self.openBrackets(in: text) <= 0 else {
                continued = text
                return ""
            }
            continued = nil
            return command(text)
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let word = Self.split(trimmed).0
        if word == "fakta" || word == "med", Self.openBrackets(in: trimmed) > 0 {
            continued = line
            return ""
        }
        return command(line)
    }

    /// How many `{` and `[` outside strings are not closed in `text`.
    static func openBrackets(in text: String) -> Int {
        var (open, quoted, escaped) = (0, false, false)
        for character in text {
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case "\"": quoted = true
            case "{", "[": open += 1
            case "}", "]": open -= 1
            default: break
            }
        }
        return open
    }

    /// Runs one command (its lines joined when it was spread over several).
    private mutating func command(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return "" }
        let (word, rest) = Self.split(trimmed)
        switch word {
        case "hjälp", "?": return rest.isEmpty ? Self.help + "\n" : Self.help(for: rest)
        case "avsluta", "sluta":
            // `avsluta nu` ended a script there and dropped the rest of it.
            guard rest.isEmpty else { return "fel: \(Quoting.quoted(word)) tar inga argument; skriv bara \(Quoting.quoted(word))\n" }
            finished = true
            return ""
        // The English words for the same, alone on the line, which the expression reader took
        // for unknown names.
        case "quit", "exit", "help":
            guard rest.isEmpty else { return evaluate(trimmed, firstWord: word) }
            return "fel: okänt kommando \(Quoting.quoted(word)); skriv `\(word == "help" ? "hjälp" : "avsluta")`\n"
        case "ladda": return load(rest.isEmpty ? paths : Self.words(rest))
        case "med": return whatIf(rest)
        case "dokument": return listDocuments()
        // Without an argument each says what it needs, or shows what is set (it named ``, `""`).
        case "använd" where rest.isEmpty: return "fel: skriv dokumentets namn eller fil, till exempel `använd oppenvard-000.kundval`; `dokument` listar dem\n"
        case "använd": return use(rest)
        case "fakta":
            // One file, or written facts: what followed a file's name was dropped without a word
            // (`fakta f.json {"påverkan": …}`; found by an adversarial test).
            let words = Self.words(rest)
            if !rest.hasPrefix("{"), words.count > 1 {
                return "fel: `fakta` tar en fil eller skrivna fakta (`fakta {…}`), inte båda; skriv dem på var sin rad"
                    + " (ett filnamn med mellanslag skrivs inom citattecken)\n"
            }
            return setFacts(words.first.map { rest.hasPrefix("{") ? rest : $0 } ?? "")
        case "datum" where rest.isEmpty: return "datum: \(date)\n"
        case "datum":
            guard let day = Day(rest) else { return "fel: " + Day.problem(with: rest) + "\n" }
            date = day
            return "datum: \(day)\n"
        case "bedömning":
            guard let document else { return Self.noDocument }
            if rest.isEmpty { return "bedömning: \(assessment) (bedömningar: " + document.assessmentNames.joined(separator: ", ") + ")\n" }
            guard document.assessmentNames.contains(rest) else {
                return "fel: det finns ingen bedömning `\(rest)`; bedömningar: " + document.assessmentNames.joined(separator: ", ") + "\n"
            }
            assessment = rest
            return "bedömning: \(rest)\n"
        case "villkor": return rest.isEmpty ? listConditions() : decideCondition(rest)
        case "insatser": return decideServices()
        case "pröva": return decideAll()
        case "förklara": return explain(rest)
        case "visa" where rest.isEmpty: return "fel: skriv ett uttryck, till exempel `visa anordnare.personer`\n"
        case "visa": return evaluate(rest, firstWord: Self.split(rest).0, full: true)
        case "typer": return listTypes()
        case "typ" where rest.isEmpty: return "fel: skriv typens namn, till exempel `typ Anordnare`; `typer` listar dem\n"
        case "typ": return showType(rest)
        default: return evaluate(trimmed, firstWord: word)
        }
    }

    /// The lines of ``help`` about command `command` (`hjälp pröva`), or what the commands are.
    static func help(for command: String) -> String {
        // The other names of a command (`?`, `sluta`) have its help.
        let command = ["?": "hjälp", "sluta": "avsluta"][command] ?? command
        let lines = help.split(separator: "\n").map(String.init)
        var found: [String] = []
        for (index, line) in lines.enumerated() {
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard line.hasPrefix("  "), !line.hasPrefix("   "), words.first.map(String.init) == command
                    || (words.count > 2 && words[1] == "|" && words[2] == Substring(command)) else { continue }
            found.append(line)
            // The lines that continue its description are indented further.
            found += lines[(index + 1)...].prefix { $0.hasPrefix("                ") }
        }
        guard !found.isEmpty else {
            return "fel: det finns inget kommando `\(command)`; kommandon: " + commands.joined(separator: ", ") + "\n"
        }
        return found.joined(separator: "\n") + "\n"
    }

    /// Words as a shell splits them: a path with spaces in double quotes is one word.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }

    static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), line[space...].trimmingCharacters(in: .whitespaces))
    }

    static let noDocument = "fel: inget dokument är valt; läs regler med `ladda SÖKVÄG` och välj med `använd NAMN`\n"
}
