import KundvalChecker

/// What one byte says about a cell (a field of a list's element): its truth when it is a
/// `ja/nej` (0 `nej`, 1 `ja`), ``unknown``, its case when it is one of an enumeration's first
/// ``caseLimit`` cases (``firstCase`` + the case's index), or ``known`` for any other value.
/// The truth programs test a field's presence and its case from it, without its key; the bytes
/// of a provider's cells lie together in a cache line or two.
enum CellByte {
    static let unknown: UInt8 = 2
    static let known: UInt8 = 3
    static let firstCase: UInt8 = 4
    /// Cases from this index on are ``known`` and tested through their keys.
    static let caseLimit = 252

    static func of(_ value: Value) -> UInt8 {
        switch value {
        case .boolean(let flag): flag ? 1 : 0
        case .unknown: unknown
        case .enumCase(let index) where index >= 0 && index < caseLimit: firstCase + UInt8(index)
        default: known
        }
    }

    /// The truth byte (0, 1 or 2 for unknown or not `ja/nej`) of a cell's byte.
    @inline(__always)
    static func truth(_ byte: UInt8) -> UInt8 { byte > unknown ? unknown : byte }
}

/// A date, an enumeration case or an integer in 4 bytes, for the truth programs: a date as its
/// day number, a case as its index, an integer of 32 bits as itself; ``unknown`` when the value
/// is unknown and ``other`` for every other value (a number that is not an integer or needs
/// more bits, a text, a record, a list), which the programs read from the value itself. A program knows a slot's or field's
/// type, so it knows what a key holds; any key says whether the value is known.
enum FactKey {
    static let unknown = Int32.min
    static let other = Int32.min + 1

    /// Whether values of `type` have keys the programs read: dates, enumeration cases and
    /// numbers. A layout puts the slots of these types first (see ``FactLayout``).
    static func holds(_ type: KundvalType) -> Bool {
        switch type.unwrapped {
        case .date, .enumeration, .integer, .decimal, .money, .percent, .days, .months, .quantity, .rate: true
        default: false
        }
    }

    static func of(_ value: Value) -> Int32 {
        switch value {
        case .unknown: unknown
        case .date(let day): day.number
        case .enumCase(let index) where index >= 0 && index <= Int(Int32.max): Int32(index)
        // The two smallest 32-bit integers are the markers above, and larger integers do not
        // fit: those read the value.
        case .number(let number) where number.denominator == 1 && number.numerator > Int64(other) && number.numerator <= Int64(Int32.max):
            Int32(number.numerator)
        default: other
        }
    }
}
