import Foundation
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax
import Testing

/// Facts of very wide types decode in linear time: a record's keys and an enumeration's cases
/// are found by a hash of their bytes when they are not where the declared order puts them
/// (every name was searched for every key: 65,540 fields in reverse order took 2 s to decode
/// in a release build).
@Suite struct WideFactsTests {
    @Test func wideRecordsAndEnumerationsDecode() throws {
        let width = 65_540
        let fields = (0..<width).map { "  f\($0): heltal kan saknas" }.joined(separator: "\n")
        let cases = (0..<width).map { "c\($0)" }.joined(separator: ", ")
        let text = """
            reglemente "R" version "1"
            typ Slag: en av \(cases)
            typ Rad
            \(fields)
            typ Anordnare
              rad: Rad
              slag: lista av Slag
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Sista"
              kräver anordnare.rad.f65539 = 65539 och anordnare.rad.f0 = 0
            villkor 2 "Slag"
              kräver alla s i anordnare.slag: s är c65539
            """
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        let document = try #require(rules.document(named: "R"))
        let keys = (0..<width).reversed().map { "\"f\($0)\": \($0)" }.joined(separator: ", ")
        let slag = Array(repeating: "\"c65539\"", count: 20_000).joined(separator: ", ")
        let json = Array("{\"anordnare\": {\"rad\": {\(keys)}, \"slag\": [\(slag)]}}".utf8)
        let facts = try document.decoder.decode(json: json).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: try Day(year: 2025, month: 3, day: 1))
        #expect(decision.statuses == [.met, .met])
    }

    /// Every mismatch is reported, however many: only the first hundred get a "menade du"
    /// hint (a closest-name search each), and an enumeration's cases are listed at most twelve
    /// to a message (200,000 wrong keys took 11.5 s in release; each wrong value of a
    /// 65,540-case enumeration listed every case).
    @Test func manyMismatchesAreAllReported() throws {
        let cases = (0..<65_540).map { "c\($0)" }.joined(separator: ", ")
        let fields = (0..<40).map { "  fält\($0): heltal kan saknas" }.joined(separator: "\n")
        let text = """
            reglemente "R" version "1"
            typ Slag: en av \(cases)
            typ Anordnare
            \(fields)
              slag: lista av Slag
            fakta
              anordnare: Anordnare
            """
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get()
        let document = try #require(rules.document(named: "R"))
        let keys = (0..<100_000).map { "\"fält\($0)x\": 1" }.joined(separator: ", ")
        let values = Array(repeating: "\"c\"", count: 2_000).joined(separator: ", ")
        let json = Array("{\"anordnare\": {\(keys), \"slag\": [\(values)]}}".utf8)
        guard case .failure(.invalid(let errors)) = document.decoder.decode(json: json) else {
            Issue.record("the facts should be refused")
            return
        }
        #expect(errors.count == 102_000)
        #expect(errors[0].message == "fältet finns inte i reglerna; menade du `fält0`?")
        #expect(errors[100].message == "fältet finns inte i reglerna")
        let value = try #require(errors.last)
        #expect(value.path == "anordnare.slag[1999]")
        #expect(value.message == "`c` är inget av värdena c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 och 65530 till")
    }
}

