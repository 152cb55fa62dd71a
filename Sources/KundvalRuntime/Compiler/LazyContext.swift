/// The facts an evaluation reads, as read-only views of their ``FactStorage``'s buffers. Valid
/// while the storage lives: an evaluation holds it.
struct FactView {
    let flat: FencedView<Value>
    let headers: FencedView<FactStorage.TableHeader>
    let elementHeaders: FencedView<FactStorage.TableHeader>
    let cells: FencedView<Value>
    let cellTruths: FencedView<UInt8>
    let cellKeys: FencedView<Int32>
    let slotKeys: FencedView<Int32>
    let yes: FencedView<UInt64>
    let no: FencedView<UInt64>
    let known: FencedView<UInt64>

    /// The view of `storage`.
    @inline(__always)
    init(_ storage: FactStorage) {
        (yes, no, known) = (storage.yes.view, storage.no.view, storage.known.view)
        (headers, slotKeys, cellTruths) = (storage.headers.view, storage.slotKeys.view, storage.cellTruths.view)
        elementHeaders = storage.elementHeaders.view
        (flat, cells, cellKeys) = (storage.values.view, storage.cells.view, storage.cellKeys.view)
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
        let (isYes, isNo) = (yes[slot >> 6] >> UInt64(slot & 63) & 1, no[slot >> 6] >> UInt64(slot & 63) & 1)
        return UInt8(truncatingIfNeeded: isYes << 1 | (1 ^ (isYes | isNo)))
    }

    /// Whether slot `slot` is known.
    @inline(__always)
    func isKnown(_ slot: Int) -> Bool { known[slot >> 6] >> UInt64(slot & 63) & 1 != 0 }
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

    /// The lazy form of a context already made: closures the program calls run in `context`.
    init(_ context: EvaluationContext) {
        (storage, date, definitionCount) = (context.storage, context.date, context.definitionCount)
        made = context
    }

    /// The context, made now if it was not yet.
    var context: EvaluationContext {
        mutating get {
            if let made { return made }
            let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount)
            made = context
            return context
        }
    }
}
