import KundvalChecker
import KundvalSyntax
import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// Definitions that call definitions, as authors build them up: the program inlines a chain of
/// calls of definitions with parameters however deep it goes, as long as what it brings in stays
/// within a bound (``TruthProgramBuilder/maximumInlinedTree``). It stopped at four levels, so a
/// condition that called `a6(p)` on each element of a list was a closure, value code per element. A chain that
/// would grow past the bound (each definition calling the one below twice) stays a closure, in a
/// program of bounded size, lowered in bounded work.
@Suite struct CallChainLoweringTests {
    static let header = """
        reglemente "R" version "1"
        typ Person
          timmar: heltal kan saknas
          utbildad: ja/nej kan saknas
        typ Anordnare
          personal: lista av Person
          platser: heltal
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        """

    /// Eight levels of definitions with a parameter, on a list's elements and on a computed
    /// argument, and a chain of eight without parameters.
    static let deep = header + """
        definition a1(p: Person): ja/nej kan saknas = p.timmar >= 10
        definition a2(p: Person): ja/nej kan saknas = a1(p) och p.utbildad
        definition a3(p: Person): ja/nej kan saknas = a2(p) eller p.timmar > 40
        definition a4(p: Person): ja/nej kan saknas = a3(p) och p.timmar < 60
        definition a5(p: Person): ja/nej kan saknas = a4(p) eller p.timmar = 0
        definition a6(p: Person): ja/nej kan saknas = a5(p) och p.timmar <= 50
        definition a7(p: Person): ja/nej kan saknas = inte a6(p) eller p.timmar finns
        definition a8(p: Person): ja/nej kan saknas = a7(p) och a6(p)
        definition n1(x: heltal): heltal = x + 1
        definition n2(x: heltal): heltal = n1(x) * 2
        definition n3(x: heltal): heltal = n2(x) - 3
        definition n4(x: heltal): heltal = n3(x + 1)
        definition n5(x: heltal): heltal = n4(x) + n1(x)
        definition n6(x: heltal): heltal = n5(x * 2)
        definition k1: heltal = om anordnare.platser > 5 så anordnare.platser annars 0
        definition k2: heltal = k1 + 1
        definition k3: heltal = k2 * 2
        definition k4: heltal = k3 - 1
        definition k5: heltal = k4 + k1
        definition k6: heltal = k5 + 2
        definition k7: heltal = k6 * 3
        definition k8: heltal = k7 - k2
        villkor 1 "Personal"
          kräver alla p i anordnare.personal: a8(p)
        villkor 2 "Någon"
          kräver någon p i anordnare.personal: a6(p)
        villkor 3 "Räknat"
          kräver n6(anordnare.platser) < 100
        villkor 4 "Kedja"
          kräver k8 <= 200
        """

    /// Villkor 1–3 (definitions with parameters, eight and six deep) are the program's, and so
    /// is the chain of eight without parameters (villkor 4): the definitions it would reach four
    /// levels deep (``TruthProgramBuilder/maximumParameterlessDepth``) are lowered once at the
    /// program's start, and the calls read them there. It was a value closure below four levels.
    @Test func aDeepChainOfCallsIsThePrograms() throws {
        let document = try CodePathAgreementTests.document(Self.deep)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
        let checks = plan.checkPrograms.compactMap { $0 }
        #expect(checks.count == 4)
        #expect(checks.allSatisfy { $0.program.closures.isEmpty && $0.program.valueClosures.isEmpty })
        #expect(checks.allSatisfy { $0.traces != nil }, "every condition is explained from its program")
        #expect(plan.programTraces.allSatisfy { $0 != nil })
        try Self.expectWalksAsTheValueCode(document, date: try Day(year: 2025, month: 3, day: 1))
    }

    /// Which definitions are lowered once at the start: those a call reaches four or more
    /// inlined calls deep, counted again from one lowered once; calls through definitions with
    /// parameters and through a table's rows count too. A chain of three is inlined whole.
    @Test func theDefinitionsReachedDeepAreFoundCalleesFirst() throws {
        let text = Self.header + """
            definition k1: heltal = anordnare.platser
            definition k2: heltal = k1 + 1
            definition k3: heltal = k2 * 2
            definition k4: heltal = k3 - 1
            definition k5: heltal = k4 + k1
            definition k6: heltal = k5 + 2
            definition k7: heltal = k6 * 3
            definition k8: heltal = k7 - k2
            definition s1: heltal = anordnare.platser + 1
            definition s2: heltal = s1 * 2
            definition s3: heltal = s2 - 1
            definition f1(x: heltal): heltal = x + s3
            definition f2(x: heltal): heltal = f1(x) * 2
            definition f3(x: heltal): heltal = f2(x) + 1
            villkor 1 "Kedja"
              kräver k8 <= 200
            villkor 2 "Kort"
              kräver s3 < 9
            villkor 3 "Genom parametrar"
              kräver f3(anordnare.platser) < 50
            """
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        let document = try #require(rules.document(named: "R"))
        let checked = try #require(rules.program.documents.first { $0.name == "R" })
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        func deep(_ conditions: [Int]) -> [String] {
            let roots = conditions.flatMap { plan.entries[$0].condition.parts.flatMap(\.requirementExpressions) }
            return TruthProgramBuilder.deepDefinitions(roots, checked.definitions, checked.tables).map(\.name)
        }
        // k8 at 0, k7 and k2 at 1, k6 2, k5 3, k4 and k1 4 (both lowered once); k4's body
        // from 1 again: k3 1, k2 2, k1 3.
        #expect(deep([0]) == ["k1", "k4"])
        #expect(deep([1]) == [])
        // f3 at 0, f2 1, f1 2, s3 3, s2 4 (lowered once), s1 1.
        #expect(deep([2]) == ["s2"])
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
    }

    /// `d40 = d39 och (d39 eller …)`, forty deep without parameters: inlined whole it would be
    /// 2^40 nodes. Lowered once every fourth level, the program stays small, needs no value code,
    /// and decides as the value code does.
    @Test func aLongDoublingChainWithoutParametersIsLoweredInBoundedSize() throws {
        let steps = (1...40).map { "definition g\($0): ja/nej kan saknas = g\($0 - 1) och (g\($0 - 1) eller anordnare.platser > \($0))" }
        let text = Self.header + """
            definition g0: ja/nej kan saknas = anordnare.platser >= 3 och någon p i anordnare.personal: p.utbildad
            \(steps.joined(separator: "\n"))
            villkor 1 "Dubblat"
              kräver g40
            villkor 2 "Personal"
              kräver alla p i anordnare.personal: p.utbildad eller g12
            """
        let document = try CodePathAgreementTests.document(text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
        #expect(plan.program.instructions.count < 2_000, "\(plan.program.instructions.count) instructions")
        let date = try Day(year: 2025, month: 3, day: 1)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(document, date: date, seed: 63, rounds: 60) { g in
            let staff = (0..<g.next(below: 3)).map { _ in #"{"utbildad": \#(["null", "true", "false"][g.next(below: 3)])}"# }
            let places = ["0", "3", "10", "50"][g.next(below: 4)]
            return #"{"anordnare": {"personal": [\#(staff.joined(separator: ", "))], "platser": \#(places)}}"#
        }
        #expect(compared >= 60)
        #expect(statuses.contains("1 uppfyllt") && statuses.contains("1 ej uppfyllt") && statuses.contains("1 underlag saknas"))
        try Self.expectWalksAsTheValueCode(document, date: date)
    }

    /// The steps of each condition's checks, walked from its program (its checks' program and
    /// the plan's own), are the value code's, step for step, and some walks are made in each.
    static func expectWalksAsTheValueCode(_ document: CompiledDocument, date: Day) throws {
        var (walked, own) = (0, 0)
        for json in [#"{"anordnare": {"personal": [{"utbildad": true}], "platser": 10}}"#,
                     #"{"anordnare": {"personal": [{"utbildad": false}, {}], "platser": 3}}"#,
                     #"{"anordnare": {"personal": [{"timmar": 41, "utbildad": null}], "platser": 50}}"#,
                     #"{"anordnare": {"personal": [], "platser": 0}}"#] {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            let counts = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
            (walked, own) = (walked + counts.walked, own + counts.own)
        }
        #expect(walked >= 4 && own >= 4, "walked \(walked), in the plan's program \(own)")
    }

    @Test func aDeepChainOfCallsDecidesAsTheValueCode() throws {
        let document = try CodePathAgreementTests.document(Self.deep)
        let date = try Day(year: 2025, month: 3, day: 1)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(document, date: date, seed: 61, rounds: 600) { g in
            func hours() -> String { ["null", "0", "5", "10", "30", "41", "50", "55", "70"][g.next(below: 9)] }
            func flag() -> String { ["null", "true", "false"][g.next(below: 3)] }
            let staff = (0..<g.next(below: 4)).map { _ in #"{"timmar": \#(hours()), "utbildad": \#(flag())}"# }
            let places = ["0", "3", "10", "40"][g.next(below: 4)]
            return #"{"anordnare": {"personal": [\#(staff.joined(separator: ", "))], "platser": \#(places)}}"#
        }
        #expect(compared >= 600)
        for number in 1...4 {
            for status in ["uppfyllt", "ej uppfyllt"] {
                #expect(statuses.contains("\(number) \(status)"), "villkor \(number) is never \(status)")
            }
        }
    }

    /// `d12(p)` calls `d11(p)` twice, and so on down: inlined whole it would be about 30,000
    /// nodes. The program stays small, calls value code for what does not fit, and decides as
    /// the value code does.
    static let doubling: String = {
        let steps = (1...12).map { "definition d\($0)(p: Person): ja/nej kan saknas = d\($0 - 1)(p) och (d\($0 - 1)(p) eller p.utbildad)" }
        return header + """
            definition d0(p: Person): ja/nej kan saknas = p.timmar >= 10
            \(steps.joined(separator: "\n"))
            villkor 1 "Dubblat"
              kräver alla p i anordnare.personal: d12(p)
            villkor 2 "Grunt"
              kräver alla p i anordnare.personal: d3(p)
            """
    }()

    @Test func aCallThatWouldGrowPastTheBoundStaysAClosure() throws {
        let document = try CodePathAgreementTests.document(Self.doubling)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        // The shallow call is inlined, the deep one is not, and the program holds what the
        // bound allows: far from the two million nodes of the whole tree.
        #expect(plan.program.closures.count + plan.program.valueClosures.count >= 1)
        #expect(plan.program.instructions.count < 2 * TruthProgramBuilder.maximumInlinedTree)
        let date = try Day(year: 2025, month: 3, day: 1)
        let (compared, statuses) = try CodePathAgreementTests.agreeOnRandomFacts(document, date: date, seed: 62, rounds: 30) { g in
            let staff = (0..<g.next(below: 3)).map { _ in
                #"{"timmar": \#(["null", "5", "20"][g.next(below: 3)]), "utbildad": \#(["null", "true", "false"][g.next(below: 3)])}"#
            }
            return #"{"anordnare": {"personal": [\#(staff.joined(separator: ", "))], "platser": 1}}"#
        }
        #expect(compared >= 30)
        #expect(statuses.contains("1 ej uppfyllt") && statuses.contains("2 uppfyllt"))
    }
}
