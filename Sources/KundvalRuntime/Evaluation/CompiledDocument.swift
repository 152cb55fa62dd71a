import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// One kundval (or reglemente) compiled for evaluation: the conditions in force with their
/// value code (which explanations observe), the assessment kinds, and the fact decoder.
/// Immutable and `Sendable`.
public struct CompiledDocument: Sendable {
    /// The document's name.
    public let name: String
    /// Its version.
    public let version: String?
    /// `reglemente` or `kundval`.
    public let kind: DocumentKind
    /// The nämnd, for a kundval.
    public let committee: String?
    /// `gäller från`, or else `fastställd`.
    public let validFrom: Day?
    /// The reglemente's name and version, for a kundval.
    public let reglemente: String?
    /// The assessment kinds that can be used, by name.
    public let assessmentNames: [String]
    /// Decodes and validates facts for this document.
    public let decoder: FactsDecoder
    /// The rules this document's decisions are made by: `sha256:` and the SHA-256 of its rule
    /// files (the reglemente's, then the kundval's), each as its length and its bytes. Every
    /// decision carries it (`"regler"` in its JSON).
    public let rulesHash: String

    /// The file the document came from.
    public var path: String { files.last?.path ?? "" }

    /// The document's own source file (a kundval's, not its reglemente's): the file its tests'
    /// results and its examples' problems point into.
    public var sourceFile: SourceFile { files[files.count - 1] }

    let files: [SourceFile]
    let conditions: [CompiledCondition]
    let assessments: [String: CheckedAssessment]
    let definitionCount: Int
    let formatter: ValueFormatter
    /// The definitions without parameters, with their types as written: reported with a
    /// decision (but for those the sanction policy ties to a step, reported with it instead) and
    /// computed by ``value(of:facts:date:)``.
    let computations: [(name: String, code: Code, type: TypeDescription, typeName: String)]
    /// Where in ``computations`` those reported with a decision are, in order: all but the
    /// definitions the sanction policy ties to a step. Found once, when compiling: a set of their
    /// names made for every decision hashed Swedish names, a fifth of the work of a batch's
    /// decision of 002.
    let reportedComputations: [Int]
    /// The same as the value results of one program (see `CompiledDocument+Computations.swift`).
    let computationProgram: ComputationProgram?
    let sanctionTables: [String: CompiledSanctionTable]
    /// For each assessment kind, what can be decided before any facts are seen.
    let plans: [String: AssessmentPlan]
    /// The same, found by the name's UTF-8 bytes: there are few kinds, and comparing bytes is
    /// cheaper than hashing a Swedish name.
    let planList: [(name: [UInt8], plan: AssessmentPlan)]
    /// The number of root facts.
    let rootCount: Int
    /// The examples the document's tests may start from, by name: its own file's, and a
    /// kundval's reglemente's.
    let examples: [String: CompiledExample]
    /// The tests written in the document's own file.
    let tests: [CompiledTest]
    /// The services (insatser) of the document, with their requirements.
    let services: [CompiledService]
    /// The sanction ladder, the tables that choose steps, the policy and its amounts.
    let sanctions: SanctionPlan
    /// The grounds for de-authorization.
    let deauthorizations: [CompiledDeauthorization]
    /// What compiling one more expression in this document needs (an expression at a prompt).
    let environment: CompileEnvironment
}

/// The names a compiler of a document's expressions resolves: kept with the compiled document so
/// that an expression checked later (at a prompt) compiles without the document being compiled
/// again.
struct CompileEnvironment: Sendable {
    let definitions: [String: CheckedDefinition]
    let tables: [String: CheckedTable]
    let definitionIndex: [String: Int]
    let enumerations: [String: EnumerationType]
    /// The document's own file among its files.
    let ownFile: Int
}


/// A condition in force. A class, so that iterating the conditions on the fast path retains one
/// object instead of copying every field.
final class CompiledCondition: Sendable {
    let number: ConditionNumber
    /// `10.1`, computed once.
    let numberText: String
    let title: String?
    let parts: [CompiledPart]
    let isSwitchedOff: Bool

    init(number: ConditionNumber, numberText: String, title: String?, parts: [CompiledPart], isSwitchedOff: Bool) {
        self.number = number
        self.numberText = numberText
        self.title = title
        self.parts = parts
        self.isSwitchedOff = isSwitchedOff
    }
}

/// The general or the specific half of a condition (a class, like ``CompiledCondition``).
final class CompiledPart: Sendable {
    let file: Int
    let isSwitchedOff: Bool
    /// Whether the part has a `gäller när` or a requirement (a part with neither, no control
    /// point and no consequence only adds text).
    let hasPredicate: Bool
    /// The control points (`underlag`), the part's own or, for a sub-condition without any,
    /// those of the condition above it.
    let controlPoints: [CheckedEvidence]
    /// `gäller när`: value code, which also reports to an observer (see ``EvaluationObserver``).
    let applicability: Code?
    /// Each requirement: its label, where it is, its code, and the reason given when it fails
    /// (made once: `kravet är inte uppfyllt: ` and the label or the requirement's text).
    let requirements: [(label: String?, span: SourceSpan, code: Code, failure: String)]
    /// `gäller när` and the requirements as typed expressions, for the truth programs of the
    /// assessment plans.
    let applicabilityExpression: TypedExpression?
    let requirementExpressions: [TypedExpression]
    /// The documents the part's own control points ask for.
    let documents: [CompiledEvidenceDocument]
    let evidence: [(kind: EvidenceKind, description: String?)]
    /// The row's `vid brist`, the part's own or, for a sub-condition without one, that of the
    /// condition above it.
    let consequences: [ConsequenceSyntax.Kind]
    /// Whether the part only adds text: it has no requirement, no `gäller när` and no document of
    /// its own to check (a refinement with a `förtydligande`, a sub-condition that describes a
    /// procedure). Such a part is never decided on its own: it would always be met.
    var isTextOnly: Bool { !hasPredicate && documents.isEmpty }
    /// `lydelse` and `förtydligande`, for explanations to people.
    let wording: String?
    let clarification: String?

    init(file: Int, isSwitchedOff: Bool, controlPoints: [CheckedEvidence],
         applicability: Code?,
         requirements: [(label: String?, span: SourceSpan, code: Code, failure: String)],
         applicabilityExpression: TypedExpression?, requirementExpressions: [TypedExpression],
         documents: [CompiledEvidenceDocument],
         evidence: [(kind: EvidenceKind, description: String?)], consequences: [ConsequenceSyntax.Kind],
         wording: String? = nil, clarification: String? = nil) {
        self.applicabilityExpression = applicabilityExpression
        self.requirementExpressions = requirementExpressions
        self.wording = wording
        self.clarification = clarification
        self.file = file
        self.isSwitchedOff = isSwitchedOff
        self.hasPredicate = applicability != nil || !requirements.isEmpty
        self.controlPoints = controlPoints
        self.applicability = applicability
        self.requirements = requirements
        self.documents = documents
        self.evidence = evidence
        self.consequences = consequences
    }
}

/// A document a control point asks for: present or not, and its age when it has one.
struct CompiledEvidenceDocument: Sendable {
    /// The kind of its control point.
    let kind: EvidenceKind
    /// The document's value code.
    let code: Code
    /// The document as the rules name it, for the trace of its check (see `TraceNode.swift`).
    let expression: TypedExpression
    /// The fact as written (`anordnare.registreringsbevis`).
    let path: String
    let maximumAge: DocumentAge?
    /// For a record document: the index of its `utfärdat` field.
    let issuedField: Int?
    /// Where a truth program reads the document: `nil` when the document is not a fact with a
    /// slot of its own, or its `utfärdat` field has none (the slow path checks it then).
    let slots: Slots?
    /// For a document with a largest age: the steps an explanation shows of its check.
    let agePoints: AgePoints?

    /// What an explanation shows of a document's age check, beside the document itself: the
    /// date it was issued (for a record, its `utfärdat` field; a date document is its own date)
    /// and whether it is young enough on the assessment date
    /// (`oppenvard-001.kundval rad 97: \`anordnare.registreringsbevis högst 3 månader gammalt\` är sant`),
    /// `okänt` when it has no date.
    final class AgePoints: Sendable {
        let issued: TracePoint?
        let age: TracePoint

        init(issued: TracePoint?, age: TracePoint) {
            (self.issued, self.age) = (issued, age)
        }
    }

    /// The fact slots of a document.
    struct Slots: Sendable {
        /// Where the date it was issued is.
        enum Issued: Sendable {
            /// The document is a date itself.
            case itself
            /// In the slot of its `utfärdat` field.
            case field(slot: Int)
            /// Nowhere: a document of another type, or a record without `utfärdat`.
            case none
        }

        /// The document's slot.
        let document: Int
        let issued: Issued
    }
}

struct CompiledSanctionTable: Sendable {
    /// The table's place among the document's sanction tables (for the choices an evaluation
    /// keeps: see ``SanctionPlan/choice(of:named:context:)``).
    let index: Int
    let code: Code
    let inputs: [(name: String, code: Code, type: TypeDescription)]
    /// For each input of an enumeration, its cases' names (nil for the others): a choice's
    /// factors name a case by its index, without looking the enumeration up by name.
    let inputCases: [[String]?]
    let resultEnumeration: String
    /// The inputs' values and the table's, as the value results of a program (see
    /// `SanctionTableChoice.swift`); nil when they need value code.
    let program: TruthProgram?
}
