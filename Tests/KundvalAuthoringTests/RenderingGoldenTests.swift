import Foundation
import KundvalAuthoring
import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import Testing

/// A tiny hand-made reglemente and kundval (`Golden/Rendering/liten-*.kundval`): the page's
/// body must equal `Golden/Rendering/liten.html`. `UPDATE_GOLDEN=1` rewrites it. The two files
/// hold a merged row (general wording, specific clarification), a sub-condition that takes
/// over its parent's control points, a control point with its own consequence, a document with
/// a maximum age, a choice of steps, `i förekommande fall`, a service, a sanction policy with
/// its table, a ground for de-authorization, a definition, and text that must be escaped.
@Suite struct RenderingGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/Rendering")

    static func sources() throws -> [SourceFile] {
        try ["liten-reglemente.kundval", "liten-kundval.kundval"].map { name in
            SourceFile(path: "liten/" + name, bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// The page of the tiny kundval.
    static func page() throws -> String {
        let sources = try sources()
        let rules = try RuleSet.compile(sources).get()
        let renderer = DocumentRenderer(program: rules.program, sources: sources)
        let index = try #require(renderer.documentIndex(path: "liten/liten-kundval.kundval"))
        return try #require(renderer.render(documentAt: index))
    }

    @Test func bodyMatchesGolden() throws {
        let html = try Self.page()
        // The body: the stylesheet is checked on its own, so that a change of style is not a
        // change of every golden.
        let body = try #require(html.range(of: "<body>")).lowerBound
        let actual = String(html[body...])
        let url = Self.folder.appendingPathComponent("liten.html")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try Data(actual.utf8).write(to: url)
        }
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(actual == expected)
    }

    @Test func textFromTheFilesIsEscaped() throws {
        let html = try Self.page()
        let page = try PageTreeReader.read(html).get()
        #expect(page.all("script").isEmpty)
        // The texts read back as written, `<`, `&` and quotes included.
        let committee = try #require(page.all("dd").first)
        #expect(committee.text == "Nämnden för <små> & \"stora\" frågor")
        #expect(page.all { $0.hasClass("anmarkning") }.first?.text.contains("<script>alert(1)</script>") == true)
        #expect(page.all { $0.hasClass("titel") }.map(\.text).contains("Intyg & <bevis>"))
        #expect(!html.contains("<bevis>") && !html.contains("<små>"))
    }

    @Test func mergedRowHasBothPartsAndTheirLines() throws {
        let page = try PageTreeReader.read(try Self.page()).get()
        let row = try #require(page.all { $0.attributes["id"] == "villkor-1" }.first)
        #expect(row.attributes["data-generell"] == "liten/liten-reglemente.kundval:25")
        #expect(row.attributes["data-specifik"] == "liten/liten-kundval.kundval:25")
        let parts = row.all { $0.hasClass("del") }
        #expect(parts.map { $0.attributes["data-fil"] ?? "" } == ["liten/liten-reglemente.kundval:25", "liten/liten-kundval.kundval:25"])
        #expect(parts.first?.text.contains("Anordnaren får inte vara i konkurs.") == true)
        #expect(parts.last?.text.contains("Konkurs prövas hos Bolagsverket & Kronofogden.") == true)
        // 2.1 has no control point of its own: those of 2 apply, as evaluation takes them over.
        let sub = try #require(page.all { $0.attributes["id"] == "villkor-2.1" }.first)
        #expect(sub.children[1].text.trimmingCharacters(in: .whitespacesAndNewlines) == "Underlaget för villkor 2 gäller.")
        #expect(sub.children[2].text.contains("Sanktion, en av: varning, vite"))
    }

    @Test func aReglementeRendersOnItsOwn() throws {
        let sources = try Self.sources()
        let rules = try RuleSet.compile(sources).get()
        let renderer = DocumentRenderer(program: rules.program, sources: sources)
        let index = try #require(renderer.documentIndex(path: "liten/liten-reglemente.kundval"))
        let html = try #require(renderer.render(documentAt: index))
        let page = try PageTreeReader.read(html).get()
        let rows = page.all { $0.name == "tr" && $0.hasClass("villkor") }
        #expect(rows.map { $0.attributes["id"] ?? "" } == ["villkor-1", "villkor-2"])
        #expect(rows.allSatisfy { $0.attributes["data-specifik"] == nil && $0.attributes["data-generell"] != nil })
        #expect(page.all("dd").map(\.text) == ["kommunfullmäktige", "2 villkor", "2025-01-15"])
        #expect(renderer.render(documentAt: 99) == nil)
    }

    /// A number the reglemente states twice (two rows with their own headings) is one condition
    /// of two parts: the row shows both (the rows come from the checker's conditions in force).
    @Test func aNumberStatedTwiceShowsBothParts() throws {
        let sources = [
            SourceFile(path: "r.kundval", text: """
                reglemente "R"
                fakta
                  a: ja/nej
                  b: ja/nej
                villkor 1 "Första raden"
                  lydelse "Den första texten."
                  kräver a
                villkor 1 "Andra raden"
                  lydelse "Den andra texten."
                  kräver b
                """),
            SourceFile(path: "k.kundval", text: "kundval \"K\"\n  enligt reglemente \"R\"\n"),
        ]
        let rules = try RuleSet.compile(sources).get()
        let renderer = DocumentRenderer(program: rules.program, sources: sources)
        let index = try #require(renderer.documentIndex(path: "k.kundval"))
        let html = try #require(renderer.render(documentAt: index))
        let page = try PageTreeReader.read(html).get()
        let row = try #require(page.all { $0.attributes["id"] == "villkor-1" }.first)
        let parts = row.all { $0.hasClass("del") }
        #expect(parts.count == 2)
        #expect(parts.first?.text.contains("Den första texten.") == true)
        #expect(parts.last?.text.contains("Den andra texten.") == true)
    }
}
