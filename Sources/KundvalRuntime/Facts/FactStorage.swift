/// The flat slots of one set of facts (see ``FactLayout``) in memory that never moves: each
/// slot's value, its truth byte (0 `nej`, 1 `ja`, 2 unknown or not `ja/nej`) and whether it is
/// known; and for each slot holding a list of records, a table of the elements' fields.
///
/// Compiled code reads slots and tables through plain pointers, with no reference counting and
/// no bounds checks. That is safe because every slot and table index comes from the document's
/// layout, evaluation refuses facts whose slot count differs from it, and an
/// ``EvaluationContext`` holds the storage it reads for as long as it lives.
///
/// What the truth programs read for every provider (the tables' headers, the bit sets, the
/// cells' truth bytes) comes first and is small, a few cache lines; the values (24 bytes each) come
/// after it. A service evaluating many providers in turn then reads little memory per
/// provider.
final class FactStorage: @unchecked Sendable {
    // Unchecked: the memory is written once, in `init`, and only read afterwards.

    /// The elements of a list of records, field by field: element `i`'s field `f` is at
    /// `i * width + f`, as a value and as a truth byte.
    struct Table {
        let values: UnsafeMutablePointer<Value>
        let truths: UnsafeMutablePointer<UInt8>
        let keys: UnsafeMutablePointer<Int64>
        /// The number of elements; -1 when the list is unknown.
        let count: Int
        /// The number of fields of the record type.
        let width: Int

        /// The table of `header` among the storage's cells, truth bytes and keys.
        @inline(__always)
        init(_ header: TableHeader, cells: UnsafeMutablePointer<Value>, truths: UnsafeMutablePointer<UInt8>,
             keys: UnsafeMutablePointer<Int64>, width: Int) {
            (values, self.truths, self.keys) = (cells + header.start, truths + header.start, keys + header.start)
            (count, self.width) = (header.count, width)
        }
    }

    /// Where a table's cells start among all tables' cells, and its number of elements (-1
    /// when the list is unknown): half a ``Table``, the rest follows from the layout.
    struct TableHeader {
        let start: Int
        let count: Int
    }

    // What every evaluation reads comes first (the counts ``fits(_:rootCount:)`` checks, the
    // pointers of a ``FactView``): the object's first two cache lines.

    /// The number of slots.
    let count: Int
    let rootCount: Int
    let values: UnsafeMutablePointer<Value>
    let truths: UnsafeMutablePointer<UInt8>
    let tableCount: Int
    let headers: UnsafeMutablePointer<TableHeader>
    /// Every table's cells, one after the other, as values, as truth bytes and as keys (see
    /// ``FactKey``).
    let cells: UnsafeMutablePointer<Value>
    let cellTruths: UnsafeMutablePointer<UInt8>
    let cellKeys: UnsafeMutablePointer<Int64>
    /// The slots' keys.
    let slotKeys: UnsafeMutablePointer<Int64>
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
    /// The tables' widths (fields per element).
    private let widths: UnsafeMutablePointer<Int>
    /// Everything above lives in this one block: the table headers, the bit sets and the
    /// cells' truth bytes first, then the slots' truth bytes, the widths, the slots' values
    /// and the tables' cells.
    private let block: UnsafeMutableRawPointer
    private let cellCount: Int

    init(roots rootValues: [Value] = [], flat: [Value], tables specification: [(slot: Int, width: Int, scalar: Bool)] = []) {
        count = flat.count
        rootCount = rootValues.count
        tableCount = specification.count
        var lists: [[Value]?] = []
        for (slot, _, _) in specification {
            if slot < flat.count, case .list(let list) = flat[slot] { lists.append(list) } else { lists.append(nil) }
        }
        let cellCounts = zip(lists, specification).map { ($0?.count ?? 0) * $1.width }
        cellCount = cellCounts.reduce(0, +)

        // What the truth programs read comes first, together: the table headers, the bit sets,
        // the cells' truth bytes and the keys (8 bytes where a value takes 24); the slots'
        // truth bytes (read by closures only), the widths and the values after them.
        let headerOffset = 0
        let wordOffset = tableCount * MemoryLayout<TableHeader>.stride
        wordCount = (count + 63) / 64
        let byteOffset = wordOffset + 3 * wordCount * MemoryLayout<UInt64>.stride
        let keyOffset = (byteOffset + cellCount + 7) / 8 * 8
        let truthOffset = keyOffset + (cellCount + count) * MemoryLayout<Int64>.stride
        let widthOffset = (truthOffset + count + 7) / 8 * 8
        let alignment = max(MemoryLayout<Value>.alignment, MemoryLayout<UInt64>.alignment)
        let valueOffset = (widthOffset + 8 * tableCount + alignment - 1) / alignment * alignment
        let total = valueOffset + (count + cellCount + rootCount) * MemoryLayout<Value>.stride
        block = .allocate(byteCount: max(total, 1), alignment: alignment)
        values = (block + valueOffset).bindMemory(to: Value.self, capacity: count + cellCount + rootCount)
        cells = values + count
        roots = values + count + cellCount
        for (index, value) in rootValues.enumerated() { (roots + index).initialize(to: value) }
        headers = (block + headerOffset).bindMemory(to: TableHeader.self, capacity: tableCount)
        widths = (block + widthOffset).bindMemory(to: Int.self, capacity: tableCount)
        cellTruths = (block + byteOffset).bindMemory(to: UInt8.self, capacity: cellCount)
        truths = (block + truthOffset).bindMemory(to: UInt8.self, capacity: count)
        cellKeys = (block + keyOffset).bindMemory(to: Int64.self, capacity: cellCount + count)
        slotKeys = cellKeys + cellCount
        yes = (block + wordOffset).bindMemory(to: UInt64.self, capacity: 3 * wordCount)
        no = yes + wordCount
        known = no + wordCount
        yes.initialize(repeating: 0, count: 3 * wordCount)

        for (slot, value) in flat.enumerated() {
            (values + slot).initialize(to: value)
            truths[slot] = Self.truth(value)
            slotKeys[slot] = FactKey.of(value)
            let bit: UInt64 = 1 << UInt64(slot % 64)
            if value.isKnown { known[slot / 64] |= bit }
            if case .boolean(let flag) = value { (flag ? yes : no)[slot / 64] |= bit }
        }
        var cell = 0
        for (index, (_, width, scalar)) in specification.enumerated() {
            for (row, element) in (lists[index] ?? []).enumerated() {
                var fields: [Value] = scalar ? [element] : []
                if !scalar, case .record(let record) = element { fields = record }
                for field in 0..<width {
                    let value = field < fields.count ? fields[field] : .unknown
                    (cells + cell + row * width + field).initialize(to: value)
                    cellTruths[cell + row * width + field] = Self.truth(value)
                    cellKeys[cell + row * width + field] = FactKey.of(value)
                }
            }
            (headers + index).initialize(to: TableHeader(start: cell, count: lists[index]?.count ?? -1))
            (widths + index).initialize(to: width)
            cell += cellCounts[index]
        }
    }

    /// Table `index`: its cells, number of elements and width.
    @inline(__always)
    func table(_ index: Int) -> Table {
        Table(headers[index], cells: cells, truths: cellTruths, keys: cellKeys, width: widths[index])
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

    /// Whether the storage has the shape of `layout` with `rootCount` root facts: the same
    /// number of slots, roots and tables. Compiled code indexes all three without checks.
    func fits(_ layout: FactLayout, rootCount: Int) -> Bool {
        count == layout.paths.count && self.rootCount == rootCount && tableCount == layout.tables.count
    }

    /// No slots: for contexts that read no facts (constant folding at load time).
    static let empty = FactStorage(flat: [])
}

/// A date, an enumeration case or an integer in 8 bytes, for the truth programs: a date as its
/// day number, a case as its index, an integer as itself; ``unknown`` when the value is unknown
/// and ``other`` for every other value (a number that is not an integer, a text, a record, a
/// list), which the programs read from the value itself. A program knows a slot's or field's
/// type, so it knows what a key holds; any key says whether the value is known.
enum FactKey {
    static let unknown = Int64.min
    static let other = Int64.min + 1

    static func of(_ value: Value) -> Int64 {
        switch value {
        case .unknown: unknown
        case .date(let day): Int64(day.number)
        case .enumCase(let index): Int64(index)
        // The two smallest integers are the markers above: those two read the value.
        case .number(let number) where number.denominator == 1 && number.numerator > other: number.numerator
        default: other
        }
    }
}
