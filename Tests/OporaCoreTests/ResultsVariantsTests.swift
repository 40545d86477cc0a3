import Foundation
import OporaCore
import Testing

/// Files as real exports vary: ОГЭ/ЕГЭ protocols, renamed and reordered columns, merged
/// header cells, the mapping step's answers, and the streaming path for a region's file.
@Suite struct ResultsVariantsTests {
    static let protocolRows: [[String]] = [
        ["ОГЭ 2025 Математика"],
        ["Код МСУ", "Код ОО", "Фамилия", "Имя", "Отчество", "Серия документа", "Номер документа", "Класс", "Ответы части 1", "Ответы части 2", "Первичный балл", "Отметка"],
        ["54", "540101", "Иванов", "Иван", "Иванович", "5012", "123456", "9А", "++-+2", "2(2)1(3)", "8", "4"],
        ["54", "540101", "Петров", "Пётр", "Петрович", "5012", "654321", "9А", "+--XX", "0(2)0(3)", "1", "2"],
        ["54", "540102", "Сидорова", "Анна", "", "5013", "111111", "9Б", "", "", "неявка", ""],
    ]

    @Test func readsAnOGEProtocolAndKeepsNoNames() throws {
        let r = ResultsReader.read(ImportTable(fileName: "oge.csv", rows: Self.protocolRows))
        let file = try #require(r.file, "\(r.problems.map(\.description))")
        #expect(file.kind == .oge)
        #expect(file.grade == 9)
        #expect(file.year == 2025)
        #expect(file.subject == "Математика")
        // 5 short tasks (the third scored up to 2), then 2 long ones with maxima from the brackets.
        #expect(file.tasks.map(\.label) == ["1", "2", "3", "4", "5", "6", "7"])
        #expect(file.tasks.map(\.maxScore) == [1, 1, 1, 1, 2, 2, 3])
        #expect(file.participants[0].scores == [1, 1, 0, 1, 2, 2, 1])
        #expect(file.participants[1].scores == [1, 0, 0, nil, nil, 0, 0])
        #expect(file.participants[2].absent)
        #expect(file.participants[0].schoolLogin == "540101")
        #expect(file.participants[0].code == "стр. 3")
        #expect(r.layout?.personal == ["Фамилия", "Имя", "Отчество", "Серия документа", "Номер документа"])
        // Nothing personal survives into what is kept.
        let kept = String(describing: file.participants)
        for name in ["Иванов", "Пётр", "123456", "Сидорова"] { #expect(!kept.contains(name)) }
    }

    @Test func protocolDamageIsReported() {
        var rows = Self.protocolRows
        rows[2][9] = "4(2)1(3)"
        rows[3][9] = "0(2)0(4)"
        rows[3][8] = "+-?q"
        let r = ResultsReader.read(ImportTable(fileName: "oge.csv", rows: rows))
        #expect(r.file == nil)
        let messages = r.problems.map(\.description)
        #expect(messages.contains("Файл «oge.csv», строка 4, столбец «Ответы части 2»: у задания 7 максимум 4, а в других строках — 3."))
        #expect(messages.contains("Файл «oge.csv», строка 3, столбец «Ответы части 2»: балл 4 больше максимума задания 6 (2)."))
        #expect(messages.contains("Файл «oge.csv», строка 4, столбец «Ответы части 1»: строка ответов «+-?q» не разобрана: ожидаются «+», «-», цифры и «X»."))
    }

    @Test func renamedReorderedAndMergedColumnsAreRecognised() throws {
        let rows: [[String]] = [
            ["ВПР 2024 Русский язык 4 класс"],
            ["", "", "", "Отметка", "", "", ""],
            ["Логин школы", "Наименование ОО", "Номер участника", "за работу", "по журналу", "1 (2 б.)", "Задание 2 (3 балла)"],
            ["edu1", "Школа 1", "7", "4", "5", "2", "1"],
            ["edu1", "Школа 1", "8", "Отсутствовал", "3", "", ""],
        ]
        let r = ResultsReader.read(ImportTable(fileName: "ru.xlsx", rows: rows))
        let file = try #require(r.file, "\(r.problems.map(\.description))")
        #expect(r.layout?.unknown == [])
        #expect(file.participants[0].mark == 4)
        #expect(file.participants[0].journalMark == 5)
        #expect(file.participants[0].primary == 3)
        #expect(file.participants[1].absent)
        #expect(file.tasks.map(\.maxScore) == [2, 3])
    }

    @Test func unknownColumnsWaitForTheMappingAndThenRead() throws {
        let rows: [[String]] = [
            ["ОО", "Шифр", "Класс", "1 (1б)", "2 (1б)", "Сумма за работу", "Итог"],
            ["edu1", "A-17", "5А", "1", "0", "1", "3"],
        ]
        let before = ResultsReader.read(ImportTable(fileName: "x.csv", rows: rows))
        #expect(before.file == nil)
        #expect(before.layout.map { $0.unknown.map { $0 } } == [1, 5, 6])
        #expect(before.problems.map(\.message) == ["нет столбца «Код участника»."])
        let mapping = ColumnMapping(["шифр": .code, "сумма за работу": .primary, "итог": .mark])
        let after = ResultsReader.read(ImportTable(fileName: "x.csv", rows: rows), mapping: mapping)
        let file = try #require(after.file, "\(after.problems.map(\.description))")
        #expect(file.participants[0].code == "A-17")
        #expect(file.participants[0].mark == 3)
        #expect(file.participants[0].primary == 1)
    }
}

@Suite struct StudentsAtRiskTests {
    static let tasks = [AssessmentTask(label: "1", maxScore: 1), AssessmentTask(label: "2", maxScore: 2), AssessmentTask(label: "3", maxScore: 3),
                        AssessmentTask(label: "4", maxScore: 2)]

    static func p(_ code: String, _ cls: String, _ scores: [Double?], mark: Int?, journal: Int?, absent: Bool = false) -> ParticipantResult {
        ParticipantResult(schoolLogin: nil, schoolName: nil, code: code, className: cls, variant: nil, scores: scores, absent: absent,
                          primary: scores.compactMap { $0 }.reduce(0, +), mark: mark, journalMark: journal)
    }

    @Test func twosAndLoweredMarksWithTheirFailedTasks() {
        let students = AtRiskRule.find([
            Self.p("a", "5Б", [0, 1, 1, 0], mark: 2, journal: 3),
            Self.p("b", "5А", [1, 2, 3, 1], mark: 4, journal: 5),
            Self.p("c", "5А", [1, 2, 3, 2], mark: 5, journal: 5),
            Self.p("d", "5А", [nil, nil, nil, nil], mark: nil, journal: 4, absent: true),
        ], tasks: Self.tasks)
        #expect(students.map(\.code) == ["b", "a"])
        #expect(students[1].reasons == [.two, .lowered])
        #expect(students[0].reasons == [.lowered])
        // Less than half the maximum fails a task: 0/1, 1/3 and 0/2 for «a»; 1/2 is half and passes.
        #expect(students[1].failedTasks == [0, 2, 3])
        #expect(students[0].failedTasks == [])
        #expect(AtRiskRule.covers(subject: "Русский язык") && AtRiskRule.covers(subject: "Математика") && !AtRiskRule.covers(subject: "История"))
    }

    @Test func theRouteGroupsTasksByTheSkillTheyCheck() throws {
        let student = try #require(AtRiskRule.find([Self.p("a", "5Б", [0, 0, 1, 0], mark: 2, journal: 2)], tasks: Self.tasks).first)
        let route = LearningRoute(student: student, tasks: Self.tasks, skills: ["1": "Дроби", "2": "Дроби", "3": "Текстовые задачи"])
        #expect(route.steps.map(\.skill) == ["Дроби", "Текстовые задачи", "Задание 4 (элемент содержания не указан в таблице заданий)"])
        #expect(route.steps[0].tasks == ["1", "2"])
        #expect(route.steps[0].form == "индивидуальная консультация")
        #expect(route.steps[2].form == "работа в малой группе")
    }
}
