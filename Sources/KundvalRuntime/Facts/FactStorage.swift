/// The flat slots of one set of facts (see ``FactLayout``) in memory that never moves: each
/// slot's value, its truth byte (0 `nej`, 1 `ja`, 2 unknown or not `ja/nej`) and whether it is
/// known; and for each slot holding a list of records, a table of the elements' fields.
///
/// Compiled code reads slots and tables through plain pointers, with no reference counting and
/// no bounds checks. That is safe because every slot and table index comes from the document's
/// layout, evaluation refuses facts whose ``FactShape`` differs from the layout's, and an
/// ``EvaluationContext`` holds the storage it reads for as long as it lives.
///
/// What the truth programs read for every provider comes first in one block, together and in
/// the order they read it: the bit sets, the tables' headers, the keyed slots' keys and the
/// cells' bytes (about 250 bytes for the öppenvård facts, starting on a cache line); the cells'
/// keys follow, then the values (24 bytes each). The object's first cache line holds all a
/// ``FactView`` needs. A service evaluating many providers in turn then reads few cache lines
/// per provider, one run of them.
final class FactStorage: @unchecked Sendable {
    // Unchecked: the memory is written once, in `init`, and only read afterwards.

    /// The elements of a list of records, field by field: element `i`'s field `f` is at
    /// `i * width + f`, as a value, a byte (see ``CellByte``) and a key.
    struct Table {
        let values: UnsafeMutablePointer<Value>
        let truths: UnsafeMutablePointer<UInt8>
        let keys: UnsafeMutablePointer<Int32>
        /// The number of elements; -1 when the list is unknown.
        let count: Int
        /// The number of fields of the record type.
        let width: Int

        /// The table of `header` among the storage's cells, truth bytes and keys.
        @inline(__always)
        init(_ header: TableHeader, cells: UnsafeMutablePointer<Value>, truths: UnsafeMutablePointer<UInt8>,
             keys: UnsafeMutablePointer<Int32>, width: Int) {
            let start = Int(header.start)
            (values, self.truths, self.keys) = (cells + start, truths + start, keys + start)
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

    // What every evaluation reads (the shape ``fits(_:)`` compares, the pointers of a
    // ``FactView``) comes first: with the object's header, its first cache line.

    /// The layout's shape, or ``FactShape/oversized``.
    let shape: FactShape
    /// The block: the bit sets first (see ``FactShape`` for what follows them).
    let block: UnsafeMutableRawPointer
    /// Every table's cells' keys (see ``FactKey``), one table after the other.
    let cellKeys: UnsafeMutablePointer<Int32>
    /// The slots' values, then the tables' cells, then the root facts.
    let values: UnsafeMutablePointer<Value>
    let cells: UnsafeMutablePointer<Value>

    /// The number of slots.
    let count: Int
    let rootCount: Int
    let tableCount: Int
    let headers: UnsafeMutablePointer<TableHeader>
    /// The slots' truth bytes.
    let truths: UnsafeMutablePointer<UInt8>
    /// Every table's cells' bytes (see ``CellByte``), one table after the other.
    let cellTruths: UnsafeMutablePointer<UInt8>
    /// The keyed slots' keys (slots `0 ..< keyedCount` of the layout).
    let slotKeys: UnsafeMutablePointer<Int32>
    /// The slots' truths as bits, 64 slots to a word: slot `s` is bit `s % 64` of word
    /// `s / 64`, set in ``yes`` when the slot is `ja` and in ``no`` when it is `nej` (in
    /// neither when it is unknown or not `ja/nej`), in ``known`` when it is known. A
    /// conjunction of many `ja/nej` facts is then decided a word at a time (see
    /// ``TruthProgram``).
    let yes: UnsafeMutablePointer<UInt64>
    let no: UnsafeMutablePointer<UInt64>
    let known: UnsafeMutablePointer<UInt64>
    let wordCount: Int
    /// The root facts (`anordnare`), for paths that are not slots.
    let roots: UnsafeMutablePointer<Value>
    private let cellCount: Int

    /// The storage of `flat` (one value per slot of `shape`'s layout) and `rootValues`.
    init(roots rootValues: [Value] = [], flat: [Value], shape layoutShape: FactShape? = nil) {
        // Values that do not match the shape (never from a layout) get a shape of their own,
        // so that the memory below matches them, and the storage fits no program.
        let matches = layoutShape.map { $0.slotCount == flat.count && $0.rootCount == rootValues.count } ?? true
        let given = (matches ? layoutShape : nil)
            ?? FactShape(paths: flat.indices.map { [$0] }, keyedCount: 0, rootCount: rootValues.count, tables: [])
        var lists: [[Value]?] = []
        for table in given.tables {
            if table.slot < flat.count, case .list(let list) = flat[table.slot] { lists.append(list) } else { lists.append(nil) }
        }
        // Overflow-checked: more cells than a table header holds leave the tables empty, and
        // the storage fits no layout.
        var total = 0, tooMany = false
        for (list, table) in zip(lists, given.tables) {
            let (cells, overflow) = (list?.count ?? 0).multipliedReportingOverflow(by: table.width)
            let (sum, overflowSum) = total.addingReportingOverflow(cells)
            if overflow || overflowSum || sum > Self.maximumCells { tooMany = true; break }
            total = sum
        }
        if tooMany { lists = lists.map { _ in nil } }
        let cellCounts = zip(lists, given.tables).map { ($0?.count ?? 0) * $1.width }
        let cellCount = tooMany ? 0 : total
        shape = tooMany || !matches ? FactShape.oversized : given
        self.cellCount = cellCount
        count = flat.count
        rootCount = rootValues.count
        tableCount = given.tables.count
        wordCount = given.wordCount

        // The block: what the truth programs read, in the shape's order (see ``FactShape``),
        // then the cells' keys, the slots' truth bytes and the values.
        let keyOffset = (given.cellTruthOffset + cellCount + 7) / 8 * 8
        let truthOffset = keyOffset + cellCount * MemoryLayout<Int32>.stride
        let alignment = max(MemoryLayout<Value>.alignment, MemoryLayout<UInt64>.alignment)
        let valueOffset = (truthOffset + count + alignment - 1) / alignment * alignment
        let byteCount = valueOffset + (count + cellCount + rootCount) * MemoryLayout<Value>.stride
        // On a cache line's start, so that the part the programs read spans as few as it can.
        block = .allocate(byteCount: max(byteCount, 1), alignment: max(alignment, 64))
        yes = block.bindMemory(to: UInt64.self, capacity: 3 * wordCount)
        no = yes + wordCount
        known = no + wordCount
        yes.initialize(repeating: 0, count: 3 * wordCount)
        headers = (block + given.headerOffset).bindMemory(to: TableHeader.self, capacity: tableCount)
        slotKeys = (block + given.slotKeyOffset).bindMemory(to: Int32.self, capacity: given.keyedCount)
        cellTruths = (block + given.cellTruthOffset).bindMemory(to: UInt8.self, capacity: cellCount)
        cellKeys = (block + keyOffset).bindMemory(to: Int32.self, capacity: cellCount)
        truths = (block + truthOffset).bindMemory(to: UInt8.self, capacity: count)
        values = (block + valueOffset).bindMemory(to: Value.self, capacity: count + cellCount + rootCount)
        cells = values + count
        roots = values + count + cellCount
        for (index, value) in rootValues.enumerated() { (roots + index).initialize(to: value) }

        for (slot, value) in flat.enumerated() {
            (values + slot).initialize(to: value)
            truths[slot] = Self.truth(value)
            if slot < given.keyedCount { slotKeys[slot] = FactKey.of(value) }
            let bit: UInt64 = 1 << UInt64(slot % 64)
            if value.isKnown { known[slot / 64] |= bit }
            if case .boolean(let flag) = value { (flag ? yes : no)[slot / 64] |= bit }
        }
        var cell = 0
        for (index, table) in given.tables.enumerated() {
            for (row, element) in (lists[index] ?? []).enumerated() {
                var fields: [Value] = table.scalar ? [element] : []
                if !table.scalar, case .record(let record) = element { fields = record }
                for field in 0..<table.width {
                    let value = field < fields.count ? fields[field] : .unknown
                    (cells + cell + row * table.width + field).initialize(to: value)
                    cellTruths[cell + row * table.width + field] = CellByte.of(value)
                    cellKeys[cell + row * table.width + field] = FactKey.of(value)
                }
            }
            // Both fit in 32 bits: the cells were counted above.
            let elements = lists[index]?.count ?? -1
            (headers + index).initialize(to: TableHeader(start: Int32(truncatingIfNeeded: cell), count: Int32(truncatingIfNeeded: elements)))
            cell += cellCounts[index]
        }
    }

    /// Table `index`: its cells, number of elements and width.
    @inline(__always)
    func table(_ index: Int) -> Table {
        Table(headers[index], cells: cells, truths: cellTruths, keys: cellKeys, width: shape.tables[index].width)
    }

    /// Whether slot `slot` is known.
    @inline(__always)
    func isKnown(_ slot: Int) -> Bool { Self.bit(known, slot) != 0 }

    /// Slot `slot`'s bit (0 or 1) in a bit set (``yes``, ``no`` or ``known``).
    @inline(__always)
    static func bit(_ words: UnsafeMutablePointer<UInt64>, _ slot: Int) -> UInt64 { words[slot >> 6] >> UInt64(slot & 63) & 1 }

    deinit {
        values.deinitialize(count: count + cellCount + rootCount)
        block.deallocate()
    }

    @inline(__always)
    static func truth(_ value: Value) -> UInt8 {
        switch value {
        case .boolean(let flag): flag ? 1 : 0
        default: 2
        }
    }

    /// Whether compiled code of a layout of `shape` may read this storage: it has that shape
    /// (the same object for facts decoded by the same document; an equal one for another
    /// document declaring the same facts). Compiled code indexes slots, keys and tables
    /// without checks.
    @inline(__always)
    func fits(_ shape: FactShape) -> Bool {
        self.shape === shape || self.shape == shape
    }

    /// Whether the facts hold more list elements' fields than a storage can (see
    /// ``maximumCells``).
    var isOversized: Bool { shape === FactShape.oversized }

    /// No slots: for contexts that read no facts (constant folding at load time).
    static let empty = FactStorage(flat: [])
}
