import KundvalDiagnostics
import KundvalRuntime

/// Diagnostics as JSON for machines (`check --json`, `test --json`): one object per diagnostic
/// with its code, severity, file, start and end (line and column from 1, columns in characters),
/// message, hint and notes.
enum DiagnosticsJSON {
    /// One diagnostic of `file`.
    static func object(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let start = file.location(of: diagnostic.span.start)
        let end = file.location(of: diagnostic.span.end)
        let notes = diagnostic.notes.map { note in
            let at = file.location(of: note.span.start)
            return "{\"rad\": \(at.line), \"kolumn\": \(at.column), \"meddelande\": \(JSONText.quoted(note.message))}"
        }
        return "{\"kod\": \(JSONText.quoted(diagnostic.code.rawValue)), "
            + "\"allvar\": \(JSONText.quoted(diagnostic.severity.rawValue)), "
            + "\"fil\": \(JSONText.quoted(file.path)), \"rad\": \(start.line), \"kolumn\": \(start.column), "
            + "\"slut\": {\"rad\": \(end.line), \"kolumn\": \(end.column)}, "
            + "\"meddelande\": \(JSONText.quoted(diagnostic.message)), "
            + "\"ledtråd\": \(diagnostic.hint.map(JSONText.quoted) ?? "null"), "
            + "\"anteckningar\": [\(notes.joined(separator: ", "))]}"
    }

    /// Every diagnostic of the files, in file order.
    static func array(_ files: [FileDiagnostics]) -> String {
        "[" + files.flatMap { file in file.diagnostics.map { object($0, in: file.file) } }.joined(separator: ",\n  ") + "]"
    }
}
