/// The facts an evaluation reads, as the plain pointers of their ``FactStorage``.
struct FactView {
    let flat: UnsafeMutablePointer<Value>
    let truths: UnsafeMutablePointer<UInt8>
    let known: UnsafeMutablePointer<UInt8>
    let tables: UnsafeMutablePointer<FactStorage.Table>
    let yes: UnsafeMutablePointer<UInt64>
    let no: UnsafeMutablePointer<UInt64>

    init(_ storage: FactStorage) {
        (flat, truths, known, tables) = (storage.values, storage.truths, storage.known, storage.tables)
        (yes, no) = (storage.yes, storage.no)
    }
}

/// The evaluation context of one evaluation, made the first time something needs it: a
/// closure, a cursor for one, or the slow path. A provider the truth program decides entirely
/// costs no context at all.
struct LazyContext {
    let storage: FactStorage
    let date: Day
    let definitionCount: Int
    private var made: EvaluationContext?

    init(storage: FactStorage, date: Day, definitionCount: Int) {
        (self.storage, self.date, self.definitionCount) = (storage, date, definitionCount)
    }

    /// The context, made now if it was not yet.
    var context: EvaluationContext {
        mutating get {
            if let made { return made }
            let context = EvaluationContext(storage: storage, date: date, definitionCount: definitionCount, tracing: false)
            made = context
            return context
        }
    }
}
