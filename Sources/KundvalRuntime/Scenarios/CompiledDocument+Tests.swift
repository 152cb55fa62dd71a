import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// The result of one test written in a rule file.
public struct TestResult: Sendable {
    /// The test's name.
    public let name: String
    /// The file it is written in.
    public let file: SourceFile
    /// Where it is written.
    public let span: SourceSpan
    /// Each expectation that did not hold, or why the test could not run (codes K0601, K0602).
    public let failures: [Diagnostic]
    /// The decision the test's facts gave, when the test could run.
    public let decision: Decision?
    /// The condition statuses this test verified (only when it passed): those named in a
    /// `förväntas villkor N …`, every condition of a `förväntas godkänd` that was met, and the
    /// conditions of a `förväntas ej godkänd med brist i villkor …`.
    public let verified: [(number: String, status: ConditionStatus)]
    /// The service statuses this test verified (only when it passed): those named in a
    /// `förväntas insats … `, and every service met in a `förväntas godkänd`.
    public let verifiedServices: [(name: String, status: ConditionStatus)]
    /// The example the test starts from, when its JSON file cannot be used: the test did not
    /// run, and the file's problem is reported once, at its path, by
    /// ``CompiledDocument/exampleProblems(readFile:)``.
    public var unusableExample: String? = nil

    /// Whether every expectation held.
    public var passed: Bool { failures.isEmpty }
}

extension CompiledDocument {
    /// The number of tests written in this document's own file.
    public var testCount: Int { tests.count }

    /// Runs the tests written in this document's file. Each test starts from its example (or
    /// from no facts at all), changes the facts it names, evaluates the document for its
    /// assessment kind and date, and compares the decision with every expectation.
    ///
    /// - Parameter readFile: reads an example's JSON file, given its path relative to the rule
    ///   file's folder joined to that folder; `nil` when it cannot be read, and
    ///   ``ExampleFileRefusal`` thrown when it is refused.
    public func runTests(readFile: (String) throws(ExampleFileRefusal) -> [UInt8]?) -> [TestResult] {
        // Each example file is read once, however many tests start from it.
        var read: [String: ExampleFile.Facts] = [:]
        return tests.map { test in
            run(test) { name, relative, span in
                if let known = read[name] { return known }
                let facts = ExampleFile.read(relative, span: span, besideFile: sourceFile.path, decoder: decoder, readFile: readFile)
                read[name] = facts
                return facts
            }
        }
    }

    private func run(_ test: CompiledTest,
                     exampleFile: (_ name: String, _ path: String, _ span: SourceSpan) -> ExampleFile.Facts) -> TestResult {
        let file = sourceFile
        let heading = Self.firstLine(of: test.span, in: file)
        func notRun(_ message: String, hint: String? = nil, at span: SourceSpan? = nil) -> TestResult {
            TestResult(name: test.name, file: file, span: test.span,
                       failures: [Diagnostic(code: .testNotRun, message: message, span: span ?? heading, hint: hint)],
                       decision: nil, verified: [], verifiedServices: [])
        }
        guard let assessment = test.assessment, let date = test.date else {
            return notRun("testet `\(test.name)` anger inte när det prövas")
        }

        // The facts: the example's, then each change.
        var roots = [Value](repeating: .unknown, count: rootCount)
        if let exampleName = test.example {
            switch examples[exampleName] {
            case .inline(let code)?:
                // Evaluated with every fact unknown, in storage of the document's layout: an
                // example that reads a fact reads it as unknown.
                let scratch = EvaluationContext(storage: unknownFacts.storage, date: date, definitionCount: definitionCount)
                guard case .record(let values)? = try? code(scratch), values.count == rootCount else {
                    return notRun("exemplet `\(exampleName)` kunde inte beräknas")
                }
                roots = values
            case .file(let relative, let span, let own)?:
                switch exampleFile(exampleName, relative, span) {
                case .facts(let values):
                    roots = values
                case .problem(let problem):
                    let hint = own ? "se felet \(problem.code) vid exemplets fil på rad \(file.location(of: problem.span.start).line)"
                        : "exemplet står i reglementet, och dess fil passar inte detta dokuments fakta: \(problem.message)"
                    var result = notRun("testet kördes inte: exemplet `\(exampleName)` kan inte användas", hint: hint)
                    // The file's problem is reported at its path only for an example of this
                    // file; a reglemente's example's reason is in this test's hint.
                    if own { result.unusableExample = exampleName }
                    return result
                }
            case nil:
                return notRun("det finns inget exempel `\(exampleName)`")
            }
        }
        for override in test.overrides {
            // Computed from the facts as the `med` lines before it left them, read through the
            // storage the document's layout makes (compiled code reads its slots).
            let current = EvaluationContext(storage: Facts(values: roots, layout: decoder.layout).storage, date: date,
                                            definitionCount: definitionCount)
            let value: Value
            do {
                value = try override.value(current)
            } catch {
                return notRun("ett värde i testet kunde inte beräknas: \(error.message)")
            }
            switch replacing(roots[override.root], at: override.steps[...], with: value) {
            case .success(let changed):
                roots[override.root] = changed
            case .failure(let short):
                let has = short.count.map { $0 == 1 ? "har bara 1 element" : "har \($0) element" } ?? "är okänd"
                // At the element's number (it was the test's heading, then the value; found by an
                // adversarial session and a policy author).
                return notRun("testet kördes inte: `med \(override.text)` ändrar element \(short.position), men listan \(has)",
                              hint: "skriv hela listan med `med`, eller ett nummer inom den", at: short.span)
            }
        }
        // A duration is never negative in facts: JSON facts are refused for it, and so are a
        // test's (its evaluation stopped on the fine's weeks of `-3 dagar`; found by review).
        if let path = decoder.negativeDuration(in: roots) {
            return notRun("uppgiften `\(path)` är en negativ tidslängd; en uppgift om tid anges som 0 eller mer")
        }
        let facts = Facts(values: roots, layout: decoder.layout)

        let decision: Decision
        do {
            // With the computations, as `kundval eval` evaluates: a test passes only where
            // the evaluation it checks does not stop.
            decision = try evaluate(facts, assessment: assessment, date: date, computations: true)
        } catch {
            return notRun("testet kunde inte köras: \(error.description)")
        }
        let context = EvaluationContext(storage: facts.storage,
                                        date: date, definitionCount: definitionCount)
        var failures: [Diagnostic] = []
        var verified: [(String, ConditionStatus)] = []
        var verifiedServices: [(String, ConditionStatus)] = []
        for check in test.checks {
            if let failure = Self.failure(of: check, decision: decision, context: context,
                                          choosesSanctions: sanctions.policyTable != nil, formatter: formatter) {
                failures.append(failure)
            } else {
                verified += Self.verified(by: check, decision: decision)
                switch check {
                case .service(let name, let status, _): verifiedServices.append((name, status))
                case .outcome(.approved, _, _), .outcome(.noShortfalls, _, _):
                    verifiedServices += decision.services.filter { $0.status == .met }.map { ($0.name, .met) }
                default: break
                }
            }
        }
        return TestResult(name: test.name, file: file, span: test.span, failures: failures, decision: decision,
                          verified: failures.isEmpty ? verified : [],
                          verifiedServices: failures.isEmpty ? verifiedServices : [])
    }

    /// A diagnostic when an expectation does not hold; `choosesSanctions` says whether the
    /// document has a sanction policy (`sanktioner enligt …`), for the hint when none is chosen,
    /// and `formatter` shows the values of a comparison that does not hold.
    private static func failure(of check: CompiledTest.Check, decision: Decision, context: EvaluationContext,
                                choosesSanctions: Bool, formatter: ValueFormatter) -> Diagnostic? {
        func failed(_ message: String, _ span: SourceSpan, hint: String? = nil) -> Diagnostic {
            Diagnostic(code: .testFailed, message: message, span: span, hint: hint)
        }
        switch check {
        case .outcome(let expected, let failing, let span):
            if decision.outcome != expected {
                // `avauktorisation` expected where a ground cannot be decided: that ground says why.
                let undecided = expected == .deauthorized ? decision.deauthorizations.first(where: { $0.date == nil }) : nil
                return failed("väntade `\(expected.rawValue)` men beslutet blev `\(decision.outcome.rawValue)`", span,
                              hint: undecided.map { "grunden ”\($0.ground)” kan inte avgöras"
                                  + ($0.missingFacts.isEmpty ? "" : "; saknade fakta: " + $0.missingFacts.map { "`\($0)`" }.joined(separator: ", ")) }
                                  ?? summary(of: decision))
            }
            let actual = decision.failing.map(\.number)
            if !failing.isEmpty, Set(actual) != Set(failing) {
                return failed("väntade brist i villkor \(failing.joined(separator: ", ")) men bristen är i villkor "
                              + actual.joined(separator: ", "), span, hint: summary(of: decision))
            }
        case .condition(let number, let expected, let span):
            guard let condition = decision.conditions.first(where: { $0.number == number }) else {
                return failed("villkor \(number) prövas inte i detta dokument", span)
            }
            if condition.status != expected {
                // An undecided condition names the facts it misses (the reasons alone did not).
                var reasons = condition.reasons
                if condition.status == .missingEvidence, !condition.missingFacts.isEmpty {
                    reasons.append("saknade fakta: " + condition.missingFacts.map { "`\($0)`" }.joined(separator: ", "))
                }
                let why = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
                return failed("väntade villkor \(number) `\(expected.rawValue)` men det är `\(condition.status.rawValue)`", span,
                              hint: why)
            }
        case .service(let name, let expected, let span):
            guard let service = decision.services.first(where: { $0.name == name }) else {
                return failed("insatsen `\(name)` prövas inte i detta dokument", span)
            }
            if service.status != expected {
                return failed("väntade insats `\(name)` `\(expected.rawValue)` men den är `\(service.status.rawValue)`", span,
                              hint: service.reasons.isEmpty ? nil : service.reasons.joined(separator: "; "))
            }
        case .sanction(let expected, let number?, let span):
            guard let condition = decision.conditions.first(where: { $0.number == number }) else {
                return failed("villkor \(number) prövas inte i detta dokument", span)
            }
            guard let consequence = condition.consequence else {
                return failed("väntade sanktion `\(expected)` för villkor \(number) men villkoret är `\(condition.status.rawValue)`", span)
            }
            if consequence.recommended?.name != expected {
                let chosen = consequence.recommended.map { "`\($0.name)` föreslås" }
                    ?? (consequence.missingFactors.isEmpty ? "ingen föreslås" : "ingen kan föreslås förrän "
                        + consequence.missingFactors.map { "`\($0)`" }.joined(separator: ", ") + " är känt")
                return failed("väntade sanktion `\(expected)` för villkor \(number) men \(chosen)", span,
                              hint: "tillåtna: " + consequence.allowed.map(\.name).joined(separator: ", ")
                                  + (consequence.factors.isEmpty ? "" : "; " + consequence.factors.map { "\($0.name) = \($0.text)" }.joined(separator: ", ")))
            }
        case .sanction(let expected, nil, let span):
            guard let sanction = decision.sanction, let recommended = sanction.sanction?.name else {
                let missing = decision.conditions.compactMap(\.consequence).flatMap(\.missingFactors)
                // Conditions not met whose rows leave the choice among several steps open, and
                // no policy to choose (at an application, a row says `ej godkänd auktorisation`).
                let open = decision.conditions.contains { condition in
                    condition.status == .notMet && condition.consequence.map { $0.recommended == nil && $0.allowed.count > 1 } == true
                }
                let hint = !missing.isEmpty ? "okänt: " + Set(missing).sorted().map { "`\($0)`" }.joined(separator: ", ")
                    : open && !choosesSanctions
                    ? "villkor som brister lämnar valet mellan flera steg öppet, och dokumentet har ingen `sanktioner enligt TABELL` som väljer"
                    : "en sanktion föreslås bara vid uppföljning när ett villkor inte är uppfyllt"
                return failed("väntade sanktion `\(expected)` men ingen sanktion föreslås", span, hint: hint)
            }
            if recommended != expected {
                let factors = sanction.factors.map { "\($0.name) = \($0.text)" }.joined(separator: ", ")
                let causes = (sanction.conditions.map { "villkor " + $0 } + sanction.services.map { "insats " + $0 }).joined(separator: ", ")
                return failed("väntade sanktion `\(expected)` men `\(recommended)` föreslås (\(causes)"
                              + (sanction.table.map { ", tabellen `\($0)`" } ?? "") + ")",
                              span, hint: factors.isEmpty ? nil : factors)
            }
        case .noSanction(let span):
            if let sanction = decision.sanction, let recommended = sanction.sanction?.name {
                let causes = (sanction.conditions.map { "villkor " + $0 } + sanction.services.map { "insats " + $0 }).joined(separator: ", ")
                return failed("väntade ingen sanktion men `\(recommended)` föreslås (\(causes))", span)
            }
        case .noDeauthorization(let span):
            // An author could state only that one had occurred (left by stop 44).
            if let ground = decision.deauthorizations.first(where: \.hasOccurred) {
                return failed("väntade ingen avauktorisation men grunden ”\(ground.ground)” har inträffat"
                              + (ground.date.map { " (från \($0))" } ?? ""), span)
            }
            // A ground that cannot be decided yet may have occurred: the expectation is not met
            // (it passed; found by an adversarial session).
            if let ground = decision.deauthorizations.first(where: { $0.date == nil }) {
                return failed("väntade ingen avauktorisation men grunden ”\(ground.ground)” kan inte avgöras", span,
                              hint: ground.missingFacts.isEmpty ? nil
                                  : "saknade fakta: " + ground.missingFacts.map { "`\($0)`" }.joined(separator: ", "))
            }
        case .holds(let code, let text, let span, let sides):
            switch Result(catching: { () throws(EvaluationError) in try code(context) }) {
            case .success(.boolean(true)):
                return nil
            case .success(.boolean(false)):
                // What the sides of a comparison are, so the author sees the value that differs.
                let values = sides.compactMap { side -> String? in
                    guard let value = try? side.code(context) else { return nil }
                    return "`\(side.text)` är \(formatter.describe(value, as: side.type))"
                }
                return failed("`\(text)` är falskt", span, hint: values.isEmpty ? nil : values.joined(separator: ", "))
            case .success:
                // The sides' values (a count may be a range) and the facts it misses, by name
                // (the hint said only that one was missing; found by an adversarial session).
                let values = sides.compactMap { side -> String? in
                    guard let value = try? side.code(context), !(value == .unknown) else { return nil }
                    return "`\(side.text)` är \(formatter.describe(value, as: side.type))"
                }
                let missing = UnknownFactsObserver.paths(storage: context.storage, date: context.date,
                                                         definitionCount: context.definitionCount) { _ = try? code($0) }
                let named = missing.isEmpty ? "en uppgift som uttrycket läser saknas"
                    : "saknade fakta: " + missing.map { "`\($0)`" }.joined(separator: ", ")
                return failed("`\(text)` är okänt", span, hint: (values + [named]).joined(separator: "; "))
            case .failure(let error):
                return failed("`\(text)` kunde inte beräknas: \(error.message)", span)
            }
        }
        return nil
    }

    /// The conditions whose status a passed expectation vouches for.
    private static func verified(by check: CompiledTest.Check, decision: Decision) -> [(String, ConditionStatus)] {
        switch check {
        case .outcome(.approved, _, _), .outcome(.noShortfalls, _, _):
            return decision.conditions.filter { $0.status == .met }.map { ($0.number, .met) }
        case .outcome(.notApproved, let failing, _), .outcome(.shortfalls, let failing, _):
            return failing.map { ($0, .notMet) }
        case .condition(let number, let status, _):
            return [(number, status)]
        case .sanction(_, let number?, _):
            // A sanction for a condition is proposed only where it is not met (a test of 26.2's
            // sanction did not count for 26.2 not met; found by an author of a new kundval).
            return [(number, .notMet)]
        default:
            return []
        }
    }

    /// `villkor 6 ej uppfyllt (…); villkor 12 underlag saknas (…)`: what made the outcome.
    private static func summary(of decision: Decision) -> String? {
        let conditions = decision.conditions.filter { $0.status == .notMet || $0.status == .missingEvidence }.map { condition in
            "villkor \(condition.number) \(condition.status.rawValue)"
                + (condition.reasons.isEmpty ? "" : " (\(condition.reasons.prefix(2).joined(separator: "; ")))")
        }
        let services = decision.services.filter { $0.status == .notMet || $0.status == .missingEvidence }.map { service in
            "insats \(service.name) \(service.status.rawValue)"
                + (service.reasons.isEmpty ? "" : " (\(service.reasons.prefix(2).joined(separator: "; ")))")
        }
        let shown = (conditions + services).prefix(4)
        return shown.isEmpty ? nil : shown.joined(separator: "; ")
    }

    /// The span of a declaration's first line.
    static func firstLine(of span: SourceSpan, in file: SourceFile) -> SourceSpan {
        let line = file.lineRange(file.lineIndex(of: span.start))
        return SourceSpan(start: span.start, end: max(span.start, min(span.end, line.upperBound)))
    }

    /// `exempel/a.json` beside `conditions/oppenvard.kundval` is `conditions/exempel/a.json`.
    static func resolve(_ relative: String, besideFile path: String) -> String {
        guard !relative.hasPrefix("/"), let slash = path.lastIndex(of: "/") else { return relative }
        return String(path[...slash]) + relative
    }
}
