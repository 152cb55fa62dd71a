import Foundation
import Testing

/// The fuzz drivers (see `Drivers/`, run under libFuzzer by `.ci/fuzz`) on every input that once
/// found a bug (`Regressions/<target>/`), on their seed corpora, and on seeded random inputs:
/// what the fuzzers found stays fixed without a sanitizer build.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let conditions = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("conditions")

    static func files(in directory: URL, suffix: String = "") -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test(arguments: FuzzTarget.allCases)
    func inputsThatFoundBugs(_ target: FuzzTarget) throws {
        let inputs = Self.files(in: Self.folder.appendingPathComponent("Regressions/\(target.rawValue)"))
        for input in inputs {
            #expect(throws: Never.self, "\(input.lastPathComponent)") { try target.run(try Self.bytes(input)) }
        }
    }

    /// The seeds `.ci/fuzz` starts from: the shipped rule files, and every example provider
    /// behind every document.
    @Test(arguments: [FuzzTarget.source, .facts])
    func seeds(_ target: FuzzTarget) throws {
        #expect(target.seeds.count >= 5)
        for (name, bytes) in target.seeds {
            #expect(throws: Never.self, "\(name)") { try target.run(bytes) }
        }
    }

    /// Seeded random inputs: byte flips of the example providers (most still decode), and
    /// random choice bytes for the expression generator.
    @Test func seededRandomInputs() throws {
        var random = SeededRandom(state: 2_026_12_02)
        let examples = FuzzTarget.facts.seeds.map(\.bytes)
        try #require(!examples.isEmpty, "de levererade reglerna eller exemplen kunde inte läsas")
        for round in 0..<100 {
            var bytes = examples[random.next(examples.count)]
            for _ in 0..<1 + random.next(3) {
                let index = random.next(bytes.count)
                bytes[index] = [UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: "e"), UInt8(ascii: "-"),
                                UInt8(ascii: "t"), UInt8(ascii: "1")][random.next(6)]
            }
            #expect(throws: Never.self, "omgång \(round)") { try FuzzTarget.facts.run(bytes) }
        }
        var evaluated = 0
        for round in 0..<150 {
            let bytes = (0..<random.next(200)).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
            #expect(throws: Never.self, "omgång \(round): \(bytes)") { try FuzzTarget.expression.run(bytes) }
            let (rules, facts, date) = ExpressionDriver.generate(bytes)
            if (try? ExpressionDriver.check(rules: rules, facts: facts, date: date)) == true { evaluated += 1 }
        }
        // The generator writes what the checker accepts: most inputs reach evaluation.
        #expect(evaluated >= 100, "bara \(evaluated) av 150 genererade uttryck kunde köras")
    }
}

/// xorshift64*: small and reproducible.
struct SeededRandom {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 2_685_821_657_736_338_717) >> 33) % bound
    }
}
