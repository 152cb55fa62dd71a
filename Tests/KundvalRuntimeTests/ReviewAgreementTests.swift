import Testing
@testable import KundvalRuntime

/// Review of the truth program's lowering (inlined calls, documents, `högst … gammalt`,
/// `om … så … annars …` of values): rule texts meant to make the program and the slow path
/// disagree, each compared on every code path by ``CodePathAgreementTests/comparedStatuses(_:)``.
struct ReviewAgreementTests {
    static let header = """
        reglemente "R" version "1"
        typ Intyg
          utfärdat: datum kan saknas
        typ Kurs
          godkänd: ja/nej kan saknas
          poäng: heltal kan saknas
        typ Person
          chef: ja/nej kan saknas
          ort: text kan saknas
          kurser: lista av Kurs
          intyg: Intyg kan saknas
          anställd: datum kan saknas
          tal: heltal kan saknas
        typ Sub
          intyg: Intyg kan saknas
          datum: datum kan saknas
        typ Anordnare
          personal: lista av Person
          orter: lista av text
          ok: ja/nej kan saknas
          flagga: ja/nej kan saknas
          a: heltal kan saknas
          b: heltal kan saknas
          datum: datum kan saknas
          intyg: Intyg kan saknas
          sub: Sub kan saknas
          chefen: Person kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation

        """

    /// Compares every code path (``CodePathAgreementTests/compare(_:_:date:label:)``) on each
    /// of `jsons` for the rules `header` + `rules`.
    static func run(_ rules: String, _ jsons: [String]) throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(header + rules)
        for json in jsons {
            // A computation error is compared too (every path must fail alike); it is no
            // status to return.
            do { _ = try statuses(json) } catch is EvaluationFailure {}
        }
    }

    static let people = [
        #"{"anordnare": {"personal": [], "orter": []}}"#,
        #"{"anordnare": {"personal": [{"chef": true, "ort": "Nacka", "kurser": [{"godkänd": true, "poäng": 3}]}], "orter": ["Nacka"]}}"#,
        #"{"anordnare": {"personal": [{"chef": false, "ort": "Solna", "kurser": [{"godkänd": false, "poäng": 3}, {"poäng": 5}]}], "orter": ["Nacka"]}}"#,
        #"{"anordnare": {"personal": [{"kurser": [{"godkänd": true}]}, {"chef": true, "ort": "Nacka", "kurser": []}], "orter": ["Nacka", "Solna"]}}"#,
        #"{"anordnare": {"personal": [{"chef": true, "kurser": [{"godkänd": true, "poäng": 9223372036854775807}]}], "orter": []}}"#,
        #"{"anordnare": {"personal": [{"chef": true, "tal": 0, "kurser": [{"godkänd": true, "poäng": 1}]}], "orter": [], "a": 0, "b": 1, "ok": true}}"#,
        #"{"anordnare": {"personal": [{"chef": true, "tal": 2, "kurser": [{"godkänd": true, "poäng": 1}]}], "orter": [], "a": 2, "b": 4, "ok": false, "flagga": true}}"#,
    ]

    static let inlined = """
            definition noll(p: Person): ja/nej kan saknas = anordnare.ok
            definition en(p: Person kan saknas): ja/nej kan saknas = p.chef
            definition flera(p: Person): ja/nej kan saknas = p.chef och (p.ort = "Nacka" eller inte p.chef)
            definition i_kvantor(p: Person kan saknas): ja/nej kan saknas = alla k i p.kurser: k.godkänd och p.chef
            definition skuggar(p: Person): ja/nej kan saknas = någon p2 i p.kurser: alla p3 i anordnare.personal: p3.chef eller p2.godkänd
            definition ort_finns(p: Person): ja/nej kan saknas = någon o i anordnare.orter: o = p.ort
            definition anropar(p: Person): ja/nej kan saknas = i_kvantor(p) eller en(p)
            definition två(p: Person, q: Person): ja/nej kan saknas = p.chef och inte q.chef
            villkor 1 "noll"
              kräver alla p i anordnare.personal: noll(p)
            villkor 2 "en"
              kräver alla p i anordnare.personal: en(p)
            villkor 3 "flera"
              kräver någon p i anordnare.personal: flera(p)
            villkor 4 "kvantor"
              kräver alla p i anordnare.personal: i_kvantor(p)
            villkor 5 "skuggar"
              kräver alla p i anordnare.personal: skuggar(p)
            villkor 6 "ort"
              kräver alla p i anordnare.personal: ort_finns(p)
            villkor 7 "anropar"
              kräver ingen p i anordnare.personal: anropar(p)
            villkor 8 "två"
              kräver alla p i anordnare.personal: någon q i anordnare.personal: två(p, q) eller två(q, p)
            villkor 9 "summa"
              kräver alla p i anordnare.personal: (summa k i p.kurser: k.poäng + 1) > 2
            villkor 10 "chefen"
              kräver en(anordnare.chefen) eller i_kvantor(anordnare.chefen)
            """

    static let valued = """
            definition kvot(p: Person): decimaltal kan saknas = om p.tal > 0 så anordnare.b / p.tal annars 0
            villkor 1 "v"
              kräver (om anordnare.flagga så anordnare.a annars anordnare.b) >= 2
            villkor 2 "division i grenen som inte tas"
              kräver (om anordnare.a > 0 så anordnare.b / anordnare.a annars 0) = 0
            villkor 3 "i slinga"
              kräver alla p i anordnare.personal: (om p.chef så p.tal annars 5) > 1
            villkor 4 "definition"
              kräver alla p i anordnare.personal: kvot(p) <= 2
            villkor 5 "datum"
              kräver (om anordnare.flagga så anordnare.datum annars bedömningsdatum) <= bedömningsdatum
            villkor 6 "ja/nej-villkor"
              kräver om anordnare.flagga så anordnare.ok annars inte anordnare.ok
            """

    @Test func inlinedParameters() throws {
        try Self.run(Self.inlined, Self.people)
    }

    @Test func valueConditionals() throws {
        try Self.run(Self.valued, Self.people)
    }

    static let docs = [
        #"{"anordnare": {"personal": [], "orter": []}}"#,
        #"{"anordnare": {"personal": [], "orter": [], "ok": true, "sub": {}, "intyg": {}}}"#,
        #"{"anordnare": {"personal": [], "orter": [], "ok": true, "sub": {"intyg": {"utfärdat": "2024-12-01"}, "datum": "2025-02-28"}, "intyg": {"utfärdat": "2025-01-31"}, "datum": "2024-03-01"}}"#,
        #"{"anordnare": {"personal": [], "orter": [], "ok": true, "sub": {"intyg": {"utfärdat": "2024-11-30"}}, "intyg": {"utfärdat": "2025-02-01"}, "datum": "2024-02-29"}}"#,
        #"{"anordnare": {"personal": [], "orter": [], "ok": false, "sub": {"intyg": {}}, "intyg": {"utfärdat": "2020-01-01"}, "datum": "2025-03-01", "chefen": {"kurser": []}}}"#,
        #"{"anordnare": {"personal": [{"kurser": [], "intyg": {"utfärdat": "2024-03-01"}}, {"kurser": [], "anställd": "2025-02-28", "intyg": {"utfärdat": "2024-02-29"}}], "orter": [], "ok": true, "chefen": {"kurser": [], "chef": true}}}"#,
        #"{"anordnare": {"personal": [{"kurser": [], "anställd": "2025-02-28", "intyg": {"utfärdat": "2024-02-28"}}, {"kurser": [], "intyg": {}}], "orter": [], "ok": true, "flagga": true}}"#,
    ]

    @Test func documents() throws {
        try Self.run("""
            definition färskt(p: Person): ja/nej kan saknas = p.intyg högst 1 år gammalt vid (om p.anställd finns så p.anställd annars bedömningsdatum)
            villkor 1 "Genom valfri post"
              kräver anordnare.ok
              underlag bifogas ansökan: anordnare.sub.intyg högst 3 månader gammalt
            villkor 2 "Datum"
              underlag bifogas ansökan: anordnare.datum högst 1 år gammalt
            villkor 3 "Två delar"
              gäller när anordnare.ok
              kräver anordnare.ok
              underlag bifogas ansökan: anordnare.intyg högst 1 månad gammalt
            villkor 9 "Post utan datum"
              kräver anordnare.flagga
              underlag bifogas ansökan: anordnare.chefen
            villkor 4 "Vid okänt datum"
              kräver alla p i anordnare.personal: p.intyg högst 1 år gammalt vid (om p.chef finns så bedömningsdatum annars bedömningsdatum - 1 dag)
            villkor 5 "Inlinead ålder"
              kräver alla p i anordnare.personal: färskt(p)
            villkor 6 "Vid post"
              kräver anordnare.sub.intyg högst 1 år gammalt vid (om anordnare.sub.datum finns så anordnare.sub.datum annars bedömningsdatum)
            villkor 7 "Inget krav"
              gäller när anordnare.ok
              underlag bifogas ansökan: anordnare.sub.intyg
            villkor 8 "Vid fakta"
              kräver anordnare.intyg högst 1 månad gammalt vid (om anordnare.datum finns så anordnare.datum annars bedömningsdatum) eller anordnare.ok
            """, Self.docs)
    }

    static let mixed = [
        #"{"anordnare": {"personal": [], "orter": []}}"#,
        #"{"anordnare": {"personal": [{"kurser": [], "anställd": "2024-03-01", "tal": 3, "chef": true}], "orter": [], "a": 3, "b": 2, "flagga": true, "datum": "2024-02-29"}}"#,
        #"{"anordnare": {"personal": [{"kurser": [], "anställd": "2024-02-29", "tal": 2, "chef": false}], "orter": [], "a": 2, "b": 3, "flagga": false, "datum": "2024-03-01"}}"#,
        #"{"anordnare": {"personal": [{"kurser": [], "tal": 2}], "orter": [], "a": 2, "flagga": true, "datum": "2024-03-02"}}"#,
    ]

    @Test func mixedValues() throws {
        try Self.run("""
            villkor 1 "blandat"
              kräver (om anordnare.flagga så anordnare.a annars 2,5) > 2
            villkor 2 "okänd gren"
              kräver (om anordnare.flagga så anordnare.a annars okänt) > 2
            villkor 3 "datum som dokument"
              kräver anordnare.datum högst 1 år gammalt
            villkor 4 "elementets datum"
              kräver alla p i anordnare.personal: p.anställd högst 1 år gammalt
            villkor 5 "procent"
              kräver (om anordnare.flagga så 50 % annars 25 %) * anordnare.a >= 100 %
            villkor 6 "datum i grenar"
              kräver (om anordnare.flagga så anordnare.datum annars bedömningsdatum) + 1 år >= bedömningsdatum
            villkor 7 "element"
              kräver alla p i anordnare.personal: (om p.chef så p.tal annars anordnare.b) * 2 > 5
            villkor 8 "lista som underlag"
              underlag bifogas ansökan: anordnare.personal
            villkor 9 "dagar"
              kräver bedömningsdatum - (om anordnare.flagga så anordnare.datum annars bedömningsdatum) <= 365 dagar
            villkor 10 "division"
              kräver (om anordnare.b > 0 så anordnare.a / anordnare.b annars 0) < 2
            """, Self.mixed)
    }

    static let nested = """
        definition godkänd(k: Kurs): ja/nej kan saknas = k.godkänd
        definition alla_ok(p: Person): ja/nej kan saknas = alla k i p.kurser: godkänd(k)
        definition färskt(x: Intyg kan saknas): ja/nej kan saknas = x högst 1 år gammalt
        definition personfärsk(p: Person): ja/nej kan saknas = färskt(p.intyg) eller p.chef
        definition alla_chefer: ja/nej kan saknas = alla p i anordnare.personal: p.chef
        definition antal_ok(p: Person): heltal kan saknas = antal k i p.kurser där k.godkänd
        definition nacka(o: text): ja/nej kan saknas = o = "Nacka"
        definition d1(p: Person): ja/nej kan saknas = d2(p)
        definition d2(p: Person): ja/nej kan saknas = d3(p)
        definition d3(p: Person): ja/nej kan saknas = d4(p)
        definition d4(p: Person): ja/nej kan saknas = d5(p)
        definition d5(p: Person): ja/nej kan saknas = d6(p)
        definition d6(p: Person): ja/nej kan saknas = p.chef
        definition en(p: Person): ja/nej kan saknas = p.chef
        villkor 1 "nästlad"
          kräver alla p i anordnare.personal: alla_ok(p)
        villkor 2 "fältet som argument"
          kräver alla p i anordnare.personal: personfärsk(p)
        villkor 3 "samma tabell inuti"
          kräver alla q i anordnare.personal: alla_chefer eller inte q.chef
        villkor 4 "antal"
          kräver alla p i anordnare.personal: antal_ok(p) >= 1
        villkor 5 "skalär lista"
          kräver någon o i anordnare.orter: nacka(o)
        villkor 6 "djup"
          kräver alla p i anordnare.personal: d1(p)
        villkor 7 "två gånger"
          kräver alla p i anordnare.personal: någon q i anordnare.personal: en(p) och inte en(q)
        villkor 8 "valfri post"
          kräver färskt(anordnare.intyg) eller färskt(anordnare.sub.intyg)
        """

    static let nestedFacts = [
        #"{"anordnare": {"personal": [], "orter": []}}"#,
        #"{"anordnare": {"personal": [{"chef": true, "kurser": [{"godkänd": true}], "intyg": {"utfärdat": "2024-03-01"}}], "orter": ["Solna", "Nacka"], "intyg": {"utfärdat": "2024-02-29"}}}"#,
        #"{"anordnare": {"personal": [{"chef": false, "kurser": [{"godkänd": true}, {}], "intyg": {"utfärdat": "2024-02-29"}}, {"chef": true, "kurser": []}], "orter": ["Solna"], "sub": {"intyg": {"utfärdat": "2024-12-01"}}}}"#,
        #"{"anordnare": {"personal": [{"kurser": [{"godkänd": false}], "intyg": {}}, {"chef": false, "kurser": [{"godkänd": true}]}], "orter": ["Nacka"], "sub": {}}}"#,
    ]

    @Test func nestedCalls() throws {
        try Self.run(Self.nested, Self.nestedFacts)
    }

    /// `högst … gammalt` of the elements of a list of dates (a scalar table), directly and
    /// through a definition, at the assessment date and at a date of the element's owner.
    @Test func agesOfScalarElements() throws {
        let statuses = try CodePathAgreementTests.comparedStatuses("""
            reglemente "R" version "1"
            typ Anordnare
              datum: lista av datum
              start: datum kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition färsk(d: datum): ja/nej = d högst 1 månad gammalt
            villkor 1 "Direkt"
              kräver alla d i anordnare.datum: d högst 1 månad gammalt
            villkor 2 "Genom definition"
              kräver någon d i anordnare.datum: färsk(d)
            villkor 3 "Vid"
              kräver anordnare.start finns och (ingen d i anordnare.datum: d högst 2 månader gammalt vid anordnare.start)
            """)
        func json(_ dates: [String], _ start: String?) -> String {
            let list = dates.map { "\"\($0)\"" }.joined(separator: ", ")
            return #"{"anordnare": {"datum": ["# + list + "]" + (start.map { #", "start": "\#($0)""# } ?? "") + "}}"
        }
        #expect(try statuses(json([], nil)) == ["uppfyllt", "ej uppfyllt", "ej uppfyllt"])
        #expect(try statuses(json(["2025-02-01"], "2025-03-31")) == ["uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(json(["2025-01-31", "2025-02-28"], "2025-03-31")) == ["ej uppfyllt", "uppfyllt", "ej uppfyllt"])
        #expect(try statuses(json(["2025-01-31"], "2025-04-01")) == ["ej uppfyllt", "ej uppfyllt", "uppfyllt"])
    }
}
