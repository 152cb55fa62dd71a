import KundvalChecker
import KundvalSyntax

// The hot path of an assessment as one flat program. Every `ja/nej` expression the quick path
// needs (each condition's `gäller när` and `kräver`, each service's, the documents its control
// points ask for) is lowered to typed instructions over byte registers, run by one loop: no
// closure call, no reference count and no string per fact read. A register holds a ``Truth``
// or, among the results, a ``Status``; three-valued logic with errors is arithmetic on them
// (Kleene's logic: `nej och okänt` is `nej`, `ja eller okänt` is `ja`; an error loses only to a
// side that decides: see ``Truth/and(_:_:)``).
//
// Operands of `och`, `eller` and comparisons are evaluated eagerly, without short-circuits: the
// language lets a decisive side decide even when the other cannot be computed, so that only
// matters for errors (overflow, a date out of range), which are values in the registers (see
// ``Truth/error``): a decisive side decides in spite of one, and a condition or service whose
// result is one is left to the value code, which decides it or reports the error where it
// belongs. No instruction throws, and a run always ends. `om … så … annars …`
// computes only the branch its condition picks, as the language does: the branches are jumped
// over (`jumpUnless`, `jump`), so `om b > 0 så a / b annars 0` never divides by zero.
// Comparisons of other values (`bedömningsdatum <= u.beställning_mottagen + 2 veckor`) work
// on a second, small file of value registers, with the language's one arithmetic rule
// (``ArithmeticRule``); a text is held there as where it is (see ``ScalarValue/TextSource``).
// Calls of definitions and decision tables are inlined (see `TruthProgramBuilder+Calls.swift`).
// What the program cannot express (a record or list computed otherwise than by `om` or a call of
// a definition, see `TruthProgramBuilder+Choices.swift`; a list that is neither a fact table nor
// written out; a call beyond the size limits) is a call of the expression's closure.
//
// The program's first registers are its results: each condition's and service's status.

/// One instruction of a ``TruthProgram``. Each writes the register named `into` (a truth, or
/// for `part`, `combine`, `gate` and `document` a status), except where it says otherwise.
enum TruthInstruction {
    /// A constant truth.
    case constant(Truth, into: Register)
    /// A fact slot's truth.
    case slotTruth(Slot, into: Register)
    /// A fact slot compared with constant `constant` of the program.
    case slotCompare(Slot, TruthComparison, constant: Int32, into: Register)
    /// Whether a keyed fact slot holds an enumeration case (`är inte` when negated).
    case slotIsCase(Slot, case: Int32, negated: Bool, into: Register)
    /// A field of a loop's element: its truth, whether it is known, whether it holds an
    /// enumeration case, or compared with a constant.
    case cellTruth(Cell, into: Register)
    case cellKnown(Cell, present: Bool, into: Register)
    case cellIsCase(Cell, case: Int32, negated: Bool, into: Register)
    case cellCompare(Cell, TruthComparison, constant: Int32, into: Register)
    /// A fact compared with a constant from its key (see ``KeyTest``).
    case compareKey(KeyTest, into: Register)
    /// A deadline (`u.plan <= u.mottagen + 2 veckor`, `h.hävt >= bedömningsdatum - 36 månader`):
    /// a date compared with a date moved by an amount written in the rules, as day numbers;
    /// unknown when either date is, an error when the moved date is no date, `nej` when the
    /// guard is not met. The moved date is computed first, as ``compareArithmetic`` computes it.
    case compareDates(DateOperand, TruthComparison, DateOperand, shift: DateShift, guarded: PresenceGuard?, into: Register)
    /// Arithmetic rule `rule` of the program applied to two values, into a value register.
    case valueArithmetic(ValueOperand, ValueOperand, rule: Int32, into: ValueRegister)
    /// A value closure's value, into a value register.
    case valueClosure(Int32, into: ValueRegister)
    /// A value as a number is read where the value code reads only numbers (a decision table's
    /// tests, the terms of a sum over a list written out): a range (see
    /// ``ScalarValue/Kind/range``) as not known, any other value as it is, into a value register.
    case exactValue(ValueOperand, into: ValueRegister)
    /// A truth register's truth as a value (`ja`, `nej`, unknown, or an error), into a value
    /// register: a `ja/nej` computed by an expression where a value is read (`bb = anordnare.b2`
    /// with `bb` an `och`, a definition's value reported with a decision).
    case truthValue(Register, into: ValueRegister)
    /// Built-in function `builtin` of one value, or of two (see ``Builtin/isScalar``), into a
    /// value register.
    case valueBuiltin(Builtin, ValueOperand, ValueOperand?, into: ValueRegister)

    /// `element(list, position)` of a list with a fact table, into a value register: a plain
    /// element, or field `field` of a record element (`element(anordnare.referenser, 1).datum`),
    /// read as the reading says (see ``TruthProgram/element(loop:_:field:_:into:_:_:_:)``).
    case valueElement(loop: Int32, position: ValueOperand, field: Int32, ValueOperand.Reading, into: ValueRegister)

    /// Two values compared; `nej` when the guard is not met.
    case compareValues(ValueOperand, TruthComparison, ValueOperand, guarded: PresenceGuard?, into: Register)
    /// A value compared with arithmetic rule `rule` applied to two more; `nej` when the guard
    /// is not met.
    case compareArithmetic(ValueOperand, TruthComparison, ValueOperand, rule: Int32, ValueOperand,
                           guarded: PresenceGuard?, into: Register)
    /// `och` of what the connective reads (see ``Truth/and(_:_:)``): without errors, the minimum.
    case all(Connective, into: Register)
    /// `eller` of the same (see ``Truth/or(_:_:)``): without errors, the maximum.
    case any(Connective, into: Register)
    /// `och` of two registers, or their `eller`.
    case both(RegisterRead, RegisterRead, into: Register)
    case either(RegisterRead, RegisterRead, into: Register)
    /// `then` when `condition` is `ja`, `otherwise` when `nej`, an error when it is one, unknown
    /// otherwise. Reads only the register it picks: the other branch may not have run.
    case conditional(Register, then: Register, otherwise: Register, into: Register)
    /// The value register `then` when `condition` is `ja`, `otherwise` when `nej`, an error
    /// when it is one, unknown otherwise; reads only what it picks.
    case valueSelect(Register, then: ValueOperand, otherwise: ValueOperand, into: ValueRegister)
    /// Continues at instruction `to` unless register `condition` holds `truth`.
    case jumpUnless(Register, is: Truth, to: Int32)
    /// Continues at instruction `to`.
    case jump(to: Int32)
    /// A value closure's value as a truth (unknown unless `ja` or `nej`; an error when the
    /// closure throws).
    case closure(Int32, into: Register)
    /// A loop's quantifier over one field of its table's elements: the truths of the field,
    /// or whether it holds an enumeration case: a whole loop whose body reads one field.
    case quantifyTruth(loop: Int32, field: Int32, into: Register)
    case quantifyCase(loop: Int32, field: Int32, case: Int32, negated: Bool, into: Register)
    /// Decides the word tests `wordTests` (see ``TruthProgram/WordTest``), then runs the
    /// hoisted instructions `hoisted`: the `all` and `any` of fact literals only (see
    /// ``TruthProgramBuilder/build()``) that read more than one word. Writes their registers.
    case literals(hoisted: Range<Int32>, wordTests: Range<Int32>)
    /// Starts a loop over its table: to the loop's end when the list is empty or unknown.
    case loopStart(loop: Int32)
    /// Takes `element` as the loop's current element's truth; to the next element unless
    /// decided (an element that is an error decides nothing, and stands if nothing does); the
    /// quantifier's truth into `into`.
    case loopEnd(loop: Int32, element: Register, into: Register)
    /// A counting loop's end: counts the element when its truth `element` is `ja`; to the next
    /// element while there is one. The count is an error when an element's truth is one, and a
    /// range (see ``ScalarValue/Kind/range``) when some are not known.
    case countEnd(loop: Int32, element: Register, into: ValueRegister)
    /// A summing loop's end: adds the element's value `element`; to the next element while
    /// there is one and the sum is known (an error when an element is one or the sum overflows).
    case sumEnd(loop: Int32, element: ValueOperand, into: ValueRegister)
    /// The end of a loop for `största` or `minsta` (its fold says which), as
    /// ``Compiler/compileExtreme(largest:slot:_:filter:_:)`` has it: an element whose `där`
    /// (`filter`, if one) is `nej` is passed over, its value not read (it may be an error the value
    /// code never computes); where the `där` is `ja`, the element's value `element` is kept when it
    /// is the first or larger (smaller) than the value kept. Then to the next element, while
    /// there is one. The loop ends unknown at a `där` or value not known, or a value that does not
    /// order (a range, or against the value kept); an error at an error; unknown when no element
    /// was kept.
    case extremeEnd(loop: Int32, filter: Register?, element: ValueOperand, into: ValueRegister)
    /// The length of a loop's table (`antal x i lista` without `där`): unknown for an unknown
    /// list.
    case countAll(loop: Int32, into: ValueRegister)
    /// What one element of a count over a list written out (`antal x i [a, b] där x > 0`) adds
    /// to the count, by its filter's truth `filter`: 1 for `ja`, 0 for `nej`, the range 0 to 1
    /// when it is not known (see ``ScalarValue/Kind/range``; the sum of the elements' terms is
    /// then the range the value code counts), an error for one.
    case countTerm(Register, into: ValueRegister)
    /// A condition part's status: does not apply when `applies` is `nej`, `body`'s status when
    /// `ja`, failed when it is an error, undecided otherwise.
    case part(applies: Register, body: Register, into: Register)
    /// Two parts of a condition together (statuses, see ``Status/both(_:_:)``): without a
    /// failed one, their minimum.
    case combine(Register, Register, into: Register)
    /// Copies a register into a result (among the first registers).
    case store(Register, result: Register)
    /// A document a control point asks for, as a status: undecided when its slot is not known,
    /// or when its date of issue (if its type has one) is after the assessment date; else met
    /// when it has no largest age (`age` nil); else by its date of issue: undecided without
    /// one or when it is older than age `age` of the program on the assessment date (a newer
    /// one is to be given), met otherwise.
    case document(Slot, issued: IssueDate, age: Int32?, into: Register)
    /// `requirements` when `documents` is met, else `documents`: a part's documents before
    /// its requirements, which are judged once the documents are given.
    case gate(documents: Register, requirements: Register, into: Register)
    /// `dokument högst <age> gammalt [vid <at>]`: `ja` when the document's date of issue (the
    /// document itself, or its field `issuedField`) is not older than age `age` of the program
    /// on `at` (the assessment date when nil), `nej` when it is, unknown without those dates, an
    /// error when `at` is one.
    case documentAge(FactPlace, issuedField: Int32?, age: Int32, at: ValueOperand?, into: Register)
    /// Two facts compared where they are, as values (texts: `anordnare.ort = u.ort`).
    case compareFacts(FactPlace, TruthComparison, FactPlace, into: Register)
    /// Whether a truth register, or a value, is known (`finns`; `saknas` when not `present`):
    /// a computed argument of an inlined call (see ``TruthProgramBuilder/inlinedCall(_:_:_:_:)``).
    case registerKnown(Register, present: Bool, into: Register)
    case valueKnown(ValueOperand, present: Bool, into: Register)
    /// `ja`, or an error when one of the computed arguments of an inlined call, or elements of a
    /// list written out, `arguments` (see ``TruthProgram/arguments``) is one: the value code
    /// computes every argument before it calls and every element before the body, so an error
    /// in one the body never reads (or reads only on a branch not taken, or after another
    /// element decided) fails the call or the loop all the same (see
    /// ``TruthProgramBuilder/guarded(_:by:)``).
    case anyError(Range<Int32>, into: Register)

    /// The register the instruction writes, if one.
    var target: Register? {
        switch self {
        case .constant(_, let r), .slotTruth(_, let r), .slotCompare(_, _, _, let r),
             .slotIsCase(_, _, _, let r), .cellTruth(_, let r), .cellKnown(_, _, let r), .cellIsCase(_, _, _, let r),
             .cellCompare(_, _, _, let r), .compareKey(_, let r), .compareValues(_, _, _, _, let r), .compareArithmetic(_, _, _, _, _, _, let r),
             .compareDates(_, _, _, _, _, let r),
             .all(_, let r), .any(_, let r), .both(_, _, let r), .either(_, _, let r), .conditional(_, _, _, let r),
             .closure(_, let r), .quantifyTruth(_, _, let r), .quantifyCase(_, _, _, _, let r), .part(_, _, let r),
             .combine(_, _, let r), .document(_, _, _, let r), .gate(_, _, let r), .loopEnd(_, _, let r),
             .documentAge(_, _, _, _, let r), .compareFacts(_, _, _, let r), .registerKnown(_, _, let r), .valueKnown(_, _, let r),
             .anyError(_, let r):
            r
        case .valueArithmetic, .valueClosure, .valueBuiltin, .valueElement, .valueSelect, .literals, .loopStart, .countEnd, .sumEnd,
             .extremeEnd, .countAll, .store, .jumpUnless, .jump, .countTerm, .truthValue, .exactValue:
            nil
        }
    }

    /// The truth and status registers the instruction reads itself (an `all` or `any` reads
    /// those of its ``Connective/registers`` too).
    var registersRead: [Register] {
        switch self {
        case .both(let a, let b, _), .either(let a, let b, _): [a.register, b.register]
        case .conditional(let c, let a, let b, _): [c, a, b]
        case .valueSelect(let c, _, _, _), .jumpUnless(let c, _, _), .registerKnown(let c, _, _), .store(let c, _),
             .countTerm(let c, _), .truthValue(let c, _): [c]
        case .loopEnd(_, let element, _), .countEnd(_, let element, _): [element]
        case .extremeEnd(_, let filter, _, _): filter.map { [$0] } ?? []
        case .part(let a, let b, _), .combine(let a, let b, _), .gate(let a, let b, _): [a, b]
        case .constant, .slotTruth, .slotCompare, .slotIsCase, .cellTruth, .cellKnown, .cellIsCase, .cellCompare, .compareKey,
             .valueArithmetic, .valueClosure, .valueBuiltin, .valueElement, .exactValue, .compareValues, .compareArithmetic, .compareDates, .all, .any, .jump, .closure,
             .quantifyTruth, .quantifyCase, .literals, .loopStart, .sumEnd, .countAll, .document, .documentAge, .compareFacts,
             .valueKnown, .anyError:
            []
        }
    }

    /// The same instruction writing `register` instead; `nil` for one that writes no truth
    /// register, and for a loop's end (its loop names its register).
    func writing(_ register: Register) -> TruthInstruction? {
        switch self {
        case .constant(let a, _): .constant(a, into: register)
        case .slotTruth(let a, _): .slotTruth(a, into: register)
        case .slotCompare(let a, let b, let c, _): .slotCompare(a, b, constant: c, into: register)
        case .slotIsCase(let a, let b, let c, _): .slotIsCase(a, case: b, negated: c, into: register)
        case .cellTruth(let a, _): .cellTruth(a, into: register)
        case .cellKnown(let a, let b, _): .cellKnown(a, present: b, into: register)
        case .cellIsCase(let a, let b, let c, _): .cellIsCase(a, case: b, negated: c, into: register)
        case .cellCompare(let a, let b, let c, _): .cellCompare(a, b, constant: c, into: register)
        case .compareKey(let a, _): .compareKey(a, into: register)
        case .compareValues(let a, let b, let c, let d, _): .compareValues(a, b, c, guarded: d, into: register)
        case .compareArithmetic(let a, let b, let c, let d, let e, let f, _):
            .compareArithmetic(a, b, c, rule: d, e, guarded: f, into: register)
        case .compareDates(let a, let b, let c, let d, let e, _): .compareDates(a, b, c, shift: d, guarded: e, into: register)
        case .all(let a, _): .all(a, into: register)
        case .any(let a, _): .any(a, into: register)
        case .both(let a, let b, _): .both(a, b, into: register)
        case .either(let a, let b, _): .either(a, b, into: register)
        case .conditional(let a, let b, let c, _): .conditional(a, then: b, otherwise: c, into: register)
        case .closure(let a, _): .closure(a, into: register)
        case .quantifyTruth(let a, let b, _): .quantifyTruth(loop: a, field: b, into: register)
        case .quantifyCase(let a, let b, let c, let d, _): .quantifyCase(loop: a, field: b, case: c, negated: d, into: register)
        case .part(let a, let b, _): .part(applies: a, body: b, into: register)
        case .combine(let a, let b, _): .combine(a, b, into: register)
        case .document(let a, let b, let c, _): .document(a, issued: b, age: c, into: register)
        case .gate(let a, let b, _): .gate(documents: a, requirements: b, into: register)
        case .documentAge(let a, let b, let c, let d, _): .documentAge(a, issuedField: b, age: c, at: d, into: register)
        case .compareFacts(let a, let b, let c, _): .compareFacts(a, b, c, into: register)
        case .registerKnown(let a, let b, _): .registerKnown(a, present: b, into: register)
        case .valueKnown(let a, let b, _): .valueKnown(a, present: b, into: register)
        case .anyError(let a, _): .anyError(a, into: register)
        case .valueArithmetic, .valueClosure, .valueBuiltin, .valueElement, .valueSelect, .literals, .loopStart, .loopEnd,
             .countEnd, .sumEnd, .extremeEnd, .countAll, .store, .jumpUnless, .jump, .countTerm, .truthValue, .exactValue: nil
        }
    }
}

/// The comparisons of a program.
enum TruthComparison: UInt8 {
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

    /// The truth of the comparison for an order; unknown when the values cannot be compared.
    @inline(__always)
    func truth(_ order: Int?) -> Truth {
        guard let order else { return .unknown }
        return Truth(holds(order))
    }
}
