extension LanguageServer {
    /// `textDocument/formatting`: the place where the project's formatter (issue 17,
    /// `KundvalFormat`) will be called: format `document.file` and answer one edit that replaces
    /// the whole text (or none when it is already formatted). Until the formatter is merged the
    /// capability is not advertised in ``initializeResult``, and a client that asks anyway gets
    /// the error `RequestFailed` (-32803) saying so.
    func formatting(_ params: JSONValue) throws -> JSONValue {
        _ = try openDocument(params)
        throw RequestError(code: .requestFailed, message: "formatering finns inte ännu")
    }
}
