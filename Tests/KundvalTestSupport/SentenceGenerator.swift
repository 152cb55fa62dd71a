/// Derives random sentences from an ``EBNFGrammar``, reproducibly from a seed.
///
/// Syntactic rules (lower case) produce tokens joined by spaces; lexical rules (UPPER CASE)
/// produce the characters of one token. Past a depth budget the generator takes, at every
/// choice, an alternative of least depth, so every derivation ends. The layout rule of the
/// grammar is honoured by starting every `declaration` and `table_row` on a new line.
public struct SentenceGenerator {
    let grammar: EBNFGrammar
    var random: SplitMix64
    let depthBudget: Int
    /// Rules whose expansion starts on a new line.
    let lineStartRules: Set<String> = ["declaration", "table_row"]
    /// The characters a negated character class draws from.
    let alphabet: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init)
        + ["å", "ä", "ö", "Å", "Ä", "Ö", "é", "–", "\n"]

    private var minimumDepth: [String: Int] = [:]
    private var finiteLanguages: [String: Set<String>] = [:]

    /// A generator of sentences of `grammar`, the same ones for the same seed.
    public init(grammar: EBNFGrammar, seed: UInt64, depthBudget: Int = 9) {
        self.grammar = grammar
        self.random = SplitMix64(seed: seed)
        self.depthBudget = depthBudget
        computeMinimumDepths()
    }

    /// A sentence of `rule`.
    public mutating func sentence(of rule: String) -> String {
        var tokens: [String] = []
        expand(.reference(rule), depth: 0, into: &tokens)
        var text = ""
        for token in tokens {
            if token == "\n" {
                text += "\n"
            } else {
                if !text.isEmpty, !text.hasSuffix("\n") { text += " " }
                text += token
            }
        }
        return text
    }

    // MARK: - Syntactic expansion

    private mutating func expand(_ node: EBNFGrammar.Node, depth: Int, into tokens: inout [String]) {
        switch node {
        case .reference(let name):
            if Self.isLexical(name) {
                tokens.append(lexical(name, depth: 0))
            } else {
                if lineStartRules.contains(name) { tokens.append("\n") }
                expand(grammar.rules[name]!, depth: depth + 1, into: &tokens)
            }
        case .literal(let text):
            tokens.append(text)
        case .characterClass:
            tokens.append(String(String.UnicodeScalarView([pick(node)])))
        case .sequence(let items):
            for item in items { expand(item, depth: depth, into: &tokens) }
        case .choice(let options):
            expand(choose(options, depth: depth), depth: depth, into: &tokens)
        case .optional(let inner):
            if depth < depthBudget, random.next(below: 2) == 0 { expand(inner, depth: depth, into: &tokens) }
        case .zeroOrMore(let inner):
            let count = depth < depthBudget ? random.next(below: 3) : 0
            for _ in 0..<count { expand(inner, depth: depth, into: &tokens) }
        case .oneOrMore(let inner):
            let count = depth < depthBudget ? 1 + random.next(below: 2) : 1
            for _ in 0..<count { expand(inner, depth: depth, into: &tokens) }
        case .except(let base, _):
            expand(base, depth: depth, into: &tokens)
        }
    }

    private mutating func choose(_ options: [EBNFGrammar.Node], depth: Int) -> EBNFGrammar.Node {
        if depth < depthBudget { return options[random.next(below: options.count)] }
        let cheapest = options.map(cost).min()!
        let candidates = options.filter { cost($0) == cheapest }
        return candidates[random.next(below: candidates.count)]
    }

    // MARK: - Lexical expansion

    static func isLexical(_ name: String) -> Bool { name.uppercased() == name }

    private mutating func lexical(_ name: String, depth: Int) -> String {
        for _ in 0..<100 {
            var text = ""
            spell(grammar.rules[name]!, depth: depth, into: &text)
            if name == "DATE", !Self.isCalendarDate(text) { continue }
            return text
        }
        fatalError("could not derive a valid \(name)")
    }

    private mutating func spell(_ node: EBNFGrammar.Node, depth: Int, into text: inout String) {
        switch node {
        case .reference(let name):
            spell(grammar.rules[name]!, depth: depth + 1, into: &text)
        case .literal(let literal):
            text += literal
        case .characterClass:
            text.unicodeScalars.append(pick(node))
        case .sequence(let items):
            for item in items { spell(item, depth: depth, into: &text) }
        case .choice(let options):
            spell(options[random.next(below: options.count)], depth: depth, into: &text)
        case .optional(let inner):
            if random.next(below: 2) == 0 { spell(inner, depth: depth, into: &text) }
        case .zeroOrMore(let inner):
            for _ in 0..<random.next(below: 4) { spell(inner, depth: depth, into: &text) }
        case .oneOrMore(let inner):
            for _ in 0..<(1 + random.next(below: 3)) { spell(inner, depth: depth, into: &text) }
        case .except(let base, let excluded):
            let forbidden = finiteLanguage(excluded)
            for _ in 0..<100 {
                var candidate = ""
                spell(base, depth: depth, into: &candidate)
                if !forbidden.contains(candidate) {
                    text += candidate
                    return
                }
            }
            fatalError("could not derive a word outside the excluded set")
        }
    }

    private mutating func pick(_ node: EBNFGrammar.Node) -> Unicode.Scalar {
        guard case .characterClass(let negated, let ranges) = node else { fatalError() }
        if negated {
            let allowed = alphabet.filter { scalar in !ranges.contains { $0.contains(scalar.value) } }
            return allowed[random.next(below: allowed.count)]
        }
        let range = ranges[random.next(below: ranges.count)]
        let value = range.lowerBound + UInt32(random.next(below: Int(range.upperBound - range.lowerBound) + 1))
        return Unicode.Scalar(value)!
    }

    /// The strings of a finite language (an alternation of literals), for `A - B`.
    private mutating func finiteLanguage(_ node: EBNFGrammar.Node) -> Set<String> {
        switch node {
        case .literal(let text): return [text]
        case .choice(let options): return options.reduce(into: Set<String>()) { $0.formUnion(finiteLanguage($1)) }
        case .reference(let name):
            if let cached = finiteLanguages[name] { return cached }
            let language = finiteLanguage(grammar.rules[name]!)
            finiteLanguages[name] = language
            return language
        default: fatalError("the right side of `-` must be a finite set of literals")
        }
    }

    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, parts[0] >= 1 else { return false }
        let leap = (parts[0] % 4 == 0 && parts[0] % 100 != 0) || parts[0] % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(parts[1]) && parts[2] >= 1 && parts[2] <= days[parts[1] - 1]
    }

    // MARK: - Depth analysis

    /// The least depth at which each rule can be fully derived (a fixpoint over the rules).
    private mutating func computeMinimumDepths() {
        var changed = true
        while changed {
            changed = false
            for name in grammar.ruleNames {
                let depth = cost(grammar.rules[name]!)
                if depth < (minimumDepth[name] ?? .max) {
                    minimumDepth[name] = depth
                    changed = true
                }
            }
        }
    }

    private func cost(_ node: EBNFGrammar.Node) -> Int {
        switch node {
        case .reference(let name):
            if Self.isLexical(name) { return 0 }
            let inner = minimumDepth[name] ?? Int.max / 2
            return inner >= Int.max / 2 ? inner : inner + 1
        case .literal, .characterClass, .optional, .zeroOrMore: return 0
        case .sequence(let items): return items.map(cost).max() ?? 0
        case .choice(let options): return options.map(cost).min() ?? 0
        case .oneOrMore(let inner): return cost(inner)
        case .except(let base, _): return cost(base)
        }
    }
}

/// A small, fast, seedable random number generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
