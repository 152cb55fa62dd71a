import KundvalDiagnostics

/// Which condition of the old version each condition of the new one continues. A reglemente
/// that inserts a condition renumbers those after it, so numbers alone pair unrelated
/// conditions; a general condition's heading names it across versions. The pairing:
///
/// 1. a condition (not a sub-condition) pairs with the one of the other version with the same
///    heading, when that heading is unique in both versions;
///    then, among those left, with the one whose heading is the same but for a letter or two or
///    words added at either end ("Allvarligt fel i yrkesutövningen" and "Allvarliga fel …",
///    "Belastningsregister" and "Belastningsregister och misstankeregister"), when each is the
///    other's only such match and neither number is free on both sides (then step 3 pairs by
///    number);
/// 2. a sub-condition follows its parent: when old 14 became new 16, old 14.2 pairs with new
///    16.2;
/// 3. what is left (no heading, a heading that is not unique or that changed) pairs by number
///    when neither number was paired above and, for a sub-condition, the parents were not paired
///    elsewhere;
/// 4. the rest is added (new only) or removed (old only).
enum ConditionPairing {
    /// One pair: the old key and the new key; one of them `nil` for a condition only in one
    /// version.
    struct Pair: Equatable {
        var old: String?
        var new: String?
    }

    /// The pairs of `old` and `new` keys (`10`, `10.1`, `15–18`) with each key's heading, in
    /// order: by the new key, a removed condition by its old one.
    static func pairs(old: [(key: String, title: String?)], new: [(key: String, title: String?)]) -> [Pair] {
        var newOf: [String: String] = [:], oldOf: [String: String] = [:]
        func link(_ a: String, _ b: String) { newOf[a] = b; oldOf[b] = a }
        let oldKeys = old.map(\.key), newKeys = Set(new.map(\.key))
        // 1. By a heading unique in both versions.
        let oldByTitle = uniqueTitles(old), newByTitle = uniqueTitles(new)
        for key in oldKeys where parent(of: key) == nil {
            guard let title = old.first(where: { $0.key == key })?.title, oldByTitle[title] == key,
                  let other = newByTitle[title], parent(of: other) == nil else { continue }
            link(key, other)
        }
        // 1b. By a heading that changed a little, where each is the other's only match.
        let oldLeft = old.filter { parent(of: $0.key) == nil && newOf[$0.key] == nil && $0.title != nil }
        let newLeft = new.filter { parent(of: $0.key) == nil && oldOf[$0.key] == nil && $0.title != nil }
        let oldKeySet = Set(oldKeys)
        for (key, title) in oldLeft {
            // A number still there on both sides and free pairs by number (step 3): a heading
            // changed in place is not a condition moved.
            if newKeys.contains(key), oldOf[key] == nil { continue }
            let matches = newLeft.filter { similar(title!, $0.title!) && !(oldKeySet.contains($0.key) && newOf[$0.key] == nil) }
            guard matches.count == 1, let other = matches.first,
                  oldLeft.filter({ similar($0.title!, other.title!) }).count == 1 else { continue }
            link(key, other.key)
        }
        // 2. Sub-conditions follow their parents.
        for key in oldKeys where newOf[key] == nil {
            guard let (head, rest) = parent(of: key), let moved = newOf[head], moved != head else { continue }
            let candidate = moved + rest
            if newKeys.contains(candidate), oldOf[candidate] == nil { link(key, candidate) }
        }
        // 3. By number, where nothing above paired either side.
        for key in oldKeys where newOf[key] == nil && newKeys.contains(key) && oldOf[key] == nil {
            if let (head, _) = parent(of: key), newOf[head].map({ $0 != head }) ?? false || oldOf[head].map({ $0 != head }) ?? false {
                continue
            }
            link(key, key)
        }
        var result = new.map { Pair(old: oldOf[$0.key], new: $0.key) }
        result += oldKeys.filter { newOf[$0] == nil }.map { Pair(old: $0, new: nil) }
        return result.sorted { a, b in
            let (x, y) = (a.new ?? a.old ?? "", b.new ?? b.old ?? "")
            return x == y ? a.new != nil && b.new == nil : DocumentVersion.precedes(x, y)
        }
    }

    /// Whether two headings name one condition whose heading changed a little: the same but for
    /// case, one is the other with words added at its start or end, or at most one letter in ten
    /// differs and no digit; the shorter of at least eight letters (short headings are told apart
    /// by a letter).
    static func similar(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.lowercased(), b.lowercased())
        guard x != y else { return true }
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        guard short.count >= 8 else { return false }
        if long.hasPrefix(short + " ") || long.hasSuffix(" " + short) { return true }
        // A number in a heading tells conditions apart ("Stöd i steg 1", "Stöd i steg 2").
        guard short.filter(\.isNumber) == long.filter(\.isNumber) else { return false }
        let limit = max(1, short.count / 10)
        return Suggestion.editDistance(Array(short.unicodeScalars), Array(long.unicodeScalars), limit: limit) <= limit
    }

    /// Each heading that only one key has, with that key.
    static func uniqueTitles(_ keys: [(key: String, title: String?)]) -> [String: String] {
        var seen: [String: String?] = [:]
        for (key, title) in keys where parent(of: key) == nil {
            guard let title else { continue }
            seen[title] = seen[title] == nil ? key : .some(nil)
        }
        return seen.compactMapValues { $0 }
    }

    /// A sub-condition's parent (`14` of `14.2`) and the rest (`.2`); `nil` for a condition or a
    /// range.
    static func parent(of key: String) -> (String, String)? {
        guard !key.contains("–"), let dot = key.firstIndex(of: ".") else { return nil }
        return (String(key[..<dot]), String(key[dot...]))
    }
}
