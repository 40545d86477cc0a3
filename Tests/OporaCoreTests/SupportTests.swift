import OporaCore
import Testing

@Suite struct SupportRulesTests {
    @Test func whoRecordsSupportWhere() {
        let coordinator = Scope.of(role: .coordinator, authorityID: 4, schoolID: nil, curatedSchoolIDs: [])
        let methodologist = Scope.of(role: .methodologist, authorityID: 4, schoolID: nil, curatedSchoolIDs: [])
        let curator = Scope.of(role: .curator, authorityID: 4, schoolID: nil, curatedSchoolIDs: [1, 14])
        let head = Scope.of(role: .schoolHead, authorityID: 4, schoolID: 14, curatedSchoolIDs: [])
        let staff = Scope.of(role: .schoolStaff, authorityID: 4, schoolID: 14, curatedSchoolIDs: [])
        let observer = Scope.of(role: .regionalObserver, authorityID: nil, schoolID: nil, curatedSchoolIDs: [])
        #expect(coordinator.canRecordSupport(authorityID: 4, schoolIDs: [6]) && !coordinator.canRecordSupport(authorityID: 5, schoolIDs: []))
        #expect(methodologist.canRecordSupport(authorityID: 4, schoolIDs: []))
        #expect(curator.canRecordSupport(authorityID: 4, schoolIDs: [14]) && !curator.canRecordSupport(authorityID: 4, schoolIDs: [14, 6]))
        #expect(!curator.canRecordSupport(authorityID: 4, schoolIDs: []))
        #expect(!head.canRecordSupport(authorityID: 4, schoolIDs: [14]) && head.canReportFollowUp(schoolID: 14, authorityID: 4))
        #expect(!staff.canReportFollowUp(schoolID: 14, authorityID: 4))
        #expect(!observer.canRecordSupport(authorityID: 4, schoolIDs: []) && !observer.canReportFollowUp(schoolID: 14, authorityID: 4))
    }

    @Test func followUpStates() throws {
        let today = try #require(LocalDate(year: 2026, month: 11, day: 25))
        func state(_ d: Int, _ m: Int, _ y: Int, done: Bool = false) throws -> FollowUpState.Status {
            FollowUpState(due: try #require(LocalDate(year: y, month: m, day: d)), done: done).status(today: today)
        }
        #expect(try state(24, 11, 2026) == .overdue)
        #expect(try state(9, 12, 2026) == .dueSoon)
        #expect(try state(10, 12, 2026) == .open)
        #expect(try state(1, 1, 2020, done: true) == .done)
        var c = SupportCoverage()
        c.visited = [1, 2]
        c.consulted = [2, 3]
        #expect(c.share(of: [1, 2, 3, 4]) == 0.75)
        #expect(SupportCoverage().share(of: []) == 0)
    }
}

@Suite struct DeficitImportTests {
    @Test func readsAndRejects() {
        let good = DeficitImport.read(ImportTable(fileName: "d.xlsx", rows: [
            ["Ф.И.О.", "Должность", "Предметные дефициты", "Нуждается в КПК"],
            ["Иванова  А.П.", "учитель", "проценты", "да"],
            ["", "", "", ""],
            ["Петров П.П.", "учитель", "", "нет"],
        ]))
        #expect(good.problems.isEmpty)
        #expect(good.rows.map(\.fullName) == ["Иванова А.П.", "Петров П.П."])
        #expect(good.rows.map(\.needsSubjectTraining) == [true, false])
        let bad = DeficitImport.read(ImportTable(fileName: "d.xlsx", rows: [["ФИО", "Должность"], ["Иванова", "учитель"]]))
        #expect(bad.problems.map(\.message) == ["нет столбцов дефицитов: «Предметные дефициты», «Методические дефициты» или «Нуждается в курсах по предмету»."])
        let duplicate = DeficitImport.read(ImportTable(fileName: "d.xlsx", rows: [["ФИО", "Методические дефициты"], ["Иванова А.П.", "x"], ["иванова  а.п.", "y"]]))
        #expect(duplicate.rows.isEmpty)
        #expect(duplicate.problems.first?.description == "Файл «d.xlsx», строка 3, столбец «ФИО»: «иванова  а.п.» уже есть в строке 2.")
    }
}

@Suite struct IndicatorValueTests {
    @Test func sharesAsTheReportWritesThem() {
        #expect(IndicatorValue.share([1, 2, 9], of: [1, 2, 3]).text == "67 % (2 из 3)")
        #expect(IndicatorValue(count: 0, of: 0).text == "0 % (0 из 0)")
        #expect(IndicatorValue(count: 17, of: 17).percent == 100)
    }
}

@Suite struct AnnualReportDraftTests {
    @Test func conclusionsFromTheFacts() {
        var f = AnnualFacts(schoolYear: 2020)
        f.schools = [.init(name: "СОШ № 16", number: 16, basis: "третий год в проекте", yearsInList: 3), .init(name: "СОШ № 5", number: 5, basis: "ВПР", yearsInList: 1)]
        f.factorCounts = [("низкая учебная мотивация обучающихся", 14), ("высокая доля обучающихся с рисками учебной неуспешности", 7)]
        f.visits = [.init(school: "ООШ № 8", number: 8, date: "2021-03-01", lessons: 4, belowExpected: true, findings: "")]
        f.trainingTeachers = 29
        f.trainingSchoolNumbers = [7, 8]
        let text = AnnualReportDraft.conclusions(f)
        #expect(text.contains("В списке второй год и более: СОШ № 16 (3 года)"))
        #expect(text.contains("Наиболее распространённые факторы риска: низкая учебная мотивация обучающихся (14 школ)"))
        #expect(text.contains("Провести повторные методические выезды с посещением уроков в ООШ № 8."))
        #expect(text.contains("Обеспечить курсовую подготовку 29 педагогов по предмету."))
        #expect(f.visitsStatement == "Проведены методические выезды в ШНОР: всего посещено 1 школа (№ 8), посещено 4 урока. Отдельные уроки проведены на уровне ниже ожидаемого — в ООШ № 8.")
    }
}
