@testable import KundvalRuntime
import Testing

/// Loops of a truth program share frames by depth (see ``TruthProgram/Loop/frame``): a frame is
/// never written while a cell of the loop that holds it can still be read. Loops side by side
/// inside another, in both branches of `om … så … annars` (as truths and as values), in inlined
/// definitions, three deep, binding a cursor, fused into one instruction, and one after another;
/// the truth program must agree with the value code on every set of facts. Collapsing the frames
/// to two made this fail (three deep).
@Suite struct LoopFrameTests {
    static let text = """
        reglemente "R" version "1"
        typ Person
          namn: text
          timmar: heltal
          chef: ja/nej
        typ Uppdrag
          ansvarig: text
          timmar: heltal kan saknas
          brådskande: ja/nej
          behov: heltal
        typ Anordnare
          personal: lista av Person
          uppdrag: lista av Uppdrag
          orter: lista av text kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        definition bemannat(n: text): ja/nej = någon p i anordnare.personal: p.namn = n och p.timmar > 0
        definition två(n: text): ja/nej =
          (någon p i anordnare.personal: p.namn = n) och (alla q i anordnare.personal: q.timmar >= 0)
        definition räcker(t: heltal): ja/nej = någon p i anordnare.personal: p.timmar > t
        definition båda(t: heltal): ja/nej =
          (någon p i anordnare.personal: p.timmar = t) och (alla q i anordnare.personal: q.timmar >= t eller q.chef)
        villkor 9 "Inlinad utan closure"
          kräver alla u i anordnare.uppdrag: räcker(u.behov) och båda(u.behov) och u.brådskande och u.behov > 0
        villkor 10 "Bara celler"
          kräver alla u i anordnare.uppdrag: (någon p i anordnare.personal: p.timmar = u.behov)
            och (alla p i anordnare.personal: p.timmar >= u.behov eller p.chef) och u.brådskande och u.behov < 40
        villkor 11 "Celler tre djup"
          kräver alla u i anordnare.uppdrag: någon p i anordnare.personal:
            (någon q i anordnare.personal: q.timmar > p.timmar) och p.timmar >= u.behov och u.brådskande
        villkor 12 "Grenar med celler"
          kräver alla u i anordnare.uppdrag:
            (om u.brådskande så (någon p i anordnare.personal: p.timmar >= u.behov)
             annars (alla p i anordnare.personal: p.timmar < u.behov)) och u.behov >= 1
        villkor 1 "Syskon inuti"
          kräver alla u i anordnare.uppdrag: (någon p i anordnare.personal: p.namn = u.ansvarig)
            och (alla p i anordnare.personal: p.timmar > 5 eller p.namn = u.ansvarig) och u.brådskande
        villkor 2 "Grenar"
          kräver alla u i anordnare.uppdrag:
            (om u.brådskande så (någon p i anordnare.personal: p.namn = u.ansvarig)
             annars (alla p i anordnare.personal: p.timmar >= 10)) och u.ansvarig = "A"
        villkor 3 "Inlinad definition"
          kräver alla u i anordnare.uppdrag: bemannat(u.ansvarig) och två(u.ansvarig) och u.brådskande
        villkor 4 "Tre djup"
          kräver alla u i anordnare.uppdrag: någon p i anordnare.personal:
            (någon o i anordnare.orter: o = p.namn) och p.namn = u.ansvarig och u.brådskande
        villkor 5 "Markör"
          kräver alla u i anordnare.uppdrag: (antal p i anordnare.personal där p.namn = u.ansvarig) >= 1
            och (någon p i anordnare.personal: (antal q i anordnare.uppdrag där q.ansvarig = p.namn) >= 2)
            och u.brådskande
        villkor 6 "Sammanslagen inuti"
          kräver alla u i anordnare.uppdrag: (någon p i anordnare.personal: p.chef)
            och (alla p i anordnare.personal: p.namn = u.ansvarig eller p.chef) och u.brådskande
        villkor 7 "Efter varandra"
          kräver (alla u i anordnare.uppdrag: någon p i anordnare.personal: p.namn = u.ansvarig)
            och (någon p i anordnare.personal: p.timmar > 30)
            och (alla u i anordnare.uppdrag: u.brådskande eller u.timmar finns)
        villkor 8 "Värdegren"
          kräver alla u i anordnare.uppdrag:
            (om (någon p i anordnare.personal: p.namn = u.ansvarig) så 1 annars 2) + (om u.brådskande så 0 annars 5) < 3
        """

    @Test func framesSharedByDepthAgreeWithTheValueCode() throws {
        let document = try CodePathAgreementTests.document(Self.text)
        let program = try #require(document.assessmentKind(named: "ansökan")).program
        #expect(program.frameCount == 3, "\(program.frameCount) frames for loops three deep")
        let statuses = try CodePathAgreementTests.comparedStatuses(Self.text)
        let cases = [
            #"{"anordnare": {"orter": ["A", "B"], "personal": [{"namn": "A", "timmar": 10, "chef": true}, {"namn": "B", "timmar": 40, "chef": false}], "uppdrag": [{"ansvarig": "B", "timmar": 20, "brådskande": true, "behov": 6}, {"ansvarig": "A", "brådskande": true, "behov": 6}]}}"#,
            #"{"anordnare": {"orter": ["A"], "personal": [{"namn": "A", "timmar": 0, "chef": false}, {"namn": "B", "timmar": 40, "chef": true}], "uppdrag": [{"ansvarig": "A", "timmar": 20, "brådskande": false, "behov": 10}, {"ansvarig": "A", "brådskande": true, "behov": 6}]}}"#,
            #"{"anordnare": {"orter": [], "personal": [{"namn": "A", "timmar": 10, "chef": true}], "uppdrag": [{"ansvarig": "A", "timmar": 1, "brådskande": true, "behov": 6}, {"ansvarig": "A", "timmar": 2, "brådskande": true, "behov": 6}, {"ansvarig": "C", "brådskande": false, "behov": 10}]}}"#,
            #"{"anordnare": {"orter": ["A", "B"], "personal": [], "uppdrag": [{"ansvarig": "A", "timmar": 1, "brådskande": true, "behov": 6}]}}"#,
            #"{"anordnare": {"orter": ["B"], "personal": [{"namn": "B", "timmar": 31, "chef": false}, {"namn": "A", "timmar": 6, "chef": false}], "uppdrag": [{"ansvarig": "B", "brådskande": true, "behov": 6}, {"ansvarig": "B", "timmar": 3, "brådskande": false, "behov": 10}, {"ansvarig": "A", "brådskande": true, "behov": 6}]}}"#,
            #"{"anordnare": {"orter": ["A"], "personal": [{"namn": "A", "timmar": 6, "chef": true}], "uppdrag": []}}"#,
            #"{"anordnare": {"personal": [{"namn": "A", "timmar": 6, "chef": true}, {"namn": "B", "timmar": 10, "chef": false}], "uppdrag": [{"ansvarig": "A", "brådskande": true, "behov": 10}, {"ansvarig": "B", "brådskande": true, "behov": 6}]}}"#,
            #"{"anordnare": {"personal": [{"namn": "A", "timmar": 5, "chef": false}, {"namn": "B", "timmar": 10, "chef": false}], "uppdrag": [{"ansvarig": "A", "brådskande": false, "behov": 11}, {"ansvarig": "B", "brådskande": true, "behov": 5}, {"ansvarig": "B", "brådskande": true, "behov": 1}]}}"#,
        ]
        for json in cases { _ = try statuses(json) }
    }
}
