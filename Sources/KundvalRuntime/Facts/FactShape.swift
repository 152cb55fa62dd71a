/// What compiled code assumes about the memory of a ``FactStorage``: its numbers of slots,
/// keyed slots, root facts and tables, each table's width, where the parts every evaluation
/// reads lie in its block, and the declarations that say what the values mean. One object per
/// layout, shared by all its storages; another document's facts fit when its shape is equal
/// (the same declarations), as after a reload that left the facts' types alone.
///
/// The block starts with what the truth programs read, in this order: the bit sets (`ja`,
/// `nej`, known: ``wordCount`` words each), the tables' headers (8 bytes each), the keyed
/// slots' keys (4 bytes each, see ``FactKey``) and the cells' bytes (see ``CellByte``); then
/// the cells' keys, the slots' truth bytes and the values.
final class FactShape: Sendable, Equatable {
    /// Slot → path (see ``FactLayout/paths``).
    let paths: [[Int]]
    let slotCount: Int
    let keyedCount: Int
    let rootCount: Int
    /// The tables (see ``FactLayout/tables``); a slot's table's header is at its index among the
    /// headers, a nested table's headers (one per element whose list it holds) among the
    /// element headers (see ``FactStorage/elementHeaders``).
    let tables: [FactTable]
    let wordCount: Int
    /// The declarations the facts were decoded under (see
    /// ``FactLayout/declarations(roots:records:enumerations:)``): what a case's index or a
    /// field's position means; empty for a shape made without a layout.
    let declarations: String
    /// The tables of slots' lists, which come first among ``tables`` and have a header each in
    /// the part of the block every evaluation reads (a nested table's headers are the
    /// storage's element headers).
    let slotTableCount: Int
    /// Byte offsets in the block.
    let headerOffset: Int
    let slotKeyOffset: Int
    let cellTruthOffset: Int

    init(paths: [[Int]], keyedCount: Int, rootCount: Int, tables: [FactTable],
         declarations: String = "") {
        (self.paths, slotCount, self.keyedCount, self.rootCount, self.tables) = (paths, paths.count, keyedCount, rootCount, tables)
        self.declarations = declarations
        wordCount = (paths.count + 63) / 64
        headerOffset = 3 * wordCount * MemoryLayout<UInt64>.stride
        slotTableCount = tables.firstIndex { $0.parent >= 0 } ?? tables.count
        slotKeyOffset = headerOffset + slotTableCount * MemoryLayout<FactStorage.TableHeader>.stride
        cellTruthOffset = slotKeyOffset + keyedCount * MemoryLayout<Int32>.stride
    }

    /// The shape of facts with too many list elements (see ``FactStorage/maximumCells``): it
    /// equals no other.
    static let oversized = FactShape(paths: [], keyedCount: 0, rootCount: 0, tables: [])

    /// The same object, or shapes of layouts of the same declarations, which determine all the
    /// rest (paths, keyed slots, tables, offsets). A shape made without declarations equals
    /// only itself.
    static func == (left: FactShape, right: FactShape) -> Bool {
        left === right || (!left.declarations.isEmpty && left.declarations == right.declarations)
    }
}
