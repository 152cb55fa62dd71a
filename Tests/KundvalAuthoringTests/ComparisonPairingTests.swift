@testable import KundvalAuthoring
import Testing

/// Pairing conditions across versions: by a unique heading, sub-conditions with their parents,
/// by number where headings do not tell, and the text's quoting and cutting.
@Suite struct ComparisonPairingTests {
    typealias Pair = ConditionPairing.Pair

    static func pairs(_ old: [(String, String?)], _ new: [(String, String?)]) -> [Pair] {
        ConditionPairing.pairs(old: old.map { (key: $0.0, title: $0.1) }, new: new.map { (key: $0.0, title: $0.1) })
    }

    /// A condition inserted before others: those after it pair with their old numbers, the
    /// sub-conditions follow their parent, and the inserted one is added.
    @Test func anInsertedConditionRenumbersThoseAfterIt() {
        let pairs = Self.pairs([("1", "Konkurs"), ("2", "Skatt"), ("2.1", nil), ("3", "Lokaler")],
                               [("1", "Konkurs"), ("2", "Försäkring"), ("3", "Skatt"), ("3.1", nil), ("4", "Lokaler")])
        #expect(pairs == [Pair(old: "1", new: "1"), Pair(old: nil, new: "2"), Pair(old: "2", new: "3"),
                          Pair(old: "2.1", new: "3.1"), Pair(old: "3", new: "4")])
    }

    /// A removed condition and one added under its number are not paired when the numbers were
    /// taken by renumbered conditions; the removed one is listed by its old number.
    @Test func aRemovedConditionIsNotPairedWithAnUnrelatedOne() {
        let pairs = Self.pairs([("1", "A"), ("2", "B"), ("3", "C")], [("1", "B"), ("2", "C"), ("3", "D")])
        #expect(pairs == [Pair(old: "2", new: "1"), Pair(old: "1", new: nil), Pair(old: "3", new: "2"), Pair(old: nil, new: "3")])
    }

    /// Without headings, or with a heading used twice, conditions pair by number; a heading
    /// changed in place pairs by number too (a changed title, not a removal and an addition).
    @Test func numbersPairWhereHeadingsDoNotTell() {
        let pairs = Self.pairs([("1", nil), ("2", "Samma"), ("3", "Samma"), ("4", "Gammal rubrik"), ("15–18", nil)],
                               [("1", nil), ("2", "Samma"), ("3", "Samma"), ("4", "Ny rubrik"), ("15–18", nil)])
        #expect(pairs == ["1", "2", "3", "4", "15–18"].map { Pair(old: $0, new: $0) })
    }

    /// A sub-condition whose parent moved elsewhere does not pair by number with an unrelated
    /// parent's sub-condition.
    @Test func subConditionsDoNotPairAcrossUnrelatedParents() {
        let pairs = Self.pairs([("1", "A"), ("2", "B"), ("2.1", nil)], [("1", "X"), ("1.1", nil), ("2", "A")])
        // Old 1 "A" is new 2; old 2 "B" is gone; new 1 "X" is new. Old 2.1 belongs to B, new 1.1 to X.
        #expect(pairs.contains(Pair(old: "1", new: "2")))
        #expect(pairs.contains(Pair(old: "2.1", new: nil)))
        #expect(pairs.contains(Pair(old: nil, new: "1.1")))
        #expect(!pairs.contains { $0.old == "2" && $0.new != nil })
    }

    /// A heading that changed a little pairs across a renumbering: a letter in ten, words added
    /// at either end; not a short heading a letter apart, nor one of two that match.
    @Test func aHeadingThatChangedALittlePairsAcrossARenumbering() {
        // As 001 and 000: new 3 is old 4 by its heading, so old 3 is free to move.
        let pairs = Self.pairs([("3", "Allvarligt fel i yrkesutövningen"), ("4", "Försäkring"), ("16", "Belastningsregister")],
                               [("3", "Försäkring"), ("18", "Allvarliga fel i yrkesutövningen"),
                                ("19", "Belastningsregister och misstankeregister")])
        #expect(pairs.contains(Pair(old: "3", new: "18")))
        #expect(pairs.contains(Pair(old: "16", new: "19")))
        #expect(pairs.contains(Pair(old: "4", new: "3")))
        #expect(!ConditionPairing.similar("Skatt", "Skatter"))
        #expect(!ConditionPairing.similar("Lokaler och utrustning", "Lokaler och rutiner"))
        let ambiguous = Self.pairs([("1", "Registerkontroll")], [("2", "Registerkontroll av personal"), ("3", "Registerkontroll av ledning")])
        #expect(ambiguous.contains(Pair(old: "1", new: nil)))
        // An independent review's case: a heading changed in place keeps its number, and a
        // digit tells headings apart.
        let inPlace = Self.pairs([("1", "Ersättning"), ("1.1", nil), ("2", "Tid"), ("7", "Stöd i steg 1"), ("8", "Stöd i steg 2")],
                                 [("1", "Ersättningsnivåer"), ("1.1", nil), ("2", "Tid"), ("3", "Ersättning vid frånvaro"), ("3.1", nil),
                                  ("7", "Stöd i steg 2"), ("8", "Stöd i steg 3")])
        #expect(inPlace.contains(Pair(old: "1", new: "1")) && inPlace.contains(Pair(old: "1.1", new: "1.1")))
        #expect(inPlace.contains(Pair(old: nil, new: "3")) && inPlace.contains(Pair(old: nil, new: "3.1")))
        #expect(inPlace.contains(Pair(old: "8", new: "7")))
        #expect(!ConditionPairing.similar("Stöd i steg 2", "Stöd i steg 3"))
    }

    /// Names with quotes and backslashes are escaped as the language writes them.
    @Test func namesAreQuotedAsTheLanguageWritesThem() {
        #expect(VersionComparison.quoted("Test \"citat\" \\ bak") == "\"Test \\\"citat\\\" \\\\ bak\"")
    }

    /// Long texts are cut after a whole word, not inside one.
    @Test func longTextsAreCutAtAWordBoundary() {
        let text = "Kontroll med berörda myndigheter och kreditupplysningsföretag"
        #expect(WordDiff.cut(text, 24) == "Kontroll med berörda…")
        #expect(VersionComparison.cut(text, 26) == "Kontroll med berörda…")
        #expect(WordDiff.cut("kreditupplysningsföretag", 10) == "kredituppl…")
        #expect(WordDiff.cut(text, 200) == text)
        let long = WordDiff.render([.init(kind: .same, text: "a"), .init(kind: .added, text: String(repeating: "myndigheter ", count: 40))])
        #expect(long.hasSuffix("myndigheter…+}"))
    }
}
