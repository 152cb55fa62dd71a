import Foundation

/// How many rounds a seeded random test runs.
///
/// `swift test` runs every round. Under the address sanitizer (`.ci/run` sets
/// `KUNDVAL_SANITIZER` for that run, an optimized build) a round costs more, and that run is
/// there to find bad memory accesses, not disagreements between code paths, which the plain run
/// has already compared round by round. So there a random test runs the first fifth of its
/// rounds, from the same seed, and states its expectations per round run; `.ci/fuzz` runs the
/// fuzz drivers under the sanitizer for minutes beside it.
public enum RandomRounds {
    /// Whether this process runs under the address sanitizer, as `.ci/run` says.
    public static var underSanitizer: Bool { ProcessInfo.processInfo.environment["KUNDVAL_SANITIZER"] != nil }

    /// `rounds`, or a fifth of them (at least one) under the sanitizer.
    public static func of(_ rounds: Int) -> Int {
        underSanitizer ? max(1, rounds / 5) : rounds
    }
}
