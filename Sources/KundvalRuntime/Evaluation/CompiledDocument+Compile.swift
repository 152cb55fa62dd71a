import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

extension CompiledDocument {
    /// Compiles document `index` of a checked program (with its reglemente, for a kundval).
    init(program: CheckedProgram, index: Int, files: [SourceFile]) {
        let document = program.documents[index]
        let reglemente = document.reglemente.map { program.documents[$0] }
        let fileList = reglemente == nil ? [files[index]] : [files[document.reglemente!], files[index]]
        let ownFile = fileList.count - 1
        let definitionNames = document.definitions.keys.sorted()
        let rulesHash = "sha256:" + SHA256.hex(fileList.flatMap { file in Array(String(file.bytes.count).utf8) + [0x0A] + file.bytes })
        let definitionIndex = Dictionary(uniqueKeysWithValues: definitionNames.enumerated().map { ($1, $0) })

        // One layout for the programs and the decoder: the facts it decodes have its shape.
        let decoder = FactsDecoder(document: document)
        let layout = decoder.layout
        let sources = TraceSources(files: fileList)
        func compiler(file: Int, library: CodeLibrary) -> Compiler {
            Compiler(file: file, ownFile: ownFile, sources: sources, definitions: document.definitions, tables: document.tables,
                     definitionIndex: definitionIndex, enumerations: document.enumerations, library: library, layout: layout)
        }
        let library = CodeLibrary()

        func compilePart(_ part: ConditionInForce.Part) -> CompiledPart {
            let condition = part.condition
            let file = part.origin == .general ? 0 : ownFile
            let compiler = compiler(file: file, library: library)
            var documents: [CompiledEvidenceDocument] = []
            for evidence in condition.evidence {
                for (body, age) in evidence.documents {
                    var issued: Int?
                    if case .record(let name) = body.expression.type.unwrapped {
                        issued = document.records[name]?.fieldIndex("utfärdat")
                    }
                    var slots: CompiledEvidenceDocument.Slots?
                    if let slot = compiler.flatSlot(body.expression) {
                        if let issued {
                            slots = layout.slots[layout.paths[slot] + [issued]].map { .init(document: slot, issued: .field(slot: $0)) }
                        } else if case .date = body.expression.type.unwrapped {
                            slots = .init(document: slot, issued: .itself)
                        } else {
                            slots = .init(document: slot, issued: .none)
                        }
                    }
                    let path = fileList[file].text(of: body.expression.span)
                    let agePoints = age.map { age in
                        let span = body.expression.span
                        let date = issued == nil ? nil : TracePoint(
                            kind: .fact(path + ".utfärdat"), file: file, span: span, type: .plain,
                            factNumber: library.factNumber(path + ".utfärdat"), source: sources)
                        return CompiledEvidenceDocument.AgePoints(issued: date, age: TracePoint(
                            kind: .decision, file: file, span: span, type: .plain, factNumber: -1, source: sources,
                            written: "\(path) högst \(age) gammalt"))
                    }
                    documents.append(CompiledEvidenceDocument(
                        kind: evidence.kind, code: compiler.compile(body.expression), expression: body.expression, path: path,
                        maximumAge: age, issuedField: issued, slots: slots, agePoints: agePoints))
                }
            }
            return CompiledPart(
                file: file, isSwitchedOff: condition.isSwitchedOff, controlPoints: part.controlPoints,
                applicability: condition.applicability.map { compiler.compile($0.expression) },
                requirements: condition.requirements.map { requirement in
                    (requirement.label, requirement.body.expression.span,
                     compiler.compile(requirement.body.expression),
                     CompiledDocument.Reasons.requirementNotMet + (requirement.label ?? fileList[file].text(of: requirement.body.expression.span)))
                },
                applicabilityExpression: condition.applicability?.expression,
                requirementExpressions: condition.requirements.map(\.body.expression),
                documents: documents,
                evidence: part.controlPoints.map { (kind: $0.kind, description: $0.description) },
                consequences: part.consequences, wording: condition.wording, clarification: condition.clarification)
        }

        // The rows in force, as the checker joined them: the runtime only compiles them.
        let conditions = document.conditionsInForce.map { row in
            let parts = row.parts.map(compilePart)
            return CompiledCondition(number: row.number, numberText: row.number.description, title: row.title, parts: parts,
                                     isSwitchedOff: parts.contains(where: \.isSwitchedOff))
        }

        let own = compiler(file: ownFile, library: library)
        let allComputations = definitionNames.compactMap { name -> (name: String, code: Code, type: TypeDescription, typeName: String)? in
            guard let definition = document.definitions[name], definition.parameters.isEmpty else { return nil }
            return (name, own.compileCall(name, arguments: [], span: definition.span, type: definition.resultType),
                    TypeDescription(definition.resultType), definition.resultType.unwrapped.description)
        }
        var sanctionTables: [String: CompiledSanctionTable] = [:]
        for (name, table) in document.tables {
            guard case .enumeration(let enumeration) = table.resultType.unwrapped else { continue }
            var inputs: [(String, Code, TypeDescription)] = []
            var expressions: [TypedExpression] = []
            for parameter in table.parameters {
                if let index = document.facts.firstIndex(where: { $0.name == parameter.name }) {
                    inputs.append((parameter.name, { context in context.roots[index] }, TypeDescription(parameter.type)))
                    expressions.append(TypedExpression(.fact(index: index, name: parameter.name), type: document.facts[index].type,
                                                       span: table.span))
                } else if let definition = document.definitions[parameter.name], definition.parameters.isEmpty {
                    inputs.append((parameter.name, own.compileCall(parameter.name, arguments: [], span: table.span,
                                                                    type: parameter.type), TypeDescription(parameter.type)))
                    expressions.append(TypedExpression(.callDefinition(parameter.name, []), type: definition.resultType,
                                                       span: table.span))
                }
            }
            guard inputs.count == table.parameters.count else { continue }
            let code = own.compileTable(name, arguments: inputs.map(\.1), span: table.span, type: table.resultType)
            let inputCases = inputs.map { input -> [String]? in
                guard case .enumeration(let type) = input.2 else { return nil }
                return document.enumerations[type]?.cases
            }
            sanctionTables[name] = CompiledSanctionTable(
                index: sanctionTables.count, code: code, inputs: inputs, inputCases: inputCases, resultEnumeration: enumeration,
                program: CompiledSanctionTable.program(name, inputs: expressions, type: table.resultType, span: table.span,
                                                       compiler: own))
        }
        var formatter = ValueFormatter(enumerations: document.enumerations.mapValues(\.cases))
        formatter.records = document.records.mapValues { $0.fields.map { ($0.name, TypeDescription($0.type)) } }
        var amounts: [Int: SanctionAmount] = [:]
        let ladder = document.enumerations[SanctionLadder.typeName]?.cases ?? []
        for (stepName, name) in document.sanctionPolicy?.amounts ?? [] {
            guard let definition = document.definitions[name], let step = ladder.firstIndex(of: stepName) else { continue }
            amounts[step] = SanctionAmount(
                name: name, code: own.compileCall(name, arguments: [], span: definition.span, type: definition.resultType),
                type: TypeDescription(definition.resultType),
                program: ComputationProgram.make([(name, definition.resultType, definition.span)], compiler: own))
        }
        let sanctions = SanctionPlan(ladder: ladder, tables: sanctionTables,
                                     policyTable: document.sanctionPolicy?.table, amounts: amounts, formatter: formatter)
        let computations = allComputations
        let deauthorizations = document.deauthorizations.map { ground in
            CompiledDeauthorization(title: ground.title, applicability: ground.applicability.map { own.compile($0.expression) },
                                    from: own.compile(ground.from.expression))
        }

        let services = document.services.map { CompiledService($0, file: fileList[ownFile], compiler: own) }
        var plans: [String: AssessmentPlan] = [:]
        for (name, kind) in document.assessments {
            let phase = AssessmentPhase(kind.consequences)
            // `granskar villkor 1–9` reviews 1–9 with their sub-conditions (1.1, 9.2.1, …).
            let listed = Set(kind.reviewedConditions.map(\.parts))
            let reviewed = listed.isEmpty ? nil : Set(conditions.map(\.number.parts).filter { number in
                (1...number.count).contains { listed.contains(Array(number.prefix($0))) }
            })
            let notTested = "prövas inte vid \(name)"
            let entries = conditions.map { condition -> AssessmentPlan.Entry in
                func prepared(_ status: ConditionStatus, _ reasons: [String],
                              running parts: [AssessmentPlan.PartPlan?] = []) -> ConditionDecision {
                    ConditionDecision(number: condition.numberText, title: condition.title, status: status,
                                      controlPoints: AssessmentPlan.Entry.controlPoints(parts), reasons: reasons,
                                      missingFacts: [], evidenceToRequest: [], explanation: nil)
                }
                func constant(_ reasons: [String]) -> AssessmentPlan.Entry {
                    AssessmentPlan.Entry(condition: condition, parts: condition.parts.map { _ in nil },
                                         prepared: prepared(.notApplicable, reasons), isConstant: true)
                }
                if let reviewed, !reviewed.contains(condition.number.parts) { return constant(["granskas inte vid \(name)"]) }
                if condition.isSwitchedOff { return constant(["förekommer inte i detta kundval"]) }
                let parts = condition.parts.map { part -> AssessmentPlan.PartPlan? in
                    guard !part.isTextOnly, let selection = ControlPoints.selection(hasPredicate: part.hasPredicate, evidence: part.controlPoints,
                                                                  consequences: part.consequences, in: kind) else { return nil }
                    let kinds = Set(selection.points.map(\.kind))
                    let documents = part.documents.filter { kinds.contains($0.kind) }
                    return AssessmentPlan.PartPlan(documents: documents,
                                                   requests: selection.points.map { point in
                                                       // The documents this control point names, not every one of its kind.
                                                       let own = point.documents.map {
                                                           (fileList[part.file].text(of: $0.document.expression.span), $0.maximumAge)
                                                       }
                                                       return Self.request(point, documents: documents.filter { document in
                                                           document.kind == point.kind
                                                               && own.contains { $0.0 == document.path && $0.1 == document.maximumAge }
                                                       })
                                                   },
                                                   consequence: sanctions.prepared(selection.consequences,
                                                                                   duringOperation: phase == .operation))
                }
                if parts.allSatisfy({ $0 == nil }) { return constant([notTested]) }
                // A part not tested here while another is: its requirements say which. Not when
                // a tested part has the same requirements (F-skatt in both the reglemente, at the
                // application, and the kundval, at follow-up): they are tested.
                let tested = Set(zip(condition.parts, parts).filter { $0.1 != nil }.flatMap { $0.0.requirements.map(\.failure) })
                let notTestedNotes = zip(condition.parts, parts).map { part, plan -> String? in
                    guard plan == nil, !part.isTextOnly,
                          part.requirements.isEmpty || !part.requirements.allSatisfy({ tested.contains($0.failure) })
                    else { return nil }
                    return CompiledDocument.Reasons.partNotTested(part, assessment: name)
                }
                // Reasons in part order when no tested part applies to the provider, each once
                // (two parts that do not apply are one reason).
                let notApplicableReasons = CompiledDocument.unique(zip(parts, notTestedNotes).compactMap { plan, note -> String? in
                    plan != nil ? CompiledDocument.Reasons.doesNotApply[0] : note
                })
                return AssessmentPlan.Entry(condition: condition, parts: parts, prepared: prepared(.met, [], running: parts),
                                            isConstant: false,
                                            preparedNotApplicable: prepared(.notApplicable, notApplicableReasons, running: parts),
                                            notTestedNotes: notTestedNotes)
            }
            plans[name] = AssessmentPlan(
                name: name, document: document.name, version: document.version, rules: rulesHash, phase: phase, reviewed: reviewed,
                reviewsServices: reviewed == nil || kind.reviewsServices, entries: entries, services: services,
                sanctions: sanctions, reasons: CompiledDocument.Reasons(assessment: name),
                definitionCount: definitionNames.count, deauthorizations: document.deauthorizations,
                compiler: { compiler(file: $0, library: library) }, serviceCompiler: own)
        }

        var examples: [String: CompiledExample] = [:]
        for (name, example) in document.examples {
            switch example.source {
            case .inline(let body): examples[name] = .inline(own.compile(body.expression))
            case .file(let path): examples[name] = .file(path, span: example.span, own: !example.isReglementes)
            }
        }
        let tests = document.tests.map { CompiledTest($0, document: document, file: fileList[ownFile], compiler: own) }

        self.init(
            name: document.name, version: document.version, kind: document.kind, committee: document.committee,
            validFrom: (document.validFrom ?? document.adopted).flatMap { try? Day(year: $0.year, month: $0.month, day: $0.day) },
            reglemente: reglemente.map { $0.name + ($0.version.map { " version \($0)" } ?? "") },
            assessmentNames: document.assessments.keys.sorted(), decoder: decoder, rulesHash: rulesHash,
            files: fileList, conditions: conditions, assessments: document.assessments,
            definitionCount: definitionNames.count, formatter: formatter,
            computations: computations,
            reportedComputations: computations.indices.filter { index in
                !amounts.values.contains { $0.name == computations[index].name }
            },
            computationProgram: ComputationProgram.make(definitionNames.compactMap { name in
                document.definitions[name].flatMap { $0.parameters.isEmpty ? (name, $0.resultType, $0.span) : nil }
            }, compiler: own),
            sanctionTables: sanctionTables, plans: plans,
            planList: plans.map { (Array($0.key.utf8), $0.value) },
            rootCount: document.facts.count, examples: examples, tests: tests, services: services,
            sanctions: sanctions, deauthorizations: deauthorizations,
            environment: CompileEnvironment(definitions: document.definitions, tables: document.tables,
                                            definitionIndex: definitionIndex, enumerations: document.enumerations,
                                            ownFile: ownFile))
    }

    /// What to request for a control point: its kind, description and the documents it names
    /// (`bifogas ansökan: anordnare.registreringsbevis (högst 3 månader gammalt)`).
    static func request(_ evidence: CheckedEvidence, documents: [CompiledEvidenceDocument]) -> AssessmentPlan.PartPlan.Request {
        let named = documents.map { $0.path + ($0.maximumAge.map { " (högst \($0) gammalt)" } ?? "") }.joined(separator: ", ")
        let text = switch (evidence.description, named.isEmpty) {
        case (let description?, true): "\(evidence.kind.rawValue): \(description)"
        case (let description?, false): "\(evidence.kind.rawValue): \(description): \(named)"
        case (nil, false): "\(evidence.kind.rawValue): \(named)"
        case (nil, true): evidence.kind.rawValue
        }
        return .init(text: text, kind: evidence.kind, isDescribed: evidence.description != nil,
                     documents: documents.map { ($0.path, $0.maximumAge.map { "\($0)" }) })
    }
}
