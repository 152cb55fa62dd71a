import KundvalAuthoring
import KundvalDiagnostics
import KundvalSyntax
import Testing

/// The word diff and the comparison of expressions as trees, on small inputs.
@Suite struct ComparisonPartsTests {
    @Test func wordDiffKeepsRemovesAndAdds() {
        let pieces = WordDiff.pieces("Anordnaren ska ha en försäkring.", "Anordnaren ska ha en ansvarsförsäkring\n  som gäller.")
        #expect(pieces == [.init(kind: .same, text: "Anordnaren ska ha en"), .init(kind: .removed, text: "försäkring."),
                           .init(kind: .added, text: "ansvarsförsäkring som gäller.")])
        #expect(WordDiff.render(pieces) == "Anordnaren ska ha en [-försäkring.-] {+ansvarsförsäkring som gäller.+}")
    }

    @Test func rewrappedTextHasNoWordChanges() {
        #expect(WordDiff.pieces("a b\n   c", "a\nb c").allSatisfy { $0.kind == .same })
        #expect(WordDiff.pieces("", "") == [])
    }

    @Test func longUnchangedStretchesAreShortened() {
        let old = (1...30).map(String.init).joined(separator: " ")
        let new = old.replacingOccurrences(of: " 15 ", with: " femton ")
        #expect(WordDiff.render(WordDiff.pieces(old, new), context: 2) == "… 13 14 [-15-] {+femton+} 16 17 …")
    }

    /// Parses `definition d: ja/nej = TEXT` in a file with `prefix` before it, so spans differ.
    static func expression(_ text: String, prefix: String = "") -> (Expression, SourceFile) {
        let file = SourceFile(path: "t.kundval", text: prefix + "definition d: ja/nej = " + text + "\n")
        let syntax = Parser.parse(file).syntax
        for case .definition(let definition) in syntax.declarations { return (definition.body, file) }
        Issue.record("no definition in `\(text)`")
        return (Expression(.error, span: .point(0)), file)
    }

    static func changes(_ old: String, _ new: String) -> [ExpressionChange] {
        let (a, oldFile) = expression(old, prefix: "# en rad före\n\n")
        let (b, newFile) = expression(new)
        return ExpressionDiff(oldFile: oldFile, newFile: newFile).changes(a, b)
    }

    @Test func spansAndLayoutDoNotCount() {
        #expect(Self.changes("a.b >= 3 och c", "a.b   >=   3\n  och c").isEmpty)
        #expect(Self.changes("x >= 2,50 kr", "x >= 2,5 kr").isEmpty)
    }

    /// The smallest differing sub-expression, but a literal is shown with what it is compared
    /// with (a bare `3` → `4` would not say which threshold changed).
    /// An amount written in another unit that counts the same is no change (`14 dagar` and
    /// `2 veckor`, `12 månader` and `1 år`; a policy author's walk saw it reported), and one
    /// that counts otherwise is.
    @Test func anAmountInAnotherUnitOfTheSameCountIsNoChange() {
        #expect(Self.changes("x <= 14 dagar", "x <= 2 veckor").isEmpty)
        #expect(Self.changes("x <= 12 månader", "x <= 1 år").isEmpty)
        #expect(Self.changes("x <= 1 dag", "x <= 1 dagar").isEmpty)
        #expect(Self.changes("x <= 3 veckor", "x <= 20 dagar").count == 1)
        #expect(Self.changes("x <= 2 år", "x <= 2 månader").count == 1)
        #expect(Self.changes("x <= 30 dagar", "x <= 1 månad").count == 1)
    }

    @Test func aChangedThresholdIsShownWithItsComparison() {
        #expect(Self.changes("a.b >= 3 och c", "a.b >= 4 och c") == [ExpressionChange(old: "a.b >= 3", new: "a.b >= 4", oldLine: 3, newLine: 1)])
        #expect(Self.changes("a.b >= 3 + x", "a.b >= 3 + y").map(\.old) == ["x"])
        #expect(Self.changes("a.b >= 3", "a.b > 3").map(\.old) == ["a.b >= 3"])
    }

    @Test func operandsOfAChainAreAligned() {
        let added = Self.changes("a och b", "a och c och b")
        #expect(added.count == 1 && added[0].old == nil && added[0].new == "c")
        let removed = Self.changes("a eller b eller c", "a eller c")
        #expect(removed.count == 1 && removed[0].old == "b" && removed[0].new == nil)
        let grown = Self.changes("a", "a och b")
        #expect(grown.map(\.new) == ["b"])
    }

    @Test func quantifiersAndCallsAreComparedInside() {
        let found = Self.changes("alla p i x.personal: f(p, 3)", "alla p i x.personal: f(p, 5)")
        #expect(found.map(\.old) == ["f(p, 3)"])
        #expect(Self.changes("alla p i x: p.a", "någon p i x: p.a").map(\.new) == ["någon p i x: p.a"])
    }
}
