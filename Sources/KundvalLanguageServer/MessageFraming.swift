import Foundation

/// The base protocol's framing: each message is a header (`Content-Length: N`, optionally
/// `Content-Type`, lines ending in `\r\n`), an empty line, and N bytes of JSON.
///
/// The reader is incremental: bytes are appended as they arrive, and complete messages are
/// taken out one at a time. A header it cannot use is reported and skipped; the reader then
/// resynchronizes at the next `Content-Length`, so one broken message never ends the server.
public struct MessageFraming: Sendable {
    /// What the reader found next.
    public enum Item: Equatable, Sendable {
        /// The body of one message.
        case message([UInt8])
        /// A framing problem, in Swedish; the offending bytes are already skipped.
        case problem(String)
    }

    /// The largest body accepted (256 MiB: a rule file of the lexer's 64 MiB limit, sent whole
    /// with JSON escapes, fits).
    public static let maximumBodySize = 256 << 20
    /// The longest header accepted before the reader gives up on it.
    public static let maximumHeaderSize = 8 << 10

    private var buffer: [UInt8] = []
    private var start = 0
    /// Whether an oversized header was reported and what follows is being dropped, without
    /// another report, up to the next `Content-Length` (a header of 20 MB was reported once for
    /// every 8 KiB of it, and its tail once more as a line without `:`). Its own body, if it had
    /// one, goes with it: without the header its length is not known.
    private var droppingHeader = false

    /// Creates an empty reader.
    public init() {}

    /// Adds bytes read from the input.
    public mutating func append<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        if start > 0, start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet taken as a message or skipped.
    public var pendingByteCount: Int { buffer.count - start }

    /// The next complete message or problem, or `nil` when more bytes are needed. Every problem
    /// consumes at least one byte, so a loop over `next()` always ends.
    public mutating func next() -> Item? {
        let before = start
        let item = nextItem()
        if case .problem? = item, start <= before { start = min(buffer.count, before + 1) }
        return item
    }

    private mutating func nextItem() -> Item? {
        guard start < buffer.count else { return nil }
        if droppingHeader {
            guard dropRestOfHeader() else { return nil }
            return nextItem()
        }
        guard let (headerEnd, bodyStart) = headerTerminator() else {
            if buffer.count - start > Self.maximumHeaderSize {
                // Reported once; its rest is dropped as it arrives (see ``dropRestOfHeader()``).
                (start, droppingHeader) = (start + 1, true)
                return .problem("meddelandets huvud är längre än \(Self.maximumHeaderSize) byte utan tom rad")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        var problem: String?
        for line in header.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else {
                problem = "huvudraden `\(Self.printable(line.prefix(40)))` saknar `:`"
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" {
                if let number = Int(value), number >= 0 { length = number } else {
                    problem = "`Content-Length: \(value.prefix(40))` är inte ett antal byte"
                }
            }
        }
        guard let length, problem == nil else {
            // Without a length the body cannot be told from the next message: everything up to
            // the next `Content-Length` is skipped (one inside this header counts: garbage
            // before a good header costs only the garbage).
            skipToNextHeader(after: start + 1)
            return .problem(problem ?? "meddelandet saknar `Content-Length` i sitt huvud")
        }
        guard length <= Self.maximumBodySize else {
            start = bodyStart
            skipToNextHeader(after: start)
            return .problem("meddelandet är \(length) byte; högst \(Self.maximumBodySize) byte tas emot")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return .message(body)
    }

    /// The end of the header and the start of the body: the first empty line (`\r\n\r\n`, or a
    /// bare `\n\n` from a careless client).
    private func headerTerminator() -> (Int, Int)? {
        var index = start
        let limit = min(buffer.count, start + Self.maximumHeaderSize + 4)
        while index < limit {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// Drops the rest of an oversized header and its body, up to the next `Content-Length`; true
    /// when there is one. Otherwise drops all the bytes received but a possible start of one, so
    /// a header of any size takes no more memory than a message.
    private mutating func dropRestOfHeader() -> Bool {
        droppingHeader = !skipToNextHeader(after: start)
        return !droppingHeader
    }

    /// Drops bytes up to the next `Content-Length` (case-insensitive) at or after `offset`, and
    /// says whether there is one; without one, all but a possible partial match at the end.
    @discardableResult
    private mutating func skipToNextHeader(after offset: Int) -> Bool {
        let needle = Array("content-length".utf8)
        var index = max(offset, start)
        while index + needle.count <= buffer.count {
            var matches = true
            for (position, byte) in needle.enumerated() where lowercase(buffer[index + position]) != byte {
                matches = false
                break
            }
            if matches {
                start = index
                return true
            }
            index += 1
        }
        // No header follows: keep only a tail that may be the start of one still arriving (a
        // prefix of `Content-Length` holds no empty line, so it is never read as a header).
        var kept = min(needle.count - 1, buffer.count - max(offset, start))
        while kept > 0 {
            var matches = true
            for position in 0..<kept where lowercase(buffer[buffer.count - kept + position]) != needle[position] {
                matches = false
                break
            }
            if matches { break }
            kept -= 1
        }
        start = buffer.count - max(0, kept)
        return false
    }

    /// Text from the input as it may be shown: control characters and undecodable bytes as `?`.
    static func printable(_ text: Substring) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FFFD}" || scalar == "`" ? "?" : scalar
        }))
    }

    private func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// Frames a message body for sending.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
