import KundvalDiagnostics
import KundvalSyntax

// The third column and the sanction section: consequences (steps of the ladder, tables), the
// sanction policy and the grounds for de-authorization.
extension DocumentChecker {
    /// The sanction ladder in force (see ``SanctionLadder``), if the documents declare one.
    var ladder: EnumerationType? { enumerations[SanctionLadder.typeName] }

    /// A row's or a control point's consequences: each step must be on the ladder, each table
    /// must choose a step from facts and definitions.
    mutating func checkConsequences(_ consequences: [ConsequenceSyntax]) -> [ConsequenceSyntax.Kind] {
        for consequence in consequences {
            switch consequence.kind {
            case .sanction(let table?):
                checkSanctionTable(table)
            case .step(let step):
                checkStep(step)
            default:
                continue
            }
        }
        return consequences.map(\.kind)
    }

    /// A step named in a `vid brist` or a policy must be a case of the ladder.
    private mutating func checkStep(_ step: Identifier) {
        guard let ladder else {
            let words = ["sanktion", "avauktorisation"]
            report(.unknownConsequence, "`\(step.name)` är ingen påföljd vid brist: det finns ingen sanktionstrappa", at: step.span,
                   hint: closest(to: step.name, among: words).map { "menade du `\($0)`?" }
                       ?? "skriv `vid brist: sanktion` (eller `sanktion enligt TABELL`) för dokumentets sanktioner, "
                       + "eller deklarera stegen i stigande ordning: `typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning`")
            return
        }
        guard !ladder.cases.contains(step.name) else { return }
        let candidates = ladder.cases + ["sanktion", "avauktorisation"]
        report(.unknownConsequence, "`\(step.name)` är inget steg i sanktionstrappan `\(SanctionLadder.typeName)`", at: step.span,
               hint: closest(to: step.name, among: candidates).map { "menade du `\($0)`?" }
                   ?? "stegen i `Sanktion` är " + ladder.cases.map { "`\($0)`" }.joined(separator: ", "))
    }

    /// `sanktion enligt T` and `sanktioner enligt T`: `T` is a decision table giving a step of the
    /// ladder (an enumeration), whose inputs are facts and definitions without parameters of
    /// the same names.
    mutating func checkSanctionTable(_ table: Identifier) {
        guard let signature = tableSignatures[table.name] else {
            report(.unknownSanctionTable, "det finns ingen beslutstabell `\(table.name)`", at: table.span,
                   hint: closest(to: table.name, among: tableSignatures.keys).map { "menade du `\($0)`?" })
            return
        }
        guard signature.resultType.unwrapped == .enumeration(SanctionLadder.typeName) else {
            report(.unknownSanctionTable, "tabellen `\(table.name)` ger `\(signature.resultType)`, inte ett steg i sanktionstrappan `\(SanctionLadder.typeName)`",
                   at: table.span,
                   hint: ladder == nil
                       ? "deklarera stegen i stigande ordning: `typ Sanktion: en av åtgärdsplan, varning, vite, avauktorisation i stigande ordning`"
                       : "en sanktionstabell ger ett steg i sanktionstrappan: skriv `: \(SanctionLadder.typeName)` efter tabellens indata")
            return
        }
        for parameter in signature.parameters {
            let source = facts.first { $0.name == parameter.name }?.type
                ?? definitionSignatures[parameter.name].flatMap { $0.parameters.isEmpty ? $0.resultType : nil }
            guard let source else {
                report(.unknownSanctionTable,
                       "tabellen `\(table.name)` har indata `\(parameter.name)`, men inget faktum eller definition heter så",
                       at: table.span,
                       hint: "en sanktionstabells indata hämtas från fakta och definitioner med samma namn; lägg till `fakta` med `\(parameter.name): \(parameter.type) kan saknas`")
                return
            }
            if !source.isError, !Self.fits(source.unwrapped, parameter.type.unwrapped) {
                report(.unknownSanctionTable,
                       "tabellens indata `\(parameter.name)` är `\(parameter.type)` men faktumet är `\(source)`", at: table.span)
            }
        }
    }

    /// `sanktioner enligt T …`: at most one per document; a kundval without one keeps its
    /// reglemente's. The table gives a step of the ladder, and each amount belongs to a step
    /// and is a definition without parameters.
    mutating func checkSanctionPolicy(inherited: CheckedSanctionPolicy?) -> CheckedSanctionPolicy? {
        var policy: CheckedSanctionPolicy?
        for case .sanctionPolicy(let decl) in syntax.declarations {
            if let first = policy {
                report(.duplicateDeclaration, "dokumentet har redan sanktioner på rad \(file.location(of: first.span.start).line)",
                       at: decl.span.start == decl.table.span.start ? decl.table.span : SourceSpan(start: decl.span.start, end: decl.table.span.end),
                       hint: "skriv dokumentets sanktioner en gång, med en tabell som väljer sanktion")
                continue
            }
            checkSanctionTable(decl.table)
            var checked = CheckedSanctionPolicy(table: decl.table.name, wording: nil, notes: [], amounts: [], span: decl.span)
            for clause in decl.clauses {
                switch clause {
                case .wording(let text): checked.wording = checked.wording.map { $0 + "\n\n" + text.value } ?? text.value
                case .note(let text): checked.notes.append(text.value)
                case .amount(let step, let definition, let span):
                    if checked.amounts.contains(where: { $0.step == step.name }) {
                        report(.duplicateDeclaration, "sanktionerna anger redan ett belopp för `\(step.name)`", at: span,
                               hint: "varje steg har högst ett belopp")
                        continue
                    }
                    checkStep(step)
                    guard let signature = definitionSignatures[definition.name], signature.parameters.isEmpty else {
                        report(.unknownName, "det finns ingen definition utan parametrar som heter `\(definition.name)`",
                               at: definition.span,
                               hint: closest(to: definition.name, among: definitionSignatures.keys).map { "menade du `\($0)`?" })
                        continue
                    }
                    if ladder?.cases.contains(step.name) == true {
                        checked.amounts.append((step.name, definition.name))
                    }
                }
            }
            policy = checked
        }
        if policy == nil, let inherited { checkInheritedPolicyTable(inherited.table) }
        return policy ?? inherited
    }

    /// A kundval that adds cases to an enumeration the reglemente's sanction table reads (`typ
    /// Påverkan utökas: en av …`) must not leave the new cases without a row: the table is
    /// checked again for gaps, reported at the extension.
    private mutating func checkInheritedPolicyTable(_ name: String) {
        guard let table = tables[name], declaredHere["värde:" + name] == nil else { return }
        for case .type(let decl) in syntax.declarations {
            guard case .extensionCases = decl.body,
                  table.parameters.contains(where: { $0.type.unwrapped == .enumeration(decl.name.name) }) else { continue }
            analyse(table, name: Identifier(name: name, span: decl.name.span), inherited: true)
            return
        }
    }

    /// A clause that may stand once, written twice: which one holds would be a guess.
    mutating func reportRepeatedClause(_ clause: String, at span: SourceSpan, first: SourceSpan) {
        report(.duplicateDeclaration, "\(clause) står redan på rad \(file.location(of: first.start).line)", at: span,
               hint: "skriv \(clause) en gång", notes: [DiagnosticNote(span: first, message: "första \(clause)")])
    }

    /// `avauktorisation "…"`: each needs `från`, a date; `gäller när` is `ja/nej`.
    mutating func checkDeauthorizations() -> [CheckedDeauthorization] {
        var grounds: [CheckedDeauthorization] = []
        for case .deauthorization(let decl) in syntax.declarations {
            var wording: String?
            var notes: [String] = []
            var applicability: CheckedBody?
            var from: CheckedBody?
            for clause in decl.clauses {
                switch clause {
                case .wording(let text): wording = wording.map { $0 + "\n\n" + text.value } ?? text.value
                case .note(let text): notes.append(text.value)
                case .applicability(let expression):
                    if let first = applicability {
                        reportRepeatedClause("`gäller när`", at: expression.span, first: first.expression.span)
                        continue
                    }
                    var scope = Scope()
                    let typed = checkBoolean(expression, what: "villkoret efter `gäller när`", in: &scope)
                    applicability = CheckedBody(expression: typed, frameSize: scope.frameSize)
                case .from(let expression):
                    if let first = from {
                        reportRepeatedClause("`från`", at: expression.span, first: first.expression.span)
                        continue
                    }
                    var scope = Scope()
                    let typed = check(expression, expected: KundvalType.date.optional(if: true), in: &scope)
                    from = CheckedBody(expression: typed, frameSize: scope.frameSize)
                }
            }
            // The parser reports a ground without `från`.
            guard let from else { continue }
            grounds.append(CheckedDeauthorization(title: decl.title.value, wording: wording, notes: notes,
                                                  applicability: applicability, from: from, span: decl.span))
        }
        return grounds
    }
}
