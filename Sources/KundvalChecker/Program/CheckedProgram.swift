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
    public var documents: [(document: CheckedBody, maximumAge: Quantity?)]
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

    /// Where an example's facts come from.
    public enum Source: Sendable {
        /// A record of root facts.
        case inline(CheckedBody)
        /// A JSON file, relative to the rule file.
        case file(String)
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
    /// Facts changed from the example: a path of field names and a value.
    public var overrides: [(path: [String], value: CheckedBody)]
    /// The expectations.
    public var expectations: [Expectation]
    /// Typed `förväntas att` expressions, in order.
    public var assertions: [CheckedBody]
    /// Where the test was written.
    public var span: SourceSpan
}
