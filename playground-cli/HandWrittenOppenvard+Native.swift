import KundvalChecker
import KundvalRuntime
import KundvalSyntax

/// Converting the interpreter's facts to the baseline's native structs: not timed, as a service
/// with its own types would have them already.
extension HandWrittenOppenvard {
    /// A record type or field the conversion reads that the rules do not have (renamed or
    /// removed by a re-encoding): the baseline would otherwise read it as `nej`.
    struct MissingField: Error {
        let name: String
    }

    init?(document: CheckedDocument) {
        fields = document.records.mapValues { record in
            Dictionary(uniqueKeysWithValues: record.fields.enumerated().map { ($1.name, $0) })
        }
        guard let roles = document.enumerations["Roll"]?.cases,
              let essential = roles.firstIndex(of: "väsentligt_inflytande"),
              let responsible = roles.firstIndex(of: "ansvarig_för_verksamheten"),
              let daily = roles.firstIndex(of: "daglig_ledning"),
              let kinds = document.enumerations["Insatstyp"]?.cases,
              let counselling = kinds.firstIndex(of: "rådgivning_och_förstärkt_stöd"),
              let conversations = kinds.firstIndex(of: "strukturerade_samtalsserier"),
              let group = kinds.firstIndex(of: "strukturerad_primärvård"),
              let aftercare = kinds.firstIndex(of: "eftervård")
        else { return nil }
        (väsentligtInflytande, ansvarig, dagligLedning) = (essential, responsible, daily)
        (rådgivning, samtalsserier, primärvård, eftervård) = (counselling, conversations, group, aftercare)
    }

    /// The provider (the first root fact, `anordnare`) as native structs, or the first field
    /// the rules do not have.
    func native(_ facts: Facts) -> Result<Provider, MissingField> {
        let missing = Missing()
        func reader(_ value: Value, _ type: String) -> Reader {
            if fields[type] == nil { missing.note(type) }
            return Reader(value: value, fields: fields[type] ?? [:], type: type, missing: missing)
        }
        /// The record at `name`, or `nil` when it is not given.
        func record(_ parent: Reader, _ name: String, _ type: String) -> Reader? {
            let value = parent.value(name)
            return value.isKnown ? reader(value, type) : nil
        }
        func records(_ parent: Reader, _ name: String, _ type: String) -> [Reader] {
            guard case .list(let items) = parent.value(name) else { return [] }
            return items.map { reader($0, type) }
        }
        let a = reader(facts.values[0], "Anordnare")
        let lokaler = reader(a.value("lokaler"), "Lokaler")
        let rutiner = reader(a.value("rutiner"), "Rutiner")
        let va = reader(a.value("verksamhetsansvarig"), "Verksamhetsansvarig")
        let provider = Provider(
            konkursEllerLikvidation: a.bool("i_konkurs_eller_likvidation"), tvångsförvaltning: a.bool("under_tvångsförvaltning"),
            ackord: a.bool("föremål_för_ackord"), inställt: a.bool("inställt_sina_betalningar"), näringsförbud: a.bool("näringsförbud"),
            ansökanOmKonkurs: a.bool("föremål_för_ansökan_om_konkurs_eller_liknande"),
            dömd: a.bool("dömd_för_brott_i_yrkesutövningen"), allvarligtFel: a.bool("allvarligt_fel_i_yrkesutövningen"),
            skatt: a.bool("fullgjort_socialförsäkringsavgifter_och_skatt"), registreringsbevis: a.value("registreringsbevis").isKnown,
            fSkatt: a.bool("godkänd_för_f_skatt"), kapacitet: a.bool("erforderlig_ekonomisk_kapacitet"),
            sanktioner: a.bool("omfattas_av_sanktioner_eller_handelshinder"), ansvarsförsäkring: a.value("ansvarsförsäkring").isKnown,
            moderbolag: record(a, "moderbolag", "Moderbolag").map { ($0.bool("påverkar_utförandet"), $0.bool("följer_lagar_och_regler")) },
            underleverantörer: records(a, "underleverantörer", "Underleverantör").map {
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
            personer: records(a, "personer", "Person").map { p in
                Person(roll: p.enumCase("roll"), konkurs: p.bool("i_konkurs"), likvidation: p.bool("i_likvidation"),
                       tvångsförvaltning: p.bool("under_tvångsförvaltning"), ackord: p.bool("föremål_för_ackord"),
                       inställt: p.bool("inställt_sina_betalningar"), näringsförbud: p.bool("näringsförbud"),
                       ansökanOmKonkurs: p.bool("föremål_för_ansökan_om_konkurs"),
                       ansökanOmTvångslikvidation: p.bool("föremål_för_ansökan_om_tvångslikvidation_ackord_eller_liknande"),
                       dömd: p.bool("dömd_för_brott_i_yrkesutövningen"), allvarligtFel: p.bool("allvarligt_fel_i_yrkesutövningen"),
                       sanktioner: p.bool("omfattas_av_sanktioner_eller_handelshinder"), adekvatKompetens: p.bool("adekvat_kompetens"))
            },
            lokaler: (lokaler.bool("anpassade_för_verksamheten_och_målgruppen"), lokaler.bool("tillgängliga_vid_funktionsnedsättning"),
                      lokaler.bool("uppfyller_krav_på_arbetsmiljö_och_säkerhet"), lokaler.bool("nära_kollektivtrafik_i_Stockholmsområdet")),
            teknisk: a.bool("teknisk_utrustning_för_digitala_möten"),
            ledningssystem: a.bool("ledningssystem_för_systematiskt_kvalitetsarbete"),
            sip: a.bool("medverkar_i_samordnad_individuell_planering"), anhörig: a.bool("beaktar_anhörigperspektiv"),
            hävdaAvtal: records(a, "avtal_hävda_av_annan_kommun", "HävtAvtal").map {
                ($0.date("hävt") ?? Day(number: 0), $0.bool("på_grund_av_brist_hos_anordnaren"))
            },
            verksamhetsansvarig: Verksamhetsansvarig(
                högskola: va.bool("adekvat_högskoleutbildning"), år: va.integer("år_av_dokumenterad_erfarenhet"),
                arbetsledare: va.bool("arbetsledarerfarenhet"), lämplighet: va.bool("vitsordad_personlig_lämplighet"),
                kunskaper: va.bool("ingående_kunskaper_om_lagar_föreskrifter_och_auktorisationsvillkor"),
                omfattning: va.bool("arbetar_i_verksamheten_i_den_omfattning_som_krävs"),
                utländskUtbildning: va.bool("eftergymnasial_utbildning_från_annat_land"),
                validerad: va.bool("utländsk_utbildning_validerad_av_UHR"), svenska: va.bool("behärskar_svenska_i_tal_och_skrift"),
                godkänd: va.bool("godkänd_av_enhetschef"), tillförordnadSedan: va.date("tillförordnad_sedan"),
                bedömdLämplig: va.optionalBool("bedömd_lämplig_som_tillförordnad"),
                frånvaro: records(va, "frånvaro", "Frånvaro").map {
                    ($0.date("från") ?? Day(number: 0), $0.date("till"), $0.bool("meddelad_till_kommunen"))
                }),
            annanDagligLedning: record(a, "annan_som_utövar_daglig_ledning", "AnnanDagligLedning").map {
                AnnanDagligLedning(högskola: $0.bool("adekvat_högskoleutbildning"),
                                   undantag: $0.bool("undantag_efter_prövning_av_reell_kompetens"),
                                   utländskUtbildning: $0.bool("eftergymnasial_utbildning_från_annat_land"),
                                   validerad: $0.bool("utländsk_utbildning_validerad_av_UHR"),
                                   svenska: $0.bool("behärskar_svenska_i_tal_och_skrift"))
            },
            förbindelser: records(a, "personal", "Anställd").map { $0.bool("undertecknat_förbindelse_om_tystnadsplikt") },
            ibic: a.bool("dokumenterar_enligt_IBIC"),
            dokumentationsföreskrifter: a.bool("följer_Socialstyrelsens_föreskrifter_om_dokumentation"),
            meddelarFörstärktStöd: a.bool("meddelar_socialsekreterare_om_förstärkt_stöd"),
            hanterarSynpunkter: a.bool("hanterar_synpunkter_och_avvikelser_utifrån_ledningssystemet"),
            handlingsplan: a.bool("handlingsplan_för_hot_och_våld"),
            uppdrag: records(a, "uppdrag", "Uppdrag").map {
                Uppdrag(insatstyp: $0.enumCase("insatstyp"), mottagen: $0.date("beställning_mottagen") ?? Day(number: 0),
                        plan: $0.date("genomförandeplan_skickad"), lägesrapport: $0.date("senaste_lägesrapport"),
                        avslutat: $0.date("avslutat"), slutrapport: $0.date("slutrapport_skickad"),
                        föreskrivetInnehåll: $0.optionalBool("slutrapport_med_föreskrivet_innehåll"))
            },
            insatser: {
                guard case .list(let kinds) = a.value("insatser") else { return [] }
                return kinds.map { if case .enumCase(let index) = $0 { return index }; return -1 }
            }(),
            rådgivning: record(a, "rådgivning", "Rådgivning").map {
                ($0.integer("tillfällen_utan_behovsprövning"), $0.rational("längsta_tillfälle_utan_behovsprövning"))
            },
            samtalsserier: record(a, "samtalsserier", "Samtalsserier").map {
                ($0.bool("baserade_på_teoretiskt_grundade_tekniker_eller_metoder"), $0.bool("provtagning_vid_behov"))
            },
            gruppbehandling: record(a, "gruppbehandling", "Gruppbehandling").map {
                Gruppbehandling(modell: $0.bool("fastlagd_modell_avgränsad_i_tid"), programlängd: $0.rational("programlängd"),
                                struktur: $0.bool("klar_struktur_väldefinierade_insatser_och_vägledning"),
                                metoder: $0.bool("metoder_enligt_Socialstyrelsens_rekommendationer"),
                                enskilda: $0.integer("enskilda_avstämningar"),
                                deltagare: $0.integer("deltagare_per_grupp_och_behandlare"),
                                förlängd: $0.rational("förlängd_gruppbehandling_vid_behov"),
                                individuelltStöd: $0.integer("ytterligare_individuellt_stöd_vid_behov"),
                                närstående: $0.bool("närstående_kan_involveras"), provtagning: $0.bool("provtagning_vid_behov"))
            },
            eftervård: record(a, "eftervård", "Eftervårdsutförande").map {
                Eftervård(längd: $0.rational("längd"), tillfällenPerVecka: $0.integer("tillfällen_per_vecka"),
                          enskilda: $0.integer("enskilda_avstämningar"), ytterligare: $0.integer("ytterligare_avstämningar_vid_behov"))
            })
        if let name = missing.first { return .failure(MissingField(name: name)) }
        return .success(provider)
    }

    /// The first type or field name looked up that the rules do not have.
    final class Missing {
        private(set) var first: String?
        func note(_ name: String) { if first == nil { first = name } }
    }

    /// A record value read by field name.
    struct Reader {
        let value: Value
        let fields: [String: Int]
        let type: String
        let missing: Missing
        func value(_ name: String) -> Value {
            guard let index = fields[name] else {
                missing.note("\(type).\(name)")
                return .unknown
            }
            guard case .record(let values) = value else { return .unknown }
            return values[index]
        }
        func bool(_ name: String) -> Bool { if case .boolean(let flag) = value(name) { return flag }; return false }
        func optionalBool(_ name: String) -> Bool? { if case .boolean(let flag) = value(name) { return flag }; return nil }
        func date(_ name: String) -> Day? { if case .date(let day) = value(name) { return day }; return nil }
        func integer(_ name: String) -> Int64 { if case .number(let n) = value(name) { return n.numerator }; return 0 }
        func rational(_ name: String) -> Rational { if case .number(let n) = value(name) { return n }; return .zero }
        func enumCase(_ name: String) -> Int { if case .enumCase(let index) = value(name) { return index }; return -1 }
    }
}
