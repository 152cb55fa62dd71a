/// Names (a record's fields, an enumeration's cases) matched by their UTF-8 bytes, as JSON keys
/// and values arrive: the expected name first (JSON usually follows the declared order), then,
/// for more than a few names, through a hash of the bytes. Comparing bytes is cheaper than
/// hashing a Swedish `String`, which normalizes Unicode; and a hash keeps a wide record whose
/// keys come in another order linear (searching every name for every key made 65,540 fields
/// in reverse order take 2 s to decode).
struct ByteNames: Sendable {
    /// The names' bytes, in declaration order.
    let names: [[UInt8]]
    /// Indices of the names by the FNV-1a hash of their bytes; empty for a few names, which are
    /// searched in order instead.
    private let buckets: [UInt64: [Int]]

    /// Up to this many names are searched in order.
    static let searchedInOrder = 8

    init(_ strings: [String]) {
        names = strings.map { Array($0.utf8) }
        var buckets: [UInt64: [Int]] = [:]
        if names.count > Self.searchedInOrder {
            for (index, name) in names.enumerated() {
                buckets[Self.hash(name), default: []].append(index)
            }
        }
        self.buckets = buckets
    }

    /// The number of names.
    var count: Int { names.count }

    /// The index of the name spelled by `key` (the bytes of a JSON key or string, in the text
    /// or unescaped, or a `String`'s UTF-8), trying `expected` and the few names after it first
    /// (a key after an omitted optional field), then the hash.
    @inline(__always)
    func index<Key: Collection<UInt8>>(of key: Key, expected: Int) -> Int? {
        guard names.count > Self.searchedInOrder else { return names.firstIndex { Self.same(key, $0) } }
        if expected >= 0 {
            for index in expected..<min(expected + Self.searchedInOrder, names.count) where Self.same(key, names[index]) {
                return index
            }
        }
        return buckets[Self.hash(key)]?.first { Self.same(key, names[$0]) }
    }

    /// The index of the name `key`, trying `expected` first.
    func index(of key: String, expected: Int) -> Int? {
        index(of: key.utf8, expected: expected)
    }

    /// Whether `key` spells `name`: the counts first (constant time for a view and for a native
    /// `String`'s UTF-8), then byte by byte.
    @inline(__always)
    static func same<Key: Collection<UInt8>>(_ key: Key, _ name: [UInt8]) -> Bool {
        guard key.count == name.count else { return false }
        return FencedView.withElements(of: name) { name in
            var index = 0
            for byte in key {
                guard byte == name[index] else { return false }
                index += 1
            }
            return true
        }
    }

    /// FNV-1a over the bytes.
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
