/// A word diff of two texts: the words (runs of characters between whitespace) of both, aligned
/// by a longest common subsequence, as pieces kept, removed and added. Line breaks and
/// indentation are not words, so re-wrapping a text changes nothing.
public enum WordDiff {
    /// A run of words that are the same in both texts, only in the old one or only in the new one.
    public struct Piece: Codable, Hashable, Sendable {
        /// Kept, removed or added.
        public var kind: Kind
        /// The words, separated by single spaces.
        public var text: String

        /// What happened to a run of words.
        public enum Kind: String, Codable, Hashable, Sendable {
            /// In both texts.
            case same = "lika"
            /// Only in the old text.
            case removed = "borttaget"
            /// Only in the new text.
            case added = "tillagt"
        }

        /// Creates a piece.
        public init(kind: Kind, text: String) { self.kind = kind; self.text = text }

        enum CodingKeys: String, CodingKey { case kind = "ändring", text = "text" }
    }

    /// The words of a text.
    public static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }

    /// The word diff of `old` and `new`; a single `same` piece (or none) when they have the same
    /// words.
    public static func pieces(_ old: String, _ new: String) -> [Piece] {
        let a = words(old), b = words(new)
        // Common prefix and suffix first: most changes are small, and the table stays small.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        var steps: [(Piece.Kind, Substring)] = a[..<prefix].map { (.same, $0) }
        steps += align(middleA, middleB)
        steps += a[(a.count - suffix)...].map { (.same, $0) }
        var pieces: [Piece] = []
        for (kind, word) in steps {
            if let last = pieces.last, last.kind == kind {
                pieces[pieces.count - 1].text += " " + word
            } else {
                pieces.append(Piece(kind: kind, text: String(word)))
            }
        }
        return pieces
    }

    /// The longest common subsequence of two word lists as steps, removals before additions
    /// within a changed run. Quadratic in the words that differ, so at most a few thousand
    /// words on each side are aligned; longer texts are shown as one removal and one addition.
    static func align(_ a: [Substring], _ b: [Substring]) -> [(Piece.Kind, Substring)] {
        if a.isEmpty { return b.map { (.added, $0) } }
        if b.isEmpty { return a.map { (.removed, $0) } }
        guard a.count * b.count <= 4_000_000 else { return a.map { (.removed, $0) } + b.map { (.added, $0) } }
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] = a[i] == b[j] ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var steps: [(Piece.Kind, Substring)] = []
        var removed: [Substring] = [], added: [Substring] = []
        func flush() {
            steps += removed.map { (.removed, $0) } + added.map { (.added, $0) }
            removed.removeAll(); added.removeAll()
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                steps.append((.same, a[i])); i += 1; j += 1
            } else if j == b.count || (i < a.count && table[(i + 1) * width + j] >= table[i * width + j + 1]) {
                removed.append(a[i]); i += 1
            } else {
                added.append(b[j]); j += 1
            }
        }
        flush()
        return steps
    }

    /// A removed or added run of more than 240 characters, cut there with `…`.
    static func cut(_ text: String) -> String { text.count <= 240 ? text : String(text.prefix(240)) + "…" }

    /// The pieces in one line of text: `[-borttaget-]` and `{+tillagt+}`, with at most
    /// `context` words kept on each side of a change (`…` for the words left out).
    public static func render(_ pieces: [Piece], context: Int = 6) -> String {
        var parts: [String] = []
        for (index, piece) in pieces.enumerated() {
            switch piece.kind {
            case .removed: parts.append("[-" + cut(piece.text) + "-]")
            case .added: parts.append("{+" + cut(piece.text) + "+}")
            case .same:
                let words = piece.text.split(separator: " ")
                let keepBefore = index > 0 ? context : 0
                let keepAfter = index < pieces.count - 1 ? context : 0
                if words.count <= keepBefore + keepAfter + 1 {
                    parts.append(piece.text)
                } else {
                    var text: [String] = []
                    if keepBefore > 0 { text.append(words[..<keepBefore].joined(separator: " ")) }
                    text.append("…")
                    if keepAfter > 0 { text.append(words[(words.count - keepAfter)...].joined(separator: " ")) }
                    parts.append(text.joined(separator: " "))
                }
            }
        }
        return parts.joined(separator: " ")
    }
}
