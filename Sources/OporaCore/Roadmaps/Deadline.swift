import Foundation

/// A month named in a deadline; the year may be left to the roadmap's period («январь»).
public struct MonthRef: Hashable, Codable, Sendable {
    public let month: Int
    public let year: Int?
    public init(month: Int, year: Int?) {
        self.month = month
        self.year = year
    }

    func resolved(in period: RoadmapPeriod?) -> Int? { year ?? period?.year(of: month) }
}

/// What a deadline means, in a form that yields dates. The original wording is kept beside it
/// in `Deadline`; this is only its reading.
public enum Schedule: Hashable, Codable, Sendable {
    /// «до 20 февраля 2024 г.», «до 05.11. 2020», «20.02.2024».
    case until(LocalDate)
    /// «январь – апрель 2024 г.», «ноябрь 2020 – январь 2021»: work over months, due at the end.
    case monthRange(from: MonthRef, to: MonthRef)
    /// «январь 2024 г.», «май 2024, август 2024, октябрь 2024, декабрь 2024»: due at each month's end.
    case months([MonthRef])
    /// «ежеквартально», «1 раз в 3 месяца», «не реже одного раза в два месяца», «ежемесячно».
    case every(months: Int)
    /// «ежемесячно до 25 числа», «до 5-го числа каждого месяца»: on that day of every month.
    case monthlyBy(day: Int)
    /// «по итогам четверти»: at the end of each school quarter.
    case quarterEnds
    /// «до четвертой четверти»: before the given school quarter begins.
    case beforeQuarter(Int)
    /// «в течение года», «в течение учебного года», «в течение всего периода»: one due date, the period's end.
    case throughout
    /// «по отдельному графику», «по плану работы МНЦ», «после проведения оценочной процедуры», «по запросу».
    case noFixedDate(reason: String)
    /// A phrase the parser did not understand: kept as text and flagged for the coordinator.
    case unrecognized
}

public struct Deadline: Hashable, Codable, Sendable {
    public let text: String
    public let schedule: Schedule

    public init(text: String, schedule: Schedule) {
        self.text = text
        self.schedule = schedule
    }

    public init(parsing text: String) {
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.schedule = DeadlineParser.parse(text)
    }

    public var needsReview: Bool { schedule == .unrecognized }

    /// The due dates within the period, in order. Empty for «no fixed date» and unread phrases.
    public func occurrences(in period: RoadmapPeriod) -> [LocalDate] {
        switch schedule {
        case .until(let d):
            return [d]
        case .monthRange(_, let to):
            guard let y = to.resolved(in: period) else { return [] }
            return [.endOfMonth(year: y, month: to.month)]
        case .months(let months):
            return months.compactMap { m in m.resolved(in: period).map { LocalDate.endOfMonth(year: $0, month: m.month) } }.sorted()
        case .every(let n):
            var out: [LocalDate] = []
            var k = 1
            while true {
                let d = period.start.endOfMonth(adding: n * k - 1)
                if d > period.end { break }
                out.append(d)
                k += 1
            }
            return out
        case .monthlyBy(let day):
            var out: [LocalDate] = []
            var month = LocalDate(year: period.start.year, month: period.start.month, day: 1)!
            // A period is at most a few years: bounded by its months, not by input.
            while month <= period.end {
                let last = LocalDate.endOfMonth(year: month.year, month: month.month)
                let due = LocalDate(year: month.year, month: month.month, day: min(day, last.day)) ?? last
                if period.contains(due) { out.append(due) }
                month = last.endOfMonth(adding: 1)
                month = LocalDate(year: month.year, month: month.month, day: 1)!
            }
            return out
        case .quarterEnds:
            return SchoolQuarter.ends.compactMap { q in period.year(of: q.month).map { LocalDate(year: $0, month: q.month, day: q.day)! } }
                .filter(period.contains).sorted()
        case .beforeQuarter(let n):
            guard let start = SchoolQuarter.starts.first(where: { $0.quarter == n }), let y = period.year(of: start.month) else { return [] }
            let d = LocalDate(year: y, month: start.month, day: start.day)!
            return [d.endOfMonth(adding: -1)]
        case .throughout:
            return [period.end]
        case .noFixedDate, .unrecognized:
            return []
        }
    }

    /// A short Russian reading of the schedule, shown next to the original wording.
    public var reading: String {
        switch schedule {
        case .until(let d): "срок: \(d.russian)"
        case .monthRange(let a, let b): "период: \(Months.nominative[a.month - 1])\(a.year.map { " \($0)" } ?? "") – \(Months.nominative[b.month - 1])\(b.year.map { " \($0)" } ?? ""), срок — конец периода"
        case .months(let ms): "в конце месяцев: " + ms.map { "\(Months.nominative[$0.month - 1])\($0.year.map { " \($0)" } ?? "")" }.joined(separator: ", ")
        case .every(let n): n == 3 ? "ежеквартально" : "раз в \(n) \(RussianPlural.form(n, "месяц", "месяца", "месяцев"))"
        case .monthlyBy(let day): "ежемесячно, до \(day) числа"
        case .quarterEnds: "по окончании каждой четверти"
        case .beforeQuarter(let n): "до начала \(n)-й четверти"
        case .throughout: "в течение периода, срок — конец периода"
        case .noFixedDate(let reason): "без фиксированной даты (\(reason))"
        case .unrecognized: "срок не распознан — требуется проверка координатором"
        }
    }
}

/// School quarters as a documented approximation of the usual calendar: they end on 31 October,
/// 28 December, 22 March and 31 May; they start on 1 September, 5 November, 9 January and 1 April.
enum SchoolQuarter {
    static let ends: [(month: Int, day: Int)] = [(10, 31), (12, 28), (3, 22), (5, 31)]
    static let starts: [(quarter: Int, month: Int, day: Int)] = [(1, 9, 1), (2, 11, 5), (3, 1, 9), (4, 4, 1)]
}

enum Months {
    static let nominative = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    /// Stems that cover nominative, genitive and prepositional forms (январь, января, январе; мая, май).
    static let stems = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]

    static func number(_ word: String) -> Int? {
        // «ма» alone would match «марта»: check «март» first by ordering and exact forms for May.
        if ["май", "мая", "мае"].contains(word) { return 5 }
        for (i, stem) in stems.enumerated() where i != 4 && word.hasPrefix(stem) { return i + 1 }
        return nil
    }
}
