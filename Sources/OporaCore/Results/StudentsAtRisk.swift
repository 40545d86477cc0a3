/// Students at risk after a test (000: ВПР is analysed «для каждого обучающегося»): in Russian
/// and mathematics, those with «2» or who lowered their journal mark; with the tasks they failed,
/// from which their individual learning route (ИОМ) is built.
public struct StudentAtRisk: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable {
        case two, lowered
        public var title: String { self == .two ? "отметка «2»" : "понизил отметку по журналу" }
    }
    public let code: String
    public let className: String?
    public let mark: Int?
    public let journalMark: Int?
    public let reasons: [Reason]
    /// Indices into the test's tasks.
    public let failedTasks: [Int]
}

public enum AtRiskRule {
    /// The subjects the rule covers: those whose «2» decides ШНОР status (004).
    public static func covers(subject: String) -> Bool {
        let s = subject.lowercased()
        return s.contains("русск") || s.contains("математ")
    }

    /// A task is failed when the student scored less than half of its maximum, or did not take it.
    public static func failedTasks(_ p: ParticipantResult, tasks: [AssessmentTask]) -> [Int] {
        tasks.indices.filter { i in
            let score = i < p.scores.count ? p.scores[i] : nil
            return (score ?? 0) * 2 < tasks[i].maxScore
        }
    }

    public static func find(_ participants: [ParticipantResult], tasks: [AssessmentTask]) -> [StudentAtRisk] {
        participants.compactMap { p -> StudentAtRisk? in
            guard !p.absent else { return nil }
            var reasons: [StudentAtRisk.Reason] = []
            if p.mark == 2 { reasons.append(.two) }
            if let m = p.mark, let j = p.journalMark, m < j { reasons.append(.lowered) }
            guard !reasons.isEmpty else { return nil }
            return StudentAtRisk(code: p.code, className: p.className, mark: p.mark, journalMark: p.journalMark, reasons: reasons,
                                 failedTasks: failedTasks(p, tasks: tasks))
        }.sorted { ($0.className ?? "", $0.code) < ($1.className ?? "", $1.code) }
    }
}

/// An individual learning route: for each failed task, the content element it checks (from
/// the test's task-to-skill table) and the work planned on it. Tasks that check the same
/// element are one step, so a student with six failed tasks on fractions gets one step, not six.
public struct LearningRoute: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let skill: String
        public let tasks: [String]
        public let form: String
        public let period: String
    }
    public let student: StudentAtRisk
    public let steps: [Step]

    public init(student: StudentAtRisk, tasks: [AssessmentTask], skills: [String: String]) {
        self.student = student
        var order: [String] = []
        var byskill: [String: [String]] = [:]
        for i in student.failedTasks where i < tasks.count {
            let label = tasks[i].label
            let skill = skills[label].flatMap { $0.isEmpty ? nil : $0 } ?? "Задание \(label) (элемент содержания не указан в таблице заданий)"
            if byskill[skill] == nil { order.append(skill) }
            byskill[skill, default: []].append(label)
        }
        // Basic-level gaps first: they block the rest. Forms and periods follow 000's measures
        // (индивидуальные консультации, работа в малых группах, повторная диагностика).
        steps = order.enumerated().map { n, skill in
            Step(skill: skill, tasks: byskill[skill] ?? [], form: n < 2 ? "индивидуальная консультация" : "работа в малой группе",
                 period: n < 2 ? "в течение месяца" : "в течение четверти")
        }
    }
}
