import KundvalRuntime

/// The fast path (no explanation: the truth programs, reasons made on access) and the explained
/// path (the programs' statuses, the slow path for every condition not met or undecided, every
/// condition observed again for its explanation) must give the same decision, or fail the same
/// way. The programs and the value code are compared apart (see `ExpressionDriver`). Everything a caller can read is read, so that a trap anywhere in it is found.
enum DecisionAgreement {
    /// Evaluates `facts` both ways for one assessment kind and date; returns the fast decision.
    @discardableResult
    static func check(_ document: CompiledDocument, _ facts: Facts, kind: String, date: Day,
                      label: String) throws(FuzzFinding) -> Decision? {
        let what = "\(label): \(document.name) \(kind) \(date)"
        // Both with computations: an error in a definition fails either evaluation alike.
        let quick = Result { () throws(EvaluationFailure) in
            try document.evaluate(facts, assessment: kind, date: date, computations: true)
        }
        let explained = Result { () throws(EvaluationFailure) in
            try document.evaluate(facts, assessment: kind, date: date, explain: true, computations: true)
        }
        switch (quick, explained) {
        case (.failure(let a), .failure(let b)):
            guard a.description == b.description else {
                throw FuzzFinding("\(what): snabba vägen: \(a.description); förklarade vägen: \(b.description)")
            }
            return nil
        case (.failure(let a), .success):
            throw FuzzFinding("\(what): snabba vägen misslyckades (\(a.description)), förklarade vägen gav ett beslut")
        case (.success, .failure(let b)):
            throw FuzzFinding("\(what): förklarade vägen misslyckades (\(b.description)), snabba vägen gav ett beslut")
        case (.success(let fast), .success(let slow)):
            try compare(fast, slow, what)
            _ = fast.json()
            _ = slow.jsonBytes(pretty: true)
            for condition in slow.conditions {
                _ = condition.explanation?.lines
                _ = document.conditionText(condition.number)
            }
            return fast
        }
    }

    private static func compare(_ fast: Decision, _ slow: Decision, _ what: String) throws(FuzzFinding) {
        func expect<T: Equatable>(_ a: T, _ b: T, _ field: String) throws(FuzzFinding) {
            guard a == b else { throw FuzzFinding("\(what): \(field) skiljer sig: snabb \(a), förklarad \(b)") }
        }
        try expect(fast.outcome, slow.outcome, "utfallet")
        try expect(fast.statuses, slow.statuses, "villkorens status")
        let (a, b) = (fast.conditions, slow.conditions)
        try expect(a.map(\.number), b.map(\.number), "villkorens nummer")
        try expect(a.map(\.status), fast.statuses, "statusen vid läsning")
        for (x, y) in zip(a, b) {
            try expect(x.reasons, y.reasons, "skälen för villkor \(x.number)")
            try expect(x.missingFacts, y.missingFacts, "saknade uppgifter för villkor \(x.number)")
            try expect(x.evidenceToRequest, y.evidenceToRequest, "underlag att begära för villkor \(x.number)")
        }
        try expect(fast.serviceStatuses, slow.serviceStatuses, "insatsernas status")
        let (s, t) = (fast.services, slow.services)
        try expect(s.map(\.status), fast.serviceStatuses, "insatsernas status vid läsning")
        try expect(s.map(\.reasons), t.map(\.reasons), "insatsernas skäl")
        try expect(fast.sanction?.sanction, slow.sanction?.sanction, "sanktionen")
        try expect(fast.sanction?.conditions, slow.sanction?.conditions, "sanktionens villkor")
        try expect(fast.sanction?.amount?.exact, slow.sanction?.amount?.exact, "sanktionens belopp")
        try expect(a.map { $0.consequence?.recommended }, b.map { $0.consequence?.recommended }, "föreslagna påföljder")
        try expect(a.map { $0.consequence?.allowed ?? [] }, b.map { $0.consequence?.allowed ?? [] }, "tillåtna påföljder")
        try expect(fast.deauthorizations, slow.deauthorizations, "avauktorisationen")
        try expect(fast.computations, slow.computations, "beräkningarna")
        try expect(fast.sanction?.factors, slow.sanction?.factors, "sanktionens faktorer")
        // The decisions as a whole: every field a stored decision keeps (the explained one's
        // conditions carry their explanations, which the fast one does not make).
        try expect(fast.sanction, slow.sanction, "sanktionen i sin helhet")
        try expect(s, t, "insatsernas beslut")
    }
}
