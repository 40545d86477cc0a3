import Testing
@testable import OporaCore

/// The Yurga table of order № 882 of 23.12.2024 (seed 003), row by row.
struct YurgaTable {
    struct Row {
        let name: String
        let number: Int
        let years: Set<Int>
        let atRisk: Bool
        let times: Int?
        let kind: ListHistoryKind?
    }
    static let rows: [Row] = [
        Row(name: "МБОУ «СОШ №1»", number: 1, years: [2020, 2021], atRisk: true, times: 2, kind: .chronic),
        Row(name: "МБОУ «ОО №3 г. Юрги»", number: 3, years: [], atRisk: true, times: nil, kind: nil),
        Row(name: "МБОУ «СОШ №6 г. Юрги»", number: 6, years: [2022], atRisk: false, times: 1, kind: .flickering),
        Row(name: "МБОУ «СОШ №8 г. Юрги»", number: 8, years: [2022], atRisk: true, times: 1, kind: .flickering),
        Row(name: "МБОУ «СОШ №14»", number: 14, years: [2020, 2022], atRisk: true, times: 2, kind: .chronic),
        Row(name: "МБОУ «ОО №15 г. Юрги»", number: 15, years: [2022], atRisk: false, times: 1, kind: .flickering),
        Row(name: "МБОУ «ОК № 9 г Юрги»", number: 9, years: [2024], atRisk: false, times: 1, kind: .firstTime),
    ]
    static var records: [SchoolListRecord] {
        rows.enumerated().map { i, r in
            SchoolListRecord(schoolID: i + 1, schoolName: r.name, schoolNumber: r.number, lowResultYears: r.years, atRiskYears: r.atRisk ? [2024] : [])
        }
    }
}

@Suite struct ListHistoryTests {
    @Test func yurgaTableEveryRow() {
        let d = ListDynamics(records: YurgaTable.records, years: 2020...2024)
        #expect(d.rows.count == 7)
        for expected in YurgaTable.rows {
            let row = d.rows.first { $0.schoolName == expected.name }
            #expect(row != nil, "row \(expected.name) missing")
            #expect(row?.times == expected.times, "times of \(expected.name)")
            #expect(row?.kind == expected.kind, "kind of \(expected.name)")
            #expect(row?.atRiskInLastYear == expected.atRisk, "предШНОР of \(expected.name)")
            for year in 2020...2024 {
                #expect(row?.inList[year] == expected.years.contains(year), "\(expected.name) in \(year)")
            }
        }
    }

    @Test func yurgaTotalsRow() {
        let d = ListDynamics(records: YurgaTable.records, years: 2020...2024)
        #expect((2020...2024).map { d.total(in: $0) } == [2, 1, 4, 0, 1])
        #expect(d.totalTimes == 8)
        let grid = d.grid()
        #expect(grid.last == ["Итого:", "", "2", "1", "4", "0", "1", "8", "", ""])
        #expect(grid.first?.last == "ПредШНОР в 2024 году")
        #expect(grid.first?[7] == "Количество раз в списке ШНОР за последние 5 лет")
    }

    @Test func kindTitlesAreThoseOfTheOrder() {
        #expect(ListHistoryKind.chronic.title == "Хроническая")
        #expect(ListHistoryKind.flickering.title == "Мерцающая")
        #expect(ListHistoryKind.firstTime.title == "Впервые в списке ШНОР")
    }

    @Test func ruleIsConfigurable() {
        // With a stricter threshold СОШ №1 (2020, 2021) is no longer chronic.
        let strict = ListHistoryRule(windowYears: 5, chronicMinTimes: 3)
        #expect(strict.kind(of: ListHistory(years: [2020, 2021]), at: 2024) == .flickering)
        // With a 3-year window 2020 falls out and СОШ №14 counts once.
        let short = ListHistoryRule(windowYears: 3, chronicMinTimes: 2)
        #expect(short.kind(of: ListHistory(years: [2020, 2022]), at: 2024) == .flickering)
        #expect(ListDynamics(records: YurgaTable.records, years: 2020...2024, rule: short).timesHeader == "Количество раз в списке ШНОР за последние 3 года")
    }

    @Test func consecutiveYears() {
        let h = ListHistory(years: [2021, 2022, 2023, 2024])
        #expect(h.consecutiveYears(endingAt: 2024) == 4)
        #expect(ListHistory(years: [2020, 2022, 2023, 2024]).consecutiveYears(endingAt: 2024) == 3)
        #expect(ListHistory(years: [2023]).consecutiveYears(endingAt: 2024) == 0)
        #expect(ListHistory.consecutiveYearsLabel(1) == "впервые")
        #expect(ListHistory.consecutiveYearsLabel(2) == "2-й год")
    }

    /// Property: for any history and rule, a school listed in the window has exactly one kind,
    /// one never listed has none, and adding a year never lowers the count nor turns chronic
    /// into anything else.
    @Test func propertiesOverRandomHistories() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<5_000 {
            let window = Int.random(in: 1...8, using: &rng)
            let threshold = Int.random(in: 1...5, using: &rng)
            let rule = ListHistoryRule(windowYears: window, chronicMinTimes: threshold)
            let year = 2024
            let years = Set((2012...2024).filter { _ in Bool.random(using: &rng) })
            let history = ListHistory(years: years)
            let times = history.times(in: rule.window(endingAt: year))
            let kind = rule.kind(of: history, at: year)
            #expect((kind == nil) == (times == 0))
            if let kind {
                let matching = ListHistoryKind.allCases.filter { candidate in
                    switch candidate {
                    case .chronic: times >= threshold
                    case .firstTime: times < threshold && times == 1 && years.contains(year)
                    case .flickering: times < threshold && !(times == 1 && years.contains(year))
                    }
                }
                #expect(matching == [kind])
            }
            var more = history
            more.insert(Int.random(in: 2012...2024, using: &rng))
            #expect(more.times(in: rule.window(endingAt: year)) >= times)
            if kind == .chronic { #expect(rule.kind(of: more, at: year) == .chronic) }
            #expect(more.consecutiveYears(endingAt: year) >= history.consecutiveYears(endingAt: year))
        }
    }

    /// Start pages say what the card says, and never «впервые» when earlier lists were not entered.
    @Test func theStartPagesLabelIsTheKindByTheRuleOrSaysWhatIsMissing() {
        let rule = ListHistoryRule.default
        let all = Set(2020...2024)
        // СОШ № 14 of Yurga: 2020, 2022, 2024 — chronic by the rule, not «впервые» by consecutive years.
        #expect(rule.label(of: ListHistory(years: [2020, 2022, 2024]), at: 2024, listYears: all) == "Хроническая")
        #expect(rule.label(of: ListHistory(years: [2024]), at: 2024, listYears: all) == "Впервые в списке ШНОР")
        #expect(rule.label(of: ListHistory(years: [2022]), at: 2024, listYears: all) == "не в списке ШНОР 2024 года")
        // Slavyansk entered only its 2024 list: a school there may be in its third year.
        #expect(rule.label(of: ListHistory(years: [2024]), at: 2024, listYears: [2024]) == "в списке с 2024 года; списки до 2024 года не внесены")
        #expect(rule.knownKind(of: ListHistory(years: [2024]), at: 2024, listYears: [2023, 2024]) == nil)
        #expect(rule.knownKind(of: ListHistory(years: [2023, 2024]), at: 2024, listYears: [2023, 2024]) == .chronic)
    }
}

/// A small deterministic generator so property runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
