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
        // What an independent review of the fixes found. A label without its closing quote hid
        // a second mistake in the lines after it (the clause misspelled, a field misspelled in a
        // line that goes on with the requirement): two mistakes, two errors.
        ("oppenvard-000.kundval", [("kräver \"Teknisk utrustning\": anordnare", "kräver \"Teknisk utrustning: anordnare"),
                                   ("  underlag bifogas ansökan", "  underlg bifogas ansökan")], [.unterminatedText, .unknownClause]),
        ("oppenvard-000.kundval", [("kräver \"Lokaler\": anordnare", "kräver \"Lokaler: anordnare"),
                                   ("och anordnare.lokaler.tillgängliga_vid_funktionsnedsättning",
                                    "och anordnare.lokaler.tillgängliga_vid_funktionsnedsätning")], [.unterminatedText, .unknownField]),
        // An age's unit is guessed among those of time only: `timar` is not read as `timmar`,
        // which no age has (2 with that guess).
        ("arbete-etablering-002.kundval", [("registreringsbevis högst 3 månader gammalt", "registreringsbevis högst 3 timar gammalt")],
         [.expectedToken]),
        // `version` or `reglemente` misspelled in `enligt reglemente`: the version was lost and
        // the kundval checked against another (107), or the clause lost (133).
        ("oppenvard-000.kundval", [("version \"31 villkor\"", "verison \"31 villkor\"")], [.expectedToken]),
        ("oppenvard-000.kundval", [("enligt reglemente \"Reglemente", "enligt reglemnte \"Reglemente")], [.expectedToken]),
        // `högst 3` without `är`, and `minst` with nothing after it (2).
        ("oppenvard-000.kundval", [("och p.år_av_erfarenhet_av_målgruppen >= 3", "och p.år_av_erfarenhet_av_målgruppen högst 3")],
         [.expectedToken]),
        ("oppenvard-000.kundval", [("och p.år_av_erfarenhet_av_målgruppen >= 3", "och p.år_av_erfarenhet_av_målgruppen minst")],
         [.expectedToken]),
    ])
    func aMistakeTheFirstWalkLeftIsOneError(file: String, changes: [(String, String)], codes: [DiagnosticCode]) throws {
        let errors = Self.errors(try Self.shipped(changing: file, changes.map { (old: $0.0, new: $0.1) }))
        #expect(errors.map(\.code) == codes, "\(errors.map { "\($0.code) \($0.message)" })")
        #expect(errors.allSatisfy { $0.hint != nil }, "\(errors.map(\.hint))")
    }

    /// A kundval without `enligt reglemente` is one error whatever the folder holds: it is not
    /// checked against a reglemente it does not name (a review found that checking it against the
    /// one reglemente of a folder gave 107 errors when that was another version), and the hint
    /// writes the line for the reglemente there.
    @Test func aKundvalWithoutEnligtIsOneErrorWithTheLineToAdd() throws {
        for reglemente in ["reglemente-31.kundval", "reglemente-27.kundval"] {
            let files = try Self.shipped(changing: "oppenvard-000.kundval", [
                (old: "  enligt reglemente \"Reglemente för kundval\" version \"31 villkor\"\n", new: ""),
                (old: "kräver \"Lokaler\": anordnare.lokaler", new: "kräver \"Lokaler\": anordnare.lokal"),
            ], leaving: ["oppenvard-000.kundval", reglemente])
            let errors = Self.errors(files)
            #expect(errors.map(\.code) == [.missingReglemente], "\(errors.map { "\($0.code) \($0.message)" })")
            let version = reglemente == "reglemente-31.kundval" ? "31 villkor" : "27 villkor"
            #expect(errors.first?.hint == "lägg till `enligt reglemente \"Reglemente för kundval\" version \"\(version)\"` i dokumenthuvudet")
        }
    }
}

extension CascadeTests {
    /// K0402's hint is source text: a quote in the reglemente's name is escaped (a review found
    /// `enligt reglemente "R "x""`, which no file can hold).
    @Test func theLineK0402ProposesIsSourceText() {
        let reglemente = SourceFile(path: "r.kundval", text: "reglemente \"R \\\"x\\\"\" version \"1\"\nvillkor 1 \"Ett\"\n")
        let kundval = SourceFile(path: "k.kundval", text: "kundval \"K\"\n  nämnd \"N\"\n")
        let errors = Self.errors([reglemente, kundval])
        #expect(errors.map(\.code) == [.missingReglemente])
        #expect(errors.first?.hint == "lägg till `enligt reglemente \"R \\\"x\\\"\" version \"1\"` i dokumenthuvudet")
    }
}
