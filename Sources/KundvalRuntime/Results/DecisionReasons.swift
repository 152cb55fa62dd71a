#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The conditions and services of one evaluated decision, made on the first read and kept
/// (see ``Decision/conditions``). Thread-safe: a decision is `Sendable`, and threads that read
/// it at once wait for the one that makes them, so each is made once. Made only for decisions
/// with a condition or service not met or undecided, whose reasons are made from the facts (the
/// others share their kind's prepared decisions, and evaluation pays for nothing here).
///
/// The object is as small as it can be, one allocation with nothing to set up or tear down:
/// its mutex is one of ``stripes`` shared by all decisions, chosen by the object's address
/// (a mutex of its own would have to be made and destroyed with every failing decision).
final class DecisionReasons: @unchecked Sendable {
    /// What has been made so far; read and written only under ``mutex``.
    private var conditions: [ConditionDecision]?
    private var services: [ServiceDecision]?

    /// A new, empty store.
    init() {}

    /// The number of mutexes (a power of two).
    private static let stripeCount = 64
    /// The mutexes, made once and never destroyed (they live as long as the process).
    private nonisolated(unsafe) static let stripes: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutexes = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: stripeCount)
        for index in 0..<stripeCount {
            (mutexes + index).initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutexes + index, nil)
        }
        return mutexes
    }()

    /// This object's mutex: objects are at least 16-byte aligned, so the bits above those
    /// spread neighbours over the stripes.
    private var mutex: UnsafeMutablePointer<pthread_mutex_t> {
        Self.stripes + (Int(bitPattern: UInt(bitPattern: ObjectIdentifier(self).hashValue)) >> 4) & (Self.stripeCount - 1)
    }

    /// The conditions, made by `make` on the first call. `make` must not read another
    /// decision's conditions or services (it would wait for a mutex this call may hold).
    func conditions(_ make: () -> [ConditionDecision]) -> [ConditionDecision] {
        let mutex = mutex
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let conditions { return conditions }
        let made = make()
        conditions = made
        return made
    }

    /// The services, made by `make` on the first call (with the same condition as
    /// ``conditions(_:)``).
    func services(_ make: () -> [ServiceDecision]) -> [ServiceDecision] {
        let mutex = mutex
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let services { return services }
        let made = make()
        services = made
        return made
    }
}
