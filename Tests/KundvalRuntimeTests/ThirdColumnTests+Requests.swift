import Foundation
import KundvalSyntax
@testable import KundvalRuntime
import Testing

extension ThirdColumnTests {
    // 4 and 9 of 002: the reglemente's row asks for the document bare (`bifogas ansökan:
    // anordnare.registreringsbevis`), the kundval's in words of its own ("Registreringsbevis …
    // högst tre månader gammalt"). With the document missing, the provider is asked for it once,
    // in the kundval's words, and told once that it is missing; the control points column keeps
    // both, as the documents print them.
    @Test(arguments: [
        ("4", "anordnare.registreringsbevis",
         "bifogas ansökan: Registreringsbevis eller motsvarande högst tre månader gammalt vid tidpunkten för inlämning: "
            + "anordnare.registreringsbevis (högst 3 månader gammalt)"),
        ("9", "anordnare.ansvarsförsäkring", "bifogas ansökan: Försäkringsbevis: anordnare.ansvarsförsäkring"),
    ])
    func aDocumentBothPartsAskForIsRequestedOnceInTheWordsThatSayMost(number: String, path: String, request: String) throws {
        for explain in [false, true] {
            let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", [path: "null"], at: "ansökan",
                                           on: "2025-03-01", explain: explain)
            let condition = try Self.condition(number, in: decision)
            #expect(condition.status == .missingEvidence)
            #expect(condition.evidenceToRequest == [request], "explain: \(explain)")
            #expect(condition.reasons == ["underlaget `\(path)` saknas"], "explain: \(explain)")
            #expect(condition.controlPoints == ["bifogas ansökan: \(path)", request])
        }
    }

    // A document issued after the assessment date was not there on it: the condition is
    // `underlag saknas`, with the date in its reason, not met by a document from the future (a
    // case officer's wrong year in --datum went unnoticed). Every path decides it so.
    @Test func aDocumentIssuedAfterTheAssessmentDateIsStillToBeGiven() throws {
        for explain in [false, true] {
            let decision = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", at: "ansökan", on: "2025-01-01",
                                           explain: explain)
            #expect(decision.outcome == .incomplete, "explain: \(explain)")
            let condition = try Self.condition("4", in: decision)
            #expect(condition.status == .missingEvidence)
            #expect(condition.reasons == ["`anordnare.registreringsbevis` är utfärdat 2025-01-15, efter bedömningsdatumet 2025-01-01"])
            #expect(condition.evidenceToRequest.count == 1)
        }
        // On the day of issue, the document is there.
        let onTheDay = try Self.decide(Self.arbete, "arbete-etablering-godkand.json", at: "ansökan", on: "2025-01-15")
        #expect(try Self.condition("4", in: onTheDay).status == .met)
    }

    /// Each control point names its own documents, not every document of its kind in the part;
    /// a bare one is not covered by a described one that names no document, nor by one that
    /// allows an older document (found by an independent review).
    @Test func eachControlPointNamesItsOwnDocuments() throws {
        let text = """
            reglemente "R" version "1"
            typ Bevis
              utfärdat: datum
            typ Anordnare
              bevis: Bevis kan saknas
              intyg: Bevis kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Ett"
              underlag bifogas ansökan "Årsredovisning"
              underlag bifogas ansökan: anordnare.bevis
            villkor 2 "Två"
              underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
              underlag bifogas ansökan "Intyg": anordnare.intyg högst 12 månader gammalt
            """
        let document = try CodePathAgreementTests.document(text)
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {}}"#.utf8)).get()
        for explain in [false, true] {
            let decision = try document.evaluate(facts, assessment: "ansökan", date: try Self.day("2025-03-01"), explain: explain)
            let one = try Self.condition("1", in: decision)
            #expect(one.controlPoints == ["bifogas ansökan: Årsredovisning", "bifogas ansökan: anordnare.bevis"])
            #expect(one.evidenceToRequest == one.controlPoints, "explain: \(explain)")
            let two = try Self.condition("2", in: decision)
            #expect(two.evidenceToRequest == ["bifogas ansökan: anordnare.intyg (högst 3 månader gammalt)",
                                              "bifogas ansökan: Intyg: anordnare.intyg (högst 12 månader gammalt)"], "explain: \(explain)")
        }
    }

    /// A bare control point is covered only by one of the same kind that names all its
    /// documents in words of its own.
    @Test func aBareControlPointIsCoveredOnlyByOneThatAsksForAllItDoes() {
        typealias Request = AssessmentPlan.PartPlan.Request
        let bare = Request(text: "bifogas ansökan: a", kind: .attachedToApplication, isDescribed: false, documents: [("a", nil)])
        let bareTwo = Request(text: "bifogas ansökan: a, b", kind: .attachedToApplication, isDescribed: false, documents: [("a", nil), ("b", nil)])
        let described = Request(text: "bifogas ansökan: A: a", kind: .attachedToApplication, isDescribed: true, documents: [("a", nil)])
        let followUp = Request(text: "uppföljning: A: a", kind: .followUp, isDescribed: true, documents: [("a", nil)])
        let noDocuments = Request(text: "bifogas ansökan", kind: .attachedToApplication, isDescribed: false, documents: [])
        #expect(bare.isCovered(by: described))
        #expect(!described.isCovered(by: bare))
        #expect(!described.isCovered(by: described))
        #expect(!bareTwo.isCovered(by: described))
        #expect(!bare.isCovered(by: followUp))
        #expect(!noDocuments.isCovered(by: described))
    }
}
