/// Builds the text of an XHTML-compatible HTML page: every text and attribute value escaped,
/// every element closed, so that an XML parser reads the page as a browser does.
struct HTMLText {
    /// The page so far.
    private(set) var text = ""

    /// `&`, `<`, `>` and `"` as entities, and characters XML does not allow (control characters
    /// other than tab and line breaks) as U+FFFD: a rule file's text can never break the page.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0x7F...0x9F).contains(v) && v != 0xFFFE && v != 0xFFFF
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Appends `<name attributes>`; attributes with a `nil` value are left out.
    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        text += "<" + name + Self.attributes(attributes) + ">"
    }

    /// Elements after whose end the page's source has a line break, so that it reads (and
    /// compares) line by line; whitespace there does not change the layout.
    static let blockElements: Set<String> = ["p", "div", "li", "ul", "dl", "tr", "thead", "tbody", "table", "h1", "h2", "h3",
                                             "header", "section", "article", "figure", "figcaption", "footer", "head", "title"]

    /// Appends `</name>`.
    mutating func close(_ name: String) {
        text += "</" + name + ">"
        if Self.blockElements.contains(name) { text += "\n" }
    }

    /// Appends `<name/>` (a void element such as `meta` or `br`).
    mutating func void(_ name: String, _ attributes: [(String, String?)] = []) {
        text += "<" + name + Self.attributes(attributes) + "/>"
    }

    /// Appends an element around escaped text.
    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], text content: String) {
        open(name, attributes)
        text += Self.escape(content)
        close(name)
    }

    /// Appends an element and what `body` writes inside it.
    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], _ body: (inout HTMLText) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    /// Appends escaped text.
    mutating func escaped(_ content: String) {
        text += Self.escape(content)
    }

    /// Appends markup as it is (only for markup this module writes itself).
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// Appends a line break in the source of the page (for people reading it).
    mutating func newline() {
        text += "\n"
    }

    private static func attributes(_ attributes: [(String, String?)]) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(escape($0))\"" } }.joined()
    }
}
