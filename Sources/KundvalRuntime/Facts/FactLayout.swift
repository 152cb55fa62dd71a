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
    /// Lists inside list elements get tables to this depth (1: the lists in the elements of a
    /// slot's list); deeper ones, and tables beyond ``maximumTables``, are walked as values.
    static let maximumTableDepth = 4
    static let maximumTables = 1_000
    /// The fields of records inside list elements get columns of their table (see
    /// ``FactTable/nestedColumns``) to this depth below the element's own fields, at most this
    /// many per table, and never through a record type already on the way (a recursive type
    /// would multiply them); deeper ones are read by walking the records.
    static let maximumColumnDepth = 3
    static let maximumNestedColumns = 64

    /// Slot → `[root fact index, field index, field index, …]`.
    let paths: [[Int]]
    /// The inverse of ``paths``.
    let slots: [[Int]: Int]
    /// The tables of list elements (see ``FactTable``): first one for each slot that holds a
    /// list, then one for each list field of a table's records (the lists inside list
    /// elements), each after the table it is inside. Laid out by ``FactStorage`` for loops to
    /// walk.
    let tables: [FactTable]
    /// The table of each slot that holds a list (used at load time only).
    let tableOfSlot: [Int: Int]
    /// The table of each list field of a table's records: `[table: [field: table]]` (used at
    /// load time only).
    let tableOfField: [Int: [Int: Int]]
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
        var tables: [FactTable] = []
        // The types of each table's columns (none for plain values), to find its list fields.
        var columnTypes: [[KundvalType]] = []
        func table(of element: KundvalType, slot: Int, parent: Int, field: Int, depth: Int) {
            if case .record(let name) = element.unwrapped {
                guard let record = records[name] else { return }
                let nested = Self.nestedColumns(of: record, records: records)
                tables.append(FactTable(slot: slot, parent: parent, field: field, width: record.fields.count + nested.count,
                                        scalar: false, depth: depth, nestedColumns: nested.map(\.path)))
                columnTypes.append(record.fields.map(\.type) + nested.map(\.type))
            } else if case .list = element.unwrapped {
                // Lists of lists are walked element by element.
            } else {
                tables.append(FactTable(slot: slot, parent: parent, field: field, width: 1, scalar: true, depth: depth, nestedColumns: []))
                columnTypes.append([])
            }
        }
        for (slot, (_, type)) in ordered.enumerated() {
            guard case .list(let element) = type.unwrapped else { continue }
            table(of: element, slot: slot, parent: -1, field: -1, depth: 0)
        }
        // The lists inside list elements, breadth first, to a depth that bounds a recursive type.
        var index = 0
        while index < tables.count, tables.count < Self.maximumTables {
            if tables[index].depth < Self.maximumTableDepth {
                // The record's own list fields, then those inside its records (by their columns).
                for (column, type) in columnTypes[index].enumerated() {
                    guard case .list(let element) = type.unwrapped, tables.count < Self.maximumTables else { continue }
                    table(of: element, slot: -1, parent: index, field: column, depth: tables[index].depth + 1)
                }
            }
            index += 1
        }
        self.paths = ordered.map(\.path)
        self.tables = tables
        var tableOfSlot: [Int: Int] = [:], tableOfField: [Int: [Int: Int]] = [:]
        for (index, table) in tables.enumerated() {
            if table.parent < 0 {
                if tableOfSlot[table.slot] == nil { tableOfSlot[table.slot] = index }
            } else {
                tableOfField[table.parent, default: [:]][table.field] = index
            }
        }
        self.tableOfSlot = tableOfSlot
        self.tableOfField = tableOfField
        self.slots = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.shape = FactShape(paths: paths, keyedCount: ordered.filter { FactKey.holds($0.type) }.count,
                               rootCount: roots.count, tables: tables,
                               declarations: Self.declarations(roots: roots, records: records, enumerations: enumerations))
    }

    /// The paths and types of the fields of the records inside an element of type `record`
    /// (`utbildning.hp` of a `Person`), each a column of the element's table after its own fields:
    /// depth first in the order of the declarations, within the bounds of
    /// ``maximumColumnDepth`` and ``maximumNestedColumns``.
    static func nestedColumns(of record: RecordType, records: [String: RecordType]) -> [(path: [Int], type: KundvalType)] {
        var columns: [(path: [Int], type: KundvalType)] = []
        func add(_ record: RecordType, _ path: [Int], _ on: Set<String>) {
            for (index, field) in record.fields.enumerated() {
                guard case .record(let name) = field.type.unwrapped, let inner = records[name], !on.contains(name),
                      path.count < Self.maximumColumnDepth else { continue }
                for (position, field) in inner.fields.enumerated() {
                    guard columns.count < Self.maximumNestedColumns else { return }
                    columns.append((path + [index, position], field.type))
                }
                add(inner, path + [index], on.union([name]))
            }
        }
        add(record, [], [record.name])
        return columns
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

/// A table of list elements in a ``FactStorage``: the elements of the list at a slot, or (for a
/// list inside list elements, `u.lägesrapporter` in `alla u i anordnare.uppdrag: …`, or inside a
/// record there, `p.utbildning.kurser`) of the lists in column `field` of table `parent`'s
/// elements, every element's list one after the other; each element's field `f` is a cell (see
/// ``FactStorage/Table``).
struct FactTable: Sendable, Equatable {
    /// The slot of the list; -1 for a list inside list elements.
    let slot: Int
    /// The table whose elements hold the lists, and their column (see ``column(_:)``); -1 for a
    /// slot's list.
    let parent: Int
    let field: Int
    /// The number of cells of an element: its record's fields, then the columns of the records
    /// inside it (see ``nestedColumns``); 1 for a list of plain values, whose elements are their
    /// own single cell.
    let width: Int
    let scalar: Bool
    /// How many lists it lies inside (0 for a slot's list).
    let depth: Int
    /// The paths inside the elements' records of the fields of records they hold (`[1, 0]`
    /// for `p.utbildning.hp`), one column each after the record's own fields: column
    /// `ownWidth + i` holds the value at path `nestedColumns[i]`, unknown
    /// where a record on the way is not known (see ``FactLayout/nestedColumns(of:records:)``).
    let nestedColumns: [[Int]]

    /// The number of the element's own cells: its record's fields (or 1 for a plain value),
    /// which the nested columns follow.
    var ownWidth: Int { width - nestedColumns.count }

    /// The column of the value at `path` inside an element (a field of the element's record,
    /// or of a record inside it); nil when it has none.
    func column(_ path: [Int]) -> Int? {
        guard !scalar, let first = path.first else { return nil }
        if path.count == 1 { return first < ownWidth ? first : nil }
        return nestedColumns.firstIndex(of: path).map { ownWidth + $0 }
    }
}

extension FactTable {
    /// The table of the list at slot `slot`.
    init(slot: Int, width: Int, scalar: Bool) {
        self.init(slot: slot, parent: -1, field: -1, width: width, scalar: scalar, depth: 0, nestedColumns: [])
    }
}
