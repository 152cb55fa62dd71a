import KundvalDiagnostics

/// `insats namn "titel" …`: a service definition with its hard numbers.
public struct ServiceDecl: Hashable, Sendable {
    /// The service's name, for example `FAI_1` or `eftervård`.
    public var name: Identifier
    /// The service's title in the document.
    public var title: TextLiteral?
    /// The clauses in source order.
    public var clauses: [ServiceClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of a service definition.
public enum ServiceClause: Hashable, Sendable {
    /// `lydelse "…"`.
    case wording(TextLiteral)
    /// `kräver ["etikett":] uttryck`.
    case requirement(label: TextLiteral?, Expression)
    /// `gäller när uttryck`: the providers the service's requirements apply to (those offering it).
    case applicability(Expression)
    /// `anmärkning "…"`: the author's note.
    case note(TextLiteral)
    /// `längd: minst 9 månader`.
    case property(ServiceProperty)
}

/// `namn: [minst | högst] värde`.
public struct ServiceProperty: Hashable, Sendable {
    /// The property's name.
    public var name: Identifier
    /// `minst` or `högst`, when the number is a bound.
    public var bound: Bound?
    /// The value.
    public var value: Expression
    /// The whole property.
    public var span: SourceSpan

    /// A lower or upper bound.
    public enum Bound: String, Hashable, Sendable {
        /// `minst`: at least.
        case atLeast = "minst"
        /// `högst`: at most.
        case atMost = "högst"
    }
}

/// `bedömning namn "titel" …`: a kind of assessment.
public struct AssessmentDecl: Hashable, Sendable {
    /// The kind's name, for example `ansökan` or `ägarbyte`.
    public var name: Identifier
    /// The title in the document.
    public var title: TextLiteral?
    /// The clauses in source order.
    public var clauses: [AssessmentClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of an assessment kind.
public enum AssessmentClause: Hashable, Sendable {
    /// `lydelse "…"`.
    case wording(TextLiteral)
    /// `granskar villkor 1–9, 12`.
    case reviews([ConditionRange])
    /// `vid brist: ej godkänd auktorisation`.
    case consequences([ConsequenceSyntax], span: SourceSpan)
    /// `prövar underlag bifogas ansökan, kontroll`: the control points this kind runs.
    case runs([EvidenceKind], span: SourceSpan)
    /// `granskar insatser`: the services are reviewed although only some conditions are.
    case reviewsServices(span: SourceSpan)
}

/// `1–9` or `12` in a list of condition numbers.
public struct ConditionRange: Hashable, Sendable {
    /// The first number.
    public var lower: ConditionNumber
    /// The last number, when a range is written.
    public var upper: ConditionNumber?
    /// Where it was written.
    public var span: SourceSpan
}

// MARK: - Examples and tests

/// `exempel namn = uttryck` or `exempel namn från "fil.json"`: a named set of facts.
public struct ExampleDecl: Hashable, Sendable {
    /// The example's name.
    public var name: Identifier
    /// Where the facts come from.
    public var source: Source
    /// The whole declaration.
    public var span: SourceSpan

    /// The two ways to give an example's facts.
    public enum Source: Hashable, Sendable {
        /// Facts written in the file, usually a record literal.
        case inline(Expression)
        /// Facts read from a JSON file, relative to the rule file.
        case file(TextLiteral)
    }
}

/// `test "namn" …`: a scenario with facts, an assessment and expected results.
public struct TestDecl: Hashable, Sendable {
    /// The test's name.
    public var name: TextLiteral
    /// The clauses in source order.
    public var clauses: [TestClause]
    /// The whole declaration.
    public var span: SourceSpan
}

/// One clause of a test.
public enum TestClause: Hashable, Sendable {
    /// `vid ansökan 2025-03-01`: the assessment kind and date.
    case assessment(kind: Identifier, date: DateLiteral)
    /// `utgår från godkänd`: the example the facts start from.
    case basedOn(Identifier)
    /// `med anordnare.kreditvärdighet = 2`: one fact changed; `med element(anordnare.personal,
    /// 2).utbildad = ja` changes a field of one element of a list.
    case override(path: [FactPathStep], value: Expression)
    /// `förväntas …`.
    case expectation(Expectation)
}

/// One step of the fact a test's `med` changes.
public enum FactPathStep: Hashable, Sendable {
    /// A fact, or a field of the record before it: `anordnare`, `personal`.
    case name(Identifier)
    /// An element of the list before it, counted from 1 as `element` counts: the `2` of
    /// `element(anordnare.personal, 2)`.
    case element(Int, span: SourceSpan)

    /// The name, for a step that is one.
    public var identifier: Identifier? {
        if case .name(let identifier) = self { identifier } else { nil }
    }
}

/// What a test expects.
public enum Expectation: Hashable, Sendable {
    /// `förväntas godkänd`, `förväntas ej godkänd [med brist i villkor 6, 7]`, `förväntas komplettering krävs`;
    /// at a follow-up `förväntas inga brister`, `förväntas brister [i villkor 6, 7]`,
    /// `förväntas avauktorisation`.
    case outcome(ExpectedOutcome, failing: [ConditionNumber], span: SourceSpan)
    /// `förväntas villkor 6 ej uppfyllt`.
    case condition(ConditionNumber, ExpectedStatus, span: SourceSpan)
    /// `förväntas insats fai_1 ej uppfyllt`: the status of a service's requirements.
    case service(Identifier, ExpectedStatus, span: SourceSpan)
    /// `förväntas sanktion varning [för villkor 17]`: the overall recommended sanction, or one
    /// condition's.
    case sanction(Identifier, condition: ConditionNumber?)
    /// `förväntas ingen sanktion`: no step can be recommended (the nämnd chooses, or a factor is
    /// unknown).
    case noSanction(span: SourceSpan)
    /// `förväntas ingen avauktorisation`: at a follow-up, no ground for de-authorization has
    /// occurred.
    case noDeauthorization(span: SourceSpan)
    /// `förväntas att uttryck`: an expression that must be true.
    case holds(Expression)
}

/// The words of an outcome a test expects (`förväntas godkänd`, `förväntas inga brister`): syntax,
/// what an author writes. The runtime's result is `KundvalRuntime.Outcome`, to which the
/// scenarios map these words. An application is `godkänd`, `ej godkänd` or needs
/// `komplettering`; an authorized provider at a follow-up has `inga brister` or `brister`, needs
/// `komplettering`, or is de-authorized (`avauktorisation`).
public enum ExpectedOutcome: String, Hashable, Sendable, CaseIterable {
    /// `godkänd`.
    case approved = "godkänd"
    /// `ej godkänd`.
    case notApproved = "ej godkänd"
    /// `komplettering krävs`: evidence or facts are missing (in either kind of assessment).
    case incomplete = "komplettering krävs"
    /// `inga brister`: a follow-up that found every condition met.
    case noShortfalls = "inga brister"
    /// `brister`: a follow-up that found conditions not met.
    case shortfalls = "brister"
    /// `avauktorisation`: a ground for de-authorization has occurred.
    case deauthorized = "avauktorisation"

    /// Whether the words belong to an assessment of an authorized provider (a follow-up).
    public var isDuringOperation: Bool { self == .noShortfalls || self == .shortfalls || self == .deauthorized }
}

/// The words of a status a test expects (`förväntas villkor 6 ej uppfyllt`): syntax, what an
/// author writes. The runtime's result is `KundvalRuntime.ConditionStatus`.
public enum ExpectedStatus: String, Hashable, Sendable, CaseIterable {
    /// `uppfyllt`.
    case met = "uppfyllt"
    /// `ej uppfyllt`.
    case notMet = "ej uppfyllt"
    /// `underlag saknas`.
    case missingEvidence = "underlag saknas"
    /// `ej tillämpligt`.
    case notApplicable = "ej tillämpligt"
}
