#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in 64 KiB chunks, as bytes: memory stays flat however
/// long the input is (a single line is held whole, up to `maximumLineLength`).
struct LineReader {
    /// Longer lines are reported as too long instead of being held in memory.
    static let maximumLineLength = 16 << 20

    enum Line {
        case text([UInt8])
        case tooLong
    }

    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its line break, or `nil` at the end of the input.
    mutating func next() -> Line? {
        var line: [UInt8] = []
        var tooLong = false
        while true {
            if start < end {
                if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                    if !tooLong { line.append(contentsOf: buffer[start..<newline]) }
                    start = newline + 1
                    return finish(line, tooLong: tooLong || line.count > Self.maximumLineLength)
                }
                if !tooLong { line.append(contentsOf: buffer[start..<end]) }
                if line.count > Self.maximumLineLength { tooLong = true; line = [] }
                start = end
            }
            if atEnd { return line.isEmpty && !tooLong ? nil : finish(line, tooLong: tooLong) }
            let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress!, raw.count) }
            if count <= 0 {
                atEnd = true
            } else {
                start = 0
                end = count
            }
        }
    }

    private func finish(_ line: [UInt8], tooLong: Bool) -> Line {
        if tooLong { return .tooLong }
        // A Windows line end.
        if line.last == 0x0D { return .text(Array(line.dropLast())) }
        return .text(line)
    }
}
