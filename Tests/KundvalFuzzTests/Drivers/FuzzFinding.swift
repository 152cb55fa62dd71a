import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// A broken promise found by a fuzz driver: two ways of deciding that disagree, or output that
/// cannot be true. (A trap or a memory error is found by the sanitizer instead.) Under libFuzzer
/// a finding stops the run and keeps the input; in `swift test` it fails the replay test.
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    /// What was wrong, with enough context to find it again.
    public let description: String

    init(_ description: String) { self.description = description }
}

/// The fuzz targets, each a pure function of its input bytes.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Source text → parse, check, render diagnostics, compile, run the file's tests, evaluate.
    case source
    /// A document and a date chosen by two bytes, then facts JSON → decode → every assessment
    /// kind → decision, reasons, explanation and JSON, the fast and the explained path compared.
    case facts
    /// Bytes → a well-typed expression over a small document's facts, and facts for it →
    /// every way of evaluating it compared.
    case expression

    /// Inputs to start fuzzing from, besides `Regressions/<target>/` (written into the seed
    /// folder by `.ci/fuzz`): the facts target's inputs are made from the example providers.
    public var seeds: [(name: String, bytes: [UInt8])] {
        switch self {
        case .facts: FactsDriver.seeds
        case .source: Shipped.sources.map { (String($0.path.split(separator: "/").last ?? ""), $0.bytes) }
        case .expression: []
        }
    }

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        switch self {
        case .source: try SourceTextDriver.run(bytes)
        case .facts: try FactsDriver.run(bytes)
        case .expression: try ExpressionDriver.run(bytes)
        }
    }
}

/// The repository's shipped rules and example providers, read once. Found from this source
/// file, so the drivers work from any directory (the fuzz build passes absolute paths).
enum Shipped {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let conditions = root.appendingPathComponent("conditions").path

    /// Every shipped rule file.
    static let sources: [SourceFile] = (try? Engine.readFolder(conditions)) ?? []

    /// The shipped reglementen, which a fuzzed kundval may refine.
    static let reglementen: [SourceFile] = sources.filter { file in
        String(decoding: file.bytes.prefix(64), as: UTF8.self).hasPrefix("reglemente")
    }

    /// The shipped rules, compiled.
    static let rules: RuleSet? = try? RuleSet.compile(sources).get()

    /// The example providers by their path relative to `conditions/` (`exempel/…json`).
    static let examples: [String: [UInt8]] = {
        let folder = conditions + "/exempel"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var result: [String: [UInt8]] = [:]
        for name in names where name.hasSuffix(".json") {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { result["exempel/" + name] = [UInt8](data) }
        }
        return result
    }()

    /// Assessment dates: plain days, a leap day, julafton, and the calendar's first and last day.
    static let dates: [Day] = [(2025, 3, 1), (2024, 2, 29), (2026, 1, 15), (2025, 12, 24), (1, 1, 1), (9999, 12, 31)]
        .compactMap { try? Day(year: $0.0, month: $0.1, day: $0.2) }
}
