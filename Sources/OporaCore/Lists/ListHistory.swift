/// The kind of a ШНОР derived from its history in the yearly lists.
public enum ListHistoryKind: String, Codable, CaseIterable, Sendable {
    case chronic, flickering, firstTime

    /// The words of the 003 dynamics table.
    public var title: String {
        switch self {
        case .chronic: "Хроническая"
        case .flickering: "Мерцающая"
        case .firstTime: "Впервые в списке ШНОР"
        }
    }
}

/// How a school's history in the list turns into a kind. Configurable per authority.
///
/// The rule, counted over the `windowYears` years that end at the reference year:
/// - in the list at least `chronicMinTimes` times → **chronic** («Хроническая»);
/// - in the list fewer times, only in the reference year → **first time** («Впервые в списке»);
/// - in the list fewer times, at least once before the reference year → **flickering** («Мерцающая»);
/// - never in the list → no kind.
///
/// The defaults (5 years, 2 times) reproduce the Yurga table of order № 882 of 23.12.2024
/// (seed 003): «СОШ №14» listed in 2020 and 2022 is chronic although the years are not
/// consecutive, «СОШ №6» listed once in 2022 is flickering, «ОК № 9» listed in 2024 only is new.
public struct ListHistoryRule: Codable, Sendable, Equatable {
    public var windowYears: Int
    public var chronicMinTimes: Int

    public init(windowYears: Int = 5, chronicMinTimes: Int = 2) {
        self.windowYears = max(1, windowYears)
        self.chronicMinTimes = max(1, chronicMinTimes)
    }

    public static let `default` = ListHistoryRule()

    public func window(endingAt year: Int) -> ClosedRange<Int> {
        (year - windowYears + 1)...year
    }

    public func kind(of history: ListHistory, at year: Int) -> ListHistoryKind? {
        let times = history.times(in: window(endingAt: year))
        guard times > 0 else { return nil }
        if times >= chronicMinTimes { return .chronic }
        let earlier = history.times(in: window(endingAt: year).lowerBound..<year)
        return earlier == 0 ? .firstTime : .flickering
    }

    /// The kind a page may state. «Впервые» says the school was in none of the window's earlier
    /// lists — which the system knows only if those lists were entered: a municipality that
    /// started with this year's list has schools «третий год» by their basis, not «впервые».
    /// Unknown is nil; chronic and flickering are true whatever was not entered.
    public func knownKind(of history: ListHistory, at year: Int, listYears: Set<Int>) -> ListHistoryKind? {
        let kind = kind(of: history, at: year)
        guard kind == .firstTime else { return kind }
        let earlier = window(endingAt: year).lowerBound..<year
        return earlier.allSatisfy(listYears.contains) ? kind : nil
    }

    /// What the start pages say of a listed school: its kind, or that earlier lists are missing.
    public func label(of history: ListHistory, at year: Int, listYears: Set<Int>) -> String {
        guard history.years.contains(year) else { return "не в списке ШНОР \(year) года" }
        if let kind = knownKind(of: history, at: year, listYears: listYears) { return kind.title }
        let first = listYears.min() ?? year
        return "в списке с \(first) года; списки до \(first) года не внесены"
    }
}

/// The years in which one school was on the ШНОР list.
public struct ListHistory: Sendable, Equatable {
    public private(set) var years: Set<Int>

    public init<S: Sequence>(years: S) where S.Element == Int {
        self.years = Set(years)
    }

    public mutating func insert(_ year: Int) { years.insert(year) }

    /// Years on the list without a gap, ending at `year`; 0 when the school is not listed that year.
    public func consecutiveYears(endingAt year: Int) -> Int {
        var count = 0
        var y = year
        while years.contains(y) {
            count += 1
            y -= 1
        }
        return count
    }

    public func times(in range: ClosedRange<Int>) -> Int {
        years.filter { range.contains($0) }.count
    }

    public func times(in range: Range<Int>) -> Int {
        years.filter { range.contains($0) }.count
    }
}

extension ListHistory {
    /// «впервые», «2-й год», … as the 002 order words it.
    public static func consecutiveYearsLabel(_ n: Int) -> String {
        switch n {
        case ..<1: "не в списке"
        case 1: "впервые"
        default: "\(n)-й год"
        }
    }
}
