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

    /// The explanation of the steps an evaluation recorded, `failing` apart; written when read.
    init(steps: [TraceEntry], failing: [TraceEntry], formatter: ValueFormatter) {
        text = ExplanationText(steps: steps, failing: failing, formatter: formatter)
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

    /// Read and written only under the lock.
    private var steps: (all: [TraceEntry], failing: [TraceEntry], formatter: ValueFormatter)?
    private var text: Written?

    init(written: Written) {
        text = written
    }

    init(steps: [TraceEntry], failing: [TraceEntry], formatter: ValueFormatter) {
        self.steps = (steps, failing, formatter)
    }

    /// The lines, written on the first read.
    var written: Written {
        let lock = StripedLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        guard let steps else { return Written(lines: [], facts: [], failureLines: []) }
        let all = Self.lines(of: steps.all, formatter: steps.formatter)
        let made = Written(lines: all.lines, facts: all.facts,
                           failureLines: Self.lines(of: steps.failing, formatter: steps.formatter).lines)
        text = made
        self.steps = nil
        return made
    }

    /// Steps as lines, each fact and value once. The texts that do not depend on the values
    /// were written at load time (see ``TracePoint``); a line here is at most a prefix, a name
    /// and a value joined.
    static func lines(of steps: [TraceEntry], formatter: ValueFormatter) -> (lines: [String], facts: [Explanation.Fact]) {
        var lines: [String] = []
        lines.reserveCapacity(steps.count)
        var facts: [Explanation.Fact] = []
        // A fact is shown once per value as shown (two records both read `{1 fält}`).
        var shown: Set<ShownFact> = []
        for step in steps {
            let point = step.point
            switch point.kind {
            case .fact(let path):
                let value = formatter.describe(step.value, as: point.type)
                guard shown.insert(ShownFact(number: point.factNumber, value: value)).inserted else { continue }
                facts.append(Explanation.Fact(path: path, value: value))
                lines.append(point.linePrefix + path + " = " + value)
            case .decision:
                let index = switch step.value {
                case .boolean(true): 0
                case .boolean(false): 1
                default: 2
                }
                lines.append(point.decisionLines.indices.contains(index) ? point.decisionLines[index] : "")
            case .call(let name):
                lines.append(point.linePrefix + name + " = " + formatter.describe(step.value, as: point.type))
            }
        }
        return (lines, facts)
    }

    /// A fact and its value as shown: the fact by its path's number, not by its text.
    private struct ShownFact: Hashable {
        let number: Int
        let value: String
    }
}
