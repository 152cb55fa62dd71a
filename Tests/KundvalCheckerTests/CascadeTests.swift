import Foundation
import KundvalChecker
import KundvalDiagnostics
import Testing

/// One mistake, one error (issue 14): a mistake that makes a whole file or a whole kundval
/// unreadable gives the one diagnostic that names it, not one for everything that follows.
/// Counts before the fix, on the shipped files of the time: 1,775, 636 and 89 errors.
@Suite struct CascadeTests {
    static let conditions = Fixtures.root.appendingPathComponent("conditions")

    /// The shipped rule files, with `change` made to the file named `name` (bytes).
    static func shipped(changing name: String? = nil, _ change: ([UInt8]) -> [UInt8] = { $0 },
                        leaving left: Set<String> = []) throws -> [SourceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: conditions.path).filter { $0.hasSuffix(".kundval") }.sorted()
        return try names.filter { left.isEmpty || left.contains($0) }.map { file in
            let bytes = [UInt8](try Data(contentsOf: conditions.appendingPathComponent(file)))
            return SourceFile(path: file, bytes: file == name ? change(bytes) : bytes)
        }
    }

    static func errors(_ files: [SourceFile]) -> [Diagnostic] {
        Checker.check(files).files.flatMap(\.diagnostics).filter { $0.severity == .error }
    }

    @Test func aReglementeVersionMistypedInItsOwnFileIsOneErrorPerKundval() throws {
        let files = try Self.shipped(changing: "reglemente-31.kundval") {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "version \"31 villkor\"", with: "version \"31  villkor\"").utf8)
        }
        let errors = Self.errors(files)
        #expect(errors.map(\.code) == [.unknownReglemente, .unknownReglemente], "\(errors.map(\.message))")
        #expect(errors.allSatisfy { $0.hint?.contains("reglemente-31.kundval` skriver reglementet") == true })
    }

    @Test func aKundvalWithoutItsReglementeIsOneError() throws {
        let errors = Self.errors(try Self.shipped(leaving: ["oppenvard-000.kundval"]))
        #expect(errors.map(\.code) == [.unknownReglemente])
    }

    @Test func aHintNeverTiesAKundvalToAnotherVersion() throws {
        let errors = Self.errors(try Self.shipped(leaving: ["oppenvard-000.kundval", "reglemente-27.kundval"]))
        #expect(errors.map(\.code) == [.unknownReglemente])
        let hint = try #require(errors.first?.hint)
        #expect(!hint.contains("menade du"))
        #expect(hint.contains("bara i version `27 villkor`"), "\(hint)")
    }

    @Test func aFileSavedAsLatin1IsOneError() throws {
        // "ä" as Latin-1 is the single byte E4.
        let files = try Self.shipped(changing: "reglemente-31.kundval") { bytes in
            var latin1: [UInt8] = []
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                latin1.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?"))
            }
            return latin1
        }
        let errors = Self.errors(files)
        #expect(errors.map(\.code) == [.invalidUTF8], "\(errors.map(\.message))")
    }
}
