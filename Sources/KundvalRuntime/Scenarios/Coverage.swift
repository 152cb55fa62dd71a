import KundvalSyntax

/// What one condition in force has, and how the tests of its document cover it.
public struct ConditionCoverage: Sendable {
    /// `10.1`.
    public let number: String
    /// The heading.
    public let title: String?
    /// Whether some part of it (general or specific) has a `kräver` or `gäller när`.
    public let hasPredicate: Bool
    /// Whether some part names its evidence (`underlag`).
    public let hasEvidence: Bool
    /// Whether some part says what a shortfall leads to (`vid brist`).
    public let hasConsequence: Bool
    /// `förekommer inte i detta kundval`: not tested, and needs no tests.
    public let isSwitchedOff: Bool
    /// Whether the condition only adds text: no part has a requirement, a `gäller när` or a
    /// document to check, so no assessment ever decides it (like a service without
    /// requirements, it has nothing to cover).
    public let isTextOnly: Bool
    /// Passed tests that verified the condition `uppfyllt`.
    public let met: Int
    /// Passed tests that verified it `ej uppfyllt`.
    public let notMet: Int
    /// Passed tests that verified it `underlag saknas` (cannot be decided).
    public let missingEvidence: Int


    /// Whether the condition is covered both ways: at least one test where it is met, and one
    /// where it is not met or cannot be decided. A switched-off condition, and one that only adds
    /// text, is covered.
    public var isCovered: Bool { isSwitchedOff || isTextOnly || (met > 0 && notMet + missingEvidence > 0) }
}

/// How the tests of a document cover one service's requirements (insatsvillkor).
public struct ServiceCoverage: Sendable {
    /// The service's name.
    public let name: String
    /// Its title.
    public let title: String?
    /// Whether it has requirements (`kräver`).
    public let hasRequirements: Bool
    /// Passed tests that verified its requirements met.
    public let met: Int
    /// Passed tests that verified them not met.
    public let notMet: Int
    /// Passed tests that verified them undecided.
    public let missingEvidence: Int

    /// Covered both ways; a service without requirements has nothing to cover.
    public var isCovered: Bool { !hasRequirements || (met > 0 && notMet + missingEvidence > 0) }
}

/// The coverage of one document: every condition in force with its coverage.
public struct DocumentCoverage: Sendable {
    /// The document's name.
    public let document: String
    /// Its version.
    public let version: String?
    /// The file it is written in.
    public let path: String
    /// Every condition in force, in number order.
    public let conditions: [ConditionCoverage]
    /// Every service with its coverage.
    public let services: [ServiceCoverage]
    /// The number of tests in the document's file.
    public let tests: Int
    /// The number of those that failed (they count towards no condition).
    public let failedTests: Int
}

extension CompiledDocument {
    /// The coverage of this document by the results of its tests (from ``runTests(readFile:)``).
    public func coverage(from results: [TestResult]) -> DocumentCoverage {
        let passed = results.filter(\.passed)
        let counts = Self.tally(passed.map { $0.verified.map { ($0.number, $0.status) } })
        let conditions = self.conditions.map { condition in
            let count = counts[condition.numberText] ?? [:]
            return ConditionCoverage(
                number: condition.numberText, title: condition.title,
                hasPredicate: condition.parts.contains { !$0.requirements.isEmpty || $0.applicability != nil },
                hasEvidence: condition.parts.contains { !$0.evidence.isEmpty },
                hasConsequence: condition.parts.contains { !$0.consequences.isEmpty },
                isSwitchedOff: condition.isSwitchedOff, isTextOnly: condition.parts.allSatisfy(\.isTextOnly),
                met: count[.met] ?? 0, notMet: count[.notMet] ?? 0, missingEvidence: count[.missingEvidence] ?? 0)
        }
        let serviceCounts = Self.tally(passed.map { $0.verifiedServices.map { ($0.name, $0.status) } })
        let services = self.services.map { service in
            let count = serviceCounts[service.name] ?? [:]
            return ServiceCoverage(name: service.name, title: service.title, hasRequirements: !service.requirements.isEmpty,
                                   met: count[.met] ?? 0, notMet: count[.notMet] ?? 0,
                                   missingEvidence: count[.missingEvidence] ?? 0)
        }
        return DocumentCoverage(document: name, version: version, path: path, conditions: conditions, services: services,
                                tests: results.count, failedTests: results.count { !$0.passed })
    }
}

extension CompiledDocument {
    /// How many tests verified each name (a condition number or a service) with each status;
    /// one test counts once per name and status.
    static func tally(_ tests: [[(String, ConditionStatus)]]) -> [String: [ConditionStatus: Int]] {
        var counts: [String: [ConditionStatus: Int]] = [:]
        for verified in tests {
            var seen = Set<String>()
            for (name, status) in verified where seen.insert("\(name) \(status.rawValue)").inserted {
                counts[name, default: [:]][status, default: 0] += 1
            }
        }
        return counts
    }
}

extension DocumentCoverage {
    /// Coverage of several documents as JSON:
    /// `[{"dokument", "version", "fil", "tester", "misslyckade_tester", "villkor": [{"nummer",
    /// "rubrik", "predikat", "underlag", "följd", "förekommer_inte", "test": {"uppfyllt",
    /// "ej uppfyllt", "underlag saknas"}, "täckt"}], "insatser": [{"namn", "rubrik", "krav", "test":
    /// {…}, "täckt"}]}]`.
    public static func json(_ documents: [DocumentCoverage]) -> String {
        var writer = JSONWriter(pretty: true)
        writer.array(documents) { writer, document in
            writer.object {
                $0.field("dokument") { $0.string(document.document) }
                $0.field("version") { $0.optional(document.version) }
                $0.field("fil") { $0.string(document.path) }
                $0.field("tester") { $0.number(document.tests) }
                $0.field("misslyckade_tester") { $0.number(document.failedTests) }
                $0.field("villkor") {
                    $0.array(document.conditions) { writer, condition in
                        writer.object {
                            $0.field("nummer") { $0.string(condition.number) }
                            $0.field("rubrik") { $0.optional(condition.title) }
                            $0.field("predikat") { $0.boolean(condition.hasPredicate) }
                            $0.field("underlag") { $0.boolean(condition.hasEvidence) }
                            $0.field("följd") { $0.boolean(condition.hasConsequence) }
                            $0.field("förekommer_inte") { $0.boolean(condition.isSwitchedOff) }
                            $0.field("test") { testCounts(&$0, condition.met, condition.notMet, condition.missingEvidence) }
                            $0.field("täckt") { $0.boolean(condition.isCovered) }
                        }
                    }
                }
                $0.field("insatser") {
                    $0.array(document.services) { writer, service in
                        writer.object {
                            $0.field("namn") { $0.string(service.name) }
                            $0.field("rubrik") { $0.optional(service.title) }
                            $0.field("krav") { $0.boolean(service.hasRequirements) }
                            $0.field("test") { testCounts(&$0, service.met, service.notMet, service.missingEvidence) }
                            $0.field("täckt") { $0.boolean(service.isCovered) }
                        }
                    }
                }
            }
        }
        return writer.output + "\n"
    }

    /// `{"uppfyllt": n, "ej uppfyllt": n, "underlag saknas": n}`.
    private static func testCounts(_ writer: inout JSONWriter, _ met: Int, _ notMet: Int, _ missing: Int) {
        writer.object {
            $0.field("uppfyllt") { $0.number(met) }
            $0.field("ej uppfyllt") { $0.number(notMet) }
            $0.field("underlag saknas") { $0.number(missing) }
        }
    }
}
