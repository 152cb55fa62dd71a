import KundvalDiagnostics
import KundvalSyntax

extension VersionComparison {
    /// The header's fields that differ.
    static func compareHeaders(_ old: DocumentVersion, _ new: DocumentVersion) -> [Change] {
        let parts = PartComparer(oldFile: old.file, newFile: new.file, prefix: "")
        let a = HeaderFields(old.syntax.header), b = HeaderFields(new.syntax.header)
        return [parts.text("namn", a.name, b.name), parts.text("version", a.version, b.version),
                parts.text("nämnd", a.committee, b.committee), parts.text("beslutad av", a.decidedBy, b.decidedBy),
                parts.text("diarienummer", a.registrationNumber, b.registrationNumber),
                parts.text("fastställd", a.adopted, b.adopted), parts.text("gäller från", a.validFrom, b.validFrom),
                parts.text("enligt reglemente", a.refines, b.refines), parts.text("anmärkning", a.notes, b.notes)]
            .compactMap { $0 }
    }

    /// Services, types, facts, decision tables, definitions, the sanction policy and grounds for
    /// de-authorization that differ, each kind in the new file's order, then those removed; for
    /// a kundval then those of its reglemente, as `reglementets tabell` and so on.
    static func compareItems(_ old: DocumentVersion, _ new: DocumentVersion) -> [ItemComparison] {
        var items = compareItems(old.syntax, new.syntax, PartComparer(oldFile: old.file, newFile: new.file, prefix: ""), category: "")
        if let oldSyntax = old.reglementeSyntax, let newSyntax = new.reglementeSyntax,
           let oldFile = old.reglementeFile, let newFile = new.reglementeFile {
            items += compareItems(oldSyntax, newSyntax, PartComparer(oldFile: oldFile, newFile: newFile, prefix: ""),
                                  category: "reglementets ")
        }
        return items
    }

    /// The items of one file pair, their categories prefixed with `category`.
    static func compareItems(_ old: SourceFileSyntax, _ new: SourceFileSyntax, _ parts: PartComparer, category: String) -> [ItemComparison] {
        var items: [ItemComparison] = []
        items += pair(category + "insats", old.services, new.services, name: \.name.name) { parts.service($0, $1) }
        items += pair(category + "typ", old.types, new.types, name: \.name.name) { parts.type($0, $1) }
        // Every `fakta` block of a file as one list of fields.
        func facts(_ syntax: SourceFileSyntax) -> [[FieldDecl]] { syntax.facts.isEmpty ? [] : [syntax.facts.flatMap(\.fields)] }
        items += pair(category + "fakta", facts(old), facts(new), name: { _ in "fakta" }) { parts.facts($0, $1) }
        items += pair(category + "tabell", old.tables, new.tables, name: \.name.name) { parts.table($0, $1) }
        items += pair(category + "definition", old.definitions, new.definitions, name: \.name.name) { parts.definition($0, $1) }
        items += pair(category + "sanktioner", old.sanctionPolicies, new.sanctionPolicies, name: { _ in "sanktionspolicy" }) {
            parts.sanctionPolicy($0, $1)
        }
        items += pair(category + "avauktorisation", old.deauthorizations, new.deauthorizations, name: \.title.value) {
            parts.deauthorization($0, $1)
        }
        return items
    }

    /// Pairs two lists by name: each item of the new list changed (when `compare` finds a
    /// difference) or added, then each only in the old list removed. A name declared more than
    /// once in a file (`typ Anordnare utökas` twice) pairs its first declaration with the other
    /// version's first, its second with the second, and so on; the later ones are shown as
    /// `Anordnare (2)`.
    static func pair<Item>(_ category: String, _ old: [Item], _ new: [Item], name: (Item) -> String,
                           compare: (Item?, Item?) -> [Change]) -> [ItemComparison] {
        func keyed(_ items: [Item]) -> [(key: String, item: Item)] {
            var seen: [String: Int] = [:]
            return items.map { item in
                let base = name(item)
                seen[base, default: 0] += 1
                return (seen[base] == 1 ? base : "\(base) (\(seen[base] ?? 1))", item)
            }
        }
        let a = keyed(old), b = keyed(new)
        var result: [ItemComparison] = []
        for (key, item) in b {
            if let match = a.first(where: { $0.key == key }) {
                let changes = compare(match.item, item)
                if !changes.isEmpty { result.append(ItemComparison(category: category, name: key, kind: .changed, changes: changes)) }
            } else {
                result.append(ItemComparison(category: category, name: key, kind: .added, changes: compare(nil, item)))
            }
        }
        for (key, item) in a where !b.contains(where: { $0.key == key }) {
            result.append(ItemComparison(category: category, name: key, kind: .removed, changes: compare(item, nil)))
        }
        return result
    }
}

/// A header's fields as texts.
struct HeaderFields {
    var name: String?, version: String?, committee: String?, decidedBy: String?, registrationNumber: String?
    var adopted: String?, validFrom: String?, refines: String?, notes: String?

    init(_ header: DocumentHeader?) {
        guard let header else { return }
        name = header.name.value
        var notes: [String] = []
        for clause in header.clauses {
            switch clause {
            case .version(let text): version = text.value
            case .committee(let text): committee = text.value
            case .decidedBy(let text): decidedBy = text.value
            case .registrationNumber(let text): registrationNumber = text.value
            case .adopted(let date): adopted = date.description
            case .validFrom(let date): validFrom = date.description
            case .refines(let name, let version): refines = "\"\(name.value)\"" + (version.map { " version \"\($0.value)\"" } ?? "")
            case .note(let text): notes.append(text.value)
            }
        }
        self.notes = PartComparer.joined(notes)
    }
}

extension SourceFileSyntax {
    /// The services declared in the file.
    var services: [ServiceDecl] { declarations.compactMap { if case .service(let x) = $0 { x } else { nil } } }
    /// The types declared in the file.
    var types: [TypeDecl] { declarations.compactMap { if case .type(let x) = $0 { x } else { nil } } }
    /// The `fakta` declarations of the file.
    var facts: [FactsDecl] { declarations.compactMap { if case .facts(let x) = $0 { x } else { nil } } }
    /// The decision tables declared in the file.
    var tables: [DecisionTableDecl] { declarations.compactMap { if case .table(let x) = $0 { x } else { nil } } }
    /// The definitions declared in the file.
    var definitions: [DefinitionDecl] { declarations.compactMap { if case .definition(let x) = $0 { x } else { nil } } }
    /// The sanction policies declared in the file (at most one in a correct file).
    var sanctionPolicies: [SanctionPolicyDecl] { declarations.compactMap { if case .sanctionPolicy(let x) = $0 { x } else { nil } } }
    /// The grounds for de-authorization declared in the file.
    var deauthorizations: [DeauthorizationDecl] { declarations.compactMap { if case .deauthorization(let x) = $0 { x } else { nil } } }
}
