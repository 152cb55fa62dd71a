import KundvalDiagnostics
import KundvalSyntax

extension DocumentChecker {
    /// The most numbers one row may state (`villkor 15–18`).
    static let maximumConditionRange = 100

    /// The numbers a condition declaration states: its number, or every number of its range
    /// (`villkor 15–18`, `villkor 16.1–16.4`), reporting a range that is not one.
    mutating func numbers(of decl: ConditionDecl, report shouldReport: Bool) -> [ConditionNumber] {
        guard let last = decl.lastNumber else { return [decl.number] }
        let first = decl.number
        // A range whose end the parser could not read (reported there) states no number yet.
        if last.parts == [0] { return [] }
        let span = first.span.union(last.span)
        guard first.parts.count == last.parts.count, first.parts.dropLast() == last.parts.dropLast(),
              let low = first.parts.last, let high = last.parts.last, low <= high, high - low < Self.maximumConditionRange else {
            if shouldReport {
                report(.backwardsRange, "`\(first)–\(last)` är inget intervall av villkor", at: span,
                       hint: "ett intervall går från ett lägre till ett högre nummer på samma nivå, som `15–18` eller `16.1–16.4`, med högst \(Self.maximumConditionRange) nummer")
            }
            return [first]
        }
        return (low...high).map { ConditionNumber(parts: Array(first.parts.dropLast()) + [$0], span: span) }
    }

    /// Every condition number this document declares, before anything refers to them.
    mutating func collectConditionNumbers() {
        for case .condition(let condition) in syntax.declarations where condition.number.parts != [0] {
            for number in numbers(of: condition, report: false) {
                conditionNumbers.insert(number.parts)
                if condition.isSwitchedOff { switchedOffNumbers.insert(number.parts) }
            }
        }
    }

    /// Checks conditions: numbering and linking to the reglemente, then every clause. A range
    /// (`villkor 15–18`) states the same row under each of its numbers. A number that the source
    /// prints twice (two rows in two sections) is written twice, each with its own heading: the
    /// two rows are two parts of that condition; without headings, or with the same one, the
    /// second is K0405.
    mutating func checkConditions(isKundval: Bool) -> [CheckedCondition] {
        var result: [CheckedCondition] = []
        var seen: [[Int]: (span: SourceSpan, title: String?)] = [:]
        var section: String?
        // How many rows state each number (two rows of one number are told apart by headings).
        var rows: [[Int]: Int] = [:]
        for case .condition(let decl) in syntax.declarations {
            for number in numbers(of: decl, report: false) { rows[number.parts, default: 0] += 1 }
        }
        reportConditionsOutOfOrder()
        for declaration in syntax.declarations {
            if case .section(let title) = declaration { section = title.value }
            guard case .condition(let decl) = declaration, decl.number.parts != [0] else { continue }
            var checked: CheckedCondition?
            // A range that repeats several numbers is one mistake: one error, at its first repeat.
            var repeated: [(number: ConditionNumber, first: SourceSpan)] = []
            defer { reportRepeatedNumbers(repeated) }
            for number in numbers(of: decl, report: true) {
                if let first = seen[number.parts] {
                    guard let title = decl.title?.value, let firstTitle = first.title, title != firstTitle else {
                        repeated.append((number, first.span))
                        continue
                    }
                } else {
                    seen[number.parts] = (number.span, decl.title?.value)
                }
                linkCondition(decl, number: number, isKundval: isKundval, ownRow: rows[number.parts] == 1)
                let condition = checked ?? checkCondition(decl, section: section)
                checked = condition
                var numbered = condition
                numbered.number = number
                result.append(numbered)
            }
        }
        return result
    }

    /// K0422 for a condition written after one with a higher number and under another heading
    /// than the rows on both sides of its number: the document shows its rows in number order, each
    /// section's heading before its rows, so such a row stands under the heading of its section
    /// between other sections' rows, and that heading comes twice (an LSS author's `villkor 11`
    /// under "Information och uppföljning", after 27.2). A range (`villkor 29–31`) counts by its
    /// first number, so its numbers' sub-conditions (`29.1`, `30.1`) follow it.
    private mutating func reportConditionsOutOfOrder() {
        var rows: [(number: ConditionNumber, section: String?)] = []
        var section: String?
        for declaration in syntax.declarations {
            if case .section(let title) = declaration { section = title.value }
            guard case .condition(let decl) = declaration, decl.number.parts != [0],
                  let first = numbers(of: decl, report: false).first else { continue }
            rows.append((first, section))
        }
        // The rows in number order, and each row's place in it: the rows beside one in number
        // order are found there (searching all rows for each row out of order took time
        // quadratic in the rows: 8 s for 4,000 in descending order; found by an adversarial session).
        func precedes(_ a: Int, _ b: Int) -> Bool { rows[a].number.parts.lexicographicallyPrecedes(rows[b].number.parts) }
        let order = rows.indices.sorted(by: precedes)
        var place = [Int](repeating: 0, count: rows.count)
        for (position, index) in order.enumerated() { place[index] = position }
        var highest: ConditionNumber?
        for (index, row) in rows.enumerated() {
            defer { if highest.map({ $0.parts.lexicographicallyPrecedes(row.number.parts) }) ?? true { highest = row.number } }
            guard let before = highest, row.number.parts.lexicographicallyPrecedes(before.parts) else { continue }
            // The row beside it in number order: the one just below it, or else just above
            // (rows of the same number are not beside it).
            var (lower, upper) = (place[index] - 1, place[index] + 1)
            while lower >= 0, !precedes(order[lower], index) { lower -= 1 }
            while upper < order.count, !precedes(index, order[upper]) { upper += 1 }
            let below = lower >= 0 ? rows[order[lower]] : nil
            let above = upper < order.count ? rows[order[upper]] : nil
            // Beside a row of its own section it joins that section's rows, and the heading
            // comes once.
            guard below?.section != row.section, above?.section != row.section, let beside = below ?? above else { continue }
            let heading = row.section.map { " under rubriken ”\($0)”" } ?? " före den första rubriken"
            let place = beside.section.map { "i avsnittet ”\($0)”, där villkor \(beside.number) står" }
                ?? "före den första rubriken, där villkor \(beside.number) står"
            report(.conditionOutOfOrder,
                   "villkor \(row.number) står efter villkor \(before)\(heading); dokumentet visar villkoren i nummerordning",
                   at: row.number.span,
                   hint: "flytta villkor \(row.number) till sin plats i nummerordningen, \(place)",
                   severity: .warning, notes: [DiagnosticNote(span: before.span, message: "villkor \(before)")])
        }
    }

    /// K0405 for the numbers a condition repeats without a heading of its own, once.
    private mutating func reportRepeatedNumbers(_ repeated: [(number: ConditionNumber, first: SourceSpan)]) {
        guard let (number, first) = repeated.first else { return }
        let line = file.location(of: first.start).line
        let message = repeated.count == 1
            ? "villkor \(number) finns redan på rad \(line)"
            : "villkor " + repeated.map { "\($0.number)" }.joined(separator: ", ") + " finns redan, det första på rad \(line)"
        report(.duplicateCondition, message, at: number.span,
               hint: "står numret två gånger i källan, ge de två raderna var sin rubrik",
               notes: [DiagnosticNote(span: first, message: "det första villkor \(number)")])
    }

    /// A kundval's top-level numbers refine the reglemente's; sub-numbers hang under an
    /// existing number; only conditions that apply "i förekommande fall" can be switched off.
    private mutating func linkCondition(_ decl: ConditionDecl, number: ConditionNumber, isKundval: Bool, ownRow: Bool) {
        if number.parts.count > 1 {
            let parent = Array(number.parts.dropLast())
            if !conditionNumbers.contains(parent) {
                let parentText = parent.map(String.init).joined(separator: ".")
                // In a kundval, a main number the reglemente lacks cannot be added: the sub-
                // condition belongs under one of the reglemente's (`32.2` beside 1–31).
                let general = generalMainNumbers
                let hint = isKundval && parent.count == 1 && !general.isEmpty
                    ? "ett undervillkor i ett kundval hänger under ett av reglementets villkor, \(Self.listed(general)); kontrollera numret"
                    : "lägg till villkor \(parentText), eller kontrollera numret"
                report(.orphanSubCondition, "villkor \(number) är ett undervillkor till villkor \(parentText), som inte finns",
                       at: number.span, hint: hint)
            }
            if decl.isSwitchedOff {
                report(.mandatoryConditionSwitchedOff, "bara generella villkor kan anges som `förekommer inte i detta kundval`",
                       at: number.span)
            } else if let off = (1..<number.parts.count).lazy.map({ Array(number.parts.prefix($0)) }).first(where: switchedOffNumbers.contains) {
                // 19.1 refines 19, which the kundval says does not occur: it would be assessed
                // with the evidence and consequences of a row that is not in force.
                // One error per condition switched off, its note naming the second sub-condition
                // and counting the rest (one line, `förekommer inte`, may be the one mistake).
                let offText = off.map(String.init).joined(separator: ".")
                if var reported = subConditionsOfSwitchedOff[off] {
                    reported.count += 1
                    let second = reported.second ?? number
                    reported.second = second
                    subConditionsOfSwitchedOff[off] = reported
                    let rest = reported.count - 2
                    let note = "också villkor \(second)"
                        + (rest == 0 ? "" : rest == 1 ? " och ett undervillkor till" : " och \(rest) undervillkor till")
                    diagnostics.update(item: reported.item) { $0.notes = [DiagnosticNote(span: second.span, message: note)] }
                } else {
                    subConditionsOfSwitchedOff[off] = (diagnostics.items.count, nil, 1)
                    report(.subConditionOfSwitchedOff,
                           "villkor \(number) hör till villkor \(offText), som inte förekommer i detta kundval",
                           at: number.span,
                           hint: "ta bort `förekommer inte i detta kundval` från villkor \(offText), eller ta bort dess undervillkor")
                }
            }
            return
        }
        guard isKundval else {
            if decl.isSwitchedOff {
                report(.switchOffInReglemente, "ett reglemente kan inte ange att ett villkor inte förekommer",
                       at: number.span, hint: "`förekommer inte i detta kundval` skrivs i kundvalets fil")
            }
            return
        }
        guard let general = generalConditions[number.parts] else {
            let numbers = generalMainNumbers
            let range = numbers.isEmpty ? "" : " (reglementet har villkor \(Self.listed(numbers)))"
            report(.unknownGeneralCondition, "reglementet har inget villkor \(number) som kundvalet kan precisera\(range)",
                   at: number.span, hint: "ett specifikt villkor har samma nummer som det generella villkor det preciserar; ett nytt krav blir ett undervillkor, till exempel `\(numbers.last ?? 1).1`")
            return
        }
        if let title = decl.title, let generalTitle = general.title, ownRow, title.value != generalTitle,
           !generalRowsSharingNumbers.contains(number.parts), number.parts == decl.number.parts {
            // The row is the general condition's: its heading is the reglemente's. (Two rows of
            // one number keep their headings, which tell them apart; a general row without a
            // heading shows the kundval's; a range is warned about once, at its first number.)
            report(.refinedConditionTitle,
                   "rubriken visas inte: villkor \(number) har reglementets rubrik ”\(generalTitle)”",
                   at: title.span,
                   hint: "ta bort rubriken, eller skriv kravet som ett undervillkor med egen rubrik, till exempel `villkor \(number).1 \"\(title.value)\"`",
                   severity: .warning)
        }
        if decl.isSwitchedOff, !general.appliesWhereRelevant {
            report(.mandatoryConditionSwitchedOff,
                   "villkor \(number)\(general.title.map { " ”\($0)”" } ?? "") gäller alltid och kan inte anges som att det inte förekommer",
                   at: number.span,
                   hint: "bara generella villkor som gäller `i förekommande fall` kan stängas av i ett kundval")
        }
    }

    private mutating func checkCondition(_ decl: ConditionDecl, section: String?) -> CheckedCondition {
        var condition = CheckedCondition(
            number: decl.number, title: decl.title?.value, section: section, appliesWhereRelevant: decl.appliesWhereRelevant,
            isSwitchedOff: decl.isSwitchedOff, wording: nil, clarification: nil, notes: [], applicability: nil,
            requirements: [], evidence: [], consequences: [], span: decl.span)
        var firstConsequences: SourceSpan?
        for clause in decl.clauses {
            switch clause {
            case .wording(let text):
                condition.wording = condition.wording.map { $0 + "\n\n" + text.value } ?? text.value
            case .clarification(let text):
                condition.clarification = condition.clarification.map { $0 + "\n\n" + text.value } ?? text.value
            case .note(let text):
                condition.notes.append(text.value)
            case .requirement(let label, let expression):
                var scope = Scope()
                let typed = checkRequirement(expression, in: &scope)
                condition.requirements.append((label?.value, CheckedBody(expression: typed, frameSize: scope.frameSize)))
            case .applicability(let expression):
                if let first = condition.applicability {
                    reportRepeatedClause("`gäller när`", at: expression.span, first: first.expression.span)
                    continue
                }
                var scope = Scope()
                let typed = checkBoolean(expression, what: "villkoret efter `gäller när`", in: &scope)
                condition.applicability = CheckedBody(expression: typed, frameSize: scope.frameSize)
            case .evidence(let evidence):
                condition.evidence.append(checkEvidence(evidence))
            case .consequences(let consequences, let span):
                if let first = firstConsequences {
                    report(.duplicateDeclaration, "villkoret har redan `vid brist` på rad \(file.location(of: first.start).line)", at: span,
                           hint: "skriv alla påföljder på en rad, till exempel `vid brist: ej godkänd auktorisation, sanktion`",
                           notes: [DiagnosticNote(span: first, message: "första `vid brist`")])
                    continue
                }
                firstConsequences = span
                condition.consequences += checkConsequences(consequences)
            }
        }
        return condition
    }

    /// Evidence: each document a fact, and a maximum age only on a dated one.
    private mutating func checkEvidence(_ evidence: EvidenceClause) -> CheckedEvidence {
        var documents: [(document: CheckedBody, maximumAge: DocumentAge?)] = []
        for reference in evidence.documents {
            var scope = Scope()
            let typed = check(reference.document, in: &scope)
            var maximumAge: DocumentAge?
            if let age = reference.maximumAge {
                switch DocumentAge.of(age) {
                case .success(let checked):
                    maximumAge = checked
                case .failure(.notADuration):
                    report(.invalidMaximumAge, "en högsta ålder anges i dagar, veckor, månader eller år, inte i `\(age.unit.rawValue)`",
                           at: age.span)
                case .failure(.notWhole(let unit)):
                    report(.invalidMaximumAge,
                           "`\(age.value) \(age.unit.rawValue)` är inte ett helt antal \(unit == .days ? "dagar" : "månader")",
                           at: age.span,
                           hint: unit == .days ? "skriv åldern i hela dagar eller veckor" : "skriv åldern i hela månader eller år, som `6 månader` för ett halvt år")
                case .failure(.tooLong):
                    report(.invalidMaximumAge,
                           "en högsta ålder på `\(age.value) \(age.unit.rawValue)` är längre än \(DocumentAge.maximumYears) år",
                           at: age.span, hint: "skriv den ålder dokumentet anger, eller ta bort `högst … gammalt` om åldern inte prövas")
                }
                let type = typed.type.unwrapped
                var dated = type == .date
                if case .record(let name) = type { dated = records[name]?.isDated == true }
                if !type.isError, !dated {
                    report(.undatedEvidence, "`\(file.text(of: reference.document.span))` har inget datum, så dess ålder kan inte prövas",
                           at: reference.document.span,
                           hint: "ett daterat underlag är ett `datum` eller en post med fältet `utfärdat: datum`, till exempel `typ Dokument` med `utfärdat: datum`")
                }
            }
            documents.append((CheckedBody(expression: typed, frameSize: scope.frameSize), maximumAge))
        }
        return CheckedEvidence(kind: evidence.kind, description: evidence.description?.value, documents: documents,
                               consequences: checkConsequences(evidence.consequences))
    }

    /// The reglemente's main condition numbers (`1` … `31`), in order.
    var generalMainNumbers: [Int] { generalConditions.keys.filter { $0.count == 1 }.map { $0[0] }.sorted() }

    /// Sorted condition numbers as a message names them: `1–31` when they follow each other,
    /// `4, 6, 19` when they do not (`4–19` named numbers the reglemente lacks), `4, 6, … 40` when many.
    static func listed(_ numbers: [Int]) -> String {
        guard let first = numbers.first, let last = numbers.last else { return "" }
        if numbers.count > 2, last - first + 1 == numbers.count { return "\(first)–\(last)" }
        if numbers.count <= 8 { return numbers.map(String.init).joined(separator: ", ") }
        return numbers.prefix(6).map(String.init).joined(separator: ", ") + ", … \(last)"
    }
}
