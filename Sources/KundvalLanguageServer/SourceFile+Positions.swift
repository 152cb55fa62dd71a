import KundvalDiagnostics

/// A position as the protocol counts it: a 0-based line and a 0-based character offset in
/// UTF-16 code units (so `å` is one unit and `😀` two).
public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 0-based line.
    public var line: Int
    /// 0-based offset in UTF-16 code units from the start of the line.
    public var character: Int

    /// Creates a position.
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    /// Reads `{line, character}`; `nil` when either is missing or negative.
    public init?(json: JSONValue?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue,
              line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }

    /// `{line, character}`.
    public var json: JSONValue { ["line": .int(line), "character": .int(character)] }

    /// `line:character`, both 0-based.
    public var description: String { "\(line):\(character)" }

    /// Positions in reading order.
    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

extension SourceFile {
    /// The protocol position of a byte offset: its line from the line table, its character by
    /// counting UTF-16 units over that one line only.
    func position(of offset: Int) -> Position {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(of: clamped)
        var units = 0
        Self.walk(bytes, from: lineStarts[line], to: clamped) { _, width in units += width; return true }
        return Position(line: line, character: units)
    }

    /// The byte offset of a protocol position. A line past the end is the end of the file; a
    /// character past the end of its line is the line's end; a character inside a character
    /// (between the halves of a surrogate pair) is that character's start.
    func offset(of position: Position) -> Int {
        guard position.line < lineStarts.count else { return bytes.count }
        let lineStart = lineStarts[position.line]
        var lineEnd = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        var units = 0
        var result = lineEnd
        Self.walk(bytes, from: lineStart, to: lineEnd) { offset, width in
            if units + width > position.character {
                result = offset
                return false
            }
            units += width
            return true
        }
        return max(lineStart, result)
    }

    /// The protocol range of a byte span.
    func range(of span: SourceSpan) -> ProtocolRange {
        ProtocolRange(start: position(of: span.start), end: position(of: span.end))
    }

    /// Walks the characters in `bytes[from..<to]`, calling `body` with each one's byte offset
    /// and UTF-16 width until it returns false. An invalid byte is one character of width 1
    /// (as U+FFFD).
    static func walk(_ bytes: [UInt8], from: Int, to: Int, _ body: (Int, Int) -> Bool) {
        var offset = from
        while offset < to {
            let byte = bytes[offset]
            var length = 1
            var width = 1
            if byte >= 0xC2 && byte <= 0xDF { length = 2 } else if byte >= 0xE0 && byte <= 0xEF { length = 3 } else if byte >= 0xF0 && byte <= 0xF4 {
                length = 4
                width = 2
            }
            if length > 1 {
                var valid = offset + length <= to
                if valid {
                    for next in 1..<length where bytes[offset + next] & 0xC0 != 0x80 { valid = false }
                }
                if !valid {
                    length = 1
                    width = 1
                }
            }
            guard body(offset, width) else { return }
            offset += length
        }
    }
}

/// A protocol range: start and end positions.
public struct ProtocolRange: Hashable, Sendable {
    /// The first position.
    public var start: Position
    /// The position after the last character.
    public var end: Position

    /// Creates a range.
    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// Reads `{start, end}`; `nil` when malformed or when the end is before the start.
    public init?(json: JSONValue?) {
        guard let start = Position(json: json?["start"]), let end = Position(json: json?["end"]), !(end < start) else { return nil }
        self.init(start: start, end: end)
    }

    /// `{start, end}`.
    public var json: JSONValue { ["start": start.json, "end": end.json] }
}
