import Dispatch
import Foundation
import KundvalRuntime
import Testing

/// Decisions stored and read back (issue 16): every result type is `Codable`, typed (an amount
/// with its unit, a sanction as a step of the ladder, the assessment kind as a value), and a
/// decision read back equals the one written, down to its stable JSON.
@Suite struct DecisionCodableTests {
    typealias Rules = ThirdColumnTests

    /// A decision through JSON and back.
    static func roundTrip(_ decision: Decision) throws -> Decision {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try JSONDecoder().decode(Decision.self, from: encoder.encode(decision))
    }

    /// A follow-up with shortfalls, a sanction with its fine, computations and explanations; an
    /// approved application; a follow-up of 002 that ends in de-authorization; one with a
    /// condition whose evidence is missing.
    static func decisions() throws -> [Decision] {
        let late = try Rules.decide(Rules.öppenvård, "oppenvard-brister.json", ["inte_åtgärdad_inom_utsatt_tid": "true"],
                                    at: "uppföljning", on: "2025-03-01")
        let day = try Rules.day("2025-03-01")
        let document = try Rules.document(Rules.öppenvård, on: day)
        let explained = try document.evaluate(Rules.facts(document, "oppenvard-brister.json"), assessment: "uppföljning",
                                              date: day, explain: true, computations: true)
        let approved = try Rules.decide(Rules.öppenvård, "oppenvard-godkand.json", at: "ansökan", on: "2025-03-01")
        let deauthorized = try Rules.decide(Rules.arbete, "arbete-etablering-godkand.json", [
            "anordnare.personal_i_omfattning_och_med_kompetens": "false",
            "påverkan": "\"risk_för_kunder_eller_kommunen\"", "olämplig_att_utföra_välfärdstjänster": "true",
        ], at: "uppföljning", on: "2025-09-01")
        let incomplete = try Rules.decide(Rules.öppenvård, "oppenvard-godkand.json", ["anordnare.registreringsbevis": "null"],
                                          at: "ansökan", on: "2025-03-01")
        return [late, explained, approved, deauthorized, incomplete]
    }

    @Test func aDecisionReadBackEqualsTheOneWrittenAndWritesTheSameJSON() throws {
        for decision in try Self.decisions() {
            let read = try Self.roundTrip(decision)
            #expect(read == decision)
            #expect(read.statuses == decision.statuses)
            #expect(read.serviceStatuses == decision.serviceStatuses)
            #expect(read.json() == decision.json(), "the stable JSON of \(decision.document), \(decision.assessment)")
            #expect(try Self.roundTrip(read) == read)
        }
        let kinds = try Self.decisions().map(\.outcome)
        #expect(kinds == [.shortfalls, .shortfalls, .approved, .deauthorized, .incomplete])
    }

    @Test func aDecisionThatDiffersInAnyReasonIsNotEqual() throws {
        let decision = try Self.decisions()[0]
        let text = try #require(String(data: JSONEncoder().encode(decision), encoding: .utf8))
        let reason = try #require(decision.failing.first?.reasons.first)
        let changed = text.replacingOccurrences(of: reason, with: reason + " (ändrat)")
        #expect(changed != text)
        let read = try JSONDecoder().decode(Decision.self, from: Data(changed.utf8))
        #expect(read != decision)
        #expect(read.statuses == decision.statuses)
    }

    @Test func theSanctionIsAStepOfTheLadderAndTheAmountAnExactNumberInKronor() throws {
        let decision = try Self.decisions()[0]
        let sanction = try #require(decision.sanction)
        #expect(sanction.sanction == SanctionStep(name: "varning_förenad_med_vite", rank: 4))
        let amount = try #require(sanction.amount)
        #expect(amount.value == .number(Rational(integer: 16_500)))
        #expect(amount.unit == .kronor)
        #expect(amount.text == "16500 kr")
        let consequence = try #require(try Rules.condition("17", in: decision).consequence)
        #expect(consequence.allowed.compactMap(\.step).map(\.rank) == [0, 1, 2, 3, 4, 5])
        #expect(consequence.recommended == .step(SanctionStep(name: "varning_förenad_med_vite", rank: 4)))
        #expect(consequence.factors.first { $0.name == "inte_åtgärdad_inom_utsatt_tid" }?.value == .boolean(true))
        #expect(consequence.factors.first { $0.name == "påverkan" }?.value == .enumCase("risk_för_eller_drabbat_kunder"))
        #expect(decision.assessment == AssessmentKind(name: "uppföljning", phase: .operation))
        let application = try Self.decisions()[2]
        #expect(application.assessment == AssessmentKind(name: "ansökan", phase: .application))
    }

    @Test func anApplicationsConsequenceIsNotAStep() throws {
        let decision = try Rules.decide(Rules.öppenvård, "oppenvard-brister.json", at: "ansökan", on: "2025-03-01")
        #expect(decision.outcome == .notApproved)
        let consequence = try #require(decision.failing.first?.consequence)
        #expect(consequence.recommended == .notApproved)
        #expect(consequence.recommended?.step == nil)
        #expect(try Self.roundTrip(decision) == decision)
    }

    @Test func statusesOutcomesAndKindsAreCodedAsTheirSwedishWords() throws {
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode([ConditionStatus.notMet, .missingEvidence]), as: UTF8.self)
                == #"["ej uppfyllt","underlag saknas"]"#)
        #expect(String(decoding: try encoder.encode(Outcome.noShortfalls), as: UTF8.self) == #""inga brister""#)
        #expect(try JSONDecoder().decode(Outcome.self, from: Data(#""komplettering krävs""#.utf8)) == .incomplete)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConditionStatus.self, from: Data(#""uppfylld""#.utf8)) }
        #expect(String(decoding: try encoder.encode(AssessmentKind.Phase.operation), as: UTF8.self) == #""drift""#)
    }

    @Test(arguments: ["16500", "-12.5", "0.05", "1000/3", "-7/9", "4611686018427387903.5", "9223372036854775807",
                      "0.000000000000000001"])
    func exactNumbersReadBackAsWritten(_ text: String) throws {
        let encoded = try JSONEncoder().encode([text])
        let number = try #require(try JSONDecoder().decode([Rational].self, from: encoded).first)
        #expect(number.exactText == text)
        #expect(try JSONEncoder().encode([number]) == encoded)
    }

    @Test func aNumberWithMoreDecimalsThanTheTextHoldsIsWrittenAsAFraction() throws {
        // 1/2^62 has 62 decimals: written p/q, read back exactly.
        let tiny = try Rational(numerator: 1, denominator: 1 << 62)
        let encoded = try JSONEncoder().encode([tiny])
        #expect(try JSONDecoder().decode([String].self, from: encoded) == ["1/4611686018427387904"])
        #expect(try JSONDecoder().decode([Rational].self, from: encoded) == [tiny])
    }

    @Test(arguments: ["", "-", "1.", ".5", "1.2.3", "--1", "+1", "1/0", "1/-2", "a", "1 000", "1,5",
                      "0.0000000000000000001", "9223372036854775808", "1/2/3"])
    func malformedNumbersAreRefused(_ text: String) throws {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rational].self, from: JSONEncoder().encode([text])) }
    }

    @Test func datesAreWrittenAsTheyAreReadAndImpossibleOnesRefused() throws {
        let day = try Day(year: 2024, month: 2, day: 29)
        #expect(String(decoding: try JSONEncoder().encode([day]), as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: Data(#"["2024-02-29", "0001-01-01", "9999-12-31"]"#.utf8))
                == [day, try Day(year: 1, month: 1, day: 1), try Day(year: 9999, month: 12, day: 31)])
        for text in ["2025-02-29", "2025-13-01", "0000-01-01", "25-01-01", "2025-1-01", "2025-01-01T00:00", "2025/01/01"] {
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode([Day].self, from: Data("[\"\(text)\"]".utf8)) }
        }
    }

    @Test func theReasonsAreMadeOnceAndSharedByEveryRead() throws {
        let decision = try Self.decisions()[0]
        let first = decision.conditions
        #expect(!decision.failing.isEmpty)
        #expect(zip(first, decision.conditions).allSatisfy { $0 === $1 }, "a second read makes nothing again")
        let copy = decision
        #expect(zip(first, copy.conditions).allSatisfy { $0 === $1 }, "a copy shares what was made")
        #expect(decision.services == copy.services)
    }

    @Test func threadsReadingADecisionAtOnceGetTheSameReasons() throws {
        let day = try Rules.day("2025-03-01")
        let document = try Rules.document(Rules.öppenvård, on: day)
        let facts = try Rules.facts(document, "oppenvard-brister.json")
        let kind = try #require(document.assessmentKind(named: "uppföljning"))
        for _ in 0..<50 {
            let decision = try document.evaluate(facts, kind: kind, date: day)
            let seen = Seen()
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                seen.add(decision.conditions.map(ObjectIdentifier.init))
            }
            let all = seen.all
            #expect(all.count == 8)
            #expect(all.allSatisfy { $0 == all[0] })
            #expect(all[0] == decision.conditions.map(ObjectIdentifier.init))
        }
    }

    /// What the threads saw.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [[ObjectIdentifier]] = []
        func add(_ identities: [ObjectIdentifier]) { lock.withLock { seen.append(identities) } }
        var all: [[ObjectIdentifier]] { lock.withLock { seen } }
    }
}
