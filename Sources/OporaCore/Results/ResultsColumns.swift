import Foundation

/// What a column of a results file holds. Files from ФИС ОКО, from schools and from the regional
/// processing centre (РЦОИ) name the same things differently; the synonyms cover the variants
/// seen in real exports, and the mapping step lets the user name the rest.
public enum ResultsColumn: String, CaseIterable, Codable, Sendable {
    case login, schoolCode, school, municipality, municipalityCode, code, className, variant, sex
    case primary, mark, journal, testScore, shortAnswers, longAnswers
    /// Names, documents, birth dates: recognised so that they are dropped, never stored (152-ФЗ).
    case personal
    /// A column the user chose not to load.
    case ignore

    public var title: String {
        switch self {
        case .login: "Логин ОО (ФИС ОКО)"
        case .schoolCode: "Код ОО"
        case .school: "Название ОО"
        case .municipality: "Муниципалитет"
        case .municipalityCode: "Код МСУ"
        case .code: "Код участника"
        case .className: "Класс"
        case .variant: "Вариант"
        case .sex: "Пол"
        case .primary: "Первичный балл"
        case .mark: "Отметка"
        case .journal: "Отметка по журналу"
        case .testScore: "Тестовый балл"
        case .shortAnswers: "Ответы с кратким ответом"
        case .longAnswers: "Ответы с развёрнутым ответом"
        case .personal: "Персональные данные (не сохраняются)"
        case .ignore: "Не загружать"
        }
    }

    /// Header texts, normalised by `ResultsColumn.key`. Order of the cases in `precedence`
    /// matters where one name is a prefix of another («отметка по журналу» before «отметка»).
    static let synonyms: [ResultsColumn: [String]] = [
        .login: ["оо", "логин оо", "логин", "логин школы", "логин фис око", "login"],
        .schoolCode: ["код оо", "код школы", "код образовательной организации", "код оу"],
        .school: ["название оо", "наименование оо", "образовательная организация", "школа", "наименование образовательной организации", "ну", "оу"],
        .municipality: ["муниципалитет", "мо", "район", "муниципальное образование", "ато", "регион/муниципалитет", "регион / муниципалитет",
                        "муниципалитет/регион", "муниципальный район", "городской округ", "муниципальный район/городской округ"],
        .municipalityCode: ["код мсу", "код мо", "код ато", "код района"],
        .code: ["код участника", "код", "номер участника", "идентификатор участника", "код работы", "номер работы", "id участника"],
        .className: ["класс", "литера", "класс/литера"],
        .variant: ["вариант", "номер варианта", "№ варианта"],
        .sex: ["пол"],
        .primary: ["первичный балл", "итого", "сумма баллов", "балл", "первичный балл (сумма)", "сумма первичных баллов"],
        .mark: ["отметка", "оценка", "отметка за впр", "отметка за работу", "оценка за работу", "балл/отметка", "отметка по пятибалльной шкале"],
        .journal: ["отметка по журналу", "отметка за предыдущий период", "четвертная отметка", "отметка за четверть", "отметка за триместр",
                   "отметка за прошлый период", "годовая отметка"],
        .testScore: ["тестовый балл", "балл (100)", "стобалльный балл", "балл по 100-балльной шкале"],
        .shortAnswers: ["ответы части 1", "задания с кратким ответом", "ответы с кратким ответом", "краткие ответы", "часть 1", "ответы типа в", "результаты части 1"],
        .longAnswers: ["ответы части 2", "задания с развернутым ответом", "ответы с развернутым ответом", "развернутые ответы", "часть 2", "ответы типа с", "результаты части 2"],
        .personal: ["фамилия", "имя", "отчество", "фио", "ф.и.о", "фио участника", "серия документа", "номер документа", "серия", "номер паспорта",
                    "документ", "паспорт", "дата рождения", "снилс"],
    ]

    static let precedence: [ResultsColumn] = [.journal, .testScore, .shortAnswers, .longAnswers, .schoolCode, .municipalityCode, .school,
                                              .primary, .mark, .login, .municipality, .code, .className, .variant, .sex, .personal]

    /// Lower case, «ё» as «е», single spaces, no surrounding punctuation.
    public static func key(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .trimmingCharacters(in: keyPunctuation)
    }

    /// Built once: a CharacterSet made per header cell cost 2 ms each on Linux (ICU), a second
    /// for a 440-column header row (found by the fuzzer).
    private static let keyPunctuation = CharacterSet(charactersIn: ".,:;*\"«» ")

    /// The column a header names by itself, if its meaning is unambiguous.
    public static func recognise(_ header: String) -> ResultsColumn? {
        let k = key(header)
        guard !k.isEmpty else { return nil }
        return precedence.first { synonyms[$0]?.contains(k) == true }
    }
}

/// The user's answers from the mapping step: header text (as `ResultsColumn.key` normalises it)
/// → what the column holds. Remembered per municipality so the next file of the same shape loads
/// without questions.
public struct ColumnMapping: Sendable, Equatable, Codable {
    public var columns: [String: ResultsColumn]
    public init(_ columns: [String: ResultsColumn] = [:]) { self.columns = columns }
    public func column(for header: String) -> ResultsColumn? { columns[ResultsColumn.key(header)] }
}
