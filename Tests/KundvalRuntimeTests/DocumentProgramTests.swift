import Testing
@testable import KundvalRuntime

/// The documents a control point asks for are decided by the assessment plan's program, as the
/// slow path decides them: missing or undated is `underlag saknas` (and the requirements wait for
/// the document), older than its largest age is `ej uppfyllt`, and each case agrees with the slow
/// path and the explained path (``CodePathAgreementTests/compare(_:_:date:label:)``).
struct DocumentProgramTests {
    static let text = """
        reglemente "R" version "1"
        typ Intyg
          utfärdat: datum kan saknas
        typ Bevis
          nummer: heltal
        typ Anordnare
          ok: ja/nej kan saknas
          intyg: Intyg kan saknas
          bevis: Bevis kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Intyg"
          kräver anordnare.ok
          underlag bifogas ansökan: anordnare.intyg högst 3 månader gammalt
        villkor 2 "Intyg och bevis"
          gäller när anordnare.ok
          kräver anordnare.ok
          underlag bifogas ansökan: anordnare.intyg högst 14 dagar gammalt
          underlag bifogas ansökan: anordnare.bevis
        """

    /// The program decides both conditions (no slow path for their documents).
    @Test func theProgramDecidesDocuments() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.entries.count == 2)
        #expect(plan.entries.filter(\.hasQuick).count == 2)
    }

    /// The assessment date is 2025-03-01: three months from 2024-12-01 is its last valid day.
    @Test(arguments: [
        (#""ok": true"#, ["underlag saknas", "underlag saknas"]),
        (#""ok": false"#, ["underlag saknas", "ej tillämpligt"]),
        (#""ok": true, "intyg": {}, "bevis": {"nummer": 1}"#, ["underlag saknas", "underlag saknas"]),
        (#""ok": true, "intyg": {"utfärdat": "2024-12-01"}, "bevis": {"nummer": 1}"#, ["uppfyllt", "ej uppfyllt"]),
        (#""ok": true, "intyg": {"utfärdat": "2024-11-30"}, "bevis": {"nummer": 1}"#, ["ej uppfyllt", "ej uppfyllt"]),
        (#""ok": true, "intyg": {"utfärdat": "2025-02-15"}, "bevis": {"nummer": 1}"#, ["uppfyllt", "uppfyllt"]),
        (#""ok": true, "intyg": {"utfärdat": "2025-02-15"}"#, ["uppfyllt", "underlag saknas"]),
        (#""ok": false, "intyg": {"utfärdat": "2025-02-15"}"#, ["ej uppfyllt", "ej tillämpligt"]),
        (#""ok": false, "intyg": {"utfärdat": "2024-01-01"}"#, ["ej uppfyllt", "ej tillämpligt"]),
        (#""intyg": {"utfärdat": "2024-01-01"}"#, ["ej uppfyllt", "underlag saknas"]),
    ])
    func documentsDecideAsTheSlowPath(_ fields: String, _ expected: [String]) throws {
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.text)
        let json = #"{"anordnare": {"# + fields + "}}"
        #expect(try statuses(json) == expected)
    }
}
