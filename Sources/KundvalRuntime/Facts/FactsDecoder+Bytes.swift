import KundvalChecker

// The fast path of decoding: straight from the JSON text's bytes to values, without building a
// JSON tree first. It handles only what valid facts look like (every key a declared field in
// the declared spelling, every value of its declared type; strings with or without escapes, as
// `\u00e5` from serializers that write ASCII only) and gives up on anything else; the full path
// (`JSONParser`, then `decode(_:)`) then runs and reports every problem with its JSON path.
// Both paths give the same values: a test compares them on valid and broken inputs.

extension FactsDecoder {
    /// The root facts of `bytes` decoded directly, or `nil` when the text needs the full path.
    func decodeDirectly(_ bytes: [UInt8]) -> [Value]? {
        FencedView.withElements(of: bytes) { text in
            var reader = DirectReader(bytes: text, decoder: self)
            reader.skipSpace()
            guard let roots = reader.record(fields: roots, record: "") else { return nil }
            reader.skipSpace()
            return reader.position == text.count ? roots : nil
        }
    }
}

/// The literals facts hold, each spelled by its bytes in one word (the first byte in the lowest
/// 8 bits), which the reader compares with the text's bytes one by one.
enum JSONLiteral: UInt64 {
    /// `null`.
    case null = 0x6C_6C_75_6E
    /// `true`.
    case `true` = 0x65_75_72_74
    /// `false`.
    case `false` = 0x65_73_6C_61_66

    /// The number of bytes.
    var count: Int { self == .false ? 5 : 4 }

    /// Byte `offset` (below ``count``).
    @inline(__always)
    func byte(_ offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> UInt64(8 * offset)) }
}

/// Strings with escapes of one text, unescaped one after the other into memory of their own,
/// which this object owns and frees. A string never takes more bytes unescaped than written, so
/// the text's length is room for all of them; the reader still checks each byte against it.
private final class UnescapedStrings {
    /// Room for the unescaped bytes: `count` of them are taken.
    let room: FencedBuffer<UInt8>
    /// The number of bytes taken.
    var count = 0

    /// Room for the strings of a text of `capacity` bytes (more than 0).
    init(capacity: Int) {
        room = .repeating(0, count: capacity)
    }

    deinit { room.free() }
}

/// A cursor over a JSON text that decodes facts of known types, or gives up (`nil`). The
/// strings it reads are views of the text or of its ``UnescapedStrings``, which it holds: each is
/// used before the reader's call returns (see the invariants of `FencedMemory.swift`).
private struct DirectReader {
    let bytes: FencedView<UInt8>
    let decoder: FactsDecoder
    var position = 0
    var depth = 0
    /// Made at the first escape.
    var unescaped: UnescapedStrings?

    init(bytes: FencedView<UInt8>, decoder: FactsDecoder) {
        self.bytes = bytes
        self.decoder = decoder
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func eat(_ byte: UInt8) -> Bool {
        skipSpace()
        guard current == byte else { return false }
        position += 1
        return true
    }

    /// The bytes of a string (the cursor on its quote): in the text itself, or unescaped when
    /// it has escapes. `nil` for a control character, an unknown escape or a lone surrogate.
    mutating func stringBytes() -> FencedView<UInt8>? {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                position += 1
                return bytes.window(from: start, count: position - 1 - start)
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            if byte >= 0x80 {
                // Not UTF-8: the full parser says where.
                guard let length = UTF8Check.sequenceLength(bytes, at: position) else { return nil }
                position += length
                continue
            }
            position += 1
        }
        return nil
    }

    /// The rest of a string that has an escape at the cursor, unescaped after the bytes from
    /// `start` (as ``JSONParser`` unescapes it).
    mutating func escapedString(from start: Int) -> FencedView<UInt8>? {
        let strings = unescaped ?? UnescapedStrings(capacity: bytes.count)
        unescaped = strings
        let begin = strings.count
        func append(_ byte: UInt8) -> Bool {
            guard strings.count < strings.room.count else { return false }
            strings.room[strings.count] = byte
            strings.count += 1
            return true
        }
        for index in start..<position where !append(bytes[index]) { return nil }
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return strings.room.view.window(from: begin, count: strings.count - begin)
            case UInt8(ascii: "\\"):
                guard case .success(let scalar) = JSONEscape.read(bytes, &position), let encoded = UTF8.encode(scalar) else {
                    return nil
                }
                for unit in encoded where !append(unit) { return nil }
            case 0x00..<0x20:
                return nil
            case 0x80...0xFF:
                guard let length = UTF8Check.sequenceLength(bytes, at: position - 1) else { return nil }
                for index in position - 1..<position - 1 + length where !append(bytes[index]) { return nil }
                position += length - 1
            default:
                guard append(byte) else { return nil }
            }
        }
        return nil
    }

    /// A number as the full parser accepts it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func numberText() -> String? {
        skipSpace()
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, Self.isDigit(first) else { return nil }
        if first == UInt8(ascii: "0") { position += 1 } else { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, Self.isDigit(digit) else { return nil }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, Self.isDigit(digit) else { return nil }
            skipDigits()
        }
        return bytes.window(from: start, count: position - start).utf8Text
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    /// `word` after space; the cursor moves past it.
    mutating func literal(_ word: JSONLiteral) -> Bool {
        skipSpace()
        let count = word.count
        guard count <= bytes.count - position else { return false }
        for offset in 0..<count where bytes[position + offset] != word.byte(offset) { return false }
        position += count
        return true
    }

    /// An object whose keys are the fields of `record` (`""` for the root facts), each once;
    /// every field that cannot be unknown must be given.
    mutating func record(fields: [RecordType.Field], record: String) -> [Value]? {
        guard eat(UInt8(ascii: "{")) else { return nil }
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONParser.maximumDepth else { return nil }
        var values = [Value](repeating: .unknown, count: fields.count)
        var given = [Bool](repeating: false, count: fields.count)
        let names = decoder.fieldBytes[record] ?? ByteNames([])
        var expected = 0
        if !eat(UInt8(ascii: "}")) {
            repeat {
                guard let key = stringBytes(), let index = names.index(of: key, expected: expected), !given[index],
                      eat(UInt8(ascii: ":")), let value = value(as: fields[index].type) else { return nil }
                given[index] = true
                values[index] = value
                expected = index + 1
            } while eat(UInt8(ascii: ","))
            guard eat(UInt8(ascii: "}")) else { return nil }
        }
        for (index, field) in fields.enumerated() where !given[index] && !field.type.isOptional { return nil }
        return values
    }

    /// A value of `type`, as `FactsDecoder.decodeValue` makes it from the same JSON.
    mutating func value(as type: KundvalType) -> Value? {
        skipSpace()
        if current == UInt8(ascii: "n") {
            return type.isOptional && literal(.null) ? .unknown : nil
        }
        switch type.unwrapped {
        case .boolean:
            if literal(.true) { return .boolean(true) }
            return literal(.false) ? .boolean(false) : nil
        case .integer:
            guard let text = numberText(), let number = FactsDecoder.exact(text), number.isInteger else { return nil }
            return .number(number)
        case .decimal, .percent, .quantity:
            guard let text = numberText(), let number = FactsDecoder.exact(text) else { return nil }
            return .number(number)
        case .money:
            guard let text = numberText(), let number = FactsDecoder.exact(text),
                  number.isWhole(scaledBy: 100) else { return nil }
            return .number(number)
        case .days, .months:
            if current == UInt8(ascii: "\"") {
                guard let text = stringBytes(),
                      let number = FactsDecoder.duration(text.utf8Text, months: type.unwrapped == .months),
                      number.numerator >= 0
                else { return nil }
                return .number(number)
            }
            guard let text = numberText(), let number = FactsDecoder.exact(text), number.isInteger, number.numerator >= 0
            else { return nil }
            return .number(number)
        case .date:
            guard let text = stringBytes(), let day = Day(text.utf8Text) else { return nil }
            return .date(day)
        case .text:
            guard let text = stringBytes() else { return nil }
            return .text(text.utf8Text)
        case .enumeration(let name):
            guard let text = stringBytes(), let index = decoder.caseBytes[name]?.index(of: text, expected: 0) else { return nil }
            return .enumCase(index)
        case .record(let name):
            guard let fields = decoder.records[name]?.fields, let values = record(fields: fields, record: name) else { return nil }
            return .record(values)
        case .list(let element):
            guard eat(UInt8(ascii: "[")) else { return nil }
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONParser.maximumDepth else { return nil }
            var values: [Value] = []
            if !eat(UInt8(ascii: "]")) {
                repeat {
                    guard let value = value(as: element) else { return nil }
                    values.append(value)
                } while eat(UInt8(ascii: ","))
                guard eat(UInt8(ascii: "]")) else { return nil }
            }
            return .list(values)
        default:
            return nil
        }
    }
}
