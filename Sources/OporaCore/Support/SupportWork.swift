/// The kinds of support work the seed orders assign to curators, methodological centres and
/// mentor schools (000–004): events for the staff of ШНОР, visits to them, interviews.
public enum EventKind: String, Codable, CaseIterable, Sendable {
    case seminar, webinar, internship, masterClass, roundTable, council, visit, interview, openDay

    public var title: String {
        switch self {
        case .seminar: "Семинар"
        case .webinar: "Вебинар"
        case .internship: "Стажировка"
        case .masterClass: "Мастер-класс"
        case .roundTable: "Круглый стол"
        case .council: "Совещание"
        case .visit: "Методический выезд"
        case .interview: "Собеседование"
        case .openDay: "День открытых дверей"
        }
    }

    /// A visit records what was seen at each school and its recommendations.
    public var isVisit: Bool { self == .visit }
}

/// Where a consultation was given (003: муниципальный тьюторский консультационный пункт,
/// наставнический центр).
public enum ConsultationKind: String, Codable, CaseIterable, Sendable {
    case tutor, mentorCentre
    public var title: String {
        switch self {
        case .tutor: "Тьюторский консультационный пункт"
        case .mentorCentre: "Наставнический центр"
        }
    }
}

/// A recommendation of a visit, tracked until the school reports it done.
public struct FollowUpState: Sendable, Equatable {
    public enum Status: Sendable, Equatable { case done, overdue, dueSoon, open }
    public let due: LocalDate
    public let done: Bool

    public init(due: LocalDate, done: Bool) {
        self.due = due
        self.done = done
    }

    /// «Due soon» is the next 14 days, as for roadmap measures.
    public func status(today: LocalDate) -> Status {
        if done { return .done }
        if due < today { return .overdue }
        if due.dayNumber - today.dayNumber <= 14 { return .dueSoon }
        return .open
    }
}

/// The «targeted support» of a school in a year: a visit, a consultation or a mentor pairing
/// (the indicator 001 asks for). Plain data so the indicator can be computed and tested alone.
public struct SupportCoverage: Sendable, Equatable {
    public var visited: Set<Int> = []
    public var consulted: Set<Int> = []
    public var paired: Set<Int> = []
    public init() {}
    public var supported: Set<Int> { visited.union(consulted).union(paired) }

    /// Share of `schools` that received any support.
    public func share(of schools: Set<Int>) -> Double {
        schools.isEmpty ? 0 : Double(schools.intersection(supported).count) / Double(schools.count)
    }
}

/// Professional deficits of a teacher (subject or methodological competence).
public enum DeficitKind: String, Codable, CaseIterable, Sendable {
    case subject, methodological
    public var title: String { self == .subject ? "предметный" : "методический" }
}
