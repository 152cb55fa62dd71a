import Foundation
import KundvalFormat
import Testing
@testable import KundvalLanguageServer

/// A session as an editor runs it, over in-memory bytes: open, type (with å, ä, ö and emoji),
/// ask, fix, shut down.
@Suite struct SessionTests {
    /// The UTF-16 column of the `occurrence`-th `needle` in line `line` of `text`.
    static func column(of needle: String, inLine line: Int, of text: String, occurrence: Int = 1) -> Int {
        let lineText = String(text.split(separator: "\n", omittingEmptySubsequences: false)[line])
        var searchStart = lineText.startIndex
        var found = lineText.startIndex
        for _ in 0..<occurrence {
            let range = lineText.range(of: needle, range: searchStart..<lineText.endIndex)!
            found = range.lowerBound
            searchStart = range.upperBound
        }
        return lineText[..<found].utf16.count
    }

    @Test func anEditorSession() throws {
        let fixture = try RuleFixture()
        defer { fixture.remove() }
        let client = TestClient()
        let uri = fixture.kundvalURI
        let initialized = client.initialize()
        #expect(initialized["result"]?["capabilities"]?["textDocumentSync"]?["change"] == 2)
        #expect(initialized["result"]?["capabilities"]?["documentFormattingProvider"] == true)
        client.notify("initialized", [:])

        client.open(uri, RuleFixture.kundval)
        #expect(client.diagnostics(uri, version: 1) == [])

        // A new line with a misspelled field after `Å 😀`: the error's columns count the
        // emoji as two units.
        let added = "  kräver \"Å 😀\": anordnare.lokalr_är_tillgängliga\n"
        client.change(uri, version: 2, [TestClient.edit(15, 0, 15, 0, added)])
        let diagnostics = try #require(client.diagnostics(uri, version: 2))
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        let start = Self.column(of: "lokalr", inLine: 0, of: added)
        #expect(start == 27)  // 26 Unicode scalars before it; the emoji counts twice
        #expect(diagnostic["code"] == "K0302")
        #expect(diagnostic["range"] == TestClient.edit(15, start, 15, start + "lokalr_är_tillgängliga".utf16.count, "")["range"])
        #expect(diagnostic["message"]?.stringValue?.contains("menade du `lokaler_är_tillgängliga`?") == true)

        // The quick fix replaces exactly the misspelled name; applying it clears the error.
        let actions = client.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(uri)], "range": try #require(diagnostic["range"]),
            "context": ["diagnostics": [diagnostic]],
        ])["result"]?.arrayValue ?? []
        #expect(actions.count == 1)
        let edit = try #require(actions.first?["edit"]?["changes"]?[uri]?.arrayValue?.first)
        #expect(edit["newText"] == "lokaler_är_tillgängliga")
        #expect(edit["range"] == diagnostic["range"])
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 3], "contentChanges": [edit.renamed("newText", to: "text")]])
        #expect(client.diagnostics(uri, version: 3) == [])
        // The added line goes again, so the fixture's lines hold below.
        client.change(uri, version: 4, [TestClient.edit(15, 0, 16, 0, "")])
        #expect(client.diagnostics(uri, version: 4) == [])

        // Hover on the condition number: the general and the specific text, and the consequence.
        let conditionHover = client.request("textDocument/hover", client.at(uri, 12, 9))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(conditionHover.contains("**villkor 10**"))
        #expect(conditionHover.contains("**Generellt villkor**"))
        #expect(conditionHover.contains("**Specifikt villkor**"))
        #expect(conditionHover.contains("Lokalerna ska vara tillgängliga för alla 😀 kunder."))
        #expect(conditionHover.contains("Vid brist: sanktion"))
        // A specific part without `vid brist` inherits the general part's consequence (the row
        // in force, from the checked program).
        let inherited = client.request("textDocument/hover", client.at(uri, 19, 8))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(inherited.components(separatedBy: "Vid brist: ej godkänd auktorisation").count == 3, "\(inherited)")

        // Hover on a fact path after non-ASCII text on its line.
        let text = RuleFixture.kundval
        let påverkan = Self.column(of: "påverkan", inLine: 14, of: text)
        let factHover = client.request("textDocument/hover", client.at(uri, 14, påverkan + 3))
        #expect(factHover["result"]?["contents"]?["value"]?.stringValue?.contains("**anordnare.påverkan**: `Påverkan`") == true)
        #expect(factHover["result"]?["range"] == TestClient.edit(14, påverkan, 14, påverkan + 8, "")["range"])

        // A variable bound by `antal p i anordnare.personal`: its field's type.
        let registerutdrag = Self.column(of: "registerutdrag", inLine: 17, of: text)
        let variableHover = client.request("textDocument/hover", client.at(uri, 17, registerutdrag + 1))
        #expect(variableHover["result"]?["contents"]?["value"]?.stringValue?.contains("`Dokument kan saknas`") == true)

        // A built-in function's signature and meaning.
        client.change(uri, version: 5, [TestClient.edit(18, 0, 18, 0, "definition ö_dag: datum = nästa_arbetsdag(bedömningsdatum)\n")])
        let builtinHover = client.request("textDocument/hover", client.at(uri, 18, 30))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(builtinHover.contains("nästa_arbetsdag(datum): datum"))
        #expect(builtinHover.contains("lag 1930:173"))

        // Definition: the specific condition goes to the general one it refines; an enumeration
        // case to its declaration.
        let reglementeLine = fixture.reglementeText.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("villkor 10 ") || $0 == "villkor 10" }
        let generalTarget = client.request("textDocument/definition", client.at(uri, 12, 8))["result"]?.arrayValue?.first
        #expect(generalTarget?["uri"]?.stringValue == fixture.reglementeURI)
        #expect(generalTarget?["range"]?["start"] == ["line": .int(reglementeLine ?? -1), "character": 8])
        let caseTarget = client.request("textDocument/definition", client.at(uri, 14, Self.column(of: "osannolik", inLine: 14, of: text)))
        #expect(caseTarget["result"]?["range"]?["start"] == ["line": 4, "character": .int(Self.column(of: "osannolik", inLine: 4, of: text))])
        let fieldTarget = client.request("textDocument/definition", client.at(uri, 14, påverkan))
        #expect(fieldTarget["result"]?["range"]?["start"] == ["line": 7, "character": 2])

        // Completion after `anordnare.`: the record's fields, the kundval's and the reglemente's.
        let afterDot = Self.column(of: "lokaler_är", inLine: 14, of: text)
        let fields = client.request("textDocument/completion", client.at(uri, 14, afterDot))["result"]?["items"]?.arrayValue ?? []
        let labels = Set(fields.compactMap { $0["label"]?.stringValue })
        let expectedFields: Set<String> = ["påverkan", "lokaler_är_tillgängliga", "organisationsnummer"]
        #expect(expectedFields.isSubset(of: labels))
        #expect(!labels.contains("villkor"))
        // After `villkor`: condition numbers; elsewhere keywords, functions and enumeration cases.
        let numbers = client.request("textDocument/completion", client.at(uri, 12, 10))["result"]?["items"]?.arrayValue ?? []
        let expectedNumbers: Set<String> = ["4", "10", "31"]
        #expect(expectedNumbers.isSubset(of: Set(numbers.compactMap { $0["label"]?.stringValue })))
        let general = client.request("textDocument/completion", client.at(uri, 14, 2))["result"]?["items"]?.arrayValue ?? []
        let expectedWords: Set<String> = ["kräver", "osannolik", "avrunda_till_öre", "anordnare", "antal_anställda"]
        #expect(expectedWords.isSubset(of: Set(general.compactMap { $0["label"]?.stringValue })))

        // The outline: the section holds the condition and the definitions after it.
        let symbols = client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])["result"]?.arrayValue ?? []
        let names = symbols.compactMap { $0["name"]?.stringValue }
        #expect(names == ["Påverkan", "Anordnare", "Tillstånd och lokaler"])
        let section = symbols.last
        #expect(section?["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["villkor 10", "antal_anställda", "ö_dag", "villkor 4"])

        // Formatting: the project's formatter, as one edit of the whole text; once applied, the
        // text is formatted and formatting again answers no edit.
        let formatRequest: JSONValue = ["textDocument": ["uri": .string(uri)], "options": ["tabSize": 4, "insertSpaces": true]]
        client.change(uri, version: 5, [TestClient.edit(14, 0, 14, 0, "    ")])  // indentation the formatter undoes
        let edits = client.request("textDocument/formatting", formatRequest)["result"]?.arrayValue ?? []
        #expect(edits.count == 1)
        if let edit = edits.first, let newText = edit["newText"]?.stringValue {
            #expect(edit["range"]?["start"] == ["line": 0, "character": 0])
            guard case .formatted(let expected) = SourceFormatter().format(newText, path: "x.kundval") else {
                Issue.record("the server's formatted text does not format")
                return
            }
            #expect(expected == newText)
            client.change(uri, version: 6, [edit.renamed("newText", to: "text")])
            #expect(client.request("textDocument/formatting", formatRequest)["result"] == .array([]))
        }

        #expect(client.request("shutdown")["result"] == .null)
        #expect(client.request("textDocument/hover", client.at(uri, 12, 9))["error"]?["code"] == -32600)
        #expect(client.send(["jsonrpc": "2.0", "method": "exit"]) == false)
        #expect(client.server.exitStatus == 0)
    }

    @Test func aChangedReglementeRechecksTheOpenKundval() throws {
        let fixture = try RuleFixture()
        defer { fixture.remove() }
        let client = TestClient()
        _ = client.initialize()
        let reglemente = fixture.reglementeText
        client.open(fixture.reglementeURI, reglemente)
        client.open(fixture.kundvalURI, RuleFixture.kundval)
        #expect(client.diagnostics(fixture.kundvalURI, version: 1) == [])
        let seen = client.messages.count
        // The reglemente renames `personal`, which the kundval's definition reads.
        let lines = reglemente.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0 == "  personal: lista av Anställd" })
        client.change(fixture.reglementeURI, version: 2, [TestClient.edit(line, 2, line, 10, "personalen")])
        let deadline = Date().addingTimeInterval(60)
        var kundvalDiagnostics: [JSONValue] = []
        while Date() < deadline, kundvalDiagnostics.isEmpty {
            kundvalDiagnostics = client.messages.dropFirst(seen).last {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == fixture.kundvalURI
            }?["params"]?["diagnostics"]?.arrayValue ?? []
            usleep(2_000)
        }
        #expect(kundvalDiagnostics.first?["code"] == "K0302")
        let message = kundvalDiagnostics.first?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("`Anordnare` har inget fält `personal`"), "\(message)")
        #expect(kundvalDiagnostics.first?["range"]?["start"]?["line"] == 17)
    }
}

extension SessionTests {
    @Test func aReglementeChangedOnDiskRechecksTheOpenKundval() throws {
        let fixture = try RuleFixture()
        defer { fixture.remove() }
        let client = TestClient()
        _ = client.initialize()
        client.open(fixture.kundvalURI, RuleFixture.kundval)
        #expect(client.diagnostics(fixture.kundvalURI, version: 1) == [])
        let seen = client.messages.count
        // Another program removes condition 4 from the reglemente (the kundval refines it).
        let path = fixture.folder.appendingPathComponent("reglemente-31.kundval")
        let text = fixture.reglementeText.replacingOccurrences(of: "\nvillkor 4 \"Registreringsbevis\"", with: "\nvillkor 99 \"Registreringsbevis\"")
        #expect(text != fixture.reglementeText)
        try text.write(to: path, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(fixture.reglementeURI), "type": 2]]])
        let deadline = Date().addingTimeInterval(60)
        var published: [JSONValue]?
        while Date() < deadline, published == nil {
            published = client.messages.dropFirst(seen).last {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == fixture.kundvalURI
            }?["params"]?["diagnostics"]?.arrayValue
            usleep(2_000)
        }
        #expect(published?.first?["code"] == "K0403", "the kundval's condition 4 refines a condition the reglemente no longer has")
    }
}

extension JSONValue {
    /// The object with one key renamed.
    func renamed(_ key: String, to newKey: String) -> JSONValue {
        guard case .object(var members) = self, let value = members.removeValue(forKey: key) else { return self }
        members[newKey] = value
        return .object(members)
    }
}
