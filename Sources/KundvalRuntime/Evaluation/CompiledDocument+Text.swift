import KundvalDiagnostics
import KundvalSyntax

/// A condition in force as the documents word it: the general and the specific part with their
/// wording, evidence and consequences. For explanations to people.
public struct ConditionText: Sendable {
    /// One document's part of the condition.
    public struct Part: Sendable {
        /// `reglementet` or `kundvalet`.
        public let source: String
        /// The file the part is written in.
        public let file: String
        /// `lydelse`.
        public let wording: String?
        /// `förtydligande`.
        public let clarification: String?
        /// `underlag`, as `slag: beskrivning`.
        public let evidence: [String]
        /// `vid brist`, in words.
        public let consequences: [String]
        /// `förekommer inte i detta kundval`.
        public let isSwitchedOff: Bool
    }

    /// `10.1`.
    public let number: String
    /// The heading.
    public let title: String?
    /// The parts, the reglemente's first.
    public let parts: [Part]
}

extension CompiledDocument {
    /// Every condition number in force, in order.
    public var conditionNumbers: [String] { conditions.map(\.numberText) }

    /// Condition `number` as the documents word it; `nil` when it is not in force here.
    public func conditionText(_ number: String) -> ConditionText? {
        guard let condition = conditions.first(where: { $0.numberText == number }) else { return nil }
        let own = files.count - 1
        let parts = condition.parts.map { part in
            ConditionText.Part(
                source: part.file == own && kind == .kundval ? "kundvalet" : "reglementet",
                file: files[part.file].path,
                wording: part.wording, clarification: part.clarification,
                evidence: part.evidence.map { $0.kind.rawValue + ($0.description.map { ": \($0)" } ?? "") },
                consequences: part.consequences.map(\.text),
                isSwitchedOff: part.isSwitchedOff)
        }
        return ConditionText(number: condition.numberText, title: condition.title, parts: parts)
    }
}

extension CompiledDocument {
    /// The names of the services (insatser), in declaration order.
    public var serviceNames: [String] { services.map(\.name) }
}

extension CompiledDocument {
    // Source text as explanations and reasons show it.

    /// The source text of a span on one line: runs of spaces and line breaks become one space.
    static func singleLine(_ file: SourceFile, _ span: SourceSpan) -> String {
        let end = min(span.end, file.bytes.count)
        let start = min(max(0, span.start), end)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var previousSpace = false
        for byte in file.bytes[start..<end] {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if space && previousSpace { continue }
            bytes.append(space ? 0x20 : byte)
            previousSpace = space
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The items, each once, in the order first met.
    static func unique(_ items: [String]) -> [String] {
        guard items.count > 1 else { return items }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
