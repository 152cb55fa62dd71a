import KundvalDiagnostics

/// The codable forms of the values in a decision: readable text for numbers and dates, so that
/// a stored decision can be read by people and other languages too, and read back exactly.

extension ResultValue: Codable {
    private enum CodingKeys: String, CodingKey { case kind, value }
    private enum Kind: String, Codable { case unknown, boolean, number, date, text, enumCase = "case", composite }

    /// Reads `{"kind": "number", "value": "12.5"}` (`unknown` has no value).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .unknown: self = .unknown
        case .boolean: self = .boolean(try container.decode(Bool.self, forKey: .value))
        case .number: self = .number(try container.decode(Rational.self, forKey: .value))
        case .date: self = .date(try container.decode(Day.self, forKey: .value))
        case .text: self = .text(try container.decode(String.self, forKey: .value))
        case .enumCase: self = .enumCase(try container.decode(String.self, forKey: .value))
        case .composite: self = .composite(try container.decode(String.self, forKey: .value))
        }
    }

    /// Writes `{"kind", "value"}`: a number as ``Rational``'s text, a date as `ÅÅÅÅ-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .unknown: try container.encode(Kind.unknown, forKey: .kind)
        case .boolean(let flag):
            try container.encode(Kind.boolean, forKey: .kind)
            try container.encode(flag, forKey: .value)
        case .number(let number):
            try container.encode(Kind.number, forKey: .kind)
            try container.encode(number, forKey: .value)
        case .date(let day):
            try container.encode(Kind.date, forKey: .kind)
            try container.encode(day, forKey: .value)
        case .text(let text):
            try container.encode(Kind.text, forKey: .kind)
            try container.encode(text, forKey: .value)
        case .enumCase(let name):
            try container.encode(Kind.enumCase, forKey: .kind)
            try container.encode(name, forKey: .value)
        case .composite(let text):
            try container.encode(Kind.composite, forKey: .kind)
            try container.encode(text, forKey: .value)
        }
    }
}

extension Rational: Codable {
    /// The most decimals ``encode(to:)`` writes; a number with more is written as a fraction,
    /// so that every text it writes reads back within 64 bits.
    static let maximumCodedDecimals = 18

    /// Reads ``exactText``'s forms: an integer (`16500`), a decimal with a point (`-12.5`, at
    /// most 18 decimals) or a fraction (`1000/3`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let number = Rational(exactText: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(Quoting.quoted(text)) är inget exakt tal (`16500`, `12.5` eller `1000/3`)")
        }
        self = number
    }

    /// Writes ``exactText`` (`16500`, `12.5`), or `p/q` when the exact decimal has more than
    /// 18 decimals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let text = exactText
        if let point = text.utf8.firstIndex(of: UInt8(ascii: ".")),
           text.utf8.distance(from: point, to: text.utf8.endIndex) - 1 > Self.maximumCodedDecimals {
            try container.encode("\(numerator)/\(denominator)")
        } else {
            try container.encode(text)
        }
    }

    /// The number a text of ``encode(to:)`` names; `nil` for anything else, or a number that
    /// does not fit.
    init?(exactText text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let numerator = Self.digits(parts[0], signed: true), let denominator = Self.digits(parts[1], signed: false),
                  let number = try? Rational(numerator: numerator, denominator: denominator) else { return nil }
            self = number
            return
        }
        guard parts.count == 1 else { return nil }
        let negative = text.hasPrefix("-")
        let unsigned = text.dropFirst(negative ? 1 : 0)
        let halves = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard halves.count <= 2, let whole = Self.digits(halves[0], signed: false) else { return nil }
        var number = Rational(integer: whole)
        if halves.count == 2 {
            let decimals = halves[1]
            guard decimals.count <= Self.maximumCodedDecimals, let fraction = Self.digits(decimals, signed: false),
                  let sum = try? number + Rational(scaled: fraction, scale: decimals.count) else { return nil }
            number = sum
        }
        if negative {
            guard let negated = try? -number else { return nil }
            number = negated
        }
        self = number
    }

    /// Decimal digits (with a leading `-` when `signed`) as a number; `nil` when there are none,
    /// anything else, or too many.
    private static func digits(_ text: Substring, signed: Bool) -> Int64? {
        let body = signed && text.hasPrefix("-") ? text.dropFirst() : text
        guard !body.isEmpty, body.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int64(text)
    }
}

extension Day: Codable {
    /// Reads `ÅÅÅÅ-MM-DD`, a date that exists in the years 1–9999.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Day(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(Quoting.quoted(text)) är inget datum som finns (ÅÅÅÅ-MM-DD, åren 1–9999)")
        }
        self = date
    }

    /// Writes `ÅÅÅÅ-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
