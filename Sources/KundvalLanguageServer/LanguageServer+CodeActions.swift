import KundvalDiagnostics

extension LanguageServer {
    /// `textDocument/codeAction`: for every published diagnostic in the range whose hint is one
    /// "menade du `x`?", a quick fix that writes `x` in place of the misspelled word.
    func codeActions(_ params: JSONValue) throws -> JSONValue {
        let document = try openDocument(params)
        guard let range = ProtocolRange(json: params["range"]) else {
            throw RequestError(code: .invalidParams, message: "parametrarna saknar ett giltigt `range`")
        }
        // Diagnostics published for an older text would point at the wrong bytes.
        guard let (file, diagnostics) = published[document.uri], file.bytes == document.file.bytes else { return [] }
        let start = file.offset(of: range.start)
        let end = file.offset(of: range.end)
        var actions: [JSONValue] = []
        for diagnostic in diagnostics where diagnostic.span.start <= end && start <= diagnostic.span.end {
            guard let hint = diagnostic.hint, let replacement = Self.singleSuggestion(hint),
                  let span = Self.replacedSpan(diagnostic.span, with: replacement, in: file) else { continue }
            actions.append([
                "title": .string("ersätt med `\(replacement)`"),
                "kind": "quickfix",
                "isPreferred": true,
                "diagnostics": [Self.json(for: diagnostic, in: file, uri: document.uri)],
                "edit": ["changes": [document.uri: [["range": file.range(of: span).json, "newText": .string(replacement)]]]],
            ])
        }
        return .array(actions)
    }

    /// `x` when a hint is exactly "menade du `x`?".
    static func singleSuggestion(_ hint: String) -> String? {
        let prefix = "menade du `"
        let suffix = "`?"
        guard hint.hasPrefix(prefix), hint.hasSuffix(suffix), hint.count > prefix.count + suffix.count else { return nil }
        let inner = String(hint.dropFirst(prefix.count).dropLast(suffix.count))
        return inner.contains("`") ? nil : inner
    }

    /// The bytes a suggestion replaces: the diagnostic's span when its text is a plausible
    /// misspelling of the suggestion, else the last word of the span when that is; `nil` when
    /// neither is (the span covers more than the word, and a blind replacement would lose text).
    static func replacedSpan(_ span: SourceSpan, with replacement: String, in file: SourceFile) -> SourceSpan? {
        let text = file.text(of: span)
        guard !text.contains("\n") else { return nil }
        if plausible(text, replacement) { return span }
        var start = span.end
        while start > span.start, isWordByte(file.bytes[start - 1]) { start -= 1 }
        let word = SourceSpan(start: start, end: span.end)
        return word.length > 0 && plausible(file.text(of: word), replacement) ? word : nil
    }

    private static func plausible(_ written: String, _ replacement: String) -> Bool {
        written != replacement && Suggestion.closest(to: written, among: [replacement]) == replacement
    }
}
