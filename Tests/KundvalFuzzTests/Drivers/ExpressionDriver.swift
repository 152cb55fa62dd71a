import KundvalDiagnostics
import KundvalSyntax
@testable import KundvalRuntime

/// Bytes → facts and well-typed expressions over ``document``'s types (see
/// ``ExpressionGenerator``), placed in two conditions, a definition and a `gäller när`; compiled
/// and evaluated every way the runtime has: the value code against its reference code and
/// under an observer, the assessment plans' truth programs, and whole decisions with and
/// without explanations. All
/// must agree, value for value and error for error.
enum ExpressionDriver {
    /// The rules around the generated expressions: every kind of value, optional facts, a list of
    /// records and a list of integers, a definition with a parameter and a table.
    static let document = """
        reglemente "F" version "1"
        typ Nivå: en av låg, mellan, hög i stigande ordning
        typ Person
          namn: text
          ålder: heltal kan saknas
          lön: belopp kan saknas
          anställd: datum kan saknas
          aktiv: ja/nej kan saknas
          nivå: Nivå kan saknas
        typ Anordnare
          a: ja/nej kan saknas
          b: ja/nej kan saknas
          n: heltal kan saknas
          m: heltal kan saknas
          x: decimaltal kan saknas
          pengar: belopp kan saknas
          andel: procent kan saknas
          start: datum kan saknas
          slut: datum kan saknas
          frist: dagar kan saknas
          period: månader kan saknas
          namn: text kan saknas
          nivå: Nivå kan saknas
          personer: lista av Person kan saknas
          tal: lista av heltal kan saknas
          orter: lista av text kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        definition dubbel(k: heltal): heltal = k * 2
        tabell nivåtal(n: Nivå): heltal
          | låg    | 1 |
          | mellan | 2 |
          | hög    | 3 |
        definition passar(k: heltal kan saknas, f: ja/nej kan saknas): ja/nej kan saknas = om f så k finns och k > 3 annars k saknas
        definition med_frist(d: datum kan saknas): datum kan saknas = d + 2 veckor
        definition eller_nacka(t: text kan saknas): text kan saknas = om t finns så t annars "Nacka"
        tabell ortnamn(n: Nivå kan saknas): text kan saknas i ordning
          | hög | "Nacka" |
          | -   | ""      |
        tabell spann(n: heltal kan saknas, f: ja/nej kan saknas): Nivå i ordning
          | < 0  | -  | låg    |
          | >= 5 | ja | hög    |
          | -    | -  | mellan |

        """

    /// Conditions after the generated ones, the same for every input, over the generated facts:
    /// shapes the truth programs lower by rewriting them (a text chosen by `om`, a list written
    /// out, definitions with computed arguments, tables of a text and of a case with computed
    /// arguments, in a loop too; a record and a list chosen by `om`, read in each branch, and
    /// `största` and `minsta` over lists), so that the facts the fuzzer finds compare them with
    /// the value code, errors included (overflow, dates past the calendar). Not generated: the
    /// generator reads its choices from the input's bytes, and a new choice there would change
    /// what every stored input means.
    static let rewrittenShapes = """
        villkor 3
          kräver (om anordnare.a så anordnare.namn annars "Nacka") = "Nacka" eller någon v i [anordnare.n, anordnare.m, 3]: v > 4
        villkor 4
          kräver passar(anordnare.n + anordnare.m, anordnare.a och anordnare.b) eller ortnamn(anordnare.nivå) ≠ anordnare.namn
        villkor 5
          kräver spann(anordnare.n * 2, anordnare.b) >= mellan eller med_frist(anordnare.start + anordnare.frist) <= anordnare.slut
        villkor 6
          kräver alla p i anordnare.personer: p.namn ≠ anordnare.namn eller spann(p.ålder - 1, p.aktiv) = hög
        villkor 7
          kräver (största p i (om anordnare.a så anordnare.personer annars okänt) där p.aktiv: p.ålder * anordnare.m) >= anordnare.n eller (om anordnare.b så anordnare annars okänt).pengar finns
        villkor 8
          kräver (minsta p i anordnare.personer: p.anställd + anordnare.frist) <= anordnare.slut eller (antal p i (om anordnare.a så anordnare.personer annars okänt) där p.lön > anordnare.pengar) > 1

        """

    /// The rules, facts and date an input stands for.
    static func generate(_ bytes: [UInt8]) -> (rules: String, facts: String, date: Day) {
        var choices = ByteChoices(bytes)
        let date = Shipped.dates[choices.next(Shipped.dates.count)]
        let facts = FactsGenerator.json(&choices)
        var generator = ExpressionGenerator(choices)
        var text = document
        text += "villkor 1\n"
        if generator.choices.next(3) == 0 { text += "  gäller när \(generator.expression(.boolean))\n" }
        text += "  kräver \(generator.expression(.boolean))\n"
        if generator.choices.next(2) == 0 { text += "  kräver \(generator.expression(.boolean))\n" }
        text += "  vid brist: ej godkänd auktorisation, sanktion\n"
        text += "villkor 2\n  kräver \(generator.expression(.boolean))\n  vid brist: sanktion\n"
        text += rewrittenShapes
        let kind = generator.choices.pick(ExpressionGenerator.Kind.allCases)
        text += "definition värde = \(generator.expression(kind))\n"
        return (text, facts, date)
    }

    /// Whether the rules around the generated expressions compile at all: without that every
    /// input would end before evaluation, and the target would find nothing, silently.
    static let documentCompiles: Bool = {
        guard case .success = RuleSet.compile([SourceFile(path: "fuzz.kundval", text: document + "villkor 1\n  kräver ja\n" + rewrittenShapes)])
        else { return false }
        return true
    }()

    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard documentCompiles else { throw FuzzFinding("reglerna runt de genererade uttrycken har fel") }
        let (rules, facts, date) = generate(bytes)
        _ = try check(rules: rules, facts: facts, date: date)
    }

    /// Compiles `text` and compares every way of evaluating it for `facts`; rules the checker
    /// refuses and facts the decoder refuses end the run (they were exercised). Returns whether
    /// the rules were evaluated.
    @discardableResult
    static func check(rules text: String, facts json: String, date: Day) throws(FuzzFinding) -> Bool {
        guard case .success(let rules) = RuleSet.compile([SourceFile(path: "fuzz.kundval", text: text)]),
              let document = rules.documents.first,
              case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else { return false }
        try compareCodes(document, facts, date: date)
        try compareProgram(document, facts, date: date)
        for kind in document.assessmentNames {
            try DecisionAgreement.check(document, facts, kind: kind, date: date, label: "uttryck")
        }
        // One computation asked for by name is the one the decision reports, errors included.
        let asked = Result { () throws(EvaluationFailure) in try document.value(of: "värde", facts: facts, date: date) }
        let reported = Result { () throws(EvaluationFailure) in
            try document.evaluate(facts, assessment: "ansökan", date: date, computations: true).computations.first { $0.name == "värde" }
        }
        // Where a condition or service failed (``EvaluationFailure/located(_:read:)``) is
        // no part of the comparison.
        switch (asked, reported.mapError(\.unlocated)) {
        case (.success(let a), .success(let b)) where a == b: break
        case (.failure(let a), .failure(let b)) where a.description == b.description: break
        // The decision fails at a condition before it computes anything.
        case (_, .failure(.computation)), (_, .failure(.serviceComputation)): break
        default: throw FuzzFinding("\(date) värde: efterfrågat \(asked), i beslutet \(reported)")
        }
        return true
    }

    /// The value code of every applicability and requirement gives the same value or the same
    /// error as its reference code (no folding, no cursors: see `Compiler.reference`), and
    /// the same with an observer (which explanations use).
    static func compareCodes(_ document: CompiledDocument, _ facts: Facts, date: Day) throws(FuzzFinding) {
        for condition in document.conditions {
            for part in condition.parts where !part.isSwitchedOff {
                var codes = zip(part.requirements.map(\.code), part.requirementExpressions).map { ($0, $1) }
                if let applicability = part.applicability, let expression = part.applicabilityExpression {
                    codes.append((applicability, expression))
                }
                for (index, (code, expression)) in codes.enumerated() {
                    func run(_ code: Code, observer: (any EvaluationObserver)? = nil) -> Result<Value, EvaluationError> {
                        let context = EvaluationContext(storage: facts.storage, date: date,
                                                        definitionCount: document.definitionCount, observer: observer)
                        return Result { () throws(EvaluationError) in try code(context) }
                    }
                    let value = run(code)
                    let reference = run(document.referenceCode(expression, file: part.file))
                    guard value == reference else {
                        throw FuzzFinding("villkor \(condition.numberText) kod \(index) \(date): värdekoden \(value), referenskoden \(reference)")
                    }
                    let observed = run(code, observer: StepRecorder())
                    guard value == observed else {
                        throw FuzzFinding("villkor \(condition.numberText) kod \(index) \(date): värdekoden \(value), med observatör \(observed)")
                    }
                }
            }
        }
    }

    /// Each assessment plan's truth program gives each condition the slow path's status, when
    /// neither fails.
    static func compareProgram(_ document: CompiledDocument, _ facts: Facts, date: Day) throws(FuzzFinding) {
        // The computations (the generated `värde` among them) by their program are the value
        // code's, errors included.
        let context = { EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount) }
        let made = Result { () throws(EvaluationFailure) in try document.computed(context: context()) }
        let reference = Result { () throws(EvaluationFailure) in
            try document.computations.map { computation throws(EvaluationFailure) in
                try CompiledDocument.computation(computation.name, computation.code, computation.type, computation.typeName,
                                                 formatter: document.formatter, context: context())
            }
        }
        switch (made, reference) {
        case (.success(let a), .success(let b)) where a == b: break
        case (.failure(let a), .failure(let b)) where a.description == b.description: break
        default: throw FuzzFinding("\(date) beräkningar: programmet \(made), värdekoden \(reference)")
        }
        for kind in document.assessmentNames {
            guard let plan = document.assessmentKind(named: kind) else { continue }
            var results = plan.template.map(\.rawValue)
            var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            plan.program.run(&lazy, results: &results)
            let statuses: [Status: ConditionStatus] = [.notMet: .notMet, .undecided: .missingEvidence,
                                                      .met: .met, .doesNotApply: .notApplicable]
            for (index, entry) in plan.entries.enumerated() where entry.hasQuick {
                // A condition the program could not compute is the value code's to decide or to fail.
                if results[index] == Status.failed.rawValue { continue }
                let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
                // The program decided the condition, where an error could not decide it, so the slow
                // path cannot fail: a side that decides in spite of an error decides there too.
                let decision: ConditionDecision
                do {
                    decision = try CompiledDocument.decide(entry, index, in: plan, context: context, explainer: nil)
                } catch {
                    throw FuzzFinding("\(kind) \(date) villkor \(entry.condition.numberText): programmet gav \(results[index]) men långsamma vägen misslyckades: \(error.message)")
                }
                guard statuses[Status(rawValue: results[index])] == decision.status else {
                    throw FuzzFinding("\(kind) \(date) villkor \(entry.condition.numberText): programmet \(results[index]), långsamma vägen \(decision.status)")
                }
                // The decision read off the program of the condition's checks is the value code's.
                let checked: ConditionDecision
                // A context of its own: the definitions and table choices the value code kept
                // in `context` would otherwise hide a disagreement.
                let fresh = EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
                do { checked = try plan.decision(index, context: fresh) } catch {
                    throw FuzzFinding("\(kind) \(date) villkor \(entry.condition.numberText): kontrollprogrammet misslyckades: \(error.message)")
                }
                guard checked == decision else {
                    throw FuzzFinding("\(kind) \(date) villkor \(entry.condition.numberText): kontrollprogrammet \(checked.status) \(checked.reasons), långsamma vägen \(decision.status) \(decision.reasons)")
                }
            }
        }
    }
}

/// Facts for ``ExpressionDriver/document`` from the fuzzer's bytes: each fact unknown or one of
/// a few values at the edges of its type's range.
enum FactsGenerator {
    static func json(_ choices: inout ByteChoices) -> String {
        func pick(_ options: [String]) -> String? {
            let index = choices.next(options.count + 1)
            return index == 0 ? nil : options[index - 1]
        }
        let integers = ["0", "1", "-1", "7", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775807", "100000"]
        let dates = ["\"2025-03-01\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2024-02-29\"", "\"2025-01-31\""]
        let levels = ["\"låg\"", "\"mellan\"", "\"hög\""]
        func person() -> String {
            var fields = ["\"namn\": \(pick(["\"Ada\"", "\"\""]) ?? "\"Bo\"")"]
            if let value = pick(integers) { fields.append("\"ålder\": \(value)") }
            if let value = pick(["0", "1234.56", "9e12", "-5", "0.01"]) { fields.append("\"lön\": \(value)") }
            if let value = pick(dates) { fields.append("\"anställd\": \(value)") }
            if let value = pick(["true", "false"]) { fields.append("\"aktiv\": \(value)") }
            if let value = pick(levels) { fields.append("\"nivå\": \(value)") }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        var fields: [String] = []
        func add(_ name: String, _ value: String?) { if let value { fields.append("\"\(name)\": \(value)") } }
        add("a", pick(["true", "false"]))
        add("b", pick(["true", "false"]))
        add("n", pick(integers))
        add("m", pick(integers))
        add("x", pick(["0.5", "-2.25", "1e10", "3", "0.001", "0"]))
        add("pengar", pick(["0", "1234.56", "9e12", "-5", "0.01", "92233720368547758.07"]))
        add("andel", pick(["5", "100", "0", "12.5"]))
        add("start", pick(dates))
        add("slut", pick(dates))
        add("frist", pick(["\"14 dagar\"", "\"2 veckor\"", "\"0 dagar\"", "\"3652059 dagar\""]))
        add("period", pick(["\"3 månader\"", "\"2 år\"", "\"0 månader\"", "\"1 månad\""]))
        add("namn", pick(["\"Nacka\"", "\"\""]))
        add("nivå", pick(levels))
        if choices.next(3) != 0 {
            fields.append("\"personer\": [" + (0..<choices.next(4)).map { _ in person() }.joined(separator: ", ") + "]")
        }
        let count = choices.next(5)
        if count > 0 {
            fields.append("\"tal\": [" + (0..<count - 1).map { _ in pick(integers) ?? "2" }.joined(separator: ", ") + "]")
        }
        let places = choices.next(4)
        if places > 0 {
            fields.append("\"orter\": [" + (0..<places - 1).map { _ in pick(["\"Nacka\"", "\"\"", "\"Å\\\"\""]) ?? "\"Solna\"" }
                .joined(separator: ", ") + "]")
        }
        return "{\"anordnare\": {" + fields.joined(separator: ", ") + "}}"
    }
}
