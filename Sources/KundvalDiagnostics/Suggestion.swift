/// "Menade du …": finds the candidate closest to a misspelled word.
public enum Suggestion {
    /// The candidate with the smallest edit distance to `word`, if that distance is small enough
    /// to be a plausible typo (about a third of the word's length, and at least 1); otherwise
    /// the only candidate that begins with `word`, when that has three letters or more and is at
    /// least half the candidate.
    public static func closest<C: Collection>(to word: String, among candidates: C) -> String?
    where C.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= 64 else { return nil }
        let limit = max(1, (target.count + 1) / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // Lengths first, without making a lowercased copy (one scalar of slack: lowercasing
            // can change a word's length, as `İ` does).
            guard abs(candidate.unicodeScalars.count - target.count) <= limit + 1, candidate != word else { continue }
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard abs(scalars.count - target.count) <= limit else { continue }
            let distance = editDistance(target, scalars, limit: min(limit, (best?.distance ?? .max) - 1))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.name }
        // A word cut short (`kräv` for `kräver`, or `krav` typed without `ä`): the one candidate
        // it begins, when it is at least three letters and half the candidate (`tid` is no hint
        // of `tidigare_beslut`).
        guard target.count >= 3 else { return nil }
        let folded = target.map(withoutDiacritic)
        var begun: String?
        for candidate in candidates {
            let length = candidate.unicodeScalars.count
            guard length > target.count, length <= 2 * target.count,
                  candidate.lowercased().unicodeScalars.map(withoutDiacritic).starts(with: folded) else { continue }
            guard begun == nil || begun == candidate else { return nil }
            begun = candidate
        }
        return begun
    }

    /// `text` with `å` and `ä` written `a`, `ö` written `o`: how a keyboard without them
    /// writes a Swedish word (`manader` for `månader`).
    public static func withoutDiacritics(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.map(withoutDiacritic))
        return String(scalars)
    }

    /// `å` and `ä` as `a`, `ö` as `o` (see ``withoutDiacritics(_:)``).
    static func withoutDiacritic(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "å", "ä": "a"
        case "ö": "o"
        default: scalar
        }
    }

    /// The Damerau–Levenshtein (optimal string alignment) distance between two scalar arrays;
    /// with a `limit`, any distance above it may be reported as `limit + 1`: the computation
    /// stops once every entry of two consecutive rows exceeds the limit (no later row can then
    /// get back under it), which spares most of the work for names that are not close.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if limit < 0 { return 0 }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var minimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                minimum = min(minimum, value)
            }
            // A row's entries grow from the row before (by 1 at least) or, through a
            // transposition, from the one before that: past the limit in both, done.
            if minimum > limit, previousMinimum > limit { return limit + 1 }
            previousMinimum = minimum
            (previous2, previous, current) = (previous, current, previous2)
        }
        return min(previous[b.count], limit == .max ? .max : limit + 1)
    }
}

extension Suggestion {
    /// Whether `a` sorts before `b` as people read numbers in names: runs of digits by their
    /// value, the rest by its characters (`2` before `10`, `10.1` before `10.2` and `11`,
    /// `16.8.4` after `16.8`). Completion lists condition numbers in this order (sorted as
    /// text they read 1, 10, 11, …, 2).
    public static func naturallyPrecedes(_ a: String, _ b: String) -> Bool {
        var x = a.unicodeScalars[...], y = b.unicodeScalars[...]
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        while let p = x.first, let q = y.first {
            if isDigit(p), isDigit(q) {
                let m = x.prefix(while: isDigit), n = y.prefix(while: isDigit)
                // By value: without leading zeros, the longer run is the larger number.
                let u = m.drop { $0 == "0" }, v = n.drop { $0 == "0" }
                if u.count != v.count { return u.count < v.count }
                if !u.elementsEqual(v) { return String(String.UnicodeScalarView(u)) < String(String.UnicodeScalarView(v)) }
                x = x.dropFirst(m.count)
                y = y.dropFirst(n.count)
                continue
            }
            if p != q { return String(p) < String(q) }
            x = x.dropFirst()
            y = y.dropFirst()
        }
        // Equal as read (`01` and `1`): as text, so that the order is total.
        return x.isEmpty && y.isEmpty ? a < b : x.isEmpty
    }
}
