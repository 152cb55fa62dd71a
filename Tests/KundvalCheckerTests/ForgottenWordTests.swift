import Foundation
import KundvalChecker
import KundvalDiagnostics
import Testing

/// One mistake, one error, for what an author writing a new kundval from the guide forgot or
/// wrote as in prose: `utökas`, a text's closing `"""`, a unit after a count, `saknas` for an
/// unknown value, a share compared with a percentage. Each was several errors, or one far from
/// the mistake, or one without a hint.
@Suite struct ForgottenWordTests {
    @Test func aReglementeTypeDeclaredAgainWithoutUtökasIsOneError() throws {
        // Before: one error, then one for every use of a field the declaration added (17 in the
        // author's file).
        let errors = try MisspelledWordTests.errors(in: "oppenvard-000.kundval", replacing: "\ntyp Anordnare utökas\n",
                                                    with: "\ntyp Anordnare\n")
        #expect(errors.map(\.code) == [.duplicateDeclaration], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "lägg till fält med `typ Anordnare utökas`")
    }

    @Test func aTextWithoutItsClosingDelimiterIsOneErrorAtItsStart() throws {
        // Remove the first closing `"""` of 000: before, the text ran on to the next text's
        // opening `"""`, and the errors came lines later, in the next condition.
        let path = CascadeTests.conditions.appendingPathComponent("oppenvard-000.kundval")
        let text = try String(contentsOf: path, encoding: .utf8)
        let opening = try #require(text.range(of: "  lydelse \"\"\"\n"))
        let closing = try #require(text.range(of: "\"\"\"\n", range: opening.upperBound..<text.endIndex))
        var lineStart = closing.lowerBound
        while lineStart > text.startIndex, text[text.index(before: lineStart)] != "\n" { lineStart = text.index(before: lineStart) }
        let broken = String(text[..<lineStart]) + String(text[closing.upperBound...])
        let files = try CascadeTests.shipped().map { $0.path == "oppenvard-000.kundval" ? SourceFile(path: $0.path, bytes: Array(broken.utf8)) : $0 }
        let errors = CascadeTests.errors(files)
        #expect(errors.map(\.code) == [.unterminatedText], "\(errors.map(\.message))")
        let openingLine = text[..<opening.lowerBound].filter { $0 == "\n" }.count + 1
        let file = try #require(files.first { $0.path == "oppenvard-000.kundval" })
        #expect(errors.first.map { file.location(of: $0.span.start).line } == openingLine)
        #expect(errors.first?.hint?.contains("före rad") == true, "\(errors.first?.hint ?? "")")
    }

    @Test func aTextWhoseLinesAreProseStaysAText() {
        // A text may hold a line at its clause's indentation that begins with a clause word as
        // prose (`vid kanten`); only code (`vid brist:`, `kräver …`) ends a text without `"""`.
        let text = MisspelledWordTests.small(field: "", test: "")
            .replacingOccurrences(of: "villkor 1 \"Namn\"\n", with: "villkor 1 \"Namn\"\n  lydelse \"\"\"\n  Texten står\n  vid kanten.\n  \"\"\"\n")
        #expect(MisspelledWordTests.errors(of: text).isEmpty)
    }

    @Test func wordsAfterACountAndSaknasAndPercentagesGetHints() throws {
        let unit = try MisspelledWordTests.errors(in: "reglemente-31.kundval", replacing: "  kräver inte anordnare.dömd_för_brott_i_yrkesutövningen",
                                                  with: "  kräver antal p i anordnare.personer >= 1 personer")
        #expect(unit.map(\.code) == [.unknownClause], "\(unit.map(\.message))")
        #expect(unit.first?.hint?.hasPrefix("`personer` är ingen enhet") == true, "\(unit.first?.hint ?? "")")
        let missing = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "", test: "  med anordnare.namn = saknas"))
        #expect(missing.first?.hint?.contains("skrivs `okänt`") == true, "\(missing.map(\.message))")
        let share = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "a: heltal\n  b: heltal", requiring: "anordnare.a / anordnare.b >= 50 %"))
        #expect(share.first?.hint?.contains("`0,5`") == true, "\(share.map(\.message))")
    }
}

extension ForgottenWordTests {
    /// A unit typed without å, ä or ö, or written out as a document writes it, is one error
    /// that names the unit to write, and the number is read with it (a policy author's walk:
    /// `2 ar` said `ar` is no clause and hinted `2 månader`, `kronor` and `SEK` said no clause,
    /// and `14 dagr` suggested the singular `dag`).
    @Test(arguments: [
        ("b: månader", ">= 2 ar", "år"), ("b: månader", ">= 3 manad", "månad"), ("b: månader", ">= 14 manader", "månader"),
        ("b: belopp", ">= 1000 kronor", "kr"), ("b: belopp", ">= 1000 SEK", "kr"), ("b: dagar", ">= 14 dagr", "dagar"),
        ("b: dagar", ">= 2 veckr", "veckor"), ("b: heltal", ">= 180 högskolepoäng", "hp"),
    ])
    func aUnitWrittenAsPeopleWriteItNamesTheUnit(field: String, comparison: String, unit: String) {
        let text = MisspelledWordTests.small(field: field, requiring: "anordnare.b \(comparison)")
        let errors = MisspelledWordTests.errors(of: text)
        // The type of the number is its unit's: a plain count compared with `hp` is refused too.
        let expected: [DiagnosticCode] = field == "b: heltal" ? [.incomparableValues, .expectedToken] : [.expectedToken]
        #expect(errors.map(\.code) == expected, "\(errors.map(\.message))")
        #expect(errors.last?.hint == "menade du `\(unit)`?", "\(errors.map(\.hint))")
    }

    /// A sub-condition numbered with a decimal comma, as Swedish text writes numbers, is one
    /// error that reads it as the number (the tests that name `10.1` were an error each), and a
    /// kundval's sub-condition under a main number the reglemente lacks is told the reglemente's
    /// numbers (its hint was to add the main condition, which a kundval cannot). A policy
    /// author's walk.
    @Test func conditionNumbersAsAuthorsWriteThem() throws {
        let comma = try MisspelledWordTests.errors(in: "arbete-etablering-002.kundval", replacing: "\nvillkor 10.1 \"Etablerad verksamhet\"",
                                                   with: "\nvillkor 10,1 \"Etablerad verksamhet\"")
        #expect(comma.map(\.code) == [.expectedToken], "\(comma.map(\.message))")
        #expect(comma.first?.message == "`10,1` är inget villkorsnummer")
        #expect(comma.first?.hint == "ett undervillkors nummer skrivs med punkt: `10.1`")
        let orphan = try MisspelledWordTests.errors(in: "arbete-etablering-002.kundval", replacing: "\nvillkor 10.1 \"Etablerad verksamhet\"",
                                                    with: "\nvillkor 32.1 \"Etablerad verksamhet\"")
        #expect(orphan.first?.code == .orphanSubCondition, "\(orphan.map(\.message))")
        #expect(orphan.first?.hint == "ett undervillkor i ett kundval hänger under ett av reglementets villkor, 1–31; kontrollera numret")
    }

    /// A clause word typed without its `ä` and cut short (`krav` for `kräver`) gets its
    /// "menade du", and a date written in quotes as JSON writes it is told to drop them.
    @Test func wordsAndDatesAsAuthorsWriteThem() throws {
        let clause = try MisspelledWordTests.errors(in: "reglemente-31.kundval", replacing: "  kräver inte anordnare.dömd_för_brott_i_yrkesutövningen",
                                                    with: "  krav inte anordnare.dömd_för_brott_i_yrkesutövningen")
        #expect(clause.map(\.code) == [.unknownClause], "\(clause.map(\.message))")
        #expect(clause.first?.hint == "menade du `kräver`?")
        let quoted = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "start: datum", requiring: "anordnare.start >= \"2025-01-16\""))
        #expect(quoted.first?.hint == "ett datum skrivs utan citattecken i regelfilen: `2025-01-16`", "\(quoted.map(\.message))")
        let override = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "start: datum kan saknas",
                                                                                test: "  med anordnare.start = \"2025-01-16\""))
        #expect(override.first?.hint == "ett datum skrivs utan citattecken i regelfilen: `2025-01-16`", "\(override.map(\.message))")
    }

    /// A number written as a word, as documents write ages (`högst sex månader gammalt`), is one
    /// error read as the number (it was "väntade `annars` men fann `högst`" inside an `om`, or a
    /// type error and an unknown clause); a count written as a word and a field written without
    /// its fact get hints (a policy author's walk).
    @Test func numbersAsWordsAndFieldsWithoutTheirFact() throws {
        let age = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "intyg: Intyg\ntyp Intyg\n  utfärdat: datum",
            requiring: "om anordnare.namn = \"AB\" så anordnare.intyg högst sex månader gammalt annars ja"))
        #expect(age.map(\.code) == [.expectedToken], "\(age.map(\.message))")
        #expect(age.first?.message == "talet `sex` skrivs med siffror i regelfilen" && age.first?.hint == "skriv `6`")
        let count = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "mängd: heltal", requiring: "anordnare.mängd >= tre"))
        #expect(count.map(\.code) == [.unknownName] && count.first?.hint == "skriv talet med siffror: `3`", "\(count.map { "\($0.code) \($0.message) \($0.hint ?? "")" })")
        let field = MisspelledWordTests.errors(of: MisspelledWordTests.small(field: "godkänd_för_f_skatt: ja/nej", requiring: "godkand_for_f_skatt"))
        #expect(field.first?.hint == "menade du `anordnare.godkänd_för_f_skatt`?", "\(field.map(\.hint))")
    }

    /// In a list of condition numbers, `1,2` is two numbers without the space after their
    /// comma: one error naming both readings, read as the two (it was also a condition 1.2
    /// that does not exist); an amount in a list with its comma missing names both readings.
    @Test func numbersInListsAsAuthorsWriteThem() throws {
        let text = """
            reglemente "R" version "1"
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            bedömning prövning
              vid brist: ej godkänd auktorisation
              granskar villkor 1,2
            typ Anordnare
              a: ja/nej
              b: ja/nej
            fakta
              anordnare: Anordnare
            definition lista: lista av heltal = [100 200, 300]
            villkor 1 "A"
              kräver anordnare.a
            villkor 2 "B"
              kräver anordnare.b
            test "t"
              vid ansökan 2025-03-01
              med anordnare.a = nej
              med anordnare.b = nej
              förväntas ej godkänd med brist i villkor 1,2

            """
        let errors = MisspelledWordTests.errors(of: text)
        #expect(errors.map(\.code) == [.expectedToken, .digitGroups, .expectedToken], "\(errors.map(\.message))")
        #expect(errors.first?.hint == "flera villkor skiljs med komma och mellanslag, `1, 2`; ett undervillkor skrivs med punkt, `1.2`")
        #expect(errors[1].hint == "skriv `100200`, eller `100, 200` om det är flera värden")
    }

    /// Completion lists condition numbers as they are read (it sorted them as text: 1, 10, 11,
    /// …, 2), and names with numbers in them likewise.
    @Test func numbersAreListedAsTheyAreRead() {
        let numbers = ["10", "2", "10.1", "1", "16.8.4", "16.8", "11", "10.2", "3.10", "3.9", "fai_10", "fai_2", "a", "01"]
        #expect(numbers.sorted(by: Suggestion.naturallyPrecedes)
                == ["01", "1", "2", "3.9", "3.10", "10", "10.1", "10.2", "11", "16.8", "16.8.4", "a", "fai_2", "fai_10"])
        #expect(!Suggestion.naturallyPrecedes("2", "2") && Suggestion.naturallyPrecedes("1", "01") == false)
    }

    /// A word after a number that is no unit keeps the error it had: a short word is no safe
    /// guess unless it is a unit without its å, ä or ö.
    @Test func aShortWordAfterANumberIsNoUnitGuess() {
        let text = MisspelledWordTests.small(field: "b: heltal", requiring: "anordnare.b >= 2 kg")
        let errors = MisspelledWordTests.errors(of: text)
        #expect(errors.map(\.code) == [.unknownClause], "\(errors.map(\.message))")
    }

    @Test func aHeadingOnARefiningConditionIsAWarning() throws {
        // An author's `villkor 6 "Kreditupplysning"` passed without a word, and the heading
        // was shown nowhere (the row is the general condition's, with its heading).
        let result = Checker.check(try CascadeTests.shipped(changing: "oppenvard-000.kundval") { bytes in
            Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\nvillkor 11\n", with: "\nvillkor 11 \"Underleverantörer\"\n").utf8)
        })
        let diagnostics = result.files.flatMap(\.diagnostics)
        #expect(diagnostics.map(\.code) == [.refinedConditionTitle], "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.hint?.contains("`villkor 11.1 \"Underleverantörer\"`") == true)
        // The reglemente's own heading: nothing to warn about.
        let same = Checker.check(try CascadeTests.shipped(changing: "oppenvard-000.kundval") { bytes in
            Array(String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: "\nvillkor 11\n", with: "\nvillkor 11 \"Överlåtelse och ägarbyte\"\n").utf8)
        })
        #expect(same.files.flatMap(\.diagnostics).isEmpty)
    }
}

extension ForgottenWordTests {
    /// A text opened with `"""` in a rule file of its own; `lines` are its lines as written.
    static func text(_ lines: String) -> String {
        "reglemente \"R\"\nfakta\n  a: ja/nej\nvillkor 1 \"A\"\n  lydelse \"\"\"\n" + lines + "\n  kräver a\n"
    }

    @Test func textsThatAreClosedAreNeverCutWhateverTheirLinesSay() {
        // A reviewer's cases, each valid before the change and cut by its first version: prose
        // lines that begin as a clause or a declaration does, at the clause's indent or flush left.
        let valid = [
            "  Intyg ska lämnas\n  vid ansökan och därefter årligen.\n  \"\"\"",
            "  Nämnden kan besluta om sanktioner\n  vid bristande efterlevnad av villkoren.\n  \"\"\"",
            "Anordnaren ska redovisa vilken\ntyp av verksamhet som bedrivs och lämna\nunderlag som visar detta.\n\"\"\"",
            "Bestämmelserna i\nvillkor 13 gäller även underleverantörer.\n\"\"\"",
            "Anordnaren ska till\nexempel redovisa vilka\n\"\"\"",
            "  kräver anordnaren att\n  vid brist: rätta\n  \"\"\"",
        ]
        for lines in valid {
            let errors = MisspelledWordTests.errors(of: Self.text(lines))
            #expect(errors.isEmpty, "\(lines): \(errors.map(\.message))")
        }
    }

    @Test func aTextWithoutItsClosingDelimiterBeforeADeclarationIsOneError() throws {
        // The reviewer's case in 002: without the `"""` before `villkor 15.1`, the declaration's
        // first word did not start a line and its clauses joined the condition before (three
        // errors, the last 2,200 lines away).
        let path = CascadeTests.conditions.appendingPathComponent("arbete-etablering-002.kundval")
        let text = try String(contentsOf: path, encoding: .utf8)
        let before = try #require(text.range(of: "    \"\"\"\n\nvillkor 15.1 "))
        let broken = text.replacingCharacters(in: before.lowerBound..<text.index(before.lowerBound, offsetBy: 8), with: "")
        let files = try CascadeTests.shipped().map {
            $0.path == "arbete-etablering-002.kundval" ? SourceFile(path: $0.path, bytes: Array(broken.utf8)) : $0
        }
        let errors = CascadeTests.errors(files)
        #expect(errors.map(\.code) == [.unterminatedText], "\(errors.map(\.message))")
        // And the smallest case: one line of text, then a declaration.
        let small = MisspelledWordTests.errors(of: "reglemente \"R\"\nfakta\n  a: ja/nej\nvillkor 1 \"A\"\n  lydelse \"\"\"\n    text\nvillkor 2 \"B\"\n  kräver a\n")
        #expect(small.map(\.code) == [.unterminatedText], "\(small.map(\.message))")
    }

    @Test func headingsThatTheRowShowsAreNotWarnedAbout() {
        let reglemente = """
            reglemente "R" version "1"
            fakta
              a: ja/nej
            villkor 1 "Första raden"
              kräver a
            villkor 1 "Andra raden"
              kräver a
            villkor 2 "Två"
            villkor 3 "Tre"
            villkor 4 "Fyra"
            villkor 5

            """
        let kundval = """
            kundval "K"
              enligt reglemente "R" version "1"
            villkor 1 "Första raden"
              kräver a
            villkor 2–4 "Samlad"
              kräver a
            villkor 5 "Egen rubrik"
              kräver a

            """
        let diagnostics = Checker.check([SourceFile(path: "r.kundval", bytes: Array(reglemente.utf8)),
                                         SourceFile(path: "k.kundval", bytes: Array(kundval.utf8))]).files.flatMap(\.diagnostics)
        // Row 1 is stated twice in the reglemente (headings tell them apart); 5 has no heading
        // there, so the kundval's is shown; the range is one warning, at its first number.
        #expect(diagnostics.map(\.code) == [.refinedConditionTitle], "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.message == "rubriken visas inte: villkor 2 har reglementets rubrik ”Två”")
    }
}
