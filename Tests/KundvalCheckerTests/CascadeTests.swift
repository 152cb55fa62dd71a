import Foundation
import KundvalChecker
import KundvalDiagnostics
import Testing

/// One mistake, one error (issue 14): a mistake that makes a whole file or a whole kundval
/// unreadable gives the one diagnostic that names it, not one for everything that follows.
/// Counts before the fix, on the shipped files of the time: 1,775, 636 and 89 errors.
@Suite struct CascadeTests {
    static let conditions = Fixtures.root.appendingPathComponent("conditions")

    /// The shipped rule files, with `change` made to the file named `name` (bytes).
    static func shipped(changing name: String? = nil, _ change: ([UInt8]) -> [UInt8] = { $0 },
                        leaving left: Set<String> = []) throws -> [SourceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: conditions.path).filter { $0.hasSuffix(".kundval") }.sorted()
        return try names.filter { left.isEmpty || left.contains($0) }.map { file in
            let bytes = [UInt8](try Data(contentsOf: conditions.appendingPathComponent(file)))
            return SourceFile(path: file, bytes: file == name ? change(bytes) : bytes)
        }
    }

    static func errors(_ files: [SourceFile]) -> [Diagnostic] {
        Checker.check(files).files.flatMap(\.diagnostics).filter { $0.severity == .error }
    }

    @Test func aReglementeVersionMistypedInItsOwnFileIsOneErrorPerKundval() throws {
        let files = try Self.shipped(changing: "reglemente-31.kundval") {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "version \"31 villkor\"", with: "version \"31  villkor\"").utf8)
        }
        let errors = Self.errors(files)
        #expect(errors.map(\.code) == [.unknownReglemente, .unknownReglemente], "\(errors.map(\.message))")
        #expect(errors.allSatisfy { $0.hint?.contains("reglemente-31.kundval` skriver reglementet") == true })
    }

    /// A field misspelled where its type declares it is one error per file that writes the
    /// record, not one per record written in an example or a test (30 on the shipped files,
    /// with a warning for the field each record then lacked; found by an adversarial session).
    @Test func aFieldMisspelledInItsTypeIsOneErrorPerFile() throws {
        let files = try Self.shipped(changing: "reglemente-31.kundval") {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(
                of: "tvångslikvidation_ackord_eller_liknande: ja/nej kan saknas",
                with: "tvångslikvidation_ackord_eller_liknand: ja/nej kan saknas").utf8)
        }
        let result = Checker.check(files)
        let diagnostics = result.files.flatMap(\.diagnostics)
        #expect(diagnostics.map(\.code) == [.unknownField, .unknownField], "\(diagnostics.map(\.message))")
        let paths = result.files.filter { !$0.diagnostics.isEmpty }.map { $0.file.path }
        #expect(Set(paths) == ["reglemente-31.kundval", "arbete-etablering-002.kundval"])
    }

    /// A reglemente with a syntax error may have lost what follows it: the kundval files that
    /// refine it are checked against it once it reads whole (a reglemente cut short gave 75
    /// errors in them, one per condition they refine; found by an adversarial session).
    @Test func aReglementeCutShortIsItsOwnErrorOnly() throws {
        for cut in [2262, 20_000, 41_000] {
            let files = try Self.shipped(changing: "reglemente-31.kundval") { Array($0.prefix(cut)) }
            let result = Checker.check(files)
            let failing = result.files.filter { $0.diagnostics.contains { $0.severity == .error } }.map { $0.file.path }
            #expect(failing == ["reglemente-31.kundval"], "cut at \(cut): \(failing)")
            #expect(Self.errors(files).count <= 2, "cut at \(cut): \(Self.errors(files).map(\.message))")
        }
    }

    @Test func aKundvalWithoutItsReglementeIsOneError() throws {
        let errors = Self.errors(try Self.shipped(leaving: ["oppenvard-000.kundval"]))
        #expect(errors.map(\.code) == [.unknownReglemente])
    }

    @Test func aHintNeverTiesAKundvalToAnotherVersion() throws {
        let errors = Self.errors(try Self.shipped(leaving: ["oppenvard-000.kundval", "reglemente-27.kundval"]))
        #expect(errors.map(\.code) == [.unknownReglemente])
        let hint = try #require(errors.first?.hint)
        #expect(!hint.contains("menade du"))
        #expect(hint.contains("bara i version `27 villkor`"), "\(hint)")
    }

    @Test func aFileSavedAsLatin1IsOneError() throws {
        // "ä" as Latin-1 is the single byte E4.
        let files = try Self.shipped(changing: "reglemente-31.kundval") { bytes in
            var latin1: [UInt8] = []
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                latin1.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?"))
            }
            return latin1
        }
        let errors = Self.errors(files)
        #expect(errors.map(\.code) == [.invalidUTF8], "\(errors.map(\.message))")
    }

    /// The shipped files with the first line of file `name` that contains `old` changed to hold
    /// `new` there instead.
    static func shipped(changing name: String, line old: String, to new: String) throws -> [SourceFile] {
        try shipped(changing: name) { bytes in
            var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            if let index = lines.firstIndex(where: { $0.contains(old) }) {
                lines[index] = lines[index].replacingOccurrences(of: old, with: new)
            }
            return Array(lines.joined(separator: "\n").utf8)
        }
    }

    /// Mistakes an independent walk through the shipped files found to cascade, each with its
    /// count before the fix: one error each now (one per document for a name the reglemente
    /// declares, with the uses after the first in its note).
    @Test(arguments: [
        // A misspelled header clause ended the header, losing `enligt reglemente` below it (501).
        ("oppenvard-000.kundval", "  nämnd \"Socialnämnden\"", "  nämd \"Socialnämnden\"", [DiagnosticCode.unknownClause]),
        // A misspelled type after `utökas`: each use of its fields was an error (242).
        ("oppenvard-000.kundval", "typ Anordnare utökas", "typ Anordare utökas", [.unknownType]),
        // A field's `:` forgotten: each use of the field was an error (31).
        ("reglemente-31.kundval", "  i_konkurs: ja/nej", "  i_konkurs ja/nej", [.expectedToken]),
        // An enumeration's `:` forgotten: each use of a value was an error (34).
        ("reglemente-31.kundval", "typ Roll: en av", "typ Roll en av", [.expectedToken]),
        // The fact misspelled where it is declared: each use was an error, in every document (946).
        ("reglemente-31.kundval", "  anordnare: Anordnare", "  anordnaren: Anordnare", [.unknownName, .unknownName, .unknownName]),
        // An assessment misspelled where it is declared: each test of it was an error (340).
        ("reglemente-31.kundval", "bedömning uppföljning ", "bedömning uppfölning ",
         [.unknownAssessment, .unknownAssessment, .unknownAssessment]),
        // A test's only expectation misspelled: also "the test expects nothing" (2).
        ("oppenvard-000.kundval", "  förväntas villkor 11 uppfyllt", "  förväntas villkor 11 uppfylt", [.unknownExpectation]),
        // A test's date no date: also "the test does not say when it is assessed" (2).
        ("oppenvard-000.kundval", "  vid ansökan 2025-03-01", "  vid ansökan 2025-13-01", [.invalidDate]),
        // A unit misspelled: also the number compared as a plain count (2).
        ("oppenvard-000.kundval", ">= 12 veckor", ">= 12 vekor", [.expectedToken]),
        // `finns` misspelled: also a requirement of the wrong type (2).
        ("oppenvard-000.kundval", "tillförordnad_sedan finns", "tillförordnad_sedan fins", [.expectedToken]),
        // A policy author's walk: `år` typed without its ring: also an unknown clause, and the
        // date compared with a number (2), the hint to write `3 månader`.
        ("oppenvard-000.kundval", "h.hävt >= bedömningsdatum - 3 år", "h.hävt >= bedömningsdatum - 3 ar", [.expectedToken]),
        // An amount written as the documents print it: also an unknown clause `000`, and a
        // hint to write `120 kr` (2).
        ("arbete-etablering-002.kundval", "tre_månader = 120000 kr", "tre_månader = 120 000 kr", [.digitGroups]),
        // A unit written out: also an unknown clause `kronor`, and the amount a plain number (2).
        ("arbete-etablering-002.kundval", "tre_månader = 120000 kr", "tre_månader = 120000 kronor", [.expectedToken]),
        // The consequence column copied with its capitals: also a step `Ej` and a clause
        // `godkänd` (2); and without the comma between two consequences: a clause `sanktion` (1,
        // without a hint of the comma).
        ("oppenvard-000.kundval", "  vid brist: ej godkänd auktorisation, sanktion", "  vid brist: Ej godkänd auktorisation, Sanktion",
         [.unknownConsequence]),
        ("oppenvard-000.kundval", "  vid brist: ej godkänd auktorisation, sanktion", "  vid brist: Ej Godkänd auktorisation, sanktion",
         [.unknownConsequence]),

        ("oppenvard-000.kundval", "  vid brist: ej godkänd auktorisation, sanktion", "  vid brist: ej godkänd auktorisation sanktion",
         [.expectedToken]),
        // An example's `från` in English: also each test that starts from it (n).
        ("oppenvard-000.kundval", "exempel exempelvården från \"exempel/oppenvard-godkand.json\"",
         "exempel exempelvården from \"exempel/oppenvard-godkand.json\"", [.expectedToken]),
        // A sub-condition numbered with a comma: also each test naming it (n).
        ("arbete-etablering-002.kundval", "villkor 10.1 \"Etablerad verksamhet\"", "villkor 10,1 \"Etablerad verksamhet\"", [.expectedToken]),
    ])
    func aMistakeFoundByTheWalkIsOneError(file: String, old: String, new: String, codes: [DiagnosticCode]) throws {
        let errors = Self.errors(try Self.shipped(changing: file, line: old, to: new))
        #expect(errors.map(\.code) == codes, "\(errors.map { "\($0.code) \($0.message)" })")
        #expect(errors.allSatisfy { $0.hint != nil }, "\(errors.map(\.hint))")
    }

    /// What an independent review of the fixes above found they must not do: hide a second,
    /// separate mistake, guess a unit from an abbreviation, assume a `:` in a name with a space,
    /// or put the error anywhere but at the name's first use in the file.
    @Test func theFixesHideNoOtherMistake() throws {
        let text = """
            reglemente "R" version "1"
            typ Anordnare
              kunder: heltal
              årlig omsättning: belopp
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            test "utan vid"
              med anordnare.kunder = 5 +
              förväntas godkänd
            test "okänt namn"
              vid ansökan 2025-03-01
              med anordnre.kunder = 1
              förväntas godkänd
            villkor 1 "Ett"
              kräver anordnare.kunder >= 12 kg
            villkor 2 "Två"
              kräver anordnre.kunder > 1
            villkor 3 "Tre"
              kräver anordnre.kunder > 2

            """
        let file = SourceFile(path: "r.kundval", text: text)
        let errors = Self.errors([file])
        let lines = errors.map { file.location(of: $0.span.start).line }
        #expect(errors.map(\.code) == [.expectedToken, .incompleteTest, .expectedExpression, .unknownName, .unknownClause],
                "\(errors.map { "\($0.code) \($0.message)" })")
        // A name with a space: one error, not a `:` assumed before its second word.
        #expect(lines.first == 4)
        // The test without `vid` is told so although another of its lines is unreadable.
        #expect(errors[1].message.contains("anger inte när det prövas"))
        // The unknown name: at its first use in the file (the test), the note at the next one.
        #expect(lines[3] == 14)
        #expect(errors[3].notes.map(\.message) == ["`anordnre` används också här och på ett ställe till"])
        #expect(errors[3].notes.map { file.location(of: $0.span.start).line } == [19])
        // `kg` is no safe guess of a unit (`kr` is as close as any): no unit is assumed. (`ar`
        // is: it is `år` without its ring, see `ForgottenWordTests`.)
        #expect(errors[4].hint?.contains("ett antal skrivs utan enhet") == true, "\(errors[4].hint ?? "")")
    }

    /// An unknown name used again is one error whose note shows the second use and counts the rest.
    @Test func anUnknownNameUsedManyTimesIsOneErrorWithTheRestCounted() throws {
        let errors = Self.errors(try Self.shipped(changing: "reglemente-31.kundval", line: "  anordnare: Anordnare",
                                                  to: "  anordnaren: Anordnare"))
        let first = try #require(errors.first { $0.code == .unknownName })
        #expect(first.hint == "menade du `anordnaren`?")
        let note = try #require(first.notes.first?.message)
        #expect(note.hasPrefix("`anordnare` används också här och på "), "\(note)")
        #expect(note.hasSuffix(" ställen till"), "\(note)")
    }

    /// A field misspelled where it is declared is one error too, however often it is read, in
    /// expressions and in tests' `med` lines alike (it gave one error per use, 52 for 000's
    /// `verksamhetsansvarig`; found by a hostile-input session). Another field, or the same
    /// name in another record, is an error of its own.
    @Test func aMissingFieldUsedManyTimesIsOneError() throws {
        let errors = Self.errors(try Self.shipped(changing: "oppenvard-000.kundval", line: "  verksamhetsansvarig: Verksamhetsansvarig",
                                                  to: "  verksamhetsansvarg: Verksamhetsansvarig"))
        let fields = errors.filter { $0.code == .unknownField }
        #expect(fields.count == 1, "\(fields.map(\.message))")
        #expect(fields.first?.message == "`Anordnare` har inget fält `verksamhetsansvarig`")
        let note = try #require(fields.first?.notes.first?.message)
        #expect(note.hasPrefix("`verksamhetsansvarig` används också här och på "), "\(note)")
        #expect(errors.count == 1, "\(errors.map(\.message))")
    }
}
