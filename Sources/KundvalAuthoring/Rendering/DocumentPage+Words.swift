import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

// The language's own words for control points and consequences, as the GUIDE and the
// explanations write them (`ej godkänd auktorisation`, `sanktion enligt T`, `vid ansökan`).

extension DocumentPage {
    /// `Bifogas ansökan`, `Uppföljning`, …: the kind as written, with a capital letter.
    static func label(_ kind: EvidenceKind) -> String { capitalized(kind.rawValue) }

    /// When `point`, a control point of a part whose row states `consequences`, is checked:
    /// `vid ansökan`, `vid uppföljning` or both, as an assessment that does not say runs it
    /// (``ControlPoints/phases(of:rowConsequences:)``): by its kind and by its consequence
    /// (references with `vid brist: ej godkänd auktorisation` are checked at the application
    /// only, although references as such are checked in both).
    static func whenChecked(_ point: CheckedEvidence, rowConsequences consequences: [ConsequenceSyntax.Kind]) -> String {
        let phases = ControlPoints.phases(of: point, rowConsequences: consequences)
        switch (phases.contains(.application), phases.contains(.operation)) {
        case (true, true): return "kontrolleras vid ansökan och uppföljning"
        case (true, false): return "kontrolleras vid ansökan"
        case (false, true): return "kontrolleras vid uppföljning"
        case (false, false): return "kontrolleras när en bedömning anger det"
        }
    }

    /// A consequence in words, as explanations write it.
    static func words(_ consequence: ConsequenceSyntax.Kind) -> String {
        if case .step(let step) = consequence { return readable(step.name) }
        return consequence.text
    }

    /// An identifier with its underscores as spaces: `varning_förenad_med_vite`.
    static func readable(_ name: String) -> String {
        name.replacingUnderscores()
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A part's control points: kind, description, documents with their maximum age, when they
    /// are checked (by their kind and their consequence, else the part's `consequences`) and
    /// each one's own consequence.
    func writeEvidence(_ evidence: [CheckedEvidence], consequences: [ConsequenceSyntax.Kind], file: SourceFile?,
                       into html: inout HTMLText) {
        html.element("ul", [("class", "underlag")]) { ul in
            for point in evidence {
                ul.element("li", [("data-slag", point.kind.rawValue)]) { li in
                    li.element("span", [("class", "slag")], text: Self.label(point.kind))
                    if let description = point.description {
                        li.escaped(": ")
                        li.element("span", [("class", "beskrivning")], text: description)
                    }
                    for document in point.documents {
                        li.element("span", [("class", "dokument")]) { span in
                            span.escaped("Dokument: ")
                            span.element("code", text: Self.sourceText(document.document.expression.span, in: file))
                            if let age = document.maximumAge {
                                span.escaped(", högst \(age) gammalt")
                            }
                        }
                    }
                    li.element("span", [("class", "nar")], text: Self.whenChecked(point, rowConsequences: consequences))
                    if !point.consequences.isEmpty {
                        li.element("span", [("class", "egen-foljd")],
                                   text: "Vid brist: " + point.consequences.map(Self.words).joined(separator: ", "))
                    }
                }
            }
        }
    }

    /// A row's consequences, by phase: what a shortfall at an application leads to, and during
    /// the authorization (a sanction, one of some steps, de-authorization).
    func writeConsequences(_ consequences: [ConsequenceSyntax.Kind], into html: inout HTMLText) {
        let application = consequences.filter { AssessmentPhase.of($0) == .application }
        let operation = consequences.filter { AssessmentPhase.of($0) == .operation }
        html.element("ul", [("class", "foljd")]) { ul in
            if !application.isEmpty {
                ul.element("li") { li in
                    li.element("span", [("class", "fas")], text: "Vid ansökan")
                    li.escaped(Self.capitalized(application.map(Self.words).joined(separator: ", ")))
                }
            }
            if !operation.isEmpty {
                ul.element("li") { li in
                    li.element("span", [("class", "fas")], text: "Under auktorisationen")
                    let steps = operation.compactMap { if case .step(let step) = $0 { step.name } else { nil } }
                    if steps.count > 1 && steps.count == operation.count {
                        li.escaped("Sanktion, en av: " + steps.map(Self.readable).joined(separator: ", "))
                    } else {
                        for (index, consequence) in operation.enumerated() {
                            if index > 0 { li.escaped(", ") }
                            writeConsequence(consequence, into: &li)
                        }
                    }
                }
            }
        }
    }

    /// One consequence; a sanction links to the table that chooses its step.
    func writeConsequence(_ consequence: ConsequenceSyntax.Kind, into html: inout HTMLText) {
        guard case .sanction(let table) = consequence else {
            html.escaped(Self.capitalized(Self.words(consequence)))
            return
        }
        let name = table?.name ?? document.sanctionPolicy?.table
        html.escaped("Sanktion")
        if let name {
            html.escaped(" enligt ")
            html.element("a", [("href", "#tabell-" + name)], text: Self.readable(name))
        }
    }
}

extension String {
    /// `_` as spaces.
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
