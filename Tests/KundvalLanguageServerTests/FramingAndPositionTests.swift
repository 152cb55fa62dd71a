import KundvalDiagnostics
import Testing
@testable import KundvalLanguageServer

/// The base protocol's framing and the UTF-16 positions, on their own.
@Suite struct FramingAndPositionTests {
    @Test func messagesSplitAnywhereAreReassembled() {
        let first = MessageFraming.frame(Array(#"{"a":"å😀"}"#.utf8))
        let second = MessageFraming.frame(Array(#"{"b":2}"#.utf8))
        var framing = MessageFraming()
        var items: [MessageFraming.Item] = []
        for byte in first + second {
            framing.append([byte])
            while let item = framing.next() { items.append(item) }
        }
        #expect(items == [.message(Array(#"{"a":"å😀"}"#.utf8)), .message(Array(#"{"b":2}"#.utf8))])
        #expect(framing.pendingByteCount == 0)
    }

    @Test func brokenHeadersAreReportedAndSkipped() {
        var framing = MessageFraming()
        framing.append(Array("Content-Type: x\r\n\r\n{\"kropp\":\"utan längd\"}".utf8))
        framing.append(Array("Content-Length: tolv\r\n\r\n".utf8))
        framing.append(Array("skräp utan kolon\r\n\r\n".utf8))
        framing.append(MessageFraming.frame(Array("{}".utf8)))
        var problems: [String] = []
        var messages: [[UInt8]] = []
        while let item = framing.next() {
            switch item {
            case .problem(let text): problems.append(text)
            case .message(let body): messages.append(body)
            }
        }
        // The garbage after the second broken header is skipped with it, up to the next message.
        #expect(problems.count == 2)
        #expect(problems[0].contains("saknar `Content-Length`"))
        #expect(problems[1].contains("`Content-Length: tolv`"))
        #expect(messages == [Array("{}".utf8)])
    }

    @Test func garbageBeforeAHeaderCostsOnlyTheGarbage() {
        var framing = MessageFraming()
        framing.append(Array("\u{1}skräp\r\n".utf8) + MessageFraming.frame(Array("{}".utf8)))
        // The garbage is shown without its control character.
        #expect(framing.next() == .problem("huvudraden `?skräp` saknar `:`"))
        #expect(framing.next() == .message(Array("{}".utf8)))
        #expect(framing.next() == nil)
    }

    @Test func randomPiecesOfHeadersAlwaysEnd() {
        // Pieces that look like framing, in a fixed pseudo-random order: the reader must never
        // stop making progress, whatever arrives.
        let pieces = ["Content-Length: 2", "\r\n", "\r\n\r\n", "{}", "content-length:", "x", "Content-Type: a", "\n\n", ": 99999999999999999999"]
        var state: UInt64 = 0x2545F4914F6CDD1D
        var framing = MessageFraming()
        var items = 0
        var bytes = 0
        for _ in 0..<5_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let piece = Array(pieces[Int(state % UInt64(pieces.count))].utf8)
            bytes += piece.count
            framing.append(piece)
            while framing.next() != nil { items += 1 }
        }
        #expect(items > 0)
        #expect(items <= bytes)
    }

    @Test func anEndlessHeaderIsDroppedUpToTheNextMessage() {
        var framing = MessageFraming()
        framing.append([UInt8](repeating: UInt8(ascii: "x"), count: MessageFraming.maximumHeaderSize + 10))
        framing.append(MessageFraming.frame(Array("[]".utf8)))
        #expect(framing.next()?.isProblem == true)
        #expect(framing.next() == .message(Array("[]".utf8)))
    }

    /// A header line of 1 MB arriving in pieces, ended by an empty line, is one problem: it
    /// was one for every 8 KiB of it and one more for its tail as a line without `:` (1,221 for
    /// 20 MB; found by an adversarial session). What it held is dropped as it comes, and the
    /// message after it is read.
    @Test func anOversizedHeaderIsOneProblemHoweverItArrives() {
        var framing = MessageFraming()
        var items: [MessageFraming.Item] = []
        let line = Array("X-Foo: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array("\r\n\r\n".utf8)
        var offset = 0
        while offset < line.count {
            let end = min(line.count, offset + 4_093)
            framing.append(line[offset..<end])
            offset = end
            while let item = framing.next() { items.append(item) }
            #expect(framing.pendingByteCount <= MessageFraming.maximumHeaderSize + 4_093)
        }
        framing.append(MessageFraming.frame(Array("[]".utf8)))
        while let item = framing.next() { items.append(item) }
        #expect(items == [.problem("meddelandets huvud är längre än 8192 byte utan tom rad"), .message(Array("[]".utf8))])
        // A `Content-Length` inside what follows the oversized line starts the next message.
        var next = MessageFraming()
        next.append([UInt8](repeating: UInt8(ascii: "b"), count: 9_000) + Array("\r\n".utf8) + MessageFraming.frame(Array("{}".utf8)))
        #expect(next.next()?.isProblem == true)
        #expect(next.next() == .message(Array("{}".utf8)))
        #expect(next.next() == nil)
        // The body of a message whose header is too long goes with it: read as the next header,
        // it was a second problem (found by review).
        var bodied = MessageFraming()
        bodied.append(Array("Content-Length: 2\r\nX-Foo: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 9_000)
                      + Array("\r\n\r\n{}".utf8) + MessageFraming.frame(Array("[]".utf8)))
        var found: [MessageFraming.Item] = []
        while let item = bodied.next() { found.append(item) }
        #expect(found == [.problem("meddelandets huvud är längre än 8192 byte utan tom rad"), .message(Array("[]".utf8))])
    }

    @Test func positionsCountUTF16Units() {
        let file = SourceFile(path: "t", text: "aå😀b\r\nö x")
        // a (1 byte), å (2 bytes), 😀 (4 bytes, two UTF-16 units), b.
        #expect(file.position(of: 7) == Position(line: 0, character: 4))
        #expect(file.offset(of: Position(line: 0, character: 4)) == 7)
        // Between the halves of the emoji: the emoji's start.
        #expect(file.offset(of: Position(line: 0, character: 3)) == 3)
        // Past the line's end: before its `\r\n`.
        #expect(file.offset(of: Position(line: 0, character: 99)) == 8)
        #expect(file.position(of: file.bytes.count) == Position(line: 1, character: 3))
        #expect(file.offset(of: Position(line: 7, character: 0)) == file.bytes.count)
        for offset in [0, 1, 3, 7, 8, 10, 12, 13] {
            #expect(file.offset(of: file.position(of: offset)) == offset)
        }
    }

    @Test func incrementalChangesApplyInOrder() {
        var document = TextDocument(uri: "file:///tmp/a.kundval", version: 1, text: "villkor 1\n  lydelse \"å\"\n")
        let problem = document.apply([
            ["range": ["start": ["line": 1, "character": 12], "end": ["line": 1, "character": 12]], "text": "😀ä"],
            // After the first change: `"å😀ä"`; this replaces the ä after the emoji.
            ["range": ["start": ["line": 1, "character": 14], "end": ["line": 1, "character": 15]], "text": "ö"],
            ["range": ["start": ["line": 0, "character": 8], "end": ["line": 0, "character": 9]], "text": "2"],
        ])
        #expect(problem == nil)
        #expect(String(decoding: document.file.bytes, as: UTF8.self) == "villkor 2\n  lydelse \"å😀ö\"\n")
        #expect(document.apply([["range": ["start": ["line": 0]], "text": "x"]]) != nil)
        #expect(document.apply([["text": "ny text"]]) == nil)
        #expect(String(decoding: document.file.bytes, as: UTF8.self) == "ny text")
    }
}

extension MessageFraming.Item {
    var isProblem: Bool {
        if case .problem = self { return true }
        return false
    }
}
