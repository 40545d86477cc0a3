/// The period a roadmap covers: a calendar year (2024) or a school year (2020-2021: 1 September
/// to 31 August).
public struct RoadmapPeriod: Hashable, Codable, Sendable, CustomStringConvertible {
    public let start: LocalDate
    public let end: LocalDate

    public init(start: LocalDate, end: LocalDate) {
        self.start = min(start, end)
        self.end = max(start, end)
    }

    public static func calendarYear(_ year: Int) -> RoadmapPeriod {
        RoadmapPeriod(start: LocalDate(year: year, month: 1, day: 1)!, end: LocalDate(year: year, month: 12, day: 31)!)
    }

    public static func schoolYear(starting year: Int) -> RoadmapPeriod {
        RoadmapPeriod(start: LocalDate(year: year, month: 9, day: 1)!, end: LocalDate(year: year + 1, month: 8, day: 31)!)
    }

    /// «2024» → calendar year; «2024-2025», «2024/2025», «2024–2025» → school year.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { "-/–— ".contains($0) }).compactMap { Int($0) }
        switch parts.count {
        case 1 where (1990...2100).contains(parts[0]): self = .calendarYear(parts[0])
        case 2 where (1990...2100).contains(parts[0]) && parts[1] == parts[0] + 1: self = .schoolYear(starting: parts[0])
        default: return nil
        }
    }

    public var isSchoolYear: Bool { start.month == 9 && start.day == 1 && end.year == start.year + 1 }

    public var description: String {
        isSchoolYear ? "\(start.year)-\(end.year) учебный год" : (start.year == end.year && start.month == 1 && end.month == 12 ? "\(start.year) год" : "\(start.russian)–\(end.russian)")
    }

    public func contains(_ d: LocalDate) -> Bool { start <= d && d <= end }

    /// The year in which `month` falls inside the period (the first such, for periods over a year).
    public func year(of month: Int) -> Int? {
        var y = start.year, m = start.month
        while (y, m) <= (end.year, end.month) {
            if m == month { return y }
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return nil
    }
}

extension LocalDate {
    public static func endOfMonth(year: Int, month: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: daysIn(month: month, year: year))!
    }

    /// The last day of the month that is `months` after this date's month.
    public func endOfMonth(adding months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        return .endOfMonth(year: index / 12, month: index % 12 + 1)
    }
}
