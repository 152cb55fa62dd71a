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
        bytes.withUnsafeBufferPointer { buffer in
            var reader = DirectReader(bytes: buffer, decoder: self)
            defer { reader.unescaped?.deallocate() }
            reader.skipSpace()
            guard let roots = reader.record(fields: roots, record: "") else { return nil }
            reader.skipSpace()
            return reader.position == buffer.count ? roots : nil
        }
    }
}

/// A cursor over a JSON text that decodes facts of known types, or gives up (`nil`).
private struct DirectReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let decoder: FactsDecoder
    var position = 0
    var depth = 0
    /// Strings with escapes, unescaped one after the other (made at the first escape). A
    /// string never takes more bytes unescaped than written, so the text's length is room for
    /// all of them.
    var unescaped: UnsafeMutableBufferPointer<UInt8>?
    var unescapedCount = 0

    init(bytes: UnsafeBufferPointer<UInt8>, decoder: FactsDecoder) {
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
    mutating func stringBytes() -> UnsafeBufferPointer<UInt8>? {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                position += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)])
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// The rest of a string that has an escape at the cursor, unescaped after the bytes from
    /// `start` (as ``JSONParser`` unescapes it).
    mutating func escapedString(from start: Int) -> UnsafeBufferPointer<UInt8>? {
        if unescaped == nil { unescaped = .allocate(capacity: bytes.count) }
        guard let room = unescaped else { return nil }
        let begin = unescapedCount
        func append(_ byte: UInt8) -> Bool {
            guard unescapedCount < room.count else { return false }
            room[unescapedCount] = byte
            unescapedCount += 1
            return true
        }
        for index in start..<position where !append(bytes[index]) { return nil }
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return UnsafeBufferPointer(rebasing: room[begin..<unescapedCount])
            case UInt8(ascii: "\\"):
                guard case .success(let scalar) = JSONEscape.read(bytes, &position), let encoded = UTF8.encode(scalar) else {
                    return nil
                }
                for unit in encoded where !append(unit) { return nil }
            case 0x00..<0x20:
                return nil
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
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return false }
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
            return type.isOptional && literal("null") ? .unknown : nil
        }
        switch type.unwrapped {
        case .boolean:
            if literal("true") { return .boolean(true) }
            return literal("false") ? .boolean(false) : nil
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
                      let number = FactsDecoder.duration(String(decoding: text, as: UTF8.self), months: type.unwrapped == .months)
                else { return nil }
                return .number(number)
            }
            guard let text = numberText(), let number = FactsDecoder.exact(text), number.isInteger else { return nil }
            return .number(number)
        case .date:
            guard let text = stringBytes(), let day = FactsDecoder.date(String(decoding: text, as: UTF8.self)) else { return nil }
            return .date(day)
        case .text:
            guard let text = stringBytes() else { return nil }
            return .text(String(decoding: text, as: UTF8.self))
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
