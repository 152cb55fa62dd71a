import Foundation
@testable import KundvalRuntime
import Testing

/// The sanction weighed from the parts the plan's program found not met (see
/// `AssessmentPlan+Shortfalls.swift`) against the explained path, on rules made to break it: an
/// independent review's document with conditions of several parts, a definition lowered once and
/// read by several conditions, `om`, loops, dated documents, an unknown `gäller när`, a division
/// by zero in one part while another fails, three tables, services and a ground for
/// de-authorization; 500 providers each.
@Suite struct SanctionShortfallTests {
    static let large = (0..<100).map { "(anordnare.g eller anordnare.x > \($0 % 7))" }.joined(separator: " och ")
    static let reglemente = """
        reglemente "R" version "1"
        typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning
        typ Påverkan: en av liten, stor
        typ Intyg
          utfärdat: datum kan saknas
        typ Rad
          b: ja/nej kan saknas
          n: heltal kan saknas
        typ Anordnare
          a: ja/nej kan saknas
          b: ja/nej kan saknas
          c: ja/nej kan saknas
          g: ja/nej kan saknas
          x: heltal kan saknas
          y: heltal kan saknas
          intyg: Intyg kan saknas
          intyg2: Intyg kan saknas
          rader: lista av Rad kan saknas
        fakta
          anordnare: Anordnare
          påverkan: Påverkan kan saknas
          dröjsmål: heltal kan saknas
        definition stort: ja/nej kan saknas = \(large)
        definition allvarlig: ja/nej kan saknas = anordnare.x / anordnare.y > 2
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        bedömning uppföljning
          vid brist: sanktion
        tabell mild(påverkan: Påverkan): Sanktion
          | liten | åtgärdsplan |
          | stor  | varning     |
        tabell sträng(påverkan: Påverkan, allvarlig: ja/nej): Sanktion
          | liten | nej | vite            |
          | liten | ja  | avauktorisation |
          | stor  | -   | avauktorisation |
        tabell dröj(dröjsmål: heltal): Sanktion i ordning
          | >= 10 | avauktorisation |
          | >= 3  | vite            |
          | -     | varning         |
        sanktioner enligt mild
        villkor 1 "Ett"
          gäller när anordnare.g
          kräver stort
          underlag uppföljning: anordnare.intyg högst 3 månader gammalt
          vid brist: varning
        villkor 2 "Två"
          kräver stort
          underlag uppföljning
          vid brist: vite
        villkor 3 "Tre"
          kräver anordnare.a
          underlag uppföljning
          vid brist: avauktorisation
        villkor 4 "Fyra"
          kräver anordnare.x / anordnare.y > 1
          underlag uppföljning
          vid brist: varning
        villkor 5 "Fem"
          kräver stort
          underlag uppvisas vid auktorisation, vid brist: avauktorisation
        villkor 6 "Sex"
          gäller när stort
          underlag uppföljning: anordnare.intyg2 högst 1 månad gammalt
          vid brist: sanktion enligt dröj
        villkor 7 "Sju"
          kräver alla r i anordnare.rader: r.b
          underlag uppföljning
          vid brist: varning eller vite
        villkor 8 "Åtta"
          kräver stort
          underlag uppföljning
          vid brist: sanktion enligt dröj eller sanktion enligt sträng
        avauktorisation "Grund"
          gäller när stort
          från 2025-01-01

        """
    static let kundval = """
        kundval "K"
          enligt reglemente "R" version "1"
        villkor 1
          kräver stort och anordnare.b
          vid brist: sanktion enligt sträng
        villkor 2
          kräver om anordnare.c så anordnare.a annars anordnare.b
          vid brist: åtgärdsplan
        villkor 3
          kräver anordnare.b
          vid brist: sanktion enligt mild
        villkor 4
          kräver anordnare.a
          vid brist: vite
        villkor 5
          kräver anordnare.c
          underlag uppföljning
          vid brist: varning
        villkor 7
          kräver (antal r i anordnare.rader där r.n > 1) < 2
          vid brist: sanktion
        villkor 8
          gäller när anordnare.c
          kräver stort
          underlag uppföljning: anordnare.intyg högst 1 månad gammalt
          vid brist: sanktion enligt dröj
        insats i1 "Insats ett"
          kräver stort
        insats i2 "Insats två"
          gäller när anordnare.c
          kräver anordnare.a

        """

    static func providers() -> [String] {
        var random = CodePathAgreementTests.Random(state: 3_434)
        let truths: [String?] = [nil, "true", "false", "false"]
        let numbers: [String?] = [nil, "0", "1", "3", "7", "-2"]
        let intyg: [String?] = [nil, "{}", #"{"utfärdat": "2024-09-01"}"#, #"{"utfärdat": "2025-08-20"}"#, #"{"utfärdat": "2025-02-01"}"#]
        var result: [String] = []
        for _ in 0..<500 {
            func pick<T>(_ list: [T]) -> T { list[random.next(list.count)] }
            var fields: [String] = []
            for name in ["a", "b", "c", "g"] { if let v = pick(truths) { fields.append(#""\#(name)": \#(v)"#) } }
            for name in ["x", "y"] { if let v = pick(numbers) { fields.append(#""\#(name)": \#(v)"#) } }
            for name in ["intyg", "intyg2"] { if let v = pick(intyg) { fields.append(#""\#(name)": \#(v)"#) } }
            if random.next(3) > 0 {
                let rows = (0..<random.next(4)).map { _ in #"{"b": \#(pick(["true", "false", "null"])), "n": \#(pick(["0", "2", "null"]))}"# }
                fields.append(#""rader": ["# + rows.joined(separator: ", ") + "]")
            }
            var top = [#""anordnare": {"# + fields.joined(separator: ", ") + "}"]
            if let v = pick([nil, "liten", "stor"] as [String?]) { top.append(#""påverkan": "\#(v)""#) }
            if let v = pick([nil, "0", "3", "10"] as [String?]) { top.append(#""dröjsmål": \#(v)"#) }
            result.append("{" + top.joined(separator: ", ") + "}")
        }
        return result
    }

    @Test(arguments: ["R", "K"]) func adversarial(name: String) throws {
        let document = try ReviewChecksTests.documents([("r.kundval", Self.reglemente), ("k.kundval", Self.kundval)], name: name)
        var tally = ReviewChecksTests.Tally()
        var sanctions = 0
        for (index, json) in Self.providers().enumerated() {
            let date = try Day(year: 2025, month: 9, day: 1)
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            try ReviewChecksTests.strict(document, json, date: date, label: "\(name) #\(index) \(json)", tally: &tally)
            if let q = try? document.evaluate(facts, assessment: "uppföljning", date: date),
               let e = try? document.evaluate(facts, assessment: "uppföljning", date: date, explain: true) {
                #expect(q.deauthorizations == e.deauthorizations, "\(json)")
                if q.sanction != nil { sanctions += 1 }
            }
        }
        #expect(sanctions > 50, "only \(sanctions) sanctions recommended")
    }
}

extension SanctionShortfallTests {
    /// The providers above reach conditions of several parts with some parts not met: the
    /// shortfalls' masks are read off the registers of those parts.
    @Test func multiPartShortfallsAreReached() throws {
        let document = try ReviewChecksTests.documents([("r.kundval", Self.reglemente), ("k.kundval", Self.kundval)], name: "K")
        let plan = try #require(document.assessmentKind(named: "uppföljning"))
        #expect(plan.partRegisters.contains { $0.count > 1 })
        var hits = 0
        for json in Self.providers() {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            let date = try Day(year: 2025, month: 9, day: 1)
            var lazy = LazyContext(storage: facts.storage, date: date, definitionCount: document.definitionCount)
            plan.program.withMemory(registers: plan.template.count) { memory in
                let quick = memory.registers
                quick.update(from: plan.fencedTemplate)
                plan.program.run(&lazy, memory)
                for s in plan.shortfalls(in: quick) where plan.partRegisters[s.index].count > 1 {
                    hits += 1
                    #expect(s.failingParts != 0)
                }
            }
        }
        #expect(hits > 100, "only \(hits) shortfalls of conditions of several parts")
    }
}
