/// A roadmap as read from a table, before it is saved: levels → sections → measures, with
/// the problems that stop it from being saved and the warnings a coordinator should see.
public struct RoadmapDraft: Sendable, Equatable {
    public struct Measure: Sendable, Equatable {
        public var line: Int
        public var number: String
        public var name: String
        public var form: String?
        public var deadline: Deadline
        public var responsible: String
        public var result: String?
        public var links: [String]
        /// «1.» as written in the table, «1» in messages.
        public var displayNumber: String { number.hasSuffix(".") ? String(number.dropLast()) : number }

        public init(line: Int, number: String, name: String, form: String?, deadline: Deadline, responsible: String, result: String?, links: [String]) {
            self.line = line
            self.number = number
            self.name = name
            self.form = form
            self.deadline = deadline
            self.responsible = responsible
            self.result = result
            self.links = links
        }
    }
    public struct Section: Sendable, Equatable {
        public var title: String?
        public var measures: [Measure]
        public init(title: String?, measures: [Measure]) {
            self.title = title
            self.measures = measures
        }
    }
    public struct Level: Sendable, Equatable {
        public var title: String?
        public var sections: [Section]
        public init(title: String?, sections: [Section]) {
            self.title = title
            self.sections = sections
        }
    }
    public struct Indicator: Sendable, Equatable {
        public var name: String
        public var target: String
        public var unit: String
        public init(name: String, target: String, unit: String) {
            self.name = name
            self.target = target
            self.unit = unit
        }
    }

    public var columns: [String]
    public var levels: [Level]
    public var goal: String?
    public var tasks: [String]
    public var indicators: [Indicator]
    public var problems: [ImportProblem]
    public var warnings: [ImportProblem]

    public init(columns: [String], levels: [Level], goal: String?, tasks: [String], indicators: [Indicator], problems: [ImportProblem], warnings: [ImportProblem]) {
        self.columns = columns
        self.levels = levels
        self.goal = goal
        self.tasks = tasks
        self.indicators = indicators
        self.problems = problems
        self.warnings = warnings
    }

    public var measures: [Measure] { levels.flatMap { $0.sections.flatMap(\.measures) } }
    public var isValid: Bool { problems.isEmpty && !measures.isEmpty }
}

/// The columns a roadmap table may have, and the header words that name them.
public enum RoadmapColumn: String, CaseIterable, Sendable {
    case number, name, form, deadline, responsible, result, links

    public var title: String {
        switch self {
        case .number: "№"
        case .name: "Мероприятие"
        case .form: "Форма реализации"
        case .deadline: "Сроки"
        case .responsible: "Ответственные"
        case .result: "Результат"
        case .links: "Информационное сопровождение"
        }
    }

    /// Header words; the first column whose header contains one of them is taken.
    var synonyms: [String] {
        switch self {
        case .number: ["№", "n п/п", "номер"]
        case .name: ["мероприят", "наименование", "направления", "содержание"]
        case .form: ["форма"]
        case .deadline: ["срок"]
        case .responsible: ["ответствен", "исполнител"]
        case .result: ["результат"]
        case .links: ["информационное сопровождение", "сопровождение", "ссылк"]
        }
    }
}
