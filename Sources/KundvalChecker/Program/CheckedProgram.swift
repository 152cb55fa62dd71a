import KundvalDiagnostics
import KundvalSyntax

/// The output of the checker: every document of a rule set, linked and typed.
///
/// A checked program exists only when no file has an error; it is immutable and `Sendable`,
/// and is what the interpreter compiles.
public struct CheckedProgram: Sendable {
    /// The documents, reglementen before the kundval that refine them.
    public var documents: [CheckedDocument]

    /// The document with the given name (a kundval's or reglemente's name or version).
    public func document(named name: String) -> CheckedDocument? {
        documents.first { $0.name == name || $0.version == name }
    }
}

/// One checked `.kundval` file.
public struct CheckedDocument: Sendable {
    /// The file the document came from.
    public var path: String
    /// `reglemente` or `kundval`.
    public var kind: DocumentKind
    /// The document's name.
    public var name: String
    /// `version "…"`.
    public var version: String?
    /// `beslutad av "…"`.
    public var decidedBy: String?
    /// `nämnd "…"`.
    public var committee: String?
    /// `diarienummer "…"`.
    public var registrationNumber: String?
    /// `fastställd …`.
    public var adopted: DateLiteral?
    /// `gäller från …`.
    public var validFrom: DateLiteral?
    /// `anmärkning "…"` in the header.
    public var notes: [String]
    /// For a kundval: the index in ``CheckedProgram/documents`` of the reglemente it refines.
    public var reglemente: Int?

    /// Record types in force for this document (a kundval's include its reglemente's, extended).
    public var records: [String: RecordType]
    /// Enumerations in force for this document.
    public var enumerations: [String: EnumerationType]
    /// The root facts, in order (a kundval's start with its reglemente's).
    public var facts: [RecordType.Field]
    /// Definitions in force, by name.
    public var definitions: [String: CheckedDefinition]
    /// Decision tables in force, by name.
    public var tables: [String: CheckedTable]
    /// Assessment kinds in force, by name.
    public var assessments: [String: CheckedAssessment]
    /// This document's own conditions, in source order.
    public var conditions: [CheckedCondition]
    /// This document's services.
    public var services: [CheckedService]
    /// Examples in force, by name.
    public var examples: [String: CheckedExample]
    /// This document's tests.
    public var tests: [CheckedTest]
    /// `sanktioner enligt …`: this document's sanction policy, or its reglemente's.
    public var sanctionPolicy: CheckedSanctionPolicy?
    /// `avauktorisation "…"`: the grounds for de-authorization in force.
    public var deauthorizations: [CheckedDeauthorization]
    /// For a kundval: the reglemente's conditions as this document reads them (enumeration
    /// cases renumbered where the kundval adds cases before existing ones); empty otherwise.
    public var generalConditions: [CheckedCondition]
    /// The rows in force, in number order: for a kundval, the reglemente's general conditions
    /// joined with its own by number, with the consequences and control points each part
    /// inherits (see ``ConditionInForce``); for a reglemente, its own conditions.
    public var conditionsInForce: [ConditionInForce] = []
}

/// A condition after checking.
public struct CheckedCondition: Sendable {
    /// `10.1`.
    public var number: ConditionNumber
    /// The heading.
    public var title: String?
    /// The `avsnitt` the condition stands in.
    public var section: String?
    /// `i förekommande fall`.
    public var appliesWhereRelevant: Bool
    /// `förekommer inte i detta kundval`.
    public var isSwitchedOff: Bool
    /// `lydelse`.
    public var wording: String?
    /// `förtydligande`.
    public var clarification: String?
    /// `anmärkning`.
    public var notes: [String]
    /// `gäller när`.
    public var applicability: CheckedBody?
    /// `kräver`, each with its label.
    public var requirements: [(label: String?, body: CheckedBody)]
    /// `underlag`.
    public var evidence: [CheckedEvidence]
    /// `vid brist`.
    public var consequences: [ConsequenceSyntax.Kind]
    /// The whole declaration.
    public var span: SourceSpan
}

/// Evidence of a condition.
public struct CheckedEvidence: Sendable {
    /// How it is obtained.
    public var kind: EvidenceKind
    /// The document's words.
    public var description: String?
    /// Documents and their maximum ages.
    public var documents: [(document: CheckedBody, maximumAge: DocumentAge?)]
    /// This control point's own consequence (`, vid brist: …`); empty when the row's applies.
    public var consequences: [ConsequenceSyntax.Kind]
}

/// How old a document may be (`högst 3 månader gammalt`), in whole days or whole calendar
/// months: weeks are counted as seven days and years as twelve months when checked, and an age
/// that is no whole number of either, or longer than ``maximumYears`` years, is refused then
/// (K0409). Months are calendar months, never a number of days.
public struct DocumentAge: Sendable, Hashable, CustomStringConvertible {
    /// Days or calendar months.
    public enum Unit: Sendable, Hashable {
        case days
        case months
    }

    /// The number of days or months, at least 0 and at most ``maximumYears`` years.
    public let amount: Int
    /// Whether `amount` counts days or months.
    public let unit: Unit

    /// The longest age a rule may give: no document stays valid that long, and every expiry
    /// date then lies within the calendar of the assessment dates.
    public static let maximumYears = 100

    /// `3 månader`, `14 dagar`, as decision reasons write it.
    public var description: String { "\(amount) \(unit == .days ? (amount == 1 ? "dag" : "dagar") : (amount == 1 ? "månad" : "månader"))" }

    /// The age a quantity gives, or why it is not one.
    public static func of(_ quantity: Quantity) -> Result<DocumentAge, AgeProblem> {
        let (factor, unit): (Int64, Unit)
        switch quantity.unit {
        case .dagar: (factor, unit) = (1, .days)
        case .veckor: (factor, unit) = (7, .days)
        case .månader: (factor, unit) = (1, .months)
        case .år: (factor, unit) = (12, .months)
        default: return .failure(.notADuration)
        }
        // value = scaledValue / 10^scale, so amount = scaledValue × factor / 10^scale, which must
        // be whole and at most the limit. The literal is non-negative (a minus is not a quantity).
        let limit: Int64 = unit == .days ? Int64(maximumYears) * 366 : Int64(maximumYears) * 12
        var numerator = quantity.value.scaledValue
        var scale = quantity.value.scale
        // Trailing zeros after the comma do not change the value (`0,50 år`).
        while scale > 0, numerator % 10 == 0 { numerator /= 10; scale -= 1 }
        var denominator: Int64 = 1
        for _ in 0..<scale {
            let (next, overflow) = denominator.multipliedReportingOverflow(by: 10)
            // A denominator past 64 bits divides nothing a whole number of times.
            if overflow { return .failure(.notWhole(unit)) }
            denominator = next
        }
        let (product, overflow) = numerator.multipliedReportingOverflow(by: factor)
        if overflow || numerator < 0 { return .failure(.tooLong) }
        guard product % denominator == 0 else { return .failure(.notWhole(unit)) }
        let amount = product / denominator
        guard amount <= limit else { return .failure(.tooLong) }
        return .success(DocumentAge(amount: Int(amount), unit: unit))
    }

    /// Why a quantity is not a document age.
    public enum AgeProblem: Error, Sendable, Hashable {
        /// Not in days, weeks, months or years.
        case notADuration
        /// Not a whole number of days (for days and weeks) or months (for months and years).
        case notWhole(Unit)
        /// Longer than ``DocumentAge/maximumYears`` years.
        case tooLong
    }
}

/// A definition after checking.
public struct CheckedDefinition: Sendable {
    /// The name.
    public var name: String
    /// The parameters (slots `0..<parameters.count`).
    public var parameters: [RecordType.Field]
    /// The result type.
    public var resultType: KundvalType
    /// The body.
    public var body: CheckedBody
    /// Where it was declared.
    public var span: SourceSpan
    /// Whether a kundval has it from its reglemente (declared in the reglemente's file, not
    /// in the document's own).
    public var isInherited = false
}

/// A decision table after checking.
public struct CheckedTable: Sendable {
    /// The name.
    public var name: String
    /// One parameter per input column.
    public var parameters: [RecordType.Field]
    /// The result type.
    public var resultType: KundvalType
    /// `i ordning`: the first matching row wins.
    public var isOrdered: Bool
    /// The rows.
    public var rows: [Row]
    /// Where it was declared.
    public var span: SourceSpan
    /// Whether a kundval has it from its reglemente (declared in the reglemente's file, not
    /// in the document's own).
    public var isInherited = false

    /// One row: a test per column (`nil` for `-`) and a result.
    public struct Row: Sendable {
        /// The tests: an operator and a constant, or `nil` for any value.
        public var tests: [(BinaryOperator, TypedExpression)?]
        /// The result.
        public var result: CheckedBody
        /// Where the row was written.
        public var span: SourceSpan
    }
}

/// An assessment kind after checking.
public struct CheckedAssessment: Sendable {
    /// The name.
    public var name: String
    /// The title.
    public var title: String?
    /// The conditions it reviews (empty: all).
    public var reviewedConditions: [ConditionNumber]
    /// The consequences of a shortfall in this kind of assessment.
    public var consequences: [ConsequenceSyntax.Kind]
    /// `prövar underlag …`: the control points it runs; `nil` for those of its phase (see
    /// ``ControlPoints``).
    public var runs: [EvidenceKind]?
    /// `granskar insatser`: services are reviewed although only some conditions are.
    public var reviewsServices: Bool
}

/// A service definition after checking.
public struct CheckedService: Sendable {
    /// The name.
    public var name: String
    /// The title.
    public var title: String?
    /// The wording.
    public var wording: [String]
    /// The properties with their bounds.
    public var properties: [(name: String, bound: ServiceProperty.Bound?, value: CheckedBody)]
    /// The requirements.
    public var requirements: [(label: String?, body: CheckedBody)]
    /// `gäller när`: which providers the requirements apply to (all when `nil`).
    public var applicability: CheckedBody?
    /// Where the service is declared.
    public var span: SourceSpan
}

/// An example after checking.
public struct CheckedExample: Sendable {
    /// The name.
    public var name: String
    /// The facts written in the file, or the JSON file they come from.
    public var source: Source
    /// Where the facts are written: the path of a JSON file, the name of an example written in
    /// the file (a JSON file that cannot be used is reported at its path).
    public var span: SourceSpan
    /// Whether the example is written in the reglemente a kundval refines: the kundval's
    /// tests may start from it, and its span is in the reglemente's file.
    public var isReglementes = false

    /// Where an example's facts come from.
    public enum Source: Sendable {
        /// A record of root facts.
        case inline(CheckedBody)
        /// A JSON file, relative to the rule file's folder and inside it (see ``pathProblem(_:)``).
        case file(String)
    }

    /// The hint of an example's file outside the rule file's folder (K0417), whether its path
    /// says so or a symbolic link on it leads out.
    public static let insideFolderHint = "lägg filen i regelfilens mapp eller en mapp under den, som `exempel/godkand.json`"

    /// Why an example's path does not name a file inside the rule file's folder (or a folder
    /// below it), in Swedish, or `nil` when it does: relative, without a `..` step, without a
    /// backslash or a control character. Rule files read their own examples, nothing else.
    public static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "är tom" }
        if path.hasPrefix("/") || path.hasPrefix("~") { return "är en absolut sökväg" }
        if path.contains("\\") || path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "innehåller `\\` eller ett styrtecken"
        }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "pekar ut ur regelfilens mapp med `..`"
        }
        return nil
    }
}

/// One step of the fact a test changes.
public enum CheckedPathStep: Hashable, Sendable {
    /// A fact, or a field of the record before it, by name.
    case field(String)
    /// An element of the list before it, counted from 1, and where its number is written (a
    /// list shorter than that is reported there).
    case element(Int, span: SourceSpan)

    /// The path as the language writes it: `anordnare.namn`, `element(anordnare.personal,
    /// 2).utbildad`.
    public static func text(of path: [CheckedPathStep]) -> String {
        path.reduce("") { written, step in
            switch step {
            case .field(let name): written.isEmpty ? name : written + "." + name
            case .element(let position, _): "element(\(written), \(position))"
            }
        }
    }
}

/// A test after checking.
public struct CheckedTest: Sendable {
    /// The name.
    public var name: String
    /// The assessment kind and date.
    public var assessment: (kind: String, date: DateLiteral)?
    /// The example the facts start from.
    public var example: String?
    /// Facts changed from the example: a path (the fact, then fields and elements of lists)
    /// and a value.
    public var overrides: [(path: [CheckedPathStep], value: CheckedBody)]
    /// The expectations.
    public var expectations: [Expectation]
    /// Typed `förväntas att` expressions, in order.
    public var assertions: [CheckedBody]
    /// Where the test was written.
    public var span: SourceSpan
}
