import KundvalChecker

/// Every path of record fields below the root facts (not through lists), each with a slot in a
/// flat array of values. Compiled code reads `anordnare.lokaler.tillgängliga` as one array
/// access instead of walking three records; the flat array is filled once per set of facts.
struct FactLayout: Sendable {
    /// Paths deeper than this are read by walking the records.
    static let maximumDepth = 6
    /// At most this many slots; further paths are read by walking the records.
    static let maximumSlots = 10_000

    /// Slot → `[root fact index, field index, field index, …]`.
    let paths: [[Int]]
    /// The inverse of ``paths``.
    let slots: [[Int]: Int]
    /// The slots that hold a list, with the number of fields of its records (1 for a list of
    /// plain values, whose elements are their own single cell): their elements are laid out as
    /// tables (see ``FactStorage``) for quantifiers to walk.
    let tables: [(slot: Int, width: Int, scalar: Bool)]
    /// The table of each such slot (used at load time only).
    let tableOfSlot: [Int: Int]

    init(roots: [RecordType.Field], records: [String: RecordType]) {
        var paths: [[Int]] = []
        var tables: [(slot: Int, width: Int, scalar: Bool)] = []
        func add(_ path: [Int], _ type: KundvalType) {
            guard paths.count < Self.maximumSlots else { return }
            paths.append(path)
            if case .list(let element) = type.unwrapped {
                if case .record(let name) = element.unwrapped {
                    if let record = records[name] { tables.append((paths.count - 1, record.fields.count, false)) }
                } else if case .list = element.unwrapped {
                    // Lists of lists are walked element by element.
                } else {
                    tables.append((paths.count - 1, 1, true))
                }
            }
            guard path.count <= Self.maximumDepth, case .record(let name) = type.unwrapped, let record = records[name] else { return }
            for (index, field) in record.fields.enumerated() { add(path + [index], field.type) }
        }
        for (index, root) in roots.enumerated() { add([index], root.type) }
        self.paths = paths
        self.tables = tables
        self.tableOfSlot = Dictionary(tables.enumerated().map { ($1.slot, $0) }, uniquingKeysWith: { first, _ in first })
        self.slots = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The slots of a set of root facts, laid out for evaluation.
    func storage(_ roots: [Value]) -> FactStorage {
        FactStorage(roots: roots, flat: flatten(roots), tables: tables)
    }

    /// The value of every slot.
    func flatten(_ roots: [Value]) -> [Value] {
        paths.map { path in
            var value = roots[path[0]]
            for index in path.dropFirst() {
                guard case .record(let fields) = value, index < fields.count else { return .unknown }
                value = fields[index]
            }
            return value
        }
    }
}
