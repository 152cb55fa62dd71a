import KundvalRuntime

/// Facts JSON from a service, for one shipped document: the input's first byte picks the
/// document (its index among the shipped documents, modulo their number) and the second the
/// assessment date (see ``Shipped/dates``); the rest is the JSON. When the facts fit, they are
/// decided for every assessment kind, the fast and the explained path compared; when they do
/// not, every problem must say where it is. `.ci/fuzz` seeds it with every example provider
/// behind the byte of each document it fits (see ``seeds``).
enum FactsDriver {
    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let rules = Shipped.rules, !rules.documents.isEmpty else { throw FuzzFinding("de levererade reglerna kunde inte läsas") }
        guard bytes.count >= 2 else { return }
        let document = rules.documents[Int(bytes[0]) % rules.documents.count]
        let date = Shipped.dates[Int(bytes[1]) % Shipped.dates.count]
        switch document.decoder.decode(json: Array(bytes.dropFirst(2))) {
        case .failure(.malformed(let error)):
            guard error.line >= 1, error.column >= 1, !error.message.isEmpty else {
                throw FuzzFinding("\(document.name): JSON-felet saknar plats: \(error)")
            }
        case .failure(.invalid(let errors)):
            guard !errors.isEmpty else { throw FuzzFinding("\(document.name): fakta avvisades utan något fel") }
            for error in errors where error.message.isEmpty {
                throw FuzzFinding("\(document.name): ett faktafel utan text vid `\(error.path)`")
            }
        case .success(let facts):
            for kind in document.assessmentNames {
                try DecisionAgreement.check(document, facts, kind: kind, date: date, label: "fakta")
            }
        }
    }

    /// An input for ``run(_:)``: document `document` (an index among the shipped documents) on
    /// date `date` (an index among ``Shipped/dates``) with `json`.
    static func seed(document: Int, date: Int, json: [UInt8]) -> [UInt8] {
        [UInt8(truncatingIfNeeded: document), UInt8(truncatingIfNeeded: date)] + json
    }

    /// The seeds: every example provider behind every document it fits, on the first date
    /// (the fuzzer reaches the others by changing the first byte).
    static var seeds: [(name: String, bytes: [UInt8])] {
        let documents = Shipped.rules?.documents ?? []
        return Shipped.examples.sorted { $0.key < $1.key }.flatMap { name, json in
            documents.indices.compactMap { index in
                guard case .success = documents[index].decoder.decode(json: json) else { return nil }
                return ("\(index)-\(name.split(separator: "/").last ?? "")", seed(document: index, date: 0, json: json))
            }
        }
    }
}
