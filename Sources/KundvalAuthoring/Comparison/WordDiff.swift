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
        var pieces: [Piece] = []
        func append(_ kind: Piece.Kind, _ word: Substring) {
            if let last = pieces.last, last.kind == kind {
                pieces[pieces.count - 1].text += " " + word
            } else {
                pieces.append(Piece(kind: kind, text: String(word)))
            }
        }
        for step in Alignment.steps(a.count, b.count, equal: { a[$0] == b[$1] }) {
            switch step {
            case .same(let i, _): append(.same, a[i])
            case .removed(let i): append(.removed, a[i])
            case .added(let j): append(.added, b[j])
            }
        }
        return pieces
    }

    /// A text of more than `width` characters cut with `…` after the last whole word that fits
    /// (a first word longer than `width` is cut inside).
    static func cut(_ text: String, _ width: Int = 240) -> String {
        guard text.count > width else { return text }
        let head = text.prefix(width + 1)
        guard let space = head.lastIndex(where: { $0.isWhitespace }) else { return String(text.prefix(width)) + "…" }
        let kept = head[..<space]
        let trimmed = kept.reversed().drop(while: { $0.isWhitespace }).reversed()
        return trimmed.isEmpty ? String(text.prefix(width)) + "…" : String(trimmed) + "…"
    }

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
