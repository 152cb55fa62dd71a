/// A value in a decision (a computation, a table's factor), typed and exact: what a service
/// stores and reads back without parsing text. A number is a ``Rational`` (its unit is beside
/// it, in ``Computation/unit`` or ``Factor/unit``), a date a ``Day``, a case of an enumeration
/// its name.
public enum ResultValue: Hashable, Sendable {
    /// Not known (a fact that may be missing, or a computation that needed one).
    case unknown
    /// `ja` / `nej`.
    case boolean(Bool)
    /// A number, exact (an amount in kronor, a percentage, days, months, a plain number).
    case number(Rational)
    /// A date.
    case date(Day)
    /// A text.
    case text(String)
    /// A case of an enumeration, by name (`varning`).
    case enumCase(String)
    /// A record or a list, as described for people (`{3 fält}`, `[2 element]`).
    case composite(String)

    /// The value for machines: an exact decimal with a point (`16500`, `12.5`), or a fraction
    /// (`1000/3`) when no decimal is exact; a date `ÅÅÅÅ-MM-DD`; `ja`/`nej`; a case's name;
    /// `nil` when unknown.
    public var exact: String? {
        switch self {
        case .unknown: nil
        case .boolean(let flag): flag ? "ja" : "nej"
        case .number(let number): number.exactText
        case .date(let day): day.description
        case .text(let text), .enumCase(let text), .composite(let text): text
        }
    }

    /// The value for people, with `unit` after a number: `16500 kr`, `5 %`, `2025-09-01`,
    /// `"text"`, `okänt`.
    public func text(unit: ValueUnit?) -> String {
        switch self {
        case .unknown: "okänt"
        case .boolean(let flag): flag ? "ja" : "nej"
        case .number(let number): unit.map { "\(number) \(ValueUnit.written($0.symbol, after: number))" } ?? "\(number)"
        case .date(let day): day.description
        case .text(let text): "\"\(text)\""
        case .enumCase(let name), .composite(let name): name
        }
    }

    /// The unit a value of `type` carries: a number's; `nil` for every other value.
    static func unit(of value: Value, as type: TypeDescription) -> ValueUnit? {
        switch value {
        case .unknown, .number: ValueUnit(type)
        default: nil
        }
    }
}

/// The unit of a number in a decision: `kr`, `%`, `dagar`, `månader`, or one the rules declare
/// (`timmar`). `Codable` as its symbol.
public struct ValueUnit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The symbol as the rules and decisions write it.
    public let symbol: String

    /// The unit written `symbol`.
    public init(symbol: String) { self.symbol = symbol }

    /// Kronor (`belopp`).
    public static let kronor = ValueUnit(symbol: "kr")
    /// Percent (`procent`): 5 % is the number 5.
    public static let percent = ValueUnit(symbol: "%")
    /// Days.
    public static let days = ValueUnit(symbol: "dagar")
    /// Months.
    public static let months = ValueUnit(symbol: "månader")

    /// The unit of a type's numbers; `nil` for plain numbers and enumerations.
    init?(_ type: TypeDescription) {
        switch type {
        case .money: self = .kronor
        case .percent: self = .percent
        case .days: self = .days
        case .months: self = .months
        case .unit(let name): self.init(symbol: name)
        case .plain, .enumeration, .record: return nil
        }
    }

    /// The symbol.
    public var description: String { symbol }

    /// `symbol` as it is written after `number`: in the singular after one (`1 dag`, `1 månad`,
    /// `1 timme`, `1 vecka`; output read "1 dagar"), else as it is.
    static func written(_ symbol: String, after number: Rational) -> String {
        guard number == .one || number == Rational(integer: -1) else { return symbol }
        switch symbol {
        case "dagar": return "dag"
        case "månader": return "månad"
        case "timmar": return "timme"
        case "veckor": return "vecka"
        default: return symbol
        }
    }

    /// Reads the symbol.
    public init(from decoder: any Decoder) throws {
        symbol = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the symbol.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(symbol)
    }
}

extension ValueFormatter {
    /// A runtime value of `type` as a decision holds it, with its unit.
    func result(_ value: Value, as type: TypeDescription) -> (value: ResultValue, unit: ValueUnit?) {
        let result: ResultValue = switch value {
        // A count known only to lie in a range is not known: a decision stores no range.
        case .unknown, .bounded: .unknown
        case .boolean(let flag): .boolean(flag)
        case .number(let number): .number(number)
        case .date(let day): .date(day)
        case .text(let text): .text(text)
        case .enumCase: .enumCase(describe(value, as: type))
        case .record, .list: .composite(describe(value, as: type))
        }
        return (result, ResultValue.unit(of: value, as: type))
    }
}

/// An input of the decision table that chose a sanction, and its value for the provider.
public struct Factor: Hashable, Sendable, Codable {
    /// The table's parameter (`påverkan`).
    public let name: String
    /// Its value (a case's name, `ja`/`nej`, an amount), typed.
    public let value: ResultValue
    /// The unit of a number; `nil` otherwise.
    public let unit: ValueUnit?

    /// The factor `name` with `value` in `unit`.
    public init(name: String, value: ResultValue, unit: ValueUnit?) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// The value for people (`risk_för_eller_drabbat_kunder`, `ja`, `16500 kr`).
    public var text: String { value.text(unit: unit) }
}

/// The value of one definition (a computation such as a fine or a compensation): typed for
/// machines and as text for people.
public struct Computation: Hashable, Sendable, Codable {
    /// The definition's name.
    public let name: String
    /// The value's type as the rules write it (`belopp`, `datum`, `heltal`).
    public let type: String
    /// The value, exact: an amount is a ``Rational`` in ``unit``.
    public let value: ResultValue
    /// The unit of a number (`kr`, `%`, `dagar`, `månader`, `timmar`, …), also when it is
    /// unknown; `nil` for plain numbers and everything else.
    public let unit: ValueUnit?

    /// The value of `name`, of `type`, in `unit`.
    public init(name: String, type: String, value: ResultValue, unit: ValueUnit?) {
        self.name = name
        self.type = type
        self.value = value
        self.unit = unit
    }

    /// The value for people (`16500 kr`, `2025-09-01`, `okänt`).
    public var text: String { value.text(unit: unit) }
    /// The value for machines (see ``ResultValue/exact``).
    public var exact: String? { value.exact }
}
