// What the instructions of a truth program (see `TruthInstruction.swift`) name: registers, fact
// slots, fields of a loop's element, the operands of connectives and comparisons, and dates.

/// A register of a program's byte file (the results first).
typealias Register = Int32
/// A register of a program's value file (register 0 is the assessment date).
typealias ValueRegister = Int32
/// A flat fact slot (see ``FactLayout``).
typealias Slot = Int32

/// A field of a running loop's current element (`p.roll` in `alla p i anordnare.personer: …`).
struct Cell: Equatable {
    /// The frame of the loop whose element it is: the loop's depth among the loops around it
    /// (see ``TruthProgram/Loop/frame``).
    let frame: Int32
    /// The field of the element's record (0 for a list of plain values).
    let field: Int32
}

/// A truth an `all` or `any` reads where it is, possibly negated (`inte`): a field of a loop's
/// element, a case test, a key test. The truths of flat slots and whether they are known are
/// not operands (they are read a word at a time: see ``TruthProgram/LiteralWord``), nor are
/// registers (read as ``RegisterRead``s).
struct TruthOperand {
    enum Source {
        /// A field of a loop's element.
        case cell(Cell)
        /// Whether a field of a loop's element is known (`finns`; `saknas` is its negation).
        case cellKnown(Cell)
        /// Whether a keyed fact slot holds an enumeration case.
        case slotIsCase(Slot, case: Int32)
        /// Whether a field of a loop's element holds an enumeration case (below
        /// ``CellByte/caseLimit``).
        case cellIsCase(Cell, case: Int32)
        /// A fact compared with a constant from its key (`anordnare.antal_platser <= 12`).
        case key(KeyTest)
    }

    let source: Source
    let negated: Bool
}

/// What an `all` or `any` reads, as ranges of its program's tables: fact literals a word at a
/// time (see ``TruthProgram/LiteralWord``), registers (``TruthProgram/registerReads``) and the
/// other operands (``TruthOperand``).
struct Connective {
    let literals: Range<Int32>
    let registers: Range<Int32>
    let operands: Range<Int32>

    /// Whether it reads fact literals only (it can then run anywhere: see
    /// ``TruthProgramBuilder/build()``).
    var readsLiteralsOnly: Bool { registers.isEmpty && operands.isEmpty }
}

/// A computed argument of an inlined call, read by ``TruthInstruction/anyError(_:into:)``: a
/// `ja/nej` argument's register, or any other argument's value.
enum ArgumentSource {
    case truth(Register)
    case value(ValueOperand)
}

/// A register read as an operand of `all`, `any`, `both` or `either`, possibly negated.
struct RegisterRead {
    let register: Register
    let negated: Bool
}

/// A value a comparison or arithmetic reads where it is.
enum ValueOperand {
    /// How a slot or a field is read: the value itself, or from its key (see ``FactKey``: 4
    /// bytes instead of 24, and the keys lie close together) as a date, an enumeration case or
    /// a number (one that is not an integer of 32 bits is read from its value). A text fact or
    /// field is an operand of its own (``text(_:)``).
    enum Reading: UInt8 {
        case value, date, enumCase, number
    }

    case register(ValueRegister)
    case slot(Slot, Reading)
    case cell(Cell, Reading)
    /// A text fact or field, held as where it is (see ``ScalarValue/TextSource``).
    case text(FactPlace)
    /// A constant of the program (see ``TruthProgram/scalarConstants``).
    case constant(Int32)
}

/// A fact slot or a field read from its key (see ``FactKey``: a date, an enumeration case or an
/// integer), compared with constant `constant` of the program's value constants (of the same
/// kind; a number with denominator 1): two integers compared, unless the key says the value
/// must be read (a number that is not an integer of 32 bits). An instruction of its own
/// (``TruthInstruction/compareKey(_:into:)``), or an operand of an `all` or `any`.
struct KeyTest {
    let place: FactPlace
    let reading: ValueOperand.Reading
    let comparison: TruthComparison
    let constant: Int32
}

/// Where a fact is read: a flat slot, or a field of a loop's element.
enum FactPlace {
    case slot(Slot)
    case cell(Cell)

    /// The value operand that reads the fact as `reading` says.
    func operand(_ reading: ValueOperand.Reading) -> ValueOperand {
        switch self {
        case .slot(let slot): .slot(slot, reading)
        case .cell(let cell): .cell(cell, reading)
        }
    }
}

/// `x finns och <comparison>` (or `x saknas och …`) in the comparison's own instruction: the
/// most common shape of a deadline (`u.plan finns och u.plan <= u.mottagen + 2 veckor`).
/// When the presence test is `nej` the comparison is `nej` without being computed, as `och`
/// stops at a `nej` on its left; otherwise it is the comparison.
struct PresenceGuard {
    let place: FactPlace
    /// True for `finns`, false for `saknas`.
    let present: Bool
}

/// Where a comparison of dates (``TruthInstruction/compareDates(_:_:_:shift:guarded:into:)``)
/// reads a date, as its day number.
enum DateOperand {
    /// The key of a date fact slot or field (see ``FactKey``: a date's key is its day number).
    case key(FactPlace)
    /// A value register holding a date (register 0 is the assessment date).
    case register(ValueRegister)
    /// A date written in the rules.
    case day(Int32)
}

/// A date moved by an amount written in the rules (`+ 2 veckor`, `- 36 månader`), signed and
/// rounded when the program is built as ``ArithmeticRule`` rounds and signs it.
struct DateShift {
    /// Days, or calendar months (clamped to the end of a shorter month) when `months`.
    let amount: Int32
    let months: Bool
    /// For months compared with the assessment date (`bedömningsdatum <= x + 6 månader`), the
    /// index of their threshold among the program's (see ``TruthProgram/MonthThreshold``); -1
    /// otherwise. 16 bits: the shift then takes 8 bytes, as without it, and the instructions
    /// that hold one stay as small (a larger instruction made every instruction's dispatch
    /// copy more, about 1,500 machine instructions more per benchmarked decision).
    let threshold: Int16

    init(amount: Int32, months: Bool, threshold: Int16 = -1) {
        (self.amount, self.months, self.threshold) = (amount, months, threshold)
    }

    /// The day number `amount` days or months from day number `day`; an error when that is no
    /// date, as the arithmetic's.
    @inline(__always)
    func apply(to day: Int32) throws(EvaluationError) -> Int32 {
        months ? try Day(number: day).adding(months: Int64(amount)).day.number
            : try Day(number: day).adding(days: Int64(amount)).number
    }
}

/// Where the date a document was issued is (see ``CompiledEvidenceDocument/Slots``).
enum IssueDate {
    case itself
    case slot(Slot)
    case none
}
