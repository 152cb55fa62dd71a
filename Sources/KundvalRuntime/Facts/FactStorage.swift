/// The flat slots of one set of facts (see ``FactLayout``) in memory that never moves: each
/// slot's value, its truth as bits (`ja`, `nej`) and whether it is
/// known; for each slot holding a list, a table of the elements' fields; and for each list field
/// of those elements (to ``FactLayout/maximumTableDepth`` levels), a nested table holding every
/// element's list one after the other, each with an element header (its start and length).
///
/// Compiled code reads slots and tables through fenced buffers (see `FencedMemory.swift`),
/// unchecked in release builds. That is safe by construction: a storage is made only from root
/// values and the ``FactShape`` of the layout that will read it (its slots are the shape's
/// paths, its tables the shape's tables, so every index the layout hands out is inside), and
/// evaluation runs a program only on a storage of its own layout's shape. The one index a
/// storage hands out itself, an element's key of a list field with a nested table, is written
/// here as the index of the header this storage made for that list (or left below 0), and a
/// program reads it only as that (lists have no other keys a program reads).
///
/// What the truth programs read for every provider comes first in one block, together and in
/// the order they read it: the bit sets, the tables' headers, the keyed slots' keys and the
/// cells' bytes (about 250 bytes for the öppenvård facts, starting on a cache line); the cells'
/// keys follow, then the values (24 bytes each). A service evaluating many providers in turn
/// then reads few cache lines per provider, one run of them.
final class FactStorage: Sendable {
    /// The elements of a list of records, field by field: element `i`'s field `f` is at
    /// `i * width + f`, as a value, a byte (see ``CellByte``) and a key.
    struct Table {
        let values: FencedView<Value>
        let truths: FencedView<UInt8>
        let keys: FencedView<Int32>
        /// The number of elements; -1 when the list is unknown.
        let count: Int
        /// The number of fields of the record type.
        let width: Int

        /// The table of `header` among the storage's cells, truth bytes and keys.
        @inline(__always)
        init(_ header: TableHeader, cells: FencedView<Value>, truths: FencedView<UInt8>, keys: FencedView<Int32>, width: Int) {
            let (start, cellCount) = (Int(header.start), max(Int(header.count), 0) * width)
            values = cells.window(from: start, count: cellCount)
            self.truths = truths.window(from: start, count: cellCount)
            self.keys = keys.window(from: start, count: cellCount)
            (count, self.width) = (Int(header.count), width)
        }
    }

    /// Where a table's cells start among all tables' cells, and its number of elements (-1
    /// when the list is unknown), in 8 bytes: the rest follows from the layout. A storage
    /// holds fewer than 2³¹ cells (see ``maximumCells``).
    struct TableHeader {
        let start: Int32
        let count: Int32
    }

    /// The most cells (fields of list elements) one set of facts may hold, so that a
    /// ``TableHeader`` holds every start and count. Facts with more are refused (their
    /// shape is ``FactShape/oversized``): they would take more than 50 GB of memory.
    static let maximumCells = Int(Int32.max)

    /// The layout's shape, or ``FactShape/oversized``.
    let shape: FactShape
    /// The memory of everything below.
    private let block: FencedBlock
    /// The slots' truths as bits, 64 slots to a word: slot `s` is bit `s % 64` of word
    /// `s / 64`, set in ``yes`` when the slot is `ja` and in ``no`` when it is `nej` (in
    /// neither when it is unknown or not `ja/nej`), in ``known`` when it is known. A
    /// conjunction of many `ja/nej` facts is then decided a word at a time (see
    /// ``TruthProgram``).
    let yes: FencedBuffer<UInt64>
    let no: FencedBuffer<UInt64>
    let known: FencedBuffer<UInt64>
    let headers: FencedBuffer<TableHeader>
    /// The headers of the lists inside list elements (nested tables): one for each element of
    /// a table whose records hold such a list, in the order of their cells. The element's cell
    /// of the list field keeps its header's index as its key (a key below 0 when the list is not
    /// known; see ``FactKey``).
    let elementHeaders: FencedBuffer<TableHeader>
    /// The keyed slots' keys (slots `0 ..< keyedCount` of the layout).
    let slotKeys: FencedBuffer<Int32>
    /// Every table's cells' bytes (see ``CellByte``), one table after the other.
    let cellTruths: FencedBuffer<UInt8>
    /// Every table's cells' keys (see ``FactKey``), one table after the other.
    let cellKeys: FencedBuffer<Int32>
    /// The slots' values, then the tables' cells, then the root facts, in one buffer; the
    /// three windows below.
    private let allValues: FencedBuffer<Value>
    let values: FencedBuffer<Value>
    let cells: FencedBuffer<Value>
    let roots: FencedBuffer<Value>

    /// The number of slots.
    var count: Int { values.count }

    /// The storage of `rootValues` for code compiled for `layoutShape`: each slot holds the
    /// value at its path (unknown where a record on the way is not known), each table the
    /// fields of its list's elements. Facts whose lists hold more fields than a table header
    /// counts get the shape ``FactShape/oversized`` and no cells: they fit no program.
    init(roots rootValues: [Value], shape given: FactShape) {
        precondition(rootValues.count == given.rootCount, "root facts of another layout")
        let flat = given.paths.map { path in
            var value = rootValues[path[0]]
            for index in path.dropFirst() {
                guard case .record(let fields) = value, index < fields.count else { return Value.unknown }
                value = fields[index]
            }
            return value
        }
        // Each table's lists, in the order of their cells: a slot's table has one, the list at
        // its slot; a nested table one for each element of its parent's lists, that element's
        // field (nil where a list is not known).
        var segments: [[Segment]] = []
        segments.reserveCapacity(given.tables.count)
        for table in given.tables {
            guard table.parent >= 0 else {
                if case .list(let list) = flat[table.slot] { segments.append([Segment(list: list, parent: -1, row: -1)]) }
                else { segments.append([Segment(list: nil, parent: -1, row: -1)]) }
                continue
            }
            var own: [Segment] = []
            let parent = given.tables[table.parent]
            for (index, outer) in segments[table.parent].enumerated() {
                for (row, element) in (outer.list ?? []).enumerated() {
                    guard case .record(let fields) = element, case .list(let list) = Self.cell(table.field, of: parent, in: fields) else {
                        own.append(Segment(list: nil, parent: index, row: row))
                        continue
                    }
                    own.append(Segment(list: list, parent: index, row: row))
                }
            }
            segments.append(own)
        }
        // Overflow-checked: more cells than a table header holds leave the tables empty, and
        // the storage fits no layout.
        var total = 0, tooMany = false, nestedCount = 0
        count: for (table, lists) in zip(given.tables, segments) {
            if table.parent >= 0 { nestedCount += lists.count }
            for list in lists {
                let (cells, overflow) = (list.list?.count ?? 0).multipliedReportingOverflow(by: table.width)
                let (sum, overflowSum) = total.addingReportingOverflow(cells)
                if overflow || overflowSum || sum > Self.maximumCells || nestedCount > Self.maximumCells { tooMany = true; break count }
                total = sum
            }
        }
        if tooMany {
            segments = given.tables.map { $0.parent < 0 ? [Segment(list: nil, parent: -1, row: -1)] : [] }
            nestedCount = 0
        }
        let cellCount = tooMany ? 0 : total
        shape = tooMany ? FactShape.oversized : given
        let (count, rootCount, wordCount) = (flat.count, rootValues.count, given.wordCount)

        // The block: what the truth programs read, in the shape's order (see ``FactShape``),
        // then the cells' keys, the nested tables' headers and the values.
        let keyOffset = (given.cellTruthOffset + cellCount + 7) / 8 * 8
        let elementHeaderOffset = keyOffset + cellCount * MemoryLayout<Int32>.stride
        let headersEnd = elementHeaderOffset + nestedCount * MemoryLayout<TableHeader>.stride
        let alignment = max(MemoryLayout<Value>.alignment, MemoryLayout<UInt64>.alignment)
        let valueOffset = (headersEnd + alignment - 1) / alignment * alignment
        let byteCount = valueOffset + (count + cellCount + rootCount) * MemoryLayout<Value>.stride
        // On a cache line's start, so that the part the programs read spans as few as it can.
        block = .allocate(byteCount: byteCount, alignment: max(alignment, 64))
        let bits = block.region(UInt64.self, at: 0, count: 3 * wordCount, repeating: 0)
        (yes, no, known) = (bits.window(from: 0, count: wordCount), bits.window(from: wordCount, count: wordCount),
                            bits.window(from: 2 * wordCount, count: wordCount))
        headers = block.region(TableHeader.self, at: given.headerOffset, count: given.slotTableCount,
                               repeating: TableHeader(start: 0, count: -1))
        slotKeys = block.region(Int32.self, at: given.slotKeyOffset, count: given.keyedCount, repeating: FactKey.unknown)
        cellTruths = block.region(UInt8.self, at: given.cellTruthOffset, count: cellCount, repeating: CellByte.unknown)
        cellKeys = block.region(Int32.self, at: keyOffset, count: cellCount, repeating: FactKey.unknown)
        elementHeaders = block.region(TableHeader.self, at: elementHeaderOffset, count: nestedCount,
                                      repeating: TableHeader(start: 0, count: -1))
        for (slot, value) in flat.enumerated() {
            if slot < given.keyedCount { slotKeys[slot] = FactKey.of(value) }
            let bit: UInt64 = 1 << UInt64(slot % 64)
            if value.isKnown { known[slot / 64] |= bit }
            if case .boolean(let flag) = value {
                if flag { yes[slot / 64] |= bit } else { no[slot / 64] |= bit }
            }
        }
        var cell = 0
        var cellValues: [Value] = []
        cellValues.reserveCapacity(cellCount)
        // Where each table's lists start among the cells, for the keys of the lists inside them.
        var starts: [[Int]] = []
        starts.reserveCapacity(given.tables.count)
        var nested = 0
        for (index, table) in given.tables.enumerated() {
            var own: [Int] = []
            own.reserveCapacity(segments[index].count)
            for segment in segments[index] {
                own.append(cell)
                for (row, element) in (segment.list ?? []).enumerated() {
                    var fields: [Value] = table.scalar ? [element] : []
                    if !table.scalar, case .record(let record) = element { fields = record }
                    for field in 0..<table.width {
                        let value = Self.cell(field, of: table, in: fields)
                        cellValues.append(value)
                        cellTruths[cell + row * table.width + field] = CellByte.of(value)
                        cellKeys[cell + row * table.width + field] = FactKey.of(value)
                    }
                }
                // Both fit in 32 bits: the cells were counted above.
                let header = TableHeader(start: Int32(truncatingIfNeeded: cell), count: Int32(truncatingIfNeeded: segment.list?.count ?? -1))
                if table.parent < 0 {
                    headers[index] = header
                } else {
                    // The element whose field holds the list keeps its header's index as its key.
                    elementHeaders[nested] = header
                    if segment.list != nil {
                        let parent = given.tables[table.parent]
                        cellKeys[starts[table.parent][segment.parent] + segment.row * parent.width + table.field] = Int32(truncatingIfNeeded: nested)
                    }
                    nested += 1
                }
                cell += (segment.list?.count ?? 0) * table.width
            }
            starts.append(own)
        }
        // The values last, each made once where it lies: the slots', the cells', the roots'.
        allValues = block.region(Value.self, at: valueOffset, count: count + cellCount + rootCount) { index in
            index < count ? flat[index] : index < count + cellCount ? cellValues[index - count] : rootValues[index - count - cellCount]
        }
        values = allValues.window(from: 0, count: count)
        cells = allValues.window(from: count, count: cellCount)
        roots = allValues.window(from: count + cellCount, count: rootCount)
    }

    /// Column `column` of `table` for an element of fields `fields`: a field of its own, or one
    /// inside a record of it (see ``FactTable/nestedColumns``); unknown where it has none.
    @inline(__always)
    private static func cell(_ column: Int, of table: FactTable, in fields: [Value]) -> Value {
        let own = table.ownWidth
        guard column >= own else { return column < fields.count ? fields[column] : .unknown }
        return value(at: table.nestedColumns[column - own], in: fields)
    }

    /// The value at `path` inside a record of `fields` (see ``FactTable/nestedColumns``):
    /// unknown where a record on the way is not known.
    private static func value(at path: [Int], in fields: [Value]) -> Value {
        guard let first = path.first, first < fields.count else { return .unknown }
        var value = fields[first]
        for index in path.dropFirst() {
            guard case .record(let inner) = value, index < inner.count else { return .unknown }
            value = inner[index]
        }
        return value
    }

    /// The lists of one table in the order of their cells (see `init`): the list (nil when not
    /// known), and for a nested table the list among its parent's lists and the element in it
    /// whose field holds it.
    private struct Segment {
        let list: [Value]?
        let parent: Int
        let row: Int
    }

    /// Table `index` (of a slot's list, see ``FactShape/slotTableCount``): its cells, number of
    /// elements and width.
    @inline(__always)
    func table(_ index: Int) -> Table {
        Table(headers[index], cells: cells.view, truths: cellTruths.view, keys: cellKeys.view, width: shape.tables[index].width)
    }

    /// Whether slot `slot` is known.
    @inline(__always)
    func isKnown(_ slot: Int) -> Bool { Self.bit(known, slot) != 0 }

    /// Slot `slot`'s bit (0 or 1) in a bit set (``yes``, ``no`` or ``known``).
    @inline(__always)
    static func bit(_ words: FencedBuffer<UInt64>, _ slot: Int) -> UInt64 { words[slot >> 6] >> UInt64(slot & 63) & 1 }

    deinit {
        allValues.deinitialize()
        block.free()
    }

    /// Whether compiled code of a layout of `shape` may read this storage: it has that shape
    /// (the same object for facts decoded by the same document; an equal one for another
    /// document declaring the same facts).
    @inline(__always)
    func fits(_ shape: FactShape) -> Bool {
        self.shape === shape || self.shape == shape
    }

    /// Whether the facts hold more list elements' fields than a storage can (see
    /// ``maximumCells``).
    var isOversized: Bool { shape === FactShape.oversized }

    /// No slots: for contexts that read no facts (constant folding at load time).
    static let empty = FactStorage(roots: [], shape: FactShape(paths: [], keyedCount: 0, rootCount: 0, tables: []))
}
