import Foundation
import KundvalChecker
import KundvalDiagnostics
import Testing

extension CascadeTests {
    /// The shipped files with the first occurrence of each `old` in file `name` replaced by its `new`.
    static func shipped(changing name: String, _ changes: [(old: String, new: String)],
                        leaving left: Set<String> = []) throws -> [SourceFile] {
        try shipped(changing: name, { bytes in
            var text = String(decoding: bytes, as: UTF8.self)
            for (old, new) in changes {
                guard let range = text.range(of: old) else {
                    Issue.record("`\(old)` is not in \(name)")
                    continue
                }
                text.replaceSubrange(range, with: new)
            }
            return Array(text.utf8)
        }, leaving: left)
    }

    /// Mistakes the first walk left with several errors (stop 35's note), each with its count
    /// before the fix: as many errors as mistakes now, each with a hint.
    @Test(arguments: [
        // `minst 3` as one says it: also "expected `annars`" and "`minst` starts no declaration" (2).
        ("oppenvard-000.kundval", [("och p.år_av_erfarenhet_av_målgruppen >= 3", "och p.år_av_erfarenhet_av_målgruppen minst 3")],
         [DiagnosticCode.expectedToken]),
        // `annars` misspelled: also "`anars` starts no declaration" at the same column (2).
        ("arbete-etablering-002.kundval", [("så månadsersättning annars 0 kr", "så månadsersättning anars 0 kr")], [.expectedToken]),
        // A unit misspelled in a document's age: no hint before (1, without a hint).
        ("arbete-etablering-002.kundval", [("registreringsbevis högst 3 månader gammalt", "registreringsbevis högst 3 manader gammalt")],
         [.expectedToken]),
        // A unit misspelled after `per`: a hint that named no unit (1, with a general hint).
        ("arbete-etablering-002.kundval", [("minst 1 timmar per vecka", "minst 1 timmar per veka")], [.expectedToken]),
        // A label's closing `"` forgotten: the rest of the line was a text, and so a requirement
        // of the wrong type (2).
        ("oppenvard-000.kundval", [("kräver \"Lokaler\": anordnare", "kräver \"Lokaler: anordnare")], [.unterminatedText]),
        // A definition's `=` forgotten at the end of its line: the definition was lost, and each
        // use of it an unknown name (2).
        ("oppenvard-000.kundval", [("definition frånvarodagar(f: Frånvaro): dagar =", "definition frånvarodagar(f: Frånvaro): dagar")],
         [.expectedToken]),
        // Two header clauses misspelled: the second was skipped, `enligt reglemente` with it (133).
        ("oppenvard-000.kundval", [("  nämnd \"Socialnämnden\"", "  nämd \"Socialnämnden\""), ("  enligt reglemente", "  enlgt reglemente")],
         [.unknownClause, .unknownClause]),
        // A misspelled header clause in the first column ended the header (133).
        ("oppenvard-000.kundval", [("  nämnd \"Socialnämnden\"", "nämd \"Socialnämnden\"")], [.unknownClause]),
        // No `enligt reglemente` among two reglementen: every name of the reglemente unknown (132).
        ("oppenvard-000.kundval", [("  enligt reglemente \"Reglemente för kundval\" version \"31 villkor\"\n", "")], [.missingReglemente]),
        // The reglemente's type misspelled where it is declared: one error per `utökas` of it (7);
        // one per document now, the reglemente's own use of it among them.
        ("reglemente-31.kundval", [("\ntyp Anordnare\n", "\ntyp Anordnar\n")], [.unknownType, .unknownType, .unknownType]),
    ])
    func aMistakeTheFirstWalkLeftIsOneError(file: String, changes: [(String, String)], codes: [DiagnosticCode]) throws {
        let errors = Self.errors(try Self.shipped(changing: file, changes.map { (old: $0.0, new: $0.1) }))
        #expect(errors.map(\.code) == codes, "\(errors.map { "\($0.code) \($0.message)" })")
        #expect(errors.allSatisfy { $0.hint != nil }, "\(errors.map(\.hint))")
    }

    /// A kundval without `enligt reglemente` is checked against the one reglemente among the
    /// files, so a second mistake in it is still found; K0402's hint names that reglemente.
    @Test func aKundvalWithoutEnligtIsCheckedAgainstTheOneReglemente() throws {
        let files = try Self.shipped(changing: "oppenvard-000.kundval", [
            (old: "  enligt reglemente \"Reglemente för kundval\" version \"31 villkor\"\n", new: ""),
            (old: "kräver \"Lokaler\": anordnare.lokaler", new: "kräver \"Lokaler\": anordnare.lokal"),
        ], leaving: ["oppenvard-000.kundval", "reglemente-31.kundval"])
        let errors = Self.errors(files)
        #expect(errors.map(\.code) == [.missingReglemente, .unknownField], "\(errors.map { "\($0.code) \($0.message)" })")
        #expect(errors.first?.hint == "lägg till `enligt reglemente \"Reglemente för kundval\" version \"31 villkor\"` i dokumenthuvudet")
    }
}
