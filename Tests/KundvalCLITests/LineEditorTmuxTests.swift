import Foundation
import Testing

/// Where tmux is installed, if it is.
let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// The REPL's line editor in a real terminal: `kundval repl` runs in a tmux session, keys are
/// sent with `send-keys`, and the screen is read with `capture-pane`.
@Suite(.enabled(if: tmuxPath != nil, "tmux is not installed"))
struct LineEditorTmuxTests {
    /// The tmux server of this test alone (`-L`), so a developer's own tmux is never touched
    /// and the test can end its server whatever happens.
    let server = "kundval-test-\(UUID().uuidString.prefix(8))"

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Spawn.run(tmuxPath!, ["-L", server] + arguments)
    }

    /// Ends the test's tmux server and the REPL in it, and checks that they are gone: a test
    /// that leaves them behind leaves a process running after every CI run.
    func endServer() {
        _ = try? tmux(["kill-server"])
        var running = true
        for _ in 0..<50 where running {
            running = (try? tmux(["list-sessions"])) != nil
            if running { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(!running, "tmux server \(server) still runs after kill-server")
    }

    /// Waits until the screen contains `text` (or ten seconds pass) and returns the screen.
    func screen(_ session: String, waitingFor text: String) throws -> String {
        var screen = ""
        for _ in 0..<100 {
            screen = try tmux(["capture-pane", "-t", session, "-p", "-J"])
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return screen
    }

    @Test func historyCompletionAndControlKeys() throws {
        let session = "kundval-\(UUID().uuidString.prefix(8))"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(session)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer {
            endServer()
            try? FileManager.default.removeItem(at: home)
        }
        let command = "cd '\(CLI.repositoryRoot.path)' && HOME='\(home.path)' TERM=xterm '\(CLI.executable.path)' repl conditions --datum 2025-03-01"
        try tmux(["new-session", "-d", "-s", session, "-x", "160", "-y", "50", command])
        #expect(try screen(session, waitingFor: "kundval> ").contains("läste 5 dokument"))

        // Tab completes a file name, then a fact path through records.
        try tmux(["send-keys", "-t", session, "använd oppenvard-0", "Tab", "0", "Tab", "Enter"])
        #expect(try screen(session, waitingFor: "använder \"Öppenvårdsinsatser för personer med skadligt bruk").contains("använd oppenvard-000.kundval"))
        try tmux(["send-keys", "-t", session, "fakta conditions/exempel/oppenvard-brister.json", "Enter"])
        _ = try screen(session, waitingFor: "fakta: conditions/exempel/oppenvard-brister.json")
        try tmux(["send-keys", "-t", session, "anordnare.verksamhetsa", "Tab", "år_av", "Tab", ">= 3", "Enter"])
        let completed = try screen(session, waitingFor: "ja : ja/nej")
        #expect(completed.contains("kundval> anordnare.verksamhetsansvarig.år_av_dokumenterad_erfarenhet >= 3"), "\(completed)")

        // Ctrl-A moves to the start of the line: `itesbelopp`, Ctrl-A, `v` gives `vitesbelopp`.
        try tmux(["send-keys", "-t", session, "itesbelopp", "C-a", "v", "Enter"])
        #expect(try screen(session, waitingFor: "16500 kr : belopp kan saknas").contains("kundval> vitesbelopp"))

        // History: Up twice brings back the fact-path line.
        try tmux(["send-keys", "-t", session, "Up", "Up", "Enter"])
        let again = try screen(session, waitingFor: "kundval> \n")
        #expect(again.components(separatedBy: "ja : ja/nej").count == 3, "\(again)")

        // Ctrl-U clears the line; `avsluta` ends the session and the history is kept in a file.
        try tmux(["send-keys", "-t", session, "skräp", "C-u", "avsluta", "Enter"])
        var history = ""
        for _ in 0..<50 where !history.contains("avsluta") {
            history = (try? String(contentsOf: home.appendingPathComponent(".kundval_historik"), encoding: .utf8)) ?? ""
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(history.contains("anordnare.verksamhetsansvarig.år_av_dokumenterad_erfarenhet >= 3\n"))
        #expect(history.hasSuffix("avsluta\n") && !history.contains("skräp"), "\(history)")
    }

    // Issue 14: a line wider than the terminal stays on one row, Ctrl-R finds a line in the
    // history and runs it, Ctrl-L clears the screen, and a what-if works at the prompt.
    @Test func wideLinesHistorySearchAndClearScreen() throws {
        let session = "kundval-\(UUID().uuidString.prefix(8))"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(session)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer {
            endServer()
            try? FileManager.default.removeItem(at: home)
        }
        let command = "cd '\(CLI.repositoryRoot.path)' && HOME='\(home.path)' TERM=xterm '\(CLI.executable.path)' repl conditions --datum 2025-03-01"
        try tmux(["new-session", "-d", "-s", session, "-x", "80", "-y", "30", command])
        _ = try screen(session, waitingFor: "kundval> ")
        // Tab completes a file name after `fakta`, a folder first.
        try tmux(["send-keys", "-t", session, "fakta condit", "Tab", "exe", "Tab", "oppenvard-go", "Tab", "Enter"])
        _ = try screen(session, waitingFor: "som används nu")

        // 200 characters at 80 columns: one row, the end of the line in view, no copies.
        let wide = "anordnare.namn = \"" + String(repeating: "x", count: 180) + "\""
        try tmux(["send-keys", "-t", session, "-l", wide])
        Thread.sleep(forTimeInterval: 0.5)
        let rows = try tmux(["capture-pane", "-t", session, "-p"]).split(separator: "\n", omittingEmptySubsequences: false)
        let editing = rows.filter { $0.contains("xxxx") }
        #expect(editing.count == 1 && editing.first?.hasPrefix("kundval> ") == true, "\(rows)")
        #expect((editing.first?.count ?? 0) <= 80)
        // Narrower: redrawn at once to the new width, still one row.
        try tmux(["resize-window", "-t", session, "-x", "60"])
        var narrow: [Substring] = []
        for _ in 0..<50 {
            narrow = try tmux(["capture-pane", "-t", session, "-p"]).split(separator: "\n").filter { $0.contains("xxxx") }
            if narrow.count == 1 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(narrow.count == 1 && (narrow.first?.count ?? 99) <= 60, "\(narrow)")
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try screen(session, waitingFor: "nej : ja/nej")

        // A what-if, then Ctrl-R finds the earlier `villkor 6` and Enter runs it again.
        try tmux(["send-keys", "-t", session, "villkor 6", "Enter"])
        _ = try screen(session, waitingFor: "villkor 6 ”Ekonomisk kapacitet”: uppfyllt")
        try tmux(["send-keys", "-t", session, "med anordnare.erforderlig_ekonomisk_kapacitet = nej", "Enter"])
        _ = try screen(session, waitingFor: "med anordnare.erforderlig_ekonomisk_kapacitet = nej\n")
        try tmux(["send-keys", "-t", session, "C-r"])
        try tmux(["send-keys", "-t", session, "-l", "llkor"])
        let searching = try screen(session, waitingFor: "(sök bakåt) `llkor`: villkor 6")
        #expect(searching.contains("(sök bakåt) `llkor`: villkor 6"), "\(searching)")
        try tmux(["send-keys", "-t", session, "Enter"])
        #expect(try screen(session, waitingFor: "ej uppfyllt").contains("villkor 6 ”Ekonomisk kapacitet”: ej uppfyllt"))

        // Ctrl-L leaves only the prompt on the screen.
        try tmux(["send-keys", "-t", session, "C-l"])
        Thread.sleep(forTimeInterval: 0.5)
        let cleared = try tmux(["capture-pane", "-t", session, "-p"]).split(separator: "\n").filter { !$0.isEmpty }
        #expect(cleared == ["kundval> "] || cleared == ["kundval>"], "\(cleared)")
    }

    // Issue 14: Ctrl-C interrupts a command that takes long (here: reading 150 reglementen), and
    // the session keeps the rules it had.
    @Test func controlCInterruptsALongLoad() throws {
        let session = "kundval-\(UUID().uuidString.prefix(8))"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(session)
        let big = home.appendingPathComponent("många")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        defer {
            endServer()
            try? FileManager.default.removeItem(at: home)
        }
        let reglemente = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("conditions/reglemente-31.kundval"), encoding: .utf8)
        for copy in 1...150 {
            try reglemente.replacingOccurrences(of: "version \"31 villkor\"", with: "version \"kopia \(copy)\"")
                .write(to: big.appendingPathComponent("r\(copy).kundval"), atomically: true, encoding: .utf8)
        }
        let command = "cd '\(CLI.repositoryRoot.path)' && HOME='\(home.path)' TERM=xterm '\(CLI.executable.path)' repl conditions --datum 2025-03-01"
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", command])
        _ = try screen(session, waitingFor: "kundval> ")
        try tmux(["send-keys", "-t", session, "ladda '\(big.path)'".replacingOccurrences(of: "'", with: "\""), "Enter"])
        Thread.sleep(forTimeInterval: 0.5)
        try tmux(["send-keys", "-t", session, "C-c"])
        #expect(try screen(session, waitingFor: "avbrutet").contains("^C avbrutet: reglerna, fakta och datum är som före kommandot"))
        try tmux(["send-keys", "-t", session, "dokument", "Enter"])
        let listed = try screen(session, waitingFor: "* \"Arbete och etablering\"")
        #expect(listed.contains("* \"Arbete och etablering\"") && !listed.contains("kopia 1"), "\(listed)")
    }
}
