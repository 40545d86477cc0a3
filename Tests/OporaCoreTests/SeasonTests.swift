import Testing
@testable import OporaCore

@Suite struct SeasonTests {
    static func d(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    @Test func theListYearTurnsInSeptember() {
        #expect(Season.listYear(on: Self.d("2026-08-31")) == 2026)
        #expect(Season.listYear(on: Self.d("2026-09-01")) == 2027)
        #expect(Season.listYear(on: Self.d("2027-01-15")) == 2027)
    }

    @Test func theAnnualReportIsOfTheSchoolYearThatEnded() {
        #expect(Season.reportSchoolYear(on: Self.d("2026-12-03")) == 2025)
        #expect(Season.reportSchoolYear(on: Self.d("2026-03-01")) == 2024)
        #expect(Season.reportSchoolYear(on: Self.d("2026-07-01")) == 2025)
    }

    @Test func quarters() {
        #expect(Season.quarterEnd(of: Self.d("2026-12-03")) == Self.d("2026-12-31"))
        #expect(Season.quarterEnd(of: Self.d("2026-05-10")) == Self.d("2026-06-30"))
        #expect(Season.quarterEnd(of: Self.d("2026-08-01")) == Self.d("2026-09-30"))
        #expect(Season.quarterStart(of: Self.d("2026-08-01")) == Self.d("2026-07-01"))
    }

    @Test func stepStates() {
        let today = Self.d("2027-02-10"), due = Self.d("2027-03-01")
        #expect(SeasonStep.state(done: 5, of: 5, due: due, today: today) == .done)
        #expect(SeasonStep.state(done: 3, of: 5, due: due, today: today) == .open)
        #expect(SeasonStep.state(done: 3, of: 5, due: due, today: Self.d("2027-03-02")) == .late)
        #expect(SeasonStep.state(done: 0, of: 5, due: Self.d("2027-06-01"), today: today) == .ahead)
        #expect(SeasonStep.state(done: 0, of: 5, due: due, today: today) == .open)
    }

    @Test func distancesInWords() {
        let today = Self.d("2026-12-03")
        #expect(SeasonStep.distance(to: Self.d("2026-12-03"), from: today) == "сегодня")
        #expect(SeasonStep.distance(to: Self.d("2026-12-04"), from: today) == "через 1 день")
        #expect(SeasonStep.distance(to: Self.d("2026-12-25"), from: today) == "через 22 дня")
        #expect(SeasonStep.distance(to: Self.d("2026-11-28"), from: today) == "прошло 5 дней")
    }

    @Test func deadlinesAreCountedByRoadmapAndByResponsible() {
        let digest = DeadlineDigest([
            .init(roadmapID: 1, responsible: ["Миронова Е.В.", "ИМЦ"], overdue: true),
            .init(roadmapID: 1, responsible: ["миронова  е.в."], overdue: false),
            .init(roadmapID: 2, responsible: ["ИМЦ"], overdue: true),
            .init(roadmapID: 2, responsible: ["ИМЦ"], overdue: true),
            .init(roadmapID: 3, responsible: [], overdue: false),
        ])
        #expect(digest.overdue == 3 && digest.soon == 2)
        #expect(digest.byRoadmap.map(\.key) == ["2", "1", "3"])
        #expect(digest.byRoadmap.first?.overdue == 2)
        // One person however spaced or cased; a measure with two parties counts for each.
        #expect(digest.byResponsible.map(\.key) == ["ИМЦ", "Миронова Е.В.", "не указан"])
        #expect(digest.byResponsible[0].overdue == 3)
        #expect(digest.byResponsible[1].overdue == 1 && digest.byResponsible[1].soon == 1)
    }

    @Test func longTitlesAreCutAtAWord() {
        let title = "План мероприятий («Дорожная карта») на 2025 год по повышению качества общего образования в общеобразовательных организациях"
        let short = title.shortened(to: 60)
        #expect(short.count <= 61)
        #expect(short.hasSuffix("…"))
        #expect(title.hasPrefix(String(short.dropLast())))
        #expect("Короткое название".shortened(to: 60) == "Короткое название")
    }
}
