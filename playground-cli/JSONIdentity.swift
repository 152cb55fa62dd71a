import KundvalRuntime

/// A provider's identity in a line of JSON facts, as `--id anordnare.organisationsnummer` names
/// it: shared by `kundval batch` (which echoes it beside each decision) and `kundval diff
/// --anordnare` (which shows it beside each changed provider).
enum JSONIdentity {
    /// What a line holds at the path.
    enum Found: Equatable {
        /// A text, number or yes/no: the text as written (a text without its quotes), and
        /// whether it was a text.
        case value(String, isText: Bool)
        /// The line is JSON but has nothing there (or a null, a list or an object).
        case missing
        /// The line is no JSON.
        case notJSON
    }

    /// The value at `path` (object keys) in a line's JSON.
    static func find(_ path: [String], in bytes: [UInt8]) -> Found {
        guard var value = try? JSONParser.parse(bytes) else { return .notJSON }
        for key in path {
            guard case .object(let pairs) = value, let next = pairs.first(where: { $0.key == key })?.value else { return .missing }
            value = next
        }
        switch value {
        case .string(let text): return .value(text, isText: true)
        case .number(let digits): return .value(digits, isText: false)
        case .boolean(let flag): return .value(flag ? "true" : "false", isText: false)
        case .null, .array, .object: return .missing
        }
    }

    /// The value found as JSON text (`null` when there is none), for `batch`'s `"id"`.
    static func json(of found: Found) -> String {
        guard case .value(let text, let isText) = found else { return "null" }
        return isText ? JSONText.quoted(text) : text
    }

    /// The value as text, `nil` when there is none, for `diff`'s `(id …)`.
    static func text(of found: Found) -> String? {
        guard case .value(let text, _) = found else { return nil }
        return text
    }
}
