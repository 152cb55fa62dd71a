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
    public var lines: [String] { text.lines }
    /// The facts read and their values.
    public var facts: [Fact] { text.facts }
    /// The lines of only the requirements and document checks that did not hold: what decided
    /// a shortfall, or what is missing (`kundval förklara --brister`).
    public var failureLines: [String] { text.failureLines }

    /// The log the explanation is in, and which of its explanations it is.
    let log: ExplanationLog
    private let index: Int

    private var text: ExplanationLog.Written { log.written(index) }

    /// An explanation of `lines`, the `facts` read, and the `failureLines` among the lines.
    public init(lines: [String], facts: [Fact], failureLines: [String]) {
        log = ExplanationLog(written: ExplanationLog.Written(lines: lines, facts: facts, failureLines: failureLines))
        index = 0
    }

    /// Explanation `index` of `log`, written when first read.
    init(log: ExplanationLog, index: Int) {
        self.log = log
        self.index = index
    }

    public static func == (a: Explanation, b: Explanation) -> Bool {
        (a.log === b.log && a.index == b.index) || a.text == b.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
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
        let written = text
        try container.encode(written.lines, forKey: .lines)
        try container.encode(written.facts, forKey: .facts)
        try container.encode(written.failureLines, forKey: .failureLines)
    }
}

/// The steps an explained decision recorded (an ``EvaluationObserver``), and the explanations
/// of its conditions as ranges of them; the lines of an explanation are written on its first
/// read and kept.
///
/// Recorded by the one evaluation that made it, on its thread, before it returns its decision
/// (which also reads it, for the facts a condition misses); after that only read, from any
/// thread, through ``written(_:)``, which holds one of the ``StripedLocks``. The steps are let
/// go once every explanation's text is written.
final class ExplanationLog: EvaluationObserver, @unchecked Sendable {
    /// An explanation's text.
    struct Written: Hashable {
        let lines: [String]
        let facts: [Explanation.Fact]
        let failureLines: [String]
    }

    // The log is written by one thread before anyone else can see it, and after that only
    // under its lock: the dynamic exclusivity checks of these properties, a third of the cost
    // of recording a step, are left out.

    /// Every step, in order.
    @exclusivity(unchecked) private(set) var entries: [TraceEntry] = []
    /// For the steps that read a field of a named list element, their index and the fact's
    /// name (`element(anordnare.personer, 2).näringsförbud`), in the order of the steps: put
    /// into words only when read (see ``elementNames(from:)``), as only an undecided condition's
    /// missing facts read them.
    @exclusivity(unchecked) private var elementNames: [(step: Int, name: ElementName)] = []

    /// A step's element name, as it was told.
    private enum ElementName {
        case text(String)
        case fact(FactName, suffix: String)

        var text: String {
            switch self {
            case .text(let text): text
            case .fact(let name, let suffix): name.text + suffix
            }
        }
    }
    /// Each explanation: its steps, and the range of ``failing`` its failing checks are.
    @exclusivity(unchecked) private var explanations: [(steps: Range<Int>, failing: Range<Int>)] = []
    /// The steps of the checks that did not hold, for all the explanations.
    @exclusivity(unchecked) private var failing: [Range<Int>] = []
    private let formatter: ValueFormatter
    /// The explanations' texts once written, and how many; read and written only under the lock.
    @exclusivity(unchecked) private var texts: [Written?] = []
    @exclusivity(unchecked) private var writtenCount = 0

    /// An empty log, with room for `expectedSteps` steps and `expectedExplanations`
    /// explanations.
    init(formatter: ValueFormatter, expectedSteps: Int = 0, expectedExplanations: Int = 0) {
        self.formatter = formatter
        entries.reserveCapacity(expectedSteps)
        explanations.reserveCapacity(expectedExplanations)
        failing.reserveCapacity(expectedExplanations)
    }

    /// A log of one explanation already written (one read back, or made by hand).
    init(written: Written) {
        formatter = ValueFormatter(enumerations: [:])
        explanations = [(0..<0, 0..<0)]
        texts = [written]
        writtenCount = 1
    }

    func observe(_ point: TracePoint, _ value: Value) {
        entries.append(TraceEntry(point: point, value: value))
    }

    /// Kept with the element's name beside it, for the facts a condition misses (see
    /// ``Explainer/unknownFacts(_:)``); the explanation's lines show the point's own path. The
    /// names are kept apart from the steps: a name in every step made each step larger and
    /// every explained decision slower, for the few steps that read an element's field.
    func observe(_ point: TracePoint, _ value: Value, element: String) {
        entries.append(TraceEntry(point: point, value: value))
        elementNames.append((entries.count - 1, .text(element)))
    }

    func observe(_ point: TracePoint, _ value: Value, element: FactName, suffix: String) {
        entries.append(TraceEntry(point: point, value: value))
        elementNames.append((entries.count - 1, .fact(element, suffix: suffix)))
    }

    /// The element names of the steps from `start` on (see ``elementNames``), in order.
    func elementNames(from start: Int) -> some Sequence<(step: Int, name: String)> {
        var first = elementNames.count
        while first > 0, elementNames[first - 1].step >= start { first -= 1 }
        return elementNames[first...].lazy.map { ($0.step, $0.name.text) }
    }

    /// Drops the steps from `start` on: those of a walk of the plan's traces that met an error,
    /// whose condition the value code then explains (see ``Explainer/explain(_:_:)``).
    func discard(from start: Int) {
        guard start < entries.count else { return }
        while let last = elementNames.last, last.step >= start { elementNames.removeLast() }
        entries.removeSubrange(start...)
    }

    /// Records that the steps from `start` to now explain one condition, with the checks of
    /// `failingChecks` that did not hold among them; returns its number.
    func endExplanation(from start: Int, failingChecks: [Range<Int>]) -> Int {
        let first = failing.count
        failing += failingChecks
        explanations.append((start..<entries.count, first..<failing.count))
        return explanations.count - 1
    }

    /// The text of explanation `index`, written on its first read.
    func written(_ index: Int) -> Written {
        let lock = StripedLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if texts.isEmpty { texts = Array(repeating: nil, count: explanations.count) }
        if let text = texts[index] { return text }
        let (steps, failingChecks) = explanations[index]
        let made = Self.write(entries, steps: steps, failing: Array(failing[failingChecks]), formatter: formatter)
        texts[index] = made
        writtenCount += 1
        if writtenCount == explanations.count {
            entries = []
            elementNames = []
            failing = []
        }
        return made
    }

    /// The lines of `steps`, each fact and value once, and apart from them those of the
    /// failing checks (each fact and value once among them). The texts that do not depend on
    /// the values were written at load time (see ``TracePoint``): a decision's line is chosen, a
    /// fact's or a call's is its prefix and its value, described once per step.
    static func write(_ entries: [TraceEntry], steps: Range<Int>, failing: [Range<Int>], formatter: ValueFormatter) -> Written {
        let first = steps.lowerBound
        var described = [String?](repeating: nil, count: steps.count)
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
                        value = formatter.describe(step.value, as: point.type)
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
        let all = collapsingRepeats(lines([steps], facts: &facts))
        var none: [Explanation.Fact]?
        let failureLines = collapsingRepeats(lines(failing, facts: &none))
        return Written(lines: all, facts: facts ?? [], failureLines: failureLines)
    }

    /// The longest run of lines that a repeat may be (a loop's body as its steps show it).
    static let longestRepeatedRun = 16

    /// `lines` with each run of lines repeated word for word right after itself, three times or
    /// more, written once and then how many times more it came: a loop over seven reports, whose element is not a
    /// fact to show, wrote the same three steps seven times (found by an audit of 001: 50 lines
    /// for one requirement). The lines that differ (the facts each element reads) are kept.
    static func collapsingRepeats(_ lines: [String]) -> [String] {
        guard lines.count >= 2 else { return lines }
        var result: [String] = []
        result.reserveCapacity(lines.count)
        var index = 0
        search: while index < lines.count {
            let longest = min(longestRepeatedRun, (lines.count - index) / 2)
            if longest >= 1 {
                for run in 1...longest where lines[index..<index + run].elementsEqual(lines[index + run..<index + 2 * run]) {
                    var times = 1
                    var next = index + 2 * run
                    while next + run <= lines.count, lines[index..<index + run].elementsEqual(lines[next..<next + run]) {
                        times += 1
                        next += run
                    }
                    // Twice is read at a glance (a definition called twice on one line); from
                    // three times on, the count is shorter than the lines.
                    guard times >= 2 else { continue }
                    result.append(contentsOf: lines[index..<index + run])
                    result.append("… " + (run == 1 ? "samma steg" : "samma \(run) steg") + " \(times) gånger till")
                    index = next
                    continue search
                }
            }
            result.append(lines[index])
            index += 1
        }
        return result
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
