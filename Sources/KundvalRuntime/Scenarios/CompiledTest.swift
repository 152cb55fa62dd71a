import KundvalChecker
import KundvalDiagnostics
import KundvalSyntax

/// An example (`exempel`) compiled: the facts written in the file, or the JSON file to read.
enum CompiledExample: Sendable {
    /// A record literal of the root facts.
    case inline(Code)
    /// A JSON file, relative to the rule file, with where its path is written, and whether it
    /// is written in the document's own file (not its reglemente's).
    case file(String, span: SourceSpan, own: Bool)
}

/// A test (`test "…"`) compiled against its document: the facts to start from, the changes to
/// make, the assessment, and what is expected.
struct CompiledTest: Sendable {
    /// One fact changed by `med a.b.c = värde` or `med element(a.b, 2).c = värde`.
    struct Override: Sendable {
        /// A step into the value of a fact.
        enum Step: Sendable {
            /// A field, with the number of fields of its record (to make the record where the
            /// example has none).
            case field(Int, recordSize: Int)
            /// An element of a list, counted from 1, and where its number is written.
            case element(Int, span: SourceSpan)
        }

        /// The root fact's index.
        let root: Int
        /// The steps from the root fact to the value changed.
        let steps: [Step]
        /// The path as written, for a message.
        let text: String
        let value: Code
        /// Where the value is written, on the `med` line.
        let span: SourceSpan
    }

    /// One expectation, resolved.
    enum Check: Sendable {
        case outcome(Outcome, failing: [String], span: SourceSpan)
        case condition(String, ConditionStatus, span: SourceSpan)
        case service(String, ConditionStatus, span: SourceSpan)
        /// The overall recommended sanction, or (with a number) one condition's.
        case sanction(String, condition: String?, span: SourceSpan)
        /// No step recommended.
        case noSanction(span: SourceSpan)
        /// No ground for de-authorization has occurred.
        case noDeauthorization(span: SourceSpan)
        /// `förväntas att …`: the expression, and for a comparison the sides that are not
        /// written out as values (their values are shown when it does not hold).
        case holds(Code, text: String, span: SourceSpan, sides: [Side])
    }

    /// A side of a comparison in `förväntas att`: its text, code and type.
    struct Side: Sendable {
        let text: String
        let code: Code
        let type: TypeDescription
    }

    let name: String
    let span: SourceSpan
    let assessment: String?
    let date: Day?
    let example: String?
    let overrides: [Override]
    let checks: [Check]
}

extension CompiledTest {
    /// Compiles a checked test: the override paths become indices, the values and assertions code.
    init(_ test: CheckedTest, document: CheckedDocument, file: SourceFile, compiler: Compiler) {
        name = test.name
        span = test.span
        assessment = test.assessment?.kind
        date = test.assessment.flatMap { try? Day(year: $0.date.year, month: $0.date.month, day: $0.date.day) }
        example = test.example
        overrides = test.overrides.compactMap { override in
            guard case .field(let first)? = override.path.first,
                  let root = document.facts.firstIndex(where: { $0.name == first }) else { return nil }
            var steps: [Override.Step] = []
            var type = document.facts[root].type
            for step in override.path.dropFirst() {
                switch step {
                case .field(let name):
                    guard case .record(let recordName) = type.unwrapped, let record = document.records[recordName],
                          let index = record.fieldIndex(name) else { return nil }
                    steps.append(.field(index, recordSize: record.fields.count))
                    type = record.fields[index].type
                case .element(let position, let span):
                    guard case .list(let element) = type.unwrapped else { return nil }
                    steps.append(.element(position, span: span))
                    type = element
                }
            }
            return Override(root: root, steps: steps, text: CheckedPathStep.text(of: override.path),
                            value: compiler.compile(override.value.expression), span: override.value.expression.span)
        }
        var assertions = test.assertions.makeIterator()
        checks = test.expectations.compactMap { expectation -> Check? in
            switch expectation {
            case .outcome(let outcome, let failing, let span):
                return .outcome(Outcome(outcome), failing: failing.map(\.description), span: span)
            case .condition(let number, let status, let span):
                return .condition(number.description, ConditionStatus(status), span: span)
            case .service(let name, let status, let span):
                return .service(name.name, ConditionStatus(status), span: span)
            case .sanction(let identifier, let condition):
                return .sanction(identifier.name, condition: condition?.description, span: identifier.span)
            case .noSanction(let span):
                return .noSanction(span: span)
            case .noDeauthorization(let span):
                return .noDeauthorization(span: span)
            case .holds(let expression):
                guard let body = assertions.next() else { return nil }
                var sides: [Side] = []
                if case .binary(let op, let left, let right) = body.expression.kind,
                   [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op) {
                    for side in [left, right] {
                        switch side.kind {
                        case .boolean, .unknown, .number, .date, .text, .enumCase: continue
                        default: sides.append(Side(text: CompiledDocument.singleLine(file, side.span), code: compiler.compile(side),
                                                   type: TypeDescription(side.type)))
                        }
                    }
                }
                return .holds(compiler.compile(body.expression), text: CompiledDocument.singleLine(file, expression.span),
                              span: expression.span, sides: sides)
            }
        }
    }
}

/// Sets the value at a path of record fields, creating records where the facts have none.
func replacing(_ value: Value, at steps: ArraySlice<CompiledTest.Override.Step>, with new: Value) -> Result<Value, ListTooShort> {
    guard let step = steps.first else { return .success(new) }
    switch step {
    case .field(let index, let size):
        var fields: [Value]
        if case .record(let existing) = value {
            fields = existing
        } else {
            fields = Array(repeating: .unknown, count: size)
        }
        guard index < fields.count else { return .success(value) }
        return replacing(fields[index], at: steps.dropFirst(), with: new).map { changed in
            fields[index] = changed
            return .record(fields)
        }
    case .element(let position, let span):
        // An element the example's list does not have is no fact to change.
        guard case .list(var elements) = value, position <= elements.count else {
            if case .list(let elements) = value { return .failure(ListTooShort(count: elements.count, position: position, span: span)) }
            return .failure(ListTooShort(count: nil, position: position, span: span))
        }
        return replacing(elements[position - 1], at: steps.dropFirst(), with: new).map { changed in
            elements[position - 1] = changed
            return .list(elements)
        }
    }
}

/// A test's `med element(lista, n)…` where the list has fewer than n elements, or is unknown.
struct ListTooShort: Error {
    /// The list's elements; nil for a list that is not known.
    let count: Int?
    let position: Int
    /// Where the element's number is written.
    let span: SourceSpan
}
