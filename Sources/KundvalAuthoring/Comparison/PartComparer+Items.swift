import KundvalDiagnostics
import KundvalSyntax

extension PartComparer {
    /// A service's parts: title (with the service's number, as `FAI 2`), wording, notes,
    /// `gäller när`, each property by name and each requirement.
    func service(_ old: ServiceDecl?, _ new: ServiceDecl?) -> [Change] {
        func parts(_ service: ServiceDecl?) -> (wording: [String], notes: [String], applies: Expression?,
                                                properties: [(String, String, Expression)], requirements: [(label: String?, body: Expression)]) {
            var result: ([String], [String], Expression?, [(String, String, Expression)], [(label: String?, body: Expression)]) = ([], [], nil, [], [])
            for clause in service?.clauses ?? [] {
                switch clause {
                case .wording(let text): result.0.append(text.value)
                case .note(let text): result.1.append(text.value)
                case .applicability(let body): result.2 = body
                case .property(let property): result.3.append((property.name.name, property.bound?.rawValue ?? "", property.value))
                case .requirement(let label, let body): result.4.append((label?.value, body))
                }
            }
            return result
        }
        let a = parts(old), b = parts(new)
        var changes = [text("rubrik", old?.title?.value, new?.title?.value), text("lydelse", Self.joined(a.wording), Self.joined(b.wording)),
                       text("anmärkning", Self.joined(a.notes), Self.joined(b.notes)),
                       expression("gäller när", a.applies, b.applies)].compactMap { $0 }
        for (name, bound, value) in b.properties {
            let match = a.properties.first { $0.0 == name }
            if let match, match.1 != bound {
                changes.append(Change(part: "egenskap \(name)", kind: .changed, old: "\(match.1) " + oldFile.text(of: match.2.span),
                                      new: "\(bound) " + newFile.text(of: value.span)))
            } else if let change = expression("egenskap \(name)", match?.2, value) {
                changes.append(change)
            }
        }
        for (name, _, value) in a.properties where !b.properties.contains(where: { $0.0 == name }) {
            if let change = expression("egenskap \(name)", value, nil) { changes.append(change) }
        }
        return changes + requirements(a.requirements, b.requirements)
    }

    /// A type's form (record, enumeration, extension) and its fields or cases.
    func type(_ old: TypeDecl?, _ new: TypeDecl?) -> [Change] {
        func parts(_ type: TypeDecl?, _ file: SourceFile) -> (form: String?, entries: [String], entry: String) {
            guard let type else { return (nil, [], "fält") }
            switch type.body {
            case .record(let fields): return ("post", fields.map { file.text(of: $0.span) }, "fält")
            case .extensionFields(let fields): return ("utökning med fält", fields.map { file.text(of: $0.span) }, "fält")
            case .enumeration(let cases, let ordered):
                return (ordered ? "uppräkning i stigande ordning" : "uppräkning", cases.map(\.name), "värde")
            case .extensionCases(let cases, let position):
                return ("utökning med värden" + (position.map { " \($0.before ? "före" : "efter") \($0.anchor.name)" } ?? ""),
                        cases.map(\.name), "värde")
            }
        }
        let a = parts(old, oldFile), b = parts(new, newFile)
        return [text("slag", a.form, b.form)].compactMap { $0 } + list(a.entries, b.entries) { _ in new == nil ? a.entry : b.entry }
    }

    /// The root facts' fields (of every `fakta` block of a file).
    func facts(_ old: [FieldDecl]?, _ new: [FieldDecl]?) -> [Change] {
        list(old?.map { oldFile.text(of: $0.span) } ?? [], new?.map { newFile.text(of: $0.span) } ?? []) { _ in "fält" }
    }

    /// A decision table's parts: its columns and result type, `i ordning`, and its rows.
    func table(_ old: DecisionTableDecl?, _ new: DecisionTableDecl?) -> [Change] {
        func signature(_ table: DecisionTableDecl?, _ file: SourceFile) -> String? {
            guard let table else { return nil }
            return "(" + table.parameters.map { file.text(of: $0.span) }.joined(separator: ", ") + "): "
                + file.text(of: table.resultType.span) + (table.isOrdered ? " i ordning" : "")
        }
        var changes = [text("kolumner", signature(old, oldFile), signature(new, newFile))].compactMap { $0 }
        changes += list(old?.rows.map { oldFile.text(of: $0.span) } ?? [], new?.rows.map { newFile.text(of: $0.span) } ?? []) { "rad \($0)" }
        return changes
    }

    /// A definition's parameters, result type and body.
    func definition(_ old: DefinitionDecl?, _ new: DefinitionDecl?) -> [Change] {
        func signature(_ definition: DefinitionDecl?, _ file: SourceFile) -> String? {
            guard let definition else { return nil }
            return "(" + definition.parameters.map { file.text(of: $0.span) }.joined(separator: ", ") + ")"
                + (definition.resultType.map { ": " + file.text(of: $0.span) } ?? "")
        }
        return [text("parametrar", signature(old, oldFile), signature(new, newFile)),
                expression("värde", old?.body, new?.body)].compactMap { $0 }
    }

    /// The sanction policy's table, wording, notes and amounts.
    func sanctionPolicy(_ old: SanctionPolicyDecl?, _ new: SanctionPolicyDecl?) -> [Change] {
        func parts(_ policy: SanctionPolicyDecl?, _ file: SourceFile) -> (wording: [String], notes: [String], amounts: [String]) {
            var result: ([String], [String], [String]) = ([], [], [])
            for clause in policy?.clauses ?? [] {
                switch clause {
                case .wording(let text): result.0.append(text.value)
                case .note(let text): result.1.append(text.value)
                case .amount(_, _, let span): result.2.append(file.text(of: span))
                }
            }
            return result
        }
        let a = parts(old, oldFile), b = parts(new, newFile)
        return [text("tabell", old?.table.name, new?.table.name), text("lydelse", Self.joined(a.wording), Self.joined(b.wording)),
                text("anmärkning", Self.joined(a.notes), Self.joined(b.notes))].compactMap { $0 }
            + list(a.amounts, b.amounts) { _ in "vite" }
    }

    /// A ground for de-authorization's wording, notes, `gäller när` and `från`.
    func deauthorization(_ old: DeauthorizationDecl?, _ new: DeauthorizationDecl?) -> [Change] {
        func parts(_ ground: DeauthorizationDecl?) -> (wording: [String], notes: [String], applies: Expression?, from: Expression?) {
            var result: ([String], [String], Expression?, Expression?) = ([], [], nil, nil)
            for clause in ground?.clauses ?? [] {
                switch clause {
                case .wording(let text): result.0.append(text.value)
                case .note(let text): result.1.append(text.value)
                case .applicability(let body): result.2 = body
                case .from(let body): result.3 = body
                }
            }
            return result
        }
        let a = parts(old), b = parts(new)
        return [text("lydelse", Self.joined(a.wording), Self.joined(b.wording)), text("anmärkning", Self.joined(a.notes), Self.joined(b.notes)),
                expression("gäller när", a.applies, b.applies), expression("från", a.from, b.from)].compactMap { $0 }
    }
}
