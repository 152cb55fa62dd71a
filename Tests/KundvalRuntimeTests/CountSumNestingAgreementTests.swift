import Foundation
import Testing
@testable import KundvalRuntime
import KundvalSyntax
import KundvalTestSupport

/// The count, sum and built-in instructions of the truth program, from an independent review
/// (the reviewer saw `randomFactsAgree` fail on a deliberately broken `countEnd`): counts and sums
/// nested two deep (in each other and in quantifiers), sequential loops in one body, sums of
/// amounts, percentages and durations, scalar lists, lists that may be missing, closures
/// (text comparisons) that read the cursors of a count, inlined definitions with a count,
/// `minsta`/`största` on dates and `rest` with negative numbers, on random facts: the program
/// must agree with the slow path on every condition (and every code path on a share of them;
/// more fact sets with `KUNDVAL_COUNT_SUM_RUNS=N`).
@Suite struct CountSumNestingAgreementTests {
    static let text = """
        reglemente "R" version "1"
        typ Rad
          ok: ja/nej kan saknas
          n: heltal kan saknas
          m: belopp kan saknas
          d: datum kan saknas
          t: dagar kan saknas
          p: procent kan saknas
          s: text kan saknas
        typ Post
          ok: ja/nej kan saknas
          n: heltal kan saknas
          m: belopp kan saknas
          d: datum kan saknas
          t: dagar kan saknas
          s: text kan saknas
        typ Anordnare
          rader: lista av Rad kan saknas
          poster: lista av Post
          tal: lista av heltal kan saknas
          datum: lista av datum kan saknas
          belopp: lista av belopp kan saknas
          n: heltal kan saknas
          k: heltal kan saknas
          d: datum kan saknas
          m: belopp kan saknas
          b1: ja/nej kan saknas
          b2: ja/nej kan saknas
          s2: text kan saknas
          texter: lista av text kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          granskar insatser
          vid brist: ej godkänd auktorisation
        definition antal_ok_i(l: lista av Post): heltal kan saknas = antal q i l där q.ok
        definition antal_i(l: lista av Rad kan saknas): heltal kan saknas = antal q i l där q.n > 0
        definition summa_i(l: lista av Rad kan saknas): heltal kan saknas = summa q i l: q.n
        definition fler(r: Rad): ja/nej kan saknas = (antal q i anordnare.poster där q.n > r.n) >= 1
        definition summa_m: belopp kan saknas = summa q i anordnare.poster: q.m
        definition antal_ok: heltal kan saknas = antal q i anordnare.rader där q.ok
        definition över(x: heltal kan saknas): heltal kan saknas = antal q i anordnare.poster där q.n > x
        villkor 1 "Antal i antal"
          kräver (antal r i anordnare.rader där (antal q i anordnare.poster där q.n > r.n) >= 1) >= 1
        villkor 2 "Antal i alla"
          kräver alla r i anordnare.rader: (antal q i anordnare.poster där q.ok och q.n = r.n) <= 1
        villkor 3 "Summa av antal"
          kräver (summa r i anordnare.rader: (antal q i anordnare.poster där q.n > r.n)) >= 2
        villkor 4 "Summa i antal"
          kräver (antal r i anordnare.rader där (summa q i anordnare.poster: q.m) > r.m) >= 1
        villkor 5 "Summa belopp"
          kräver (summa r i anordnare.rader: r.m) > 100 kr
        villkor 6 "Summa dagar"
          kräver (summa r i anordnare.rader: r.t) >= 14 dagar
        villkor 7 "Summa procent"
          kräver (summa r i anordnare.rader: r.p) >= 50 %
        villkor 8 "Antal okänt efter nog"
          kräver (antal r i anordnare.rader där r.ok) >= 1
        villkor 9 "Antal av lista som kan saknas"
          kräver (antal r i anordnare.rader) = 0
        villkor 10 "Antal tal"
          kräver (antal t i anordnare.tal där t > 0) >= 1
        villkor 11 "Summa tal"
          kräver (summa t i anordnare.tal: t) >= 0
        villkor 12 "Summa avrundade belopp"
          kräver (summa b i anordnare.belopp: avrunda_till_krona(b)) > 10 kr
        villkor 13 "Arbetsdagar"
          kräver (antal d i anordnare.datum där är_arbetsdag(d)) >= 1
        villkor 14 "Minsta datum"
          kräver alla r i anordnare.rader: minsta(r.d, anordnare.d) <= 2025-01-01
        villkor 15 "Största datum"
          kräver alla r i anordnare.rader: största(r.d, anordnare.d) > 2025-01-01
        villkor 16 "Rest"
          kräver rest(anordnare.n, anordnare.k) = 1
        villkor 17 "Inlinad antal"
          kräver alla r i anordnare.rader: fler(r)
        villkor 18 "Antal med anrop"
          kräver (antal r i anordnare.rader där fler(r)) >= 1
        villkor 19 "Definitioner"
          kräver antal_ok >= 2 och summa_m > 0 kr
        villkor 20 "Summa tal i någon"
          kräver någon r i anordnare.rader: (summa q i anordnare.poster: q.n) = r.n
        villkor 21 "Slinga i antal i slinga"
          kräver alla r i anordnare.rader: (antal q i anordnare.poster där någon s i anordnare.rader: s.n = q.n) >= 1
        villkor 22 "Val i antal"
          kräver (antal q i anordnare.poster där (om q.ok så q.n annars 0) > 1) >= 1
        villkor 23 "Val i summa"
          kräver (summa q i anordnare.poster: om q.ok så q.m annars 0 kr) >= 10 kr
        villkor 24 "Månader i antal"
          kräver (antal q i anordnare.poster där hela_månader_mellan(q.d, anordnare.d) >= 1) >= 1
        villkor 25 "Veckor i summa"
          kräver (summa q i anordnare.poster: påbörjade_veckor(q.t)) >= 2
        villkor 26 "Två slingor efter varandra"
          kräver alla r i anordnare.rader: (summa q i anordnare.poster: q.n) > (antal s i anordnare.rader där s.ok)
        villkor 27 "Text i antal"
          kräver (antal q i anordnare.poster där q.s = "a") >= 1
        villkor 28 "Text med två markörer"
          kräver alla r i anordnare.rader: (antal q i anordnare.poster där q.s = r.s) >= 1
        villkor 29 "Summa i summa"
          kräver (summa r i anordnare.rader: (summa q i anordnare.poster: q.n)) >= 3
        villkor 30 "Aritmetik på antal"
          kräver (antal r i anordnare.rader där r.n > 0) + (antal q i anordnare.poster) >= 2
        villkor 31 "Summa som stannar i antal"
          kräver (antal r i anordnare.rader där (summa q i anordnare.poster: q.n) > r.n) >= 1
        villkor 32 "Antal i antal i alla"
          kräver alla r i anordnare.rader: (antal q i anordnare.poster där (antal s i anordnare.rader där s.n = q.n) >= 1) >= 1
        villkor 33 "Minsta med bedömningsdatum"
          kräver alla q i anordnare.poster: minsta(q.d, bedömningsdatum) = q.d
        villkor 34 "Rest med fält"
          kräver någon q i anordnare.poster: rest(q.n, anordnare.k) >= 1
        villkor 35 "Definition med antal i slinga"
          kräver alla r i anordnare.rader: över(r.n) >= 1
        villkor 36 "Summa av text-antal"
          kräver (summa r i anordnare.rader: (antal q i anordnare.poster där q.s = r.s)) >= 1
        villkor 37 "Största belopp"
          kräver (summa q i anordnare.poster: största(q.m, anordnare.m)) >= 100 kr
        villkor 38 "Antal av datum"
          kräver (antal d i anordnare.datum) >= 1 och (antal t i anordnare.tal) = 2
        villkor 39 "Filter utan elementet"
          kräver (antal q i anordnare.poster där anordnare.b1 och anordnare.b2) >= 2
        villkor 40 "Konstant summa"
          kräver (summa q i anordnare.poster: 1) + (summa r i anordnare.rader: 2) >= 3
        villkor 41 "Lista som argument"
          kräver antal_ok_i(anordnare.poster) >= 1 och antal_i(anordnare.rader) >= 1
        villkor 42 "Lista som argument i slinga"
          kräver alla r i anordnare.rader: summa_i(anordnare.rader) > r.n
        villkor 43 "Skalär markör i stängning"
          kräver (antal s i anordnare.texter där s = anordnare.s2) >= 1
        villkor 44 "Element i summa"
          kräver (summa x i anordnare.tal: element(anordnare.tal, x)) >= 1
        villkor 45 "Element med fält i summa"
          kräver (summa q i anordnare.poster: element(anordnare.tal, q.n)) >= 1
        villkor 46 "Sammanslagen slinga i antal"
          kräver (antal r i anordnare.rader där alla q i anordnare.poster: q.ok) >= 1
        villkor 47 "Antal i gäller när"
          gäller när (antal q i anordnare.poster där q.ok) >= 1
          kräver (summa q i anordnare.poster: q.n) >= 1
        villkor 48 "Antal i om"
          kräver (om anordnare.b1 så (antal q i anordnare.poster där q.ok) annars (summa r i anordnare.rader: r.n)) >= 1
        villkor 49 "Summa i om i slinga"
          kräver alla r i anordnare.rader: (om r.ok så (summa q i anordnare.poster: q.n) annars (antal q i anordnare.poster där q.n = r.n)) >= 1
        villkor 50 "Inlinad definition i filter"
          kräver (antal r i anordnare.rader där r.n > över(anordnare.n)) >= 1
        villkor 51 "Inlinad definition med fält i filter"
          kräver (antal r i anordnare.rader där över(r.n) >= 1) >= 1
        villkor 52 "Inlinad definition med fält i summa"
          kräver (summa r i anordnare.rader: över(r.n)) >= 2
        insats tjänst "Tjänst"
          gäller när (antal q i anordnare.poster där q.ok) >= 1
          kräver "Summa": (summa r i anordnare.rader: r.m) >= 1 kr
          kräver "Antal i alla": alla q i anordnare.poster: (antal r i anordnare.rader där r.n = q.n) <= 1
        """

    static func value(_ g: inout SplitMix64, _ kind: String) -> String? {
        if g.next(below: 5) == 0 { return nil }
        switch kind {
        case "ok": return g.pick(["true", "false", "null"])
        case "n": return g.pick(["3", "2", "0", "-1", "-7", "null"])
        case "m": return g.pick(["100", "0.5", "0", "-100", "50.25", "null"])
        case "d": return g.pick([#""2025-01-01""#, #""2024-12-31""#, #""2025-03-01""#, #""2025-03-02""#, "null"])
        case "t": return g.pick(["14", "2", "0", "8", "null"])
        case "p": return g.pick(["5", "50", "0.5", "null"])
        case "s": return g.pick([#""a""#, #""b""#, "null"])
        default: return nil
        }
    }

    static func record(_ g: inout SplitMix64, _ fields: [String]) -> String {
        "{" + fields.compactMap { field in value(&g, field).map { "\"\(field)\": \($0)" } }.joined(separator: ", ") + "}"
    }

    static func list(_ g: inout SplitMix64, _ element: (inout SplitMix64) -> String) -> String? {
        switch g.next(below: 6) {
        case 0: return nil
        case 1: return "null"
        default: return "[" + (0..<g.next(below: 4)).map { _ in element(&g) }.joined(separator: ", ") + "]"
        }
    }

    static func facts(_ g: inout SplitMix64) -> String {
        var pairs: [String] = []
        if let rader = list(&g, { record(&$0, ["ok", "n", "m", "d", "t", "p", "s"]) }) { pairs.append(#""rader": \#(rader)"#) }
        pairs.append(#""poster": [\#((0..<g.next(below: 4)).map { _ in record(&g, ["ok", "n", "m", "d", "t", "s"]) }.joined(separator: ", "))]"#)
        if let tal = list(&g, { $0.pick(["1", "-2", "0", "5"]) }) { pairs.append(#""tal": \#(tal)"#) }
        if let datum = list(&g, { $0.pick([#""2025-03-01""#, #""2025-03-03""#, #""2025-03-02""#]) }) { pairs.append(#""datum": \#(datum)"#) }
        if let belopp = list(&g, { $0.pick(["4.5", "5.49", "-0.5", "-2.5"]) }) { pairs.append(#""belopp": \#(belopp)"#) }
        if let n = value(&g, "n") { pairs.append(#""n": \#(n)"#) }
        if let k = [nil, "3", "-3", "2", "0", "null"][g.next(below: 6)] { pairs.append(#""k": \#(k)"#) }
        if let d = value(&g, "d") { pairs.append(#""d": \#(d)"#) }
        if let m = value(&g, "m") { pairs.append(#""m": \#(m)"#) }
        if let b = value(&g, "ok") { pairs.append(#""b1": \#(b)"#) }
        if let b = value(&g, "ok") { pairs.append(#""b2": \#(b)"#) }
        if let s = value(&g, "s") { pairs.append(#""s2": \#(s)"#) }
        if let texter = list(&g, { $0.pick([#""a""#, #""b""#]) }) { pairs.append(#""texter": \#(texter)"#) }
        return #"{"anordnare": {"# + pairs.joined(separator: ", ") + "}}"
    }

    /// Which conditions the program decides with instructions only (no closure).
    @Test func loweredWithoutClosuresWhereExpected() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        let kinds = program.instructionList.map { "\($0)".prefix { $0 != "(" } }
        for kind in ["countEnd", "countAll", "sumEnd", "valueBuiltin"] {
            #expect(kinds.contains(Substring(kind)), "no \(kind)")
        }
            }

    @Test func randomFactsAgree() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let date = try Day(year: 2025, month: 3, day: 1)
        let runs = Int(ProcessInfo.processInfo.environment["KUNDVAL_COUNT_SUM_RUNS"] ?? "") ?? RandomRounds.of(3_000)
        var g = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["KUNDVAL_RANDOM_SEED"] ?? "7") ?? 7)
        var compared = 0
        var undecodable = 0
        var errors = 0
        for run in 0..<runs {
            let json = Self.facts(&g)
            guard case .success(let facts) = document.decoder.decode(json: Array(json.utf8)) else {
                undecodable += 1
                if undecodable <= 3 { print("UNDECODABLE \(json): \(document.decoder.decode(json: Array(json.utf8)))") }
                continue
            }
            if run % 10 == 0 {
                // An evaluation error (`rest` by zero) is the decision's on every path.
                do { compared += try CodePathAgreementTests.compare(document, facts, date: date, label: json) } catch { errors += 1 }
            } else {
                compared += try CodePathAgreementTests.compareProgram(document, facts, date: date, label: json)
            }
        }
        print("count/sum agreement: \(compared) compared, \(undecodable) undecodable, \(errors) errors of \(runs)")
        #expect(undecodable * 4 < runs)
    }
}

extension CountSumNestingAgreementTests {
    /// During operation, on mutated shipped examples: the quick decision's conditions (the
    /// failing ones decided once, for the sanction) equal the explained decision's in status,
    /// reasons and consequence, and the recommendations are equal.
    @Test func quickAndExplainedConsequencesAgreeDuringOperation() throws {
        let dates = [try Day(year: 2025, month: 3, day: 1), try Day(year: 2026, month: 1, day: 15)]
        var random = CodePathAgreementTests.Random(state: 4_242_4242)
        var compared = 0
        for (document, example, base) in try CodePathAgreementTests.shippedExamples() {
            guard document.assessmentNames.contains("uppföljning") else { continue }
            for round in 0..<40 {
                let json = round == 0 ? base : CodePathAgreementTests.mutate(CodePathAgreementTests.mutate(base, &random), &random)
                guard case .success(let facts) = document.decoder.decode(json) else { continue }
                for date in dates {
                    let quick = try document.evaluate(facts, assessment: "uppföljning", date: date)
                    let explained = try document.evaluate(facts, assessment: "uppföljning", date: date, explain: true)
                    let label = "\(document.name) \(example) #\(round) \(date)"
                    #expect(quick.conditions.map(\.status) == explained.conditions.map(\.status), "\(label)")
                    #expect(quick.conditions.map(\.reasons) == explained.conditions.map(\.reasons), "\(label)")
                    #expect(quick.conditions.map(\.consequence) == explained.conditions.map(\.consequence), "\(label)")
                    #expect(quick.sanction == explained.sanction, "\(label)")
                    #expect(quick.decided.map(\.index) == quick.decided.map(\.index).sorted(), "\(label)")
                    compared += 1
                }
            }
        }
        #expect(compared > 100, "only \(compared)")
    }
}
