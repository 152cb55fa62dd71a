import KundvalDiagnostics
import KundvalSyntax

/// A declared record type with its fields in declaration order.
public struct RecordType: Hashable, Sendable {
    /// The type's name.
    public var name: String
    /// The fields, in order (extensions append).
    public var fields: [Field]

    /// One field of a record.
    public struct Field: Hashable, Sendable {
        /// The field's name.
        public var name: String
        /// The field's type.
        public var type: KundvalType
        /// Where the field was declared.
        public var span: SourceSpan
    }

    /// The index of the field called `name`.
    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// Whether the record is a dated document: it has a field `utfärdat: datum`.
    public var isDated: Bool { fields.contains { $0.name == "utfärdat" && $0.type.unwrapped == .date } }
}

/// A declared enumeration with its cases in order.
public struct EnumerationType: Hashable, Sendable {
    /// The type's name.
    public var name: String
    /// The cases, in declaration order.
    public var cases: [String]
    /// `i stigande ordning`: the cases are ordered, so `<` and `>=` compare them.
    public var isOrdered: Bool
}
