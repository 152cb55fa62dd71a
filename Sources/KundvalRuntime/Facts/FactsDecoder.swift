import KundvalChecker
import KundvalDiagnostics

/// One fact that does not match its declared type.
public struct FactError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a program that handles the error (the message says it to people).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The JSON value is of another kind than the type (a text for `ja/nej`, an array for
        /// a record; facts that are not an object).
        case wrongType
        /// A value of the right JSON kind that the type does not accept: not an integer, a date
        /// the calendar lacks, an amount with fractions of öre, a case the enumeration lacks.
        case invalidValue
        /// A field the rules do not declare.
        case unknownField
        /// A field that must be given (its type has no `kan saknas`) is left out.
        case missing
        /// `null` for a field that must be given.
        case nullNotAllowed
        /// The facts are larger than an evaluation can read.
        case limit
    }

    /// The JSON path, such as `anordnare.personer[2].roll`.
    public let path: String
    /// The expected type as written in the rules.
    public let expected: String
    /// One Swedish sentence.
    public let message: String
    /// What is wrong.
    public let kind: Kind

    /// An error at `path`.
    public init(path: String, expected: String, message: String, kind: Kind) {
        (self.path, self.expected, self.message, self.kind) = (path, expected, message, kind)
    }

    /// `path: message (väntade typ)`.
    public var description: String { "\(path): \(message) (väntade `\(expected)`)" }
}

/// The facts of one evaluation, validated against the declared fact types.
public struct Facts: Sendable {
    /// Every field path below the root facts in flat slots (see `FactLayout`), with their
    /// truths, and the root facts themselves: the only reference, so that passing facts
    /// around touches one object.
    let storage: FactStorage

    /// The root facts by index, as the compiled rules read them (a new array on each read).
    public var values: [Value] { (0..<storage.roots.count).map { storage.roots[$0] } }

    init(values: [Value], layout: FactLayout) {
        self.storage = layout.storage(values)
    }
}

/// Turns JSON into facts, checking every value against its declared type. All mismatches
/// are reported together; nothing is evaluated on invalid input.
public struct FactsDecoder: Sendable {
    let records: [String: RecordType]
    let enumerations: [String: EnumerationType]
    let roots: [RecordType.Field]
    let layout: FactLayout
    /// Field indices by name, per record type (`""` for the root facts).
    let fieldIndex: [String: [String: Int]]
    /// Each record's field names (`""` for the root facts), matched by bytes (see
    /// ``ByteNames``), first against the field after the previous key; a key spelled in another
    /// Unicode normalization falls back to ``fieldIndex``.
    let fieldBytes: [String: ByteNames]
    /// Each enumeration's cases, matched the same way, with ``caseIndex`` for another
    /// normalization.
    let caseBytes: [String: ByteNames]
    let caseIndex: [String: [String: Int]]

    /// Errors after this many get no "menade du" hint: every mismatch is still reported, but
    /// facts with a hundred thousand wrong keys do not cost a closest-name search each.
    static let hintedErrors = 100
    /// An error about an enumeration value lists at most this many of its cases.
    static let listedCases = 12

    /// A decoder for the facts of a checked document.
    public init(document: CheckedDocument) {
        records = document.records
        enumerations = document.enumerations
        roots = document.facts
        layout = FactLayout(roots: document.facts, records: document.records, enumerations: document.enumerations)
        var index = document.records.mapValues { record in
            Dictionary(record.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        index[""] = Dictionary(document.facts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        fieldIndex = index
        var bytes = document.records.mapValues { record in ByteNames(record.fields.map(\.name)) }
        bytes[""] = ByteNames(document.facts.map(\.name))
        fieldBytes = bytes
        caseBytes = document.enumerations.mapValues { enumeration in ByteNames(enumeration.cases) }
        caseIndex = document.enumerations.mapValues { enumeration in
            Dictionary(enumeration.cases.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// A step of a JSON path; paths are only spelled out when an error is reported.
    enum PathStep {
        case key(String)
        case index(Int)
    }

    static func spell(_ path: [PathStep]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "$" : text
    }

    /// Decodes a JSON text.
    public func decode(json bytes: [UInt8]) -> Result<Facts, FactsProblem> {
        // Valid facts are read straight from the bytes; anything else takes the full path,
        // which reports every problem.
        if let roots = decodeDirectly(bytes) { return facts(roots) }
        do {
            return decode(try JSONParser.parse(bytes))
        } catch {
            return .failure(.malformed(error))
        }
    }

    /// Decodes a parsed JSON object whose keys are the root facts.
    public func decode(_ json: JSON) -> Result<Facts, FactsProblem> {
        var errors: [FactError] = []
        guard case .object(let pairs) = json else {
            return .failure(.invalid([FactError(path: "$", expected: "objekt", message: "fakta ska vara ett JSON-objekt", kind: .wrongType)]))
        }
        var path: [PathStep] = []
        let values = decodeFields(pairs, fields: roots, record: "", owner: "fakta", path: &path, errors: &errors)
        return errors.isEmpty ? facts(values) : .failure(.invalid(errors))
    }

    /// Facts of valid root values, unless their lists hold more fields than a storage can.
    private func facts(_ values: [Value]) -> Result<Facts, FactsProblem> {
        let facts = Facts(values: values, layout: layout)
        guard !facts.storage.isOversized else {
            return .failure(.invalid([FactError(path: "$", expected: "högst \(FactStorage.maximumCells) fält i listornas element",
                                                message: "listorna i fakta har fler element än en bedömning kan läsa", kind: .limit)]))
        }
        return .success(facts)
    }

    private func decodeFields(_ pairs: [(key: String, value: JSON)], fields: [RecordType.Field], record: String,
                              owner: String, path: inout [PathStep], errors: inout [FactError]) -> [Value] {
        var values = [Value](repeating: .unknown, count: fields.count)
        var given = [Bool](repeating: false, count: fields.count)
        let names = fieldBytes[record] ?? ByteNames([])
        var expected = 0
        for (key, value) in pairs {
            path.append(.key(key))
            defer { path.removeLast() }
            guard let index = names.index(of: key, expected: expected) ?? fieldIndex[record]?[key] else {
                let hint = errors.count >= Self.hintedErrors ? ""
                    : Suggestion.closest(to: key, among: fields.map(\.name)).map { "; menade du `\($0)`?" } ?? ""
                // The path names a field the rules lack by its key, shortened as a message
                // quotes input (a key of a megabyte made an error line of that length).
                path[path.count - 1] = .key(Quoting.shortened(key))
                errors.append(FactError(path: Self.spell(path), expected: "ett fält i \(owner)",
                                        message: "fältet finns inte i reglerna" + hint, kind: .unknownField))
                continue
            }
            given[index] = true
            expected = index + 1
            values[index] = decodeValue(value, as: fields[index].type, path: &path, errors: &errors)
        }
        for (index, field) in fields.enumerated() where !field.type.isOptional && !given[index] {
            path.append(.key(field.name))
            errors.append(FactError(path: Self.spell(path), expected: "\(field.type)",
                                    message: "uppgiften saknas men måste anges (typen saknar `kan saknas`)", kind: .missing))
            path.removeLast()
        }
        return values
    }

    private func decodeValue(_ json: JSON, as type: KundvalType, path: inout [PathStep], errors: inout [FactError]) -> Value {
        let spelled = path
        func fail(_ message: String, _ kind: FactError.Kind = .invalidValue) -> Value {
            errors.append(FactError(path: Self.spell(spelled), expected: "\(type)", message: message, kind: kind))
            return .unknown
        }
        if case .null = json {
            return type.isOptional ? .unknown : fail("värdet är `null` men uppgiften måste anges (typen saknar `kan saknas`)", .nullNotAllowed)
        }
        switch (type.unwrapped, json) {
        case (.boolean, .boolean(let flag)):
            return .boolean(flag)
        case (.integer, .number(let text)):
            // Too large to count exactly is not "no integer" (`9223372036854775808` is one), and
            // too many digits is a fraction (`9.223372036854775808`).
            guard let number = Self.exact(text) else {
                if case .tooManyDigits = Self.outOfRange(text) { return fail("\(Quoting.quoted(text)) är inget heltal") }
                return fail("talet \(Quoting.quoted(text)) " + Self.inexact(text))
            }
            guard number.isInteger else { return fail("\(Quoting.quoted(text)) är inget heltal") }
            return .number(number)
        case (.decimal, .number(let text)), (.percent, .number(let text)), (.quantity, .number(let text)):
            guard let number = Self.exact(text) else { return fail("talet \(Quoting.quoted(text)) " + Self.inexact(text)) }
            return .number(number)
        case (.money, .number(let text)):
            func partsOfÖre() -> String { "beloppet \(Quoting.quoted(text)) har delar av öre; ange kronor med högst två decimaler" }
            guard let number = Self.exact(text) else {
                // More than two decimals are parts of an öre, however many digits; more digits
                // with two decimals or fewer are more öre than are counted exactly.
                switch Self.outOfRange(text) {
                case .tooManyDecimals:
                    return fail(partsOfÖre())
                case .tooManyDigits(let decimals) where decimals > 2:
                    return fail(partsOfÖre())
                case .tooManyDigits:
                    return fail("beloppet \(Quoting.quoted(text)) " + (text.hasPrefix("-") ? "är för litet" : "är för stort"))
                case .tooLarge, .tooSmall:
                    return fail("beloppet \(Quoting.quoted(text)) " + Self.inexact(text))
                }
            }
            guard number.isWhole(scaledBy: 100) else { return fail(partsOfÖre()) }
            return .number(number)
        case (.days, .number(let text)), (.months, .number(let text)):
            // Too large to count exactly is not "no whole number" (`9223372036854775808`, `1e400`
            // are; found by an adversarial session), and one too small is negative first.
            guard let number = Self.exact(text) else {
                switch Self.outOfRange(text) {
                case .tooManyDecimals, .tooManyDigits: return fail("\(Quoting.quoted(text)) är inget helt antal")
                case .tooSmall: return fail(Self.negativeDuration(text))
                case .tooLarge: return fail("talet \(Quoting.quoted(text)) är för stort")
                }
            }
            guard number.isInteger else { return fail("\(Quoting.quoted(text)) är inget helt antal") }
            guard number.numerator >= 0 else { return fail(Self.negativeDuration(text)) }
            return .number(number)
        case (.days, .string(let text)), (.months, .string(let text)):
            guard let number = Self.duration(text, months: type.unwrapped == .months) else {
                return fail(Self.durationProblem(text, months: type.unwrapped == .months))
            }
            guard number.numerator >= 0 else { return fail(Self.negativeDuration(text)) }
            return .number(number)
        case (.date, .string(let text)):
            guard let day = Day(text) else { return fail(Day.problem(with: text)) }
            return .date(day)
        case (.text, .string(let text)):
            return .text(text)
        case (.enumeration(let name), .string(let text)):
            guard let index = caseBytes[name]?.index(of: text, expected: 0) ?? caseIndex[name]?[text] else {
                let cases = enumerations[name]?.cases ?? []
                let hint = errors.count >= Self.hintedErrors ? ""
                    : Suggestion.closest(to: text, among: cases).map { "; menade du `\($0)`?" } ?? ""
                let listed = cases.count <= Self.listedCases ? cases.joined(separator: ", ")
                    : cases.prefix(Self.listedCases - 2).joined(separator: ", ") + " och \(cases.count - Self.listedCases + 2) till"
                return fail("\(Quoting.quoted(text)) är inget av värdena " + listed + hint)
            }
            return .enumCase(index)
        case (.record(let name), .object(let pairs)):
            return .record(decodeFields(pairs, fields: records[name]?.fields ?? [], record: name, owner: name,
                                        path: &path, errors: &errors))
        case (.list(let element), .array(let items)):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                values.append(decodeValue(item, as: element, path: &path, errors: &errors))
                path.removeLast()
            }
            return .list(values)
        case (.quantity, .string(let text)), (.money, .string(let text)), (.percent, .string(let text)):
            // `"180 hp"`, `"16500 kr"`: a number with its unit, as the rules write it; JSON gives
            // the number alone (the unit is the field's).
            // The number is every word but the unit after it, its thousands' spaces removed
            // (`"16 500 kr"` is 16500, not 16).
            var words = text.split(whereSeparator: \.isWhitespace)
            if words.count > 1 { words.removeLast() }
            let number = words.joined().replacingOccurrences(of: ",", with: ".")
            let hint = words.count <= 8 && Self.exact(number) != nil ? "; skriv talet utan enhet: \(Quoting.quoted(number))" : ""
            return fail("värdet är \(Self.kind(of: json))" + hint, .wrongType)
        default:
            return fail("värdet är \(Self.kind(of: json))", .wrongType)
        }
    }

    static func kind(of json: JSON) -> String {
        switch json {
        case .null: "null"
        case .boolean: "ett sanningsvärde"
        case .number(let text): "talet \(Quoting.shortened(text))"
        case .string(let text): "texten \"\(text.prefix(40))\""
        case .array: "en lista"
        case .object: "ett objekt"
        }
    }

    /// A JSON number as an exact rational (`12.5`, `-3`, `1e3`): exact when its significant
    /// digits, as an integer, fit 64 bits (at most 9223372036854775807) and its value needs at
    /// most 18 decimals, however many zeros it is written with (`0e400` is 0 and
    /// `1.000000000000000000000` is 1; both were refused as too large or too precise; found by
    /// an adversarial session). Nil for any text that is no JSON number.
    static func exact(_ text: String) -> Rational? {
        guard let number = DecimalNumber(text) else { return nil }
        guard number.digitCount > 0 else { return .zero }
        guard number.digitCount <= 19, number.significand <= UInt64(Int64.max) else { return nil }
        let significand = number.negative ? -Int64(number.significand) : Int64(number.significand)
        if number.exponent < 0 {
            guard number.exponent >= -18 else { return nil }
            return try? Rational(scaled: significand, scale: -number.exponent)
        }
        var value = significand
        for _ in 0..<min(number.exponent, 19) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        return Rational(integer: value)
    }

    /// Why a JSON number is not exact here: too many decimals (`1.5e-300`, `0.000…1`, which
    /// were called too large; found by an adversarial session), or too large, or too small
    /// (`-9223372036854775808`, which was called too large: numbers are exact from
    /// -9223372036854775807 to 9223372036854775807, decimals counted as digits).
    static func inexact(_ text: String) -> String {
        switch outOfRange(text) {
        case .tooManyDecimals: "har för många decimaler för att räknas exakt"
        case .tooManyDigits: "har för många siffror för att räknas exakt"
        case .tooLarge: "är för stort"
        case .tooSmall: "är för litet"
        }
    }

    /// How a JSON number that ``exact(_:)`` refuses is out of its range.
    enum OutOfRange {
        /// Its value needs more than 18 decimals.
        case tooManyDecimals
        /// Its value is within the range, but its significant digits, as an integer, do not fit
        /// 64 bits (`10.000000000000000001`, which was "för stort"; found by review): always a
        /// number with decimals, `decimals` of them.
        case tooManyDigits(decimals: Int)
        case tooLarge
        case tooSmall
    }

    /// How the JSON number `text`, which ``exact(_:)`` refuses, is out of its range: a value
    /// that needs more than 18 decimals has too many, however many digits it is written with;
    /// a value further from zero than 9223372036854775807 is too large or too small; any
    /// other has too many digits.
    static func outOfRange(_ text: String) -> OutOfRange {
        // The JSON reader accepted `text`: it is a number.
        guard let number = DecimalNumber(text) else { return .tooLarge }
        if number.exponent < -18 { return .tooManyDecimals }
        if number.exceedsLargestInteger { return number.negative ? .tooSmall : .tooLarge }
        return .tooManyDigits(decimals: -number.exponent)
    }

    /// The path of the first negative duration among facts made otherwise than from JSON (a
    /// rule file's example and its tests' `med` lines), which the decoders would refuse:
    /// `anordnare.uppdrag[1].brist_dagar`, or nil.
    func negativeDuration(in roots: [Value]) -> String? {
        func walk(_ value: Value, _ type: KundvalType, _ path: String) -> String? {
            switch (type.unwrapped, value) {
            case (.days, .number(let number)), (.months, .number(let number)):
                return number.numerator < 0 ? path : nil
            case (.record(let name), .record(let fields)):
                guard let record = records[name] else { return nil }
                for (field, value) in zip(record.fields, fields) {
                    if let found = walk(value, field.type, path + "." + field.name) { return found }
                }
                return nil
            case (.list(let element), .list(let values)):
                for (index, value) in values.enumerated() {
                    if let found = walk(value, element, path + "[\(index)]") { return found }
                }
                return nil
            default:
                return nil
            }
        }
        for (field, value) in zip(self.roots, roots) {
            if let found = walk(value, field.type, field.name) { return found }
        }
        return nil
    }

    /// Why `text` is no duration of the field's kind: a duration in the other kind of unit
    /// (weeks for a field counted in months, months for one counted in days: a month has no
    /// fixed number of days), or no duration at all.
    static func durationProblem(_ text: String, months: Bool) -> String {
        let parts = text.split(separator: " ")
        // A whole number, however large (`99999999999999999999 dagar` is days, too many of them).
        let whole = parts.count == 2 && {
            let digits = parts[0].first.map { "+-".contains($0) } == true ? parts[0].dropFirst() : parts[0]
            return !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
        }()
        let unit = whole ? String(parts[1]) : nil
        if months, let unit, ["dag", "dagar", "vecka", "veckor"].contains(unit) {
            return "\(Quoting.quoted(text)) är \(unit.hasPrefix("dag") ? "dagar" : "veckor"), men uppgiften räknas i hela månader eller år "
                + "(en månad har inget bestämt antal dagar); skriv till exempel \"3 månader\""
        }
        if !months, let unit, ["månad", "månader", "år"].contains(unit) {
            return "\(Quoting.quoted(text)) är \(unit == "år" ? "år" : "månader"), men uppgiften räknas i dagar eller veckor "
                + "(\(unit == "år" ? "ett år" : "en månad") har inget bestämt antal dagar); skriv till exempel \"2 veckor\""
        }
        // The unit fits, so the amount could not be counted: `9223372036854775807 veckor` is
        // more days than can be counted (it was called no duration; found by an adversarial
        // session), and one below zero is negative first.
        if let unit, (months ? ["månad", "månader", "år"] : ["dag", "dagar", "vecka", "veckor"]).contains(unit) {
            return text.hasPrefix("-") ? negativeDuration(text) : "tidslängden \(Quoting.quoted(text)) är för stor"
        }
        return "\(Quoting.quoted(text)) är ingen tidslängd; skriv till exempel " + (months ? "\"3 månader\"" : "\"2 veckor\"")
    }

    /// A duration a fact gives is a length of time: never negative (the days of a shortfall,
    /// a program's length). Computed durations may be (`dagar_mellan`), facts may not.
    static func negativeDuration(_ text: String) -> String {
        "\(Quoting.quoted(text)) är en negativ tidslängd; en uppgift om tid anges som 0 eller mer"
    }

    /// `"12 veckor"`, `"14 dagar"`, `"3 månader"`, `"2 år"`: days or months.
    static func duration(_ text: String, months: Bool) -> Rational? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let amount = Int64(parts[0]) else { return nil }
        let factor: Int64
        switch (months, parts[1]) {
        case (false, "dag"), (false, "dagar"): factor = 1
        case (false, "vecka"), (false, "veckor"): factor = 7
        case (true, "månad"), (true, "månader"): factor = 1
        case (true, "år"): factor = 12
        default: return nil
        }
        let (value, overflow) = amount.multipliedReportingOverflow(by: factor)
        return overflow ? nil : Rational(integer: value)
    }
}

/// Why facts could not be used.
public enum FactsProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON text is malformed.
    case malformed(JSONSyntaxError)
    /// The JSON is well-formed but facts do not match their types.
    case invalid([FactError])

    /// One line per problem, in Swedish.
    public var lines: [String] {
        switch self {
        case .malformed(let error): ["rad \(error.line), kolumn \(error.column): \(error.message)"]
        case .invalid(let errors): errors.map(\.description)
        }
    }

    /// The lines, one per problem.
    public var description: String { lines.joined(separator: "\n") }
}
