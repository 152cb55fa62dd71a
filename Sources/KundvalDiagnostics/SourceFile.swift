/// A half-open range of byte offsets `[start, end)` into a ``SourceFile``.
public struct SourceSpan: Hashable, Sendable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a span; `end` is clamped so that it is never before `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty span at `offset`.
    public static func point(_ offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }

    /// The smallest span covering both `self` and `other`.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// Number of bytes covered.
    public var length: Int { end - start }
}

/// A human position in a file: 1-based line and 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (so `å` is one column).
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// The bytes of one rule file together with its path and an index of line starts.
///
/// The bytes are kept exactly as read (they may be invalid UTF-8); every later stage refers to
/// them by ``SourceSpan``.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics.
    public let path: String
    /// The raw bytes of the file.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]

    /// Creates a source file from raw bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                if buffer[offset] == 0x0A { starts.append(offset + 1) }
                offset += 1
            }
        }
        self.lineStarts = starts
    }

    /// Creates a source file from text (always valid UTF-8).
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 0-based index of the line containing `offset`.
    public func lineIndex(of offset: Int) -> Int {
        let clamped = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line and column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(0, offset), bytes.count)
        let index = lineIndex(of: clamped)
        let column = Self.scalarCount(bytes[lineStarts[index]..<clamped]) + 1
        return SourceLocation(line: index + 1, column: column)
    }

    /// The byte range of a 0-based line, without its line terminator.
    public func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of the bytes in `span`, with invalid UTF-8 replaced by U+FFFD.
    public func text(of span: SourceSpan) -> String {
        let start = min(max(0, span.start), bytes.count)
        let end = min(max(start, span.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Counts columns the way the renderer shows them: the Unicode scalars of the bytes decoded
    /// as UTF-8, each invalid sequence counting as one U+FFFD.
    static func scalarCount(_ slice: ArraySlice<UInt8>) -> Int {
        if slice.allSatisfy({ $0 < 0x80 }) { return slice.count }
        return String(decoding: slice, as: UTF8.self).unicodeScalars.count
    }
}
