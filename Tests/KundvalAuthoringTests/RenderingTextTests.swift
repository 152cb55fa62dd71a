@testable import KundvalAuthoring
import Testing

/// The page's text: escaping, and the document's wrapped lines as paragraphs and lists.
@Suite struct RenderingTextTests {
    @Test func everyTextIsEscapedAndControlCharactersReplaced() {
        #expect(HTMLText.escape("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; 'e'")
        #expect(HTMLText.escape("x\u{0}y\u{1B}z\u{7F}\u{85}\u{FFFE}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(HTMLText.escape("rad\n\tindrag åäö ”citat” –") == "rad\n\tindrag åäö ”citat” –")
        var html = HTMLText()
        html.element("p", [("data-x", "<\"&>"), ("data-saknas", nil)], text: "</p><script>")
        #expect(html.text == "<p data-x=\"&lt;&quot;&amp;&gt;\">&lt;/p&gt;&lt;script&gt;</p>\n")
    }

    /// The prose of one text, as markup.
    func prose(_ text: String) -> String {
        var html = HTMLText()
        html.prose(text, className: "t")
        return html.text
    }

    @Test func wrappedLinesFlowAndShortLinesEnd() {
        let wrapped = """
            Anordnaren ska ha en sådan ekonomisk och finansiell ställning att denne långsiktigt kan
            fullgöra sitt åtagande.
            """
        #expect(prose(wrapped) == "<div class=\"t\"><p>Anordnaren ska ha en sådan ekonomisk och finansiell ställning att denne "
                + "långsiktigt kan fullgöra sitt åtagande.</p>\n</div>\n")
        let listed = """
            Anordnaren ska:
            • ha tillgång till lokaler och utrustning som är ändamålsenliga och anpassade till
              verksamhetens omfattning,
            - säkerställa hygien
            """
        #expect(prose(listed) == "<div class=\"t\"><p>Anordnaren ska:</p>\n<ul><li>ha tillgång till lokaler och utrustning som är "
                + "ändamålsenliga och anpassade till verksamhetens omfattning,</li>\n<li>säkerställa hygien</li>\n</ul>\n</div>\n")
        let lettered = "kan kravet anses uppfyllt om:\na) en förklaring, eller\nb) en garanti.\n\nMåluppfyllelse\n\nSista stycket."
        #expect(prose(lettered) == "<div class=\"t\"><p>kan kravet anses uppfyllt om:<br/>a) en förklaring, eller<br/>b) en garanti.</p>\n"
                + "<p class=\"mellanrubrik\">Måluppfyllelse</p>\n<p>Sista stycket.</p>\n</div>\n")
        // Points lettered `a.`, `b.` (reglemente 31's villkor 23) start lines of their own too,
        // also after a line long enough to have been wrapped by the file.
        let dotted = "Anordnaren ska ha rutiner som säkerställer att personalen följer lagkrav på dokumentation:\n"
            + "a. iakttar sekretess\nb. följer lagkrav på dokumentation och rapporteringsskyldighet om missförhållanden.\n"
            + "c. hanterar synpunkter"
        #expect(prose(dotted).contains("missförhållanden.<br/>c. hanterar synpunkter"), "\(prose(dotted))")
        // A sentence that ends in "i" wrapped before `i. ` is no point (found by review).
        let sentence = "Kommunen bjuder in till möten och seminarier. Vissa av dessa sammankomster kan vara obligatoriska att delta\n"
            + "i. Det framgår av inbjudan."
        #expect(prose(sentence).contains("obligatoriska att delta i. Det framgår"), "\(prose(sentence))")
    }
}
