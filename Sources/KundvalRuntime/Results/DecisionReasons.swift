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
/// One allocation, the mutex in the object's tail: a `pthread_mutex_t` must not move once
/// initialized, and an object's tail never moves. (A `ManagedBuffer` is not `Sendable`; this
/// wrapper is, because every access to what it holds is under the mutex.)
struct DecisionReasons: @unchecked Sendable {
    /// What has been made so far; read and written only under the mutex.
    struct Made {
        var conditions: [ConditionDecision]?
        var services: [ServiceDecision]?
    }

    /// The store and its mutex.
    final class Storage: ManagedBuffer<Made, pthread_mutex_t> {
        deinit {
            _ = withUnsafeMutablePointerToElements { pthread_mutex_destroy($0) }
        }
    }

    private let storage: Storage

    /// A new, empty store.
    init() {
        storage = unsafeDowncast(Storage.create(minimumCapacity: 1) { _ in Made() }, to: Storage.self)
        _ = storage.withUnsafeMutablePointerToElements { mutex in
            mutex.initialize(to: pthread_mutex_t())
            return pthread_mutex_init(mutex, nil)
        }
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
        storage.withUnsafeMutablePointers { made, mutex in
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body(&made.pointee)
        }
    }
}
