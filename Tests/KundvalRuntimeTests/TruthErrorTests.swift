import Testing
@testable import KundvalRuntime

/// The truths of a program's registers with the error among them (see ``Truth/error``): `och`,
/// `eller` and `inte` as the value code has them, where a side that could not be computed
/// loses only to a side that decides (`nej` in `och`, `ja` in `eller`), and the statuses of a
/// condition's parts likewise. Checked against the rule written out, for every pair.
@Suite struct TruthErrorTests {
    static let truths: [Truth] = [.no, .unknown, .yes, .error]

    /// The value code's `och` (see `Compiler.swift`): `nej` decides, else an error stands,
    /// else `ja` only when both are.
    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .error || b == .error { return .error }
        return a == .yes && b == .yes ? .yes : .unknown
    }

    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .error || b == .error { return .error }
        return a == .no && b == .no ? .no : .unknown
    }

    @Test func connectivesFollowTheValueCode() {
        for a in Self.truths {
            for b in Self.truths {
                #expect(Truth.and(a, b) == Self.and(a, b), "\(a.rawValue) och \(b.rawValue)")
                #expect(Truth.or(a, b) == Self.or(a, b), "\(a.rawValue) eller \(b.rawValue)")
            }
        }
    }

    @Test func negationKeepsAnError() {
        #expect(Self.truths.map(\.negated) == [.yes, .unknown, .no, .error])
        for truth in Self.truths {
            #expect(truth.negated.negated == truth)
            #expect(truth.isError == (truth == .error))
        }
        // Read as not known for a minimum or maximum; a truth that is none is itself.
        #expect(Self.truths.map(\.clearingError) == [.no, .unknown, .yes, .unknown])
    }

    /// An error read as a status is a failed one; two parts together are not met when either
    /// is, else failed when either is, else their minimum.
    @Test func partsTogether() {
        #expect(Status(Truth.error) == .failed)
        let statuses: [Status] = [.notMet, .undecided, .met, .doesNotApply, .failed]
        for a in statuses {
            for b in statuses {
                let expected: Status = a == .notMet || b == .notMet ? .notMet
                    : a == .failed || b == .failed ? .failed : min(a, b)
                #expect(Status.both(a, b) == expected, "\(a.rawValue) med \(b.rawValue)")
            }
        }
    }

    /// The same rule through the real evaluators: `a och b`, `a eller b` and `inte a` for sides
    /// that are `ja`, `nej`, not known and a division by zero, each written as a condition of
    /// its own; the program's result and the value code's decision (a thrown error read as
    /// ``Truth/error``) against ``Truth/and(_:_:)``, ``Truth/or(_:_:)`` and ``Truth/negated``.
    @Test func connectivesAgreeWithBothEvaluators() throws {
        let sides: [(text: String, truth: Truth)] = [("anordnare.n", .no), ("anordnare.o", .unknown), ("anordnare.j", .yes),
                                                    ("anordnare.a / anordnare.z > 0", .error)]
        var conditions: [(text: String, expected: Truth)] = []
        for a in sides {
            conditions.append(("inte (\(a.text))", a.truth.negated))
            for b in sides {
                conditions.append(("(\(a.text)) och (\(b.text))", Truth.and(a.truth, b.truth)))
                conditions.append(("(\(a.text)) eller (\(b.text))", Truth.or(a.truth, b.truth)))
            }
        }
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              j: ja/nej kan saknas
              n: ja/nej kan saknas
              o: ja/nej kan saknas
              a: heltal kan saknas
              z: heltal kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation

            """ + conditions.enumerated().map { "villkor \($0.offset + 1) \"V\"\n  kräver \($0.element.text)\n" }.joined()
        let document = try CodePathAgreementTests.document(text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let date = try Day(year: 2025, month: 3, day: 1)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"j": true, "n": false, "a": 1, "z": 0}}"#.utf8)).get()
        let results = try ProgramRecoveryTests.results(document, facts)
        let statuses: [Status: Truth] = [.notMet: .no, .undecided: .unknown, .met: .yes, .failed: .error]
        let decided: [ConditionStatus: Truth] = [.notMet: .no, .missingEvidence: .unknown, .met: .yes]
        for (index, condition) in conditions.enumerated() {
            #expect(statuses[Status(rawValue: results[index])] == condition.expected, "programmet: \(condition.text)")
            let context = EvaluationContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            let valueCode: Truth? = switch Result(catching: { () throws(EvaluationError) in
                try CompiledDocument.decide(plan.entries[index], index, in: plan, context: context, explainer: nil)
            }) {
            case .success(let decision): decided[decision.status]
            case .failure: .error
            }
            #expect(valueCode == condition.expected, "värdekoden: \(condition.text)")
        }
    }
}
