/// A runtime value. The checked type of an expression says how to read it: a `.number` may be
/// an amount in kronor, a percentage (5 % is 5), a number of days or months, or a plain number.
public enum Value: Hashable, Sendable {
    /// Not known (a fact that may be missing, or a computation that needed one).
    case unknown
    /// `ja` / `nej`.
    case boolean(Bool)
    /// Any number, exact.
    case number(Rational)
    /// A date.
    case date(Day)
    /// A text.
    case text(String)
    /// A case of an enumeration, by index.
    case enumCase(Int)
    /// A record's field values in declaration order.
    case record([Value])
    /// A list.
    case list([Value])
    /// A number not known exactly, known to lie from `low` to `high` (`low < high`): a count
    /// of the elements for which a condition holds, when it is not known for some of them
    /// (`antal p i anordnare.personal där p.utbildad`, with one person's education not given),
    /// and arithmetic on one. It is not known (``isKnown``), but a comparison it decides either
    /// way is decided: three trained and one unknown is `ja` for `>= 3`, as the language's
    /// three values say (see ``Compiler/bounds(_:)``). Boxed (`indirect`): two numbers inline
    /// made every value twice as large, facts and registers included (7 % slower, 14 MiB more
    /// in `kundval bench`).
    indirect case bounded(low: Rational, high: Rational)

    /// Whether the value is known.
    @inline(__always)
    public var isKnown: Bool {
        switch self {
        case .unknown, .bounded: false
        default: true
        }
    }
}

/// A value rendered for people and for JSON, given its type and the enumerations.
public struct ValueFormatter: Sendable {
    let enumerations: [String: [String]]
    /// The fields of each record type, by name: a small record is shown with them.
    var records: [String: [(name: String, type: TypeDescription)]] = [:]

    /// The most fields a record is shown with (`{utfärdat: 2024-11-01}`); a larger one, or one
    /// holding records or lists, is shown by its number of fields (`{7 fält}`).
    static let shownFields = 3

    /// Text for people: `5 000 kr`, `5 %`, `3 månader`, `2025-03-01`, `okänt`.
    public func describe(_ value: Value, as type: TypeDescription) -> String {
        switch (value, type) {
        case (.unknown, _): return "okänt"
        case (.boolean(let flag), _): return flag ? "ja" : "nej"
        case (.number(let number), .money): return "\(number) kr"
        case (.number(let number), .percent): return "\(number) %"
        case (.number(let number), .days): return "\(number) \(ValueUnit.written("dagar", after: number))"
        case (.number(let number), .months): return "\(number) \(ValueUnit.written("månader", after: number))"
        case (.number(let number), .unit(let unit)): return "\(number) \(ValueUnit.written(unit, after: number))"
        case (.number(let number), _): return "\(number)"
        case (.date(let day), _): return day.description
        case (.text(let text), _): return "\"\(text)\""
        case (.enumCase(let index), .enumeration(let name)):
            return enumerations[name].flatMap { index < $0.count ? $0[index] : nil } ?? "#\(index)"
        case (.enumCase(let index), _): return "#\(index)"
        case (.record(let fields), .record(let name)):
            // A document shows its date of issue, which decides its age (`{1 fält}` showed
            // nothing of why `p.registerutdrag högst 6 månader gammalt` was false).
            guard let declared = records[name], declared.count == fields.count, fields.count <= Self.shownFields,
                  fields.allSatisfy({ if case .record = $0 { false } else if case .list = $0 { false } else { true } })
            else { return "{\(fields.count) fält}" }
            return "{" + zip(declared, fields).map { "\($0.name): " + describe($1, as: $0.type) }.joined(separator: ", ") + "}"
        case (.record(let fields), _): return "{\(fields.count) fält}"
        case (.list(let elements), _): return "[\(elements.count) element]"
        case (.bounded(let low, let high), _):
            return "mellan \(describe(.number(low), as: type)) och \(describe(.number(high), as: type))"
        }
    }
}

/// What the formatter needs to know of a type.
public enum TypeDescription: Sendable, Hashable {
    case money, percent, days, months, plain
    case unit(String)
    case enumeration(String)
    /// A record of the named type.
    case record(String)
}
