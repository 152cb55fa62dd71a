import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// The öppenvård kundval's results at application, written by hand in Swift over native structs:
/// the baseline `kundval bench` compares the interpreter with. It computes what the
/// interpreter's decision holds for each provider: the status of every condition and of every
/// service (insats). Converting the facts to the native structs happens before timing, as a
/// service with its own types would (see HandWrittenOppenvard+Native.swift).
///
/// What an application tests follows the rows' control points (Grammar/GUIDE.md §4, §10): a part
/// whose row has `ej godkänd auktorisation`, or no `vid brist` at all, is decided; a part with
/// only `sanktion` (11, 13, 14, 15's miljö och klimat, 20, 21, 24–31) is not, and a condition
/// none of whose parts is decided is `ej tillämpligt`, as is 19, which does not occur in this
/// kundval. The structs hold what the decided parts and the services read.
struct HandWrittenOppenvard {
    /// A person of `anordnare.personer` (conditions 1, 2, 8, 17 and 18).
    struct Person {
        var roll: Int
        var konkurs, likvidation, tvångsförvaltning, ackord, inställt, näringsförbud: Bool
        var ansökanOmKonkurs, ansökanOmTvångslikvidation: Bool
        var dömd, allvarligtFel, sanktioner, adekvatKompetens: Bool
    }

    /// `anordnare.verksamhetsansvarig` (condition 17).
    struct Verksamhetsansvarig {
        var högskola: Bool, år: Int64, arbetsledare, lämplighet, kunskaper, omfattning: Bool
        var utländskUtbildning, validerad, svenska, godkänd: Bool
        var tillförordnadSedan: Day?
        var bedömdLämplig: Bool?
        var frånvaro: [(från: Day, till: Day?, meddelad: Bool)]
    }

    /// `anordnare.annan_som_utövar_daglig_ledning` (condition 17).
    struct AnnanDagligLedning {
        var högskola, undantag, utländskUtbildning, validerad, svenska: Bool
    }

    /// An assignment of `anordnare.uppdrag` (condition 23).
    struct Uppdrag {
        var insatstyp: Int
        var mottagen: Day
        var plan, lägesrapport, avslutat, slutrapport: Day?
        var föreskrivetInnehåll: Bool?
    }

    /// `anordnare.gruppbehandling` (service strukturerad_primärvård); lengths in days.
    struct Gruppbehandling {
        var modell: Bool, programlängd: Rational, struktur, metoder: Bool, enskilda, deltagare: Int64
        var förlängd: Rational, individuelltStöd: Int64, närstående, provtagning: Bool
    }

    /// `anordnare.eftervård` (service eftervård); the length in months.
    struct Eftervård {
        var längd: Rational, tillfällenPerVecka, enskilda, ytterligare: Int64
    }

    struct Provider {
        var konkursEllerLikvidation, tvångsförvaltning, ackord, inställt, näringsförbud, ansökanOmKonkurs: Bool
        var dömd, allvarligtFel, skatt, registreringsbevis, fSkatt, kapacitet, sanktioner, ansvarsförsäkring: Bool
        var moderbolag: (påverkar: Bool, följer: Bool)?
        var underleverantörer: [(påverkar: Bool, följer: Bool)]
        var tillstånd, harLokaler, lokalerAnpassade, rutinerEgendom, tidigareAvauktoriserad, åtgärderVisade: Bool
        var redovisar, följerLagar, bytePlanerat, byteAnmält, förtur: Bool
        var rutinSekretess, rutinDokumentation, rutinSynpunkter: Bool
        var personer: [Person]
        var lokaler: (Bool, Bool, Bool, Bool)
        var teknisk, ledningssystem, sip, anhörig: Bool
        var hävdaAvtal: [(hävt: Day, förBrist: Bool)]
        var verksamhetsansvarig: Verksamhetsansvarig
        var annanDagligLedning: AnnanDagligLedning?
        var förbindelser: [Bool]
        var ibic, dokumentationsföreskrifter, meddelarFörstärktStöd, hanterarSynpunkter, handlingsplan: Bool
        var uppdrag: [Uppdrag]
        var insatser: [Int]
        var rådgivning: (tillfällen: Int64, längsta: Rational)?
        var samtalsserier: (teoretiskt: Bool, provtagning: Bool)?
        var gruppbehandling: Gruppbehandling?
        var eftervård: Eftervård?
    }

    /// The record fields by name, for the conversion.
    let fields: [String: [String: Int]]
    /// `Roll`'s cases.
    let väsentligtInflytande, ansvarig, dagligLedning: Int
    /// `Insatstyp`'s cases.
    let rådgivning, samtalsserier, primärvård, eftervård: Int

    // MARK: - The conditions (timed)

    /// Three-valued truth as the rules count with facts that may be missing: ordered so that
    /// `och` (and `alla`) is `min`, `eller` is `max`.
    enum Truth: UInt8, Comparable {
        case no, unknown, yes
        init(_ flag: Bool) { self = flag ? .yes : .no }
        init(_ flag: Bool?) { self = flag.map { $0 ? .yes : .no } ?? .unknown }
        static func < (a: Truth, b: Truth) -> Bool { a.rawValue < b.rawValue }
        /// A part's status from its requirements together.
        var status: ConditionStatus { self == .yes ? .met : self == .no ? .notMet : .missingEvidence }
    }

    @inline(__always) static func s(_ holds: Bool) -> ConditionStatus { holds ? .met : .notMet }

    /// Two parts of a condition together: not met wins, then underlag saknas, then met; both
    /// must not apply for the condition not to apply.
    @inline(__always) static func merge(_ a: ConditionStatus, _ b: ConditionStatus) -> ConditionStatus {
        @inline(__always) func rank(_ status: ConditionStatus) -> Int {
            switch status {
            case .notMet: 0
            case .missingEvidence: 1
            case .met: 2
            case .notApplicable: 3
            }
        }
        return rank(a) <= rank(b) ? a : b
    }

    /// `day + months` by the month rule.
    @inline(__always) static func adding(_ months: Int64, to day: Day) -> Day {
        (try? day.adding(months: months).day) ?? day
    }

    /// The status of conditions 1–31 at application on `date`, and of the services
    /// rådgivning och förstärkt stöd, strukturerade samtalsserier, strukturerad primärvård and
    /// eftervård.
    func decide(_ p: Provider, date: Day) -> (conditions: [ConditionStatus], services: [ConditionStatus]) {
        let s = Self.s, merge = Self.merge
        let essential = väsentligtInflytande
        var result = [ConditionStatus](repeating: .notApplicable, count: 31)
        result[0] = s(!(p.konkursEllerLikvidation || p.tvångsförvaltning || p.ackord || p.inställt || p.näringsförbud || p.ansökanOmKonkurs)
                      && !p.personer.contains {
                          $0.roll == essential && ($0.konkurs || $0.likvidation || $0.tvångsförvaltning || $0.ackord || $0.inställt
                              || $0.näringsförbud || $0.ansökanOmKonkurs || $0.ansökanOmTvångslikvidation)
                      })
        result[1] = s(!p.dömd && !p.personer.contains { $0.dömd })
        result[2] = s(p.skatt)
        // A document the application should attach but does not is evidence still to come.
        result[3] = p.registreringsbevis ? .met : .missingEvidence
        result[4] = s(p.fSkatt)
        result[5] = s(p.kapacitet)
        result[6] = s((p.moderbolag.map { !$0.påverkar || $0.följer } ?? true) && p.underleverantörer.allSatisfy { !$0.påverkar || $0.följer })
        result[7] = s(!p.sanktioner && !p.personer.contains { $0.sanktioner })
        result[8] = p.ansvarsförsäkring ? .met : .missingEvidence
        result[9] = merge(s(p.tillstånd && (!p.harLokaler || (p.lokalerAnpassade && p.rutinerEgendom))),
                          s(p.lokaler.0 && p.lokaler.1 && p.lokaler.2 && p.lokaler.3 && p.teknisk))
        let threeYearsAgo = Self.adding(-36, to: date)
        let general12: ConditionStatus = p.tidigareAvauktoriserad ? s(p.åtgärderVisade) : .notApplicable
        let specific12: ConditionStatus = p.tidigareAvauktoriserad || p.hävdaAvtal.contains { $0.förBrist && $0.hävt >= threeYearsAgo }
            ? s(p.åtgärderVisade) : .notApplicable
        result[11] = merge(general12, specific12)
        result[14] = s(p.redovisar)
        result[15] = merge(s(p.följerLagar), s(p.ledningssystem && p.sip && p.anhörig))
        result[16] = merge(s(generalDailyManagement(p)), manager(p, date: date).status)
        result[17] = s(!p.allvarligtFel && !p.personer.contains { $0.allvarligtFel })
        result[21] = s(p.förtur)
        result[22] = merge(s(p.rutinSekretess && p.rutinDokumentation && p.rutinSynpunkter), routines(p, date: date).status)
        return (result, services(p))
    }

    /// Condition 17 in reglementet: adequate competence of whoever exercises or is responsible
    /// for the daily management, and a change of daily management reported.
    @inline(__always) func generalDailyManagement(_ p: Provider) -> Bool {
        let (daily, responsible) = (dagligLedning, ansvarig)
        return p.personer.allSatisfy { ($0.roll != daily && $0.roll != responsible) || $0.adekvatKompetens }
            && (!p.bytePlanerat || p.byteAnmält)
    }

    /// Condition 17 in the kundval: the verksamhetsansvarig's competence, knowledge, presence,
    /// validated education, Swedish and approval, unless acting; an acting one judged suitable
    /// (unknown until the kommun has judged) for at most six months; absences over six weeks
    /// (first and last day counted, an ongoing one up to `date`) reported; and anyone else
    /// exercising the daily management educated (or exempted), validated and fluent in Swedish.
    @inline(__always) func manager(_ p: Provider, date: Day) -> Truth {
        let va = p.verksamhetsansvarig
        var truth: Truth
        if let since = va.tillförordnadSedan {
            truth = min(Truth(va.bedömdLämplig), Truth(date <= Self.adding(6, to: since)))
        } else {
            truth = Truth(va.högskola && va.år >= 3 && va.arbetsledare && va.lämplighet && va.kunskaper && va.omfattning
                          && (!va.utländskUtbildning || va.validerad) && va.svenska && va.godkänd)
        }
        if truth == .no { return .no }
        let absences = va.frånvaro.allSatisfy { f in
            Int64((f.till ?? date).number) - Int64(f.från.number) + 1 <= 42 || f.meddelad
        }
        let other = p.annanDagligLedning.map { a in
            (a.högskola || a.undantag) && (!a.utländskUtbildning || a.validerad) && a.svenska
        } ?? true
        return min(truth, Truth(absences && other))
    }

    /// Condition 23 in the kundval: confidentiality signed by all staff, IBIC, the documentation
    /// rules, and for every assignment the implementation plan within two weeks of the order, a
    /// status report each month (each third month for eftervård; none for rådgivning) while it
    /// runs, the final report within two weeks of its end and with the prescribed content
    /// (unknown until judged); förstärkt stöd reported, complaints handled, a plan for threats.
    @inline(__always) func routines(_ p: Provider, date: Day) -> Truth {
        guard p.förbindelser.allSatisfy({ $0 }) && p.ibic && p.dokumentationsföreskrifter && p.meddelarFörstärktStöd
                && p.hanterarSynpunkter && p.handlingsplan else { return .no }
        let (counselling, aftercare) = (rådgivning, eftervård)
        var content = Truth.yes
        for u in p.uppdrag {
            let planDeadline = Day(number: u.mottagen.number + 14)
            guard u.plan.map({ $0 <= planDeadline }) ?? (date <= planDeadline) else { return .no }
            if u.avslutat == nil && u.insatstyp != counselling {
                let interval: Int64 = u.insatstyp == aftercare ? 3 : 1
                guard date <= Self.adding(interval, to: u.lägesrapport ?? u.mottagen) else { return .no }
            }
            if let ended = u.avslutat {
                let reportDeadline = Day(number: ended.number + 14)
                guard u.slutrapport.map({ $0 <= reportDeadline }) ?? (date <= reportDeadline) else { return .no }
            }
            if u.slutrapport != nil { content = min(content, Truth(u.föreskrivetInnehåll)) }
        }
        return content
    }

    /// The services in the kundval's order: each is `ej tillämpligt` unless offered, and its
    /// requirements on a description the provider has not given are unknown (`underlag saknas`)
    /// unless another requirement fails.
    @inline(__always) func services(_ p: Provider) -> [ConditionStatus] {
        let s = Self.s
        let offersAftercare = p.insatser.contains(eftervård)
        let counselling: ConditionStatus = !p.insatser.contains(rådgivning) ? .notApplicable
            : p.rådgivning.map { s($0.tillfällen <= 5 && $0.längsta.isAtMost(3)) } ?? .missingEvidence
        let conversations: ConditionStatus = !p.insatser.contains(samtalsserier) ? .notApplicable
            : p.samtalsserier.map { s($0.teoretiskt && $0.provtagning) } ?? .missingEvidence
        let group: ConditionStatus = !p.insatser.contains(primärvård) ? .notApplicable
            : !offersAftercare ? .notMet
            : p.gruppbehandling.map { g in
                s(g.modell && g.programlängd.isAtLeast(84) && g.struktur && g.metoder && g.enskilda >= 3 && g.deltagare <= 12
                  && g.förlängd.isAtLeast(14) && g.individuelltStöd >= 2 && g.närstående && g.provtagning)
            } ?? .missingEvidence
        let aftercare: ConditionStatus = !offersAftercare ? .notApplicable
            : p.eftervård.map { e in
                s(e.längd.isAtLeast(9) && e.tillfällenPerVecka >= 1 && e.enskilda >= 3 && e.ytterligare >= 2)
            } ?? .missingEvidence
        return [counselling, conversations, group, aftercare]
    }
}

extension Rational {
    /// `self <= bound`, exactly (the denominator is positive).
    @inline(__always) func isAtMost(_ bound: Int64) -> Bool { numerator <= bound * denominator }
    /// `self >= bound`, exactly.
    @inline(__always) func isAtLeast(_ bound: Int64) -> Bool { numerator >= bound * denominator }
}
