import Foundation
import KundvalDiagnostics
@testable import KundvalRuntime
import KundvalSyntax
import Testing

/// The shape of a storage (see ``FactShape``): the keyed slots first, a storage read only by
/// programs of its own shape, and facts too large for 32-bit table headers refused.
@Suite struct FactShapeTests {
    static let date = try! Day(year: 2025, month: 3, day: 1)

    static func document(_ name: String, _ types: String, _ requirement: String) throws -> CompiledDocument {
        let text = """
            reglemente "\(name)" version "1"
            \(types)
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            villkor 1 "Krav"
              kräver \(requirement)
            """
        let rules = try RuleSet.compile([SourceFile(path: "\(name).kundval", text: text)]).get()
        return try #require(rules.document(named: name))
    }

    /// Dates, cases and numbers take the first slots, in declaration order; the rest follow.
    @Test func keyedSlotsComeFirst() throws {
        let document = try Self.document("R", """
            typ Slag: en av a, b
            typ Anordnare
              klar: ja/nej
              start: datum kan saknas
              namn: text
              slag: Slag
              platser: heltal
            """, "anordnare.klar och anordnare.start <= bedömningsdatum och anordnare.slag är b och anordnare.platser > 2")
        let layout = document.decoder.layout
        #expect(layout.keyedCount == 3)
        #expect(layout.paths == [[0, 1], [0, 3], [0, 4], [0], [0, 0], [0, 2]])
        let json = #"{"anordnare": {"klar": true, "start": "2025-01-01", "namn": "N", "slag": "b", "platser": 3}}"#
        let facts = try document.decoder.decode(json: Array(json.utf8)).get()
        #expect(try document.evaluate(facts, assessment: "ansökan", date: Self.date).statuses == [.met])
        let later = json.replacingOccurrences(of: "2025-01-01", with: "2025-06-01")
        let notYet = try document.decoder.decode(json: Array(later.utf8)).get()
        #expect(try document.evaluate(notYet, assessment: "ansökan", date: Self.date).statuses == [.notMet])
    }

    /// Facts decoded by one document are read by another that declares the same facts.
    @Test func factsOfTheSameShapeAreShared() throws {
        let types = """
            typ Person
              namn: text
              från: datum
            typ Anordnare
              personal: lista av Person
              klar: ja/nej
            """
        let first = try Self.document("A", types, "anordnare.klar")
        let second = try Self.document("B", types, "alla p i anordnare.personal: p.från <= bedömningsdatum")
        #expect(first.decoder.layout.shape !== second.decoder.layout.shape)
        let json = #"{"anordnare": {"personal": [{"namn": "N", "från": "2026-01-01"}], "klar": true}}"#
        let facts = try first.decoder.decode(json: Array(json.utf8)).get()
        #expect(try second.evaluate(facts, assessment: "ansökan", date: Self.date).statuses == [.notMet])
    }

    /// Facts with the same numbers of slots, roots and tables as another document's but other
    /// types are refused: counting them only let a program read a table three fields wide
    /// as nine (past its cells) and a flag's slot as a date's key.
    @Test func factsOfAnotherShapeWithTheSameCountsAreRefused() throws {
        let narrow = try Self.document("A", """
            typ Person
              a: ja/nej
              b: ja/nej
              c: ja/nej
            typ Anordnare
              personal: lista av Person
              start: datum
              klar: ja/nej
            """, "anordnare.klar")
        let wide = try Self.document("B", """
            typ Person
            \((0..<9).map { "  f\($0): datum" }.joined(separator: "\n"))
            typ Anordnare
              personal: lista av Person
              klar: ja/nej
              start: datum
            """, "alla p i anordnare.personal: p.f8 <= bedömningsdatum")
        let json = #"{"anordnare": {"personal": [{"a": true, "b": true, "c": true}], "start": "2020-01-01", "klar": true}}"#
        let facts = try narrow.decoder.decode(json: Array(json.utf8)).get()
        #expect(narrow.decoder.layout.paths.count == wide.decoder.layout.paths.count)
        #expect(throws: EvaluationFailure.self) { try wide.evaluate(facts, assessment: "ansökan", date: Self.date) }
        #expect(throws: EvaluationFailure.factsOfAnotherDocument(wide.name)) { try wide.value(of: "x", facts: facts, date: Self.date) }
    }

    /// Facts decoded under other declarations with the same memory shape are refused too: an
    /// enumeration whose cases were reordered (as a nämnd might between two loads) would read
    /// every case index as another case, a date field retyped as an integer its day number.
    @Test func factsOfOtherDeclarationsWithTheSameShapeAreRefused() throws {
        func document(_ cases: String, _ type: String) throws -> CompiledDocument {
            try Self.document("R", """
                typ Slag: en av \(cases)
                typ Anordnare
                  slag: Slag
                  start: \(type)
                """, "anordnare.slag är a")
        }
        let before = try document("a, b", "datum")
        let json = #"{"anordnare": {"slag": "a", "start": "2025-01-01"}}"#
        let facts = try before.decoder.decode(json: Array(json.utf8)).get()
        let same = try document("a, b", "datum")
        #expect(try same.evaluate(facts, assessment: "ansökan", date: Self.date).statuses == [.met])
        for other in [try document("b, a", "datum"), try document("a, b, c", "datum"), try document("a, b", "heltal")] {
            #expect(other.decoder.layout.paths == before.decoder.layout.paths)
            #expect(throws: EvaluationFailure.self) { try other.evaluate(facts, assessment: "ansökan", date: Self.date) }
        }
    }

    /// More list elements' fields than a 32-bit table header counts are refused before
    /// anything is allocated for them, and fit no program. (The decoder gives every element
    /// all its fields, so the cells counted are values already in memory; these shapes are
    /// wider than their elements only to reach the limit cheaply.)
    @Test func factsTooLargeForTableHeadersAreRefused() {
        let wide = FactShape(paths: [[0]], keyedCount: 0, rootCount: 1, tables: [FactTable(slot: 0, width: FactStorage.maximumCells + 1, scalar: false)])
        let one = FactStorage(roots: [.list([.record([])])], shape: wide)
        #expect(one.isOversized)
        #expect(!one.fits(wide))
        let half = FactShape(paths: [[0]], keyedCount: 0, rootCount: 1, tables: [FactTable(slot: 0, width: 1 << 62, scalar: false)])
        let overflowing = FactStorage(roots: [.list([.record([]), .record([]), .record([])])], shape: half)
        #expect(overflowing.isOversized)
        let small = FactShape(paths: [[0]], keyedCount: 0, rootCount: 1, tables: [FactTable(slot: 0, width: 2, scalar: false)])
        let fitting = FactStorage(roots: [.list([.record([.boolean(true)])])], shape: small)
        #expect(!fitting.isOversized)
        #expect(fitting.fits(small))
        #expect(fitting.table(0).count == 1)
        #expect(fitting.table(0).truths[0] == 1 && fitting.table(0).truths[1] == 2)
        // A storage is made from root values and a shape only, so its slots are the shape's:
        // facts of another shape cannot be built, only facts whose values are unknown where a
        // record on a path is missing.
        let flags = FactShape(paths: [[0], [0, 0], [0, 1]], keyedCount: 0, rootCount: 1, tables: [])
        let partial = FactStorage(roots: [.record([.boolean(true)])], shape: flags)
        #expect(partial.fits(flags) && partial.count == 3)
        #expect(FactStorage.bit(partial.yes, 1) == 1 && !partial.isKnown(2))
    }

    /// Every key and every field's byte says what its value says, for random values at the
    /// encodings' edges (cases around 252, integers around the 32-bit markers and limits,
    /// fractions, unknown, texts, flags) in random tables: a key is the day, the case or the
    /// integer when it can hold it and ``FactKey/other`` otherwise, never a wrong value.
    @Test func keysAndBytesSayWhatTheValuesSay() throws {
        var random = CodePathAgreementTests.Random(state: 0x9E37_79B9_7F4A_7C15)
        let integers: [Int64] = [0, 1, -1, 251, 252, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min),
                                 Int64(Int32.min) + 1, Int64(Int32.min) + 2, Int64(Int32.min) - 1, Int64.max, Int64.min + 2]
        func value() -> Value {
            switch random.next(7) {
            case 0: return .unknown
            case 1: return .boolean(random.next(2) == 0)
            case 2: return .enumCase([0, 1, 250, 251, 252, 253, 299, 70_000][random.next(8)])
            case 3: return .number(Rational(integer: integers[random.next(integers.count)]))
            case 4: return .number(Rational(parts: 1, 2))
            case 5: return .date(Day(number: Int32(random.next(3_000_000))))
            default: return .text("t")
            }
        }
        func check(_ value: Value, key: Int32?, byte: UInt8?) {
            if let byte {
                switch value {
                case .boolean(let flag): #expect(byte == (flag ? 1 : 0))
                case .unknown: #expect(byte == CellByte.unknown)
                case .enumCase(let index) where index < CellByte.caseLimit: #expect(Int(byte) == Int(CellByte.firstCase) + index)
                default: #expect(byte == CellByte.known)
                }
            }
            guard let key else { return }
            switch value {
            case .unknown: #expect(key == FactKey.unknown)
            case .date(let day): #expect(key == day.number)
            case .enumCase(let index): #expect(key == (index <= Int(Int32.max) ? Int32(index) : FactKey.other))
            case .number(let number) where number.denominator == 1 && number.numerator > Int64(FactKey.other)
                && number.numerator <= Int64(Int32.max):
                #expect(Int64(key) == number.numerator)
            default: #expect(key == FactKey.other)
            }
        }
        for _ in 0..<200 {
            let width = 1 + random.next(6)
            let keyed = random.next(4)
            let rows = (0..<random.next(5)).map { _ in Value.record((0..<width).map { _ in value() }) }
            let flat = (0..<keyed).map { _ in value() } + [random.next(5) == 0 ? .unknown : .list(rows)]
            let shape = FactShape(paths: flat.indices.map { [0, $0] }, keyedCount: keyed, rootCount: 1,
                                  tables: [FactTable(slot: keyed, width: width, scalar: false)])
            let storage = FactStorage(roots: [.record(flat)], shape: shape)
            #expect(storage.fits(shape))
            for slot in 0..<keyed {
                check(flat[slot], key: storage.slotKeys[slot], byte: nil)
                #expect(storage.isKnown(slot) == flat[slot].isKnown)
            }
            let table = storage.table(0)
            guard case .list = flat[keyed] else {
                #expect(table.count == -1)
                continue
            }
            #expect(table.count == rows.count)
            for (row, element) in rows.enumerated() {
                guard case .record(let fields) = element else { continue }
                for (field, value) in fields.enumerated() {
                    check(value, key: table.keys[row * width + field], byte: table.truths[row * width + field])
                }
            }
        }
    }
}
