import KundvalDiagnostics
@testable import KundvalRuntime
import Testing

/// The direct facts reader works on views of the JSON text (``FencedView``): keys and strings
/// are windows of the text, or of the reader's own memory when they have escapes, matched as
/// bytes (``ByteNames``) and turned into text only as values. These tests pin down each piece
/// on its own and the reader on texts made of little else than escapes.
@Suite struct DirectDecodingBytesTests {
    /// Every window of a view reads the array's bytes, as a collection and as UTF-8 text
    /// (split and ill-formed sequences replaced as `String(decoding:as:)` does).
    @Test func windowsReadTheArraysBytes() {
        let bytes = Array("å 12 år\u{1F600}".utf8) + [0xFF, 0xC3, 0x41, 0xE2, 0x82]
        FencedView.withElements(of: bytes) { view in
            #expect(Array(view) == bytes)
            #expect(view.indices == 0..<bytes.count)
            for start in 0...bytes.count {
                for count in 0...(bytes.count - start) {
                    let window = view.window(from: start, count: count)
                    let expected = Array(bytes[start..<(start + count)])
                    #expect(Array(window) == expected)
                    #expect(window.utf8Text == String(decoding: expected, as: UTF8.self))
                    // Where a window starts in its view (a text in a register is held so).
                    #expect(window.start(in: view) == (count == 0 ? 0 : start))
                    #expect(window.window(from: count / 2, count: count - count / 2).start(in: view) == (count - count / 2 == 0 ? 0 : start + count / 2))
                }
            }
        }
        FencedView<UInt8>.withElements(of: []) { view in
            #expect(view.isEmpty && view.utf8Text.isEmpty && Array(view).isEmpty)
        }
    }

    /// An escape is read from a view as from the array (``JSONEscape`` is generic over both).
    @Test func escapesReadFromViews() {
        for escape in [#"n"#, #"u00e5"#, #"u00C5"#, #"ud83d\ude00"#, #"ud83d"#, #"ude00"#, #"u12"#, #"q"#, #"/"#, ""] {
            let bytes = Array(escape.utf8)
            var arrayPosition = 0
            let fromArray = JSONEscape.read(bytes, &arrayPosition)
            FencedView.withElements(of: bytes) { view in
                var viewPosition = 0
                let fromView = JSONEscape.read(view, &viewPosition)
                #expect(fromView == fromArray, "\(escape)")
                #expect(viewPosition == arrayPosition, "\(escape)")
            }
        }
    }

    /// A name is found from its bytes anywhere in a text and from a `String`, searched in order
    /// (few names) or by hash (many), whatever field was expected; a prefix, a longer key, an
    /// empty key and another Unicode normalization of a name are not names.
    @Test func namesAreFoundFromViewsAndStrings() {
        let many = ["namn", "ålder", "år", "årtal", "organisationsnummer", "f", "ff", "fff"]
            + (0..<12).map { "fält_\($0)" }
        for names in [["namn", "ålder", "år"], many] {
            let byteNames = ByteNames(names)
            #expect(byteNames.count == names.count)
            for (index, name) in names.enumerated() {
                let text = Array("{\"\(name)\":".utf8)
                FencedView.withElements(of: text) { view in
                    let key = view.window(from: 2, count: text.count - 4)
                    #expect(ByteNames.hash(key) == ByteNames.hash(Array(name.utf8)))
                    for expected in [0, index, index + 1, names.count] {
                        #expect(byteNames.index(of: key, expected: expected) == index, "\(name) \(expected)")
                        #expect(byteNames.index(of: name, expected: expected) == index, "\(name) \(expected)")
                    }
                }
            }
            for other in ["nam", "namnx", "", "a\u{030A}lder", "Namn", "fält_12"] {
                #expect(byteNames.index(of: other, expected: 0) == nil, "\(other)")
                FencedView.withElements(of: Array(other.utf8)) { view in
                    #expect(byteNames.index(of: view, expected: 0) == nil, "\(other)")
                }
            }
        }
    }

    /// Each literal's word spells its name.
    @Test func literalsSpellTheirNames() {
        for literal in [JSONLiteral.null, .true, .false] {
            #expect((0..<literal.count).map { literal.byte($0) } == Array("\(literal)".utf8))
            #expect(literal.rawValue >> UInt64(8 * literal.count) == 0)
        }
    }

    static let rules = """
        reglemente "R" version "1"
        typ Slag: en av ålder, år, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9
        typ Person
          namn: text
          född: datum
          slag: Slag
        fakta
          aktiv: ja/nej
          väntetid: dagar kan saknas
          slag: lista av Slag
          personer: lista av Person
        """

    /// `\uXXXX` for every character of `text` that is not ASCII (as serializers that write
    /// ASCII only spell it), and for `g`, which no literal holds.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII && scalar != "g" {
                result.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { result += "\\u" + String(unit, radix: 16, uppercase: false).leftPadded(to: 4) }
            }
        }
        return result
    }

    /// Facts whose keys and strings are nearly all escapes, one string after another in the
    /// reader's own memory, decode directly to what the full path makes of them; so do texts
    /// that end right after an escaped string, and texts broken after one give up.
    @Test func textsOfEscapesDecodeDirectly() throws {
        let rules = try RuleSet.compile([SourceFile(path: "r.kundval", text: Self.rules)]).get()
        let decoder = try #require(rules.document(named: "R")).decoder
        let person = #"{"namn": "Åsa Öberg \ud83d\ude00", "född": "1980-02-29", "slag": "år"}"#
        let plain = #"{"aktiv": true, "väntetid": "2 veckor", "slag": ["ålder", "k9", "år"], "personer": [\#(person), \#(person)]}"#
        let escapedText = Self.escaped(plain)
        #expect(escapedText.filter { $0 == "\\" }.count >= 20)
        for text in [plain, escapedText, Self.escaped(#"{"aktiv": false, "slag": ["år"], "personer": []}"#)] {
            let bytes = Array(text.utf8)
            let full = try decoder.decode(JSONParser.parse(bytes)).get().values
            #expect(decoder.decodeDirectly(bytes) == full, "\(text)")
        }
        // Broken after escaped strings, at every byte: the direct path gives up where the full
        // path refuses, and never disagrees where both accept.
        let bytes = Array(escapedText.utf8)
        for end in 0..<bytes.count {
            let prefix = Array(bytes[0..<end])
            let direct = decoder.decodeDirectly(prefix)
            let full = (try? JSONParser.parse(prefix)).flatMap { try? decoder.decode($0).get().values }
            if full == nil { #expect(direct == nil, "\(end)") } else if let direct { #expect(direct == full, "\(end)") }
        }
        // `true`, `false` and `null` cut short at the end of the text.
        for cut in [#"{"aktiv": tru"#, #"{"aktiv": fals"#, #"{"aktiv": true, "väntetid": nul"#, #"{"aktiv": t"#] {
            #expect(decoder.decodeDirectly(Array(cut.utf8)) == nil, "\(cut)")
        }
    }
}

private extension String {
    /// The text after enough `0`s to make `count` characters.
    func leftPadded(to count: Int) -> String { String(repeating: "0", count: Swift.max(0, count - self.count)) + self }
}
