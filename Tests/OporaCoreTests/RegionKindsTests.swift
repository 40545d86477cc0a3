import OporaCore
import Testing

@Suite struct RegionKindsTests {
    @Test func eachMunicipalityIsSplitByItsOwnRuleAndMergedSchoolsCountOnce() {
        let entries: [RegionKinds.Entry] = [
            // Municipality 1, default rule (5 years, twice = chronic).
            .init(authorityID: 1, schoolID: 10, year: 2022, status: .lowResults),
            .init(authorityID: 1, schoolID: 10, year: 2024, status: .lowResults),   // chronic
            .init(authorityID: 1, schoolID: 11, year: 2024, status: .lowResults),   // first time
            .init(authorityID: 1, schoolID: 12, year: 2023, status: .lowResults),   // not listed in 2024
            .init(authorityID: 1, schoolID: 13, year: 2024, status: .atRisk),
            .init(authorityID: 1, schoolID: 13, year: 2023, status: .atRisk),       // other year: not counted
            // Municipality 2 with a rule of three times: twice is flickering there.
            .init(authorityID: 2, schoolID: 20, year: 2021, status: .lowResults),
            .init(authorityID: 2, schoolID: 20, year: 2024, status: .lowResults),
            // A school merged into 22: both listed in 2024 are one ШНОР, chronic by their joint years.
            .init(authorityID: 2, schoolID: 21, year: 2023, status: .lowResults),
            .init(authorityID: 2, schoolID: 21, year: 2024, status: .lowResults),
            .init(authorityID: 2, schoolID: 22, year: 2024, status: .lowResults),
            .init(authorityID: 2, schoolID: 22, year: 2022, status: .adverseConditions),
        ]
        let kinds = RegionKinds(year: 2024, entries: entries, rules: [2: ListHistoryRule(windowYears: 5, chronicMinTimes: 3)],
                                successor: [21: 22], authorities: [1, 2, 3])
        #expect(kinds.lines.map(\.authorityID) == [1, 2, 3])
        let first = kinds.lines[0], second = kinds.lines[1], third = kinds.lines[2]
        #expect((first.listed, first.chronic, first.flickering, first.firstTime, first.atRisk) == (2, 1, 0, 1, 1))
        #expect((second.listed, second.chronic, second.flickering, second.firstTime, second.atRisk) == (2, 0, 2, 0, 0))
        #expect(third.listed == 0)
        #expect(kinds.total.listed == 4 && kinds.total.chronic == 1 && kinds.total.flickering == 2 && kinds.total.firstTime == 1 && kinds.total.atRisk == 1)
    }
}
