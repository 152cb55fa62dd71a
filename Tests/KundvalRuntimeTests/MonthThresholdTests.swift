import KundvalTestSupport
import Testing
@testable import KundvalRuntime

/// A limit in months on the assessment date is checked against the first day whose move by the
/// months reaches the date (``Day/firstReaching(_:byMonths:)``), found once per run: it must
/// decide every day as moving the day itself does (``Day/adding(months:)``), at month ends, in
/// leap years and at the calendar's ends, and the programs that use it must decide as the value
/// code, which moves each day.
struct MonthThresholdTests {
    static let months: [Int64] = [-25, -13, -12, -2, -1, 0, 1, 2, 3, 6, 11, 12, 13, 24, 36, 1_199, 119_987, 120_000]

    /// Month ends and starts of a leap year and the years around it, and the calendar's ends
    /// (with the day past the last, which the day after an assessment date can be).
    static var dates: [Day] {
        var days: [Day] = []
        for year in [1, 2, 2023, 2024, 2025, 2100, 9998, 9999] {
            for month in 1...12 {
                let last = Day.daysIn(month: month, year: year)
                for day in Set([1, 2, 15, 28, 29, 30, 31].filter { $0 <= last } + [last]) {
                    days.append(try! Day(year: year, month: month, day: day))
                }
            }
        }
        return days + [Day(number: Day.maximum.number + 1)]
    }

    /// Near each threshold, and across the days that can be moved, the threshold decides as
    /// moving does; a day that cannot be moved is one whose move is an error.
    @Test func theFirstDayReachingADateDecidesAsMovingEachDay() throws {
        var checked = 0
        var random = SplitMix64(seed: 2_026_1206)
        for months in Self.months {
            let movable = Day.movable(byMonths: months)
            for date in Self.dates {
                let first = Day.firstReaching(date, byMonths: months)
                var days = [Int32]()
                if first != Int32.min && first != Int32.max {
                    days += (-40...40).map { first &+ $0 }
                }
                days += (0..<40).map { _ in Int32(random.next(below: Int(Day.maximum.number) + 1)) }
                for number in days where number >= 0 && number <= Day.maximum.number {
                    let day = Day(number: number)
                    guard let moved = try? day.adding(months: months).day else {
                        #expect(movable?.contains(number) != true, "\(day) + \(months) månader")
                        continue
                    }
                    #expect(movable?.contains(number) == true, "\(day) + \(months) månader")
                    #expect((moved >= date) == (number >= first), "\(day) + \(months) månader mot \(date): första \(first)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100_000, "only \(checked)")
    }

    static let rules = """
        reglemente "R" version "1"
        typ Intyg
          utfärdat: datum kan saknas
        typ Anordnare
          intyg: Intyg kan saknas
          registerutdrag: Intyg kan saknas
          start: datum kan saknas
          slut: datum kan saknas
        fakta
          anordnare: Anordnare
        bedömning ansökan
          vid brist: ej godkänd auktorisation
        villkor 1 "Intyg"
          kräver anordnare.start finns
          underlag bifogas ansökan: anordnare.intyg högst 1 månad gammalt
        villkor 2 "Registerutdrag"
          kräver anordnare.registerutdrag högst 3 månader gammalt
        villkor 3 "Intyg i ett år"
          kräver anordnare.intyg högst 12 månader gammalt
        villkor 4 "Inom en månad"
          kräver bedömningsdatum <= anordnare.start + 1 månad
        villkor 5 "Före sex månader"
          kräver bedömningsdatum < anordnare.start + 6 månader
        villkor 6 "Efter sex månader"
          kräver bedömningsdatum >= anordnare.slut + 6 månader
        villkor 7 "Långt efter"
          kräver bedömningsdatum > anordnare.slut + 3 månader
        villkor 8 "Samma dag"
          kräver bedömningsdatum = anordnare.start + 1 månad
        villkor 9 "Inte samma dag"
          kräver bedömningsdatum != anordnare.slut - 2 månader
        villkor 10 "Tillbaka"
          kräver bedömningsdatum <= anordnare.slut - 1 månad
        """

    /// Facts whose dates lie a few days around the assessment date moved back by a number of
    /// months, where each check turns, or are missing.
    static func facts(_ date: Day) -> (inout SplitMix64) -> String {
        { g in
            func day() -> String? {
                guard g.next(below: 10) > 0 else { return nil }
                let months = Int64(g.next(below: 18)) - 14
                let moved = (try? date.adding(months: months).day) ?? date
                let shifted = Day(number: moved.number + Int32(g.next(below: 9)) - 4)
                return shifted.isInCalendar ? shifted.description : nil
            }
            func document(_ name: String) -> String? {
                guard g.next(below: 8) > 0 else { return nil }
                return #""\#(name)": {"# + (day().map { #""utfärdat": "\#($0)""# } ?? "") + "}"
            }
            let fields = [document("intyg"), document("registerutdrag"), day().map { #""start": "\#($0)""# },
                          day().map { #""slut": "\#($0)""# }].compactMap { $0 }
            return #"{"anordnare": {"# + fields.joined(separator: ", ") + "}}"
        }
    }

    /// The program keeps one threshold per number of months (the document of one month and the
    /// deadline of one month share theirs), needs no closure, and decides every condition as
    /// the value code at month ends and in a leap year.
    @Test func programsWithLimitsInMonthsDecideAsTheValueCode() throws {
        let document = try CodePathAgreementTests.document(Self.rules)
        let plan = try #require(document.assessmentKind(named: "ansökan"))
        #expect(plan.program.closures.isEmpty && plan.program.valueClosures.isEmpty)
        #expect(plan.program.monthThresholds.count == 6)
        var statuses = Set<String>()
        for text in ["2024-02-29", "2024-03-31", "2024-03-30", "2025-01-31", "2025-02-28", "2025-03-01", "2025-12-31", "2023-05-31"] {
            let date = try #require(Day(text))
            let (compared, seen) = try CodePathAgreementTests.agreeOnRandomFacts(
                document, date: date, seed: UInt64(date.number), rounds: RandomRounds.of(150), fullEvery: 5, Self.facts(date))
            #expect(compared > 0)
            statuses.formUnion(seen)
        }
        // Every check was met and not met somewhere.
        for number in 1...10 {
            #expect(statuses.contains("\(number) uppfyllt") && statuses.contains("\(number) ej uppfyllt"), "villkor \(number): \(statuses.sorted())")
        }
    }

    /// Every instruction is copied out of the program to be run, so its size is paid on each
    /// one: the threshold's index keeps a date shift at 8 bytes and an instruction at 56 (60
    /// with a wider index cost about 15 % more work per benchmarked decision).
    @Test func aThresholdKeepsInstructionsAsSmall() {
        #expect(MemoryLayout<DateShift>.size == 8)
        #expect(MemoryLayout<TruthInstruction>.stride <= 56, "\(MemoryLayout<TruthInstruction>.stride) bytes")
    }

    /// A day the months cannot move is moved as the language moves it, which fails at the
    /// calendar's end; one that can decides by the threshold.
    @Test func aDayPastTheCalendarsEndFailsAsTheLanguageFails() throws {
        let document = try CodePathAgreementTests.document(Self.rules)
        let date = try #require(Day("9999-12-31"))
        let late = try document.decoder.decode(json: Array(#"{"anordnare": {"start": "9999-07-15", "slut": "9999-01-01"}}"#.utf8)).get()
        #expect(throws: EvaluationFailure.self) { try document.evaluate(late, assessment: "ansökan", date: date) }
        let early = try document.decoder.decode(json: Array(#"{"anordnare": {"start": "9999-06-15", "slut": "9999-01-01"}}"#.utf8)).get()
        let decision = try document.evaluate(early, assessment: "ansökan", date: date)
        #expect(decision.conditions[3].status == .notMet && decision.conditions[4].status == .notMet)
        #expect(decision.conditions[5].status == .met && decision.conditions[6].status == .met)
    }
}
