import Dispatch
import Foundation
import KundvalChecker
import KundvalDiagnostics

/// The `.kundval` language server: JSON-RPC 2.0 over the base protocol's framing, serving
/// diagnostics as the author types, hover, go to definition, completion, document symbols and
/// quick fixes.
///
/// Bytes go in through ``receive(_:)`` (from one thread at a time); framed messages go out
/// through the `output` closure. Every message is handled on one serial queue, so requests see
/// the documents as of the changes before them. Checking runs on a queue of its own after a
/// short pause in typing; a result whose documents have changed since is dropped. Malformed
/// input gets a protocol error (or, for a notification, a log message) and never ends the server.
public final class LanguageServer: @unchecked Sendable {
    /// Receives each framed message to send.
    public typealias Output = @Sendable ([UInt8]) -> Void

    /// Where the server is in the protocol's life cycle.
    enum Phase {
        case uninitialized, running, shutDown, exited
    }

    /// JSON-RPC and protocol error codes.
    enum ErrorCode: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    /// A request that cannot be answered: its code and Swedish message.
    struct RequestError: Error {
        let code: ErrorCode
        let message: String
    }

    let output: Output
    let debounce: DispatchTimeInterval
    let queue = DispatchQueue(label: "kundval.lsp.tillstånd")
    let checkQueue = DispatchQueue(label: "kundval.lsp.kontroll", qos: .userInitiated)
    let cache = ParseCache()
    private var framing = MessageFraming()

    // State below is read and written on `queue` only.
    var phase = Phase.uninitialized
    var documents: [String: TextDocument] = [:]
    /// Per checked folder (or non-file URI): incremented by every change; a check started at an
    /// older generation is stale.
    var generations: [String: Int] = [:]
    /// The diagnostics last published per URI, with the file they refer to.
    var published: [String: (file: SourceFile, diagnostics: [Diagnostic])] = [:]
    /// The last checked program without errors per folder: types and rows for hover.
    var lastPrograms: [String: CheckedProgram] = [:]
    private var shutdownRequested = false

    /// The version `initialize` names in `serverInfo` (the command's, `kundval --version`).
    let version: String?

    /// Creates a server; `debounceMilliseconds` is the pause in typing before a check starts, and
    /// `version` the program's version to name to the editor.
    public init(version: String? = nil, debounceMilliseconds: Int = 25, output: @escaping Output) {
        self.version = version
        self.output = output
        self.debounce = .milliseconds(max(0, debounceMilliseconds))
    }

    /// The exit status once `exit` has arrived: 0 after `shutdown`, else 1; `nil` before.
    public var exitStatus: Int32? {
        queue.sync { phase == .exited ? (shutdownRequested ? 0 : 1) : nil }
    }

    /// Feeds bytes read from the client; returns false once `exit` has been received. Call from
    /// one thread at a time.
    @discardableResult
    public func receive<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        framing.append(bytes)
        while let item = framing.next() {
            let running = queue.sync { () -> Bool in
                switch item {
                case .message(let body): handle(body)
                case .problem(let problem): sendError(id: .null, .parseError, problem)
                }
                return phase != .exited
            }
            if !running { return false }
        }
        return true
    }

    /// Reads messages from `input` until `exit` or the end of input, writing to `output`;
    /// returns the exit status (0 after `shutdown` and `exit`, else 1).
    public static func run(input: FileHandle, output: FileHandle, version: String? = nil) -> Int32 {
        let lock = NSLock()
        let server = LanguageServer(version: version) { bytes in
            lock.lock()
            output.write(Data(bytes))
            lock.unlock()
        }
        while true {
            let data = input.availableData
            if data.isEmpty { break }
            if !server.receive(data) { break }
        }
        return server.queue.sync { server.shutdownRequested ? 0 : 1 }
    }

    // MARK: - Dispatch

    /// Handles one message body (on `queue`).
    private func handle(_ body: [UInt8]) {
        guard let message = JSONValue.parse(body) else {
            sendError(id: .null, .parseError, "meddelandet är inte giltig JSON")
            return
        }
        guard message.isObject else {
            sendError(id: .null, .invalidRequest, "ett meddelande ska vara ett JSON-objekt")
            return
        }
        let id = message["id"]
        if let id, !(id.stringValue != nil || id.intValue != nil || id == .null) {
            sendError(id: .null, .invalidRequest, "`id` ska vara ett tal eller en text")
            return
        }
        guard let methodValue = message["method"] else {
            // A response to a request of ours (the server sends none that need an answer).
            if id == nil { sendError(id: .null, .invalidRequest, "meddelandet saknar `method`") }
            return
        }
        guard let method = methodValue.stringValue else {
            sendError(id: id ?? .null, .invalidRequest, "`method` ska vara en text")
            return
        }
        let params = message["params"] ?? .null
        if let id {
            do {
                let result = try request(method, params)
                send(["jsonrpc": "2.0", "id": id, "result": result])
            } catch let error as RequestError {
                sendError(id: id, error.code, error.message)
            } catch {
                sendError(id: id, .requestFailed, "\(error)")
            }
        } else {
            notification(method, params)
        }
    }

    /// Answers a request, or throws the error to answer with.
    private func request(_ method: String, _ params: JSONValue) throws -> JSONValue {
        switch phase {
        case .uninitialized where method != "initialize":
            throw RequestError(code: .serverNotInitialized, message: "servern har inte fått `initialize` än")
        case .shutDown, .exited:
            throw RequestError(code: .invalidRequest, message: "servern är avstängd (`shutdown`); bara `exit` återstår")
        default: break
        }
        switch method {
        case "initialize":
            guard phase == .uninitialized else {
                throw RequestError(code: .invalidRequest, message: "`initialize` har redan kommit")
            }
            phase = .running
            return initializeResult
        case "shutdown":
            phase = .shutDown
            shutdownRequested = true
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "textDocument/codeAction": return try codeActions(params)
        case "textDocument/formatting": return try formatting(params)
        default:
            throw RequestError(code: .methodNotFound, message: "metoden `\(method)` finns inte i den här servern")
        }
    }

    /// Acts on a notification; problems are logged to the client (a notification has no answer).
    private func notification(_ method: String, _ params: JSONValue) {
        if method == "exit" {
            phase = .exited
            return
        }
        guard phase == .running else { return }
        switch method {
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration",
             "textDocument/didSave", "textDocument/willSave":
            break
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        default:
            if !method.hasPrefix("$/") { log("okänd notifiering `\(method)` ignoreras") }
        }
    }

    /// What the server can do, answered to `initialize`.
    var initializeResult: JSONValue {
        ["capabilities": Self.capabilities,
         "serverInfo": version.map { ["name": "kundval", "version": .string($0)] } ?? ["name": "kundval"]]
    }

    /// The capabilities, the same for every server.
    static let capabilities: JSONValue = [
        "positionEncoding": "utf-16",
        "textDocumentSync": ["openClose": true, "change": 2],
        "hoverProvider": true,
        "definitionProvider": true,
        "completionProvider": ["triggerCharacters": ["."], "resolveProvider": false],
        "documentSymbolProvider": true,
        "documentFormattingProvider": true,
        "codeActionProvider": ["codeActionKinds": ["quickfix"]],
    ]

    // MARK: - Sending

    /// Sends a message (on `queue`).
    func send(_ message: JSONValue) {
        output(MessageFraming.frame(message.encoded()))
    }

    /// Sends an error response.
    func sendError(id: JSONValue, _ code: ErrorCode, _ message: String) {
        send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code.rawValue), "message": .string(message)]])
    }

    /// Sends a notification.
    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Shows a problem in the client's log (`window/logMessage`, as a warning).
    func log(_ message: String) {
        notify("window/logMessage", ["type": 2, "message": .string("kundval lsp: " + message)])
    }

    /// The open document a request names in `params.textDocument.uri`.
    func openDocument(_ params: JSONValue) throws -> TextDocument {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            throw RequestError(code: .invalidParams, message: "parametrarna saknar `textDocument.uri`")
        }
        guard let document = documents[uri] else {
            throw RequestError(code: .invalidParams, message: "dokumentet `\(uri)` är inte öppet (skicka `textDocument/didOpen` först)")
        }
        return document
    }

    /// The open document and byte offset a position request names.
    func documentPosition(_ params: JSONValue) throws -> (TextDocument, Int) {
        let document = try openDocument(params)
        guard let position = Position(json: params["position"]) else {
            throw RequestError(code: .invalidParams, message: "parametrarna saknar en giltig `position` (`line` och `character` från 0)")
        }
        return (document, document.file.offset(of: position))
    }
}
