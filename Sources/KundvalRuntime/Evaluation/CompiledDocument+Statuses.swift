import KundvalChecker

extension CompiledDocument {
    /// What one evaluation's first pass decides: every condition's and service's status, the
    /// decisions made on the slow path (or prepared, when explaining) by position, whether any
    /// is not met or undecided, and during operation the grounds for de-authorization the
    /// program computed and the conditions it found not met with their parts not met. A tuple,
    /// taken apart where it is returned: each array is moved to the caller, where a struct's
    /// fields were copied out of it (a retain and a release of each per decision).
    typealias StatusPass = (statuses: [ConditionStatus], decided: [(index: Int, decision: ConditionDecision)],
                            serviceStatuses: [ConditionStatus], decidedServices: [(index: Int, decision: ServiceDecision)],
                            anyNotMet: Bool, anyMissing: Bool, grounds: [(applies: Truth, from: Day?)]?,
                            shortfalls: [AssessmentPlan.Shortfall])

    /// Decides every condition and service of `plan`, in `memory` made by its program:
    /// the plan's program decides every condition and service it can at once; a condition it
    /// leaves (evidence to date, a computation error in the program, an explanation) takes the
    /// slow path, the condition's value code, which also finds a computation error again with
    /// its condition.
    static func decideStatuses(_ memory: TruthProgram.Memory, plan: AssessmentPlan, services: [CompiledService],
                               context: inout LazyContext, explainer: Explainer?) throws(EvaluationFailure) -> StatusPass {
        var statuses = plan.statusTemplate
        var decided: [(index: Int, decision: ConditionDecision)] = []
        var serviceStatuses: [ConditionStatus] = []
        var decidedServices: [(index: Int, decision: ServiceDecision)] = []
        var anyNotMet = false
        var anyMissing = false
        var grounds: [(applies: Truth, from: Day?)]?
        var shortfalls: [AssessmentPlan.Shortfall] = []
        let entryCount = plan.entries.count
        // The results start from the template; every other register is written before it is read.
        let quick = memory.registers
        quick.update(from: plan.fencedTemplate)
        plan.program.run(&context, memory)
        grounds = plan.grounds(quick, memory.results)
        // Explained from this run while it lasts (see ``Explainer/memory``).
        explainer?.memory = memory
        defer { explainer?.memory = nil }
        // Explained: a condition the program found met or not applying is its prepared decision
        // with its explanation; any other (not met, undecided, not decided by the program) takes
        // the slow path for its reasons and explanation. In a loop of its own: the registers
        // stay as the run left them, since an explanation reads them (a condition's result too).
        var next = 0
        if let explainer {
            decided.reserveCapacity(entryCount)
            for index in 0..<entryCount {
                let status: ConditionStatus
                switch quick[status: Register(index)] {
                case AssessmentPlan.constant: continue
                case .met: status = .met
                case .doesNotApply: status = .notApplicable
                default:
                    let decision = try Self.slowDecision(index, plan: plan, context: context.context, explainer: explainer)
                    anyNotMet = anyNotMet || decision.status == .notMet
                    anyMissing = anyMissing || decision.status == .missingEvidence
                    statuses[index] = decision.status
                    decided.append((index, decision))
                    continue
                }
                if statuses[index] != status { statuses[index] = status }
                decided.append((index, explainer.prepared(plan.entries[index], index, status: status)))
            }
            next = entryCount
        }
        while next < entryCount {
            // Eight conditions at a time while all of them have their template's status.
            if next & 7 == 0, quick.word(at: next) & plan.settledMasks[next >> 3] == plan.settled[next >> 3] {
                next += 8
                continue
            }
            let index = next
            next += 1
            switch quick[status: Register(index)] {
            case AssessmentPlan.constant:
                continue
            // Written only where the template differs: a write copies the shared template.
            case .met:
                if statuses[index] != .met { statuses[index] = .met }
                continue
            case .doesNotApply:
                if statuses[index] != .notApplicable { statuses[index] = .notApplicable }
                continue
            // The program knows the status; the reasons are made when the decision's
            // conditions are read (see ``Decision/conditions``).
            case .notMet:
                statuses[index] = .notMet
                anyNotMet = true
                continue
            case .undecided:
                statuses[index] = .missingEvidence
                anyMissing = true
                continue
            default:
                break
            }
            // The slow path: evidence to date, or a computation error in the program.
            let decision = try Self.slowDecision(index, plan: plan, context: context.context, explainer: nil)
            anyNotMet = anyNotMet || decision.status == .notMet
            anyMissing = anyMissing || decision.status == .missingEvidence
            statuses[index] = decision.status
            decided.append((index, decision))
        }
        if anyNotMet, plan.phase.contains(.operation) { shortfalls = plan.shortfalls(in: quick) }
        // The insatsvillkor: a service the provider offers must meet its requirements.
        guard !services.isEmpty else { return (statuses, decided, serviceStatuses, decidedServices, anyNotMet, anyMissing, grounds, shortfalls) }
        if !plan.sharedServiceStatuses.isEmpty {
            var mask = 0
            for index in services.indices {
                switch quick[status: Register(entryCount + index)] {
                case .met: continue
                case .doesNotApply: mask |= 1 << index
                default: mask = -1
                }
                if mask < 0 { break }
            }
            if mask >= 0 {
                serviceStatuses = plan.sharedServiceStatuses[mask]
                return (statuses, decided, serviceStatuses, decidedServices, anyNotMet, anyMissing, grounds, shortfalls)
            }
        }
        serviceStatuses.reserveCapacity(services.count)
        for index in services.indices {
            switch quick[status: Register(entryCount + index)] {
            case .met:
                serviceStatuses.append(.met)
                continue
            case .doesNotApply:
                serviceStatuses.append(.notApplicable)
                continue
            case .notMet:
                serviceStatuses.append(.notMet)
                anyNotMet = true
                continue
            case .undecided:
                serviceStatuses.append(.missingEvidence)
                anyMissing = true
                continue
            default:
                break
            }
            let service = services[index]
            do throws(EvaluationError) {
                let (status, decision) = try service.decide(context.context)
                anyNotMet = anyNotMet || status == .notMet
                anyMissing = anyMissing || status == .missingEvidence
                serviceStatuses.append(status)
                if let decision { decidedServices.append((index, decision)) }
            } catch {
                throw .serviceComputation(error, service: service.name)
            }
        }
        return (statuses, decided, serviceStatuses, decidedServices, anyNotMet, anyMissing, grounds, shortfalls)
    }

    /// Condition `index` of `plan` decided by the slow path (read off the results of its checks'
    /// program, else by the value code), with its explanation when `explainer` is given; a
    /// computation error is named with its condition.
    static func slowDecision(_ index: Int, plan: AssessmentPlan, context: EvaluationContext,
                             explainer: Explainer?) throws(EvaluationFailure) -> ConditionDecision {
        do throws(EvaluationError) {
            return try plan.decision(index, context: context, explainer: explainer)
        } catch {
            throw .computation(error, condition: plan.entries[index].condition.numberText)
        }
    }
}
