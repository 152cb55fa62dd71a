import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax
import Testing

/// The shipped rule files check clean, and deliberately broken copies of them give the expected
/// error at the right line and column.
@Suite struct ShippedConditionsCheckTests {
    static let reglementePath = "conditions/reglemente-31.kundval"

    static func reglemente() throws -> SourceFile {
        SourceFile(path: reglementePath, text: try Fixtures.text(reglementePath))
    }

    @Test func shippedConditionsCheckClean() throws {
        let result = Checker.check([try Self.reglemente()])
        #expect(result.errorCount == 0 && result.warningCount == 0, "\(Fixtures.render(result))")
        let document = try #require(result.program?.documents.first)
        #expect(document.conditions.count == 31)
        #expect(document.facts.map(\.name) == ["anordnare"])
        // Every requirement is typed `ja/nej`, possibly unknown.
        for condition in document.conditions {
            for requirement in condition.requirements {
                #expect(requirement.body.expression.type.unwrapped == .boolean, "villkor \(condition.number)")
            }
        }
    }

    /// A kundval written against the shipped reglemente, with one mistake per case.
    static let kundvalHeader = """
        kundval "Öppenvårdsinsatser för personer med skadligt bruk och beroende"
          nämnd "Socialnämnden"
          enligt reglemente "Reglemente för kundval" version "31 villkor"

        typ Anordnare utökas
          månadsersättning: belopp

        """

    struct Breakage: Sendable, CustomStringConvertible {
        let name: String
        /// Text replaced in the reglemente (or `nil`), and text appended to the kundval.
        let reglementeEdit: (old: String, new: String)?
        let kundval: String
        let code: DiagnosticCode
        /// The text whose first occurrence (in the edited file) the diagnostic must point at.
        let marker: String
        let file: String
        var description: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "felstavat faktum",
                 reglementeEdit: ("kräver anordnare.fullgjort_socialförsäkringsavgifter_och_skatt",
                                  "kräver anordnare.fullgjort_socialforsakringsavgifter_och_skatt"),
                 kundval: "", code: .unknownField, marker: "fullgjort_socialforsakringsavgifter_och_skatt", file: "reglemente"),
        Breakage(name: "belopp jämfört med procent", reglementeEdit: nil,
                 kundval: "villkor 6\n  kräver anordnare.månadsersättning >= 5 %\n",
                 code: .incomparableValues, marker: "anordnare.månadsersättning >= 5 %", file: "kundval"),
        Breakage(name: "preciserar ett villkor som reglementet saknar", reglementeEdit: nil,
                 kundval: "villkor 32 \"Lokaler\"\n  kräver anordnare.erforderliga_tillstånd\n",
                 code: .unknownGeneralCondition, marker: "32", file: "kundval"),
        Breakage(name: "stänger av ett obligatoriskt villkor", reglementeEdit: nil,
                 kundval: "villkor 9 förekommer inte i detta kundval\nvillkor 19 förekommer inte i detta kundval\n",
                 code: .mandatoryConditionSwitchedOff, marker: "9 förekommer", file: "kundval"),
        Breakage(name: "lucka i sanktionstabellen", reglementeEdit: nil,
                 kundval: """
                     typ Påverkan: en av osannolik, risk, drabbat
                     tabell val_av_sanktion(påverkan: Påverkan, upprepad: ja/nej): Sanktion
                       | osannolik | -   | åtgärdsplan     |
                       | risk      | nej | varning         |
                       | drabbat   | -   | avauktorisation |

                     """,
                 code: .tableGap, marker: "val_av_sanktion", file: "kundval"),
        Breakage(name: "cirkel av definitioner", reglementeEdit: nil,
                 kundval: """
                     definition vite(veckor: heltal): belopp = veckovite * veckor
                     definition veckovite: belopp = vite(4) / 4

                     """,
                 code: .definitionCycle, marker: "vite(veckor", file: "kundval"),
    ]

    @Test(arguments: breakages)
    func brokenCopyGivesTheExpectedErrorAtTheRightPlace(_ breakage: Breakage) throws {
        var reglementeText = try Fixtures.text(Self.reglementePath)
        if let edit = breakage.reglementeEdit {
            #expect(reglementeText.contains(edit.old))
            reglementeText = reglementeText.replacingOccurrences(of: edit.old, with: edit.new)
        }
        let kundvalText = Self.kundvalHeader + breakage.kundval
        let reglemente = SourceFile(path: "reglemente-31.kundval", text: reglementeText)
        let kundval = SourceFile(path: "oppenvard.kundval", text: kundvalText)
        let result = Checker.check([reglemente, kundval])
        let file = breakage.file == "kundval" ? kundval : reglemente
        let text = breakage.file == "kundval" ? kundvalText : reglementeText
        let errors = result.files.flatMap { $0.diagnostics.filter { $0.severity == .error } }
        #expect(errors.map(\.code) == [breakage.code], "\(Fixtures.render(result))")
        let range = try #require(text.range(of: breakage.marker))
        let expected = file.location(of: text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound))
        let diagnostic = try #require(result.files.first { $0.file.path == file.path }?.diagnostics.first)
        #expect(file.location(of: diagnostic.span.start) == expected)
        #expect(result.program == nil)
    }

    @Test func switchingOffAConditionThatAppliesWhereRelevantIsAllowed() throws {
        let kundval = SourceFile(path: "oppenvard.kundval", text: Self.kundvalHeader + "villkor 19 förekommer inte i detta kundval\n")
        let result = Checker.check([try Self.reglemente(), kundval])
        #expect(result.errorCount == 0, "\(Fixtures.render(result))")
        let program = try #require(result.program)
        #expect(program.documents.map(\.kind) == [.reglemente, .kundval])
        #expect(program.documents[1].reglemente == 0)
        #expect(program.documents[1].conditions.first?.isSwitchedOff == true)
        #expect(program.documents[1].records["Anordnare"]?.fieldIndex("månadsersättning") != nil)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
