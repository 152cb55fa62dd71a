import KundvalSyntax

/// The type of a value in the rules language.
///
/// Durations come in two kinds that never mix: ``days`` (days and weeks, exact) and ``months``
/// (months and years, calendar-dependent), because "a month" is not a fixed number of days.
public indirect enum KundvalType: Hashable, Sendable, CustomStringConvertible {
    /// `ja/nej`.
    case boolean
    /// `heltal`.
    case integer
    /// `decimaltal`: an exact decimal number.
    case decimal
    /// `belopp`: Swedish kronor, exact to the öre.
    case money
    /// `procent`.
    case percent
    /// `datum`.
    case date
    /// `dagar` (also `veckor`): a duration counted in days.
    case days
    /// `månader` (also `år`): a duration counted in calendar months.
    case months
    /// `text`.
    case text
    /// A number of hours or credits: `timmar`, `hp`, `yhp`.
    case quantity(Unit)
    /// A rate such as `10 timmar per vecka`.
    case rate(KundvalType, per: Unit)
    /// A declared enumeration, by name.
    case enumeration(String)
    /// A declared record, by name.
    case record(String)
    /// `lista av T`.
    case list(KundvalType)
    /// `T kan saknas`: the value may be unknown.
    case optional(KundvalType)
    /// The type of an expression that already has an error; it matches everything, so one
    /// mistake is reported once.
    case error

    /// The type without `kan saknas`.
    public var unwrapped: KundvalType {
        if case .optional(let inner) = self { return inner }
        return self
    }

    /// Whether the value may be unknown.
    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// The type made optional (`T kan saknas`), never doubly.
    public var optional: KundvalType {
        switch self {
        case .optional, .error: self
        default: .optional(self)
        }
    }

    /// `self`, made optional when `condition` holds.
    public func optional(if condition: Bool) -> KundvalType { condition ? optional : self }

    /// Whether this is the error type (no further diagnostics about it).
    public var isError: Bool { unwrapped == .error }

    /// Whether the type is a plain number.
    public var isNumber: Bool { self == .integer || self == .decimal }

    /// How the type is written in the language, as used in messages.
    public var description: String {
        switch self {
        case .boolean: "ja/nej"
        case .integer: "heltal"
        case .decimal: "decimaltal"
        case .money: "belopp"
        case .percent: "procent"
        case .date: "datum"
        case .days: "dagar"
        case .months: "månader"
        case .text: "text"
        case .quantity(let unit): unit == .timmar ? "timmar" : unit.rawValue
        case .rate(let base, let per): "\(base) per \(per.singular)"
        case .enumeration(let name), .record(let name): name
        case .list(let element): "lista av \(element)"
        case .optional(let inner): "\(inner) kan saknas"
        case .error: "okänd typ"
        }
    }

    /// The built-in type names and their types.
    public static let builtins: [String: KundvalType] = [
        "heltal": .integer, "decimaltal": .decimal, "belopp": .money, "procent": .percent,
        "datum": .date, "dagar": .days, "veckor": .days, "månader": .months, "år": .months,
        "text": .text, "timmar": .quantity(.timmar), "hp": .quantity(.högskolepoäng),
        "yhp": .quantity(.yrkeshögskolepoäng),
    ]
}

extension Unit {
    /// The unit in the singular, as after `per`: `vecka`, `månad`.
    public var singular: String {
        switch self {
        case .kronor: "kr"
        case .procent: "%"
        case .dagar: "dag"
        case .veckor: "vecka"
        case .månader: "månad"
        case .år: "år"
        case .timmar: "timme"
        case .högskolepoäng: "hp"
        case .yrkeshögskolepoäng: "yhp"
        }
    }

    /// The type of a number written with this unit.
    public var valueType: KundvalType {
        switch self {
        case .kronor: .money
        case .procent: .percent
        case .dagar, .veckor: .days
        case .månader, .år: .months
        case .timmar, .högskolepoäng, .yrkeshögskolepoäng: .quantity(self)
        }
    }
}
