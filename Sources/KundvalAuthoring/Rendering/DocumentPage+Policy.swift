import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// The parts of the document after the condition table: the services (insatser), the sanction
// policy and its decision tables, the grounds for de-authorization and the computations.

extension DocumentPage {
    /// `insats …`: each service with its wording, when it applies, its properties and
    /// requirements (the numbers the document sets).
    func writeServices(into html: inout HTMLText) {
        guard !document.services.isEmpty else { return }
        html.element("section", [("id", "insatser")]) { section in
            section.element("h2", text: "Insatser")
            for service in document.services {
                section.element("article", [("class", "insats"), ("id", "insats-" + service.name),
                                            ("data-fil", location(service.span, in: file))]) { article in
                    article.element("h3", text: service.title ?? Self.readable(service.name))
                    for wording in service.wording { article.prose(wording, className: "lydelse") }
                    if let applicability = service.applicability {
                        article.element("p", [("class", "galler-nar")]) { p in
                            p.element("span", [("class", "etikett")], text: "Gäller när: ")
                            p.element("code", text: Self.sourceText(applicability.expression.span, in: file))
                        }
                    }
                    if !service.properties.isEmpty {
                        article.element("ul", [("class", "egenskaper")]) { ul in
                            for property in service.properties {
                                ul.element("li") { li in
                                    li.element("span", [("class", "krav-namn")], text: Self.readable(property.name))
                                    li.escaped(property.bound.map { " \($0.rawValue) " } ?? ": ")
                                    li.element("code", text: Self.sourceText(property.value.expression.span, in: file))
                                }
                            }
                        }
                    }
                    writeRequirements(service.requirements, file: file, into: &article)
                }
            }
        }
    }

    /// `sanktioner enligt T`: the policy's text and notes, the table that chooses the step, the
    /// amounts that go with a step; then every decision table in force.
    func writeSanctions(into html: inout HTMLText) {
        let tables = document.tables.values.sorted { left, right in
            let leftOwn = own.tables.contains(left.name), rightOwn = own.tables.contains(right.name)
            return leftOwn == rightOwn ? left.span.start < right.span.start : !leftOwn
        }
        let ladder = document.enumerations[SanctionLadder.typeName]
        guard document.sanctionPolicy != nil || !tables.isEmpty || ladder != nil else { return }
        html.element("section", [("id", "sanktioner")]) { section in
            section.element("h2", text: "Sanktioner")
            if let ladder, !ladder.cases.isEmpty {
                section.element("p", [("class", "trappa")]) { p in
                    p.element("span", [("class", "etikett")], text: ladder.isOrdered ? "Sanktionstrappan, i stigande allvarlighet: "
                                                                                     : "Sanktionerna: ")
                    p.escaped(ladder.cases.map(Self.readable).joined(separator: " – "))
                }
            }
            if let policy = document.sanctionPolicy {
                let policyFile = fileDeclaring(own.sanctionPolicy)
                section.element("div", [("class", "policy"), ("data-fil", location(policy.span, in: policyFile))]) { div in
                    if let wording = policy.wording { div.prose(wording, className: "lydelse") }
                    div.element("p") { p in
                        p.escaped("Sanktionen väljs enligt tabellen ")
                        p.element("a", [("href", "#tabell-" + policy.table)], text: Self.readable(policy.table))
                        p.escaped(" för varje villkor vars följd är en sanktion utan egen tabell.")
                    }
                    for (step, definition) in policy.amounts {
                        div.element("p") { p in
                            p.escaped("Vid \(Self.readable(step)): beloppet enligt ")
                            p.element("a", [("href", "#berakning-" + definition)], text: Self.readable(definition))
                            p.escaped(".")
                        }
                    }
                    for note in policy.notes { div.prose(note, className: "anmarkning") }
                }
            }
            for table in tables { writeTable(table, into: &section) }
        }
    }

    /// A decision table: a column per parameter and one for the result; `–` matches any value.
    func writeTable(_ table: CheckedTable, into html: inout HTMLText) {
        let tableFile = fileDeclaring(own.tables.contains(table.name))
        html.element("figure", [("class", "beslutstabell"), ("id", "tabell-" + table.name),
                                ("data-fil", location(table.span, in: tableFile))]) { figure in
            figure.element("figcaption") { caption in
                caption.escaped("Tabell: ")
                caption.element("strong", text: Self.readable(table.name))
                caption.escaped(table.isOrdered ? " (raderna prövas i ordning; den första som passar gäller)"
                                                : " (en rad passar)")
            }
            figure.element("table") { t in
                t.element("thead") { head in
                    head.element("tr") { tr in
                        for parameter in table.parameters { tr.element("th", [("scope", "col")], text: Self.readable(parameter.name)) }
                        tr.element("th", [("scope", "col"), ("class", "resultat")], text: "Resultat (\(table.resultType))")
                    }
                }
                t.element("tbody") { body in
                    for row in table.rows {
                        body.element("tr") { tr in
                            for test in row.tests {
                                guard let (op, value) = test else {
                                    tr.element("td", [("class", "alla")], text: "–")
                                    continue
                                }
                                let text = Self.readable(Self.sourceText(value.span, in: tableFile))
                                tr.element("td", text: op == .equal ? text : "\(op.rawValue) \(text)")
                            }
                            tr.element("td", [("class", "resultat")],
                                       text: Self.readable(Self.sourceText(row.result.expression.span, in: tableFile)))
                        }
                    }
                }
            }
        }
    }

    /// `avauktorisation "…"`: each ground with its text, when it applies and from which date.
    func writeDeauthorizations(into html: inout HTMLText) {
        guard !document.deauthorizations.isEmpty else { return }
        html.element("section", [("id", "avauktorisation")]) { section in
            section.element("h2", text: "Avauktorisation")
            for ground in document.deauthorizations {
                let groundFile = fileDeclaring(own.deauthorizations.contains(ground.title))
                section.element("article", [("class", "grund"), ("data-fil", location(ground.span, in: groundFile))]) { article in
                    article.element("h3", text: ground.title)
                    if let wording = ground.wording { article.prose(wording, className: "lydelse") }
                    if let applicability = ground.applicability {
                        article.element("p", [("class", "galler-nar")]) { p in
                            p.element("span", [("class", "etikett")], text: "Gäller när: ")
                            p.element("code", text: Self.sourceText(applicability.expression.span, in: groundFile))
                        }
                    }
                    article.element("p", [("class", "fran")]) { p in
                        p.element("span", [("class", "etikett")], text: "Avauktoriseras från: ")
                        p.element("code", text: Self.sourceText(ground.from.expression.span, in: groundFile))
                    }
                    for note in ground.notes { article.prose(note, className: "anmarkning") }
                }
            }
        }
    }

    /// `definition …`: every computation in force, the reglemente's first, each with its
    /// parameters, its result and its expression as written.
    func writeDefinitions(into html: inout HTMLText) {
        let definitions = document.definitions.values.sorted { left, right in
            let leftOwn = own.definitions.contains(left.name), rightOwn = own.definitions.contains(right.name)
            return leftOwn == rightOwn ? left.span.start < right.span.start : !leftOwn
        }
        guard !definitions.isEmpty else { return }
        html.element("section", [("id", "berakningar")]) { section in
            section.element("h2", text: "Beräkningar")
            section.element("p", [("class", "forklaring")], text: "Så räknas de värden fram som villkoren, sanktionerna och "
                + "insatserna använder. Uttrycken står som i regelfilen.")
            section.element("dl", [("class", "berakningar")]) { dl in
                for definition in definitions {
                    let definitionFile = fileDeclaring(own.definitions.contains(definition.name))
                    dl.element("div", [("id", "berakning-" + definition.name),
                                       ("data-fil", location(definition.span, in: definitionFile))]) { div in
                        div.element("dt") { dt in
                            dt.element("strong", text: Self.capitalized(Self.readable(definition.name)))
                            if !definition.parameters.isEmpty {
                                dt.escaped(" för " + definition.parameters.map { "\(Self.readable($0.name)) (\($0.type))" }
                                    .joined(separator: ", "))
                            }
                            dt.escaped(": \(definition.resultType)")
                        }
                        div.element("dd") { dd in
                            dd.element("code", text: Self.sourceText(definition.body.expression.span, in: definitionFile))
                        }
                    }
                }
            }
        }
    }
}
