import KundvalDiagnostics

/// The syntax tree of one `.kundval` file: a document header and the declarations after it.
public struct SourceFileSyntax: Hashable, Sendable {
    /// The `reglemente` or `kundval` header, if the file has one.
    public var header: DocumentHeader?
    /// The declarations in source order.
    public var declarations: [Declaration]

    /// Creates a file's syntax tree.
    public init(header: DocumentHeader?, declarations: [Declaration]) {
        self.header = header
        self.declarations = declarations
    }
}

/// Whether a file is the council's general conditions or a committee's kundval.
public enum DocumentKind: String, Hashable, Sendable {
    /// A version of the general conditions (reglemente för kundval).
    case reglemente
    /// A committee's specific conditions for one kundval.
    case kundval
}

/// `reglemente "…"` or `kundval "…"` with its header clauses.
public struct DocumentHeader: Hashable, Sendable {
    /// Which kind of document.
    public var kind: DocumentKind
    /// The document's name.
    public var name: TextLiteral
    /// Version, decision, dates and the reglemente a kundval refines.
    public var clauses: [HeaderClause]
    /// The whole header.
    public var span: SourceSpan
}

/// One clause of a document header.
public enum HeaderClause: Hashable, Sendable {
    /// `version "31 villkor"`.
    case version(TextLiteral)
    /// `beslutad av "kommunfullmäktige"`.
    case decidedBy(TextLiteral)
    /// `nämnd "Socialnämnden"`.
    case committee(TextLiteral)
    /// `diarienummer "SOCN-2023-00373"`.
    case registrationNumber(TextLiteral)
    /// `fastställd 2024-11-01`.
    case adopted(DateLiteral)
    /// `gäller från 2024-11-01`.
    case validFrom(DateLiteral)
    /// `enligt reglemente "Reglemente för kundval" version "27 villkor"`.
    case refines(name: TextLiteral, version: TextLiteral?)
    /// `anmärkning "…"`: a remark for readers, for example that a date is not stated.
    case note(TextLiteral)
}

/// A top-level declaration.
public enum Declaration: Hashable, Sendable {
    /// `avsnitt "Ekonomi, ledning och försäkring"`.
    case section(TextLiteral)
    /// `villkor 4 "Registreringsbevis" …`.
    case condition(ConditionDecl)
    /// `typ Anordnare …`.
    case type(TypeDecl)
    /// `fakta …`: the root facts an evaluation receives.
    case facts(FactsDecl)
    /// `definition namn(…) = …`.
    case definition(DefinitionDecl)
    /// `insats eftervård "…" …`.
    case service(ServiceDecl)
    /// `tabell val_av_sanktion(…): Sanktion …`.
    case table(DecisionTableDecl)
    /// `bedömning ägarbyte "…" …`.
    case assessment(AssessmentDecl)
    /// `exempel godkänd = { … }`.
    case example(ExampleDecl)
    /// `test "…" …`.
    case test(TestDecl)
    /// `sanktioner enligt val_av_sanktion …`: the document's sanction policy.
    case sanctionPolicy(SanctionPolicyDecl)
    /// `avauktorisation "Avsaknad av uppdrag" …`: a ground for de-authorization.
    case deauthorization(DeauthorizationDecl)
}

// MARK: - Conditions

/// A numbered condition with its clauses.
public struct ConditionDecl: Hashable, Sendable {
    /// `4`, `10.1`, `16.8.4`.
    public var number: ConditionNumber
    /// `18` in `villkor 15–18`: the row refines (or states) every number from ``number`` to this.
    public var lastNumber: ConditionNumber?
    /// The condition's heading.
    public var title: TextLiteral?
    /// `i förekommande fall`: the condition applies only where relevant.
    public var appliesWhereRelevant: Bool
    /// `förekommer inte i detta kundval`: a kundval switches off this general condition.
    public var isSwitchedOff: Bool
    /// The clauses in source order.
    public var clauses: [ConditionClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of a condition.
public enum ConditionClause: Hashable, Sendable {
    /// `lydelse "…"`: the legal text verbatim.
    case wording(TextLiteral)
    /// `förtydligande "…"`: the clarification.
    case clarification(TextLiteral)
    /// `kräver ["etikett":] uttryck`: a predicate that must hold.
    case requirement(label: TextLiteral?, Expression)
    /// `gäller när uttryck`: when the condition applies at all.
    case applicability(Expression)
    /// `underlag …`: the evidence used to check the condition.
    case evidence(EvidenceClause)
    /// `vid brist: …`: the consequence of a shortfall.
    case consequences([ConsequenceSyntax], span: SourceSpan)
    /// `anmärkning "…"`: a remark for readers.
    case note(TextLiteral)
}

/// A control point: one line of the column "Underlag för uppföljning/kontroll", saying when and
/// how the condition is checked, with the documents it asks for and, where the document prints
/// one for this line, its own consequence:
/// `underlag bifogas ansökan "Registreringsbevis": anordnare.registreringsbevis högst 3 månader gammalt`,
/// `underlag uppföljning, vid brist: varning`.
public struct EvidenceClause: Hashable, Sendable {
    /// How the evidence is obtained.
    public var kind: EvidenceKind
    /// A description in the document's words.
    public var description: TextLiteral?
    /// The documents (dated facts) and how old each may be.
    public var documents: [DocumentReference]
    /// `, vid brist: …`: this control point's own consequence; empty when the row's `vid brist`
    /// applies.
    public var consequences: [ConsequenceSyntax]
    /// The whole clause.
    public var span: SourceSpan
}

/// How evidence is obtained (the column "Underlag för uppföljning/kontroll").
public enum EvidenceKind: String, Hashable, Sendable, CaseIterable {
    /// `bifogas ansökan`: attached to the application.
    case attachedToApplication = "bifogas ansökan"
    /// `uppvisas vid auktorisation`: shown when authorized (older reglementen).
    case shownAtAuthorization = "uppvisas vid auktorisation"
    /// `uppföljning`: checked at follow-up.
    case followUp = "uppföljning"
    /// `kontroll`: checked with authorities or credit agencies.
    case check = "kontroll"
    /// `egenförsäkran`: the provider's self-declaration.
    case selfDeclaration = "egenförsäkran"
    /// `informationsplikt`: the provider's duty to report changes.
    case dutyToReport = "informationsplikt"
    /// `egen anmälan`: the provider reports a shortfall itself.
    case ownReport = "egen anmälan"
    /// `anmälan`: someone else reports a shortfall (a customer, a relative, an authority).
    case reportByOthers = "anmälan"
    /// `referenser`: references.
    case references = "referenser"
    /// `vid förändring`: sent in when something changes.
    case onChange = "vid förändring"
}

/// A document named as evidence, with its maximum age.
public struct DocumentReference: Hashable, Sendable {
    /// The dated fact that holds the document.
    public var document: Expression
    /// `högst 3 månader gammalt`.
    public var maximumAge: Quantity?
    /// The whole reference.
    public var span: SourceSpan
}

/// A number with a unit, as in a maximum age or a duration.
public struct Quantity: Hashable, Sendable {
    /// The number.
    public var value: NumberLiteral
    /// The unit.
    public var unit: Unit
    /// Where it was written.
    public var span: SourceSpan
}

/// One consequence of a shortfall.
public struct ConsequenceSyntax: Hashable, Sendable {
    /// Which consequence.
    public var kind: Kind
    /// Where it was written.
    public var span: SourceSpan

    /// The consequences the language knows.
    public enum Kind: Hashable, Sendable {
        /// `ej godkänd auktorisation`: the application is not approved.
        case notApproved
        /// `ej auktorisation`: no authorization (002's wording).
        case noAuthorization
        /// `sanktion [enligt tabell]`: a sanction during operation.
        case sanction(table: Identifier?)
        /// `avauktorisation`: de-authorization.
        case deauthorization
        /// `varning`, `åtgärdsplan`, …: a step of the sanction ladder (a case of `Sanktion`).
        case step(Identifier)

        /// The consequence as a rule file writes it after `vid brist:` (`ej godkänd
        /// auktorisation`, `sanktion enligt val_av_sanktion`, `varning`): the words decisions,
        /// hovers and rendered documents use.
        public var text: String {
            switch self {
            case .notApproved: "ej godkänd auktorisation"
            case .noAuthorization: "ej auktorisation"
            case .sanction(let table): "sanktion" + (table.map { " enligt " + $0.name } ?? "")
            case .deauthorization: "avauktorisation"
            case .step(let step): step.name
            }
        }
    }
}

// MARK: - Sanctions and de-authorization

/// `sanktioner enligt T`: the document's sanction section as a policy. Table `T` (over facts and
/// definitions, giving a step of `Sanktion`) recommends the sanction for every failing condition
/// whose row says `sanktion` without a table of its own; `vid vite: vitesbelopp` names the amount
/// that goes with a step.
public struct SanctionPolicyDecl: Hashable, Sendable {
    /// The decision table that chooses the step.
    public var table: Identifier
    /// The clauses in source order.
    public var clauses: [SanctionPolicyClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of a sanction policy.
public enum SanctionPolicyClause: Hashable, Sendable {
    /// `lydelse "…"`: the document's sanction section.
    case wording(TextLiteral)
    /// `anmärkning "…"`.
    case note(TextLiteral)
    /// `vid vite: vitesbelopp`: the definition whose value goes with a recommended step.
    case amount(step: Identifier, definition: Identifier, span: SourceSpan)
}

/// `avauktorisation "Avsaknad av uppdrag"`: a ground on which the provider is de-authorized,
/// decided with its date (not a sanction for a failing condition).
public struct DeauthorizationDecl: Hashable, Sendable {
    /// The ground's title.
    public var title: TextLiteral
    /// The clauses in source order.
    public var clauses: [DeauthorizationClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of a de-authorization ground.
public enum DeauthorizationClause: Hashable, Sendable {
    /// `lydelse "…"`.
    case wording(TextLiteral)
    /// `anmärkning "…"`.
    case note(TextLiteral)
    /// `gäller när uttryck`: when the ground concerns the provider at all.
    case applicability(Expression)
    /// `från uttryck`: the date from which the provider is de-authorized on this ground.
    case from(Expression)
}
