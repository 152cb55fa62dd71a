import Foundation
import KundvalDiagnostics

/// An open document: its URI, the version the editor gave it, and its text as a
/// ``SourceFile`` (bytes and line table), kept up to date by incremental changes.
struct TextDocument: Sendable {
    /// The URI the editor uses for the document.
    let uri: String
    /// The version of the last change.
    var version: Int
    /// The text, with its line table.
    var file: SourceFile

    /// Creates an open document.
    init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        self.file = SourceFile(path: Self.path(of: uri) ?? uri, text: text)
    }

    /// The file system path of a `file:` URI (percent escapes decoded); `nil` for another scheme.
    static func path(of uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        let path = url.standardizedFileURL.path
        return path.isEmpty ? nil : path
    }

    /// The `file:` URI of a path.
    static func uri(of path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    /// The folder the document is checked with (its reglemente lives there); `nil` when the
    /// document is not a file.
    var folder: String? {
        guard let path = Self.path(of: uri) else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }

    /// Applies `contentChanges` in order: a change with a range replaces that range (positions in
    /// UTF-16 units, clamped to the text); one without replaces the whole text. Returns a
    /// problem in Swedish for a change that is not an object with a text.
    mutating func apply(_ changes: [JSONValue]) -> String? {
        var bytes = file.bytes
        var current = file
        for (index, change) in changes.enumerated() {
            guard let text = change["text"]?.stringValue else {
                return "ändring \(index + 1) saknar `text`"
            }
            if let rangeJSON = change["range"] {
                guard let range = ProtocolRange(json: rangeJSON) else {
                    return "ändring \(index + 1) har ett ogiltigt `range`"
                }
                let start = current.offset(of: range.start)
                let end = max(start, current.offset(of: range.end))
                bytes.replaceSubrange(start..<end, with: Array(text.utf8))
            } else {
                bytes = Array(text.utf8)
            }
            current = SourceFile(path: file.path, bytes: bytes)
        }
        file = current
        return nil
    }
}
