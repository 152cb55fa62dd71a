import KundvalDiagnostics
/// A JSON value with exact numbers (kept as their digits) and the byte offset it started at,
/// so errors can point into the input.
public indirect enum JSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` / `false`.
    case boolean(Bool)
    /// A number as written, for exact conversion.
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSON])
    /// An object; keys in input order (duplicates are rejected by the parser).
    case object([(key: String, value: JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.boolean(let a), .boolean(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .boolean(let value): hasher.combine(value)
        case .number(let value), .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let pairs): for pair in pairs { hasher.combine(pair.key); hasher.combine(pair.value) }
        }
    }
}

/// A malformed JSON text: where and why.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// 1-based line.
    public let line: Int
    /// 1-based column (in Unicode scalars).
    public let column: Int
    /// One Swedish sentence.
    public let message: String
}

/// A strict JSON parser (RFC 8259) over UTF-8 bytes, with a nesting limit.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 200

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses a whole JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes: bytes)
        // A byte order mark, which some Windows editors write first, is not part of the text
        // (RFC 8259 §8.1 lets a parser ignore it).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipSpace()
        let value = try parser.parseValue()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("oväntat tecken efter JSON-värdet") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(position, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(position, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSON {
        guard let byte = current else { throw error("JSON-texten tar slut för tidigt") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .boolean(true)
        case UInt8(ascii: "f"): try literal("false"); return .boolean(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("väntade ett JSON-värde" + (foundWord.map { " men fann `\($0)`" } ?? ""))
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        // The common case reads the bytes only; a word is made for the message alone.
        let count = word.utf8CodeUnitCount
        let matches = position + count <= bytes.count
            && (0..<count).allSatisfy { bytes[position + $0] == word.utf8Start[$0] }
            && !(position + count < bytes.count && Self.isWordByte(bytes[position + count]))
        if matches {
            position += count
            return
        }
        let found = foundWord ?? ""
        let word = "\(word)"
        guard found == word else {
            // `tru` is `true` mistyped; `not json` is no JSON at all.
            throw error(Suggestion.closest(to: found, among: [word]) != nil
                        ? "väntade `\(word)` men fann \(Quoting.quoted(found))"
                        : "\(Quoting.quoted(found)) är inget JSON-värde; ett värde är ett objekt `{…}`, en lista `[…]`, en text, ett tal, `true`, `false` eller `null`")
        }
        position += word.utf8.count
    }

    /// The word at the position (letters, digits and `_`), for saying what was found.
    private var foundWord: String? {
        var end = position
        while end < bytes.count, end - position < 40, Self.isWordByte(bytes[end]) { end += 1 }
        return end > position ? String(decoding: bytes[position..<end], as: UTF8.self) : nil
    }

    /// A letter, a digit, `_` or a byte of a non-ASCII character.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("JSON-värdet är nästlat djupare än \(Self.maximumDepth) nivåer") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var pairs: [(key: String, value: JSON)] = []
        // Duplicate names are found by the hash of their UTF-8 bytes (sorted after the object),
        // which is far cheaper than a `Set<String>` that normalizes every name.
        var hashes: [(hash: UInt64, index: Int, start: Int)] = []
        skipSpace()
        if current == UInt8(ascii: "}") { position += 1; return .object(pairs) }
        while true {
            skipSpace()
            // `{"a": 1,}`: JSON has no comma after the last field.
            if current == UInt8(ascii: "}"), !pairs.isEmpty { throw error("kommatecken efter det sista fältet; ta bort det") }
            guard current == UInt8(ascii: "\"") else { throw error("väntade ett namn inom citattecken") }
            let keyStart = position
            let key = try parseString()
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            hashes.append((hash, pairs.count, keyStart))
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw error("väntade `:` efter namnet") }
            position += 1
            skipSpace()
            pairs.append((key, try parseValue()))
            skipSpace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") {
                position += 1
                hashes.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
                for index in hashes.indices.dropFirst() where hashes[index].hash == hashes[index - 1].hash {
                    let key = pairs[hashes[index].index].key
                    if key == pairs[hashes[index - 1].index].key {
                        position = hashes[index].start
                        throw error("namnet \(Quoting.quoted(key)) står två gånger i samma objekt")
                    }
                }
                return .object(pairs)
            }
            throw error("väntade `,` eller `}`")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var values: [JSON] = []
        skipSpace()
        if current == UInt8(ascii: "]") { position += 1; return .array(values) }
        while true {
            skipSpace()
            if current == UInt8(ascii: "]"), !values.isEmpty { throw error("kommatecken efter det sista elementet; ta bort det") }
            values.append(try parseValue())
            skipSpace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "]") { position += 1; return .array(values) }
            throw error("väntade `,` eller `]`")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw error("väntade en siffra") }
        if first == UInt8(ascii: "0") { position += 1 } else { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else {
                throw error("väntade en siffra efter decimalpunkten")
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { throw error("väntade en exponent") }
            skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
    }

    /// A string: the bytes between the quotes are copied as they are, escapes decoded; the
    /// text is made once at the end.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        // The common case: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            if byte >= 0x80 {
                guard let length = UTF8Check.sequenceLength(bytes, at: position) else { throw error(UTF8Check.message) }
                position += length
                continue
            }
            position += 1
        }
        var buffer = Array(bytes[start..<position])
        while true {
            guard let byte = current else { throw error("strängen avslutas aldrig med `\"`") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                switch JSONEscape.read(bytes, &position) {
                case .success(let scalar): buffer.append(contentsOf: UTF8.encode(scalar)!)
                case .failure(let problem): throw error(problem.message)
                }
            case 0x00..<0x20:
                throw error("styrtecken i strängen; skriv `\\n` för radbrytning")
            case 0x80...0xFF:
                guard let length = UTF8Check.sequenceLength(bytes, at: position) else { throw error(UTF8Check.message) }
                buffer.append(contentsOf: bytes[position..<position + length])
                position += length
            default:
                buffer.append(byte)
                position += 1
            }
        }
    }
}

/// UTF-8 inside JSON strings (RFC 8259 § 8.1: JSON text is UTF-8), checked the same way by
/// both readers of JSON text. Outside strings every byte is ASCII or a syntax error, so a text
/// whose strings pass is valid UTF-8.
enum UTF8Check {
    /// The length (2–4) of the valid multi-byte sequence at `position`, whose first byte is at
    /// least 0x80; `nil` for a stray continuation byte, an overlong form, a surrogate, a
    /// scalar above U+10FFFF or a sequence cut short (RFC 3629 § 4).
    static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at position: Int) -> Int?
        where Bytes.Index == Int {
        let lead = bytes[position]
        let (count, second): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0x80)
        }
        guard count > 0, position + count <= bytes.endIndex, second.contains(bytes[position + 1]) else { return nil }
        for offset in 2..<count where !(0x80...0xBF).contains(bytes[position + offset]) { return nil }
        return count
    }

    /// The error's words.
    static let message = "ogiltig UTF-8 i strängen; spara filen som UTF-8 (inte Latin-1 eller Windows-1252)"
}

/// JSON's escapes, read the same way by both readers of JSON text: ``JSONParser`` and the facts
/// decoder's direct path (`FactsDecoder+Bytes.swift`).
enum JSONEscape {
    /// Why an escape could not be read.
    enum Problem: Error {
        case unterminated, unknown, hexDigits, loneSurrogate, invalidScalar

        /// One Swedish phrase, for ``JSONSyntaxError``.
        var message: String {
            switch self {
            case .unterminated: "strängen avslutas aldrig med `\"`"
            case .unknown: "okänd escape-sekvens i strängen"
            case .hexDigits: "väntade fyra hexadecimala siffror"
            case .loneSurrogate: "ensamt surrogattecken i strängen"
            case .invalidScalar: "ogiltigt tecken i strängen"
            }
        }
    }

    /// The character of the escape whose letter is at `position` (just after the backslash),
    /// a surrogate pair as one character; `position` moves past it, or stays where the problem
    /// is.
    static func read<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ position: inout Int)
        -> Result<Unicode.Scalar, Problem> where Bytes.Index == Int {
        guard position < bytes.endIndex else { return .failure(.unterminated) }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return .success(Unicode.Scalar(escape))
        case UInt8(ascii: "b"): return .success("\u{08}")
        case UInt8(ascii: "f"): return .success("\u{0C}")
        case UInt8(ascii: "n"): return .success("\n")
        case UInt8(ascii: "r"): return .success("\r")
        case UInt8(ascii: "t"): return .success("\t")
        case UInt8(ascii: "u"):
            guard var code = hex4(bytes, &position) else { return .failure(.hexDigits) }
            if (0xD800..<0xDC00).contains(code) {
                // The low half must follow at once.
                guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\\") else { return .failure(.loneSurrogate) }
                position += 1
                guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "u") else { return .failure(.loneSurrogate) }
                position += 1
                guard let low = hex4(bytes, &position) else { return .failure(.hexDigits) }
                guard (0xDC00..<0xE000).contains(low) else { return .failure(.loneSurrogate) }
                code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { return .failure(.invalidScalar) }
            return .success(scalar)
        default:
            return .failure(.unknown)
        }
    }

    /// Four hexadecimal digits at `position`, moving past each; `nil` at the first byte that
    /// is not one.
    private static func hex4<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ position: inout Int) -> UInt32?
        where Bytes.Index == Int {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.endIndex else { return nil }
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: return nil
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
