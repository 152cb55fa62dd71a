import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kundval repl [SÖKVÄG…]`: try rules at a prompt. When standard input is not a terminal,
/// commands are read line by line without prompts, so sessions can be scripted; such a session
/// exits 1 when a command failed.
enum ReplCommand {
    /// How a command at the prompt ended.
    enum Run {
        case done(ReplSession, String)
        case interrupted
    }

    /// The work of one command, done on a thread of its own while the prompt watches for Ctrl-C.
    final class Work: @unchecked Sendable {
        var session: ReplSession
        var output = ""
        let finished = DispatchSemaphore(value: 0)
        init(_ session: ReplSession) { self.session = session }
    }

    /// Runs `line` on a copy of the session on another thread; Ctrl-C gives up waiting for it
    /// (the session stays as it was, and the abandoned work's result is dropped when it ends).
    /// Keys typed meanwhile are kept for the next line.
    static func runInterruptibly(_ line: String, in session: ReplSession) -> Run {
        let work = Work(session)
        let thread = Thread {
            work.output = work.session.run(line)
            work.finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        while work.finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            while LineEditor.inputIsWaiting(), let byte = LineEditor.readRawByte() {
                if byte == 0x03 { return .interrupted }
                LineEditor.typedAhead.append(byte)
            }
        }
        return .done(work.session, work.output)
    }

    static let usage = """
        användning: kundval repl [SÖKVÄG…] [--datum ÅÅÅÅ-MM-DD]

        Läser regelfilerna (utan sökväg: conditions) och väntar på kommandon. Skriv `hjälp` för
        kommandona; allt som inte är ett kommando beräknas som ett uttryck. Nämns en regelfil
        används dess dokument. Läses kommandona från en fil är slutstatus 1 om något kommando
        gav ett fel.
        """

    static func run(_ arguments: [String]) -> ExitStatus {
        var options = Options(arguments)
        if options.flag("--hjälp") {
            Output.print(usage)
            return .ok
        }
        let dateText = options.value("--datum")
        options.finish()
        if let problem = options.problem {
            Output.error("kundval repl: \(problem)")
            return .usage
        }
        guard let date = DocumentTarget.date(dateText, command: "repl") else { return .usage }
        let paths = options.positional.isEmpty ? ["conditions"] : options.positional
        var session = ReplSession(paths: paths, date: date)
        let interactive = isatty(0) != 0 && isatty(1) != 0
        if interactive { Output.write("kundval \(Command.version): skriv `hjälp` för kommandona, `avsluta` för att sluta\n") }
        Output.write(session.load(paths))
        if interactive {
            // The completer reads the session as it is when Tab is pressed.
            nonisolated(unsafe) var current = session
            var editor = LineEditor(historyPath: LineEditor.defaultHistoryPath) { line, start, word in
                current.completions(line: line, wordStart: start, word: word)
            }
            let original = LineEditor.enterRawMode()
            LineEditor.redrawOnResize()
            defer { if let original { LineEditor.leaveRawMode(original) } }
            while !session.finished {
                current = session
                guard let line = editor.readLine(prompt: session.continued == nil ? "kundval> " : "     …> ") else { break }
                switch Self.runInterruptibly(line, in: session) {
                case .done(let after, let output):
                    session = after
                    Output.write(output)
                case .interrupted:
                    Output.write("^C avbrutet: reglerna, fakta och datum är som före kommandot\r\n")
                }
            }
            // Ctrl-D inside a paste: it is run, as an empty line runs it.
            if session.continued != nil { Output.write(session.run("")) }
            return .ok
        }
        // A scripted session ends with status 1 when a command failed, so a script can tell.
        var failed = session.rules == nil
        var reader = LineReader(descriptor: 0)
        while !session.finished {
            guard let line = reader.next() else { break }
            guard case .text(let bytes) = line else {
                Output.write("fel: raden är för lång\n")
                failed = true
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                // Shown as `fann `��`` by the expression reader before.
                Output.write("fel: raden är inte giltig UTF-8 (spara indata som UTF-8)\n")
                failed = true
                continue
            }
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { Output.write("> \(text)\n") }
            let output = session.run(text)
            if output.hasPrefix("fel") || output.contains("fel[K") || output.contains("\nfel: ") { failed = true }
            Output.write(output)
        }
        // A paste whose brackets never closed is run at the end, as an empty line runs it (it
        // was dropped without a word).
        if session.continued != nil {
            let output = session.run("")
            if output.hasPrefix("fel") || output.contains("\nfel: ") { failed = true }
            Output.write(output)
        }
        return failed ? .failure : .ok
    }
}
