import KundvalDiagnostics

/// A name written in the source, with where it was written.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The name as written.
    public var name: String
    /// Where it was written.
    public var span: SourceSpan
    /// Creates an identifier.
    public init(name: String, span: SourceSpan) { self.name = name; self.span = span }
    /// The name.
    public var description: String { name }
}

/// A text literal with its value (quotes removed, escapes and indentation resolved).
public struct TextLiteral: Hashable, Sendable {
    /// The text's value.
    public var value: String
    /// Where it was written, quotes included.
    public var span: SourceSpan
    /// Creates a text literal.
    public init(value: String, span: SourceSpan) { self.value = value; self.span = span }

    /// `value` as source text writes it: in quotes, with a backslash before each backslash and quote.
    public static func source(_ value: String) -> String {
        var text = "\""
        for character in value {
            if character == "\\" || character == "\"" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }
}

/// A calendar date written `ÅÅÅÅ-MM-DD`; the parser has checked that it exists.
public struct DateLiteral: Hashable, Sendable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month.
    public var day: Int
    /// Where it was written.
    public var span: SourceSpan
    /// Creates a date literal.
    public init(year: Int, month: Int, day: Int, span: SourceSpan) {
        self.year = year; self.month = month; self.day = day; self.span = span
    }
    /// `ÅÅÅÅ-MM-DD`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// A condition number such as `4`, `10.1` or `16.8.4`.
public struct ConditionNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The parts: `[16, 8, 4]` for `16.8.4`.
    public var parts: [Int]
    /// Where it was written.
    public var span: SourceSpan
    /// Creates a condition number.
    public init(parts: [Int], span: SourceSpan) { self.parts = parts; self.span = span }
    /// `16.8.4`.
    public var description: String { parts.map(String.init).joined(separator: ".") }
    /// Numeric order, part by part: `9 < 10 < 10.1 < 11`.
    public static func < (lhs: ConditionNumber, rhs: ConditionNumber) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }
}

/// An exact number literal: `12` or `2,50`, kept as a scaled integer (250 with scale 2).
public struct NumberLiteral: Hashable, Sendable, CustomStringConvertible {
    /// The digits as an integer, without the decimal comma.
    public var scaledValue: Int64
    /// How many digits stand after the decimal comma.
    public var scale: Int
    /// Creates a number literal.
    public init(scaledValue: Int64, scale: Int) { self.scaledValue = scaledValue; self.scale = scale }
    /// The number as written, with a decimal comma.
    public var description: String {
        guard scale > 0 else { return String(scaledValue) }
        var digits = String(scaledValue)
        while digits.count <= scale { digits = "0" + digits }
        let index = digits.index(digits.endIndex, offsetBy: -scale)
        return digits[..<index] + "," + digits[index...]
    }
}

/// A unit written after a number.
public enum Unit: String, Hashable, Sendable, CaseIterable {
    /// Swedish kronor: `500 kr`.
    case kronor = "kr"
    /// Percent: `5 %` or `5 procent`.
    case procent = "%"
    /// Days.
    case dagar
    /// Weeks.
    case veckor
    /// Calendar months.
    case månader
    /// Calendar years.
    case år
    /// Hours.
    case timmar
    /// University credits (högskolepoäng).
    case högskolepoäng = "hp"
    /// Higher vocational credits (yrkeshögskolepoäng).
    case yrkeshögskolepoäng = "yhp"

    /// The unit a keyword spells, if any.
    public init?(keyword: Keyword) {
        switch keyword {
        case .kr: self = .kronor
        case .procent: self = .procent
        case .dag, .dagar: self = .dagar
        case .vecka, .veckor: self = .veckor
        case .månad, .månader: self = .månader
        case .år: self = .år
        case .timme, .timmar: self = .timmar
        case .hp: self = .högskolepoäng
        case .yhp: self = .yrkeshögskolepoäng
        default: return nil
        }
    }
}
