import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KundvalDiagnostics

/// A line editor for the REPL, written here without packages: the terminal in raw mode, arrow
/// keys, history (kept in a file between sessions) with Ctrl-R search, Ctrl-A/E/K/U/W/D/C/L, Tab
/// completion, and a line wider than the terminal scrolled sideways on one row.
struct LineEditor {
    /// Completes the word before the cursor: the whole line and the cursor position in, the
    /// candidates for the word out (each a full replacement of the word).
    typealias Completer = (_ line: String, _ wordStart: Int, _ word: String) -> [String]

    private(set) var history: [String] = []
    private let historyPath: String?
    private let completer: Completer
    static let historyLimit = 1_000

    init(historyPath: String?, completer: @escaping Completer) {
        self.historyPath = historyPath
        self.completer = completer
        if let historyPath, let text = try? String(contentsOfFile: historyPath, encoding: .utf8) {
            history = text.split(separator: "\n").map(String.init).suffix(Self.historyLimit)
        }
    }

    /// The history file: `~/.kundval_historik`.
    static var defaultHistoryPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.kundval_historik"
    }

    /// Puts the terminal in raw mode for the whole session (so keys typed while a command runs
    /// are kept, not echoed) and returns the settings to restore; `nil` when stdin is no terminal.
    static func enterRawMode() -> termios? {
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSADRAIN, &raw)
        return original
    }

    /// Restores the terminal settings from ``enterRawMode()``.
    static func leaveRawMode(_ original: termios) {
        var settings = original
        tcsetattr(0, TCSADRAIN, &settings)
    }

    /// Reads one line with editing (the terminal must be in raw mode); `nil` at Ctrl-D on an
    /// empty line or the end of input.
    mutating func readLine(prompt: String) -> String? {
        var state = EditState(prompt: prompt)
        var historyIndex = history.count
        var pending: [String] = history + [""]
        state.redraw(width: Self.terminalWidth)
        while true {
            guard let key = Self.readKey() else { return nil }
            switch key {
            case .enter:
                Output.write("\r\n")
                let line = String(state.text)
                remember(line)
                return line
            case .eof:
                if state.text.isEmpty {
                    Output.write("\r\n")
                    return nil
                }
                state.deleteForward()
            case .interrupt:
                Output.write("^C\r\n")
                state = EditState(prompt: prompt)
                historyIndex = history.count
                pending = history + [""]
            case .character(let character): state.insert(character)
            case .backspace: state.deleteBackward()
            case .delete: state.deleteForward()
            case .left: state.cursor = max(0, state.cursor - 1)
            case .right: state.cursor = min(state.text.count, state.cursor + 1)
            case .home: state.cursor = 0
            case .end: state.cursor = state.text.count
            case .killToEnd: state.text.removeSubrange(state.cursor...)
            case .killToStart:
                state.text.removeSubrange(..<state.cursor)
                state.cursor = 0
            case .killWord: state.deleteWordBackward()
            case .up, .down:
                pending[historyIndex] = String(state.text)
                historyIndex = key == .up ? max(0, historyIndex - 1) : min(pending.count - 1, historyIndex + 1)
                state.text = Array(pending[historyIndex])
                state.cursor = state.text.count
            case .tab: complete(&state)
            case .clearScreen: Output.write("\u{1B}[H\u{1B}[2J")
            case .search:
                if reverseSearch(&state) {
                    state.redraw(width: Self.terminalWidth)
                    Output.write("\r\n")
                    let line = String(state.text)
                    remember(line)
                    return line
                }
            case .resize: state.clearAfterResize(width: Self.terminalWidth)
            case .cancel, .other: continue
            }
            state.redraw(width: Self.terminalWidth)
        }
    }

    /// The terminal's width in columns, read at each redraw (so a resized window is drawn to
    /// its new width at the next key); 80 when it cannot be read.
    static var terminalWidth: Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Ctrl-R: searches the history backwards as the query is typed; Ctrl-R again finds the next
    /// older match. Enter runs the match (`true`); another key leaves the search with the match
    /// on the line; Ctrl-G or Ctrl-C leaves it with the line as it was.
    private func reverseSearch(_ state: inout EditState) -> Bool {
        var query = ""
        var match: Int?
        func find(atOrBefore index: Int) -> Int? {
            guard !query.isEmpty, index >= 0 else { return nil }
            return stride(from: min(index, history.count - 1), through: 0, by: -1).first { history[$0].contains(query) }
        }
        func show() {
            Output.write("\r(sök bakåt) `\(query)`: " + (match.map { history[$0] } ?? "") + "\u{1B}[K")
        }
        func take() {
            guard let match else { return }
            state.text = Array(history[match])
            state.cursor = state.text.count
        }
        show()
        while let key = Self.readKey() {
            switch key {
            case .character(let character):
                query.append(character)
                match = find(atOrBefore: match ?? history.count - 1)
            case .backspace:
                if !query.isEmpty { query.removeLast() }
                match = find(atOrBefore: history.count - 1)
            case .search:
                if let current = match { match = find(atOrBefore: current - 1) ?? current }
            case .enter:
                take()
                return match != nil
            case .interrupt, .cancel:
                return false
            case .resize:
                break
            default:
                take()
                return false
            }
            show()
        }
        return false
    }

    private mutating func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, history.last != line else { return }
        history.append(line)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        guard let historyPath else { return }
        try? OutputFile.write(Data((history.joined(separator: "\n") + "\n").utf8), to: historyPath)
    }

    private func complete(_ state: inout EditState) {
        var start = state.cursor
        while start > 0, Self.isWordCharacter(state.text[start - 1]) { start -= 1 }
        let word = String(state.text[start..<state.cursor])
        // Numbers by value (`2` before `10`), as the candidates are condition numbers or names.
        let candidates = Array(Set(completer(String(state.text), start, word))).sorted(by: Suggestion.naturallyPrecedes)
        guard !candidates.isEmpty else { return }
        let common = candidates.dropFirst().reduce(candidates[0]) { prefix, candidate in
            String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
        }
        let replacement = candidates.count == 1 ? candidates[0] + (candidates[0].hasSuffix(".") || candidates[0].hasSuffix("/") ? "" : " ") : common
        if replacement.count > word.count || candidates.count == 1 {
            state.text.replaceSubrange(start..<state.cursor, with: Array(replacement))
            state.cursor = start + replacement.count
        } else {
            Output.write("\r\n" + candidates.prefix(40).joined(separator: "  ") + (candidates.count > 40 ? "  …" : "") + "\r\n")
        }
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
    }

    enum Key: Equatable {
        case character(Character)
        case enter, eof, interrupt, backspace, delete, left, right, up, down, home, end
        case killToEnd, killToStart, killWord, tab, clearScreen, search, cancel, resize, other
    }

    /// One key press from standard input, decoding UTF-8 and escape sequences.
    static func readKey() -> Key? {
        guard let byte = readByte() else { return nil }
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x04: return .eof
        case 0x03: return .interrupt
        case 0x7F, 0x08: return .backspace
        case 0x01: return .home
        case 0x05: return .end
        case 0x0B: return .killToEnd
        case 0x15: return .killToStart
        case 0x17: return .killWord
        case 0x09: return .tab
        case 0x02: return .left
        case 0x06: return .right
        case 0x10: return .up
        case 0x0E: return .down
        case 0x0C: return .clearScreen
        case resizeByte: return .resize
        case 0x12: return .search
        case 0x07: return .cancel
        case 0x1B:
            guard let next = readByte() else { return .other }
            guard next == UInt8(ascii: "[") || next == UInt8(ascii: "O") else { return .other }
            guard let code = readByte() else { return .other }
            switch code {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var digits = [code]
                while let more = readByte(), more != UInt8(ascii: "~") { digits.append(more); if digits.count > 4 { break } }
                switch digits {
                case [UInt8(ascii: "3")]: return .delete
                case [UInt8(ascii: "1")], [UInt8(ascii: "7")]: return .home
                case [UInt8(ascii: "4")], [UInt8(ascii: "8")]: return .end
                default: return .other
                }
            default: return .other
            }
        case 0x00..<0x20: return .other
        default:
            // A UTF-8 sequence: the lead byte says how many bytes follow.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            var bytes = [byte]
            while bytes.count < length, let more = readByte() { bytes.append(more) }
            guard let character = String(bytes: bytes, encoding: .utf8)?.first else { return .other }
            return .character(character)
        }
    }

    /// Keys typed while a command ran, read before the terminal's.
    nonisolated(unsafe) static var typedAhead: [UInt8] = []

    static func readByte() -> UInt8? {
        if !typedAhead.isEmpty { return typedAhead.removeFirst() }
        return readRawByte()
    }

    /// One byte from the terminal; `resizeByte` when the window was resized while waiting.
    static func readRawByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            // Waits a tenth of a second at a time: the resize signal may be taken by another
            // thread, so the flag is looked at between waits.
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if windowResized {
                windowResized = false
                return resizeByte
            }
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = read(0, &byte, 1)
            if count == 1 { return byte }
            guard count < 0, errno == EINTR else { return nil }
        }
    }

    /// Not a key any terminal sends alone: stands for "the window was resized".
    static let resizeByte: UInt8 = 0x1C
    /// Set by the SIGWINCH handler.
    nonisolated(unsafe) static var windowResized = false

    /// Redraws the line when the window is resized: SIGWINCH sets a flag that the wait for a key
    /// looks at, and the line is drawn to the new width.
    static func redrawOnResize() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in LineEditor.windowResized = true }
        #else
        action.__sigaction_u.__sa_handler = { _ in LineEditor.windowResized = true }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGWINCH, &action, nil)
        // A parent may have left the signal blocked (masks are inherited): take it.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        sigaddset(&wanted, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }

    /// Whether a key is waiting on standard input (without waiting for one).
    static func inputIsWaiting() -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }
}

/// The line being edited and how to show it.
struct EditState {
    let prompt: String
    var text: [Character] = []
    var cursor = 0
    /// The terminal column of the cursor when the line was drawn last.
    var cursorColumn = 0

    init(prompt: String) { self.prompt = prompt }

    mutating func insert(_ character: Character) {
        text.insert(character, at: cursor)
        cursor += 1
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: cursor)
    }

    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, text[start - 1] == " " { start -= 1 }
        while start > 0, text[start - 1] != " " { start -= 1 }
        text.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Redraws the prompt and the line on one row of a terminal `width` columns wide, and puts
    /// the terminal cursor at the edit position. A line too wide for the row is shown as a
    /// window around the cursor (scrolled sideways), never wrapped onto rows below.
    mutating func redraw(width: Int) {
        let available = max(8, width - prompt.count - 1)
        var start = 0
        var end = text.count
        if text.count > available {
            start = max(0, min(cursor - available / 2, text.count - available))
            end = start + available
        }
        var out = "\r" + prompt + String(text[start..<end]) + "\u{1B}[K"
        let back = end - cursor
        if back > 0 { out += "\u{1B}[\(back)D" }
        cursorColumn = prompt.count + cursor - start
        Output.write(out)
    }

    /// After the window was resized to `width`: the terminal may have wrapped the row drawn last
    /// onto several rows; goes back to its first row and clears what is below, for a redraw.
    func clearAfterResize(width: Int) {
        let rowsUp = cursorColumn / max(1, width)
        Output.write((rowsUp > 0 ? "\u{1B}[\(rowsUp)A" : "") + "\r\u{1B}[J")
    }
}
