/// Aligns two sequences by a longest common subsequence: the steps that keep an element of both,
/// remove one of the old or add one of the new, with the removals of a changed run before its
/// additions. The common prefix and suffix are taken first, so most small changes need a small
/// table; a middle of more than ``maximumCells`` pairs (a hostile file's thousands of rows or
/// operands) is shown as removed and added instead of being aligned, so time and memory stay
/// bounded.
enum Alignment {
    /// One step of an alignment.
    enum Step: Equatable {
        /// Element `old` of the old sequence equals element `new` of the new one.
        case same(old: Int, new: Int)
        /// Element `old` is only in the old sequence.
        case removed(Int)
        /// Element `new` is only in the new sequence.
        case added(Int)
    }

    /// The largest table aligned (pairs of elements compared).
    static let maximumCells = 4_000_000

    /// The steps aligning `oldCount` elements with `newCount`, `equal(i, j)` comparing them.
    static func steps(_ oldCount: Int, _ newCount: Int, equal: (Int, Int) -> Bool) -> [Step] {
        var prefix = 0
        while prefix < oldCount, prefix < newCount, equal(prefix, prefix) { prefix += 1 }
        var suffix = 0
        while suffix < oldCount - prefix, suffix < newCount - prefix, equal(oldCount - 1 - suffix, newCount - 1 - suffix) { suffix += 1 }
        var result: [Step] = (0..<prefix).map { .same(old: $0, new: $0) }
        let a = prefix..<(oldCount - suffix), b = prefix..<(newCount - suffix)
        if a.isEmpty || b.isEmpty || a.count * b.count > maximumCells {
            result += a.map { .removed($0) } + b.map { .added($0) }
        } else {
            result += middle(a, b, equal)
        }
        result += (0..<suffix).map { .same(old: oldCount - suffix + $0, new: newCount - suffix + $0) }
        return result
    }

    /// The longest common subsequence of two non-empty ranges, as steps.
    private static func middle(_ a: Range<Int>, _ b: Range<Int>, _ equal: (Int, Int) -> Bool) -> [Step] {
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] = equal(a.lowerBound + i, b.lowerBound + j) ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var steps: [Step] = []
        var removed: [Step] = [], added: [Step] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, equal(a.lowerBound + i, b.lowerBound + j),
               table[i * width + j] == table[(i + 1) * width + j + 1] + 1 {
                steps += removed + added
                removed.removeAll(); added.removeAll()
                steps.append(.same(old: a.lowerBound + i, new: b.lowerBound + j)); i += 1; j += 1
            } else if j == b.count || (i < a.count && table[(i + 1) * width + j] >= table[i * width + j + 1]) {
                removed.append(.removed(a.lowerBound + i)); i += 1
            } else {
                added.append(.added(b.lowerBound + j)); j += 1
            }
        }
        return steps + removed + added
    }

    /// The steps grouped into runs: each a kept element, or a changed run of removed old and
    /// added new elements.
    static func runs(_ steps: [Step]) -> [(kept: (old: Int, new: Int)?, removed: [Int], added: [Int])] {
        var result: [(kept: (old: Int, new: Int)?, removed: [Int], added: [Int])] = []
        var removed: [Int] = [], added: [Int] = []
        func flush() {
            if !removed.isEmpty || !added.isEmpty { result.append((nil, removed, added)) }
            removed.removeAll(); added.removeAll()
        }
        for step in steps {
            switch step {
            case .same(let old, let new): flush(); result.append(((old, new), [], []))
            case .removed(let old): removed.append(old)
            case .added(let new): added.append(new)
            }
        }
        flush()
        return result
    }
}
