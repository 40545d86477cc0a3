/// How far one occurrence of a measure has got, as the responsible person reports it.
public enum ProgressStatus: String, Codable, CaseIterable, Sendable {
    case notStarted, inProgress, done, partlyDone, notDone

    public var title: String {
        switch self {
        case .notStarted: "не начато"
        case .inProgress: "в работе"
        case .done: "выполнено"
        case .partlyDone: "выполнено частично"
        case .notDone: "не выполнено"
        }
    }

    /// Finished one way or another: nothing more is expected by the due date.
    public var isClosed: Bool { self == .done || self == .partlyDone || self == .notDone }

    /// What a report counts as in urgency, rounds and reports: one returned for revision is open
    /// work again, whatever it claimed, until it is reported anew.
    public func counted(review: ReviewState) -> ProgressStatus {
        review == .returned && isClosed ? .inProgress : self
    }

    /// The status as a reader sees it on a date: work not closed by its due date is «не выполнено
    /// в срок», not «не начато» or «в работе» (a status is what was reported; this is what it
    /// means now).
    public func shown(due: LocalDate?, today: LocalDate) -> String {
        Urgency.of(due: due, status: self, today: today) == .overdue ? "не выполнено в срок" : title
    }
}

/// The coordinator's or curator's answer to a report.
public enum ReviewState: String, Codable, CaseIterable, Sendable {
    case none, pending, accepted, returned

    public var title: String {
        switch self {
        case .none: "—"
        case .pending: "на проверке"
        case .accepted: "принято"
        case .returned: "возвращено на доработку"
        }
    }
}

/// Where an occurrence stands against its due date.
public enum Urgency: String, Sendable, Equatable {
    case overdue, dueSoon, upcoming, closed, noDate

    public var title: String {
        switch self {
        case .overdue: "просрочено"
        case .dueSoon: "скоро срок"
        case .upcoming: "в плане"
        case .closed: "завершено"
        case .noDate: "без фиксированной даты"
        }
    }

    /// How far ahead «скоро срок» looks.
    public static let soonDays = 14

    /// Overdue: the due date has passed and the work is not closed. Due soon: within `soonDays`.
    public static func of(due: LocalDate?, status: ProgressStatus, today: LocalDate, soonDays: Int = Urgency.soonDays) -> Urgency {
        if status.isClosed { return .closed }
        guard let due else { return .noDate }
        if due < today { return .overdue }
        return due.dayNumber - today.dayNumber <= soonDays ? .dueSoon : .upcoming
    }
}

extension LocalDate {
    /// Days since a fixed epoch (civil-from-days algorithm), for differences between dates.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (days-to-civil, the inverse of `dayNumber`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // The algorithm yields a valid civil date for every day number.
        self.year = year
        self.month = month
        self.day = day
    }
}

/// Completion of a set of occurrences, for monitoring rounds: done counts 1, partly done ½.
public struct Completion: Sendable, Equatable, Codable {
    public var total: Int
    public var done: Int
    public var partlyDone: Int
    public var overdue: Int

    public init(total: Int = 0, done: Int = 0, partlyDone: Int = 0, overdue: Int = 0) {
        self.total = total
        self.done = done
        self.partlyDone = partlyDone
        self.overdue = overdue
    }

    public mutating func add(status: ProgressStatus, urgency: Urgency) {
        total += 1
        if status == .done { done += 1 }
        if status == .partlyDone { partlyDone += 1 }
        if urgency == .overdue { overdue += 1 }
    }

    /// Percent, rounded down to a whole number.
    public var percent: Int { total == 0 ? 0 : (done * 100 + partlyDone * 50) / total }
}
