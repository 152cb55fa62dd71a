import Foundation
import Testing
@testable import KundvalRuntime
import KundvalTestSupport

/// Review of the traces of `element(lista, n)` and of fields of a computed record: many shapes
/// (places zero, negative, outside the list, past 32 bits, computed, overflowing; lists through
/// definitions and parameters; elements in loops, `där`s, sums, extremes, choices, definitions;
/// presence tests; `gäller när`, services and grounds) on random facts, the walk from the plan's
/// run against the value code, step by step and line by line. A place that is not an integer
/// does not type (K0307).
@Suite struct ElementTraceReviewTests {
    static let extras = """
        definition personalen: lista av Person kan saknas = anordnare.personal
        definition lst(a: Anordnare): lista av Person kan saknas = a.personal
        definition första_hp(l: lista av Person kan saknas): heltal kan saknas = element(l, 1).utb.hp
        definition andra: Person kan saknas = element(anordnare.personal, 2)
        definition välj: Person kan saknas = om val så element(anordnare.personal, 1) annars element(anordnare.personal, 2)
        definition barnhp(p: Person): heltal kan saknas = element(p.barn, 1).utb.hp
        definition kurshp(ig: Intyg kan saknas): heltal kan saknas = element(ig.utb.kurser, 1).hp
        definition ettan: heltal kan saknas = element(anordnare.personal, 1).utb.hp
        definition fa(a: Anordnare): heltal kan saknas = element(a.personal, 2).utb.hp
        definition elem(l: lista av Person kan saknas, n: heltal kan saknas): Person kan saknas = element(l, n)
        definition utbi(p: Person): Utb kan saknas = p.intyg.utb
        definition valutb(p: Person): Utb kan saknas = om val så p.utb annars p.intyg.utb
        definition tal_hp(l: lista av heltal kan saknas): heltal kan saknas = element(l, 2)
        definition nhp(l: lista av Person kan saknas, n: heltal kan saknas): heltal kan saknas = element(l, n).utb.hp
        definition wrap: heltal kan saknas = första_hp(anordnare.personal)
        definition barnsumma: heltal kan saknas = summa p i anordnare.personal: element(p.barn, 1).utb.hp
        definition bsum(q: Person): heltal kan saknas = summa b i q.barn: element(b.utb.kurser, 1).hp
        definition cmp(p: Person): ja/nej kan saknas = element(anordnare.personal, 1).utb.hp > p.utb.hp
        definition bb(l: lista av Person kan saknas): ja/nej kan saknas = alla p i l: element(p.barn, 1).utb.hp > 1
        definition allahp(l: lista av Person kan saknas): ja/nej kan saknas = alla p i l: element(l, 1).utb.hp <= p.utb.hp

        """

    static let services = """
        insats s1 "S"
          gäller när element(anordnare.personal, 1).utb.godkänd
          kräver "K": element(anordnare.personal, 2).utb.hp >= 60
          kräver "L": första_hp(anordnare.personal) > 10
        avauktorisation "X"
          gäller när element(anordnare.personal, 1).utb.hp >= 180
          från element(anordnare.personal, 1).utb.examen + 12 månader

        """

    /// Each shape, and whether its condition's checks have a trace (see ``shapesAndTraces()``).
    /// Those without are explained by the value code alone; the others are compared on random
    /// facts (see ``randomFactsAgree()``).
    static let shapes: [(condition: String, traced: Bool)] = [
        ("element(personalen, 2).utb.hp > 60", false),
        ("första_hp(personalen) > 5", false),
        ("element(lst(anordnare), 2).utb.hp > 60", false),
        ("alla p i personalen: p.utb.hp > 5", false),
        ("andra.utb.hp > 60", false),
        ("välj.utb.hp > 60", false),
        ("alla p i anordnare.personal: barnhp(p) > 3", true),
        ("alla p i anordnare.personal: kurshp(p.intyg) > 3", true),
        ("alla p i anordnare.personal: p.utb.hp > ettan", true),
        ("fa(anordnare) > 3", false),
        ("elem(anordnare.personal, 2).utb.hp > 3", false),
        ("alla p i anordnare.personal: utbi(p).hp > 3", false),
        ("alla p i anordnare.personal: valutb(p).hp > 3", false),
        ("element(anordnare.personal, 0).utb.hp > 3", true),
        ("element(anordnare.personal, -1).utb.hp > 3", true),
        ("element(anordnare.personal, 2147483648).utb.hp > 3", true),
        ("element(anordnare.personal, 2147483647).utb.hp > 3", true),
        ("element(anordnare.personal, anordnare.n - 1).utb.hp > 3", true),
        ("element(anordnare.personal, -anordnare.n).utb.hp > 3", true),
        ("element(anordnare.personal, anordnare.n + 9223372036854775807).utb.hp > 3", true),
        ("element(anordnare.personal, 9223372036854775807).utb.hp > 3", true),
        ("element(anordnare.personal, antal p i anordnare.personal där p.utb.godkänd).utb.hp > 3", true),
        ("element(anordnare.personal, antal p i anordnare.personal).utb.hp > 3", true),
        ("element(anordnare.personal, 2).utb.hp finns", true),
        ("element(anordnare.personal, 2).utb.hp saknas", true),
        ("element(anordnare.personal, 2).utb finns", false),
        ("element(anordnare.personal, 2).intyg.utb saknas eller element(anordnare.personal, 2).intyg.utb.hp > 3", false),
        ("alla p i anordnare.personal: element(p.utb.tal, 2) finns", true),
        ("alla p i anordnare.personal: element(p.utb.kurser, 1).hp > 3", true),
        ("alla p i anordnare.personal: element(p.intyg.utb.kurser, 2).hp > 3", true),
        ("(antal p i anordnare.personal där element(p.barn, 1).utb.hp > 3) >= 1", true),
        ("(summa p i anordnare.personal: element(p.utb.tal, 1)) > 3", true),
        ("(största p i anordnare.personal: element(p.barn, 1).utb.hp) > 3", true),
        ("(största p i anordnare.personal där element(p.barn, 1).utb.godkänd: p.utb.hp) > 3", true),
        ("(minsta p i anordnare.personal: element(p.utb.tal, 1)) < 5", true),
        ("alla p i anordnare.personal: alla b i p.barn: element(b.utb.kurser, 1).hp > 2", true),
        ("alla p i anordnare.personal: alla t i p.utb.tal: element(anordnare.personal, t).utb.hp > 3", true),
        ("alla p i anordnare.personal: element(anordnare.personal, p.krav.n).utb.hp > 3", true),
        ("element(anordnare.personal, element(element(anordnare.personal, 1).utb.tal, 1)).utb.hp > 3", false),
        ("(om val så element(anordnare.personal, 1).utb annars element(anordnare.personal, 2).intyg.utb).hp > 3", true),
        ("(om val så andra annars element(anordnare.personal, 1)).utb.hp > 3", false),
        ("element(om val så anordnare.personal annars okänt, 2).utb.hp > 3", true),
        ("alla p i anordnare.personal: (om val så p.utb annars element(p.barn, 1).utb).hp > 3", true),
        ("alla p i anordnare.personal: (om val så element(p.barn, 1) annars element(p.barn, 2)).utb.hp > 3", true),
        ("alla p i anordnare.personal: (om p.utb.godkänd så p.utb annars okänt).hp > 3", true),
        ("element(anordnare.personal, anordnare.n * 4611686018427387904).utb.hp > 1 eller val", true),
        ("val och element(anordnare.personal, anordnare.n * 4611686018427387904).utb.hp > 1", true),
        ("element(anordnare.personal, 2).krav.utb.hp > element(anordnare.personal, 1).krav.n", true),
        ("element(anordnare.personal, 2).chef.utb.hp > 3", false),
        ("element(anordnare.personal, 1 + 1).utb.examen + 2 år >= bedömningsdatum", true),
        ("element(anordnare.personal, 2).utb.nivå är specialist", true),
        ("alla p i anordnare.personal: element(p.matris, 1) finns", false),
        ("alla p i anordnare.personal: p.utb.hp > första_hp(p.barn)", false),
        ("första_hp(element(anordnare.personal, 1).barn) > 3", false),
        ("alla p i anordnare.personal: (om val så p annars element(anordnare.personal, 1)).utb.hp > 3", false),
        ("alla p i anordnare.personal: element(p.barn, 1).intyg.utb.hp > 3", true),
        ("första_hp(om val så anordnare.personal annars okänt) > 3", false),
        ("alla p i anordnare.personal: tal_hp(p.utb.tal) > 3", false),
        ("element(anordnare.personal, 2).utb.hp > 60 och element(anordnare.personal, 2).utb.hp < 170", true),
        ("ettan > 3 och ettan < 170", true),
        ("alla p i (om val så anordnare.personal annars okänt): element(p.barn, 1).utb.hp > 3", false),
        ("alla p i anordnare.personal: element(anordnare.personal, element(p.utb.tal, 1)).utb.hp > 3", true),
        ("om element(anordnare.personal, 1).utb.godkänd så element(anordnare.personal, 2).utb.hp > 3 annars val", true),
        ("sträng(element(anordnare.personal, 1).intyg.utb.hp) är vite", true),
        ("nhp(anordnare.personal, 2) > 3", true),
        ("nhp(anordnare.personal, anordnare.n) > 3", true),
        ("wrap > 5", true),
        ("alla q i anordnare.personal: q.utb.hp > barnsumma", true),
        ("alla p i anordnare.personal: bsum(p) > 1", true),
        ("alla p i anordnare.personal: cmp(p)", true),
        ("allahp(anordnare.personal)", true),
        ("(största p i anordnare.personal: barnhp(p)) > 3", true),
        ("(minsta p i anordnare.personal där cmp(p): kurshp(p.intyg)) > 3", true),
        ("alla p i anordnare.personal: första_hp(anordnare.personal) > p.utb.hp", true),
        ("element(anordnare.personal, 2) finns", false),
        ("alla p i anordnare.personal: alla b i p.barn: barnhp(b) > 1", true),
        ("alla p i anordnare.personal: element(p.barn, 1).utb.examen < bedömningsdatum + 1 år", true),
        ("alla p i anordnare.personal: (om val så element(p.barn, 1).utb annars element(anordnare.personal, 1).intyg.utb).hp > 3", true),
        ("bb(anordnare.personal)", true),
        ("alla p i anordnare.personal: element(p.barn, anordnare.n).utb.hp > 1", true),
        ("alla p i anordnare.personal: element(p.barn, 1).barn finns", false),
        ("(antal b i (element(anordnare.personal, 1).barn)) >= 1", false),
        ("alla p i anordnare.personal: (om p.utb.godkänd så element(p.barn, 1) annars element(anordnare.personal, 1)).intyg.utb.hp > 1", true),
        ("någon p i anordnare.personal: element(p.barn, 2).utb.hp saknas och element(p.utb.kurser, 1).klar finns", true),
    ]

    /// The rules: `conditions`, every fourth with a `gäller när` reading an element, then the
    /// services and grounds when `services`.
    static func text(_ conditions: [String], services: Bool = true) -> String {
        var text = NestedReviewTests.head + extras
        for (index, condition) in conditions.enumerated() {
            text += "villkor \(index + 1) \"V\(index + 1)\"\n  kräver \(condition)\n"
            if index % 3 == 0 { text += "  vid brist: ej godkänd auktorisation, sanktion\n" }
            if index % 4 == 1 { text += "  gäller när element(anordnare.personal, 1).utb.godkänd eller val\n" }
        }
        return services ? text + Self.services : text
    }

    /// Which shapes the checks' program lowers without value code and traces, one document
    /// each: a change in the lowering or the traces shows here.
    @Test func shapesAndTraces() throws {
        var report: [String] = []
        for (condition, _) in Self.shapes {
            let rules = RuleSet.compile([SourceFile(path: "r.kundval", text: Self.text([condition], services: false))])
            guard case .success(let set) = rules, let document = set.document(named: "R") else {
                report.append("DOES NOT COMPILE: \(condition)")
                continue
            }
            let plan = try #require(document.assessmentKind(named: "ansökan"))
            let traced = plan.checkPrograms.first??.traces != nil
            report.append("\(traced ? "traced" : "untraced"): \(condition)")
        }
        #expect(report == Self.shapes.map { "\($0.traced ? "traced" : "untraced"): \($0.condition)" }, "\(report)")
    }

    /// A missing field of an element is named as the value code names it, from the plan's run:
    /// by its element when the place is written out and the list has a name (through a loop, a
    /// definition's parameter bound to a loop's element or to a record in it, a definition
    /// without parameters), by its fields alone when the place is a parameter, does not fit in
    /// 32 bits, or the record is chosen by `om`.
    @Test func missingFieldsAreNamed() throws {
        let named: [(condition: String, missing: [String])] = [
            ("alla p i anordnare.personal: barnhp(p) > 3", ["element(element(anordnare.personal, 1).barn, 1).utb.hp",
                "element(anordnare.personal, 2).barn", "element(element(anordnare.personal, 2).barn, 1).utb.hp"]),
            ("alla p i anordnare.personal: kurshp(p.intyg) > 3", ["element(element(anordnare.personal, 1).intyg.utb.kurser, 1).hp",
                "element(anordnare.personal, 2).intyg", "element(anordnare.personal, 2).intyg.utb.kurser",
                "element(element(anordnare.personal, 2).intyg.utb.kurser, 1).hp"]),
            ("nhp(anordnare.personal, 2) > 3", ["….utb.hp"]),
            ("element(anordnare.personal, 2147483647).utb.hp > 3", ["element(anordnare.personal, 2147483647).utb.hp"]),
            ("element(anordnare.personal, 2147483648).utb.hp > 3", ["….utb.hp"]),
            ("(om val så element(anordnare.personal, 1).utb annars element(anordnare.personal, 2).intyg.utb).hp > 3", ["….hp"]),
            ("wrap > 5", ["element(anordnare.personal, 1).utb.hp"]),
            ("alla p i anordnare.personal: alla b i p.barn: element(b.utb.kurser, 1).hp > 2",
             ["element(element(element(anordnare.personal, 1).barn, 1).utb.kurser, 1).hp", "element(anordnare.personal, 2).barn"]),
            ("element(anordnare.personal, 1 + 1).utb.hp > 3", ["element(anordnare.personal, 2).utb.hp"]),
        ]
        let document = try CodePathAgreementTests.document(Self.text(named.map(\.condition), services: false))
        let json = #"{"val": true, "anordnare": {"personal": [{"utb": {"godkänd": true}, "intyg": {"utb": {"kurser": [{}]}}, "#
            + #""barn": [{"utb": {"kurser": [{}]}}]}, {"utb": {}}]}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        let date = try Day(year: 2025, month: 3, day: 1)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.checkPrograms.allSatisfy { $0?.traces != nil })
        // Every condition is explained from the plan's run, and as the value code explains it.
        let (walked, left, _) = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
        #expect(walked == 2 * named.count && left == 0, "walked \(walked), left \(left)")
        let decision = try document.evaluate(facts, assessment: "ansökan", date: date, explain: true)
        #expect(decision.conditions.map(\.missingFacts) == named.map(\.missing))
    }

    /// The traced shapes on random facts, on two dates, in groups of eight (the plan's own program
    /// is run once per condition compared): the walk from the checks' programs and from the
    /// plan's own program tells the value code's steps and names, and the explanations read as
    /// the value code's; the programs compute what the value code computes.
    @Test func randomFactsAgree() throws {
        let traced = Self.shapes.filter(\.traced).map(\.condition)
        var g = SplitMix64(seed: 77_2026)
        var (walked, own, left) = (0, 0, 0)
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 9999, month: 6, day: 1)]
        for start in stride(from: 0, to: traced.count, by: 8) {
            let group = Array(traced[start..<min(start + 8, traced.count)])
            let document = try CodePathAgreementTests.document(Self.text(group, services: start == 0))
            let plan = try #require(document.assessmentKind(named: "uppföljning"))
            #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty, "\(group)")
            for round in 0..<RandomRounds.of(30) {
                let json = NestedReviewTests.facts(&g)
                let date = dates[round % 2]
                let facts = try document.decoder.decode(json: Array(json.utf8)).get()
                _ = try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
                let (w, l, o) = try PlanTraceAgreementTests.compare(document, facts, date: date, label: json)
                (walked, left, own) = (walked + w, left + l, own + o)
            }
        }
        #expect(walked > 0 && own > 0 && left > 0, "walked \(walked), own \(own), left \(left)")
    }
}
