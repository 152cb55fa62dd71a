import KundvalChecker
import KundvalSyntax

extension CompiledEvidenceDocument {
    /// The issue date of a document value: the value itself for a date, the `utfärdat` field
    /// of a record.
    func issued(_ value: Value) -> Day? { Self.issued(value, field: issuedField) }

    /// The issue date of a document value whose `utfärdat` field, for a record, is `field`.
    static func issued(_ value: Value, field: Int?) -> Day? {
        switch value {
        case .date(let day): return day
        case .record(let fields):
            guard let field, field < fields.count, case .date(let day) = fields[field] else { return nil }
            return day
        default: return nil
        }
    }
}

/// What a document a control point asks for is on the assessment date: one rule for the
/// program, the value code, the explained path and the reasons (it was written in each of them).
/// Only a given document is evidence; one missing, undated (when its age is limited), issued
/// after the date or older than it may be is still to be given.
enum DocumentEvidence {
    case given, missing, undated
    case issuedAfter(Day)
    case tooOld(Day, DocumentAge)

    @inline(__always)
    init(given: Bool, issued: Day?, maximumAge: DocumentAge?, on date: Day) {
        guard given else { self = .missing; return }
        if let issued, issued > date { self = .issuedAfter(issued); return }
        guard let age = maximumAge else { self = .given; return }
        guard let issued else { self = .undated; return }
        self = age.isExceeded(issued: issued, on: date) ? .tooOld(issued, age) : .given
    }

    /// Whether the document is evidence on the date.
    var isGiven: Bool {
        if case .given = self { true } else { false }
    }

    /// Why the document `path` is still to be given on `date`; nil when it is given.
    func reason(_ path: String, date: Day) -> String? {
        switch self {
        case .given: nil
        case .missing: "underlaget `\(path)` saknas"
        case .undated: "underlaget `\(path)` saknar datum då det utfärdades"
        case .issuedAfter(let issued): CompiledDocument.Reasons.issuedAfter(path, issued: issued, date: date)
        case .tooOld(let issued, let age): CompiledDocument.Reasons.tooOld(path, issued: issued, age: age, date: date)
        }
    }
}

extension DocumentAge {
    /// Whether a document issued on `issued` is older than this on `date`: its last valid day
    /// (`issued` moved by the age, by the month rule for months) lies before `date`. An expiry
    /// past the calendar's last day is never before an assessment date.
    func isExceeded(issued: Day, on date: Day) -> Bool {
        let expiry: Day
        do {
            switch unit {
            case .days: expiry = try issued.adding(days: Int64(amount))
            case .months: expiry = try issued.adding(months: Int64(amount)).day
            }
        } catch {
            return false
        }
        return expiry < date
    }

    /// `dokument högst … gammalt [vid D]` measured on `date`, by both evaluators. At another date
    /// (`vid D`) whether it was there and young enough: issued on or before `date`, within the
    /// age (one issued after `date` was not there on it: an extract obtained after the day of
    /// employment). On the assessment date unknown for a document issued after it, which is
    /// still to be given (as a control point's document then is, `underlag saknas`), otherwise
    /// whether it is young enough.
    func truth(issued: Day, on date: Day, isAssessmentDate: Bool) -> Truth {
        Self.truth(issued: issued, on: date, isAssessmentDate: isAssessmentDate, exceeded: isExceeded(issued: issued, on: date))
    }

    /// The same, with whether the document is older than the age on `date` already decided
    /// (by a program's threshold on the assessment date: see `TruthProgram+MonthThresholds.swift`).
    static func truth(issued: Day, on date: Day, isAssessmentDate: Bool, exceeded: Bool) -> Truth {
        isAssessmentDate && issued > date ? .unknown : Truth(issued <= date && !exceeded)
    }
}
