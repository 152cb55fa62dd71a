import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// The öppenvård kundval's results at application, written by hand in Swift over native structs:
/// the baseline `kundval bench` compares the interpreter with. It computes what the
/// interpreter's decision holds for each provider: the status of every condition and of every
/// service (insats). Converting the facts to the native structs happens before timing, as a
/// service with its own types would.
struct HandWrittenOppenvard {
    struct Person {
        var roll: Int
        var konkurs, näringsförbud, ansökanOmKonkurs, dömd, allvarligtFel, sanktioner, adekvatKompetens: Bool
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
        var hävdaAvtal: [Day]
        var vaHögskola: Bool, vaÅr: Int64, vaArbetsledare: Bool, vaLämplighet: Bool, vaGodkänd: Bool
        var vaTillförordnadSedan: Day?
        var vaFrånvaro: [(från: Day, till: Day, meddelad: Bool)]
        var förbindelser: [Bool]
        var ibic, handlingsplan: Bool
        var uppdrag: [(mottagen: Day, plan: Day?, avslutat: Day?, slutrapport: Day?)]
        var insatser: [Int]
        var erbjuderEftervård: Bool
    }

    let fields: [String: [String: Int]]
    let väsentligtInflytande: Int
    let dagligLedning: Int
    let rådgivning: Int
    let strukturerad: Int

    init?(document: CheckedDocument) {
        fields = document.records.mapValues { record in
            Dictionary(uniqueKeysWithValues: record.fields.enumerated().map { ($1.name, $0) })
        }
        guard let roles = document.enumerations["Roll"]?.cases,
              let essential = roles.firstIndex(of: "väsentligt_inflytande"), let daily = roles.firstIndex(of: "daglig_ledning")
        else { return nil }
        väsentligtInflytande = essential
        dagligLedning = daily
        guard let kinds = document.enumerations["Insatstyp"]?.cases,
              let counselling = kinds.firstIndex(of: "rådgivning_och_förstärkt_stöd"),
              let structured = kinds.firstIndex(of: "strukturerad_öppenvårdsbehandling")
        else { return nil }
        rådgivning = counselling
        strukturerad = structured
    }

    // MARK: - Converting facts (not timed)

    func native(_ facts: Facts) -> Provider {
        let a = Reader(value: facts.values[0], fields: fields["Anordnare"] ?? [:])
        let va = Reader(value: a.value("verksamhetsansvarig"), fields: fields["Verksamhetsansvarig"] ?? [:])
        let lokaler = Reader(value: a.value("lokaler"), fields: fields["Lokaler"] ?? [:])
        let rutiner = Reader(value: a.value("rutiner"), fields: fields["Rutiner"] ?? [:])
        func records(_ value: Value, _ type: String) -> [Reader] {
            guard case .list(let items) = value else { return [] }
            return items.map { Reader(value: $0, fields: fields[type] ?? [:]) }
        }
        let moderbolag = a.value("moderbolag")
        let mother = Reader(value: moderbolag, fields: fields["Moderbolag"] ?? [:])
        return Provider(
            konkursEllerLikvidation: a.bool("i_konkurs_eller_likvidation"), tvångsförvaltning: a.bool("under_tvångsförvaltning"),
            ackord: a.bool("föremål_för_ackord"), inställt: a.bool("inställt_sina_betalningar"), näringsförbud: a.bool("näringsförbud"),
            ansökanOmKonkurs: a.bool("föremål_för_ansökan_om_konkurs_eller_liknande"),
            dömd: a.bool("dömd_för_brott_i_yrkesutövningen"), allvarligtFel: a.bool("allvarligt_fel_i_yrkesutövningen"),
            skatt: a.bool("fullgjort_socialförsäkringsavgifter_och_skatt"), registreringsbevis: a.value("registreringsbevis").isKnown,
            fSkatt: a.bool("godkänd_för_f_skatt"), kapacitet: a.bool("erforderlig_ekonomisk_kapacitet"),
            sanktioner: a.bool("omfattas_av_sanktioner_eller_handelshinder"), ansvarsförsäkring: a.value("ansvarsförsäkring").isKnown,
            moderbolag: moderbolag.isKnown ? (mother.bool("påverkar_utförandet"), mother.bool("följer_lagar_och_regler")) : nil,
            underleverantörer: records(a.value("underleverantörer"), "Underleverantör").map {
                ($0.bool("påverkar_utförandet"), $0.bool("följer_lagar_och_regler"))
            },
            tillstånd: a.bool("erforderliga_tillstånd"), harLokaler: a.bool("har_lokaler_eller_utrustning"),
            lokalerAnpassade: a.bool("lokaler_och_utrustning_anpassade"), rutinerEgendom: a.bool("rutiner_för_kundens_egendom"),
            tidigareAvauktoriserad: a.bool("tidigare_avauktoriserad_för_brist"),
            åtgärderVisade: a.bool("åtgärder_mot_tidigare_brister_visade"), redovisar: a.bool("redovisar_måluppfyllelse"),
            följerLagar: a.bool("följer_lagar_förordningar_och_föreskrifter"), bytePlanerat: a.bool("byte_av_daglig_ledning_planerat"),
            byteAnmält: a.bool("byte_av_daglig_ledning_anmält"), förtur: a.bool("accepterar_beslutad_förtur"),
            rutinSekretess: rutiner.bool("sekretess_och_tystnadsplikt"),
            rutinDokumentation: rutiner.bool("dokumentation_och_rapportering_av_missförhållanden"),
            rutinSynpunkter: rutiner.bool("synpunkter_klagomål_och_avvikelser"),
            personer: records(a.value("personer"), "Person").map { p in
                Person(roll: p.enumCase("roll"), konkurs: p.bool("i_konkurs"), näringsförbud: p.bool("näringsförbud"),
                       ansökanOmKonkurs: p.bool("föremål_för_ansökan_om_konkurs"), dömd: p.bool("dömd_för_brott_i_yrkesutövningen"),
                       allvarligtFel: p.bool("allvarligt_fel_i_yrkesutövningen"),
                       sanktioner: p.bool("omfattas_av_sanktioner_eller_handelshinder"), adekvatKompetens: p.bool("adekvat_kompetens"))
            },
            lokaler: (lokaler.bool("anpassade_för_verksamheten_och_målgruppen"), lokaler.bool("tillgängliga_vid_funktionsnedsättning"),
                      lokaler.bool("uppfyller_krav_på_arbetsmiljö_och_säkerhet"), lokaler.bool("nära_kollektivtrafik_i_Stockholmsområdet")),
            teknisk: a.bool("teknisk_utrustning_för_digitala_möten"),
            ledningssystem: a.bool("ledningssystem_för_systematiskt_kvalitetsarbete"),
            sip: a.bool("medverkar_i_samordnad_individuell_planering"), anhörig: a.bool("beaktar_anhörigperspektiv"),
            hävdaAvtal: records(a.value("avtal_hävda_av_annan_kommun"), "HävtAvtal").compactMap { $0.date("hävt") },
            vaHögskola: va.bool("adekvat_högskoleutbildning"), vaÅr: va.integer("år_av_dokumenterad_erfarenhet"),
            vaArbetsledare: va.bool("arbetsledarerfarenhet"), vaLämplighet: va.bool("vitsordad_personlig_lämplighet"),
            vaGodkänd: va.bool("godkänd_av_enhetschef"), vaTillförordnadSedan: va.date("tillförordnad_sedan"),
            vaFrånvaro: records(va.value("frånvaro"), "Frånvaro").map {
                ($0.date("från") ?? Day(number: 0), $0.date("till") ?? Day(number: 0), $0.bool("meddelad_till_kommunen"))
            },
            förbindelser: records(a.value("personal"), "Anställd").map { $0.bool("undertecknat_förbindelse_om_tystnadsplikt") },
            ibic: a.bool("dokumenterar_enligt_IBIC"), handlingsplan: a.bool("handlingsplan_för_hot_och_våld"),
            uppdrag: records(a.value("uppdrag"), "Uppdrag").map {
                ($0.date("beställning_mottagen") ?? Day(number: 0), $0.date("genomförandeplan_skickad"),
                 $0.date("avslutat"), $0.date("slutrapport_skickad"))
            },
            insatser: {
                guard case .list(let kinds) = a.value("insatser") else { return [] }
                return kinds.map { if case .enumCase(let index) = $0 { return index }; return -1 }
            }(),
            erbjuderEftervård: a.bool("erbjuder_eftervård"))
    }

    struct Reader {
        let value: Value
        let fields: [String: Int]
        func value(_ name: String) -> Value {
            guard case .record(let values) = value, let index = fields[name] else { return .unknown }
            return values[index]
        }
        func bool(_ name: String) -> Bool { if case .boolean(let flag) = value(name) { return flag }; return false }
        func date(_ name: String) -> Day? { if case .date(let day) = value(name) { return day }; return nil }
        func integer(_ name: String) -> Int64 { if case .number(let n) = value(name) { return n.numerator }; return 0 }
        func enumCase(_ name: String) -> Int { if case .enumCase(let index) = value(name) { return index }; return -1 }
    }

    // MARK: - The conditions (timed)

    /// The status of conditions 1–31 at application on `date`, and of the services
    /// rådgivning och förstärkt stöd, strukturerad primärvård and eftervård.
    func decide(_ p: Provider, date: Day) -> (conditions: [ConditionStatus], services: [ConditionStatus]) {
        @inline(__always) func s(_ holds: Bool) -> ConditionStatus { holds ? .met : .notMet }
        @inline(__always) func merge(_ a: ConditionStatus, _ b: ConditionStatus) -> ConditionStatus {
            if a == .notMet || b == .notMet { return .notMet }
            if a == .notApplicable && b == .notApplicable { return .notApplicable }
            return .met
        }
        let essential = väsentligtInflytande
        let daily = dagligLedning
        var result = [ConditionStatus](repeating: .notApplicable, count: 31)
        result[0] = s(!(p.konkursEllerLikvidation || p.tvångsförvaltning || p.ackord || p.inställt || p.näringsförbud || p.ansökanOmKonkurs)
                      && !p.personer.contains { $0.roll == essential && ($0.konkurs || $0.näringsförbud || $0.ansökanOmKonkurs) })
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
        let threeYearsAgo = (try? date.adding(months: -36).day) ?? date
        let general12: ConditionStatus = p.tidigareAvauktoriserad ? s(p.åtgärderVisade) : .notApplicable
        let specific12: ConditionStatus = p.tidigareAvauktoriserad || p.hävdaAvtal.contains { $0 >= threeYearsAgo }
            ? s(p.åtgärderVisade) : .notApplicable
        result[11] = merge(general12, specific12)
        result[14] = s(p.redovisar)
        result[15] = merge(s(p.följerLagar), s(p.ledningssystem && p.sip && p.anhörig))
        let general17 = p.personer.allSatisfy { $0.roll != daily || $0.adekvatKompetens } && (!p.bytePlanerat || p.byteAnmält)
        let acting = p.vaTillförordnadSedan.map { date <= ((try? $0.adding(months: 6).day) ?? $0) } ?? true
        let specific17 = p.vaHögskola && p.vaÅr >= 3 && p.vaArbetsledare && p.vaLämplighet && p.vaGodkänd && acting
            && p.vaFrånvaro.allSatisfy { $0.från.days(to: $0.till) <= 42 || $0.meddelad }
        result[16] = merge(s(general17), s(specific17))
        result[17] = s(!p.allvarligtFel && !p.personer.contains { $0.allvarligtFel })
        result[21] = s(p.förtur)
        let plans = p.uppdrag.allSatisfy { u in
            let deadline = Day(number: u.mottagen.number + 14)
            if let plan = u.plan { return plan <= deadline }
            return date <= deadline
        }
        let reports = p.uppdrag.allSatisfy { u in
            guard let ended = u.avslutat else { return true }
            let deadline = Day(number: ended.number + 14)
            if let report = u.slutrapport { return report <= deadline }
            return date <= deadline
        }
        result[22] = merge(s(p.rutinSekretess && p.rutinDokumentation && p.rutinSynpunkter),
                           s(p.förbindelser.allSatisfy { $0 } && p.ibic && plans && reports && p.handlingsplan))
        let counselling = p.insatser.contains(rådgivning)
        let structured = p.insatser.contains(strukturerad)
        let services: [ConditionStatus] = [
            counselling ? .met : .notApplicable,
            structured ? s(p.erbjuderEftervård) : .notApplicable,
            structured ? .met : .notApplicable,
        ]
        return (result, services)
    }
}
