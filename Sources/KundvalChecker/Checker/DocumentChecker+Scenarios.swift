import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    /// Assessment kinds (the conditions they review must exist) and examples (their facts must
    /// fit the declared fact types).
    mutating func checkAssessmentsAndExamples() {
        for declaration in syntax.declarations {
            switch declaration {
            case .assessment(let decl):
                guard declare(decl.name, as: "bedömningen", namespace: "bedömning") else { continue }
                var assessment = CheckedAssessment(name: decl.name.name, title: decl.title?.value,
                                                   reviewedConditions: [], consequences: [], runs: nil, reviewsServices: false)
                var firstConsequences: SourceSpan?
                for clause in decl.clauses {
                    switch clause {
                    case .reviews(let ranges):
                        for range in ranges { assessment.reviewedConditions += expand(range) }
                    case .consequences(let consequences, let span):
                        if let first = firstConsequences {
                            reportRepeatedClause("`vid brist`", at: span, first: first)
                            continue
                        }
                        firstConsequences = span
                        assessment.consequences += checkConsequences(consequences)
                    case .runs(let kinds, _):
                        assessment.runs = (assessment.runs ?? []) + kinds
                    case .reviewsServices:
                        assessment.reviewsServices = true
                    case .wording:
                        break
                    }
                }
                if firstConsequences == nil {
                    report(.assessmentWithoutConsequence,
                           "bedömningen `\(decl.name.name)` saknar `vid brist` och säger därför inte om den prövar en ansökan eller en auktoriserad anordnare",
                           at: decl.name.span,
                           hint: "lägg till `vid brist: ej godkänd auktorisation` för en ansökan eller `vid brist: sanktion` för en uppföljning")
                }
                assessments[decl.name.name] = assessment
            case .example(let decl):
                guard declare(decl.name, as: "exemplet", namespace: "exempel") else { continue }
                switch decl.source {
                case .file(let path):
                    if let problem = CheckedExample.pathProblem(path.value) {
                        // Still declared: the tests that start from it get no second error.
                        report(.exampleOutsideFolder, "exemplets fil `\(path.value)` \(problem)", at: path.span,
                               hint: CheckedExample.insideFolderHint)
                    }
                    examples[decl.name.name] = CheckedExample(name: decl.name.name, source: .file(path.value), span: path.span)
                case .inline(let expression):
                    records["fakta"] = factsRecord
                    var scope = Scope()
                    let typed = check(expression, expected: .record("fakta"), in: &scope)
                    records["fakta"] = nil
                    examples[decl.name.name] = CheckedExample(
                        name: decl.name.name, source: .inline(CheckedBody(expression: typed, frameSize: scope.frameSize)),
                        span: decl.name.span)
                }
            default:
                continue
            }
        }
    }

    /// The condition numbers a range names; both ends must exist and be in order.
    private mutating func expand(_ range: ConditionRange) -> [ConditionNumber] {
        var valid = true
        for end in [range.lower] + (range.upper.map { [$0] } ?? []) where !conditionNumbers.contains(end.parts) {
            reportUnknownCondition(end)
            valid = false
        }
        guard valid else { return [] }
        guard let upper = range.upper else { return [range.lower] }
        if upper < range.lower {
            report(.backwardsRange, "intervallet `\(range.lower)–\(upper)` går baklänges", at: range.span,
                   hint: "skriv det lägsta numret först: `\(upper)–\(range.lower)`")
            return []
        }
        // From the lower number up to the upper one, the upper one's sub-conditions included.
        return conditionNumbers.filter { parts in
            !parts.lexicographicallyPrecedes(range.lower.parts)
                && !upper.parts.lexicographicallyPrecedes(Array(parts.prefix(upper.parts.count)))
        }.sorted { $0.lexicographicallyPrecedes($1) }.map { ConditionNumber(parts: $0, span: range.span) }
    }

    mutating func reportUnknownCondition(_ number: ConditionNumber) {
        // Only sub-condition numbers are close enough to suggest (`16.8.7` → `16.8.4`).
        let known = conditionNumbers.filter { $0.count > 1 }.map { $0.map(String.init).joined(separator: ".") }
        report(.unknownConditionReference, "villkor \(number) finns inte", at: number.span,
               hint: number.parts.count > 1
                   ? closest(to: number.description, among: known).map { "menade du villkor \($0)?" } : nil)
    }

    /// Services: unique names, typed properties and requirements.
    mutating func checkServices() -> [CheckedService] {
        var services: [CheckedService] = []
        for case .service(let decl) in syntax.declarations {
            guard declare(decl.name, as: "insatsen", namespace: "insats") else { continue }
            var service = CheckedService(name: decl.name.name, title: decl.title?.value, wording: [], properties: [],
                                         requirements: [], applicability: nil, span: decl.span)
            var seen: [String: SourceSpan] = [:]
            for clause in decl.clauses {
                var scope = Scope()
                switch clause {
                case .wording(let text):
                    service.wording.append(text.value)
                case .requirement(let label, let expression):
                    let typed = checkRequirement(expression, in: &scope)
                    service.requirements.append((label?.value, CheckedBody(expression: typed, frameSize: scope.frameSize)))
                case .applicability(let expression):
                    if let first = service.applicability {
                        reportRepeatedClause("`gäller när`", at: expression.span, first: first.expression.span)
                        continue
                    }
                    let typed = checkBoolean(expression, what: "villkoret efter `gäller när`", in: &scope)
                    service.applicability = CheckedBody(expression: typed, frameSize: scope.frameSize)
                case .note:
                    break
                case .property(let property):
                    if seen[property.name.name] != nil {
                        report(.duplicateDeclaration, "insatsen har redan egenskapen `\(property.name.name)`", at: property.name.span)
                    }
                    seen[property.name.name] = property.name.span
                    let typed = check(property.value, in: &scope)
                    service.properties.append((property.name.name, property.bound,
                                               CheckedBody(expression: typed, frameSize: scope.frameSize)))
                }
            }
            services.append(service)
        }
        return services
    }

    /// Tests: the assessment kind, the example, each changed fact and each expectation.
    mutating func checkTests() -> [CheckedTest] {
        var tests: [CheckedTest] = []
        for case .test(let decl) in syntax.declarations {
            var test = CheckedTest(name: decl.name.value, assessment: nil, example: nil, overrides: [],
                                   expectations: [], assertions: [], span: decl.span)
            for clause in decl.clauses {
                switch clause {
                case .assessment(let kind, let date):
                    if assessments[kind.name] == nil {
                        reportUnknown(kind.name, "det finns ingen bedömning `\(kind.name)`", at: kind.span,
                                      hint: closest(to: kind.name, among: assessments.keys).map { "menade du `\($0)`?" }
                                          ?? (assessments.isEmpty ? "deklarera den med `bedömning \(kind.name)`"
                                              : "bedömningar: " + assessments.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")),
                                      code: .unknownAssessment)
                    }
                    test.assessment = (kind.name, date)
                case .basedOn(let example):
                    if examples[example.name] == nil {
                        report(.unknownExample, "det finns inget exempel `\(example.name)`", at: example.span,
                               hint: closest(to: example.name, among: examples.keys).map { "menade du `\($0)`?" })
                    }
                    test.example = example.name
                case .override(let path, let value):
                    let type = resolvePath(path)
                    var scope = Scope()
                    let typed = check(value, expected: type, in: &scope)
                    let steps = path.map { step -> CheckedPathStep in
                        switch step {
                        case .name(let identifier): .field(identifier.name)
                        case .element(let position, let span): .element(position, span: span)
                        }
                    }
                    test.overrides.append((steps, CheckedBody(expression: typed, frameSize: scope.frameSize)))
                case .expectation(let expectation):
                    checkExpectation(expectation, into: &test)
                }
            }
            if let kind = test.assessment?.kind, let assessment = assessments[kind] {
                checkOutcomeWords(test.expectations, in: assessment)
            }
            // A test whose `vid` or `förväntas` line the parser could not read (a date
            // `2025-13-01`, `förväntas villkor 11 uppfylt`) lacks it because of that line: that
            // line's error is the one. A test that lacks it otherwise is still told so.
            if test.assessment == nil, !hasParseError(in: decl.span, onLineOf: "vid") {
                report(.incompleteTest, "testet `\(decl.name.value)` anger inte när det prövas", at: decl.name.span,
                       hint: "lägg till till exempel `vid \(assessments.keys.sorted().first ?? "ansökan") 2025-03-01`")
            }
            if test.expectations.isEmpty, !hasParseError(in: decl.span, onLineOf: "förväntas") {
                report(.incompleteTest, "testet `\(decl.name.value)` förväntar ingenting och kan inte misslyckas", at: decl.name.span,
                       hint: "lägg till till exempel `förväntas godkänd` eller `förväntas villkor … ej uppfyllt`")
            }
            tests.append(test)
        }
        return tests
    }

    /// An expected outcome in the words of the test's kind of assessment: an application is
    /// `godkänd` or `ej godkänd`; a follow-up of an authorized provider has `inga brister` or
    /// `brister`, or ends in `avauktorisation`; both can need `komplettering`.
    private mutating func checkOutcomeWords(_ expectations: [Expectation], in assessment: CheckedAssessment) {
        // Without a consequence the assessment has no outcomes; that is its own error.
        guard !assessment.consequences.isEmpty else { return }
        let operation = AssessmentPhase(assessment.consequences) == .operation
        for case .noDeauthorization(let span) in expectations where !operation {
            report(.outcomeOfAnotherAssessment,
                   "`ingen avauktorisation` är inget utfall vid \(assessment.name): det gäller en ansökan", at: span,
                   hint: "skriv `förväntas godkänd` eller `förväntas ej godkänd`; en avauktorisation prövas vid uppföljning")
        }
        for case .outcome(let outcome, let failing, let span) in expectations
        where outcome != .incomplete && outcome.isDuringOperation != operation {
            let words = operation ? "`inga brister`, `brister [i villkor …]`, `avauktorisation` eller `komplettering krävs`"
                                  : "`godkänd`, `ej godkänd [med brist i villkor …]` eller `komplettering krävs`"
            let replacement: String
            let numbers = failing.map(\.description).joined(separator: ", ")
            switch outcome {
            case .approved: replacement = "inga brister"
            case .notApproved: replacement = failing.isEmpty ? "brister" : "brister i villkor \(numbers)"
            case .noShortfalls: replacement = "godkänd"
            default: replacement = failing.isEmpty ? "ej godkänd" : "ej godkänd med brist i villkor \(numbers)"
            }
            report(.outcomeOfAnotherAssessment,
                   "`\(outcome.rawValue)` är inget utfall vid \(assessment.name): \(operation ? "anordnaren är redan auktoriserad" : "det gäller en ansökan")",
                   at: span, hint: "skriv `förväntas \(replacement)`; utfallen vid \(assessment.name) är \(words)")
        }
    }

    /// The type of a fact path such as `anordnare.garant.kreditvärdighet`.
    private mutating func resolvePath(_ path: [FactPathStep]) -> KundvalType {
        guard let first = path.first?.identifier else { return .error }
        guard var type = facts.first(where: { $0.name == first.name })?.type else {
            reportUnknown(first.name, "`\(first.name)` är inget faktum", at: first.span,
                          hint: closest(to: first.name, among: facts.map(\.name)).map { "menade du `\($0)`?" })
            return .error
        }
        for step in path.dropFirst() {
            // A fact of a type already reported unknown: its fields are not reported again.
            if type.unwrapped == .error { return .error }
            guard case .name(let member) = step else {
                // `element(lista, n)`: an element of a list, known once the test's facts have it.
                guard case .list(let element) = type.unwrapped else {
                    report(.notAList, "`\(type)` är ingen lista, så den har inga element", at: path.spanOfSteps)
                    return .error
                }
                type = element
                continue
            }
            guard case .record(let name) = type.unwrapped, let record = records[name] else {
                report(.unknownField, "`\(type)` har inga fält", at: member.span)
                return .error
            }
            guard let index = record.fieldIndex(member.name) else {
                // Once per record and field, with the uses in expressions (see `reportUnknown`).
                reportUnknown(member.name, "`\(name)` har inget fält `\(member.name)`", at: member.span,
                              hint: unknownFieldHint(member.name, in: record, named: name), code: .unknownField, within: name)
                return .error
            }
            type = record.fields[index].type
        }
        return type
    }

    private mutating func checkExpectation(_ expectation: Expectation, into test: inout CheckedTest) {
        switch expectation {
        case .outcome(_, let failing, _):
            for number in failing where !conditionNumbers.contains(number.parts) { reportUnknownCondition(number) }
        case .condition(let number, _, _):
            if !conditionNumbers.contains(number.parts) { reportUnknownCondition(number) }
        case .service(let name, _, _):
            let services = syntax.declarations.compactMap { declaration -> String? in
                if case .service(let service) = declaration { return service.name.name }
                return nil
            }
            if !services.contains(name.name) {
                report(.unknownName, "det finns ingen insats `\(name.name)`", at: name.span,
                       hint: closest(to: name.name, among: services).map { "menade du `\($0)`?" }
                           ?? (services.isEmpty ? nil : "insatser: " + services.map { "`\($0)`" }.joined(separator: ", ")))
            }
        case .sanction(let value, let condition):
            let steps = ladder?.cases ?? enumerations.values.flatMap(\.cases)
            if !steps.contains(value.name) {
                report(.unknownName, "`\(value.name)` är ingen sanktion", at: value.span,
                       hint: closest(to: value.name, among: steps).map { "menade du `\($0)`?" }
                           ?? (ladder.map { "stegen i `Sanktion` är " + $0.cases.map { "`\($0)`" }.joined(separator: ", ") }))
            }
            if let condition, !conditionNumbers.contains(condition.parts) { reportUnknownCondition(condition) }
        case .noSanction, .noDeauthorization:
            break
        case .holds(let expression):
            var scope = Scope()
            let typed = checkBoolean(expression, what: "det som förväntas", in: &scope)
            test.assertions.append(CheckedBody(expression: typed, frameSize: scope.frameSize))
        }
        test.expectations.append(expectation)
    }
}

extension [FactPathStep] {
    /// From the first step to the last, for a message about the whole path.
    var spanOfSteps: SourceSpan {
        let spans = map { step -> SourceSpan in
            switch step {
            case .name(let identifier): identifier.span
            case .element(_, let span): span
            }
        }
        guard let first = spans.first else { return SourceSpan(start: 0, end: 0) }
        return spans.dropFirst().reduce(first) { $0.union($1) }
    }
}
