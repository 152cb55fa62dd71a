/// A reader for the W3C EBNF notation used by `Grammar/kundval.ebnf`, enough to derive random
/// sentences from the grammar (see ``SentenceGenerator``).
public struct EBNFGrammar {
    /// A rule body: the notation's forms.
    public indirect enum Node: Equatable {
        case reference(String)
        case literal(String)
        case characterClass(negated: Bool, ranges: [ClosedRange<UInt32>])
        case sequence([Node])
        case choice([Node])
        case optional(Node)
        case zeroOrMore(Node)
        case oneOrMore(Node)
        case except(Node, Node)
    }

    /// Why the grammar text could not be read.
    public struct ParseError: Error, CustomStringConvertible {
        /// What was wrong, and where.
        public let description: String
    }

    /// Rules in file order.
    public private(set) var ruleNames: [String] = []
    /// Each rule's body, by name.
    public private(set) var rules: [String: Node] = [:]

    /// Reads a grammar; every rule a body refers to must be defined.
    public init(_ text: String) throws {
        let source = Self.removeComments(text)
        // A rule starts at a line of the form `name ::= …`.
        var current: (name: String, body: String)?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = line.range(of: "::="),
               let name = Optional(line[..<range.lowerBound].trimmingCharacters()),
               !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) {
                if let rule = current { try add(rule) }
                current = (name, String(line[range.upperBound...]))
            } else if current != nil {
                current!.body += "\n" + line
            }
        }
        if let rule = current { try add(rule) }
        for (name, node) in rules {
            for reference in Self.references(in: node) where rules[reference] == nil {
                throw ParseError(description: "rule `\(name)` refers to undefined `\(reference)`")
            }
        }
    }

    private mutating func add(_ rule: (name: String, body: String)) throws {
        guard rules[rule.name] == nil else { throw ParseError(description: "rule `\(rule.name)` defined twice") }
        var reader = Reader(Array(rule.body.unicodeScalars))
        let node = try reader.parseChoice()
        reader.skipSpace()
        guard reader.isAtEnd else {
            throw ParseError(description: "rule `\(rule.name)`: unexpected `\(reader.rest)`")
        }
        ruleNames.append(rule.name)
        rules[rule.name] = node
    }

    /// The rule names a body refers to.
    public static func references(in node: Node) -> [String] {
        switch node {
        case .reference(let name): [name]
        case .literal, .characterClass: []
        case .sequence(let nodes), .choice(let nodes): nodes.flatMap(references)
        case .optional(let inner), .zeroOrMore(let inner), .oneOrMore(let inner): references(in: inner)
        case .except(let a, let b): references(in: a) + references(in: b)
        }
    }

    private static func removeComments(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "/*") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return result }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    /// Reads one rule body.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var isAtEnd: Bool { position >= scalars.count }
        var rest: String { String(String.UnicodeScalarView(scalars[position...])) }
        var peek: Unicode.Scalar? { isAtEnd ? nil : scalars[position] }

        mutating func skipSpace() {
            while let scalar = peek, scalar.properties.isWhitespace { position += 1 }
        }

        mutating func parseChoice() throws -> Node {
            var options = [try parseSequence()]
            skipSpace()
            while peek == "|" {
                position += 1
                options.append(try parseSequence())
                skipSpace()
            }
            return options.count == 1 ? options[0] : .choice(options)
        }

        mutating func parseSequence() throws -> Node {
            var items: [Node] = []
            while true {
                skipSpace()
                guard let scalar = peek, scalar != "|", scalar != ")" else { break }
                items.append(try parseExcept())
            }
            guard !items.isEmpty else { throw ParseError(description: "empty sequence at `\(rest)`") }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func parseExcept() throws -> Node {
            let base = try parsePostfix()
            skipSpace()
            if peek == "-" {
                position += 1
                return .except(base, try parsePostfix())
            }
            return base
        }

        mutating func parsePostfix() throws -> Node {
            var node = try parseAtom()
            switch peek {
            case "?": position += 1; node = .optional(node)
            case "*": position += 1; node = .zeroOrMore(node)
            case "+": position += 1; node = .oneOrMore(node)
            default: break
            }
            return node
        }

        mutating func parseAtom() throws -> Node {
            skipSpace()
            guard let scalar = peek else { throw ParseError(description: "unexpected end of rule") }
            switch scalar {
            case "(":
                position += 1
                let inner = try parseChoice()
                skipSpace()
                guard peek == ")" else { throw ParseError(description: "missing `)` at `\(rest)`") }
                position += 1
                return inner
            case "\"", "'":
                position += 1
                var literal = ""
                while let next = peek, next != scalar {
                    literal.unicodeScalars.append(next)
                    position += 1
                }
                guard peek == scalar else { throw ParseError(description: "unterminated literal") }
                position += 1
                return .literal(literal)
            case "[":
                position += 1
                var negated = false
                if peek == "^" { negated = true; position += 1 }
                var ranges: [ClosedRange<UInt32>] = []
                while let next = peek, next != "]" {
                    let low = try readClassCharacter()
                    var high = low
                    if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                        position += 1
                        high = try readClassCharacter()
                    }
                    ranges.append(low...high)
                }
                guard peek == "]" else { throw ParseError(description: "unterminated character class") }
                position += 1
                return .characterClass(negated: negated, ranges: ranges)
            case "#":
                return .literal(String(Character(Unicode.Scalar(try readHex())!)))
            default:
                var name = ""
                while let next = peek, next.properties.isAlphabetic || next == "_" || ("0"..."9").contains(next) {
                    name.unicodeScalars.append(next)
                    position += 1
                }
                guard !name.isEmpty else { throw ParseError(description: "unexpected `\(rest)`") }
                return .reference(name)
            }
        }

        mutating func readClassCharacter() throws -> UInt32 {
            if peek == "#" { return try readHex() }
            let value = scalars[position].value
            position += 1
            return value
        }

        mutating func readHex() throws -> UInt32 {
            guard peek == "#", position + 1 < scalars.count, scalars[position + 1] == "x" else {
                throw ParseError(description: "expected #x at `\(rest)`")
            }
            position += 2
            var value: UInt32 = 0
            while let next = peek, let digit = next.properties.numericType != nil ? UInt32(String(next)) : hexLetter(next) {
                value = value * 16 + digit
                position += 1
            }
            return value
        }

        func hexLetter(_ scalar: Unicode.Scalar) -> UInt32? {
            switch scalar {
            case "a"..."f": scalar.value - 87
            case "A"..."F": scalar.value - 55
            default: nil
            }
        }
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
