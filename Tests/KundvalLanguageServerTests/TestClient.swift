import Foundation
@testable import KundvalLanguageServer

/// An editor's side of a session with a ``LanguageServer`` over in-memory bytes: it frames
/// requests, feeds them to the server and reads the framed messages the server sends back.
final class TestClient: @unchecked Sendable {
    let server: LanguageServer
    private let lock = NSLock()
    private var framing = MessageFraming()
    private var received: [JSONValue] = []
    private var nextID = 1

    init(debounceMilliseconds: Int = 5) {
        let box = Box()
        server = LanguageServer(debounceMilliseconds: debounceMilliseconds) { bytes in box.client?.take(bytes) }
        box.client = self
    }

    private final class Box: @unchecked Sendable {
        weak var client: TestClient?
    }

    private func take(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        framing.append(bytes)
        while case .message(let body)? = framing.next() {
            if let message = JSONValue.parse(body) { received.append(message) }
        }
    }

    /// Sends raw bytes, as a broken client might.
    @discardableResult
    func sendRaw(_ bytes: [UInt8]) -> Bool { server.receive(bytes) }

    /// Sends one message.
    @discardableResult
    func send(_ message: JSONValue) -> Bool { sendRaw(MessageFraming.frame(message.encoded())) }

    /// Sends a request and returns the whole response (requests are answered synchronously).
    func request(_ method: String, _ params: JSONValue = .null) -> JSONValue {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return response(id: .int(id)) ?? .null
    }

    /// The response with an id, if one has arrived.
    func response(id: JSONValue) -> JSONValue? {
        lock.lock()
        defer { lock.unlock() }
        return received.first { $0["id"] == id && $0["method"] == nil }
    }

    /// Sends a notification.
    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Every message received so far.
    var messages: [JSONValue] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits (up to `timeout` seconds, for the background check) for the diagnostics published
    /// for `uri` at `version`.
    func diagnostics(_ uri: String, version: Int, timeout: Double = 60) -> [JSONValue]? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = messages.last {
                $0["method"]?.stringValue == "textDocument/publishDiagnostics"
                    && $0["params"]?["uri"]?.stringValue == uri && $0["params"]?["version"]?.intValue == version
            }
            if let found { return found["params"]?["diagnostics"]?.arrayValue }
            usleep(2_000)
        }
        return nil
    }

    // MARK: - Shorthands

    func initialize() -> JSONValue { request("initialize", ["processId": .null, "rootUri": .null, "capabilities": [:]]) }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "kundval", "version": .int(version), "text": .string(text)]])
    }

    func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": .array(changes)])
    }

    static func edit(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int, _ text: String) -> JSONValue {
        ["range": ["start": ["line": .int(startLine), "character": .int(startCharacter)],
                   "end": ["line": .int(endLine), "character": .int(endCharacter)]],
         "text": .string(text)]
    }

    func at(_ uri: String, _ line: Int, _ character: Int) -> JSONValue {
        ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(character)]]
    }
}

/// A folder with the current reglemente and a small kundval in Swedish, with an emoji on the
/// line of condition 10, removed by `remove()`.
struct RuleFixture {
    let folder: URL
    let kundvalURI: String
    let reglementeURI: String

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let kundval = """
        kundval "Prövning av språkservern"
          nämnd "Socialnämnden"
          enligt reglemente "Reglemente för kundval" version "31 villkor"

        typ Påverkan: en av osannolik, risk_för_kunder

        typ Anordnare utökas
          påverkan: Påverkan
          lokaler_är_tillgängliga: ja/nej

        avsnitt "Tillstånd och lokaler"

        villkor 10
          lydelse "Lokalerna ska vara tillgängliga för alla 😀 kunder."
          kräver anordnare.lokaler_är_tillgängliga och anordnare.påverkan = osannolik
          vid brist: sanktion

        definition antal_anställda: heltal = antal p i anordnare.personal där p.registerutdrag finns

        villkor 4
          kräver anordnare.lokaler_är_tillgängliga

        """

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kundval-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reglemente = folder.appendingPathComponent("reglemente-31.kundval")
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("conditions/reglemente-31.kundval"), to: reglemente)
        let kundval = folder.appendingPathComponent("prövning.kundval")
        try Self.kundval.write(to: kundval, atomically: true, encoding: .utf8)
        kundvalURI = kundval.absoluteString
        reglementeURI = reglemente.absoluteString
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    var reglementeText: String {
        (try? String(contentsOf: folder.appendingPathComponent("reglemente-31.kundval"), encoding: .utf8)) ?? ""
    }
}
