import Foundation
import Testing

/// `kundval lsp` as an editor starts it: framed JSON-RPC on standard input, answers on standard
/// output, nothing else written, the exit status the protocol asks for.
@Suite struct LanguageServerCommandTests {
    static func frame(_ object: [String: Any]) throws -> String {
        let body = try JSONSerialization.data(withJSONObject: object)
        return "Content-Length: \(body.count)\r\n\r\n" + String(decoding: body, as: UTF8.self)
    }

    /// The messages in framed output.
    static func messages(_ output: String) throws -> [[String: Any]] {
        var bytes = Array(output.utf8)[...]
        var result: [[String: Any]] = []
        while !bytes.isEmpty {
            let header = try #require(String(decoding: bytes, as: UTF8.self).range(of: "\r\n\r\n"))
            let headerText = String(decoding: bytes, as: UTF8.self)[..<header.lowerBound]
            let length = try #require(Int(headerText.replacingOccurrences(of: "Content-Length: ", with: "")))
            let start = bytes.startIndex + headerText.utf8.count + 4
            let body = Data(bytes[start..<start + length])
            result.append(try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]))
            bytes = bytes[(start + length)...]
        }
        return result
    }

    @Test func aSessionOverStandardStreams() throws {
        let path = CLI.repositoryRoot.appendingPathComponent("conditions/oppenvard-000.kundval")
        let uri = path.absoluteString
        let text = try String(contentsOf: path, encoding: .utf8)
        // The line of `villkor 10`, found in the text: the file's layout may change (`kundval fmt`).
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0 == "villkor 10" || $0.hasPrefix("villkor 10 ") })
        let input = try [
            Self.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]]),
            Self.frame(["jsonrpc": "2.0", "method": "initialized", "params": [:]]),
            Self.frame(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                        "params": ["textDocument": ["uri": uri, "languageId": "kundval", "version": 1, "text": text]]]),
            "Content-Length: 8\r\n\r\n{trasig}",
            Self.frame(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                        "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": 9]]]),
            Self.frame(["jsonrpc": "2.0", "id": 3, "method": "kundval/okänd", "params": [:]]),
            Self.frame(["jsonrpc": "2.0", "id": 4, "method": "textDocument/definition",
                        "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": 9]]]),
            Self.frame(["jsonrpc": "2.0", "id": 5, "method": "shutdown"]),
            Self.frame(["jsonrpc": "2.0", "method": "exit"]),
        ].joined()
        let result = try CLI.run(["lsp"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let messages = try Self.messages(result.stdout)
        func response(_ id: Int) -> [String: Any]? { messages.first { ($0["id"] as? Int) == id } }
        let capabilities = (response(1)?["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect((capabilities?["textDocumentSync"] as? [String: Any])?["change"] as? Int == 2)
        // The editor is told the command's own version.
        let serverInfo = (response(1)?["result"] as? [String: Any])?["serverInfo"] as? [String: Any]
        let version = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(serverInfo?["version"] as? String == String(version.dropFirst("kundval ".count)))
        #expect(messages.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 })
        let hover = ((response(2)?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(hover.contains("**villkor 10**"))
        #expect(hover.contains("Lokalerna ska vara:"))
        #expect((response(3)?["error"] as? [String: Any])?["code"] as? Int == -32601)
        let target = (response(4)?["result"] as? [[String: Any]])?.first
        #expect((target?["uri"] as? String)?.hasSuffix("/conditions/reglemente-31.kundval") == true)
        #expect(response(5)?.keys.contains("result") == true)
    }

    @Test func endOfInputWithoutShutdownAndWrongArguments() throws {
        let ended = try CLI.run(["lsp"], stdin: try Self.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]]))
        #expect(ended.status == 1)
        #expect(try Self.messages(ended.stdout).count == 1)
        let wrong = try CLI.run(["lsp", "--port", "9"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("okänt argument `--port`"))
        #expect(try CLI.run(["lsp", "--hjälp"]).stdout.contains("användning: kundval lsp"))
        // Its English and short spellings too, as every other command takes them.
        for help in ["--help", "-h"] {
            let result = try CLI.run(["lsp", help])
            #expect(result.status == 0 && result.stdout.contains("användning: kundval lsp"), "\(help): \(result.stderr)")
        }
    }
}
