/// Decisions as JSON, in a stable shape documented in the README.
extension Decision {
    /// The decision as a JSON text.
    ///
    /// Shape: `{"dokument", "version", "bedömning", "datum", "utfall", "villkor": [{"nummer",
    /// "rubrik", "status", "skäl", "saknade_fakta", "begär_underlag", "förklaring"}], "insatser":
    /// [{"namn", "rubrik", "status", "skäl"}], "sanktion", "beräkningar"}`. `förklaring` is a list
    /// of lines (empty when no explanation was built).
    public func json(pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.object {
            $0.field("dokument") { $0.string(document) }
            $0.field("version") { $0.optional(version) }
            $0.field("bedömning") { $0.string(assessment) }
            $0.field("datum") { $0.string(date.description) }
            $0.field("utfall") { $0.string(outcome.rawValue) }
            $0.field("villkor") {
                $0.array(conditions) { writer, condition in
                    writer.object {
                        $0.field("nummer") { $0.string(condition.number) }
                        $0.field("rubrik") { $0.optional(condition.title) }
                        $0.field("status") { $0.string(condition.status.rawValue) }
                        $0.field("skäl") { $0.strings(condition.reasons) }
                        $0.field("saknade_fakta") { $0.strings(condition.missingFacts) }
                        $0.field("begär_underlag") { $0.strings(condition.evidenceToRequest) }
                        $0.field("förklaring") { $0.strings(condition.explanation?.lines ?? []) }
                    }
                }
            }
            $0.field("insatser") {
                $0.array(services) { writer, service in
                    writer.object {
                        $0.field("namn") { $0.string(service.name) }
                        $0.field("rubrik") { $0.optional(service.title) }
                        $0.field("status") { $0.string(service.status.rawValue) }
                        $0.field("skäl") { $0.strings(service.reasons) }
                    }
                }
            }
            $0.field("sanktion") { writer in
                guard let sanction else { return writer.null() }
                writer.object {
                    $0.field("sanktion") { $0.string(sanction.sanction) }
                    $0.field("tabell") { $0.string(sanction.table) }
                    $0.field("faktorer") { writer in
                        writer.object { object in
                            for factor in sanction.factors { object.field(factor.name) { $0.string(factor.value) } }
                        }
                    }
                }
            }
            $0.field("beräkningar") { writer in
                writer.object { object in
                    for computation in computations { object.field(computation.name) { $0.string(computation.value) } }
                }
            }
        }
        return writer.output + "\n"
    }
}

/// A minimal JSON writer with stable field order.
struct JSONWriter {
    let pretty: Bool
    var output = ""
    private var indent = 0
    private var first = [true]

    init(pretty: Bool) { self.pretty = pretty }

    private mutating func newline() {
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        output += "{"
        indent += 1
        first.append(true)
        body(&self)
        indent -= 1
        if first.removeLast() == false { newline() }
        output += "}"
    }

    mutating func field(_ name: String, _ value: (inout JSONWriter) -> Void) {
        if first[first.count - 1] { first[first.count - 1] = false } else { output += "," }
        newline()
        string(name)
        output += pretty ? ": " : ":"
        value(&self)
    }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        output += "["
        indent += 1
        for (index, item) in items.enumerated() {
            if index > 0 { output += "," }
            newline()
            body(&self, item)
        }
        indent -= 1
        if !items.isEmpty { newline() }
        output += "]"
    }

    mutating func strings(_ items: [String]) {
        output += "["
        for (index, item) in items.enumerated() {
            if index > 0 { output += pretty ? ", " : "," }
            string(item)
        }
        output += "]"
    }

    mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func null() { output += "null" }

    mutating func number(_ value: Int) { output += String(value) }

    mutating func boolean(_ value: Bool) { output += value ? "true" : "false" }

    mutating func string(_ value: String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
