import Testing
@testable import OporaCore

@Suite struct DeadlineTests {
    static func d(_ s: String) -> LocalDate { LocalDate(parsing: s)! }
    static let y2024 = RoadmapPeriod.calendarYear(2024)
    static let sy2020 = RoadmapPeriod.schoolYear(starting: 2020)

    /// The phrases the roadmaps issue names, with their reading and due dates.
    static let golden: [(phrase: String, period: RoadmapPeriod, schedule: Schedule, dates: [String])] = [
        ("до 20 февраля 2024 г.", y2024, .until(d("20.02.2024")), ["20.02.2024"]),
        ("до 05.11. 2020", sy2020, .until(d("05.11.2020")), ["05.11.2020"]),
        ("январь – апрель 2024 г.", y2024, .monthRange(from: .init(month: 1, year: 2024), to: .init(month: 4, year: 2024)), ["30.04.2024"]),
        ("март – ноябрь 2024 г.", y2024, .monthRange(from: .init(month: 3, year: 2024), to: .init(month: 11, year: 2024)), ["30.11.2024"]),
        ("ноябрь 2020 – январь 2021", sy2020, .monthRange(from: .init(month: 11, year: 2020), to: .init(month: 1, year: 2021)), ["31.01.2021"]),
        ("ежеквартально", y2024, .every(months: 3), ["31.03.2024", "30.06.2024", "30.09.2024", "31.12.2024"]),
        ("1 раз в 3 месяца", y2024, .every(months: 3), ["31.03.2024", "30.06.2024", "30.09.2024", "31.12.2024"]),
        ("не реже одного раза в два месяца", y2024, .every(months: 2), ["29.02.2024", "30.04.2024", "30.06.2024", "31.08.2024", "31.10.2024", "31.12.2024"]),
        ("май 2024, август 2024, октябрь 2024, декабрь 2024", y2024, .months([.init(month: 5, year: 2024), .init(month: 8, year: 2024), .init(month: 10, year: 2024), .init(month: 12, year: 2024)]),
         ["31.05.2024", "31.08.2024", "31.10.2024", "31.12.2024"]),
        ("в течение года", y2024, .throughout, ["31.12.2024"]),
        ("в течение учебного года", sy2020, .throughout, ["31.08.2021"]),
        ("в течение всего периода", y2024, .throughout, ["31.12.2024"]),
        ("по отдельному графику", y2024, .noFixedDate(reason: "по отдельному графику"), []),
        ("по графику", y2024, .noFixedDate(reason: "по графику"), []),
        ("по плану работы МНЦ", y2024, .noFixedDate(reason: "по плану работы МНЦ"), []),
        ("по итогам четверти", sy2020, .quarterEnds, ["31.10.2020", "28.12.2020", "22.03.2021", "31.05.2021"]),
        ("до четвертой четверти", y2024, .beforeQuarter(4), ["31.03.2024"]),
        ("после проведения оценочной процедуры", y2024, .noFixedDate(reason: "после проведения оценочной процедуры"), []),
        ("в течение года, по запросу", y2024, .noFixedDate(reason: "в течение года, по запросу"), []),
        ("январь 2024 г.", y2024, .months([.init(month: 1, year: 2024)]), ["31.01.2024"]),
        ("сентябрь", sy2020, .months([.init(month: 9, year: nil)]), ["30.09.2020"]),
        ("до 1 апреля 2024 г.", y2024, .until(d("01.04.2024")), ["01.04.2024"]),
        // Calendar quarters and half-years, and a day of every month (issue 14).
        ("II квартал 2024 г.", y2024, .monthRange(from: .init(month: 4, year: 2024), to: .init(month: 6, year: 2024)), ["30.06.2024"]),
        ("в IV квартале", y2024, .monthRange(from: .init(month: 10, year: nil), to: .init(month: 12, year: nil)), ["31.12.2024"]),
        ("III–IV кварталы 2024 года", y2024, .monthRange(from: .init(month: 7, year: 2024), to: .init(month: 12, year: 2024)), ["31.12.2024"]),
        ("во втором квартале 2024 г.", y2024, .monthRange(from: .init(month: 4, year: 2024), to: .init(month: 6, year: 2024)), ["30.06.2024"]),
        ("1-й квартал 2024 года", y2024, .monthRange(from: .init(month: 1, year: 2024), to: .init(month: 3, year: 2024)), ["31.03.2024"]),
        ("в течение I полугодия", y2024, .monthRange(from: .init(month: 1, year: nil), to: .init(month: 6, year: nil)), ["30.06.2024"]),
        ("II полугодие 2024 г.", y2024, .monthRange(from: .init(month: 7, year: 2024), to: .init(month: 12, year: 2024)), ["31.12.2024"]),
        ("ежемесячно до 25 числа", y2024, .monthlyBy(day: 25), (1...12).map { String(format: "25.%02d.2024", $0) }),
        ("до 5-го числа каждого месяца", y2024, .monthlyBy(day: 5), (1...12).map { String(format: "05.%02d.2024", $0) }),
        ("ежемесячно, не позднее 31 числа", y2024, .monthlyBy(day: 31),
         ["31.01.2024", "29.02.2024", "31.03.2024", "30.04.2024", "31.05.2024", "30.06.2024", "31.07.2024", "31.08.2024", "30.09.2024", "31.10.2024", "30.11.2024", "31.12.2024"]),
    ]

    @Test(arguments: golden.indices)
    func goldenPhrase(_ i: Int) {
        let g = Self.golden[i]
        let deadline = Deadline(parsing: g.phrase)
        #expect(deadline.schedule == g.schedule, "\(g.phrase)")
        #expect(deadline.occurrences(in: g.period).map(\.russian) == g.dates, "\(g.phrase)")
        #expect(deadline.text == g.phrase)
        #expect(!deadline.needsReview, "\(g.phrase)")
    }

    // Everyday wordings kept and flagged, never guessed: school-year halves, «за отчётным
    // кварталом», a fifth quarter.
    @Test(arguments: ["когда-нибудь", "до дня X", "13-е число", "", "в течение I полугодия учебного года", "по итогам квартала",
                      "до 10 числа месяца, следующего за отчетным кварталом", "V квартал 2024"])
    func unreadablePhrasesAreFlaggedNotGuessed(_ phrase: String) {
        let deadline = Deadline(parsing: phrase)
        #expect(deadline.schedule == .unrecognized)
        #expect(deadline.needsReview)
        #expect(deadline.occurrences(in: Self.y2024).isEmpty)
    }

    @Test func dayNumbersTurnBackIntoTheirDates() throws {
        var date = try #require(LocalDate(year: 1999, month: 12, day: 25))
        for _ in 0..<(366 * 3) {
            #expect(LocalDate(dayNumber: date.dayNumber) == date)
            let next = LocalDate(dayNumber: date.dayNumber + 1)
            #expect(next > date)
            date = next
        }
        #expect(LocalDate(dayNumber: try #require(LocalDate(year: 2024, month: 2, day: 28)).dayNumber + 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(dayNumber: try #require(LocalDate(year: 2024, month: 12, day: 31)).dayNumber + 14) == LocalDate(year: 2025, month: 1, day: 14))
    }

    @Test func periods() {
        #expect(RoadmapPeriod(parsing: "2024") == .calendarYear(2024))
        #expect(RoadmapPeriod(parsing: "2020-2021") == .schoolYear(starting: 2020))
        #expect(RoadmapPeriod(parsing: "2020/2022") == nil)
        #expect(RoadmapPeriod.schoolYear(starting: 2020).description == "2020-2021 учебный год")
        #expect(RoadmapPeriod.calendarYear(2024).year(of: 3) == 2024)
        #expect(RoadmapPeriod.schoolYear(starting: 2020).year(of: 3) == 2021)
        #expect(RoadmapPeriod.schoolYear(starting: 2020).year(of: 10) == 2020)
    }
}
