/// The functions every rule file can call. Rounding happens only through these, each with
/// its mode stated in its name.
public enum Builtin: String, CaseIterable, Sendable, Hashable {
    /// `avrunda_till_öre(belopp)`: to whole öre, halves away from zero.
    case roundToÖre = "avrunda_till_öre"
    /// `avrunda_till_krona(belopp)`: to whole kronor, halves away from zero.
    case roundToKrona = "avrunda_till_krona"
    /// `avrunda(tal)`: to a whole number, halves away from zero.
    case round = "avrunda"
    /// `avrunda_nedåt(tal)`: to the whole number below.
    case roundDown = "avrunda_nedåt"
    /// `avrunda_uppåt(tal)`: to the whole number above.
    case roundUp = "avrunda_uppåt"
    /// `påbörjade_veckor(dagar)`: started weeks, as in "vite per påbörjad vecka" (1–7 dagar is 1).
    case startedWeeks = "påbörjade_veckor"
    /// `nästa_arbetsdag(datum)`: the deadline rule of lag (1930:173): the day itself if it is a
    /// working day, else the next one.
    case nextWorkingDay = "nästa_arbetsdag"
    /// `arbetsdagar_efter(datum, antal)`: the n:th working day after the date (before it when
    /// n is negative), as deadlines "inom tre arbetsdagar" count.
    case workingDaysAfter = "arbetsdagar_efter"
    /// `arbetsdagar_mellan(från, till)`: the working days after `från` up to and including
    /// `till` (negative when `till` is earlier), as a fine per started working day after a due
    /// date counts them; `arbetsdagar_mellan(d, arbetsdagar_efter(d, n))` is n for n of 0 or
    /// more (going back from a day off, the count starts at the working day before it).
    case workingDaysBetween = "arbetsdagar_mellan"
    /// `är_arbetsdag(datum)`: a helgfri vardag that is not midsommarafton, julafton or nyårsafton.
    case isWorkingDay = "är_arbetsdag"
    /// `dagar_i_månaden(datum)`: 28–31.
    case daysInMonth = "dagar_i_månaden"
    /// `dag_i_månaden(datum)`: 1–31, the day of the month (records kept of persons born on the
    /// fifth, fifteenth or twenty-fifth).
    case dayOfMonth = "dag_i_månaden"
    /// `minsta(a, b)`: the smaller of two numbers, amounts, durations or dates.
    case smallest = "minsta"
    /// `största(a, b)`: the larger.
    case largest = "största"
    /// `rest(a, b)`: the remainder of whole-number division, for rotations.
    case remainder = "rest"
    /// `element(lista, n)`: the n:th element (from 1); unknown outside the list.
    case element = "element"
    /// `hela_månader_mellan(från, till)`: whole months from one date to another by the month
    /// rule (the largest n with `från + n månader <= till`); negative when `till` is earlier.
    case wholeMonthsBetween = "hela_månader_mellan"

    /// The name of the built-in value holding the assessment date.
    public static let assessmentDateName = "bedömningsdatum"

    /// How the function is written, for messages.
    public var signature: String {
        switch self {
        case .roundToÖre, .roundToKrona: "\(rawValue)(belopp): belopp"
        case .round, .roundDown, .roundUp: "\(rawValue)(decimaltal): heltal"
        case .startedWeeks: "påbörjade_veckor(dagar): heltal"
        case .nextWorkingDay: "nästa_arbetsdag(datum): datum"
        case .workingDaysAfter: "arbetsdagar_efter(datum, heltal): datum"
        case .workingDaysBetween: "arbetsdagar_mellan(datum, datum): heltal"
        case .isWorkingDay: "är_arbetsdag(datum): ja/nej"
        case .daysInMonth: "dagar_i_månaden(datum): heltal"
        case .dayOfMonth: "dag_i_månaden(datum): heltal"
        case .smallest, .largest: "\(rawValue)(a, b) för två tal, belopp, tidslängder eller datum av samma typ"
        case .remainder: "rest(heltal, heltal): heltal"
        case .element: "element(lista, heltal)"
        case .wholeMonthsBetween: "hela_månader_mellan(datum, datum): heltal"
        }
    }
}
