/// Decisions as JSON, in a stable shape documented in the README.
extension Decision {
    /// The decision as a JSON text.
    ///
    /// Shape (documented with an example in the README): `{"dokument", "version", "regler", "bedömning",
    /// "datum", "utfall", "villkor": [{"nummer", "rubrik", "status", "kontrollpunkter", "skäl",
    /// "saknade_fakta", "begär_underlag", "påföljd", "förklaring"}], "insatser": [{"namn",
    /// "rubrik", "status", "skäl", "saknade_fakta"}], "sanktion", "avauktorisation", "beräkningar"}`. `påföljd` is
    /// `null` unless the condition is not met; `förklaring` is a list of lines (empty when no
    /// explanation was built); amounts are exact decimals with a unit beside them.
    public func json(pretty: Bool = true) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self) + "\n"
    }

    /// The same JSON text as UTF-8 bytes, without the final newline: for services that write
    /// decisions into a stream of their own (such as `kundval batch`). Without `computations`,
    /// `beräkningar` is written empty (a decision evaluated with its computations, so that one
    /// that cannot be made fails it as it fails `eval`, written as one evaluated without).
    public func jsonBytes(pretty: Bool = false, computations includeComputations: Bool = true) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writer.object {
            $0.field("dokument") { $0.string(document) }
            $0.field("version") { $0.optional(version) }
            $0.field("regler") { $0.string(rules) }
            $0.field("bedömning") { $0.string(assessment.name) }
            $0.field("datum") { $0.string(date.description) }
            $0.field("utfall") { $0.string(outcome.rawValue) }
            $0.field("villkor") {
                $0.array(conditions) { writer, condition in
                    writer.object {
                        $0.field("nummer") { $0.string(condition.number) }
                        $0.field("rubrik") { $0.optional(condition.title) }
                        $0.field("status") { $0.string(condition.status.rawValue) }
                        $0.field("kontrollpunkter") { $0.strings(condition.controlPoints) }
                        $0.field("skäl") { $0.strings(condition.reasons) }
                        $0.field("saknade_fakta") { $0.strings(condition.missingFacts) }
                        $0.field("begär_underlag") { $0.strings(condition.evidenceToRequest) }
                        $0.field("påföljd") { writer in
                            guard let consequence = condition.consequence else { return writer.null() }
                            writer.consequence(consequence)
                        }
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
                        $0.field("saknade_fakta") { $0.strings(service.missingFacts) }
                    }
                }
            }
            $0.field("sanktion") { writer in
                guard let sanction else { return writer.null() }
                writer.object {
                    $0.field("sanktion") { $0.optional(sanction.sanction?.name) }
                    $0.field("villkor") { $0.strings(sanction.conditions) }
                    $0.field("insatser") { $0.strings(sanction.services) }
                    $0.field("tabell") { $0.optional(sanction.table) }
                    $0.field("faktorer") { $0.factors(sanction.factors) }
                    $0.field("belopp") { writer in
                        guard let amount = sanction.amount else { return writer.null() }
                        writer.computation(amount)
                    }
                    $0.field("saknade_faktorer") { $0.strings(sanction.missingFactors) }
                    $0.field("villkor_utan_förslag") { $0.strings(sanction.undecidedConditions) }
                }
            }
            $0.field("avauktorisation") {
                $0.array(deauthorizations) { writer, ground in
                    writer.object {
                        $0.field("grund") { $0.string(ground.ground) }
                        $0.field("datum") { $0.optional(ground.date?.description) }
                        $0.field("har_inträffat") { ground.date == nil ? $0.null() : $0.boolean(ground.hasOccurred) }
                        $0.field("saknade_fakta") { $0.strings(ground.missingFacts) }
                    }
                }
            }
            $0.field("beräkningar") { writer in
                writer.object { object in
                    for computation in includeComputations ? computations : [] {
                        object.field(computation.name) { $0.computation(computation) }
                    }
                }
            }
        }
        return writer.bytesWritten
    }
}

extension JSONWriter {
    /// `{"tillåtna", "föreslagen", "tabell", "faktorer", "saknade_faktorer"}`.
    mutating func consequence(_ consequence: ConsequenceDecision) {
        object {
            $0.field("tillåtna") { $0.strings(consequence.allowed.map(\.name)) }
            $0.field("föreslagen") { $0.optional(consequence.recommended?.name) }
            $0.field("tabell") { $0.optional(consequence.table) }
            $0.field("faktorer") { $0.factors(consequence.factors) }
            $0.field("saknade_faktorer") { $0.strings(consequence.missingFactors) }
        }
    }

    /// `{"namn": "värde", …}`.
    mutating func factors(_ factors: [Factor]) {
        object { object in
            for factor in factors { object.field(factor.name) { $0.string(factor.text) } }
        }
    }

    /// `{"typ", "värde", "enhet", "text"}`: the exact value for machines and the text for people.
    mutating func computation(_ computation: Computation) {
        object {
            $0.field("typ") { $0.string(computation.type) }
            $0.field("värde") { $0.optional(computation.exact) }
            $0.field("enhet") { $0.optional(computation.unit?.symbol) }
            $0.field("text") { $0.string(computation.text) }
        }
    }
}

/// JSON text for services that write their own lines around decisions (such as `batch`).
public enum JSONText {
    /// `text` as a JSON string literal, escaped as the decisions' JSON is.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(pretty: false)
        writer.string(text)
        return writer.output
    }
}

/// A minimal JSON writer with stable field order. It writes UTF-8 bytes (escaping only what
/// JSON requires), which is several times faster than appending to a `String` scalar by scalar.
struct JSONWriter {
    let pretty: Bool
    private var bytes: [UInt8] = []
    private var indent = 0
    private var first = [true]

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    /// The JSON text written so far.
    var output: String { String(decoding: bytes, as: UTF8.self) }
    /// The same as bytes.
    var bytesWritten: [UInt8] { bytes }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        indent += 1
        first.append(true)
        body(&self)
        indent -= 1
        if first.removeLast() == false { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func field(_ name: String, _ value: (inout JSONWriter) -> Void) {
        if first[first.count - 1] { first[first.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        newline()
        string(name)
        if pretty { raw(": ") } else { bytes.append(UInt8(ascii: ":")) }
        value(&self)
    }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        indent += 1
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            body(&self, item)
        }
        indent -= 1
        if !items.isEmpty { newline() }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { if pretty { raw(", ") } else { bytes.append(UInt8(ascii: ",")) } }
            string(item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func null() { raw("null") }

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func boolean(_ value: Bool) { if value { raw("true") } else { raw("false") } }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most texts need no escape: copy them whole.
        let copied = value.utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: text)
            return true
        } ?? false
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20:
                raw("\\u00")
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
