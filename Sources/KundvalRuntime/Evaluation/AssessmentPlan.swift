import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// An assessment kind of a compiled document (`ansökan`, `uppföljning`, …), prepared for
/// evaluation: what the kind means for each condition is decided at load time, and conditions
/// never tested in this kind of assessment get their decision once and for all. Look it up once
/// with ``CompiledDocument/assessmentKind(named:)`` and pass it to
/// ``CompiledDocument/evaluate(_:kind:date:explain:computations:)`` on a hot path. A plan
/// belongs to the document it was looked up in, as loaded then: after a reload, look it up
/// again in the new document (evaluating with another document's plan is an error).
public final class AssessmentPlan: Sendable {
    /// The kind's name.
    public let name: String
    /// The kind as a decision tells it: its name and phase.
    public let kind: AssessmentKind
    /// How one part of a condition is decided in this kind of assessment (see
    /// ``ControlPoints``): the documents its run control points ask for, what to request when
    /// something is missing, and the consequences of a shortfall.
    struct PartPlan: Sendable {
        /// A control point the part runs, as a decision names it (``text``), with what tells
        /// whether another control point asks for all it does.
        struct Request: Sendable {
            let text: String
            let kind: EvidenceKind
            /// Whether the control point has words of its own (`bifogas ansökan "…"`).
            let isDescribed: Bool
            /// The documents it asks for: each one's path, and its largest age when it has one.
            let documents: [(path: String, age: String?)]

            /// Whether `other` asks for all this one does and says more: a bare control point
            /// (`bifogas ansökan: anordnare.registreringsbevis`, a reglemente's row) beside one
            /// of the same kind that names the same documents in words of its own (the kundval's
            /// "Registreringsbevis … högst tre månader gammalt"). Requesting both asks the
            /// provider for one document twice.
            ///
            /// A document of this one with a largest age is covered only by the same age (a younger
            /// one asked for is not covered by an older one allowed).
            func isCovered(by other: Request) -> Bool {
                !isDescribed && other.isDescribed && kind == other.kind && !documents.isEmpty
                    && documents.allSatisfy { mine in
                        other.documents.contains { $0.path == mine.path && (mine.age == nil || $0.age == mine.age) }
                    }
            }
        }

        let documents: [CompiledEvidenceDocument]
        let requests: [Request]
        /// What a shortfall of the part leads to in this kind of assessment.
        let consequence: ShortfallConsequence
    }

    /// One condition in this kind of assessment.
    final class Entry: Sendable {
        /// The condition.
        let condition: CompiledCondition
        /// For each of the condition's parts, how it is decided here; `nil` where it is not.
        let parts: [PartPlan?]
        /// The parts tested in this kind of assessment; empty when the decision is constant.
        let active: [CompiledPart]
        /// The control points run in this kind of assessment, each once (every decision's
        /// ``ConditionDecision/controlPoints``).
        let controlPoints: [String]
        /// The decision when every active part holds, or the constant decision.
        let prepared: ConditionDecision
        /// Whether `prepared` is the decision for every provider.
        let isConstant: Bool
        /// The decision when no active part applies to the provider (`gäller när` is false).
        let preparedNotApplicable: ConditionDecision?
        /// Whether the program decides the condition quickly: not for constant decisions, nor
        /// for parts that are switched off or ask for a document that is not a fact slot.
        let hasQuick: Bool

        /// For each part not tested here while another part is, the reason that says so and
        /// names the part by its requirements; `nil` for the others.
        let notTestedNotes: [String?]
        /// What an explanation of the condition runs, in order (see
        /// ``CompiledDocument/observeParts(_:observed:checked:held:)``): made once, so that
        /// running it copies no part, document or requirement.
        let checks: [ObservedCheck]

        init(condition: CompiledCondition, parts: [PartPlan?], prepared: ConditionDecision, isConstant: Bool,
             preparedNotApplicable: ConditionDecision? = nil, notTestedNotes: [String?]? = nil) {
            self.condition = condition
            self.notTestedNotes = notTestedNotes ?? parts.map { _ in nil }
            self.parts = parts
            active = isConstant ? [] : zip(condition.parts, parts).compactMap { $1 == nil ? nil : $0 }
            controlPoints = Self.controlPoints(parts)
            self.prepared = prepared
            self.isConstant = isConstant
            self.preparedNotApplicable = preparedNotApplicable
            hasQuick = !isConstant && !active.isEmpty && !active.contains(where: \.isSwitchedOff)
                && !parts.contains { $0?.documents.contains { $0.slots == nil } ?? false }
            checks = ObservedCheck.checks(of: condition, parts)
        }

        /// The control points that `parts` run, each once (those of the parts tested).
        static func controlPoints(_ parts: [PartPlan?]) -> [String] {
            controlPoints(parts.compactMap { $0 })
        }

        /// The control points that `parts` run, each once.
        static func controlPoints(_ parts: [PartPlan]) -> [String] {
            CompiledDocument.unique(parts.flatMap { $0.requests.map(\.text) })
        }

        /// What to request for the condition when `undecided`, its parts still undecided, keep
        /// it `underlag saknas`: their control points, not those of a part that already holds
        /// (002 villkor 6: the credit report for the kundval's rating, not the general part's
        /// attachment again). A part that runs no control point of its own in this kind of
        /// assessment is checked by the row's (001 villkor 7 at a follow-up: the kundval's part
        /// asks only for an attachment at the application, the reglemente's for `uppföljning`):
        /// then the row's.
        ///
        /// A control point that another of them covers (see ``PartPlan/Request/isCovered(by:)``)
        /// is left out: the provider is asked for each document once, in the words that say most.
        func requests(undecided: [PartPlan]) -> [String] {
            let own = undecided.flatMap(\.requests)
            let requests = own.isEmpty || undecided.contains(where: \.requests.isEmpty) ? parts.compactMap { $0 }.flatMap(\.requests) : own
            let kept = requests.filter { request in !requests.contains { request.isCovered(by: $0) } }
            return CompiledDocument.unique(kept.map(\.text))
        }

        /// The decision prepared for a condition that is met or does not apply, shared by
        /// every decision with that status.
        func prepared(for status: ConditionStatus) -> ConditionDecision {
            status == .notApplicable && !isConstant ? preparedNotApplicable ?? prepared : prepared
        }
    }

    /// What to request for `entry` when it is undecided (see ``Entry/requests(undecided:)``),
    /// else, for a sub-condition none of whose parts runs a control point in this kind of
    /// assessment, what the nearest condition above it requests (002 17.2's own evidence is
    /// attached to the application; at a follow-up 17's `uppföljning: CV, …` asks for it).
    func requests(for entry: Entry, undecided: [PartPlan]) -> [String] {
        let own = entry.requests(undecided: undecided)
        var number = entry.condition.number.parts
        guard own.isEmpty, number.count > 1 else { return own }
        while number.count > 1 {
            number.removeLast()
            if let above = entries.first(where: { $0.condition.number.parts == number }) {
                let requests = above.requests(undecided: [])
                if !requests.isEmpty { return requests }
            }
        }
        return own
    }

    /// The reason texts of this kind of assessment.
    let reasons: CompiledDocument.Reasons

    let phase: AssessmentPhase
    let reviewed: Set<[Int]>?
    /// Whether the services (insatser) are reviewed: not in an assessment that reviews some
    /// conditions only (`granskar villkor 1–9`) unless it says `granskar insatser`.
    let reviewsServices: Bool
    let entries: [Entry]
    /// The document's sanction ladder and what chooses its steps.
    let sanctions: SanctionPlan

    /// What ``program`` writes for each entry, then for each service, before it runs:
    /// ``constant`` for a constant decision, ``slow`` where the program does not decide.
    let template: [Status]
    /// ``template`` in a buffer evaluation copies from.
    let fencedTemplate: FencedBuffer<UInt8>
    /// For each group of eight entries, their results' bytes (as one word, in memory order)
    /// when each has its status in ``statusTemplate`` or is constant: such a group needs
    /// nothing more from evaluation.
    let settled: [UInt64]
    /// The bytes of each group that are entries (all of them but in the last group).
    let settledMasks: [UInt64]
    /// The decisions of the conditions when each has its status in ``statusTemplate``: what
    /// most decisions' ``Decision/conditions`` is, shared.
    let templateConditions: [ConditionDecision]
    /// The statuses a decision starts from: the constant decisions' statuses, `ej tillämpligt`
    /// for a condition with `gäller när` in every part, `uppfyllt` for the others.
    let statusTemplate: [ConditionStatus]
    /// Every quick decision in one program: its first registers are each entry's status, then
    /// each service's (``notMet``, ``undecided``, ``met``, ``doesNotApply``), laid out like
    /// ``template``. No condition object is touched (nor its reference count) while the facts
    /// decide.
    let program: TruthProgram
    /// During operation, the grounds for de-authorization as the program computes them, in the
    /// document's order: the register of each one's `gäller när` (nil without one) and the index
    /// of its `från` among the program's value results. Nil when one of them needs value code
    /// (the value code then decides them all), and at an application.
    let groundResults: [(applies: Register?, from: Int)]?
    /// For each entry the program decides, where a run of ``program`` leaves the status of
    /// each part it tests, in the order of its parts with a ``PartPlan`` (see
    /// `AssessmentPlan+Shortfalls.swift`): the entry's result for a condition of one part.
    /// Empty for the other entries.
    let partRegisters: [[Register]]
    /// For each entry the program decides, the program of its checks, for the reasons and
    /// consequences of one not met or undecided (see `AssessmentPlan+Checks.swift`).
    let checkPrograms: [CheckProgram?]
    /// The same for each service, when this kind reviews them.
    let serviceCheckPrograms: [TruthProgram]
    /// For each entry the program decides, the traces of its checks in ``program`` itself: an
    /// explained evaluation explains them from the run it has just made, with no run of their
    /// own (see ``Explainer``). Nil where they have none.
    let programTraces: [TraceTable?]
    /// How many steps an explained evaluation tells about: one per point of those traces,
    /// and at least 64.
    let expectedSteps: Int
    /// The number of definitions of the document, for the contexts of decisions made later.
    let definitionCount: Int
    /// The document's name and version, and its services, for the decisions of this kind.
    let document: String
    let version: String?
    /// The document's ``CompiledDocument/rulesHash``.
    let rules: String
    let services: [CompiledService]
    /// The services' statuses when each is met or not offered, by a mask with bit `i` set when
    /// service `i` is not offered: the common decisions share these arrays instead of making
    /// one each. Empty for more than ``maximumSharedServices`` services.
    let sharedServiceStatuses: [[ConditionStatus]]
    static let maximumSharedServices = 6
    /// The services' decisions for each of ``sharedServiceStatuses``, shared in the same way.
    let sharedServices: [[ServiceDecision]]
    /// The services' decisions when this kind does not review them.
    let notReviewedServices: [ServiceDecision]

    /// ``template``'s mark for a constant decision (not a status).
    static let constant = Status(rawValue: 255)
    /// ``template``'s mark for the slow path (not a status).
    static let slow = Status(rawValue: 254)

    /// - Parameters:
    ///   - compiler: the compiler of each file of the rule set, for what the program calls as
    ///     closures.
    ///   - serviceCompiler: the compiler of the file of the services (and of the grounds for
    ///     de-authorization).
    ///   - deauthorizations: the document's grounds for de-authorization, decided during
    ///     operation.
    init(name: String, document: String, version: String?, rules: String, phase: AssessmentPhase, reviewed: Set<[Int]>?,
         reviewsServices: Bool, entries: [Entry], services: [CompiledService], sanctions: SanctionPlan,
         reasons: CompiledDocument.Reasons, definitionCount: Int, deauthorizations: [CheckedDeauthorization],
         compiler: (Int) -> Compiler, serviceCompiler: Compiler) {
        self.name = name
        kind = AssessmentKind(name: name, phase: phase == .operation ? .operation : .application)
        self.document = document
        self.version = version
        self.rules = rules
        self.services = services
        self.reviewsServices = reviewsServices
        self.sanctions = sanctions
        sharedServiceStatuses = services.count > Self.maximumSharedServices ? [] : (0..<(1 << services.count)).map { mask in
            services.indices.map { mask & (1 << $0) == 0 ? .met : .notApplicable }
        }
        sharedServices = sharedServiceStatuses.map { statuses in
            zip(services, statuses).map { service, status in service.prepared(for: status) }
        }
        notReviewedServices = services.map { service in
            ServiceDecision(name: service.name, title: service.title, status: .notApplicable, reasons: ["granskas inte vid \(name)"])
        }
        self.definitionCount = definitionCount
        self.phase = phase
        self.reviewed = reviewed
        self.entries = entries
        self.reasons = reasons
        template = entries.map { $0.isConstant ? Self.constant : Self.slow }
            + services.map { _ in reviewsServices ? Self.slow : Status.doesNotApply }
        fencedTemplate = .copying(template.map(\.rawValue))
        // A condition that applies only under a condition of its own (`gäller när` in every
        // part: a prior de-authorization, a change of owner) usually does not apply; starting
        // from that spares most decisions a copy of the statuses.
        let expected = entries.map { entry -> Status in
            if entry.isConstant { return Self.constant }
            return entry.active.allSatisfy { $0.applicabilityExpression != nil } ? Status.doesNotApply : Status.met
        }
        statusTemplate = zip(entries, expected).map { entry, code in
            entry.isConstant ? entry.prepared.status : code == Status.doesNotApply ? .notApplicable : .met
        }
        // Words of the bytes in memory order, as evaluation loads them; the last group's bytes
        // past the entries are masked out.
        func word(_ start: Int, _ byte: (Int) -> UInt8) -> UInt64 {
            var word: UInt64 = 0
            for offset in 0..<8 where start + offset < entries.count { word |= UInt64(byte(start + offset)) << UInt64(8 * offset) }
            return word
        }
        templateConditions = zip(entries, statusTemplate).map { entry, status in entry.prepared(for: status) }
        settled = stride(from: 0, to: entries.count, by: 8).map { word($0) { expected[$0].rawValue } }
        settledMasks = stride(from: 0, to: entries.count, by: 8).map { word($0) { _ in 0xFF } }
        var builder = TruthProgramBuilder(results: entries.count + services.count)
        // The services and the grounds are written in the services' file (`serviceCompiler`'s).
        var roots = entries.filter(\.hasQuick).flatMap { Self.checkRoots(of: $0) }
        if reviewsServices { roots += services.flatMap { Self.checkRoots(of: $0) } }
        if phase.contains(.operation) {
            for ground in deauthorizations {
                if let applicability = ground.applicability { roots.append((applicability.expression, nil)) }
                roots.append((ground.from.expression, nil))
            }
        }
        builder.lowerDeepDefinitions(roots, document: serviceCompiler, compiler: compiler)
        var partRegisters = [[Register]](repeating: [], count: entries.count)
        // An error in one condition's or service's code fails only what reads it (see ``Truth/error``).
        for (index, entry) in entries.enumerated() where entry.hasQuick {
            let parts = zip(entry.condition.parts, entry.parts).compactMap { part, plan in
                plan.map { plan in
                    builder.part(applicability: part.applicabilityExpression, requirements: part.requirementExpressions,
                                 documents: plan.documents, compiler(part.file))
                }
            }
            builder.store(builder.combine(parts), into: index)
            // One part's status is the result itself (its instruction now writes there); the
            // parts of several keep their registers, which the `combine` after them reads.
            partRegisters[index] = parts.count == 1 ? [Register(index)] : parts
        }
        self.partRegisters = partRegisters
        for (index, service) in services.enumerated() where reviewsServices {
            let part = builder.part(applicability: service.applicabilityExpression,
                                    requirements: service.requirementExpressions, serviceCompiler)
            builder.store(part, into: entries.count + index)
        }
        var grounds: [(applies: Register?, from: Int)]? = nil
        if phase.contains(.operation) {
            var trial = builder
            grounds = []
            for ground in deauthorizations {
                let applies = ground.applicability.map { trial.truthResult(of: $0.expression, serviceCompiler) }
                guard applies != .some(nil), let from = trial.valueResult(of: ground.from.expression, serviceCompiler) else {
                    grounds = nil
                    break
                }
                grounds?.append((applies ?? nil, from))
            }
            if grounds != nil { builder = trial }
        }
        groundResults = grounds
        program = builder.build()
        checkPrograms = Self.checkPrograms(entries, document: serviceCompiler, compiler: compiler)
        programTraces = entries.map { [program, builder] entry in
            entry.hasQuick ? Self.traces(of: entry, builder, program, compiler: compiler) : nil
        }
        expectedSteps = max(64, programTraces.reduce(0) { $0 + ($1?.points.count ?? 0) })
        serviceCheckPrograms = Self.serviceCheckPrograms(services, reviewed: reviewsServices, compiler: serviceCompiler)
    }

    deinit {
        fencedTemplate.free()
    }
}

extension AssessmentPlan {
    /// The grounds for de-authorization after a run of the program in `registers` with value
    /// results `values`: each one's `gäller när` (`ja` without one) and `från` date (nil when it
    /// is not known); nil when the program does not compute them (see ``groundResults``), and
    /// when it met an error in one (the value code then decides them all, and reports it).
    func grounds(_ registers: FencedBuffer<UInt8>, _ values: FencedBuffer<ScalarValue>) -> [(applies: Truth, from: Day?)]? {
        guard let groundResults else { return nil }
        var grounds: [(applies: Truth, from: Day?)] = []
        grounds.reserveCapacity(groundResults.count)
        for result in groundResults {
            let (applies, from) = (result.applies.map { registers[truth: $0] } ?? .yes, values[result.from])
            guard applies != .error, from.kind != .error else { return nil }
            grounds.append((applies, from.kind == .date ? Day(number: Int32(truncatingIfNeeded: from.first)) : nil))
        }
        return grounds
    }

    /// The decision of entry `index` with its reasons, the facts it misses and the evidence to
    /// request, made from the facts in `context`: for a condition the program decided, whose
    /// status the evaluation already knows. The program evaluated every expression of the
    /// condition without error, so this evaluation of some of them has none either; should one
    /// occur all the same, the decision keeps `status` and says why it has no reasons.
    func detail(_ index: Int, status: ConditionStatus, context: EvaluationContext) -> ConditionDecision {
        let condition = entries[index].condition
        do {
            return try decision(index, context: context)
        } catch {
            return ConditionDecision(number: condition.numberText, title: condition.title, status: status,
                                     controlPoints: entries[index].controlPoints,
                                     reasons: ["skälen kunde inte beräknas: \(error.message)"], missingFacts: [],
                                     evidenceToRequest: [], explanation: nil)
        }
    }
}
