import Foundation
import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax
import Testing

/// One mistake, one error, for a misspelled word in a shipped rule file. A word at the start
/// of a line that misspells a declaration word (`vilkor`, `typp`, `reglemnte`) is reported once
/// and read as the word it misspells, so the names its declaration makes exist and nothing after
/// it is reported again; before, the declaration's lines were read as clauses of the one before
/// it (two to three errors each, found by a newcomer's walk through the README).
@Suite struct MisspelledWordTests {
    /// The errors of the shipped files with `old` replaced by `new` (once) in `name`.
    static func errors(in name: String, replacing old: String, with new: String) throws -> [Diagnostic] {
        var replaced = false
        let files = try CascadeTests.shipped(changing: name) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let range = text.range(of: old) else { return bytes }
            replaced = true
            return Array(text.replacingCharacters(in: range, with: new).utf8)
        }
        #expect(replaced, "`\(old)` is not in \(name)")
        return CascadeTests.errors(files)
    }

    @Test func aMisspelledConditionWordIsOneErrorAndStillACondition() throws {
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "\nvillkor 2 \"Dom för brott\"",
                                     with: "\nvilkor 2 \"Dom för brott\"")
        #expect(errors.map(\.code) == [.unknownDeclaration], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "menade du `villkor`?")
    }

    @Test func aMisspelledTypeWordIsOneErrorAndTheTypeExists() throws {
        // Before: the type's fields were read into the declaration before it, and every use of
        // the type (`Person` in `lista av Person`) was an error of its own.
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "\ntyp Person\n", with: "\ntypp Person\n")
        #expect(errors.map(\.code) == [.unknownDeclaration], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "menade du `typ`?")
    }

    @Test func aMisspelledHeaderWordIsOneError() throws {
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "reglemente \"Reglemente för kundval\"",
                                     with: "reglemnte \"Reglemente för kundval\"")
        #expect(errors.map(\.code) == [.missingHeader], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "menade du `reglemente`?")
    }

    @Test func aMisspelledYesNoTypeIsOneErrorAndStillYesNo() throws {
        // Before: `typen jaa finns inte`, then `/` unexpected; a condition reading the field as
        // a truth would have been a third.
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "  i_konkurs: ja/nej", with: "  i_konkurs: jaa/nej")
        #expect(errors.map(\.code) == [.expectedToken], "\(errors.map(\.message))")
        #expect(errors.first?.message == "`jaa/nej` är ingen typ")
        #expect(errors.first?.hint == "menade du `ja/nej`?")
        let short = try Self.errors(in: "reglemente-31.kundval", replacing: "  i_konkurs: ja/nej", with: "  i_konkurs: ja/ne")
        #expect(short.map(\.code) == [.expectedToken], "\(short.map(\.message))")
        // The field is read as `ja/nej` (a field of an unknown type would not cascade either).
        for written in ["jaa/nej", "ja/ne"] {
            let text = Self.small(field: "i_konkurs: \(written)")
            let parsed = Parser.parse(SourceFile(path: "r.kundval", bytes: Array(text.utf8)))
            let fields = parsed.syntax.declarations.compactMap { declaration -> [FieldDecl]? in
                guard case .type(let type) = declaration, case .record(let fields) = type.body else { return nil }
                return fields
            }.joined()
            #expect(fields.first { $0.name.name == "i_konkurs" }?.type.kind == .boolean, "\(written)")
        }
    }

    /// A small reglemente whose `Anordnare` has `field` beside `namn: text`, and whose test has
    /// `test` among its lines.
    static func small(field: String, test: String = "") -> String {
        """
        reglemente "R"
          version "1"
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        typ Anordnare
          namn: text
          \(field)
        fakta
          anordnare: Anordnare
        villkor 1 "Namn"
          kräver anordnare.namn = "AB"
        exempel bra = { anordnare: { namn: "AB" } }
        test "godkänd"
          vid ansökan 2025-03-01
          utgår från bra
        \(test)
          förväntas godkänd
        """
    }

    /// ``small(field:test:)`` whose condition requires `requirement` instead.
    static func small(field: String, requiring requirement: String) -> String {
        small(field: field).replacingOccurrences(of: "  kräver anordnare.namn = \"AB\"", with: "  kräver " + requirement)
    }

    static func errors(of text: String) -> [Diagnostic] {
        CascadeTests.errors([SourceFile(path: "r.kundval", bytes: Array(text.utf8))])
    }

    @Test func wordsCloseToDeclarationWordsInsideDeclarationsStayWhatTheyWere() {
        // A reviewer's cases: a field without `:` and a test line without `med`, each one error
        // as before (read as misspelled declarations they were four and five), and a type with
        // `/` that is no `ja/nej`, which keeps its one error and is not read as `ja/nej`.
        let field = Self.errors(of: Self.small(field: "insatser lista av text"))
        #expect(field.map(\.code) == [.expectedToken], "\(field.map(\.message))")
        #expect(field.first?.message == "väntade `:` men fann `lista`")
        for name in ["text", "faktura", "tester", "kund", "bed"] {
            let errors = Self.errors(of: Self.small(field: "\(name) heltal"))
            #expect(errors.map(\.code) == [.expectedToken], "\(name): \(errors.map(\.message))")
        }
        let test = Self.errors(of: Self.small(field: "", test: "  insatser = [1]"))
        #expect(test.map(\.code) == [.unknownClause], "\(test.map(\.message))")
        let slashed = Self.errors(of: Self.small(field: "timpris: belopp/timme"))
        #expect(slashed.count == 1 && slashed.first?.message.contains("ja/nej") == false, "\(slashed.map(\.message))")
    }

    @Test func aClauseWordCutShortIsSuggested() throws {
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "  kräver inte anordnare.dömd_för_brott_i_yrkesutövningen",
                                     with: "  kräv inte anordnare.dömd_för_brott_i_yrkesutövningen")
        #expect(errors.map(\.code) == [.unknownClause], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "menade du `kräver`?")
    }

    @Test func aMisspelledFactTypeIsOneError() throws {
        // Before: each test that changed a field of the fact added "`okänd typ` har inga fält".
        let errors = try Self.errors(in: "reglemente-31.kundval", replacing: "  anordnare: Anordnare", with: "  anordnare: Anordnre")
        #expect(errors.map(\.code) == [.unknownType], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "menade du `Anordnare`?")
    }

    @Test func anInlineExampleWrittenWithFromIsOneError() {
        // Before: the example was lost, and each test based on it added an error of its own.
        let text = """
            reglemente "R"
              version "1"
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            typ Anordnare
              har_f_skatt: ja/nej
            fakta
              anordnare: Anordnare
            villkor 1 "F-skatt"
              kräver anordnare.har_f_skatt
            exempel bra från { anordnare: { har_f_skatt: ja } }
            test "godkänd"
              vid ansökan 2025-03-01
              utgår från bra
              förväntas godkänd
            test "inte godkänd"
              vid ansökan 2025-03-01
              utgår från bra
              med anordnare.har_f_skatt = nej
              förväntas ej godkänd
            """
        let errors = CascadeTests.errors([SourceFile(path: "r.kundval", bytes: Array(text.utf8))])
        #expect(errors.map(\.code) == [.expectedToken], "\(errors.map(\.message))")
        #expect(errors.first?.hint?.contains("exempel bra = { … }") == true, "\(errors.first?.hint ?? "")")
    }

    @Test func aDateMovedByANumberWithoutUnitSaysToWriteTheUnit() throws {
        let errors = try Self.errors(in: "arbete-etablering-002.kundval", replacing: "anordnare.avveckling_meddelad + 6 månader",
                                     with: "anordnare.avveckling_meddelad + 6")
        #expect(errors.map(\.code) == [.invalidOperands], "\(errors.map(\.message))")
        #expect(errors.first?.hint?.contains("`5 dagar`") == true, "\(errors.first?.hint ?? "")")
    }

    @Test func aWordCutShortIsSuggestedOnlyWhenOneCandidateBeginsWithIt() {
        #expect(Suggestion.closest(to: "kräv", among: ["kräver", "villkor"]) == "kräver")
        // At least half the candidate: `tid` is no hint of a long name that begins with it.
        #expect(Suggestion.closest(to: "förtyd", among: ["förtydligande", "förekommer"]) == nil)
        #expect(Suggestion.closest(to: "tid", among: ["tidigare_avauktoriserad_för_brist"]) == nil)
        #expect(Suggestion.closest(to: "för", among: ["förtydligande", "förekommer"]) == nil)
        #expect(Suggestion.closest(to: "kr", among: ["kräver"]) == nil)
        #expect(Suggestion.closest(to: "xyz", among: ["typ", "test"]) == nil)
    }
}
