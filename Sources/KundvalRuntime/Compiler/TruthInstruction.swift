import KundvalSyntax

// The hot path of an assessment as one flat program. Every `ja/nej` expression the quick path
// needs (each condition's `gäller när` and `kräver`, each service's) is compiled to
// instructions over byte registers, run by one loop: no closure call, no reference count and
// no string per fact read. Truth values are ordered so that three-valued logic is arithmetic:
// 0 `nej`, 1 unknown, 2 `ja`; `och` is the minimum, `eller` the maximum, `inte` is 2 − x
// (Kleene's logic: `nej och okänt` is `nej`, `ja eller okänt` is `ja`).
//
// Operands are evaluated eagerly, without short-circuits. That only matters for errors
// (overflow, a date out of range): an error makes the caller take the slow path for the whole
// evaluation, which evaluates in the language's order and reports the error where it belongs.
// Comparisons of other values (`bedömningsdatum <= u.beställning_mottagen + 2 veckor`) work
// on a second, small file of value registers, with the language's one arithmetic rule
// (``ArithmeticRule``). What the program cannot express (a definition call, a list that is not
// a fact table) is a call of the expression's closure.
//
// The program's first registers are its results: each condition's and service's status, with
// the statuses ordered as they win when a condition has two parts (0 not met, 1 undecided,
// 2 met, 3 does not apply), so that both parts together are their minimum.

/// One instruction of a ``TruthProgram``: an operation, the register it writes and up to four
/// operands (registers, slots, fields, indices), as the operation documents, and for a
/// comparison of values a presence guard (see ``PresenceGuard``).
struct TruthInstruction {
    var operation: TruthOperation
    var target: Int32
    var a: Int32
    var b: Int32
    var c: Int32
    var d: Int32
    /// 0, or the presence guard of `compareValues` and `compareArithmetic`.
    var guarded: Int32 = 0

    init(_ operation: TruthOperation, _ target: Int32, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0, _ d: Int32 = 0) {
        (self.operation, self.target, self.a, self.b, self.c, self.d) = (operation, target, a, b, c, d)
    }
}

/// `x finns och <comparison>` (or `x saknas och …`) in the comparison's own instruction: the
/// most common shape of a deadline (`u.plan finns och u.plan <= u.mottagen + 2 veckor`).
/// When the presence test is `nej` the comparison is `nej` without being computed, as `och`
/// stops at a `nej` on its left; otherwise it is the comparison. Packed in 32 bits: bit 0 is
/// set (0 is no guard), bit 1 wants the value present (`finns`), bit 2 says an element's
/// field (else a fact slot), the rest is the slot or the loop and the field
/// (loop << 16 | field).
enum PresenceGuard {
    /// The largest payload.
    static let maximumPayload = Int32.max >> 3

    static func pack(cell: Bool, _ payload: Int32, present: Bool) -> Int32 {
        payload << 3 | (cell ? 4 : 0) | (present ? 2 : 0) | 1
    }
}

/// The operations of a ``TruthProgram``. `r` is the register file, `slot` a flat fact slot,
/// `loop` a quantifier of the program whose current element has fields `field`.
enum TruthOperation: UInt8 {
    /// r[target] = a (a constant truth).
    case constant
    /// r[target] = the truth of slot a.
    case slotTruth
    /// r[target] = whether slot a is known, or not known when b is 0.
    case slotKnown
    /// r[target] = slot a compared (comparison b) with constant c.
    case slotCompare
    /// r[target] = whether slot a holds enumeration case b (c is 1 for `är inte`).
    case slotIsCase
    /// r[target] = the truth of field b of loop a's element.
    case cellTruth
    /// r[target] = whether field b of loop a's element is known, or not known when c is 0.
    case cellKnown
    /// r[target] = whether field b of loop a's element holds enumeration case c (d is 1 for
    /// `är inte`).
    case cellIsCase
    /// r[target] = field b of loop a's element compared (comparison c) with constant d.
    case cellCompare
    /// v[target] = arithmetic rule c applied to value operands a and b (see ``ValueOperand``;
    /// `v` is the program's file of value registers).
    case valueArithmetic
    /// v[target] = the value of value closure a.
    case valueClosure
    /// r[target] = value operand a compared (comparison c) with value operand b; `nej` when
    /// the instruction's presence guard is not met.
    case compareValues
    /// r[target] = value operand a compared (comparison d & 7) with arithmetic rule d >> 3
    /// applied to value operands b and c; `nej` when the presence guard is not met.
    case compareArithmetic
    /// r[target] = the minimum (`och`) of fact literals c..<c+d (see
    /// ``TruthProgram/LiteralWord``) and operands a..<a+b (see ``TruthOperand``).
    case all
    /// r[target] = the maximum (`eller`) of the same.
    case any
    /// r[target] = the minimum (`och`) of r[a] and r[b], each negated (`inte`) when bit 0
    /// (for a) or bit 1 (for b) of c is set: an `all` of two registers, without its operand
    /// loop.
    case both
    /// r[target] = the maximum (`eller`) of the same.
    case either
    /// r[target] = r[b] when r[a] is `ja`, r[c] when `nej`, unknown otherwise.
    case conditional
    /// r[target] = the truth of closure a.
    case closure
    /// r[target] = loop a's quantifier over the truths of field b of its table's elements:
    /// a whole loop whose body reads one field.
    case quantifyTruth
    /// r[target] = loop a's quantifier over whether field b of its table's elements holds
    /// enumeration case c (d is 1 for `är inte`).
    case quantifyCase
    /// Decides word tests c..<c+d (see ``TruthProgram/WordTest``), then runs hoisted
    /// instructions a..<a+b: the `all` and `any` of fact literals only (see
    /// ``TruthProgramBuilder/build()``) that read more than one word.
    case literals
    /// Starts loop a over its table: to the loop's end when the list is empty or unknown.
    case loopStart
    /// Takes r[b] as loop a's current element's truth; to the next element unless decided.
    case loopEnd
    /// r[target] = a condition part: 3 (does not apply) when r[a] is `nej`, r[b] when r[a] is
    /// `ja`, unknown otherwise.
    case part
    /// r[target] = min(r[a], r[b]): two parts of a condition, as statuses (see
    /// ``TruthProgram/run(_:_:)``): not met wins, then undecided, then met.
    case combine
    /// r[a] = r[b], for a result (among the first registers) whose value another
    /// instruction's register holds.
    case store
    /// r[target] = a document a control point asks for, as a status: 1 (undecided) when slot a
    /// is not known; else 2 when c is -1 (no largest age); else its date of issue by mode d
    /// (0 slot a itself, 1 slot b, 2 none: undecided), 0 (not met) when it is older than age
    /// c of the program on the assessment date, 2 otherwise.
    case document
    /// r[target] = r[b] when r[a] is 2 (met), else r[a]: a part's documents (a) before its
    /// requirements (b), which are judged once the documents are given.
    case gate
}

/// An operand of ``TruthOperation/all`` and ``TruthOperation/any``: a truth read where it is,
/// possibly negated (`inte`), packed in 32 bits: bit 0 negates, bits 1–2 say where (0 a fact
/// slot, 1 a register, 2 a field of a loop's element, 3 whether a value holds an enumeration
/// case), the rest is the slot, the register, or the loop and the field (loop << 16 | field).
/// For 3 the rest is `(slot << 12 | case) << 1` for a fact slot and
/// `(loop << 23 | field << 12 | case) << 1 | 1` for an element's field.
enum TruthOperand {
    static let slot: Int32 = 0
    static let register: Int32 = 1
    static let cell: Int32 = 2
    static let isCase: Int32 = 3

    /// The largest payload: slot and register numbers are far below it for any rule file the
    /// loader accepts.
    static let maximumPayload = Int32.max >> 3

    static func pack(_ source: Int32, _ payload: Int32, negated: Bool) -> Int32 {
        payload << 3 | source << 1 | (negated ? 1 : 0)
    }
}

/// An operand of ``TruthOperation/valueArithmetic`` and ``TruthOperation/compareValues``: a
/// value read where it is, packed in 32 bits: bits 0–1 say where (0 a value register, 1 a fact
/// slot, 2 a field of a loop's element, 3 a constant of the program), the rest is the
/// register or the constant; for a slot or a field, the rest is the slot or the loop and the
/// field (loop << 16 | field) shifted left by two, with how to read it in the two bits below:
/// ``value`` (the value itself), ``date``, ``enumCase`` or ``number`` (its key, see ``FactKey``:
/// 4 bytes instead of 24, and the keys lie close together; a number that is not an integer of
/// 32 bits is read from its value).
enum ValueOperand {
    static let register: Int32 = 0
    static let slot: Int32 = 1
    static let cell: Int32 = 2
    static let constant: Int32 = 3

    /// How a slot or a field is read.
    static let value = 0
    static let date = 1
    static let enumCase = 2
    static let number = 3

    /// The largest payload.
    static let maximumPayload = Int32.max >> 2

    static func pack(_ source: Int32, _ payload: Int32) -> Int32 { payload << 2 | source }
}

/// The comparisons of ``TruthOperation/slotCompare`` and ``TruthOperation/cellCompare``.
enum TruthComparison: Int32 {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    init?(_ op: BinaryOperator) {
        switch op {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        default: return nil
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    var flipped: TruthComparison {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        }
    }

    /// Whether an order (-1, 0, 1) satisfies the comparison.
    @inline(__always)
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        }
    }
}
