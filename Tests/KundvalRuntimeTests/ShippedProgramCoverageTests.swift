import Foundation
import Testing
@testable import KundvalRuntime

/// How much of the shipped rules the truth programs decide without calling value code: every
/// condition and service of every assessment kind, including 001's loop over a list inside a
/// list's element (`någon d i u.lägesrapporter`, a nested table). A change that sends any of the
/// shipped rules to closures fails here.
@Suite struct ShippedProgramCoverageTests {
    @Test func shippedProgramsCallNoClosures() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        var calls: [String: Int] = [:]
        for document in rules.documents {
            for kind in document.assessmentNames {
                let program = try #require(document.assessmentKind(named: kind)).program
                let count = program.closures.count + program.valueClosures.count
                if count > 0 { calls["\(document.name) \(kind)"] = count }
            }
        }
        #expect(calls.isEmpty, "\(calls)")
    }

    /// The reasons and consequences of a condition or service the program decides come from a
    /// program of its checks (see `AssessmentPlan+Checks.swift`): every such condition and
    /// service of the shipped rules has one, and none of them calls value code either.
    @Test func shippedCheckProgramsCallNoClosures() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conditions")
        let rules = try RuleSet.compile(try Engine.readFolder(folder.path)).get()
        var programs = 0
        var calls: [String] = []
        for document in rules.documents {
            for kind in document.assessmentNames {
                let plan = try #require(document.assessmentKind(named: kind))
                for (entry, program) in zip(plan.entries, plan.checkPrograms.map { $0?.program }) {
                    #expect((program != nil) == entry.hasQuick, "\(document.name) \(kind) villkor \(entry.condition.numberText)")
                    guard let program else { continue }
                    programs += 1
                    #expect(program.registerCount >= entry.checks.count)
                    if program.closures.count + program.valueClosures.count > 0 {
                        calls.append("\(document.name) \(kind) villkor \(entry.condition.numberText)")
                    }
                }
                #expect(plan.serviceCheckPrograms.count == (plan.reviewsServices ? document.services.count : 0))
                for (service, program) in zip(document.services, plan.serviceCheckPrograms) {
                    programs += 1
                    if program.closures.count + program.valueClosures.count > 0 {
                        calls.append("\(document.name) \(kind) insats \(service.name)")
                    }
                }
            }
        }
        #expect(programs > 200, "only \(programs) programs of checks")
        // Every sanction table of the shipped documents chooses by a program of its own.
        let tables = rules.documents.flatMap { document in document.sanctionTables.map { (document.name, $0.key, $0.value) } }
        #expect(!tables.isEmpty)
        for (document, name, table) in tables where table.program == nil {
            calls.append("\(document) tabell \(name)")
        }
        // So does every amount of a step (`vid vite: vitesbelopp`), and the computations.
        for document in rules.documents {
            for amount in document.sanctions.amounts.values where amount.program?.results.first == .some(nil) || amount.program == nil {
                calls.append("\(document.name) belopp \(amount.name)")
            }
            if let program = document.computationProgram {
                // A text too (öppenvård's ickevalsalternativ, an element of a list of texts): a
                // register holds it as where it is.
                for (computation, result) in zip(document.computations, program.results) where result == nil {
                    calls.append("\(document.name) beräkning \(computation.name)")
                }
            } else if !document.computations.isEmpty {
                calls.append("\(document.name) beräkningar")
            }
        }
        #expect(calls.isEmpty, "\(calls)")
    }
}
