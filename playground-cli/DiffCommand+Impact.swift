import Foundation
import KundvalAuthoring
import KundvalRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DiffCommand {
    /// Streams the providers in `input` (a JSON Lines file, `-` for standard input) through the
    /// analysis: each provider that changes is written as soon as it is decided, the summary
    /// last. Only counters are kept, so memory does not grow with the number of lines.
    static func impact(_ analysis: ImpactAnalysis, input: String, identity: [String]?, condition: String?, json: Bool) -> ExitStatus {
        var analysis = analysis
        var descriptor: Int32 = 0
        if input != "-" {
            descriptor = open(input, O_RDONLY)
            guard descriptor >= 0 else {
                Output.error("kundval diff: kan inte läsa `\(input)`")
                return .usage
            }
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var reader = LineReader(descriptor: descriptor)
        var output: [UInt8] = []
        var lineNumber = 0
        while let line = reader.next() {
            lineNumber += 1
            let found: ProviderImpact?
            switch line {
            case .tooLong:
                found = analysis.addUnreadable(line: lineNumber, identity: nil, problem: "raden är längre än 16 MiB")
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                found = analysis.add(json: bytes, line: lineNumber, identity: identity.flatMap { value(at: $0, in: bytes) })
            }
            guard let found, shows(found, condition: condition) else { continue }
            if json {
                let data = (try? encoder.encode(["anordnare": found])) ?? Data("{\"fel\": \"kan inte skriva JSON\"}".utf8)
                output += data
                output.append(0x0A)
            } else {
                output += Array((found.text + "\n").utf8)
            }
            if output.count >= 1 << 16 {
                Output.writeBytes(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        Output.writeBytes(output)
        let summary = analysis.summary
        if json {
            Output.print(encode(["sammanfattning": summary], pretty: false))
        } else {
            Output.write((lineNumber > 0 ? "\n" : "") + summary.text)
        }
        return summary.totals.failedBoth == 0 ? .ok : .usage
    }

    /// Whether a provider's changes are shown: all, or with `--villkor N` those where condition
    /// N changed (or that a version could not decide).
    static func shows(_ impact: ProviderImpact, condition: String?) -> Bool {
        guard let condition else { return true }
        return impact.oldErrors != nil || impact.newErrors != nil || impact.conditions.contains { $0.name == condition }
    }

    /// The value at `path` (object keys) in a line's JSON as text (a text without its quotes, a
    /// number as written, `true`/`false`); `nil` when the line has none there or is no JSON.
    static func value(at path: [String], in bytes: [UInt8]) -> String? {
        guard var value = try? JSONParser.parse(bytes) else { return nil }
        for key in path {
            guard case .object(let pairs) = value, let next = pairs.first(where: { $0.key == key })?.value else { return nil }
            value = next
        }
        switch value {
        case .string(let text): return text
        case .number(let digits): return digits
        case .boolean(let flag): return flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }
}
