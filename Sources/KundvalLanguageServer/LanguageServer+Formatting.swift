import KundvalDiagnostics
import KundvalFormat

extension LanguageServer {
    /// `textDocument/formatting`: the project's formatter (`kundval fmt`, ``SourceFormatter``)
    /// over the open text, answered as one edit that replaces the whole text, or no edit when the
    /// text is already formatted. The editor's tab size and other options are not used: a
    /// `.kundval` file has one layout, whoever formats it. A text with syntax errors is not
    /// formatted (the diagnostics already show why): the answer is no edit, as for a formatted
    /// text, so the editor does not report a failure while the author is typing. Should the
    /// formatter refuse its own output (an internal error), the request fails with its message.
    func formatting(_ params: JSONValue) throws -> JSONValue {
        let document = try openDocument(params)
        let file = document.file
        switch SourceFormatter().format(file) {
        case .formatted(let text):
            guard Array(text.utf8) != file.bytes else { return .array([]) }
            let whole = file.range(of: SourceSpan(start: 0, end: file.bytes.count))
            return .array([["range": whole.json, "newText": .string(text)]])
        case .syntaxErrors:
            return .array([])
        case .refused(let message):
            throw RequestError(code: .requestFailed, message: "formateraren vägrade: \(message)")
        }
    }
}
