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
        if let condition, !analysis.old.conditionNumbers.contains(condition), !analysis.new.conditionNumbers.contains(condition) {
            Output.error("kundval diff: det finns inget villkor `\(condition)` i någon av versionerna"
                + "\nhjälp: --villkor tar ett villkors nummer, till exempel `--villkor \(analysis.new.conditionNumbers.first ?? "1")`")
            return .usage
        }
        guard let descriptor = InputFile.descriptor(for: input, command: "diff") else { return .usage }
        defer { if descriptor != 0 { close(descriptor) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var reader = LineReader(descriptor: descriptor)
        var output: [UInt8] = []
        var lineNumber = 0
        var warned = false
        while let line = reader.next() {
            lineNumber += 1
            let found: ProviderImpact?
            switch line {
            case .tooLong:
                found = analysis.addUnreadable(line: lineNumber, identity: nil, problem: "raden är längre än 16 MiB")
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                var id: String?
                if let identity {
                    let value = JSONIdentity.find(identity, in: bytes)
                    id = JSONIdentity.text(of: value)
                    if value == .missing, !warned {
                        warned = true
                        // A warning: standard error also with --json, so the JSON lines stay JSON.
                        Output.writeBytes(Array(("kundval diff: varning: rad \(lineNumber) har inget värde vid `\(identity.joined(separator: "."))`"
                            + " (--id); sådana rader visas med sitt radnummer\n").utf8), to: 2)
                    }
                }
                found = analysis.add(json: bytes, line: lineNumber, identity: id)
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
        // Lines that no version could assess are a problem with the data, not with the command.
        return summary.totals.failedBoth == 0 ? .ok : .failure
    }

    /// Whether a provider's changes are shown: all, or with `--villkor N` those where condition
    /// N changed (or that a version could not decide).
    static func shows(_ impact: ProviderImpact, condition: String?) -> Bool {
        guard let condition else { return true }
        // A renumbered condition is `16 (tidigare 14)`: either number selects it.
        return impact.oldErrors != nil || impact.newErrors != nil || impact.conditions.contains { change in
            change.name == condition || change.name.hasPrefix(condition + " (") || change.name.hasSuffix("(tidigare \(condition))")
        }
    }
}
