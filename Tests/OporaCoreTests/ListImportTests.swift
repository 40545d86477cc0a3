import Testing
@testable import OporaCore

@Suite struct ListImportTests {
    let matcher = SchoolNameMatcher(candidates: [
        .init(id: 1, name: "МБОУ СОШ № 5"), .init(id: 2, name: "МБОУ СОШ № 10"), .init(id: 3, name: "МБОУ ООШ № 10"),
    ])

    @Test func validFileWithTitleLineAndStatuses() {
        let table = ImportTable(fileName: "список.csv", rows: [
            ["Список ШНОР на 2025 год", "", ""],
            ["Наименование ОО", "Статус", "Основание"],
            ["МБОУ СОШ №5", "ШНОР", "низкие результаты ВПР"],
            ["ООШ № 10", "предШНОР", ""],
            ["", "", ""],
        ])
        let p = ListImporter.prepare(table, matcher: matcher, defaultStatus: .lowResults)
        #expect(p.problems.isEmpty)
        #expect(p.isValid)
        #expect(p.rows.map(\.schoolID) == [1, 3])
        #expect(p.rows.map(\.line) == [3, 4])
        #expect(p.rows[0].basis == "низкие результаты ВПР")
        #expect(p.rows[1].status == .atRisk)
        #expect(p.rows[1].basis == nil)
    }

    @Test func everyProblemNamesFileRowAndColumn() {
        let table = ImportTable(fileName: "list.csv", rows: [
            ["Школа", "Статус"],
            ["школа 10", "ШНОР"],
            ["СОШ № 77", ""],
            ["СОШ № 5", "неизвестно"],
            ["", "ШНОР"],
            ["СОШ 5", ""],
            ["МБОУ СОШ №5", ""],
        ])
        let p = ListImporter.prepare(table, matcher: matcher, defaultStatus: .lowResults)
        #expect(!p.isValid)
        let messages = p.problems.map(\.description)
        #expect(messages.count == 5)
        #expect(messages[0] == "Файл «list.csv», строка 2, столбец «Школа»: название «школа 10» подходит к нескольким школам: МБОУ СОШ № 10; МБОУ ООШ № 10. Уточните название.")
        #expect(messages[1].hasPrefix("Файл «list.csv», строка 3, столбец «Школа»: школа «СОШ № 77» не найдена"))
        #expect(messages[2] == "Файл «list.csv», строка 4, столбец «Статус»: неизвестный статус «неизвестно»; допустимы: ШНОР, ШНСУ, предШНОР.")
        #expect(messages[3] == "Файл «list.csv», строка 5, столбец «Школа»: не указана школа.")
        #expect(messages[4] == "Файл «list.csv», строка 7, столбец «Школа»: школа «МБОУ СОШ №5» уже указана в строке 6.")
    }

    @Test func missingHeaderAndEmptyFile() {
        let noHeader = ListImporter.prepare(ImportTable(fileName: "x.csv", rows: [["1", "2"]]), matcher: matcher, defaultStatus: .lowResults)
        #expect(noHeader.problems.first?.row == 1)
        #expect(noHeader.problems.first?.message.contains("заголовка") == true)
        let empty = ListImporter.prepare(ImportTable(fileName: "x.csv", rows: []), matcher: matcher, defaultStatus: .lowResults)
        #expect(empty.problems.first?.description == "Файл «x.csv»: файл пуст.")
    }
}
