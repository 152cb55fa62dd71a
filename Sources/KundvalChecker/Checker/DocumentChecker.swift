import KundvalDiagnostics
import KundvalSyntax

/// Checks one document against the environment its reglemente gives it.
struct DocumentChecker {
    let file: SourceFile
    let syntax: SourceFileSyntax
    var diagnostics: DiagnosticList

    // The environment: what names mean in this document.
    var records: [String: RecordType] = [:]
    var enumerations: [String: EnumerationType] = [:]
    var facts: [RecordType.Field] = []
    var definitionSignatures: [String: DefinitionSignature] = [:]
    var tableSignatures: [String: TableSignature] = [:]
    var definitions: [String: CheckedDefinition] = [:]
    var tables: [String: CheckedTable] = [:]
    var assessments: [String: CheckedAssessment] = [:]
    var examples: [String: CheckedExample] = [:]
    /// Where each name of this document was declared, for duplicate diagnostics.
    var declaredHere: [String: SourceSpan] = [:]
    /// Each unknown name reported, by its code and name: its diagnostic among ``diagnostics``, and
    /// the later uses that it stands for (see ``reportUnknown(_:_:at:hint:code:)``).
    var unknownNames: [String: UnknownName] = [:]

    /// An unknown name reported once (see ``reportUnknown(_:_:at:hint:code:)``): its diagnostic
    /// among ``diagnostics``, its two first uses in the file and how many uses there are.
    struct UnknownName {
        let item: Int
        var first: SourceSpan
        var second: SourceSpan?
        var uses: Int
    }
    /// The general conditions of the reglemente (for a kundval), by number.
    var generalConditions: [[Int]: CheckedCondition] = [:]
    /// The numbers the reglemente states on more than one row (told apart by their headings).
    var generalRowsSharingNumbers: Set<[Int]> = []
    /// Every condition number in force: the reglemente's and this document's.
    var conditionNumbers: Set<[Int]> = []
    /// The numbers this document says do not occur (`villkor 19 förekommer inte i detta kundval`).
    var switchedOffNumbers: Set<[Int]> = []
    /// For each of them with a sub-condition, its one error among ``diagnostics``, the second
    /// sub-condition and how many there are.
    var subConditionsOfSwitchedOff: [[Int]: (item: Int, second: ConditionNumber?, count: Int)] = [:]

    /// Where the parser reported errors in this file: a declaration with one is checked for what
    /// it holds, and not reported for what the unreadable line would have given it.
    var parseErrors: [SourceSpan] = []

    init(file: SourceFile, syntax: SourceFileSyntax, diagnostics: DiagnosticList, parseErrors: [SourceSpan] = []) {
        self.file = file
        self.syntax = syntax
        self.diagnostics = diagnostics
        self.parseErrors = parseErrors
    }

    /// Whether the parser reported an error inside `span` on a line whose first word is
    /// `word`, or misspells it (`förvantas`).
    func hasParseError(in span: SourceSpan, onLineOf word: String) -> Bool {
        parseErrors.contains { error in
            guard error.start >= span.start, error.start < span.end else { return false }
            let line = file.lineRange(file.lineIndex(of: error.start))
            let first = String(file.text(of: SourceSpan(start: line.lowerBound, end: line.upperBound))
                .split(whereSeparator: \.isWhitespace).first ?? "")
            return first == word || Suggestion.closest(to: first, among: [word]) != nil
        }
    }

    struct DefinitionSignature {
        var parameters: [RecordType.Field]
        var resultType: KundvalType?
        var span: SourceSpan
    }

    struct TableSignature {
        var parameters: [RecordType.Field]
        var resultType: KundvalType
        var span: SourceSpan
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan,
                         hint: String? = nil, severity: Severity = .error, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, span: span,
                                      hint: hint, notes: notes))
    }

    /// Registers a name declared in this document; reports it when it is taken. Types, values
    /// (facts, definitions, tables), assessments, examples and services have separate namespaces.
    mutating func declare(_ identifier: Identifier, as what: String, namespace: String = "typ") -> Bool {
        let key = namespace + ":" + identifier.name
        if let first = declaredHere[key] {
            let location = file.location(of: first.start)
            report(.duplicateDeclaration, "`\(identifier.name)` är redan deklarerat på rad \(location.line)",
                   at: identifier.span, hint: "ge \(what) ett eget namn",
                   notes: [DiagnosticNote(span: first, message: "den första deklarationen")])
            return false
        }
        declaredHere[key] = identifier.span
        return true
    }

    // MARK: - The whole document

    mutating func check(reglemente: CheckedDocument?, reglementeIndex: Int?) -> CheckedDocument? {
        guard let header = syntax.header else { return nil }
        if let reglemente {
            enter(reglemente)
            examples = examples.mapValues { example in
                var inherited = example
                inherited.isReglementes = true
                return inherited
            }
            for condition in reglemente.conditions {
                if generalConditions[condition.number.parts] != nil { generalRowsSharingNumbers.insert(condition.number.parts) }
                generalConditions[condition.number.parts] = condition
            }
        }
        collectConditionNumbers()
        declareTypes()
        // Cases added before existing ones renumber an enumeration: what the reglemente
        // checked with the old numbers is read with the new ones.
        let renumbered = renumberedCases(from: reglemente?.enumerations ?? [:])
        if !renumbered.isEmpty {
            definitions = definitions.mapValues { $0.renumbering(renumbered) }
            tables = tables.mapValues { $0.renumbering(renumbered) }
            examples = examples.mapValues { $0.renumbering(renumbered) }
        }
        declareFacts()
        declareSignatures()
        checkDefinitions()
        checkTables()
        checkAssessmentsAndExamples()
        let sanctionPolicy = checkSanctionPolicy(inherited: reglemente?.sanctionPolicy)
        let deauthorizations = (reglemente?.deauthorizations.map { $0.renumbering(renumbered) } ?? []) + checkDeauthorizations()
        let conditions = checkConditions(isKundval: header.kind == .kundval)
        let services = checkServices()
        let tests = checkTests()

        var document = CheckedDocument(
            path: file.path, kind: header.kind, name: header.name.value, version: header.version,
            decidedBy: nil, committee: nil, registrationNumber: nil, adopted: nil, validFrom: nil, notes: [],
            reglemente: reglementeIndex, records: records, enumerations: enumerations, facts: facts,
            definitions: definitions, tables: tables, assessments: assessments, conditions: conditions,
            services: services, examples: examples, tests: tests, sanctionPolicy: sanctionPolicy,
            deauthorizations: deauthorizations,
            generalConditions: reglemente?.conditions.map { $0.renumbering(renumbered) } ?? [])
        document.conditionsInForce = ConditionInForce.rows(general: document.generalConditions, own: conditions,
                                                           refinesReglemente: reglemente != nil)
        for clause in header.clauses {
            switch clause {
            case .decidedBy(let text): document.decidedBy = text.value
            case .committee(let text): document.committee = text.value
            case .registrationNumber(let text): document.registrationNumber = text.value
            case .adopted(let date): document.adopted = date
            case .validFrom(let date): document.validFrom = date
            case .note(let text): document.notes.append(text.value)
            case .version, .refines: break
            }
        }
        return document
    }

    // MARK: - Types and facts

    /// Registers every type name first, so fields may refer to types declared later.
    mutating func declareTypes() {
        let typeDecls = syntax.declarations.compactMap { declaration -> TypeDecl? in
            if case .type(let decl) = declaration { return decl }
            return nil
        }
        // Records of the reglemente declared again here without `utökas` (by where the name is).
        var redeclaredRecords: Set<Int> = []
        for decl in typeDecls {
            switch decl.body {
            case .extensionFields, .extensionCases:
                continue
            case .record, .enumeration:
                if KundvalType.builtins[decl.name.name] != nil {
                    report(.duplicateDeclaration, "`\(decl.name.name)` är en inbyggd typ", at: decl.name.span,
                           hint: "ge typen ett eget namn")
                    continue
                }
                if records[decl.name.name] != nil || enumerations[decl.name.name] != nil, declaredHere["typ:" + decl.name.name] == nil {
                    report(.duplicateDeclaration, "typen `\(decl.name.name)` finns redan i reglementet", at: decl.name.span,
                           hint: "lägg till fält med `typ \(decl.name.name) utökas`")
                    // One mistake, one error: its new fields are read as if `utökas` were written,
                    // so the conditions that use them are checked (they were errors of their own).
                    if records[decl.name.name] != nil, case .record = decl.body { redeclaredRecords.insert(decl.name.span.start) }
                    continue
                }
                guard declare(decl.name, as: "typen") else { continue }
                if case .enumeration(let cases, let ordered) = decl.body {
                    var seen: [String: SourceSpan] = [:]
                    for value in cases {
                        if seen[value.name] != nil {
                            report(.duplicateDeclaration, "värdet `\(value.name)` står två gånger i `\(decl.name.name)`", at: value.span)
                        }
                        seen[value.name] = value.span
                    }
                    enumerations[decl.name.name] = EnumerationType(name: decl.name.name, cases: cases.map(\.name), isOrdered: ordered)
                } else {
                    records[decl.name.name] = RecordType(name: decl.name.name, fields: [])
                }
            }
        }
        for decl in typeDecls {
            switch decl.body {
            case .record(let fields) where redeclaredRecords.contains(decl.name.span.start):
                guard var record = records[decl.name.name] else { continue }
                let known = Set(record.fields.map(\.name))
                record.fields += resolveFields(fields.filter { !known.contains($0.name.name) }, owner: "typen `\(decl.name.name)`",
                                               existing: record.fields)
                records[decl.name.name] = record
            case .record(let fields):
                guard declaredHere["typ:" + decl.name.name] == decl.name.span else { continue }
                let resolved = resolveFields(fields, owner: "typen `\(decl.name.name)`", existing: [])
                records[decl.name.name]?.fields = resolved
            case .extensionFields(let fields):
                guard var record = records[decl.name.name] else {
                    if enumerations[decl.name.name] != nil {
                        report(.unknownType, "`\(decl.name.name)` är en uppräkning och har inga fält att utöka", at: decl.name.span,
                               hint: "en uppräkning utökas med nya värden: `typ \(decl.name.name) utökas: en av …`, "
                                   + "med `före` eller `efter` ett värde för att ange platsen")
                        continue
                    }
                    let suggestion = closest(to: decl.name.name, among: records.keys)
                    // Once per document: a kundval extends its reglemente's type in several places.
                    reportUnknown(decl.name.name, "typen `\(decl.name.name)` som ska utökas finns inte", at: decl.name.span,
                                  hint: suggestion.map { "menade du `\($0)`?" }, code: .unknownType)
                    // One mistake, one error: the fields are added to the type the name misspells,
                    // so the conditions that use them are checked (each use was an error of its own).
                    // Fields the guessed type has already are left out: reported, they would be a
                    // second error about a type the author did not write.
                    if let suggestion, var misspelled = records[suggestion] {
                        let known = Set(misspelled.fields.map(\.name))
                        misspelled.fields += resolveFields(fields.filter { !known.contains($0.name.name) },
                                                           owner: "typen `\(suggestion)`", existing: misspelled.fields)
                        records[suggestion] = misspelled
                    }
                    continue
                }
                record.fields += resolveFields(fields, owner: "typen `\(decl.name.name)`", existing: record.fields)
                records[decl.name.name] = record
            case .extensionCases(let cases, let position):
                extendEnumeration(decl.name, with: cases, at: position)
            case .enumeration:
                continue
            }
        }
    }

    /// `typ T utökas: en av a, b [före | efter c]`: cases added to an enumeration, at the end or
    /// before or after one of its cases.
    private mutating func extendEnumeration(_ name: Identifier, with cases: [Identifier], at position: CasePosition?) {
        guard var enumeration = enumerations[name.name] else {
            let hint = records[name.name] != nil
                ? "`\(name.name)` är en post; en post utökas med fält: `typ \(name.name) utökas` och fälten på raderna under"
                : closest(to: name.name, among: enumerations.keys).map { "menade du `\($0)`?" }
            report(.unknownType, "uppräkningen `\(name.name)` som ska utökas finns inte", at: name.span, hint: hint)
            return
        }
        var insertion = enumeration.cases.count
        if let position {
            guard let anchor = enumeration.cases.firstIndex(of: position.anchor.name) else {
                report(.unknownName, "`\(name.name)` har inget värde `\(position.anchor.name)`", at: position.anchor.span,
                       hint: closest(to: position.anchor.name, among: enumeration.cases).map { "menade du `\($0)`?" }
                           ?? "värdena är " + enumeration.cases.map { "`\($0)`" }.joined(separator: ", "))
                return
            }
            insertion = position.before ? anchor : anchor + 1
        }
        var added: [String] = []
        for value in cases {
            if enumeration.cases.contains(value.name) || added.contains(value.name) {
                report(.duplicateDeclaration, "värdet `\(value.name)` finns redan i `\(name.name)`", at: value.span)
                continue
            }
            added.append(value.name)
        }
        enumeration.cases.insert(contentsOf: added, at: insertion)
        enumerations[name.name] = enumeration
    }

    /// For each enumeration of the reglemente whose cases this document renumbered (by adding
    /// cases before existing ones), the new index of each old one.
    func renumberedCases(from inherited: [String: EnumerationType]) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (name, old) in inherited {
            guard let new = enumerations[name], new.cases != old.cases else { continue }
            let map = old.cases.map { new.cases.firstIndex(of: $0) ?? 0 }
            if map != Array(old.cases.indices) { result[name] = map }
        }
        return result
    }

    mutating func resolveFields(_ fields: [FieldDecl], owner: String, existing: [RecordType.Field]) -> [RecordType.Field] {
        var result: [RecordType.Field] = []
        // The first field of each name, looked up by hash: a search of the fields so far made
        // a record of n fields cost n² comparisons (65,000 fields took 37 s to check).
        var seen = Dictionary(existing.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for field in fields {
            if let first = seen[field.name.name] {
                report(.duplicateDeclaration, "\(owner) har redan fältet `\(field.name.name)`", at: field.name.span,
                       notes: first.span.start < field.span.start && first.span.end <= file.bytes.count
                           ? [DiagnosticNote(span: first.span, message: "det första fältet")] : [])
                continue
            }
            let resolved = RecordType.Field(name: field.name.name, type: resolveType(field.type), span: field.name.span)
            seen[resolved.name] = resolved
            result.append(resolved)
        }
        return result
    }

    /// The type a written type denotes.
    mutating func resolveType(_ syntax: TypeSyntax) -> KundvalType {
        let base: KundvalType
        switch syntax.kind {
        case .boolean: base = .boolean
        case .error: base = .error
        case .list(let element): base = .list(resolveType(element))
        case .named(let name):
            if let builtin = KundvalType.builtins[name.name] {
                base = builtin
            } else if records[name.name] != nil {
                base = .record(name.name)
            } else if enumerations[name.name] != nil {
                base = .enumeration(name.name)
            } else {
                let known = Array(KundvalType.builtins.keys) + Array(records.keys) + Array(enumerations.keys)
                report(.unknownType, "typen `\(name.name)` finns inte", at: name.span,
                       hint: closest(to: name.name, among: known).map { "menade du `\($0)`?" }
                           ?? "inbyggda typer: ja/nej, heltal, decimaltal, belopp, procent, datum, dagar, veckor, månader, år, text, timmar, hp, yhp")
                base = .error
            }
        }
        return base.optional(if: syntax.isOptional)
    }

    mutating func declareFacts() {
        for case .facts(let decl) in syntax.declarations {
            for field in resolveFields(decl.fields, owner: "`fakta`", existing: facts) {
                facts.append(field)
                declaredHere["värde:" + field.name] = field.span
            }
        }
    }

    /// The root facts as a record, the type of an example's facts.
    var factsRecord: RecordType { RecordType(name: "fakta", fields: facts) }
}

extension DocumentChecker {
    /// Diagnostics after this many in a file get no "menade du" hint: a file with thousands of
    /// misspelt names must not cost a search of every name for each (20,000 of them among
    /// 40,000 names took three minutes to check).
    static let hintedDiagnostics = 100

    /// "Menade du …": the candidate closest to `word` (see ``Suggestion``), for the first
    /// ``hintedDiagnostics`` diagnostics of the file.
    func closest<C: Collection>(to word: String, among candidates: C) -> String? where C.Element == String {
        givesHints ? Suggestion.closest(to: word, among: candidates) : nil
    }

    /// Whether the next diagnostic still gets a hint (see ``hintedDiagnostics``): a caller
    /// that gathers many candidates asks first.
    var givesHints: Bool { diagnostics.items.count + diagnostics.suppressedCount < Self.hintedDiagnostics }
}

