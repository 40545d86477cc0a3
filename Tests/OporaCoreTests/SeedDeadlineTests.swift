import Foundation
import Testing
@testable import OporaCore

/// Golden test: every deadline phrase of the four seed roadmaps (Fixtures/deadline-phrases.json,
/// transcribed from the orders), read in its roadmap's period, with the due dates an official
/// would name. «—» means no fixed date (the reason is the phrase itself).
@Suite struct SeedDeadlineTests {
    static let y24 = "2024", sy20 = "2020-2021", y25 = "2025"
    static let expected: [String: (period: String, dates: String)] = [
        "до 20 февраля 2024 г.": (y24, "20.02.2024"),
        "ежеквартально": (y24, "31.03.2024 30.06.2024 30.09.2024 31.12.2024"),
        "по отдельному графику": (y24, "—"),
        "до 1 апреля 2024 г.": (y24, "01.04.2024"),
        "январь – апрель 2024 г.": (y24, "30.04.2024"),
        "январь – февраль 2024 г.": (y24, "29.02.2024"),
        "январь 2024 г.": (y24, "31.01.2024"),
        "в течение года": (y24, "31.12.2024"),
        "февраль 2024 г.": (y24, "29.02.2024"),
        "март 2024 г.": (y24, "31.03.2024"),
        "март – ноябрь 2024 г.": (y24, "30.11.2024"),
        "октябрь 2024 г.": (y24, "31.10.2024"),
        "по плану работы": (y24, "—"),
        "не реже одного раза в два месяца": (y24, "29.02.2024 30.04.2024 30.06.2024 31.08.2024 31.10.2024 31.12.2024"),
        "по плану работы МНЦ": (y24, "—"),
        "по плану работы МТКП": (y24, "—"),
        "до 1 декабря 2024 года": (y24, "01.12.2024"),
        "по итогам четверти": (y24, "22.03.2024 31.05.2024 31.10.2024 28.12.2024"),
        "до четвертой четверти": (y24, "31.03.2024"),
        "после проведения оценочной процедуры": (y24, "—"),
        "по плану работы ИРО КК": (y24, "—"),
        "ноябрь 2020": (sy20, "30.11.2020"),
        "октябрь 2020": (sy20, "31.10.2020"),
        "до 05.11. 2020": (sy20, "05.11.2020"),
        "в течение учебного года": (sy20, "31.08.2021"),
        "до 30.11.2020": (sy20, "30.11.2020"),
        "в течение всего периода": (sy20, "31.08.2021"),
        "ноябрь 2020 – январь 2021": (sy20, "31.01.2021"),
        "январь 2021": (sy20, "31.01.2021"),
        "март 2021": (sy20, "31.03.2021"),
        "Апрель 2021 г.": (sy20, "30.04.2021"),
        "по графику": (sy20, "—"),
        "в течение учебного года (в соответствии с запросом)": (sy20, "—"),
        "август 2021": (sy20, "31.08.2021"),
        "март 2024": (y24, "31.03.2024"),
        "апрель - май 2024": (y24, "31.05.2024"),
        "апрель-декабрь 2024": (y24, "31.12.2024"),
        "апрель 2024": (y24, "30.04.2024"),
        "в течение года, по запросу": (y24, "—"),
        "май-сентябрь 2024": (y24, "30.09.2024"),
        "сентябрь-декабрь 2024": (y24, "31.12.2024"),
        "май 2024, август 2024, октябрь 2024, декабрь 2024": (y24, "31.05.2024 31.08.2024 31.10.2024 31.12.2024"),
        "сентябрь 2024": (y24, "30.09.2024"),
        "ноябрь-декабрь 2024": (y24, "31.12.2024"),
        "октябрь - ноябрь 2024": (y24, "30.11.2024"),
        "март-декабрь 2024": (y24, "31.12.2024"),
        "декабрь 2024": (y24, "31.12.2024"),
        "апрель 2024, сентябрь 2024": (y24, "30.04.2024 30.09.2024"),
        "январь 2025": (y25, "31.01.2025"),
        "январь – февраль 2025": (y25, "28.02.2025"),
        "апрель-май 2025": (y25, "31.05.2025"),
        "март – апрель 2025": (y25, "30.04.2025"),
        "апрель 2025": (y25, "30.04.2025"),
        "апрель – май 2025": (y25, "31.05.2025"),
        "Май - сентябрь 2025": (y25, "30.09.2025"),
        "июль – сентябрь 2025": (y25, "30.09.2025"),
        "1 раз в 3 месяца": (y25, "31.03.2025 30.06.2025 30.09.2025 31.12.2025"),
        "август 2025": (y25, "31.08.2025"),
    ]

    static func phrases() throws -> [String] {
        let url = try #require(Bundle.module.url(forResource: "deadline-phrases", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode([String].self, from: Data(contentsOf: url))
    }

    @Test func everySeedPhraseHasAGoldenAnswer() throws {
        let phrases = try Self.phrases()
        #expect(phrases.count == 58)
        #expect(Set(phrases) == Set(Self.expected.keys))
    }

    @Test func everySeedPhraseIsReadAsExpected() throws {
        for phrase in try Self.phrases() {
            guard let want = Self.expected[phrase], let period = RoadmapPeriod(parsing: want.period) else {
                Issue.record("no golden answer for «\(phrase)»")
                continue
            }
            let deadline = Deadline(parsing: phrase)
            #expect(!deadline.needsReview, "«\(phrase)» was not understood")
            let dates = deadline.occurrences(in: period).map(\.russian).joined(separator: " ")
            if want.dates == "—" {
                #expect(deadline.schedule == .noFixedDate(reason: phrase), "«\(phrase)»")
            } else {
                #expect(dates == want.dates, "«\(phrase)»: \(deadline.reading)")
            }
        }
    }
}
