import KundvalSyntax
import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// Decision tables nested in one another's last rows (`| - | t2(x) + 1 |`), found by the review
/// of the lowering of deep definitions: a table's call is inlined as a chain of `om … så …
/// annars`, one branch per row, lowered and traced by recursion. Thirty-one tables of forty rows
/// overflowed an 8 MB stack while a debug build lowered them, and a trace counted a call of a
/// table as one level where its chain nests one per row, so traces went past
/// ``TruthProgramBuilder/maximumTraceDepth``.
@Suite struct NestedTableLoweringTests {
    static let date = try! Day(year: 2025, month: 3, day: 1)

    /// Tables `t0` … `t<count>` of `rows` rows each, the last row of each calling the one before;
    /// with `definitions`, a chain of definitions `d1` … each reading the one before in its
    /// innermost table, so that it is lowered once at the start (see
    /// `TruthProgramBuilder+DeepCalls.swift`).
    static func text(tables count: Int, rows: Int = 40, definitions: Int = 0) -> String {
        var lines = ["""
            reglemente "R" version "1"
            typ Anordnare
              n0: heltal kan saknas
            fakta
              anordnare: Anordnare
            bedömning ansökan
              vid brist: ej godkänd auktorisation
            definition d0: heltal kan saknas = anordnare.n0
            """]
        for k in 0...definitions {
            for j in 0...count {
                lines.append("tabell t\(k)_\(j)(x: heltal kan saknas): heltal kan saknas i ordning")
                for i in 1...rows { lines.append("  | < \(-10_000 + i) | \(i) |") }
                lines.append(j > 0 ? "  | - | t\(k)_\(j - 1)(x) + 1 |" : k > 0 ? "  | - | x + d\(k - 1) |" : "  | - | x |")
            }
            if k > 0 { lines.append("definition d\(k): heltal kan saknas = t\(k)_\(count)(anordnare.n0)") }
        }
        lines.append("villkor 1 \"Tabeller\"\n  kräver \(definitions > 0 ? "d\(definitions)" : "t0_\(count)(anordnare.n0)") > 5")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The nodes inside one another in the deepest check of `table`.
    static func height(_ table: TraceTable) -> Int {
        var heights = [Int](repeating: 0, count: table.nodes.count)
        func list(_ at: Int32) -> [Int32] {
            guard at >= 0 else { return [] }
            return (0..<Int(table.children[Int(at)])).map { table.children[Int(at) + 1 + $0] }
        }
        // Each node comes after its operands (see ``TraceTable/Builder``).
        for index in 0..<table.nodes.count {
            let node = table.nodes[index]
            let operands: [Int32]
            switch node.kind {
            case .loop: operands = [node.b, node.c]
            case .definition: operands = list(node.b) + [node.c]
            case .value, .call, .decision: operands = list(node.a)
            case .documentAge, .and, .or: operands = [node.a, node.b]
            case .not, .presence: operands = [node.a]
            case .conditional: operands = [node.a, node.b, node.c]
            default: operands = []
            }
            heights[index] = 1 + (operands.filter { $0 >= 0 }.map { heights[Int($0)] }.max() ?? 0)
        }
        return table.roots.map { heights[Int($0)] }.max() ?? 0
    }

    static func compared(_ document: CompiledDocument) throws {
        for json in [#"{"anordnare": {"n0": 50}}"#, #"{"anordnare": {"n0": -9995}}"#, #"{"anordnare": {}}"#] {
            let facts = try document.decoder.decode(json: Array(json.utf8)).get()
            _ = try PlanTraceAgreementTests.compare(document, facts, date: Self.date, label: json)
            _ = try CodePathAgreementTests.compare(document, facts, date: Self.date, label: json)
        }
    }

    /// Thirty-one nested tables load (on a main thread's stack, as every test of long chains):
    /// those within ``TruthProgramBuilder/maximumBranchDepth`` branches are the program's, the
    /// rest a closure, and every code path decides alike.
    @Test func thirtyOneNestedTablesLoadAndDecideAsTheValueCode() throws {
        let source = SourceFile(path: "r.kundval", text: Self.text(tables: 30))
        nonisolated(unsafe) var compiled: RuleSet?
        DefinitionChainTests.onThread(stack: 8 << 20) { compiled = try? RuleSet.compile([source]).get() }
        let document = try #require(compiled?.document(named: "R"))
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.closures.count + plan.program.valueClosures.count == 1)
        try Self.compared(document)
        let shallow = try CodePathAgreementTests.document(Self.text(tables: 5))
        let program = try #require(shallow.assessmentKind(named: "ansökan")).program
        #expect(program.closures.isEmpty && program.valueClosures.isEmpty, "six tables of forty rows are the program's")
    }

    /// Traces of nested tables, and of a chain of definitions through them, stay within
    /// ``TruthProgramBuilder/maximumTraceDepth``: the deepest is left to the value code, and those
    /// made walk as the value code tells.
    @Test(arguments: [(0, 5), (0, 12), (1, 3), (2, 4), (3, 5)])
    func tracesOfNestedTablesStayWithinTheBound(_ shape: (definitions: Int, tables: Int)) throws {
        let document = try CodePathAgreementTests.document(Self.text(tables: shape.tables, definitions: shape.definitions))
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        let heights = plan.checkPrograms.compactMap { $0?.traces.map(Self.height) } + plan.programTraces.compactMap { $0.map(Self.height) }
        #expect(heights.allSatisfy { $0 <= TruthProgramBuilder.maximumTraceDepth }, "\(shape): \(heights)")
        try Self.compared(document)
    }
}
