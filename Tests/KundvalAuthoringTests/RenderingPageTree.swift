import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A rendered page read back with an XML parser: if the page is not well-formed (an unescaped
/// `<` or `&`, an element left open), reading it fails, and the tests can look at its elements.
final class PageNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [PageNode] = []
    weak var parent: PageNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The text of the element and its descendants, in document order.
    var text: String { pieces.joined() }
    private var pieces: [String] = []

    fileprivate func append(_ child: PageNode) {
        children.append(child)
        child.parent = self
    }

    fileprivate func appendText(_ text: String) {
        var node: PageNode? = self
        while let current = node {
            current.pieces.append(text)
            node = current.parent
        }
    }

    /// Every descendant (depth first) for which `matches` holds.
    func all(where matches: (PageNode) -> Bool) -> [PageNode] {
        var found: [PageNode] = []
        for child in children {
            if matches(child) { found.append(child) }
            found += child.all(where: matches)
        }
        return found
    }

    /// Every descendant element called `name`.
    func all(_ name: String) -> [PageNode] { all { $0.name == name } }

    /// Whether the `class` attribute lists `name`.
    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }
}

/// Reads a page into ``PageNode``s.
final class PageTreeReader: NSObject, XMLParserDelegate {
    private var stack: [PageNode] = [PageNode(name: "#dokument", attributes: [:])]
    private(set) var error: String?

    /// The root of the page, or why it is not well-formed XML.
    static func read(_ html: String) -> Result<PageNode, PageError> {
        // The parser does not read HTML's doctype without a system id; the page is XML after it.
        let xml = html.hasPrefix("<!DOCTYPE html>") ? String(html.dropFirst("<!DOCTYPE html>".count)) : html
        let reader = PageTreeReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        guard parser.parse(), reader.error == nil else {
            return .failure(PageError(message: reader.error ?? parser.parserError.map { "\($0)" } ?? "okänt fel",
                                      line: parser.lineNumber))
        }
        return .success(reader.stack[0])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = PageNode(name: elementName, attributes: attributes)
        stack.last?.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if stack.last?.name != elementName { error = "`\(elementName)` stängs utan att vara öppet" }
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.appendText(string)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = "\(parseError)"
    }
}

/// Why a page could not be read.
struct PageError: Error, CustomStringConvertible {
    let message: String
    let line: Int
    var description: String { "rad \(line): \(message)" }
}
