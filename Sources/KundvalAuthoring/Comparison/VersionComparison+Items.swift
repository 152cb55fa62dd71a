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

    /// Services, decision tables, definitions, the sanction policy and grounds for
    /// de-authorization that differ, each kind in the new file's order, then those removed.
    static func compareItems(_ old: DocumentVersion, _ new: DocumentVersion) -> [ItemComparison] {
        let parts = PartComparer(oldFile: old.file, newFile: new.file, prefix: "")
        var items: [ItemComparison] = []
        items += pair("insats", old.syntax.services, new.syntax.services, name: \.name.name) { parts.service($0, $1) }
        items += pair("tabell", old.syntax.tables, new.syntax.tables, name: \.name.name) { parts.table($0, $1) }
        items += pair("definition", old.syntax.definitions, new.syntax.definitions, name: \.name.name) { parts.definition($0, $1) }
        items += pair("sanktioner", old.syntax.sanctionPolicies, new.syntax.sanctionPolicies, name: { _ in "sanktionspolicy" }) {
            parts.sanctionPolicy($0, $1)
        }
        items += pair("avauktorisation", old.syntax.deauthorizations, new.syntax.deauthorizations, name: \.title.value) {
            parts.deauthorization($0, $1)
        }
        return items
    }

    /// Pairs two lists by name: each item of the new list changed (when `compare` finds a
    /// difference) or added, then each only in the old list removed.
    static func pair<Item>(_ category: String, _ old: [Item], _ new: [Item], name: (Item) -> String,
                           compare: (Item?, Item?) -> [Change]) -> [ItemComparison] {
        var result: [ItemComparison] = []
        for item in new {
            if let match = old.first(where: { name($0) == name(item) }) {
                let changes = compare(match, item)
                if !changes.isEmpty { result.append(ItemComparison(category: category, name: name(item), kind: .changed, changes: changes)) }
            } else {
                result.append(ItemComparison(category: category, name: name(item), kind: .added, changes: compare(nil, item)))
            }
        }
        for item in old where !new.contains(where: { name($0) == name(item) }) {
            result.append(ItemComparison(category: category, name: name(item), kind: .removed, changes: compare(item, nil)))
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
    /// The decision tables declared in the file.
    var tables: [DecisionTableDecl] { declarations.compactMap { if case .table(let x) = $0 { x } else { nil } } }
    /// The definitions declared in the file.
    var definitions: [DefinitionDecl] { declarations.compactMap { if case .definition(let x) = $0 { x } else { nil } } }
    /// The sanction policies declared in the file (at most one in a correct file).
    var sanctionPolicies: [SanctionPolicyDecl] { declarations.compactMap { if case .sanctionPolicy(let x) = $0 { x } else { nil } } }
    /// The grounds for de-authorization declared in the file.
    var deauthorizations: [DeauthorizationDecl] { declarations.compactMap { if case .deauthorization(let x) = $0 { x } else { nil } } }
}
