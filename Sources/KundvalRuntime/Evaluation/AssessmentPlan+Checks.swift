import KundvalChecker
import KundvalSyntax

// A condition the plan's program found not met, or undecided, needs more than its status: the
// reasons (which requirement failed, which document is missing or too old) and, when it is not
// met, the parts whose consequences apply. The program does not keep those: it folds a part's
// requirements into one truth. So each condition the program decides also has a program of its
// checks, lowered by the same builder: one result per `gäller när`, document and requirement,
// in the order of ``AssessmentPlan/Entry/checks``. Running it for the few conditions that need
// it, and reading the decision off its results, replaces evaluating the condition again with
// the value code. The value code still decides when a result of the checks' program is an error (it
// reports the error where the language puts it) and observes the facts an undecided condition
// misses.

extension AssessmentPlan {
    /// The program of an entry's checks, and their traces (see `TraceNode.swift`).
    struct CheckProgram: Sendable {
        /// Its results are the truths of each tested part's `gäller när` and requirements and
        /// the statuses of its documents, in the order of ``Entry/checks``.
        let program: TruthProgram
        /// The trace of each check, in the same order; nil when one of them has none (the value
        /// code then tells an observer the steps of them all).
        let traces: TraceTable?
    }

    /// For each entry the program decides (``Entry/hasQuick``), the program of its checks with
    /// their traces. Nil for the other entries.
    static func checkPrograms(_ entries: [Entry], document: Compiler, compiler: (Int) -> Compiler) -> [CheckProgram?] {
        entries.map { entry in
            guard entry.hasQuick else { return nil }
            var builder = TruthProgramBuilder(results: entry.checks.count)
            builder.lowerDeepDefinitions(checkRoots(of: entry), document: document, compiler: compiler)
            var result = 0
            for (part, plan) in zip(entry.condition.parts, entry.parts) where !part.isSwitchedOff {
                guard let plan else { continue }
                let compiler = compiler(part.file)
                var checks: [Register] = []
                if let applicability = part.applicabilityExpression { checks.append(builder.truth(of: applicability, compiler)) }
                for document in plan.documents { checks.append(builder.documents([document])) }
                for requirement in part.requirementExpressions { checks.append(builder.truth(of: requirement, compiler)) }
                // A store that makes an instruction write the result moves its places too.
                for register in checks {
                    builder.store(register, into: result)
                    result += 1
                }
            }
            assert(result == entry.checks.count, "the checks' program and the entry's checks disagree")
            let program = builder.build()
            return CheckProgram(program: program, traces: traces(of: entry, builder, program, compiler: compiler))
        }
    }

    /// The expressions of `entry`'s checks that a program lowers, each with the file of its
    /// part: each tested part's `gäller när`, documents and requirements.
    static func checkRoots(of entry: Entry) -> [(expression: TypedExpression, file: Int?)] {
        zip(entry.condition.parts, entry.parts).flatMap { part, plan -> [(expression: TypedExpression, file: Int?)] in
            guard let plan, !part.isSwitchedOff else { return [] }
            let checks = [part.applicabilityExpression].compactMap { $0 } + plan.documents.map(\.expression) + part.requirementExpressions
            return checks.map { ($0, part.file) }
        }
    }

    /// The same for a service, written in the services' file: its `gäller när` and requirements.
    static func checkRoots(of service: CompiledService) -> [(expression: TypedExpression, file: Int?)] {
        ([service.applicabilityExpression].compactMap { $0 } + service.requirementExpressions).map { ($0, nil) }
    }

    /// The traces of `entry`'s checks, in the order of ``Entry/checks``, as `builder` lowered
    /// them into `program` (its checks' program, or the plan's own); nil when one has none, and
    /// when the program calls value code (what that computes has no places). Made once every
    /// check is lowered: a trace reads the places of them all.
    static func traces(of entry: Entry, _ builder: TruthProgramBuilder, _ program: TruthProgram,
                       compiler: (Int) -> Compiler) -> TraceTable? {
        guard program.closures.isEmpty, program.valueClosures.isEmpty else { return nil }
        var traces: [TraceNode] = []
        for (part, plan) in zip(entry.condition.parts, entry.parts) where !part.isSwitchedOff {
            guard let plan else { continue }
            let compiler = compiler(part.file)
            let checks = [part.applicabilityExpression].compactMap { $0 } + plan.documents.map(\.expression) + part.requirementExpressions
            for check in checks {
                guard let trace = builder.traceNode(of: check, compiler) else { return nil }
                traces.append(trace)
            }
        }
        return TraceTable(traces)
    }

    /// Tells `observer` the steps of entry `index`'s checks on `date` with the facts in
    /// `storage`, as ``CompiledDocument/observeParts(_:date:observer:checked:held:value:)`` tells
    /// them from the value code, here from one run of the checks' program and a walk of their
    /// traces (see `TraceNode.swift`). False when the checks have no traces (nothing told) or a
    /// walk meets an error: the steps told are then to be dropped, and the value code tells them
    /// (and where the error stops them).
    func observeChecks<Observer: EvaluationObserver>(_ index: Int, storage: FactStorage, date: Day, observer: Observer,
                                                     checked: () -> Void = {}, held: (Bool) -> Void = { _ in }) -> Bool {
        guard let checks = checkPrograms[index], let traces = checks.traces else { return false }
        let lazy = LazyContext(storage: storage, date: date, definitionCount: definitionCount)
        return checks.program.withMemory(registers: checks.program.registerCount) { memory in
            var context = lazy
            checks.program.run(&context, memory)
            let walker = TraceWalker(program: checks.program, table: traces, memory: memory, facts: FactView(context.storage),
                                     context: context, observer: observer)
            return observe(index, walker: walker, checked: checked, held: held)
        }
    }

    /// The walk of ``observeChecks(_:storage:date:observer:checked:held:)`` with `walker`, over
    /// a run of the entry's checks' program, or of the plan's own, whose run an explained
    /// evaluation has just made (see ``Explainer``); the walker is on the entry's traces (see
    /// ``TraceWalker/start(_:)``).
    func observe<Observer: EvaluationObserver>(_ index: Int, walker: TraceWalker<Observer>,
                                               checked: () -> Void = {}, held: (Bool) -> Void = { _ in }) -> Bool {
        var complete = true
        CompiledDocument.observeParts(entries[index], date: walker.date, observer: walker.observer, checked: checked, held: held) { check in
            guard complete, let value = walker.walk(check: check) else {
                complete = false
                return nil
            }
            return value
        }
        return complete
    }

    /// For each service when this kind of assessment reviews them, the program of its checks:
    /// its results are the truths of the service's `gäller när` (when it has one) and of each
    /// requirement. Empty when the services are not reviewed.
    static func serviceCheckPrograms(_ services: [CompiledService], reviewed: Bool, compiler: Compiler) -> [TruthProgram] {
        guard reviewed else { return [] }
        return services.map { service in
            let checks = [service.applicabilityExpression].compactMap { $0 } + service.requirementExpressions
            var builder = TruthProgramBuilder(results: checks.count)
            builder.lowerDeepDefinitions(checks.map { ($0, nil) }, document: compiler, compiler: { _ in compiler })
            for (result, check) in checks.enumerated() { builder.store(builder.truth(of: check, compiler), into: result) }
            return builder.build()
        }
    }

    /// The decision of service `index`, whose status the evaluation knows, with its reasons:
    /// read off the results of its checks' program, or made by the value code when the program
    /// leaves an error in a result.
    func serviceDetail(_ index: Int, status: ConditionStatus, context: EvaluationContext) -> ServiceDecision {
        let service = services[index]
        let count = (service.applicabilityExpression == nil ? 0 : 1) + service.requirements.count
        if index < serviceCheckPrograms.count, let made = serviceCheckPrograms[index].withResults(in: context, { registers, _ in
            Self.readable(registers, count: count) ? Self.decision(service, checks: registers) ?? service.prepared(for: status) : nil
        }) ?? nil {
            return made
        }
        return service.detail(status: status, context: context)
    }

    /// A service's decision from its checks' results, as ``CompiledService/decide(_:)`` makes it
    /// from the value code: nil when it is one of those prepared (not offered, met).
    private static func decision(_ service: CompiledService, checks: FencedBuffer<UInt8>) -> ServiceDecision? {
        var next = 0
        if service.applicabilityExpression != nil {
            next = 1
            switch Truth(rawValue: checks[0]) {
            case .no: return nil
            case .yes: break
            default: return service.offeringUnknown
            }
        }
        var status = ConditionStatus.met
        var reasons: [String] = []
        for requirement in service.requirements {
            CompiledService.add(Truth(rawValue: checks[next]), of: requirement, to: &status, &reasons)
            next += 1
        }
        return status == .met ? nil : ServiceDecision(name: service.name, title: service.title, status: status, reasons: reasons)
    }

    /// The decision of entry `index`, with its reasons, the facts it misses, the evidence to
    /// request and what a shortfall leads to, and its explanation when `explainer` is given:
    /// read off the results of its checks' program, or made by the value code where there is
    /// none or a result of the program is an error.
    func decision(_ index: Int, context: EvaluationContext, explainer: Explainer? = nil) throws(EvaluationError) -> ConditionDecision {
        let entry = entries[index]
        if let program = checkPrograms[index]?.program,
           let made = program.withResults(in: context, { registers, _ in
               Self.readable(registers, count: entry.checks.count)
                   ? decision(entry, index, checks: registers, context: context, explainer: explainer) : nil
           }) ?? nil {
            return made
        }
        return try CompiledDocument.decide(entry, index, in: self, context: context, explainer: explainer)
    }

    /// Whether the first `count` registers hold truths or the statuses of documents (0 to 2),
    /// as the builder's programs write them. Otherwise the builder erred: a debug build stops,
    /// a release build lets the value code decide rather than read a wrong byte as met.
    private static func readable(_ registers: FencedBuffer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where registers[index] > Truth.yes.rawValue {
            assertionFailure("result \(index) of a checks' program holds \(registers[index])")
            return false
        }
        return true
    }

    /// Entry `entry`'s decision from its checks' results `checks`, as
    /// ``CompiledDocument/decide(_:in:context:explainer:)`` makes it from the value code: each
    /// tested part does not apply when its `gäller när` is `nej`, cannot be decided when it is
    /// unknown; else its documents come first (one missing, undated, issued after the date or
    /// too old makes the part undecided), then its requirements, like `och`.
    private func decision(_ entry: Entry, _ index: Int, checks: FencedBuffer<UInt8>, context: EvaluationContext,
                          explainer: Explainer?) -> ConditionDecision {
        var status = ConditionStatus.notApplicable
        var reasons: [String] = []
        var failingParts: [ShortfallConsequence] = []
        var undecidedParts: [PartPlan] = []
        var next = 0
        for (partIndex, (part, plan)) in zip(entry.condition.parts, entry.parts).enumerated() {
            guard let plan else {
                if let note = entry.notTestedNotes[partIndex] { reasons.append(note) }
                continue
            }
            // A condition with a part switched off is never decided by a program (see
            // ``Entry/hasQuick``), so every part here has its checks in the results.
            assert(!part.isSwitchedOff, "a switched-off part in a condition with a checks' program")
            let partEnd = next + (part.applicabilityExpression == nil ? 0 : 1) + plan.documents.count + part.requirements.count
            defer { next = partEnd }
            // The part's reasons go straight after the condition's: a part that gives one is
            // never met.
            var partStatus = ConditionStatus.met
            decide: do {
                if part.applicabilityExpression != nil {
                    let applies = Truth(rawValue: checks[next])
                    next += 1
                    guard applies == .yes else {
                        partStatus = applies == .no ? .notApplicable : .missingEvidence
                        reasons += applies == .no ? CompiledDocument.Reasons.doesNotApply
                            : CompiledDocument.Reasons.applicabilityUnknown
                        break decide
                    }
                }
                var missingDocument = false
                for document in plan.documents {
                    let checked = Status(rawValue: checks[next])
                    next += 1
                    guard checked != .met else { continue }
                    // Missing, undated, issued after the date or too old: a document to give.
                    reasons.append(Self.reason(document, context: context))
                    missingDocument = true
                }
                // Requirements are tested on the documents once they are given.
                if missingDocument {
                    partStatus = .missingEvidence
                    break decide
                }
                for requirement in part.requirements {
                    let holds = Truth(rawValue: checks[next])
                    next += 1
                    if holds == .no {
                        partStatus = .notMet
                        reasons.append(requirement.failure)
                    } else if holds == .unknown, partStatus == .met {
                        partStatus = .missingEvidence
                    }
                }
            }
            if partStatus == .notMet { failingParts.append(plan.consequence) }
            if partStatus == .missingEvidence { undecidedParts.append(plan) }
            status = CompiledDocument.joined(status, partStatus)
        }
        return CompiledDocument.decision(entry, index, in: self, status: status, reasons: reasons, failingParts: failingParts,
                                         undecidedParts: undecidedParts, context: context, explainer: explainer)
    }

    /// Why a document a control point asks for does not hold, read from the facts as the
    /// program's `document` instruction reads them: missing, undated, issued after the
    /// assessment date, or older than it may be.
    private static func reason(_ document: CompiledEvidenceDocument, context: EvaluationContext) -> String {
        guard let slots = document.slots else { preconditionFailure("a document without a slot in a checks' program") }
        func date(_ slot: Int) -> Day? {
            guard case .date(let day) = context.flat[slot] else { return nil }
            return day
        }
        let issued: Day? = switch slots.issued {
        case .itself: date(slots.document)
        case .field(let slot): date(slot)
        case .none: nil
        }
        let evidence = DocumentEvidence(given: context.flat[slots.document].isKnown, issued: issued,
                                        maximumAge: document.maximumAge, on: context.date)
        // The program found it not given; the same rule says why.
        return evidence.reason(document.path, date: context.date) ?? "underlaget `\(document.path)` saknar datum då det utfärdades"
    }
}
