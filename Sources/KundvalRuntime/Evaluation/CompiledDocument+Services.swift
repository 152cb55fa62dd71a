import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// A service (`insats`) compiled: which providers its requirements apply to, and the requirements.
struct CompiledService: Sendable {
    let name: String
    let title: String?
    let applicability: Code?
    let requirements: [(label: String?, text: String, code: Code)]
}

/// The status of one service's requirements (the insatsvillkor) for one provider.
public struct ServiceDecision: Sendable {
    /// The service's name, such as `fai_1`.
    public let name: String
    /// Its title in the document.
    public let title: String?
    /// `uppfyllt`, `ej uppfyllt`, `underlag saknas`, or `ej tillämpligt` when the provider does
    /// not offer the service (`gäller när` is false).
    public let status: ConditionStatus
    /// The requirements not met or not decided, in Swedish.
    public let reasons: [String]
}

extension CompiledService {
    init(_ service: CheckedService, file: SourceFile, compiler: Compiler) {
        name = service.name
        title = service.title
        applicability = service.applicability.map { compiler.compile($0.expression) }
        requirements = service.requirements.map { requirement in
            (requirement.label, CompiledDocument.singleLine(file, requirement.body.expression.span),
             compiler.compile(requirement.body.expression))
        }
    }

    /// The service's status: not applicable when the provider does not offer it; otherwise met
    /// when every requirement holds, not met when one fails, missing evidence when one is unknown.
    func decide(_ context: EvaluationContext) throws(EvaluationError) -> ServiceDecision {
        if let applicability {
            context.base = 0
            switch try applicability(context) {
            case .boolean(false):
                return ServiceDecision(name: name, title: title, status: .notApplicable, reasons: ["anordnaren erbjuder inte insatsen"])
            case .boolean(true):
                break
            default:
                return ServiceDecision(name: name, title: title, status: .missingEvidence,
                                       reasons: ["det går inte att avgöra om anordnaren erbjuder insatsen"])
            }
        }
        var status = ConditionStatus.met
        var reasons: [String] = []
        for requirement in requirements {
            context.base = 0
            switch try requirement.code(context) {
            case .boolean(true):
                continue
            case .boolean(false):
                status = .notMet
                reasons.append("kravet är inte uppfyllt: " + (requirement.label ?? requirement.text))
            default:
                if status == .met { status = .missingEvidence }
                reasons.append("det går inte att avgöra: " + (requirement.label ?? requirement.text))
            }
        }
        return ServiceDecision(name: name, title: title, status: status, reasons: reasons)
    }
}
