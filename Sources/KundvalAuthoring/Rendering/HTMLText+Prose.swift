/// The document's own texts (`lydelse`, `förtydligande`, `anmärkning`) as paragraphs and lists.
///
/// A rule file keeps the document's text wrapped at the file's line width: a blank line ends a
/// paragraph, a line that starts with `•`, `-` or `–` is a list item, a line that starts with
/// `a)`, `b)` …, or `a.`, then `b.` …, starts a line of its own, and a line much shorter than the width ended where the
/// document ended it (a heading, the last line of a point). Other line breaks are the file's
/// wrapping and become spaces, so that the text flows on a narrow screen. A paragraph of one
/// short line without closing punctuation is a heading. No word is changed.
extension HTMLText {
    /// A line at least this long (in characters) was wrapped by the file, not ended by the text.
    static let wrappedLineLength = 65

    /// One line or list item of a paragraph.
    private enum Item {
        case line(String)
        case bullet(String)
    }

    /// Appends `value` as paragraphs (`<p>`) and lists (`<ul>`), inside a `div` of `className`.
    mutating func prose(_ value: String, className: String) {
        element("div", [("class", className)]) { html in
            for block in Self.blocks(value) {
                // A paragraph of one short line without closing punctuation is a heading.
                if block.count == 1, case .line(let text) = block[0], text.count < 60,
                   let last = text.last, !".:,;".contains(last) {
                    html.element("p", [("class", "mellanrubrik")], text: text)
                    continue
                }
                var lines: [String] = []
                var bullets: [String] = []
                func flushLines(_ html: inout HTMLText) {
                    guard !lines.isEmpty else { return }
                    html.element("p") { p in
                        for (index, line) in lines.enumerated() {
                            if index > 0 { p.void("br") }
                            p.escaped(line)
                        }
                    }
                    lines = []
                }
                func flushBullets(_ html: inout HTMLText) {
                    guard !bullets.isEmpty else { return }
                    html.element("ul") { ul in
                        for bullet in bullets { ul.element("li", text: bullet) }
                    }
                    bullets = []
                }
                for item in block {
                    switch item {
                    case .line(let text):
                        flushBullets(&html)
                        lines.append(text)
                    case .bullet(let text):
                        flushLines(&html)
                        bullets.append(text)
                    }
                }
                flushLines(&html)
                flushBullets(&html)
            }
        }
    }

    /// The paragraphs of a text, each as its items.
    private static func blocks(_ value: String) -> [[Item]] {
        var blocks: [[Item]] = []
        var items: [Item] = []
        var previousLength = 0
        // The letter of the last point lettered `a.`, `b.` …: a wrapped line that begins with a
        // letter and a period (`i. Det framgår …`, a sentence ending in "i") starts no line of
        // its own unless it is `a.` or the next letter of a list begun so.
        var lastLetter: Unicode.Scalar?
        func finish() {
            if !items.isEmpty { blocks.append(items) }
            items = []
        }
        for rawLine in value.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingSpaces()
            if line.isEmpty {
                finish()
                previousLength = 0
                continue
            }
            let length = rawLine.count
            defer { previousLength = length }
            if let marker = ["• ", "•", "- ", "– "].first(where: { line.hasPrefix($0) }) {
                items.append(.bullet(String(line.dropFirst(marker.count)).trimmingSpaces()))
                continue
            }
            var lettered = false
            if let letter = Self.dottedLetter(line) {
                lettered = letter == "a" || lastLetter.map { letter.value == $0.value + 1 } == true
                lastLetter = lettered ? letter : lastLetter
            }
            let startsLine = Self.startsOwnLine(line) || lettered || items.isEmpty || previousLength < wrappedLineLength
            if !startsLine, let last = items.popLast() {
                switch last {
                case .line(let text): items.append(.line(text + " " + line))
                case .bullet(let text): items.append(.bullet(text + " " + line))
                }
            } else {
                items.append(.line(line))
            }
        }
        finish()
        return blocks
    }

    /// `a) …`, `b) …`: an enumerated point.
    private static func startsOwnLine(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars.prefix(3))
        return scalars.count == 3 && scalars[0].properties.isLowercase && scalars[1] == ")" && scalars[2] == " "
    }

    /// The letter of a line that begins `a. `, `b. ` …: a point of a lettered list (reglemente
    /// 31's villkor 23 letters its points so; the page ran `… missförhållanden. c. hanterar …`
    /// together), when the letters follow on from `a`.
    private static func dottedLetter(_ line: String) -> Unicode.Scalar? {
        let scalars = Array(line.unicodeScalars.prefix(3))
        guard scalars.count == 3, ("a"..."z").contains(scalars[0]), scalars[1] == ".", scalars[2] == " " else { return nil }
        return scalars[0]
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
