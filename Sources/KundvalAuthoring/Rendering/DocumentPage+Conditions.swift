import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// One row of the condition table: a condition in force as the checker joined it
/// (``ConditionInForce``): the general parts and the kundval's specific parts under one number.
struct ConditionRow {
    var row: ConditionInForce
    /// Whether the document is a reglemente: its own conditions are then the general ones.
    var isReglemente: Bool

    var number: ConditionNumber { row.number }
    /// The general conditions: the parts written in the reglemente a kundval refines (a number
    /// the reglemente states twice has two), or a reglemente's own.
    var general: [CheckedCondition] { row.parts.filter { isReglemente || $0.origin == .general }.map(\.condition) }
    /// The parts a kundval writes itself.
    var specific: [CheckedCondition] { row.parts.filter { !isReglemente && $0.origin == .specific }.map(\.condition) }
    var title: String? { row.title }
    /// The reglemente's section where the row has a general part, so that the sections follow its order.
    var section: String? { general.first?.section ?? specific.first?.section }
    var parts: [CheckedCondition] { row.parts.map(\.condition) }
    var isSwitchedOff: Bool { row.isSwitchedOff }
    var appliesWhereRelevant: Bool { parts.contains(where: \.appliesWhereRelevant) }
    /// The anchor: `villkor-16.8.4`.
    var anchor: String { "villkor-" + number.description }
}

extension DocumentPage {
    /// The three column headings of the official table.
    static let columnHeadings = ["Auktorisationsvillkor", "Underlag för uppföljning/kontroll", "Sanktion/åtgärd vid brist"]

    /// The file the general parts come from: the reglemente's for a kundval, the document's own
    /// for a reglemente.
    var generalFile: SourceFile? { document.kind == .kundval ? reglementeFile : file }

    /// Every condition in force, in number order.
    var rows: [ConditionRow] {
        document.conditionsInForce.map { ConditionRow(row: $0, isReglemente: document.kind == .reglemente) }
    }

    /// The section each row is shown under, in number order. A reglemente's rows, and a
    /// kundval's that declares no section, are under the reglemente's sections. A kundval that
    /// declares its own (`avsnitt`) is shown as its document is laid out: a row it writes a part
    /// of is under that part's section, and a row of the reglemente's alone stays under the
    /// section before it (taking the reglemente's section for a row the kundval wrote after
    /// another heading made 002's table switch between the two documents' headings some
    /// twenty times; a policy author's walk).
    static func sections(of rows: [ConditionRow], isKundval: Bool) -> [String?] {
        guard isKundval, rows.contains(where: { $0.specific.first?.section != nil }) else { return rows.map(\.section) }
        var current: String?
        return rows.map { row in
            if let own = row.specific.first?.section { current = own }
            return current ?? row.section
        }
    }

    /// The condition table, one table per section.
    func writeConditions(into html: inout HTMLText) {
        let rows = rows
        var groups: [(section: String?, rows: [ConditionRow])] = []
        for (row, section) in zip(rows, Self.sections(of: rows, isKundval: document.kind == .kundval)) {
            if let last = groups.last, last.section == section || section == nil {
                groups[groups.count - 1].rows.append(row)
            } else {
                groups.append((section, [row]))
            }
        }
        html.element("h2", [("id", "villkor")], text: "Auktorisationsvillkor")
        if rows.isEmpty { html.element("p", text: "Dokumentet har inga villkor.") }
        for group in groups {
            if let section = group.section { html.element("h3", [("class", "avsnitt")], text: section) }
            html.element("table", [("class", "villkorstabell")]) { table in
                table.element("thead") { head in
                    head.element("tr") { tr in
                        for heading in Self.columnHeadings { tr.element("th", [("scope", "col")], text: heading) }
                    }
                }
                table.element("tbody") { body in
                    for row in group.rows {
                        writeRow(row, into: &body)
                    }
                }
            }
        }
    }

    /// One `tr` with its three cells.
    ///
    /// A sub-condition without its own `underlag` or `vid brist` names the condition whose
    /// columns it takes over, as the checker decided (``ConditionInForce/Part``).
    func writeRow(_ row: ConditionRow, into html: inout HTMLText) {
        let generalLocation = row.general.first.flatMap { location($0.span, in: generalFile) }
        let specificLocation = row.specific.first.flatMap { location($0.span, in: file) }
        let both = !row.general.isEmpty && !row.specific.isEmpty
        html.open("tr", [("id", row.anchor), ("class", row.isSwitchedOff ? "villkor avstangt" : "villkor"),
                         ("data-nummer", row.number.description),
                         ("data-generell", generalLocation), ("data-specifik", specificLocation)])
        // Auktorisationsvillkor.
        html.element("td", [("class", "kolumn-villkor"), ("data-rubrik", Self.columnHeadings[0])]) { cell in
            cell.element("p", [("class", "nummer")]) { p in
                p.element("a", [("class", "nr"), ("href", "#" + row.anchor)], text: row.number.description)
                if let title = row.title {
                    p.raw(" ")
                    p.element("span", [("class", "titel")], text: title)
                }
            }
            if row.appliesWhereRelevant { cell.element("p", [("class", "forekommande")], text: "I förekommande fall") }
            // A switched-off row says so in the part that switches it off (the kundval's), as the
            // document does (see `writeText`).
            for general in row.general {
                writeText(of: general, label: both ? "Generellt villkor" : nil, className: "generell",
                          location: location(general.span, in: generalFile), file: generalFile, into: &cell)
            }
            for specific in row.specific {
                writeText(of: specific, label: document.kind == .kundval ? "Specifikt villkor" : nil, className: "specifik",
                          location: location(specific.span, in: file), file: file, into: &cell)
            }
        }
        // Underlag för uppföljning/kontroll.
        html.element("td", [("class", "kolumn-underlag"), ("data-rubrik", Self.columnHeadings[1])]) { cell in
            // The general parts, then the specific ones, with the consequences each has in force
            // (its own, else those it takes over).
            let parts = row.row.parts.filter { !$0.condition.evidence.isEmpty }.map { part in
                row.isReglemente || part.origin == .general ? (part, "Generellt", generalFile) : (part, "Specifikt", file)
            }
            for (part, label, partFile) in parts {
                if parts.count > 1 { cell.element("p", [("class", "del-rubrik")], text: label) }
                writeEvidence(part.condition.evidence, consequences: part.consequences, file: partFile, into: &cell)
            }
            if parts.isEmpty {
                if let from = row.row.parts.lazy.compactMap(\.controlPointsFrom).first(where: { $0 != row.number }) {
                    cell.element("p", [("class", "arvt")]) { p in
                        p.escaped("Underlaget för ")
                        p.element("a", [("href", "#villkor-" + from.description)], text: "villkor \(from)")
                        p.escaped(" gäller.")
                    }
                } else {
                    cell.element("p", [("class", "tom")], text: "Inget underlag anges.")
                }
            }
        }
        // Sanktion/åtgärd vid brist.
        html.element("td", [("class", "kolumn-foljd"), ("data-rubrik", Self.columnHeadings[2])]) { cell in
            let stated = (row.general.map { ($0, "Generellt") } + row.specific.map { ($0, "Specifikt") })
                .filter { !$0.0.consequences.isEmpty }
            if Set(stated.map { $0.0.consequences.map(Self.words) }).count > 1 {
                // Each part is decided with its own consequences.
                for (part, label) in stated {
                    cell.element("p", [("class", "del-rubrik")], text: label)
                    writeConsequences(Self.distinct(part.consequences), into: &cell)
                }
            } else if let (part, _) = stated.first {
                writeConsequences(Self.distinct(part.consequences), into: &cell)
            } else if let part = row.row.parts.first(where: { $0.consequencesFrom.map { $0 != row.number } ?? false }),
                      let from = part.consequencesFrom {
                writeConsequences(Self.distinct(part.consequences), into: &cell)
                cell.element("p", [("class", "arvt")]) { p in
                    p.escaped("Som för ")
                    p.element("a", [("href", "#villkor-" + from.description)], text: "villkor \(from)")
                    p.escaped(".")
                }
            } else {
                cell.element("p", [("class", "tom")], text: "Ingen följd anges.")
            }
        }
        html.close("tr")
    }

    /// A part's `lydelse`, `förtydligande`, requirements and notes.
    func writeText(of condition: CheckedCondition, label: String?, className: String, location: String?, file: SourceFile?,
                   into html: inout HTMLText) {
        html.element("div", [("class", "del " + className), ("data-fil", location)]) { div in
            if let label { div.element("p", [("class", "del-rubrik")], text: label) }
            if condition.isSwitchedOff { div.element("p", [("class", "avstangt-text")], text: "Förekommer inte i detta kundval") }
            if let wording = condition.wording { div.prose(wording, className: "lydelse") }
            if let clarification = condition.clarification {
                div.element("p", [("class", "etikett")], text: "Förtydligande")
                div.prose(clarification, className: "fortydligande")
            }
            if condition.wording == nil, condition.clarification == nil, condition.requirements.isEmpty, !condition.isSwitchedOff {
                div.element("p", [("class", "tom")], text: "Ingen egen text.")
            }
            if let applicability = condition.applicability {
                div.element("p", [("class", "galler-nar")]) { p in
                    p.element("span", [("class", "etikett")], text: "Gäller när: ")
                    p.element("code", text: Self.sourceText(applicability.expression.span, in: file))
                }
            }
            writeRequirements(condition.requirements, file: file, into: &div)
            for note in condition.notes { div.prose(note, className: "anmarkning") }
        }
    }

    /// `kräver`: each requirement by its label, or as written.
    func writeRequirements(_ requirements: [(label: String?, body: CheckedBody)], file: SourceFile?, into html: inout HTMLText) {
        guard !requirements.isEmpty else { return }
        html.element("div", [("class", "krav")]) { details in
            details.element("p", [("class", "etikett")], text: "Krav som prövas")
            details.element("ul") { ul in
                for requirement in requirements {
                    ul.element("li") { li in
                        if let label = requirement.label {
                            li.element("span", [("class", "krav-namn")], text: label)
                            li.raw(" ")
                        }
                        li.element("code", text: Self.sourceText(requirement.body.expression.span, in: file))
                    }
                }
            }
        }
    }

    /// The consequences without repeats (by their words: the same consequence written twice
    /// has two places in the file).
    static func distinct(_ consequences: [ConsequenceSyntax.Kind]) -> [ConsequenceSyntax.Kind] {
        var seen = Set<String>()
        return consequences.filter { seen.insert(words($0)).inserted }
    }
}
