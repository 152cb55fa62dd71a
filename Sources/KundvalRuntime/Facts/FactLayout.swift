import KundvalChecker

/// Every path of record fields below the root facts (not through lists), each with a slot in a
/// flat array of values. Compiled code reads `anordnare.lokaler.tillgängliga` as one array
/// access instead of walking three records; the flat array is filled once per set of facts.
///
/// The slots whose values have 4-byte keys (dates, enumeration cases, numbers: see
/// ``FactKey``) come first, `0 ..< keyedCount`, so that their keys lie together in a few cache
/// lines instead of one key for every slot.
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
    /// What compiled code assumes about a storage of this layout (see ``FactShape``).
    let shape: FactShape

    /// The number of slots with keys: slots `0 ..< keyedCount`.
    var keyedCount: Int { shape.keyedCount }

    init(roots: [RecordType.Field], records: [String: RecordType], enumerations: [String: EnumerationType]) {
        var found: [(path: [Int], type: KundvalType)] = []
        func add(_ path: [Int], _ type: KundvalType) {
            guard found.count < Self.maximumSlots else { return }
            found.append((path, type))
            guard path.count <= Self.maximumDepth, case .record(let name) = type.unwrapped, let record = records[name] else { return }
            for (index, field) in record.fields.enumerated() { add(path + [index], field.type) }
        }
        for (index, root) in roots.enumerated() { add([index], root.type) }
        // Keyed slots first, each group in the order of the declarations.
        let ordered = found.filter { FactKey.holds($0.type) } + found.filter { !FactKey.holds($0.type) }
        var tables: [(slot: Int, width: Int, scalar: Bool)] = []
        for (slot, (_, type)) in ordered.enumerated() {
            guard case .list(let element) = type.unwrapped else { continue }
            if case .record(let name) = element.unwrapped {
                if let record = records[name] { tables.append((slot, record.fields.count, false)) }
            } else if case .list = element.unwrapped {
                // Lists of lists are walked element by element.
            } else {
                tables.append((slot, 1, true))
            }
        }
        self.paths = ordered.map(\.path)
        self.tables = tables
        self.tableOfSlot = Dictionary(tables.enumerated().map { ($1.slot, $0) }, uniquingKeysWith: { first, _ in first })
        self.slots = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.shape = FactShape(paths: paths, keyedCount: ordered.filter { FactKey.holds($0.type) }.count,
                               rootCount: roots.count, tables: tables,
                               declarations: Self.declarations(roots: roots, records: records, enumerations: enumerations))
    }

    /// The declarations of the root facts spelled out: their names and types, then every
    /// record and enumeration they reach, each once (fields and their types; cases, and
    /// whether they are ordered). Facts decoded under equal declarations mean the same.
    static func declarations(roots: [RecordType.Field], records: [String: RecordType],
                             enumerations: [String: EnumerationType]) -> String {
        var text = roots.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
        var reached: Set<String> = []
        var pending: [KundvalType] = roots.map(\.type)
        while let type = pending.popLast() {
            switch type {
            case .optional(let inner), .list(let inner), .rate(let inner, _):
                pending.append(inner)
            case .record(let name):
                guard reached.insert(name).inserted else { continue }
                let fields = records[name]?.fields ?? []
                text += "\ntyp \(name)\n" + fields.map { "  \($0.name): \($0.type)" }.joined(separator: "\n")
                pending += fields.map(\.type)
            case .enumeration(let name):
                guard reached.insert(name).inserted else { continue }
                let enumeration = enumerations[name]
                text += "\ntyp \(name): en av " + (enumeration?.cases ?? []).joined(separator: ", ")
                    + (enumeration?.isOrdered == true ? " i stigande ordning" : "")
            default:
                continue
            }
        }
        return text
    }

    /// The slots of a set of root facts, laid out for evaluation.
    func storage(_ roots: [Value]) -> FactStorage {
        FactStorage(roots: roots, shape: shape)
    }
}
