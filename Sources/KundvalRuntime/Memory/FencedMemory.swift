// The runtime's only raw memory. Evaluation reads facts, instructions and registers many
// millions of times a second, so it reads them through plain pointers: no reference counts, no
// copy-on-write checks, no bounds checks in release builds. Every such pointer lives in one of
// the two types below, and nothing else in the runtime names an unsafe pointer type.
//
// Invariants (what makes the unchecked reads in release builds safe):
//
// 1. Bounds. A buffer knows its count; every read and write of an element goes through a
//    subscript that checks the index in debug builds (and so in every test and sanitizer run).
//    Windows (`window(from:count:)`) are checked against their buffer when they are made.
// 2. Lifetime. A ``FencedBuffer`` is owned by exactly one object, which frees it in its
//    `deinit` (``FencedBuffer/free()``); views of it (``FencedView``, windows) are only held by
//    values that hold that object too, or that live only during one call the object outlives
//    (an evaluation holds its facts' storage; a temporary buffer lives during its closure).
// 3. Shape. Indices into facts come from the layout that made them (see ``FactStorage``):
//    a storage can only be built by a ``FactLayout``, and evaluation only runs code compiled
//    for the same layout, so every index compiled into a program is within the storage. The
//    element headers of lists inside list elements are found through the element's key of
//    the list field, which only the storage writes, as an index of a header it made.
// 4. Initialization. A buffer's elements are initialized when it is made (from an array, or
//    repeating a value) and deinitialized when it is freed; raw blocks are bound to one type
//    per region, once. The one exception is scratch memory (``FencedScratch``) for a run's
//    registers of plain numbers, which the program writes before it reads them, and its loop
//    frames, which its caller sets first; in debug builds byte registers start poisoned
//    (``FencedBuffer/poison()``), and reading a poisoned byte as a truth or a status stops the
//    test that does it.

/// Elements in memory the runtime allocated itself: a base address and a count. A value type
/// without ownership: the object that made it frees it, once, in its `deinit`.
struct FencedBuffer<Element>: @unchecked Sendable {
    // Unchecked: buffers are written while their owner is being built and only read after, or
    // belong to one evaluation on one thread (see the invariants above).
    private let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    let count: Int

    /// The `count` elements at `base`: memory this file allocated (a buffer's own, or a region
    /// of a ``FencedScratch`` or ``FencedBlock``), bound to `Element`.
    fileprivate init(base: UnsafeMutablePointer<Element>, count: Int) {
        (self.base, self.count) = (base, count)
    }

    /// No elements, and no memory to free.
    static var empty: FencedBuffer { FencedBuffer(base: UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!, count: 0) }

    /// A new buffer holding a copy of `elements` (no memory when there are none).
    static func copying(_ elements: [Element]) -> FencedBuffer {
        guard !elements.isEmpty else { return .empty }
        let base = UnsafeMutablePointer<Element>.allocate(capacity: elements.count)
        base.initialize(from: elements, count: elements.count)
        return FencedBuffer(base: base, count: elements.count)
    }

    /// A new buffer of `count` copies of `value` (no memory when `count` is 0).
    static func repeating(_ value: Element, count: Int) -> FencedBuffer {
        guard count > 0 else { return .empty }
        let base = UnsafeMutablePointer<Element>.allocate(capacity: count)
        base.initialize(repeating: value, count: count)
        return FencedBuffer(base: base, count: count)
    }

    /// Deinitializes the elements and frees the memory. Only the owner calls it, once, in
    /// `deinit`, on a buffer made by ``copying(_:)`` or ``repeating(_:count:)``; not on a
    /// window, nor on a region of a ``FencedBlock`` (the block is freed as a whole).
    func free() {
        guard count > 0 else { return }
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Deinitializes the elements of a region of a ``FencedBlock``, before the block is freed.
    func deinitialize() {
        base.deinitialize(count: count)
    }

    /// Element `index`, checked in debug builds; read and written in place (a field of a large
    /// element is read without copying the element).
    @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "index \(index) outside a buffer of \(count)")
            return UnsafePointer(base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < count, "index \(index) outside a buffer of \(count)")
            return base + index
        }
    }

    /// The elements `start ..< start + count` as a buffer of their own (the same memory).
    @inline(__always)
    func window(from start: Int, count: Int) -> FencedBuffer {
        assert(start >= 0 && count >= 0 && start + count <= self.count, "window \(start)+\(count) outside \(self.count)")
        return FencedBuffer(base: base + start, count: count)
    }

    /// A read-only view of the elements.
    @inline(__always)
    var view: FencedView<Element> { FencedView(base: UnsafePointer(base), count: count) }

    /// Copies `elements` over the first elements.
    func update(from elements: FencedBuffer) {
        precondition(elements.count <= count)
        base.update(from: elements.base, count: elements.count)
    }
}

/// Scratch memory of three element types in one temporary allocation on the stack (where it
/// fits), freed when the body returns: what one run of a truth program works in (its byte
/// registers, its value registers, its loop frames), made with one call instead of one closure
/// per buffer, each of which retained what it captured. Elements start uninitialized: for
/// registers that the program writes before it reads them (each register is written by one
/// instruction that runs before every instruction that reads it; the results are copied in
/// first), and for loop frames, which the program's caller sets before the run. Only for
/// elements that hold no reference to anything owned (a frame's views point into facts that
/// outlive the run), so that nothing is retained or freed.
enum FencedScratch {
    /// Runs `body` with `a.count` elements of type `A`, `b.count` of `B` and `c.count` of `C`,
    /// each buffer aligned for its type and lying within the allocation.
    static func with<A: BitwiseCopyable, B: BitwiseCopyable, C: BitwiseCopyable, Result, Failure: Error>(
        _ a: (type: A.Type, count: Int), _ b: (type: B.Type, count: Int), _ c: (type: C.Type, count: Int),
        _ body: (FencedBuffer<A>, FencedBuffer<B>, FencedBuffer<C>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(a.count >= 0 && b.count >= 0 && c.count >= 0, "a negative count")
        // Each region starts at a multiple of its alignment (a power of two).
        func end(_ start: Int, _ stride: Int, _ count: Int) -> Int { start + stride * count }
        func aligned(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) & ~(alignment - 1) }
        let offsetB = aligned(end(0, MemoryLayout<A>.stride, a.count), MemoryLayout<B>.alignment)
        let offsetC = aligned(end(offsetB, MemoryLayout<B>.stride, b.count), MemoryLayout<C>.alignment)
        let byteCount = Swift.max(end(offsetC, MemoryLayout<C>.stride, c.count), 1)
        let alignment = Swift.max(MemoryLayout<A>.alignment, MemoryLayout<B>.alignment, MemoryLayout<C>.alignment)
        return try withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: alignment) { raw throws(Failure) in
            let base = raw.baseAddress!
            return try body(FencedBuffer(base: base.bindMemory(to: A.self, capacity: a.count), count: a.count),
                            FencedBuffer(base: (base + offsetB).bindMemory(to: B.self, capacity: b.count), count: b.count),
                            FencedBuffer(base: (base + offsetC).bindMemory(to: C.self, capacity: c.count), count: c.count))
        }
    }
}

extension FencedBuffer where Element == UInt8 {
    /// In debug builds, fills the buffer with 0xA7, a byte that is no truth and no status, so
    /// that a register read before it is written is caught; nothing in release builds.
    func poison() {
        assert({
            for index in 0..<count { self[index] = 0xA7 }
            return true
        }())
    }

    /// Bytes `index ..< index + 8` as one word, byte `index + i` in bits `8i ..< 8i + 8` on
    /// every platform; bytes past the end read as 0.
    @inline(__always)
    func word(at index: Int) -> UInt64 {
        assert(index >= 0 && index <= count)
        if index + 8 <= count {
            return UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        }
        var word: UInt64 = 0
        for offset in 0..<Swift.min(8, count - index) { word |= UInt64(base[index + offset]) << UInt64(8 * offset) }
        return word
    }
}

/// Raw memory holding regions of different element types one after the other (a set of facts
/// in one allocation: see ``FactStorage``). Each region is bound to its type once, when it is
/// made; the owner deinitializes its regions and frees the block in its `deinit`.
struct FencedBlock: @unchecked Sendable {
    // Unchecked: as ``FencedBuffer``.
    private let base: UnsafeMutableRawPointer
    /// The number of bytes.
    let byteCount: Int

    /// A new block of `byteCount` bytes starting at a multiple of `alignment`.
    static func allocate(byteCount: Int, alignment: Int) -> FencedBlock {
        FencedBlock(base: .allocate(byteCount: Swift.max(byteCount, 1), alignment: alignment), byteCount: byteCount)
    }

    private init(base: UnsafeMutableRawPointer, byteCount: Int) {
        (self.base, self.byteCount) = (base, byteCount)
    }

    /// The `count` elements of type `Element` at byte `offset`, each initialized to `value`.
    /// Checked always (once per region): the region lies inside the block, aligned.
    func region<Element>(_ type: Element.Type, at offset: Int, count: Int, repeating value: Element) -> FencedBuffer<Element> {
        precondition(offset >= 0 && count >= 0 && offset + count * MemoryLayout<Element>.stride <= Swift.max(byteCount, 1)
                     && offset % MemoryLayout<Element>.alignment == 0, "a region outside its block")
        let start = (base + offset).bindMemory(to: Element.self, capacity: count)
        start.initialize(repeating: value, count: count)
        return FencedBuffer(base: start, count: count)
    }

    /// The `count` elements of type `Element` at byte `offset`, element `i` initialized to
    /// `element(i)`, each once, in order. Checked as ``region(_:at:count:repeating:)``.
    func region<Element>(_ type: Element.Type, at offset: Int, count: Int,
                         initializingWith element: (Int) -> Element) -> FencedBuffer<Element> {
        precondition(offset >= 0 && count >= 0 && offset + count * MemoryLayout<Element>.stride <= Swift.max(byteCount, 1)
                     && offset % MemoryLayout<Element>.alignment == 0, "a region outside its block")
        let start = (base + offset).bindMemory(to: Element.self, capacity: count)
        for index in 0..<count { (start + index).initialize(to: element(index)) }
        return FencedBuffer(base: start, count: count)
    }

    /// Frees the block. Only the owner calls it, in `deinit`, after deinitializing the regions.
    func free() { base.deallocate() }
}

/// Elements that someone else owns, read-only: a ``FencedBuffer``'s, or an array's for the
/// length of a call (``withElements(of:_:)``). Never outlives what it views (see the
/// invariants at the top of this file).
struct FencedView<Element>: @unchecked Sendable {
    // Unchecked: only read, and only while the memory's owner lives.
    private let base: UnsafePointer<Element>
    /// The number of elements.
    let count: Int

    fileprivate init(base: UnsafePointer<Element>, count: Int) {
        (self.base, self.count) = (base, count)
    }

    /// No elements.
    static var empty: FencedView {
        FencedView(base: UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!, count: 0)
    }

    /// Element `index`, checked in debug builds; read in place.
    @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "index \(index) outside a view of \(count)")
            return base + index
        }
    }

    /// The elements `start ..< start + count`.
    @inline(__always)
    func window(from start: Int, count: Int) -> FencedView {
        assert(start >= 0 && count >= 0 && start + count <= self.count, "window \(start)+\(count) outside \(self.count)")
        return FencedView(base: base + start, count: count)
    }

    /// Where this view, a window of `whole` (see ``window(from:count:)``), starts in it: its
    /// element `i` is element `start(in: whole) + i` of `whole`. Checked in release builds too
    /// (it is asked only off the hot path); 0 for a window without elements, which is never read.
    func start(in whole: FencedView) -> Int {
        guard count > 0 else { return 0 }
        let start = whole.base.distance(to: base)
        precondition(start >= 0 && start + count <= whole.count, "a view of \(count) at \(start) is no window of \(whole.count)")
        return start
    }

    /// Runs `body` with a view of `array`'s elements, valid only during `body`.
    @inline(__always)
    static func withElements<Result, Failure: Error>(
        of array: [Element], _ body: (FencedView) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try array.withUnsafeBufferPointer { buffer throws(Failure) in
            try body(buffer.baseAddress.map { FencedView(base: $0, count: buffer.count) } ?? .empty)
        }
    }
}

/// A view is a collection of its elements, indexed from 0 (for `for`-`in`, `elementsEqual`, and
/// code generic over byte collections such as ``JSONEscape``); each read goes through the
/// subscript above, so it is checked in debug builds like any other.
extension FencedView: RandomAccessCollection {
    /// 0.
    var startIndex: Int { 0 }
    /// The number of elements.
    var endIndex: Int { count }
}

extension FencedView where Element == UInt8 {
    /// The bytes decoded as UTF-8, an ill-formed sequence replaced by U+FFFD as
    /// `String(decoding:as:)` does; one copy, straight from the memory.
    var utf8Text: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }
}

/// An array of `count` elements, element `i` made by `element(i)` in order, written in place
/// (appending class references one by one costs a call per element).
@inline(__always)
func arrayInPlace<Element>(count: Int, _ element: (Int) -> Element) -> [Element] {
    Array(unsafeUninitializedCapacity: count) { buffer, initialized in
        for index in 0..<count {
            (buffer.baseAddress! + index).initialize(to: element(index))
            initialized = index + 1
        }
    }
}

/// Whether two arrays share one storage (the same copy-on-write buffer), in constant time.
func sharesStorage<Element>(_ a: [Element], _ b: [Element]) -> Bool {
    a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
}
