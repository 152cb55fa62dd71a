import Foundation
import KundvalDiagnostics
import KundvalRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kundval batch KUNDVAL [--in FIL] [--id FÄLTSÖKVÄG] [--bedömning B] [--datum D] [--regler MAPP]`:
/// JSON Lines of providers in (one JSON object of facts per line), JSON Lines of decisions out,
/// streaming.
enum BatchCommand {
    static let usage = """
        användning: kundval batch KUNDVAL [--in FIL.jsonl] [--id FÄLTSÖKVÄG] [--bedömning ansökan|uppföljning|…]
                                   [--datum ÅÅÅÅ-MM-DD] [--regler MAPP] [--beräkningar]

        Läser en anordnares fakta per rad (JSON Lines) från FIL eller standard in (`-`) och skriver
        en rad per anordnare på standard ut: {"rad": N, "beslut": {…}} eller {"rad": N, "fel": ["…"]}.
        Med --id anordnare.organisationsnummer får varje rad också "id" med det värdet ur raden
        (null när raden saknar det), så att beslutet kan föras tillbaka till anordnaren.
        Med --beräkningar står definitionerna utan parametrar under "beräkningar", som i
        `kundval eval --json`; utan den är "beräkningar" tomt. De räknas ut i båda fallen: en
        beräkning som inte går att göra (division med noll) ger raden "fel", som i `kundval eval`.
        Tomma rader hoppas över. Minnet växer inte med antalet rader. På en terminal visas hur
        många rader som är klara på standardfel.
        Slutstatus: 0 när varje rad gav ett beslut, 1 när reglerna har fel eller standard ut inte
        kunde skrivas (en full disk), 2 vid felaktig användning eller när någon rad inte kunde
        bedömas (de övriga raderna bedöms ändå).
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let input = options.value("--in")
        let identityText = options.value("--id")
        let identity = identityText.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        let assessment = options.value("--bedömning") ?? "ansökan"
        let folder = options.value("--regler") ?? "conditions"
        let dateText = options.value("--datum")
        let computations = options.flag("--beräkningar")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval batch: \(problem)\n\n" + usage)
            return .usage
        }
        if let identity, let identityText, identity.contains(where: \.isEmpty) {
            Output.error("kundval batch: `--id \(identityText)` är ingen fältsökväg; skriv fälten med punkt emellan, till exempel `--id anordnare.organisationsnummer`")
            return .usage
        }
        guard options.positional.count == 1, let target = options.positional.first else {
            Output.error((DocumentTarget.argumentProblem(options.positional, command: "batch").map { $0 + "\n\n" } ?? "") + usage)
            return .usage
        }
        guard let date = DocumentTarget.date(dateText, command: "batch") else { return .usage }
        let document: CompiledDocument
        switch DocumentTarget.load(target, folder: folder, date: date, command: "batch") {
        case .success(let found): document = found
        case .failure(let stop): return stop.status
        }
        guard let kind = document.assessmentKind(named: assessment) else {
            Output.error("kundval batch: det finns ingen bedömning `\(assessment)`; bedömningar: "
                + document.assessmentNames.map { "`\($0)`" }.joined(separator: ", "))
            return .usage
        }
        guard let descriptor = InputFile.descriptor(for: input, command: "batch") else { return .usage }
        defer { if descriptor != 0 { close(descriptor) } }

        var reader = LineReader(descriptor: descriptor)
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        let progress = isatty(2) != 0
        let clock = ContinuousClock()
        let started = clock.now
        var lastProgress = started
        var lineNumber = 0
        var decided = 0
        var rejected = 0
        var warnedIdentity = false
        while let line = reader.next() {
            lineNumber += 1
            var prefix = "{\"rad\": \(lineNumber), "
            if let identity, case .text(let bytes) = line {
                let found = JSONIdentity.find(identity, in: bytes)
                prefix += "\"id\": \(JSONIdentity.json(of: found)), "
                if found == .missing, !warnedIdentity, !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    // Once, as `diff` warns: a misspelled --id would otherwise give `null` silently.
                    warnedIdentity = true
                    Output.writeBytes(Array(("kundval batch: varning: rad \(lineNumber) har inget värde vid `\(identity.joined(separator: "."))`"
                        + " (--id); sådana rader får \"id\": null\n").utf8), to: 2)
                }
            }
            switch line {
            case .tooLong:
                rejected += 1
                output += Array((prefix + "\"fel\": [\"raden är längre än 16 MiB\"]}\n").utf8)
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch document.decoder.decode(json: bytes) {
                case .failure(let problem):
                    rejected += 1
                    if decided + rejected == 1, Self.opensAJSONValue(bytes) {
                        // `--in exempel.json`: one JSON text over many lines, each line an error.
                        Output.writeBytes(Array(("kundval batch: varning: rad \(lineNumber) börjar ett JSON-värde som fortsätter på nästa "
                            + "rad; batch läser en anordnare per rad (JSON Lines), så skriv varje anordnares fakta på en rad\n").utf8), to: 2)
                    }
                    // A line is one JSON text, so its own line number (always 1) is left out.
                    let messages = problem.lines.map { $0.hasPrefix("rad 1, ") ? String($0.dropFirst(7)) : $0 }
                    output += Array((prefix + "\"fel\": [" + messages.map(JSONText.quoted).joined(separator: ", ") + "]}\n").utf8)
                case .success(let facts):
                    do {
                        // Computed also when not written: a computation that cannot be made
                        // fails the line as it fails `eval` (an approval was written where
                        // `eval` stopped; found by an adversarial session).
                        let decision = try document.evaluate(facts, kind: kind, date: date, computations: true)
                        decided += 1
                        output += Array((prefix + "\"beslut\": ").utf8)
                        output += decision.jsonBytes(computations: computations)
                        output += [UInt8(ascii: "}"), 0x0A]
                    } catch {
                        rejected += 1
                        output += Array((prefix + "\"fel\": [" + JSONText.quoted(error.description) + "]}\n").utf8)
                    }
                }
            }
            if output.count >= 1 << 16 {
                Output.writeBytes(output)
                output.removeAll(keepingCapacity: true)
            }
            if progress, lineNumber % 256 == 0, clock.now - lastProgress > .milliseconds(250) {
                lastProgress = clock.now
                Output.writeBytes(Array("\r\(lineNumber) rader, \(rate(lineNumber, since: started, clock)) rader/s".utf8), to: 2)
            }
        }
        Output.writeBytes(output)
        if progress {
            Output.writeBytes(Array("\r\(lineNumber) rader, \(rate(lineNumber, since: started, clock)) rader/s: \(decided) beslut, \(rejected) fel\n".utf8), to: 2)
        } else if rejected > 0 {
            // The exit status says that lines failed; this says how many and where to look.
            Output.error("kundval batch: \(rejected) av \(decided + rejected) rader kunde inte bedömas; deras \"fel\" står i utdata")
        }
        return rejected == 0 ? .ok : .usage
    }

    /// Whether `line` is only the opening of a JSON object or array (`{`, `[`, or `{"anordnare": {`):
    /// more opening brackets than closing ones, outside texts.
    static func opensAJSONValue(_ line: [UInt8]) -> Bool {
        var depth = 0
        var inText = false
        var escaped = false
        for byte in line {
            if inText {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inText = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inText = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return depth > 0 && !inText
    }

    static func rate(_ count: Int, since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Int {
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Int(Double(count) / seconds) : 0
    }
}
