import Foundation
import KundvalAuthoring
import KundvalChecker
import KundvalDiagnostics
import KundvalRuntime
import KundvalSyntax
import Testing

/// The official documents rendered from the shipped rules (issue 17): öppenvård (000) and
/// arbete och etablering (002), read back as XML and checked row by row against the checked
/// documents and their files.
@Suite struct RenderingShippedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shipped = Result { () throws -> (RuleSet, [SourceFile]) in
        let sources = try Engine.readFolder(root.appendingPathComponent("conditions").path)
        return (try RuleSet.compile(sources).get(), sources)
    }

    /// A shipped document, its page read back, and the page's text.
    struct Rendered {
        let document: CheckedDocument
        let html: String
        let page: PageNode
        let files: [String: [Substring]]
    }

    static func render(_ fileName: String) throws -> Rendered {
        let (rules, sources) = try shipped.get()
        let renderer = DocumentRenderer(program: rules.program, sources: sources, baseFolder: root.path)
        let index = try #require(renderer.documentIndex(path: root.appendingPathComponent("conditions/\(fileName)").path))
        let html = try #require(renderer.render(documentAt: index))
        let page = try PageTreeReader.read(html).get()
        let files = Dictionary(uniqueKeysWithValues: sources.map { source in
            (String(source.path.dropFirst(root.path.count + 1)),
             String(decoding: source.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false))
        })
        return Rendered(document: rules.program.documents[index], html: html, page: page, files: files)
    }

    static let documents = ["oppenvard-000.kundval", "arbete-etablering-002.kundval"]

    /// Text with every run of whitespace as one space.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    @Test(arguments: documents)
    func oneRowPerConditionWithThreeCells(_ fileName: String) throws {
        let rendered = try Self.render(fileName)
        let numbers = Set((rendered.document.conditions + rendered.document.generalConditions).map(\.number.description))
        let expected = (rendered.document.conditions + rendered.document.generalConditions).map(\.number)
            .sorted().map(\.description).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        let rows = rendered.page.all { $0.name == "tr" && $0.hasClass("villkor") }
        #expect(rows.count == numbers.count)
        #expect(rows.map { $0.attributes["data-nummer"] ?? "" } == expected)
        #expect(rows.map { $0.attributes["id"] ?? "" } == expected.map { "villkor-" + $0 })
        for row in rows {
            #expect(row.children.count == 3, "villkor \(row.attributes["data-nummer"] ?? "?")")
            #expect(row.children.allSatisfy { $0.name == "td" })
            #expect(row.children.map { $0.attributes["data-rubrik"] ?? "" }
                    == ["Auktorisationsvillkor", "Underlag för uppföljning/kontroll", "Sanktion/åtgärd vid brist"])
        }
        // Every number of the reglemente the kundval refines is there too.
        let (rules, _) = try Self.shipped.get()
        let reglemente = try #require(rendered.document.reglemente.map { rules.program.documents[$0] })
        #expect(Set(reglemente.conditions.map(\.number.description)).isSubset(of: Set(rows.compactMap { $0.attributes["data-nummer"] })))
    }

    @Test(arguments: documents)
    func rowsPointAtTheirLines(_ fileName: String) throws {
        let rendered = try Self.render(fileName)
        let general = Dictionary(rendered.document.generalConditions.map { ($0.number.description, $0) }, uniquingKeysWith: { a, _ in a })
        let specific = Dictionary(rendered.document.conditions.map { ($0.number.description, $0) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for row in rendered.page.all(where: { $0.name == "tr" && $0.hasClass("villkor") }) {
            let number = try #require(row.attributes["data-nummer"])
            for (attribute, present) in [("data-generell", general[number] != nil), ("data-specifik", specific[number] != nil)] {
                guard present else {
                    #expect(row.attributes[attribute] == nil, "\(number) \(attribute)")
                    continue
                }
                let location = try #require(row.attributes[attribute], "\(number) \(attribute)")
                let parts = location.split(separator: ":")
                let file = try #require(rendered.files[String(parts[0])], "\(location)")
                let line = try #require(Int(parts[1]))
                // The line declares the condition (or the range it stands in).
                let text = String(file[line - 1]).trimmingCharacters(in: .whitespaces)
                #expect(text.hasPrefix("villkor " + number) || (text.hasPrefix("villkor ") && text.contains("–")),
                        "\(location): \(text)")
                checked += 1
            }
        }
        #expect(checked >= rendered.document.conditions.count)
    }

    @Test(arguments: documents)
    func cellsHoldTheDocumentsText(_ fileName: String) throws {
        let rendered = try Self.render(fileName)
        let rows = Dictionary(rendered.page.all { $0.name == "tr" && $0.hasClass("villkor") }.map { ($0.attributes["data-nummer"] ?? "", $0) },
                              uniquingKeysWith: { a, _ in a })
        for condition in rendered.document.conditions + rendered.document.generalConditions {
            let row = try #require(rows[condition.number.description])
            let cells = row.children.map { Self.normalized($0.text) }
            if let title = condition.title { #expect(cells[0].contains(Self.normalized(title))) }
            for text in [condition.wording, condition.clarification].compactMap({ $0 }) {
                // The first words of the text, as the page shows them (without a list mark).
                let first = text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                let words = ["•", "- ", "– "].contains(where: first.hasPrefix)
                    ? String(first.dropFirst()).trimmingCharacters(in: .whitespaces) : first
                #expect(cells[0].contains(Self.normalized(String(words.prefix(40)))), "\(condition.number): \(words)")
            }
            if condition.isSwitchedOff { #expect(cells[0].contains("Förekommer inte i detta kundval")) }
            if condition.appliesWhereRelevant { #expect(cells[0].contains("I förekommande fall")) }
            for evidence in condition.evidence {
                #expect(cells[1].lowercased().contains(evidence.kind.rawValue), "\(condition.number) \(evidence.kind)")
                if let description = evidence.description { #expect(cells[1].contains(Self.normalized(description))) }
            }
            for consequence in condition.consequences {
                let word = switch consequence {
                case .notApproved: "ej godkänd auktorisation"
                case .noAuthorization: "ej auktorisation"
                case .sanction: "sanktion"
                case .deauthorization: "avauktorisation"
                case .step(let step): step.name.replacingOccurrences(of: "_", with: " ")
                }
                #expect(cells[2].lowercased().contains(word), "\(condition.number): \(word)")
            }
        }
        let switchedOff = Set((rendered.document.conditions + rendered.document.generalConditions).filter(\.isSwitchedOff).map(\.number.description))
        #expect(rows.values.filter { $0.hasClass("avstangt") }.count == switchedOff.count)
    }

    @Test(arguments: documents)
    func selfContainedWithoutScripts(_ fileName: String) throws {
        let rendered = try Self.render(fileName)
        let page = rendered.page
        #expect(page.all("script").isEmpty)
        #expect(page.all { $0.attributes["src"] != nil }.isEmpty)
        #expect(page.all("link").isEmpty)
        let ids = Set(page.all { $0.attributes["id"] != nil }.compactMap { $0.attributes["id"] })
        #expect(ids.count == page.all { $0.attributes["id"] != nil }.count, "every id once")
        for link in page.all("a") {
            let href = try #require(link.attributes["href"])
            #expect(href.hasPrefix("#") && ids.contains(String(href.dropFirst())), "\(href)")
        }
        let style = try #require(page.all("style").first).text
        #expect(style.contains("@media print") && style.contains("size: A4") && style.contains("table-header-group"))
        #expect(style.contains("@media screen and (max-width: 700px)"))
        #expect(page.all("html").first?.attributes["lang"] == "sv")
        #expect(page.all("h1").first.map { Self.normalized($0.text) } == rendered.document.name)
    }

    @Test func servicesSanctionsAndComputationsOf002() throws {
        let rendered = try Self.render("arbete-etablering-002.kundval")
        let page = rendered.page
        let services = page.all { $0.hasClass("insats") }
        #expect(services.map { $0.attributes["id"] ?? "" } == rendered.document.services.map { "insats-" + $0.name })
        for (node, service) in zip(services, rendered.document.services) {
            for (label, _) in service.requirements { if let label { #expect(Self.normalized(node.text).contains(Self.normalized(label))) } }
        }
        let policy = try #require(rendered.document.sanctionPolicy)
        let table = try #require(page.all { $0.attributes["id"] == "tabell-" + policy.table }.first)
        #expect(table.all("tr").count == 1 + (rendered.document.tables[policy.table]?.rows.count ?? -1))
        #expect(page.all { $0.hasClass("grund") }.count == rendered.document.deauthorizations.count)
        #expect(page.all { ($0.attributes["id"] ?? "").hasPrefix("berakning-") }.count == rendered.document.definitions.count)
        // 16.8.4 is the kundval's own sub-condition: no general part, the consequences of 16.
        let row = try #require(page.all { $0.attributes["id"] == "villkor-16.8.4" }.first)
        #expect(row.attributes["data-generell"] == nil)
        #expect(row.attributes["data-specifik"]?.hasPrefix("conditions/arbete-etablering-002.kundval:") == true)
    }

    /// 002's table has the sections of its own document, each once and in its order, and each
    /// starts at the number the document starts it at (the rendered table switched between the
    /// reglemente's headings and the kundval's some twenty times; a policy author's walk).
    /// The headings and first numbers are those of the seed document, 002's condition table.
    @Test func sectionsOf002FollowItsDocument() throws {
        let page = try Self.render("arbete-etablering-002.kundval").page
        let headings = page.all { $0.name == "h3" && $0.hasClass("avsnitt") }.map { Self.normalized($0.text) }
        #expect(headings == ["Ekonomi, ledning och försäkring", "Tillstånd och auktorisation", "Personal, kompetens",
                             "Verksamhet och systematiskt kvalitetsarbete", "Ansvarig ledning och arbetsmiljö",
                             "Kapacitet för kundval", "Rutiner och rättssäkerhet", "Information och uppföljning",
                             "Fredstida kris och höjd beredskap"])
        let tables = page.all { $0.name == "table" && $0.hasClass("villkorstabell") }
        let first = tables.map { table in table.all { ($0.attributes["id"] ?? "").hasPrefix("villkor-") }.first?.attributes["id"] ?? "" }
        #expect(first == ["1", "10", "13", "14", "17", "21", "23", "25", "29"].map { "villkor-" + $0 })
    }
}
