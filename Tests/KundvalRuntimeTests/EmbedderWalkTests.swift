import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
import KundvalTestSupport
import Testing

/// What an engineer embedding the library found, each a regression test: two rule files given
/// on one path, an expression's problem printed, and an integer too large for its fact.
@Suite struct EmbedderWalkTests {
    /// Two sources on one path made both documents read the first one's bytes (the second's
    /// rules hash and explanation lines were the first file's); it is a load failure.
    @Test func twoFilesOnOnePathAreRefused() throws {
        let text = try Repository.text("conditions/reglemente-31.kundval")
        let files = [SourceFile(path: "a.kundval", text: text), SourceFile(path: "a.kundval", text: text + "\n")]
        guard case .failure(let failure) = RuleSet.compile(files) else {
            Issue.record("two files on one path were loaded")
            return
        }
        #expect(failure.message == "två regelfiler har sökvägen `a.kundval`; ge varje fil en egen")
        #expect(throws: LoadFailure.self) { try Engine(sources: files) }
    }

    /// An expression's problem prints as Swedish text, as every other error of the library does
    /// (it printed as the enum, with its source's bytes).
    @Test func anExpressionProblemPrintsAsText() throws {
        let rules = try RuleSet.compile(try Engine.readFolder(Repository.url("conditions").path)).get()
        let document = try #require(rules.document(named: "oppenvard-000"))
        guard case .failure(let problem) = rules.evaluate(expression: "anordnare.finns_inte", in: document, factsJSON: nil,
                                                           date: Day("2025-03-01")!) else {
            Issue.record("an unknown name was evaluated")
            return
        }
        let text = "\(problem)"
        #expect(text.contains("fel[K03") && text.contains("anordnare.finns_inte") && !text.contains("bytes"), "\(text)")
        #expect(ExpressionProblem.message("skriv uttrycket på en rad").description == "skriv uttrycket på en rad")
    }

    /// An integer fact too large to count exactly is said to be that, not "no integer".
    @Test func anIntegerTooLargeIsSaidToBe() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              mängd: heltal
            fakta
              anordnare: Anordnare
            """
        let document = try #require(try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get().document(named: "R"))
        func message(_ number: String) -> [String] {
            let json = #"{"anordnare": {"mängd": \#(number)}}"#
            guard case .failure(.invalid(let errors)) = document.decoder.decode(json: Array(json.utf8)) else { return [] }
            return errors.map(\.message)
        }
        #expect(message("99999999999999999999999999999999999999999") == ["talet `99999999999999999999999999999999999999999` är för stort"])
        #expect(message("2.5") == ["`2.5` är inget heltal"])
        #expect(message("9223372036854775807").isEmpty)
        // A number too small to count exactly has too many decimals; it is not too large (both
        // were "för stort"; found by an adversarial session).
        #expect(message("1.5e-300") == ["talet `1.5e-300` har för många decimaler för att räknas exakt"])
        #expect(message("0.0000000000000000000001") == ["talet `0.0000000000000000000001` har för många decimaler för att räknas exakt"])
        #expect(message("1e400") == ["talet `1e400` är för stort"])
    }

    /// A comma after the last field or element, which JSON does not allow, is said to be that
    /// (it was "väntade ett namn inom citattecken"; a policy author's walk).
    @Test func aTrailingCommaInJSONIsNamed() throws {
        let cases = [(#"{"a": 1,}"#, "kommatecken efter det sista fältet; ta bort det", 9),
                     (#"{"a": [1, 2,]}"#, "kommatecken efter det sista elementet; ta bort det", 13)]
        for (text, message, column) in cases {
            do {
                _ = try JSONParser.parse(Array(text.utf8))
                Issue.record("\(text) was read")
            } catch {
                #expect(error.message == message && error.line == 1 && error.column == column, "\(error)")
            }
        }
        #expect((try? JSONParser.parse(Array(#"{}"#.utf8))) != nil)
        #expect((try? JSONParser.parse(Array(#"[]"#.utf8))) != nil)
    }

    /// A small record is shown with its fields in an explanation: a document shows the date it
    /// was issued, which decides its age (`{1 fält}` showed an author nothing of why a register
    /// extract was too old; a policy author's walk). A larger record keeps its count.
    @Test func anExplanationShowsADocumentsDate() throws {
        let rules = try RuleSet.compile(try Engine.readFolder(Repository.url("conditions").path)).get()
        let document = try #require(rules.document(named: "oppenvard-000"))
        let bytes = try [UInt8](Data(contentsOf: Repository.url("conditions/exempel/oppenvard-brister.json")))
        let decision = try document.evaluate(try document.decoder.decode(json: bytes).get(), assessment: "ansökan",
                                             date: Day("2025-03-01")!, explain: true)
        let lines = try #require(decision.conditions.first { $0.number == "4" }?.explanation?.lines)
        #expect(lines.contains { $0.hasSuffix("anordnare.registreringsbevis = {utfärdat: 2025-02-03}") }, "\(lines)")
        let formatter = ValueFormatter(enumerations: [:], records: ["R": [("a", .plain), ("b", .money), ("c", .plain), ("d", .plain)],
                                                                     "S": [("d", .plain)]])
        #expect(formatter.describe(.record([.boolean(false), .unknown, .unknown, .boolean(true)]), as: .record("R")) == "{4 fält}")
        #expect(formatter.describe(.record([.list([])]), as: .record("S")) == "{1 fält}")
        #expect(formatter.describe(.record([.unknown]), as: .record("S")) == "{d: okänt}")
    }
}
