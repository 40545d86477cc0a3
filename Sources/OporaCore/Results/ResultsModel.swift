/// Which national assessment a result comes from.
public enum AssessmentKind: String, Codable, CaseIterable, Sendable {
    case vpr, oge, ege
    public var title: String {
        switch self {
        case .vpr: "ВПР"
        case .oge: "ОГЭ"
        case .ege: "ЕГЭ"
        }
    }
}

/// One task of a test: its label («9.1»), maximum score and level (Б — basic, П — advanced).
public struct AssessmentTask: Sendable, Equatable, Codable {
    public enum Level: String, Sendable, Codable { case basic, advanced }
    /// Where the maximum comes from: the file's header «1 (2б)», the test's reference data (an
    /// earlier file of the same test that named it), or the largest score in the file.
    public enum MaxSource: String, Sendable, Codable {
        case header, reference, file
        public var title: String {
            switch self {
            case .header: "из заголовка файла"
            case .reference: "из справочных данных теста"
            case .file: "наибольший балл в файле"
            }
        }
    }
    public let label: String
    /// 0 while unknown (a «балл за N» column), settled before the figures are computed.
    public var maxScore: Double
    public var level: Level?
    public var maxSource: MaxSource?
    public init(label: String, maxScore: Double, level: Level? = nil, maxSource: MaxSource? = nil) {
        self.label = label
        self.maxScore = maxScore
        self.level = level
        self.maxSource = maxSource
    }
}

/// One participant's result, kept by code only: names and documents are never stored (152-ФЗ).
public struct ParticipantResult: Sendable, Equatable, Codable {
    public var schoolLogin: String?
    public var schoolName: String?
    public var code: String
    public var className: String?
    public var variant: String?
    /// Per task, nil when the task was not taken («X»).
    public var scores: [Double?]
    public var absent: Bool
    public var primary: Double?
    public var mark: Int?
    public var journalMark: Int?
    /// ЕГЭ's score on the 100-point scale, when the protocol has it.
    public var testScore: Double?
    /// The file's line, for messages.
    public var line: Int = 0

    public init(schoolLogin: String?, schoolName: String?, code: String, className: String?, variant: String?, scores: [Double?],
                absent: Bool, primary: Double?, mark: Int?, journalMark: Int?) {
        self.schoolLogin = schoolLogin
        self.schoolName = schoolName
        self.code = code
        self.className = className
        self.variant = variant
        self.scores = scores
        self.absent = absent
        self.primary = primary
        self.mark = mark
        self.journalMark = journalMark
    }
}

/// A results file as read: which test, its tasks, its participants.
public struct ResultsFile: Sendable, Equatable {
    public var kind: AssessmentKind
    public var subject: String?
    public var grade: Int?
    public var year: Int?
    public var maxPrimary: Double?
    public var tasks: [AssessmentTask]
    public var participants: [ParticipantResult]
}
