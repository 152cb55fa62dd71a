@testable import KundvalChecker
import KundvalSyntax
import Testing

/// The rows in force are computed by the checker (issue 16, item 4): the runtime, the rendered
/// document and the comparison of versions read the same rows.
@Suite struct ConditionsInForceTests {
    static let text = """
        reglemente "R"
        fakta
          a: ja/nej
          b: ja/nej
        villkor 1 "Ett"
          kräver a
          underlag uppföljning
          vid brist: avauktorisation
        villkor 2 "Två"
          kräver b
          vid brist: ej godkänd auktorisation
        villkor 3 "Tre" i förekommande fall
          kräver a
        villkor 4 "Fyra"
          kräver a
          underlag kontroll
          vid brist: ej auktorisation
        # fil: k.kundval
        kundval "K"
          enligt reglemente "R"
        villkor 1
          kräver b
        villkor 2
          underlag egen anmälan "Kapacitetsplan"
          vid brist: avauktorisation
        villkor 3 förekommer inte i detta kundval
        villkor 4.1 "Fyra ett"
          kräver b
        villkor 4.1.2
          kräver a och b
        """

    func rows() throws -> [ConditionInForce] {
        let program = try #require(Fixtures.check(Self.text).program)
        return try #require(program.document(named: "K")).conditionsInForce
    }

    @Test func generalAndSpecificPartsAreJoinedByNumber() throws {
        let rows = try rows()
        #expect(rows.map(\.number.description) == ["1", "2", "3", "4", "4.1", "4.1.2"])
        #expect(rows[0].title == "Ett")
        #expect(rows[0].parts.map(\.origin) == [.general, .specific])
        #expect(rows[2].isSwitchedOff)
        #expect(!rows[0].isSwitchedOff)
    }

    @Test func aRefinementWithoutItsOwnColumnsTakesTheGeneralOnes() throws {
        let specific = try #require(try rows()[0].parts.last)
        #expect(specific.consequences == [.deauthorization])
        #expect(specific.controlPoints.map(\.kind) == [.followUp])
    }

    @Test func aTextOnlyRefinementAddsItsControlPointAndConsequenceToTheGeneralPart() throws {
        let row = try rows()[1]
        // The refinement has no requirement: it only says how the general condition is checked.
        #expect(row.parts.count == 2)
        let general = row.parts[0]
        #expect(general.controlPoints.map(\.kind) == [.ownReport])
        #expect(general.controlPoints.first?.consequences == [.deauthorization])
        #expect(general.consequences == [.notApproved])
        // The condition itself stays as written.
        #expect(general.condition.evidence.isEmpty)
        #expect(general.condition.consequences == [.notApproved])
    }

    @Test func aSubConditionTakesTheColumnsOfTheNearestConditionAboveIt() throws {
        let rows = try rows()
        #expect(rows.first { $0.number.description == "4" }?.parts.map(\.origin) == [.general])
        let subCondition = try #require(rows.first { $0.number.description == "4.1.2" }?.parts.first)
        #expect(subCondition.consequences == [.noAuthorization])
        #expect(subCondition.controlPoints.map(\.kind) == [.check])
        // Written in 4 (the reglemente's), taken over by 4.1 and from it by 4.1.2.
        #expect(subCondition.consequencesFrom?.description == "4")
        #expect(subCondition.controlPointsFrom?.description == "4")
        let own = try #require(rows.first { $0.number.description == "4" }?.parts.first)
        #expect(own.consequencesFrom == nil && own.controlPointsFrom == nil)
    }

    @Test func aReglementesRowsAreItsOwnConditions() throws {
        let program = try #require(Fixtures.check(Self.text).program)
        let rows = try #require(program.document(named: "R")).conditionsInForce
        #expect(rows.map(\.number.description) == ["1", "2", "3", "4"])
        #expect(rows.allSatisfy { $0.parts.map(\.origin) == [.specific] })
    }

    /// A number written many times (an error the checker reports) costs as much as writing it
    /// once: each repetition takes over the general condition's columns, not those that the
    /// repetitions before it took over (which doubled them with each one: a fuzzed file of
    /// 6 KB with a condition written about 30 times took 2 GB and 15 s).
    @Test func aNumberWrittenManyTimesDoesNotMultiplyItsColumns() throws {
        var lines = [Self.text.components(separatedBy: "# fil: k.kundval")[0], "# fil: k.kundval",
                     "kundval \"K\"", "  enligt reglemente \"R\""]
        for _ in 0..<12 { lines += ["villkor 4", "  kräver b"] }
        let text = lines.joined(separator: "\n")
        let result = Fixtures.check(text)
        #expect(Fixtures.codes(text).filter { $0 == .duplicateCondition }.count >= 1)
        #expect(result.program == nil)
        // The rows, as the checker computes them for a document with errors: every repetition
        // has the general condition's one consequence and control point (with the doubling,
        // the twelfth had 2,048).
        let reglemente = try #require(Fixtures.check(Self.text).program?.document(named: "R"))
        let general = try #require(reglemente.conditions.first { $0.number.description == "4" })
        var repeated = general
        repeated.consequences = []
        repeated.evidence = []
        let rows = ConditionInForce.rows(general: reglemente.conditions, own: Array(repeating: repeated, count: 12),
                                         refinesReglemente: true)
        let row = try #require(rows.first { $0.number.description == "4" })
        #expect(row.parts.count == 13)
        #expect(row.parts.allSatisfy { $0.consequences == [.noAuthorization] && $0.controlPoints.count == 1 })
    }
}
