import Dispatch
import Foundation
import KundvalDiagnostics
import KundvalRuntime

/// `kundval test --mutera SÖKVÄG… [--json] [--minst PROCENT]`: mutation testing of the rule
/// files' own tests. Each mutant (see ``Mutant``) changes one thing in a named file; the tests are
/// run against it on every core; a mutant that no test notices is listed with its place, so an
/// author sees which thresholds and requirements the tests do not pin down.
enum MutationCommand {
    /// One file's result.
    struct FileResult {
        let path: String
        var killed = 0
        var invalid = 0
        var survivors: [Mutant] = []
        var total: Int { killed + invalid + survivors.count }
        /// Killed among the mutants that check, in percent.
        var score: Double {
            let counted = killed + survivors.count
            return counted == 0 ? 100 : Double(killed) * 100 / Double(counted)
        }
    }

    static func run(paths: [String], json: Bool, minimum: Double?) -> ExitStatus {
        let (files, sources): ([String], [SourceFile])
        switch RuleFiles.sourcesWithSiblings(paths) {
        case .success(let found): (files, sources) = found
        case .failure(let problem):
            Output.error("kundval test --mutera: \(problem.message)")
            return .usage
        }
        let testing: MutationTesting
        switch Result(catching: { () throws(MutationTesting.Problem) in
            try MutationTesting(files: sources) { (try? TestCommand.readExample($0, of: $1)) ?? nil }
        }) {
        case .success(let prepared):
            testing = prepared
        case .failure(.rules(let failure)):
            Output.write(failure.rendered())
            Output.error("kundval test --mutera: reglerna har fel; rätta dem först (`kundval check`)")
            return .failure
        case .failure(.failingTests(let failing)):
            Output.error("kundval test --mutera: \(failing.count) tester misslyckas redan utan ändringar; "
                         + "rätta dem först (`kundval test`): \(failing.prefix(3).joined(separator: "; "))")
            return .failure
        }
        let named = Set(files)
        let mutants = testing.mutants(in: named)
        let started = DispatchTime.now()
        let outcomes = runAll(mutants, with: testing)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9

        var results = files.map { FileResult(path: $0) }
        for (mutant, outcome) in zip(mutants, outcomes) {
            guard let index = results.firstIndex(where: { $0.path == mutant.path }) else { continue }
            switch outcome {
            case .killed: results[index].killed += 1
            case .invalid: results[index].invalid += 1
            case .survived: results[index].survivors.append(mutant)
            }
        }
        var total = FileResult(path: "totalt")
        for result in results {
            total.killed += result.killed
            total.invalid += result.invalid
            total.survivors += result.survivors
        }
        if json {
            Output.print(jsonReport(results, total: total, sources: sources))
        } else {
            textReport(results, total: total, sources: sources, seconds: seconds)
        }
        if let minimum, total.score < minimum {
            if !json {
                Output.error("kundval test --mutera: \(percent(total.score)) dödade, under gränsen \(percent(minimum))")
            }
            return .failure
        }
        return .ok
    }

    /// Every mutant's outcome, in order, computed on every core.
    static func runAll(_ mutants: [Mutant], with testing: MutationTesting) -> [MutantOutcome] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = stride(from: 0, to: mutants.count, by: max(1, (mutants.count + workers - 1) / workers)).map {
            Array(mutants[$0..<min($0 + (mutants.count + workers - 1) / workers, mutants.count)])
        }
        let collected = Collected(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            collected.set(index, chunks[index].map(testing.run))
        }
        return collected.all
    }

    /// Results of the workers, one slot each, guarded by a lock.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [[MutantOutcome]]
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ index: Int, _ outcomes: [MutantOutcome]) {
            lock.lock()
            slots[index] = outcomes
            lock.unlock()
        }
        var all: [MutantOutcome] {
            lock.lock()
            defer { lock.unlock() }
            return slots.flatMap { $0 }
        }
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") + " %"
    }

    static func location(_ mutant: Mutant, _ sources: [SourceFile]) -> SourceLocation {
        sources.first { $0.path == mutant.path }?.location(of: mutant.span.start) ?? SourceLocation(line: 0, column: 0)
    }

    static func textReport(_ results: [FileResult], total: FileResult, sources: [SourceFile], seconds: Double) {
        for result in results {
            Output.print("\(result.path): \(result.total) mutanter, \(result.killed) dödade, \(result.survivors.count) "
                         + "överlevde, \(result.invalid) ogiltiga: \(percent(result.score)) dödade")
            for mutant in result.survivors {
                Output.print("  \(mutant.path):\(location(mutant, sources)): \(mutant.owner): \(mutant.kind.rawValue) \(mutant.change)")
            }
        }
        Output.print("totalt: \(total.total) mutanter, \(total.killed) dödade, \(total.survivors.count) överlevde, "
                     + "\(total.invalid) ogiltiga: \(percent(total.score)) dödade (\(String(format: "%.1f", seconds)) s)")
    }

    static func jsonReport(_ results: [FileResult], total: FileResult, sources: [SourceFile]) -> String {
        func counts(_ result: FileResult) -> String {
            "\"mutanter\": \(result.total), \"dödade\": \(result.killed), \"överlevde\": \(result.survivors.count), "
                + "\"ogiltiga\": \(result.invalid), \"andel_dödade\": \(String(format: "%.1f", result.score))"
        }
        let files = results.map { result in
            let survivors = result.survivors.map { mutant in
                let at = location(mutant, sources)
                return "{\"rad\": \(at.line), \"kolumn\": \(at.column), \"del\": \(JSONText.quoted(mutant.owner)), "
                    + "\"slag\": \(JSONText.quoted(mutant.kind.rawValue)), \"från\": \(JSONText.quoted(mutant.original)), "
                    + "\"till\": \(JSONText.quoted(mutant.replacement))}"
            }
            return "{\"fil\": \(JSONText.quoted(result.path)), \(counts(result)), \"överlevande\": [\(survivors.joined(separator: ", "))]}"
        }
        return "{\"filer\": [\(files.joined(separator: ", "))], \"totalt\": {\(counts(total))}}"
    }
}
