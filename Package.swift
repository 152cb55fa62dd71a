// swift-tools-version:6.0
import PackageDescription

/// The test targets' own code unoptimized in the CI's sanitizer build (`.ci/run` sets
/// `KUNDVAL_SANITIZER`): that build optimizes the libraries, which the tests exercise, and
/// optimizing the tests themselves took most of its five minutes. Any other build is as SwiftPM
/// makes it.
let testSettings: [SwiftSetting] = Context.environment["KUNDVAL_SANITIZER"] == nil ? [] : [.unsafeFlags(["-Onone"])]

/// Kundval: an embeddable rules language for Nacka kommun's customer-choice conditions.
///
/// The targets follow the pipeline: `KundvalDiagnostics` (sources, locations, diagnostics and
/// their rendering), `KundvalSyntax` (bytes → tokens → syntax tree), `KundvalChecker`
/// (syntax trees → checked program) and `KundvalRuntime` (checked program → compiled program →
/// decision, and the embedding `Engine`); `KundvalLanguageServer` serves editors (`kundval lsp`).
/// The `kundval` command lives in `playground-cli/`.
let package = Package(
    name: "Kundval",
    products: [
        .library(name: "KundvalDiagnostics", targets: ["KundvalDiagnostics"]),
        .library(name: "KundvalSyntax", targets: ["KundvalSyntax"]),
        .library(name: "KundvalChecker", targets: ["KundvalChecker"]),
        .library(name: "KundvalRuntime", targets: ["KundvalRuntime"]),
        .library(name: "KundvalFormat", targets: ["KundvalFormat"]),
        .library(name: "KundvalAuthoring", targets: ["KundvalAuthoring"]),
        .library(name: "KundvalLanguageServer", targets: ["KundvalLanguageServer"]),
        .executable(name: "kundval", targets: ["kundval"]),
    ],
    targets: [
        .target(name: "KundvalDiagnostics"),
        .target(name: "KundvalSyntax", dependencies: ["KundvalDiagnostics"]),
        .target(name: "KundvalChecker", dependencies: ["KundvalSyntax", "KundvalDiagnostics"]),
        .target(name: "KundvalRuntime", dependencies: ["KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"]),
        .target(name: "KundvalFormat", dependencies: ["KundvalSyntax", "KundvalDiagnostics"]),
        .target(name: "KundvalAuthoring", dependencies: ["KundvalRuntime", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"]),
        .target(name: "KundvalLanguageServer", dependencies: ["KundvalFormat", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"]),
        .executableTarget(
            name: "kundval",
            dependencies: ["KundvalAuthoring", "KundvalFormat", "KundvalLanguageServer", "KundvalRuntime", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"],
            path: "playground-cli"
        ),
        // Golden files are read from the source tree (`#filePath`), not bundled.
        // What several test targets share: the repository's paths and GUIDE examples, the
        // grammar reader and the sentence generator.
        .target(name: "KundvalTestSupport", path: "Tests/KundvalTestSupport", swiftSettings: testSettings),
        .testTarget(name: "KundvalSyntaxTests", dependencies: ["KundvalSyntax", "KundvalDiagnostics", "KundvalTestSupport"], exclude: ["Golden"], swiftSettings: testSettings),
        .testTarget(name: "KundvalCheckerTests", dependencies: ["KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"], exclude: ["Golden"], swiftSettings: testSettings),
        // Built with `MemberImportVisibility`, so that `EmbedderImportTests`, which imports only
        // `KundvalRuntime` as a service does, compiles only while that one import is enough.
        .testTarget(name: "KundvalRuntimeTests", dependencies: ["KundvalRuntime", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics", "KundvalTestSupport"],
                    swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")] + testSettings),
        .testTarget(name: "KundvalFormatTests", dependencies: ["KundvalFormat", "KundvalSyntax", "KundvalDiagnostics", "KundvalTestSupport"], exclude: ["Golden"], swiftSettings: testSettings),
        .testTarget(name: "KundvalAuthoringTests", dependencies: ["KundvalAuthoring", "KundvalRuntime", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"], exclude: ["Golden"], swiftSettings: testSettings),
        .testTarget(name: "KundvalLanguageServerTests", dependencies: ["KundvalLanguageServer", "KundvalFormat", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics"],
                    swiftSettings: testSettings),
        .testTarget(name: "KundvalCLITests", dependencies: ["kundval"], exclude: ["Golden"], swiftSettings: testSettings),
        // The fuzz drivers and their replay tests; `Fuzz/` holds the libFuzzer entry point that
        // `.ci/fuzz` builds with the sanitizers, `Regressions/` the inputs that found bugs.
        .testTarget(name: "KundvalFuzzTests", dependencies: ["KundvalFormat", "KundvalRuntime", "KundvalChecker", "KundvalSyntax", "KundvalDiagnostics",
                                                          "KundvalTestSupport"],
                    exclude: ["Fuzz", "Regressions"], swiftSettings: testSettings),
    ],
    swiftLanguageModes: [.v6]
)
