/// The year of a municipality's work with its ШНОР as the seed orders lay it out: the list is
/// approved early in the year from the previous year's ВПР (000: the region's order of 30
/// January, «вошедших в список по результатам ВПР 2023 года»), schools assess their risk
/// factors and develop their roadmaps by 1 March and publish them by 4 March, the roadmaps are
/// monitored through the year, and the year ends with the annual report. A start page shows
/// where each of these stands, so an official sees the next step without knowing the orders.
public enum Season {
    /// The list year whose work is under way on a date: from September the next year's list is
    /// prepared (the spring ВПР are in), before that the current year's is worked on.
    public static func listYear(on today: LocalDate) -> Int {
        today.month >= 9 ? today.year + 1 : today.year
    }

    /// The school year (by its first calendar year) a date falls in: it starts on 1 September.
    public static func schoolYear(of date: LocalDate) -> Int {
        date.month >= 9 ? date.year : date.year - 1
    }

    /// Self-assessment of risk factors and the school roadmap: by 1 March of the list year
    /// unless the municipality set its own dates.
    public static func selfAssessmentDue(listYear: Int) -> LocalDate {
        LocalDate(year: listYear, month: 3, day: 1) ?? LocalDate(year: 2000, month: 3, day: 1)!
    }

    /// The school year (by its first calendar year) whose annual report is the one to write on a
    /// date: from July the year that has just ended, before that the one that ended last summer.
    public static func reportSchoolYear(on today: LocalDate) -> Int {
        today.month >= 7 ? today.year - 1 : today.year - 2
    }

    /// The last day of the calendar quarter a date falls in: monitoring rounds are taken each
    /// quarter («ежеквартально» in the seeds' monitoring measures).
    public static func quarterEnd(of date: LocalDate) -> LocalDate {
        let lastMonth = ((date.month - 1) / 3 + 1) * 3
        let lastDay = lastMonth == 6 || lastMonth == 9 ? 30 : 31
        return LocalDate(year: date.year, month: lastMonth, day: lastDay) ?? date
    }

    /// The first day of that quarter.
    public static func quarterStart(of date: LocalDate) -> LocalDate {
        LocalDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1) ?? date
    }
}

/// One step of the season as a start page shows it: what, by when, how far it has got.
public struct SeasonStep: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case list, selfAssessment, schoolRoadmaps, review, monitoring, annualReport
    }

    public enum State: String, Sendable, Equatable {
        /// Everything expected is there.
        case done
        /// Under way, its date not passed.
        case open
        /// Its date has passed with work missing.
        case late
        /// Not yet begun and not yet due (e.g. next year's list in October).
        case ahead

        public var title: String {
            switch self {
            case .done: "выполнено"
            case .open: "в работе"
            case .late: "срок прошёл"
            case .ahead: "предстоит"
            }
        }
    }

    public let kind: Kind
    public let title: String
    public let due: LocalDate?
    public let state: State
    /// «заполнили 3 из 5 школ», «2 карты ждут согласования».
    public let progress: String

    public init(kind: Kind, title: String, due: LocalDate?, state: State, progress: String) {
        self.kind = kind
        self.title = title
        self.due = due
        self.state = state
        self.progress = progress
    }

    /// The state of a step where `done` of `total` things are in by `due`: all in is done; otherwise late once the date has passed, else open (ahead when
    /// nothing has begun and the step is more than two months off).
    public static func state(done: Int, of total: Int, due: LocalDate?, today: LocalDate) -> State {
        if total > 0 && done >= total { return .done }
        // Nothing expected is never «выполнено»: callers leave such a step out.
        if total == 0 { return .ahead }
        if let due, today > due { return .late }
        if done == 0, let due, due.dayNumber - today.dayNumber > 60 { return .ahead }
        return .open
    }

    /// «через 12 дней», «сегодня», «просрочено на 3 дня».
    public static func distance(to due: LocalDate, from today: LocalDate) -> String {
        let days = due.dayNumber - today.dayNumber
        if days == 0 { return "сегодня" }
        if days > 0 { return "через " + RussianPlural.count(days, "день", "дня", "дней") }
        return "прошло " + RussianPlural.count(-days, "день", "дня", "дней")
    }
}
