import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// Renders a checked kundval (or reglemente) as the official document: one self-contained HTML
/// page in Swedish, with inline CSS, no scripts, a print stylesheet for A4 and a layout that
/// stacks the three columns on a phone.
///
/// The page shows the header (title, nämnd, diarienummer, the dates the document states, its
/// `anmärkning`s, the reglemente it refines), the condition table by section, each row with the
/// general condition of the reglemente and the kundval's specific text merged under one number
/// and the three columns (*Auktorisationsvillkor*, *Underlag för uppföljning/kontroll*,
/// *Sanktion/åtgärd vid brist*), then the services (insatser), the sanction policy with its
/// decision tables, the grounds for de-authorization and the computations (definitions).
///
/// Each condition row has the anchor `villkor-NUMMER` and the attributes `data-generell` and
/// `data-specifik` with `fil:rad` of the `.kundval` line its parts come from. The page is
/// well-formed XML (XHTML-compatible serialization), so a test can parse it.
public struct DocumentRenderer: Sendable {
    /// The checked rule set the documents come from.
    public let program: CheckedProgram
    /// The rule files, by path: their lines locate each row and give expressions as written.
    public let sources: [String: SourceFile]
    /// Paths on the page are shown relative to this folder when they lie inside it.
    public let baseFolder: String?

    /// A renderer for the documents of `program`, with the rule files they were checked from
    /// (a file missing from `sources` leaves its rows without a line and its expressions empty).
    /// Paths inside `baseFolder` (for example the current folder) are shown relative to it.
    public init(program: CheckedProgram, sources: [SourceFile], baseFolder: String? = nil) {
        self.program = program
        self.baseFolder = baseFolder.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The index in ``CheckedProgram/documents`` of the document read from `path`.
    public func documentIndex(path: String) -> Int? {
        program.documents.firstIndex { $0.path == path }
    }

    /// The page of the document at `index` in ``CheckedProgram/documents``, as HTML text;
    /// `nil` when there is no document at that index.
    public func render(documentAt index: Int) -> String? {
        guard program.documents.indices.contains(index) else { return nil }
        var page = DocumentPage(renderer: self, document: program.documents[index])
        page.write()
        return page.html.text
    }
}

/// One page being written: the document, the reglemente it refines and their files.
struct DocumentPage {
    let document: CheckedDocument
    /// The reglemente a kundval refines.
    let reglemente: CheckedDocument?
    /// The document's own file.
    let file: SourceFile?
    /// The reglemente's file.
    let reglementeFile: SourceFile?
    /// What the document's own file declares, to tell its definitions, tables and grounds from
    /// the reglemente's.
    let own: OwnDeclarations
    /// See ``DocumentRenderer/baseFolder``.
    let baseFolder: String?
    var html = HTMLText()

    init(renderer: DocumentRenderer, document: CheckedDocument) {
        self.document = document
        let reglemente = document.reglemente.flatMap { renderer.program.documents.indices.contains($0) ? renderer.program.documents[$0] : nil }
        self.reglemente = reglemente
        file = renderer.sources[document.path]
        reglementeFile = reglemente.flatMap { renderer.sources[$0.path] }
        own = OwnDeclarations(file.map { Parser.parse($0).syntax })
        baseFolder = renderer.baseFolder
    }

    /// The whole page.
    mutating func write() {
        html.raw("<!DOCTYPE html>\n")
        html.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "sv"), ("xml:lang", "sv")])
        html.newline()
        html.element("head") { head in
            head.void("meta", [("charset", "utf-8")])
            head.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
            head.void("meta", [("name", "generator"), ("content", "kundval dokument")])
            head.element("title", text: document.name)
            head.element("style") { $0.raw(DocumentPage.stylesheet) }
        }
        html.newline()
        html.open("body")
        html.newline()
        var body = HTMLText()
        writeHeader(into: &body)
        body.open("main")
        body.newline()
        writeConditions(into: &body)
        writeServices(into: &body)
        writeSanctions(into: &body)
        writeDeauthorizations(into: &body)
        writeDefinitions(into: &body)
        body.close("main")
        html.raw(body.text)
        html.element("footer", [("class", "fot")], text: "Framställt ur \(shown(document.path))"
            + (reglemente.map { " och \(shown($0.path))" } ?? "") + " med kundval dokument. Regelfilerna gäller; sidan visar dem.")
        html.close("body")
        html.newline()
        html.close("html")
        html.newline()
    }

    /// Title, nämnd, diarienummer, the dates stated, the reglemente refined and the notes.
    func writeHeader(into html: inout HTMLText) {
        html.element("header", [("class", "huvud")]) { h in
            h.element("p", [("class", "slag")], text: document.kind == .kundval ? "Specifika auktorisationsvillkor" : "Reglemente för kundval")
            h.element("h1", text: document.name)
            var facts: [(String, String)] = []
            if let committee = document.committee { facts.append(("Nämnd", committee)) }
            if let decidedBy = document.decidedBy { facts.append(("Beslutad av", decidedBy)) }
            if let number = document.registrationNumber { facts.append(("Diarienummer", number)) }
            if let version = document.version { facts.append(("Version", version)) }
            if let adopted = document.adopted { facts.append(("Fastställd", adopted.description)) }
            if let validFrom = document.validFrom { facts.append(("Gäller från", validFrom.description)) }
            if let reglemente {
                facts.append(("Preciserar", reglemente.name + (reglemente.version.map { ", version \($0)" } ?? "")))
            }
            if !facts.isEmpty {
                h.element("dl", [("class", "uppgifter")]) { dl in
                    for (term, value) in facts {
                        dl.element("div") { row in
                            row.element("dt", text: term)
                            row.element("dd", text: value)
                        }
                    }
                }
            }
            for note in document.notes { h.prose(note, className: "anmarkning") }
            if document.kind == .kundval {
                h.element("p", [("class", "forklaring")], text: "Numren på de specifika villkoren hänvisar till respektive "
                    + "generellt villkor i reglementet. Varje rad visar det generella villkoret och kundvalets specifika text under samma nummer.")
            }
        }
    }

    // MARK: - Source locations

    /// `fil:rad` of `span` in `file`.
    func location(_ span: SourceSpan, in file: SourceFile?) -> String? {
        guard let file else { return nil }
        return shown(file.path) + ":" + String(file.lineIndex(of: span.start) + 1)
    }

    /// A path as the page shows it: relative to the base folder when it lies inside it.
    func shown(_ path: String) -> String {
        guard let baseFolder, !baseFolder.isEmpty, path.hasPrefix(baseFolder + "/") else { return path }
        return String(path.dropFirst(baseFolder.count + 1))
    }

    /// The source text of `span` on one line: runs of spaces and line breaks become one space.
    static func sourceText(_ span: SourceSpan, in file: SourceFile?) -> String {
        guard let file else { return "" }
        var bytes: [UInt8] = []
        var previousSpace = false
        let start = min(max(0, span.start), file.bytes.count)
        for byte in file.bytes[start..<min(max(start, span.end), file.bytes.count)] {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if space && previousSpace { continue }
            bytes.append(space ? 0x20 : byte)
            previousSpace = space
        }
        return String(decoding: bytes, as: UTF8.self).trimmingSpaces()
    }

    /// The file a declaration in force comes from: the document's own when `declared` (its own
    /// file declares it), else the reglemente's.
    func fileDeclaring(_ declared: Bool) -> SourceFile? {
        declared || reglemente == nil ? file : reglementeFile
    }
}

/// The names a document's own file declares.
struct OwnDeclarations {
    var definitions: Set<String> = []
    var tables: Set<String> = []
    var deauthorizations: Set<String> = []
    var sanctionPolicy = false

    init(_ syntax: SourceFileSyntax?) {
        for declaration in syntax?.declarations ?? [] {
            switch declaration {
            case .definition(let definition): definitions.insert(definition.name.name)
            case .table(let table): tables.insert(table.name.name)
            case .deauthorization(let ground): deauthorizations.insert(ground.title.value)
            case .sanctionPolicy: sanctionPolicy = true
            default: break
            }
        }
    }
}
