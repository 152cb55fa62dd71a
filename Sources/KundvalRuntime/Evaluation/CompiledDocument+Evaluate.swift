import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Why an evaluation could not be made.
public enum EvaluationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The assessment kind is not declared.
    case unknownAssessment(String, known: [String])
    /// A computation failed (overflow, division by zero, a date out of range).
    case computation(EvaluationError, condition: String)
    /// A computation in a service's requirements failed.
    case serviceComputation(EvaluationError, service: String)
    /// The facts were decoded for another document (their slots do not match).
    case factsOfAnotherDocument(String)
    /// A definition reported with the decision (a computation, or the amount of a sanction)
    /// could not be computed.
    case definition(EvaluationError, name: String)
    /// The date or the applicability of a ground for de-authorization could not be computed.
    case deauthorization(EvaluationError, ground: String)
    /// The assessment kind was looked up in another document, or in this document's rules
    /// before they were loaded again (see ``CompiledDocument/assessmentKind(named:)``): its
    /// name, and the document evaluated.
    case assessmentOfAnotherDocument(String, document: String)
    /// The assessment date is outside the calendar (see ``Day/isInCalendar``).
    case dateOutsideCalendar(Day)
    /// An ``AssessmentKind`` named as one of the document's kinds but in another phase (a
    /// stored decision's kind from rules that changed it): the kind given, and the document's.
    case assessmentPhase(AssessmentKind, document: AssessmentKind)
    /// A condition's or a service's computation that failed (``computation(_:condition:)``,
    /// ``serviceComputation(_:service:)``), with the facts the failing check read before the
    /// error, as lines of an explanation (`rad 11: anordnare.d = 9999-12-31`): where to look.
    indirect case located(EvaluationFailure, read: String)

    /// The failure without where it happened (see ``located(_:read:)``).
    public var unlocated: EvaluationFailure {
        if case .located(let failure, _) = self { failure } else { self }
    }

    /// One Swedish sentence.
    public var description: String {
        switch self {
        case .unknownAssessment(let name, let known):
            "det finns ingen bedömning \(Quoting.quoted(name)); bedömningar: " + known.map { "`\($0)`" }.joined(separator: ", ")
        case .computation(let error, let condition): "villkor \(condition) kunde inte beräknas: \(error.message)"
        case .located(let failure, let read): failure.description + "; uppgifter som lästes: " + read
        case .serviceComputation(let error, let service): "kraven för insatsen `\(service)` kunde inte beräknas: \(error.message)"
        case .factsOfAnotherDocument(let document):
            "fakta är avkodade för ett annat dokument än `\(document)`; avkoda dem med dokumentets `decoder`"
        case .definition(let error, let name): "definitionen `\(name)` kunde inte beräknas: \(error.message)"
        case .deauthorization(let error, let ground): "grunden för avauktorisation ”\(ground)” kunde inte beräknas: \(error.message)"
        case .assessmentOfAnotherDocument(let name, let document):
            "bedömningen `\(name)` hör inte till dokumentet `\(document)` som det är laddat nu; "
                + "slå upp den med dokumentets `assessmentKind(named:)` (också efter att reglerna laddats om)"
        case .dateOutsideCalendar(let date): "bedömningsdatumet är \(date); ett datum ligger mellan åren 1 och 9999"
        case .assessmentPhase(let given, let own):
            "bedömningen `\(given.name)` gavs i fasen \(given.phase.rawValue) men är i fasen \(own.phase.rawValue) i reglerna"
        }
    }
}

extension CompiledDocument {
    /// Evaluates the document for one provider: a pure function of the rules, the facts, the
    /// assessment kind and the assessment date. No clock, no I/O; always terminates.
    ///
    /// - Parameters:
    ///   - explain: build a full explanation for every condition (slower: each condition is
    ///     evaluated again with an observer on its value code).
    ///   - computations: also compute every definition without parameters.
    public func evaluate(_ facts: Facts, assessment: String, date: Day, explain: Bool = false,
                         computations includeComputations: Bool = false) throws(EvaluationFailure) -> Decision {
        guard let plan = plan(for: assessment) else {
            throw .unknownAssessment(assessment, known: assessmentNames)
        }
        return try evaluate(facts, kind: plan, date: date, explain: explain, computations: includeComputations)
    }

    /// The assessment kind called `name`, for ``evaluate(_:kind:date:explain:computations:)``.
    public func assessmentKind(named name: String) -> AssessmentPlan? { plan(for: name) }

    /// The document's kinds of assessment, in the order of ``assessmentNames``: what
    /// `evaluate(_:assessment:date:)` takes as a kind, and what a decision's
    /// ``Decision/assessment`` is.
    public var assessmentKinds: [AssessmentKind] { assessmentNames.compactMap { plan(for: $0)?.kind } }

    /// Evaluates the document for one provider in an assessment of kind `kind` (one of
    /// ``assessmentKinds``, or a stored decision's ``Decision/assessment``): the document's kind
    /// of that name, which must be of the same phase (an application is never judged as a
    /// follow-up, nor the reverse).
    public func evaluate(_ facts: Facts, assessment kind: AssessmentKind, date: Day, explain: Bool = false,
                         computations includeComputations: Bool = false) throws(EvaluationFailure) -> Decision {
        guard let plan = plan(for: kind.name) else { throw .unknownAssessment(kind.name, known: assessmentNames) }
        guard plan.kind == kind else { throw .assessmentPhase(kind, document: plan.kind) }
        return try evaluate(facts, kind: plan, date: date, explain: explain, computations: includeComputations)
    }

    /// Evaluates the document for one provider with an assessment kind looked up beforehand.
    public func evaluate(_ facts: Facts, kind plan: AssessmentPlan, date: Day, explain: Bool = false,
                         computations includeComputations: Bool = false) throws(EvaluationFailure) -> Decision {
        do {
            return try evaluateUnlocated(facts, kind: plan, date: date, explain: explain, computations: includeComputations)
        } catch {
            throw located(error, plan: plan, storage: facts.storage, date: date)
        }
    }

    /// ``evaluate(_:kind:date:explain:computations:)``, with a failure not yet located.
    private func evaluateUnlocated(_ facts: Facts, kind plan: AssessmentPlan, date: Day, explain: Bool,
                                   computations includeComputations: Bool) throws(EvaluationFailure) -> Decision {
        guard facts.storage.fits(decoder.layout.shape) else { throw .factsOfAnotherDocument(name) }
        // The plan's program reads the slots of this document's layout: a plan of another
        // document, or of these rules before a reload, read past its facts (a few pointers
        // compared: a document has a plan per kind of assessment).
        guard planList.contains(where: { $0.plan === plan }) else { throw .assessmentOfAnotherDocument(plan.name, document: name) }
        guard date.isInCalendar else { throw .dateOutsideCalendar(date) }
        // The context is made only when something needs it (see ``LazyContext``).
        var context = LazyContext(storage: facts.storage, date: date, definitionCount: definitionCount)
        // Explaining: every condition's steps in one log, observed in a context of their own.
        let explainer = explain ? Explainer(plan: plan, storage: facts.storage, date: date, definitionCount: definitionCount,
                                            formatter: formatter) : nil
        // The closure reads only this of the document: capturing `self` copied the whole
        // document into it, a retain and a release of each of its references per decision.
        let services = services
        // Everything the pass decides is returned by it, not written into variables the
        // closure captures: a captured variable is copied out again (a retain and a release
        // of each of its arrays per decision). The memory is made from the program's shape,
        // not by a method of the program, which retained it twice.
        var (statuses, decided, serviceStatuses, decidedServices, anyNotMet, anyMissing, grounds, shortfalls)
            = try TruthProgram.withMemory(plan.program.memoryShape, registers: plan.template.count) { memory throws(EvaluationFailure) in
                try Self.decideStatuses(memory, plan: plan, services: services, context: &context, explainer: explainer)
            }
        // What the decision holds beyond its statuses, made only when there is something: a
        // decision with nothing else holds no empty arrays (each a release when it is dropped).
        // Reasons are made from the facts only for a condition or service not met or undecided,
        // and kept in the details; during operation the details hold what the shortfalls lead
        // to and the grounds for de-authorization.
        let outcome: Outcome
        var details: DecisionDetails?
        if plan.phase.contains(.operation) {
            var sanction: SanctionRecommendation?
            var sanctionChoices: [KeptSanctionChoice] = []
            if anyNotMet {
                sanction = try recommendSanction(plan, statuses: statuses, decided: &decided, shortfalls: shortfalls,
                                                 serviceStatuses: serviceStatuses, context: context.context)
                sanctionChoices = context.context.sanctionChoices
            }
            var deauthorizations = try deauthorizationGrounds(computed: grounds, context: &context)
            // A shortfall whose consequence is de-authorization is a ground of its own, from today.
            if let sanction, sanction.sanction?.name == SanctionLadder.deauthorizationStep {
                deauthorizations.insert(DeauthorizationDecision(shortfallsIn: sanction, date: date), at: 0)
            }
            outcome = plan.phase != .operation ? (anyNotMet ? .notApproved : anyMissing ? .incomplete : .approved)
                : deauthorizations.contains(where: \.hasOccurred) ? .deauthorized
                : anyNotMet ? .shortfalls : anyMissing ? .incomplete : .noShortfalls
            // The amounts of the sanction policy are reported with their step, not here.
            let computed = includeComputations ? try computed(context: context.context) : []
            details = DecisionDetails(sanction: sanction, deauthorizations: deauthorizations, computations: computed,
                                      decided: decided, decidedServices: decidedServices,
                                      sanctionChoices: sanctionChoices, stored: nil)
        } else {
            outcome = anyNotMet ? .notApproved : anyMissing ? .incomplete : .approved
            if anyNotMet || anyMissing || !decided.isEmpty || !decidedServices.isEmpty || includeComputations {
                let computed = includeComputations ? try computed(context: context.context) : []
                details = DecisionDetails(sanction: nil, deauthorizations: [], computations: computed, decided: decided,
                                          decidedServices: decidedServices, sanctionChoices: [], stored: nil)
            }
        }
        return Decision(date: date, outcome: outcome, statuses: statuses, serviceStatuses: serviceStatuses, plan: plan,
                        facts: facts.storage, details: details)
    }

    /// Two lists of decided conditions in the order of the conditions, as one in that order.
    static func merged(_ a: [(index: Int, decision: ConditionDecision)],
                       _ b: [(index: Int, decision: ConditionDecision)]) -> [(index: Int, decision: ConditionDecision)] {
        var result: [(index: Int, decision: ConditionDecision)] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].index < b[j].index) {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        return result
    }

    /// The plan of an assessment kind: by its name's bytes first, then by Unicode equality.
    func plan(for assessment: String) -> AssessmentPlan? {
        for (name, plan) in planList where assessment.utf8.elementsEqual(name) { return plan }
        return plans[assessment]
    }

    /// The value of a definition without parameters for the given facts and date: a named
    /// computation such as a fine, a compensation or a deadline, typed as a decision reports it
    /// (``Computation``: an exact ``ResultValue`` beside its unit, and the text for people).
    /// Computed by the document's program of computations, as `evaluate(…, computations: true)`
    /// computes it; `nil` when there is no such definition.
    ///
    /// - Throws: ``EvaluationFailure/definition(_:name:)`` when it cannot be computed (an
    ///   overflow, a division by zero, a date past the calendar);
    ///   ``EvaluationFailure/factsOfAnotherDocument(_:)`` for facts another document decoded;
    ///   ``EvaluationFailure/dateOutsideCalendar(_:)``.
    public func value(of definition: String, facts: Facts, date: Day) throws(EvaluationFailure) -> Computation? {
        guard facts.storage.fits(decoder.layout.shape) else { throw .factsOfAnotherDocument(name) }
        guard date.isInCalendar else { throw .dateOutsideCalendar(date) }
        guard let index = computations.firstIndex(where: { $0.name == definition }) else { return nil }
        let (name, code, type, typeName) = computations[index]
        let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: definitionCount)
        // The program computes every computation it holds in one run; an error in it leaves
        // the value code to name the error (see `CompiledDocument+Computations.swift`).
        if let value = computationProgram?.value(at: index, in: context) {
            let (shown, unit) = formatter.result(value, as: type)
            return Computation(name: name, type: typeName, value: shown, unit: unit)
        }
        return try Self.computation(name, code, type, typeName, formatter: formatter, context: context)
    }

    /// The reason texts of one kind of assessment, made once.
    struct Reasons: Sendable {
        let notReviewed: [String]
        static let switchedOff = ["förekommer inte i detta kundval"]
        static let doesNotApply = ["villkoret gäller inte för anordnaren"]
        static let applicabilityUnknown = ["det går inte att avgöra om villkoret gäller"]
        /// How a requirement's reason begins when it is not met; its label or text follows.
        static let requirementNotMet = "kravet är inte uppfyllt: "

        /// The reason for a document a control point asks for that is older than it may be:
        /// a newer one is to be given (`underlag saknas`).
        static func tooOld(_ path: String, issued: Day, age: DocumentAge, date: Day) -> String {
            "`\(path)` är utfärdat \(issued) och var mer än \(age) gammalt på bedömningsdatumet \(date); ett nyare behövs"
        }

        /// The reason for a document whose date of issue is after the assessment date: it was
        /// not there on that date, so it is still to be given (`underlag saknas`), as the
        /// program's `document` instruction decides.
        static func issuedAfter(_ path: String, issued: Day, date: Day) -> String {
            "`\(path)` är utfärdat \(issued), efter bedömningsdatumet \(date)"
        }

        /// The reason for a requirement that could not be computed, in a part that is not met
        /// all the same (see `CompiledDocument+Decide.swift`), from its reason when not met.
        static func notComputed(_ failure: String, _ error: EvaluationError) -> String {
            "kravet kunde inte beräknas (\(error.message)): " + failure.dropFirst(requirementNotMet.count)
        }

        /// The reason for a part of a condition that this kind of assessment does not test
        /// while it tests another: `kravet prövas inte vid ansökan: Miljö och klimat`, naming
        /// the part by its requirements as a requirement that is not met is named.
        static func partNotTested(_ part: CompiledPart, assessment: String) -> String {
            let names = part.requirements.map { $0.failure.dropFirst(requirementNotMet.count) }
            return switch names.count {
            case 0: "en del av villkoret prövas inte vid \(assessment)"
            case 1: "kravet prövas inte vid \(assessment): \(names[0])"
            default: "kraven prövas inte vid \(assessment): " + names.joined(separator: "; ")
            }
        }

        init(assessment: String) {
            notReviewed = ["granskas inte vid \(assessment)"]
        }
    }
}
