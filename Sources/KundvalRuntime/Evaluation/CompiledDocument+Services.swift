import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// A service (`insats`) compiled: which providers its requirements apply to, and the
/// requirements, as value code; the decisions for a provider that does not offer the service
/// and for one that meets every requirement are made once, at load time. A class, so that
/// iterating the services on the hot path retains one object instead of copying every field.
final class CompiledService: Sendable {
    let name: String
    let title: String?
    let applicability: CodeBox?
    let requirements: [(label: String?, text: String, code: CodeBox)]
    let notOffered: ServiceDecision
    let met: ServiceDecision
    /// `gäller när` and the requirements as typed expressions, for the truth programs of the
    /// assessment plans.
    let applicabilityExpression: TypedExpression?
    let requirementExpressions: [TypedExpression]

    init(_ service: CheckedService, file: SourceFile, compiler: Compiler) {
        name = service.name
        title = service.title
        applicabilityExpression = service.applicability?.expression
        requirementExpressions = service.requirements.map(\.body.expression)
        applicability = service.applicability.map { CodeBox(run: compiler.compile($0.expression)) }
        requirements = service.requirements.map { requirement in
            (requirement.label, CompiledDocument.singleLine(file, requirement.body.expression.span),
             CodeBox(run: compiler.compile(requirement.body.expression)))
        }
        notOffered = ServiceDecision(name: name, title: title, status: .notApplicable, reasons: ["anordnaren erbjuder inte insatsen"])
        met = ServiceDecision(name: name, title: title, status: .met, reasons: [])
    }
}

/// The status of one service's requirements (the insatsvillkor) for one provider.
public struct ServiceDecision: Hashable, Sendable, Codable {
    /// The service's name, such as `fai_1`.
    public let name: String
    /// Its title in the document.
    public let title: String?
    /// `uppfyllt`, `ej uppfyllt`, `underlag saknas`, or `ej tillämpligt` when the provider does
    /// not offer the service (`gäller när` is false).
    public let status: ConditionStatus
    /// The requirements not met or not decided, in Swedish.
    public let reasons: [String]
    /// When the service is `underlag saknas`, the facts its requirements (or whether it is
    /// offered) read as unknown: what to ask for. Empty otherwise.
    public let missingFacts: [String]

    /// A service's decision; `missingFacts` are kept only for one that is `underlag saknas`.
    init(name: String, title: String?, status: ConditionStatus, reasons: [String], missingFacts: [String] = []) {
        (self.name, self.title, self.status, self.reasons) = (name, title, status, reasons)
        self.missingFacts = status == .missingEvidence ? missingFacts : []
    }

    /// The same decision with the facts it misses.
    func with(missingFacts: [String]) -> ServiceDecision {
        ServiceDecision(name: name, title: title, status: status, reasons: reasons, missingFacts: missingFacts)
    }

    private enum CodingKeys: String, CodingKey { case name, title, status, reasons, missingFacts }

    /// Reads a stored decision; one stored before services named their missing facts has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  title: try container.decodeIfPresent(String.self, forKey: .title),
                  status: try container.decode(ConditionStatus.self, forKey: .status),
                  reasons: try container.decode([String].self, forKey: .reasons),
                  missingFacts: try container.decodeIfPresent([String].self, forKey: .missingFacts) ?? [])
    }
}

extension CompiledService {
    /// The service's status: not applicable when the provider does not offer it; otherwise met
    /// when every requirement holds, not met when one fails, missing evidence when one is unknown.
    /// With the decision, unless it is one of those prepared (``notOffered``, ``met``).
    func decide(_ context: EvaluationContext) throws(EvaluationError) -> (ConditionStatus, ServiceDecision?) {
        context.base = 0
        if let applicability {
            switch try applicability.run(context) {
            case .boolean(false): return (.notApplicable, nil)
            case .boolean(true): break
            default: return (.missingEvidence, offeringUnknown)
            }
        }
        var status = ConditionStatus.met
        var reasons: [String] = []
        // As for a condition's requirements: one `nej` decides even when another requirement
        // could not be computed; otherwise such an error stands.
        var failure: EvaluationError?
        for requirement in requirements {
            context.base = 0
            let holds: Value
            do throws(EvaluationError) { holds = try requirement.code.run(context) } catch {
                failure = failure ?? error
                reasons.append("kravet kunde inte beräknas (\(error.message)): " + (requirement.label ?? requirement.text))
                continue
            }
            let truth: Truth = switch holds {
            case .boolean(true): .yes
            case .boolean(false): .no
            default: .unknown
            }
            Self.add(truth, of: requirement, to: &status, &reasons)
        }
        if let failure, status != .notMet { throw failure }
        return (status, status == .met ? nil : ServiceDecision(name: name, title: title, status: status, reasons: reasons))
    }
}

extension CompiledService {
    /// The decision when it cannot be decided whether the provider offers the service.
    var offeringUnknown: ServiceDecision {
        ServiceDecision(name: name, title: title, status: .missingEvidence,
                        reasons: ["det går inte att avgöra om anordnaren erbjuder insatsen"])
    }

    /// Adds what requirement `requirement`'s truth `holds` says to a service's status and
    /// reasons, in the order of its requirements: a `nej` makes the service not met, an unknown
    /// leaves it undecided unless it is not met (the value code and the checks' program alike).
    static func add(_ holds: Truth, of requirement: (label: String?, text: String, code: CodeBox),
                    to status: inout ConditionStatus, _ reasons: inout [String]) {
        switch holds {
        case .yes:
            return
        case .no:
            status = .notMet
            reasons.append(CompiledDocument.Reasons.requirementNotMet + (requirement.label ?? requirement.text))
        default:
            if status == .met { status = .missingEvidence }
            reasons.append("det går inte att avgöra: " + (requirement.label ?? requirement.text))
        }
    }

    /// The decision with its reasons, for a service whose status the evaluation's program
    /// decided (see ``AssessmentPlan/detail(_:status:context:)``).
    func detail(status: ConditionStatus, context: EvaluationContext) -> ServiceDecision {
        do {
            if let decision = try decide(context).1 { return decision }
        } catch {
            return ServiceDecision(name: name, title: title, status: status,
                                   reasons: ["skälen kunde inte beräknas: \(error.message)"])
        }
        return prepared(for: status)
    }

    /// The facts whether the service is offered and its requirements read as unknown, each
    /// once: evaluated again under an observer (only for a service that is `underlag saknas`).
    func missingFacts(storage: FactStorage, date: Day, definitionCount: Int) -> [String] {
        UnknownFactsObserver.paths(storage: storage, date: date, definitionCount: definitionCount) { observed in
            observed.base = 0
            if let applicability {
                // Not known to be offered: what decides that is what is missing.
                guard case .boolean(true) = try? applicability.run(observed) else { return }
            }
            for requirement in requirements {
                observed.base = 0
                _ = try? requirement.code.run(observed)
            }
        }
    }

    /// The decision prepared for a service that is met or not offered.
    func prepared(for status: ConditionStatus) -> ServiceDecision {
        status == .met ? met : notOffered
    }
}
