import Foundation
import KundvalFormat
import Testing

/// Layout goldens: each `Golden/NAMN.kundval` formats to `Golden/NAMN.formaterad.kundval`
/// exactly, and the golden output is a fixed point. Set `KUNDVAL_UPDATE_GOLDEN=1` to rewrite them.
@Suite struct LayoutGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let names = ["tabeller", "uttryck", "kommentarer", "tomma-rader", "lydelser", "poster-och-listor"]

    @Test(arguments: names)
    func formatsAsTheGolden(name: String) throws {
        let input = try String(contentsOf: Self.folder.appendingPathComponent("\(name).kundval"), encoding: .utf8)
        let expectedURL = Self.folder.appendingPathComponent("\(name).formaterad.kundval")
        guard case .formatted(let output) = SourceFormatter().format(input, path: name) else {
            Issue.record("\(name): formaterades inte")
            return
        }
        if ProcessInfo.processInfo.environment["KUNDVAL_UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected)
        #expect(output != input, "the golden input should need formatting")
        guard case .formatted(let again) = SourceFormatter().format(expected, path: name) else {
            Issue.record("\(name): gyllene utdata formaterades inte")
            return
        }
        #expect(again == expected, "\(name): inte idempotent")
    }
}
