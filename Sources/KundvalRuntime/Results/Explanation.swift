import Foundation

/// Why a condition has its status: every fact read and every comparison decided, with values
/// and source lines, in evaluation order.
///
/// An evaluation records only the steps (each a place in the rules, written out at load time,
/// and a value); the lines are written on the first read of ``lines``, ``facts`` or
/// ``failureLines`` and kept. Reading from several threads at once is safe. Equal to another
/// explanation with the same lines, facts and failure lines; `Codable` as those three.
public struct Explanation: Hashable, Sendable, Codable {
    /// One fact read, with its value as people read it (`2`, `5000 kr`, `okänt`).
    public struct Fact: Hashable, Sendable, Codable {
        /// The fact's path (`anordnare.kreditvärdighet`).
        public let path: String
        /// Its value, as text.
        public let value: String

        /// The fact at `path` with `value`.
        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    /// One line per step, in Swedish, such as
    /// `rad 12: anordnare.kreditvärdighet = 2` or `rad 12: anordnare.kreditvärdighet >= 3 är falskt`.
    public var lines: [String] { text.written.lines }
    /// The facts read and their values.
    public var facts: [Fact] { text.written.facts }
    /// The lines of only the requirements and document checks that did not hold: what decided
    /// a shortfall, or what is missing (`kundval förklara --brister`).
    public var failureLines: [String] { text.written.failureLines }

    private let text: ExplanationText

    /// An explanation of `lines`, the `facts` read, and the `failureLines` among the lines.
    public init(lines: [String], facts: [Fact], failureLines: [String]) {
        text = ExplanationText(written: ExplanationText.Written(lines: lines, facts: facts, failureLines: failureLines))
    }

    /// The explanation of `steps` of `log`, the steps of `failing` apart; written when read.
    init(log: TraceRecorder, steps: Range<Int>, failing: [Range<Int>], formatter: ValueFormatter) {
        text = ExplanationText(steps: .init(log: log, all: steps, failing: failing, formatter: formatter))
    }

    public static func == (a: Explanation, b: Explanation) -> Bool {
        a.text === b.text || a.text.written == b.text.written
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text.written)
    }

    private enum CodingKeys: String, CodingKey {
        case lines, facts, failureLines
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(lines: try container.decode([String].self, forKey: .lines),
                  facts: try container.decode([Fact].self, forKey: .facts),
                  failureLines: try container.decode([String].self, forKey: .failureLines))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let written = text.written
        try container.encode(written.lines, forKey: .lines)
        try container.encode(written.facts, forKey: .facts)
        try container.encode(written.failureLines, forKey: .failureLines)
    }
}

/// The text of one explanation: the recorded steps until first read, then the lines written
/// from them (the steps are let go). Its lock is one of the ``StripedLocks``.
final class ExplanationText: @unchecked Sendable {
    /// An explanation's text.
    struct Written: Hashable {
        let lines: [String]
        let facts: [Explanation.Fact]
        let failureLines: [String]
    }

    /// Where an explanation's steps are: a range of a decision's log, and the ranges within it
    /// of the checks that did not hold.
    struct Steps {
        let log: TraceRecorder
        let all: Range<Int>
        let failing: [Range<Int>]
        let formatter: ValueFormatter
    }

    /// Read and written only under the lock.
    private var steps: Steps?
    private var text: Written?

    init(written: Written) {
        text = written
    }

    init(steps: Steps) {
        self.steps = steps
    }

    /// The lines, written on the first read.
    var written: Written {
        let lock = StripedLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        guard let steps else { return Written(lines: [], facts: [], failureLines: []) }
        let made = Self.write(steps)
        text = made
        self.steps = nil
        return made
    }

    /// The lines of the steps, each fact and value once, and apart from them those of the
    /// failing checks (each fact and value once among them). The texts that do not depend on
    /// the values were written at load time (see ``TracePoint``): a decision's line is chosen, a
    /// fact's or a call's is its prefix and its value, described once per step.
    static func write(_ steps: Steps) -> Written {
        let entries = steps.log.entries
        let first = steps.all.lowerBound
        var described = [String?](repeating: nil, count: steps.all.count)
        func lines(_ ranges: [Range<Int>], facts: inout [Explanation.Fact]?) -> [String] {
            var lines: [String] = []
            lines.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
            // A fact is shown once per value as shown (two records both read `{1 fält}`).
            var shown = Set<ShownFact>(minimumCapacity: ranges.reduce(0) { $0 + $1.count })
            for range in ranges {
                for index in range {
                    let step = entries[index]
                    let point = step.point
                    if point.kind == .decision {
                        let choice = switch step.value {
                        case .boolean(true): 0
                        case .boolean(false): 1
                        default: 2
                        }
                        lines.append(point.decisionLines.indices.contains(choice) ? point.decisionLines[choice] : "")
                        continue
                    }
                    let value: String
                    if let made = described[index - first] {
                        value = made
                    } else {
                        value = steps.formatter.describe(step.value, as: point.type)
                        described[index - first] = value
                    }
                    if case .fact(let path) = point.kind {
                        guard shown.insert(ShownFact(number: point.factNumber, value: value)).inserted else { continue }
                        facts?.append(Explanation.Fact(path: path, value: value))
                    }
                    lines.append(point.valueLinePrefix + value)
                }
            }
            return lines
        }
        var facts: [Explanation.Fact]? = []
        let all = lines([steps.all], facts: &facts)
        var none: [Explanation.Fact]?
        let failing = lines(steps.failing, facts: &none)
        return Written(lines: all, facts: facts ?? [], failureLines: failing)
    }

    /// A fact and its value as shown: the fact by its path's number, not by its text; the
    /// value by its bytes (a `String`'s own hash normalizes it first, which made this set most of
    /// the time spent writing an explanation; the formatter writes equal values with equal bytes).
    private struct ShownFact: Hashable {
        let number: Int
        let value: String

        static func == (a: ShownFact, b: ShownFact) -> Bool {
            a.number == b.number && a.value.utf8.elementsEqual(b.value.utf8)
        }

        /// The number, the length and the first 16 bytes of the value, in three words (equal
        /// values have equal hashes; a value longer than that is told apart by `==`).
        func hash(into hasher: inout Hasher) {
            var words: (UInt64, UInt64) = (0, 0)
            var bytes = value.utf8.makeIterator()
            for shift in stride(from: UInt64(0), to: 64, by: 8) {
                guard let byte = bytes.next() else { break }
                words.0 |= UInt64(byte) << shift
            }
            for shift in stride(from: UInt64(0), to: 64, by: 8) {
                guard let byte = bytes.next() else { break }
                words.1 |= UInt64(byte) << shift
            }
            hasher.combine(number)
            hasher.combine(value.utf8.count)
            hasher.combine(words.0)
            hasher.combine(words.1)
        }
    }
}
