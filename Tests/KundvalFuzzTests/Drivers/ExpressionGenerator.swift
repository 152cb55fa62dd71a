/// Choices read from the fuzzer's bytes: each byte picks one of a few alternatives; past the
/// end every choice is the first (the simplest), so every input gives a finite expression.
struct ByteChoices {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A number in `0 ..< bound`.
    mutating func next(_ bound: Int) -> Int {
        guard bound > 1, position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position]) % bound
    }

    /// One of `options`.
    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }
}

/// Writes well-typed expressions of the language over ``ExpressionDriver/document``'s facts,
/// by the unit rules of `DocumentChecker+Operators.swift`: each generated text is what an author
/// could write, and the checker accepts nearly all of them (those it refuses still exercise it).
/// Every operator, built-in function, quantifier and conditional is reachable, with constants at
/// the edges of their ranges.
struct ExpressionGenerator {
    /// The types an expression is generated for.
    enum Kind: CaseIterable {
        case boolean, integer, decimal, money, percent, date, days, months, text, level
    }

    var choices: ByteChoices
    /// The quantifier variables in scope: a person (`Person`) or an integer of `anordnare.tal`.
    var people: [String] = []
    var integers: [String] = []
    var counter = 0
    let maximumDepth = 7

    init(_ choices: ByteChoices) { self.choices = choices }

    mutating func expression(_ kind: Kind, depth: Int = 0) -> String {
        // Past the depth limit only leaves: constants and facts.
        let leafOnly = depth >= maximumDepth
        switch kind {
        case .boolean: return boolean(depth, leafOnly)
        case .integer: return integer(depth, leafOnly)
        case .decimal: return decimal(depth, leafOnly)
        case .money: return money(depth, leafOnly)
        case .percent: return percent(depth, leafOnly)
        case .date: return date(depth, leafOnly)
        case .days: return days(depth, leafOnly)
        case .months: return months(depth, leafOnly)
        case .text: return text(leafOnly ? Self.leaf : depth)
        case .level: return level(fact: false)
        }
    }

    private mutating func e(_ kind: Kind, _ depth: Int) -> String { expression(kind, depth: depth + 1) }

    /// A fact of the kind: a field of `anordnare` or of a person in scope.
    private mutating func fact(_ own: [String], person field: String?) -> String {
        var options = own.map { "anordnare.\($0)" }
        if let field {
            options += people.map { "\($0).\(field)" }
            // A field of an element of the list of people, which the programs read from its table.
            options.append("element(anordnare.personer, \(choices.pick(["1", "2", "anordnare.n"]))).\(field)")
        }
        return choices.pick(options)
    }

    private mutating func boolean(_ depth: Int, _ leafOnly: Bool) -> String {
        if leafOnly {
            return choices.pick(["ja", "nej", fact(["a", "b"], person: "aktiv")])
        }
        switch choices.next(16) {
        case 0: return choices.pick(["ja", "nej"])
        case 1: return fact(["a", "b"], person: "aktiv")
        case 2, 3:
            let kind = choices.pick([Kind.integer, .decimal, .money, .percent, .date, .days, .months, .integer])
            let op = choices.pick(["=", "!=", "<", "<=", ">", ">=", "≥", "≠"])
            return "(\(e(kind, depth)) \(op) \(e(kind, depth)))"
        case 4:
            let optional = fact(["a", "n", "x", "pengar", "andel", "start", "frist", "period", "namn", "nivå", "personer", "tal"],
                                person: "ålder")
            return "(\(optional) \(choices.pick(["finns", "saknas"])))"
        case 5: return "(inte \(e(.boolean, depth)))"
        case 6: return "(\(e(.boolean, depth)) och \(e(.boolean, depth)))"
        case 7: return "(\(e(.boolean, depth)) eller \(e(.boolean, depth)))"
        case 8: return "(om \(e(.boolean, depth)) så \(e(.boolean, depth)) annars \(e(.boolean, depth)))"
        case 9, 10:
            let quantifier = choices.pick(["alla", "någon", "ingen"])
            return bindPerson { generator, name in
                "(\(quantifier) \(name) i anordnare.personer: \(generator.e(.boolean, depth)))"
            }
        case 11:
            return bindInteger { generator, name in
                "(\(generator.choices.pick(["alla", "någon", "ingen"])) \(name) i anordnare.tal: \(generator.e(.boolean, depth)))"
            }
        case 12: return "är_arbetsdag(\(e(.date, depth)))"
        case 13: return "(\(text(depth)) \(choices.pick(["=", "≠"])) \(text(depth)))"
        case 14:
            let kind = choices.pick([Kind.integer, .money, .date, .days])
            let phrase = choices.pick(["är minst", "är högst", "är inte", "är"])
            return "(\(e(kind, depth)) \(phrase) \(e(kind, depth)))"
        default:
            let op = choices.pick(["=", "≠", "<", ">="])
            return "(\(level(fact: true)) \(op) \(level(fact: false)))"
        }
    }

    private mutating func integer(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["0", "1", "3", "12", "2147483647", "2147483648", "9223372036854775807", "(-1)", "(-9223372036854775807)"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : fact(["n", "m"], person: "ålder") }
        switch choices.next(18) {
        case 0, 1: return choices.pick(constants)
        case 2, 3: return integers.isEmpty || choices.next(2) == 0 ? fact(["n", "m"], person: "ålder") : choices.pick(integers)
        case 4: return "(\(e(.integer, depth)) \(choices.pick(["+", "-", "*", "×"])) \(e(.integer, depth)))"
        case 5: return "(-\(e(.integer, depth)))"
        case 6: return "\(choices.pick(["avrunda", "avrunda_nedåt", "avrunda_uppåt"]))(\(e(.decimal, depth)))"
        case 7: return "påbörjade_veckor(\(e(.days, depth)))"
        case 8: return "dagar_i_månaden(\(e(.date, depth)))"
        case 9: return "\(choices.pick(["rest", "minsta", "största"]))(\(e(.integer, depth)), \(e(.integer, depth)))"
        case 10:
            return bindPerson { generator, name in
                "(antal \(name) i anordnare.personer där \(generator.e(.boolean, depth)))"
            }
        case 11: return "\(choices.pick(["hela_månader_mellan", "arbetsdagar_mellan"]))(\(e(.date, depth)), \(e(.date, depth)))"
        case 12: return "(om \(e(.boolean, depth)) så \(e(.integer, depth)) annars \(e(.integer, depth)))"
        case 13:
            return bindInteger { generator, name in "(summa \(name) i anordnare.tal: \(generator.e(.integer, depth)))" }
        case 14: return "element(anordnare.tal, \(e(.integer, depth)))"
        // Their parameters cannot be unknown: the arguments are constants or always known.
        case 15: return "dubbel(\(choices.next(2) == 0 ? choices.pick(constants) : "(antal p i anordnare.personer)"))"
        case 16: return "nivåtal(\(level(fact: false)))"
        default: return "(antal v i [\(e(.integer, depth)), \(e(.integer, depth))])"
        }
    }

    private mutating func decimal(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["2,5", "0,001", "1,0", "(-0,5)", "922337203685477,5807"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : "anordnare.x" }
        switch choices.next(9) {
        case 0, 1: return choices.pick(constants)
        case 2: return "anordnare.x"
        case 3: return "(\(e(.integer, depth)) / \(e(.integer, depth)))"
        case 4: return "(\(e(.decimal, depth)) \(choices.pick(["+", "-", "*"])) \(e(.decimal, depth)))"
        case 5: return "(\(e(.decimal, depth)) * \(e(.integer, depth)))"
        case 6: return "(\(e(.money, depth)) / \(e(.money, depth)))"
        case 7: return "(\(e(.days, depth)) / \(e(.days, depth)))"
        default: return "(\(e(.decimal, depth)) / \(e(.decimal, depth)))"
        }
    }

    private mutating func money(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["100 kr", "0,01 kr", "16500 kr", "9999999999 kr", "92233720368547758,07 kr"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : fact(["pengar"], person: "lön") }
        switch choices.next(11) {
        case 0, 1: return choices.pick(constants)
        case 2: return fact(["pengar"], person: "lön")
        case 3: return "(\(e(.money, depth)) \(choices.pick(["+", "-"])) \(e(.money, depth)))"
        case 4: return "(\(e(.money, depth)) * \(e(.integer, depth)))"
        case 5: return "(\(e(.money, depth)) * \(e(.percent, depth)))"
        case 6: return "(\(e(.money, depth)) / \(e(.decimal, depth)))"
        case 7: return "\(choices.pick(["avrunda_till_öre", "avrunda_till_krona"]))(\(e(.money, depth)))"
        case 8: return "\(choices.pick(["minsta", "största"]))(\(e(.money, depth)), \(e(.money, depth)))"
        case 9: return "(om \(e(.boolean, depth)) så \(e(.money, depth)) annars \(e(.money, depth)))"
        default: return bindPerson { generator, name in "(summa \(name) i anordnare.personer: \(generator.e(.money, depth)))" }
        }
    }

    private mutating func percent(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["5 %", "12,5 %", "100 %", "0 %"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : "anordnare.andel" }
        switch choices.next(6) {
        case 0, 1: return choices.pick(constants)
        case 2: return "anordnare.andel"
        case 3: return "(\(e(.percent, depth)) \(choices.pick(["+", "-"])) \(e(.percent, depth)))"
        case 4: return "(\(e(.percent, depth)) * \(e(.integer, depth)))"
        default: return "(\(e(.percent, depth)) / \(e(.decimal, depth)))"
        }
    }

    private mutating func date(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["2025-03-01", "2024-02-29", "2025-01-31", "0001-01-01", "9999-12-31", "bedömningsdatum"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : fact(["start", "slut"], person: "anställd") }
        switch choices.next(8) {
        case 0, 1: return choices.pick(constants)
        case 2: return fact(["start", "slut"], person: "anställd")
        case 3: return "(\(e(.date, depth)) \(choices.pick(["+", "-"])) \(e(.days, depth)))"
        case 4: return "(\(e(.date, depth)) \(choices.pick(["+", "-"])) \(e(.months, depth)))"
        case 5: return "nästa_arbetsdag(\(e(.date, depth)))"
        case 6: return "\(choices.pick(["minsta", "största"]))(\(e(.date, depth)), \(e(.date, depth)))"
        default: return "(om \(e(.boolean, depth)) så \(e(.date, depth)) annars \(e(.date, depth)))"
        }
    }

    private mutating func days(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["3 dagar", "1 dag", "2 veckor", "0 dagar", "3652059 dagar"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : "anordnare.frist" }
        switch choices.next(7) {
        case 0, 1: return choices.pick(constants)
        case 2: return "anordnare.frist"
        case 3: return "(\(e(.date, depth)) - \(e(.date, depth)))"
        case 4: return "(\(e(.days, depth)) \(choices.pick(["+", "-"])) \(e(.days, depth)))"
        case 5: return "(\(e(.days, depth)) * \(e(.integer, depth)))"
        default: return "(\(e(.integer, depth)) * \(e(.days, depth)))"
        }
    }

    private mutating func months(_ depth: Int, _ leafOnly: Bool) -> String {
        let constants = ["1 månad", "6 månader", "2 år", "0 månader", "119988 månader"]
        if leafOnly { return choices.next(2) == 0 ? choices.pick(constants) : "anordnare.period" }
        switch choices.next(5) {
        case 0, 1: return choices.pick(constants)
        case 2: return "anordnare.period"
        case 3: return "(\(e(.months, depth)) \(choices.pick(["+", "-"])) \(e(.months, depth)))"
        default: return "(\(e(.months, depth)) * \(e(.integer, depth)))"
        }
    }

    /// A depth at which every expression is a leaf.
    static let leaf = Int.max / 2

    /// A text: written, a fact, or picked (by `om`, a table, an element of a list of texts, a
    /// definition with a text parameter), as value registers hold it where it is.
    private mutating func text(_ depth: Int = leaf) -> String {
        let leaves = ["\"\"", "\"Nacka\"", "\"Å\\\"\""]
        guard depth < maximumDepth else { return choices.pick(leaves + [fact(["namn"], person: "namn")]) }
        switch choices.next(8) {
        case 0: return choices.pick(leaves)
        case 1, 2: return fact(["namn"], person: "namn")
        case 3: return "(om \(e(.boolean, depth)) så \(text(depth + 1)) annars \(text(depth + 1)))"
        case 4: return "ortnamn(\(choices.next(2) == 0 ? level(fact: true) : level(fact: false)))"
        case 5: return "element(anordnare.orter, \(e(.integer, depth)))"
        case 6: return "eller_nacka(\(text(depth + 1)))"
        default:
            return bindPerson { generator, name in
                "(om någon \(name) i anordnare.personer: \(name).namn = \(generator.text(depth + 1)) så \"ja\" annars \"nej\")"
            }
        }
    }

    /// A value of `Nivå`: a fact (so that the other side of a comparison is typed by it), or a case.
    private mutating func level(fact wanted: Bool) -> String {
        wanted ? fact(["nivå"], person: "nivå") : choices.pick(["låg", "mellan", "hög"])
    }

    private mutating func bindPerson(_ body: (inout ExpressionGenerator, String) -> String) -> String {
        counter += 1
        let name = "p\(counter)"
        people.append(name)
        defer { people.removeLast() }
        return body(&self, name)
    }

    private mutating func bindInteger(_ body: (inout ExpressionGenerator, String) -> String) -> String {
        counter += 1
        let name = "v\(counter)"
        integers.append(name)
        defer { integers.removeLast() }
        return body(&self, name)
    }
}
