/// The facts an evaluation reads, as the plain pointers of their ``FactStorage``.
struct FactView {
    let flat: UnsafeMutablePointer<Value>
    let headers: UnsafeMutablePointer<FactStorage.TableHeader>
    let cells: UnsafeMutablePointer<Value>
    let cellTruths: UnsafeMutablePointer<UInt8>
    let cellKeys: UnsafeMutablePointer<Int32>
    let slotKeys: UnsafeMutablePointer<Int32>
    let yes: UnsafeMutablePointer<UInt64>
    let no: UnsafeMutablePointer<UInt64>
    let known: UnsafeMutablePointer<UInt64>

    /// The view of `storage`: from the first cache line of the object and its shape's offsets
    /// (the shape is shared by every provider's facts, so it is in the cache).
    @inline(__always)
    init(_ storage: FactStorage) {
        let (shape, block) = (storage.shape, storage.block)
        yes = block.assumingMemoryBound(to: UInt64.self)
        (no, known) = (yes + shape.wordCount, yes + 2 * shape.wordCount)
        headers = (block + shape.headerOffset).assumingMemoryBound(to: FactStorage.TableHeader.self)
        slotKeys = (block + shape.slotKeyOffset).assumingMemoryBound(to: Int32.self)
        cellTruths = (block + shape.cellTruthOffset).assumingMemoryBound(to: UInt8.self)
        (flat, cells, cellKeys) = (storage.values, storage.cells, storage.cellKeys)
    }

    /// Table `index`, whose elements have `width` fields (its width in the layout).
    @inline(__always)
    func table(_ index: Int, width: Int) -> FactStorage.Table {
        FactStorage.Table(headers[index], cells: cells, truths: cellTruths, keys: cellKeys, width: width)
    }

    /// Slot `slot`'s truth in the program's order (0 `nej`, 1 unknown or not `ja/nej`, 2 `ja`),
    /// from the bit sets: the truth bytes stay cold (only closures read them).
    @inline(__always)
    func truth(_ slot: Int) -> UInt8 {
        let (isYes, isNo) = (FactStorage.bit(yes, slot), FactStorage.bit(no, slot))
        return UInt8(truncatingIfNeeded: isYes << 1 | (1 ^ (isYes | isNo)))
    }

    /// Whether slot `slot` is known.
    @inline(__always)
    func isKnown(_ slot: Int) -> Bool { FactStorage.bit(known, slot) != 0 }
}

/// The evaluation context of one evaluation, made the first time something needs it: a
/// closure, a cursor for one, or the slow path. A provider the truth program decides entirely
/// costs no context at all.
struct LazyContext {
    let storage: FactStorage
    let date: Day
    let definitionCount: Int
    private var made: EvaluationContext?

    init(storage: FactStorage, date: Day, definitionCount: Int) {
        (self.storage, self.date, self.definitionCount) = (storage, date, definitionCount)
    }

    /// The context, made now if it was not yet.
    var context: EvaluationContext {
        mutating get {
            if let made { return made }
            let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, tracing: false)
            made = context
            return context
        }
    }
}
