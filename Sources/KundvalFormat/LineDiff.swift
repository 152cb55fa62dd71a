/// A line diff (Myers' O(ND) algorithm) and its unified rendering, for `kundval fmt --diff`.
public enum LineDiff {
    /// One line of an edit script.
    public enum Edit: Equatable, Sendable {
        /// A line in both texts.
        case same(String)
        /// A line only in the old text.
        case removed(String)
        /// A line only in the new text.
        case added(String)
    }

    /// The shortest edit script from `old` to `new`, line by line.
    public static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        let n = old.count
        let m = new.count
        let maximum = n + m
        guard maximum > 0 else { return [] }
        let offset = maximum
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        search: for d in 0...maximum {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // Walk back through the frontiers to recover the script.
        var result: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            let previous = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1])) ? k + 1 : k - 1
            let previousX = previous[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                result.append(.same(old[x - 1]))
                x -= 1
                y -= 1
            }
            if x == previousX { result.append(.added(new[y - 1])) } else { result.append(.removed(old[x - 1])) }
            x = previousX
            y = previousY
        }
        while x > 0, y > 0 {
            result.append(.same(old[x - 1]))
            x -= 1
            y -= 1
        }
        return result.reversed()
    }

    /// A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change),
    /// or the empty string when the texts are equal. Lines end at `\n` or `\r\n` alike (a
    /// file with Windows line endings read as one line, so its diff removed the whole file in
    /// one line); when only the texts' line endings differ, a line before the headers says so.
    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        func lines(_ text: String) -> [String] {
            // `\r\n` is one Character: it is not split by `\n`.
            var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
        let endings = old.contains("\r\n") && !new.contains("\r\n")
            ? "radsluten blir LF (\\n); filen har CRLF (\\r\\n)\n" : ""
        let script = edits(lines(old), lines(new))
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return endings.isEmpty ? "" : endings + "--- \(oldName)\n+++ \(newName)\n" }
        // Group changes whose context overlaps into hunks.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        // Line numbers before each script position.
        var oldLine = [Int](repeating: 0, count: script.count + 1)
        var newLine = [Int](repeating: 0, count: script.count + 1)
        for (index, edit) in script.enumerated() {
            switch edit {
            case .same:
                oldLine[index + 1] = oldLine[index] + 1
                newLine[index + 1] = newLine[index] + 1
            case .removed:
                oldLine[index + 1] = oldLine[index] + 1
                newLine[index + 1] = newLine[index]
            case .added:
                oldLine[index + 1] = oldLine[index]
                newLine[index + 1] = newLine[index] + 1
            }
        }
        var output = endings + "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let oldCount = oldLine[hunk.upperBound + 1] - oldLine[hunk.lowerBound]
            let newCount = newLine[hunk.upperBound + 1] - newLine[hunk.lowerBound]
            let oldStart = oldCount == 0 ? oldLine[hunk.lowerBound] : oldLine[hunk.lowerBound] + 1
            let newStart = newCount == 0 ? newLine[hunk.lowerBound] : newLine[hunk.lowerBound] + 1
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for edit in script[hunk] {
                switch edit {
                case .same(let line): output += " " + line + "\n"
                case .removed(let line): output += "-" + line + "\n"
                case .added(let line): output += "+" + line + "\n"
                }
            }
        }
        return output
    }
}
