import Testing
@testable import KundvalLanguageServer

/// Broken input gets a protocol error (or, for a notification, a log message) and the server
/// goes on answering.
@Suite struct MalformedInputTests {
    func error(_ message: JSONValue?) -> Int? { message?["error"]?["code"]?.intValue }

    func lastError(_ client: TestClient) -> JSONValue? {
        client.messages.last { $0["error"] != nil }
    }

    @Test func brokenMessagesNeverEndTheServer() {
        let client = TestClient()
        // Before `initialize`.
        #expect(error(client.request("textDocument/hover", client.at("file:///tmp/x.kundval", 0, 0))) == -32002)

        // Bad JSON, a JSON value that is not an object, a header without a length, a length
        // that is not a number.
        client.sendRaw(MessageFraming.frame(Array(#"{"jsonrpc":"2.0","id":1,"method":"#.utf8)))
        #expect(error(lastError(client)) == -32700)
        #expect(lastError(client)?["id"] == .null)
        client.sendRaw(MessageFraming.frame(Array("[1, 2]".utf8)))
        #expect(error(lastError(client)) == -32600)
        let before = client.messages.count
        client.sendRaw(Array("Content-Type: application/json\r\n\r\n".utf8))
        client.sendRaw(Array("Content-Length: många\r\n\r\n".utf8))
        #expect(client.messages.dropFirst(before).filter { error($0) == -32700 }.count == 2)
        client.sendRaw(MessageFraming.frame(Array(#"{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}"#.utf8)))
        #expect(error(lastError(client)) == -32600)

        // The server still initializes and answers.
        #expect(client.initialize()["result"]?["capabilities"] != nil)
        #expect(error(client.initialize()) == -32600)
        #expect(error(client.request("textDocument/rename", [:])) == -32601)
        #expect(client.request("textDocument/rename", [:])["error"]?["message"]?.stringValue?.contains("`textDocument/rename`") == true)

        // Requests for a document that is not open, and with wrong parameters.
        let unopened = client.request("textDocument/hover", client.at("file:///tmp/finns-inte.kundval", 0, 0))
        #expect(error(unopened) == -32602)
        #expect(unopened["error"]?["message"]?.stringValue?.contains("är inte öppet") == true)
        client.open("file:///tmp/öppen.kundval", "villkor 1\n")
        #expect(error(client.request("textDocument/hover", ["textDocument": ["uri": "file:///tmp/öppen.kundval"]])) == -32602)
        #expect(error(client.request("textDocument/hover", ["textDocument": ["uri": "file:///tmp/öppen.kundval"],
                                                            "position": ["line": -1, "character": 0]])) == -32602)
        #expect(error(client.request("textDocument/definition", "text")) == -32602)
        #expect(error(client.request("textDocument/codeAction", ["textDocument": ["uri": "file:///tmp/öppen.kundval"]])) == -32602)

        // Notifications cannot be answered: the problem goes to the log.
        let logged = client.messages.count
        client.change("file:///tmp/stängd.kundval", version: 2, [["text": "x"]])
        client.notify("textDocument/didChange", ["textDocument": ["uri": "file:///tmp/öppen.kundval"], "contentChanges": [["range": 3]]])
        client.notify("kundval/okänd", [:])
        let logs = client.messages.dropFirst(logged).filter { $0["method"] == "window/logMessage" }
        #expect(logs.count == 3)
        #expect(client.messages.dropFirst(logged).allSatisfy { $0["id"] == nil })

        // Positions past the end of a line or the file are clamped, not trusted.
        #expect(client.request("textDocument/hover", client.at("file:///tmp/öppen.kundval", 99, 99))["error"] == nil)
        #expect(client.request("textDocument/completion", client.at("file:///tmp/öppen.kundval", 0, 999))["result"]?["items"] != nil)

        // `exit` without `shutdown`: the server stops with status 1.
        #expect(client.send(["jsonrpc": "2.0", "method": "exit"]) == false)
        #expect(client.server.exitStatus == 1)
    }
}
