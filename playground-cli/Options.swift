import Foundation
import KundvalDiagnostics

/// Command-line options, one parser for every command: `--name value`, `--name=value`, flags
/// and positional arguments.
///
/// The rule for names: every flag has a Swedish name, and its English name (and the Swedish one
/// written without å, ä and ö) is an alias: `--fakta` and `--facts`, `--datum` and `--date`,
/// `--bedömning`, `--bedomning` and `--assessment`. Aliases are read as the Swedish name before
/// a command sees its arguments; help texts name the Swedish flags.
struct Options {
    private var arguments: [String]
    private(set) var positional: [String] = []
    private(set) var problem: String?

    /// English names and spellings without å, ä, ö, and the Swedish flag each stands for.
    static let aliases: [String: String] = [
        "--facts": "--fakta", "--date": "--datum", "--assessment": "--bedömning", "--bedomning": "--bedömning",
        "--rules": "--regler", "--all": "--alla", "--times": "--tider", "--mutate": "--mutera", "--min": "--minst",
        "--shortfalls": "--brister", "--count": "--antal", "--rounds": "--varv", "--no-explanation": "--utan-förklaring",
        "--utan-forklaring": "--utan-förklaring", "--color": "--färg", "--farg": "--färg", "--help": "--hjälp",
        "--hjalp": "--hjälp", "-h": "--hjälp", "--output": "--ut", "-o": "--ut", "--providers": "--anordnare", "--name": "--namn",
        "--versions": "--versioner", "--condition": "--villkor", "--check": "--kontrollera", "--diff": "--skillnad",
        "--computations": "--beräkningar", "--berakningar": "--beräkningar",
    ]

    /// A flag written with an alias as its Swedish name (`--facts=x` as `--fakta=x`).
    static func canonical(_ argument: String) -> String {
        guard argument.hasPrefix("-") else { return argument }
        let (name, value) = argument.firstIndex(of: "=").map { (String(argument[..<$0]), String(argument[$0...])) } ?? (argument, "")
        return (aliases[name] ?? name) + value
    }

    /// How each flag read under an alias was written, for messages (`-o`, not `--ut`).
    private var spelled: [String: String] = [:]
    /// The flags the command asked for, for a "menade du" when one is misspelled (`--datm`).
    private var asked: Set<String> = []

    init(_ arguments: [String]) {
        self.arguments = arguments.map(Self.canonical)
        for (written, read) in zip(arguments, self.arguments) where written != read { spelled[read] = written }
    }

    mutating func flag(_ name: String) -> Bool {
        asked.insert(name)
        guard let index = arguments.firstIndex(of: name) else { return false }
        arguments.remove(at: index)
        // Given twice it is said so, as a value flag is (the second was called unknown).
        if arguments.contains(name) {
            problem = problem ?? "`\(spelled[name] ?? name)` anges flera gånger; ange den en gång"
            arguments.removeAll { $0 == name }
        }
        return true
    }

    mutating func value(_ name: String) -> String? {
        asked.insert(name)
        let given = arguments.filter { $0 == name || $0.hasPrefix(name + "=") }.count
        if given > 1 { problem = problem ?? "`\(name)` anges \(given) gånger; ange den en gång" }
        if let index = arguments.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            let value = String(arguments[index].dropFirst(name.count + 1))
            arguments.remove(at: index)
            return value
        }
        guard let index = arguments.firstIndex(of: name) else { return nil }
        guard index + 1 < arguments.count else {
            problem = "`\(name)` behöver ett värde"
            arguments.remove(at: index)
            return nil
        }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...index + 1)
        return value
    }

    /// A share in percent (`95`, `97,5`) and the text it was written as, or `nil` when not
    /// given; outside 0–100 or not a number is a problem.
    mutating func percentage(_ name: String) -> (share: Double, text: String)? {
        guard let text = value(name) else { return nil }
        guard let share = Double(text.replacingOccurrences(of: ",", with: ".")), (0...100).contains(share) else {
            problem = problem ?? "`\(name)` väntar en andel i procent mellan 0 och 100, inte \(Quoting.quoted(text))"
            return nil
        }
        return (share, text)
    }

    /// A whole number in `range`, or `default` when not given; anything else is a problem
    /// (`--antal -1` crashed `bench`, `--antal abc` was ignored).
    mutating func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            problem = problem ?? "`\(spelled[name] ?? name)` väntar ett heltal från \(range.lowerBound) till \(range.upperBound), inte \(Quoting.quoted(text))"
            return fallback
        }
        return number
    }

    /// What is left after the options: positional arguments, or an unknown flag.
    var remaining: [String] { arguments }

    mutating func finish() {
        for argument in arguments {
            if argument.hasPrefix("--") {
                let written = spelled[argument] ?? argument
                let name = String(written.prefix { $0 != "=" })
                // A flag the command knows, given a value it does not take (`--mutera=ja`).
                let read = Self.canonical(name)
                if name != written, asked.contains(read) {
                    problem = problem ?? "`\(name)` tar inget värde; skriv bara `\(name)`"
                    continue
                }
                // The command's flags, then their English names and spellings (not the one-letter
                // ones), each suggested by its Swedish name (`--bedomnig`: `--bedömning`).
                let known = asked.sorted() + Self.aliases.filter { asked.contains($0.value) && $0.key.hasPrefix("--") }.keys.sorted()
                let suggestion = Suggestion.closest(to: name, among: known).map { "; menade du `\(Self.aliases[$0] ?? $0)`?" } ?? ""
                problem = problem ?? "okänd flagga `\(written)`" + suggestion
            } else {
                positional.append(argument)
            }
        }
        arguments = []
    }
}
