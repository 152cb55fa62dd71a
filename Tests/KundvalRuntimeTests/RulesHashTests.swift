import KundvalDiagnostics
@testable import KundvalRuntime
import Testing

/// Decisions name the rules they were made by (issue 14): the SHA-256 of the rule files.
@Suite struct RulesHashTests {
    // FIPS 180-4's examples, and one that needs a second block of padding.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256MatchesTheStandard(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    static func document(_ requirement: String) throws -> CompiledDocument {
        let text = "reglemente \"R\" version \"1\"\ntyp A\n  a: heltal\nfakta\n  anordnare: A\nbedömning ansökan\n  vid brist: ej godkänd auktorisation\nvillkor 1 \"x\"\n  kräver \(requirement)\n"
        return try #require(try RuleSet.compile([SourceFile(path: "r.kundval", text: text)]).get().document(named: "R"))
    }

    @Test func aDecisionCarriesTheHashOfItsRules() throws {
        let document = try Self.document("anordnare.a >= 3")
        let facts = try document.decoder.decode(json: Array(#"{"anordnare": {"a": 3}}"#.utf8)).get()
        let decision = try document.evaluate(facts, assessment: "ansökan", date: Day(year: 2025, month: 3, day: 1))
        #expect(decision.rules == document.rulesHash)
        #expect(document.rulesHash.hasPrefix("sha256:") && document.rulesHash.count == 71)
        #expect(decision.json().contains("\"regler\": \"\(document.rulesHash)\""))
        #expect(try Self.document("anordnare.a >= 3").rulesHash == document.rulesHash)
        #expect(try Self.document("anordnare.a >= 4").rulesHash != document.rulesHash)
    }
}
