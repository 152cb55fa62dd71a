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
/// that have something to make (the others share their kind's prepared arrays).
final class DecisionReasons: @unchecked Sendable {
    /// What has been made so far; read and written only under ``mutex``.
    private struct Made {
        var conditions: [ConditionDecision]?
        var services: [ServiceDecision]?
    }

    private var made = Made()
    /// Allocated apart: a `pthread_mutex_t` must not move once initialized.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// A new, empty store.
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The conditions, made by `make` on the first call.
    func conditions(_ make: () -> [ConditionDecision]) -> [ConditionDecision] {
        locked { made in
            if let conditions = made.conditions { return conditions }
            let conditions = make()
            made.conditions = conditions
            return conditions
        }
    }

    /// The services, made by `make` on the first call.
    func services(_ make: () -> [ServiceDecision]) -> [ServiceDecision] {
        locked { made in
            if let services = made.services { return services }
            let services = make()
            made.services = services
            return services
        }
    }

    /// `body` with the store, under the mutex.
    private func locked<T>(_ body: (inout Made) -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&made)
    }
}
