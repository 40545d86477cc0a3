import Foundation
import Testing
@testable import OporaCore

/// The four seed roadmaps, read from the orders' text by the importer, measure for measure,
/// against golden files transcribed by hand (Fixtures/roadmap-NNN.json).
@Suite struct SeedRoadmapTests {
    struct Golden: Decodable {
        struct Measure: Decodable {
            let number: String
            let name: String
            let form: String?
            let deadline: String
            let responsible: String
            let result: String?
            let links: [String]
        }
        struct Section: Decodable { let title: String?; let measures: [Measure] }
        struct Level: Decodable { let title: String?; let sections: [Section] }
        struct Indicator: Decodable { let name: String; let target: String; let unit: String }
        let source: String
        let columns: [String]
        let levels: [Level]
        let goal: String?
        let tasks: [String]?
        let indicators: [Indicator]?
    }

    static let seeds = ["000", "001", "002", "003"]

    static func golden(_ n: String) throws -> Golden {
        let url = try #require(Bundle.module.url(forResource: "roadmap-\(n)", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    /// The seed orders live in ../shared/seeds beside the repository (as CI lays it out).
    static func seedText(_ source: String) throws -> String {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = repo.deletingLastPathComponent().appendingPathComponent("shared/seeds/\(source)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: seeds)
    func importReproducesEveryMeasure(_ n: String) throws {
        let golden = try Self.golden(n)
        let draft = RoadmapImporter.read(text: try Self.seedText(golden.source), fileName: golden.source)
        #expect(draft.problems.isEmpty, "\(draft.problems.map(\.description))")
        #expect(draft.warnings.isEmpty, "\(draft.warnings.map(\.description))")
        #expect(draft.columns == golden.columns)
        #expect(draft.levels.map(\.title) == golden.levels.map(\.title))
        #expect(draft.levels.map { $0.sections.map(\.title) } == golden.levels.map { $0.sections.map(\.title) })
        let got = draft.measures
        let want = golden.levels.flatMap { $0.sections.flatMap(\.measures) }
        #expect(got.count == want.count, "\(n): \(got.count) measures, want \(want.count)")
        for (g, w) in zip(got, want) {
            #expect(g.number == w.number, "\(n) line \(g.line)")
            #expect(g.name == w.name, "\(n) № \(w.number) name")
            #expect(g.form == w.form, "\(n) № \(w.number) form")
            #expect(g.deadline.text == w.deadline, "\(n) № \(w.number) deadline")
            #expect(g.responsible == w.responsible, "\(n) № \(w.number) responsible")
            #expect(g.result == w.result, "\(n) № \(w.number) result")
            #expect(g.links == w.links, "\(n) № \(w.number) links")
        }
    }

    @Test func puchezhGoalTasksAndIndicators() throws {
        let golden = try Self.golden("001")
        let draft = RoadmapImporter.read(text: try Self.seedText(golden.source), fileName: golden.source)
        #expect(draft.goal == golden.goal)
        #expect(draft.tasks == golden.tasks ?? [])
        #expect(draft.indicators.map(\.name) == (golden.indicators ?? []).map(\.name))
        #expect(draft.indicators.map(\.target) == ["100", "100", "100"])
        #expect(draft.indicators.map(\.unit) == ["%", "%", "%"])
    }

    @Test func pastedTableWithSectionsAndContinuations() {
        let text = """
        №\tМероприятие\tСроки\tОтветственные
        I. ОРГАНИЗАЦИЯ РАБОТЫ\t\t\t
        1.\tСовещание с руководителями\tянварь 2024 г.\tУО
        \tшкол с низкими результатами\t\tИМЦ
        2.\tСтатистико-\tежеквартально\tУО
        \tаналитический отчёт\t\t
        II. ПРОФИЛАКТИКА\t\t\t
        1.\tСеминар\tкогда получится\tИМЦ
        """
        let d = RoadmapImporter.read(text: text, fileName: "вставка")
        #expect(d.problems.isEmpty)
        #expect(d.levels.count == 1)
        #expect(d.levels[0].sections.map(\.title) == ["I. ОРГАНИЗАЦИЯ РАБОТЫ", "II. ПРОФИЛАКТИКА"])
        #expect(d.measures.map(\.name) == ["Совещание с руководителями школ с низкими результатами", "Статистико-аналитический отчёт", "Семинар"])
        #expect(d.measures[0].responsible == "УО ИМЦ")
        #expect(d.warnings.map(\.description) == ["Файл «вставка», строка 8, столбец «Сроки»: срок «когда получится» мероприятия № 1 не распознан: он сохранится как текст и будет отмечен для проверки."])
    }

    @Test func damagedTableGetsRowLevelErrors() {
        let text = """
        №\tМероприятие\tСроки\tОтветственные
        Просто текст без номера\tи ещё\t\t
        1.\t\tянварь 2024\tУО
        2.\tСеминар\t\tИМЦ
        """
        let d = RoadmapImporter.read(text: text, fileName: "карта.txt")
        #expect(!d.isValid)
        #expect(d.problems.map(\.description) == [
            "Файл «карта.txt», строка 2, столбец «№»: строка не похожа ни на мероприятие (нет номера), ни на заголовок раздела: «Просто текст без номера».",
            "Файл «карта.txt», строка 3, столбец «Мероприятие»: у мероприятия № 1 нет наименования.",
            "Файл «карта.txt», строка 4, столбец «Сроки»: у мероприятия № 2 не указан срок.",
        ])
        let none = RoadmapImporter.read(text: "просто текст", fileName: "x.txt")
        #expect(none.problems.first?.message.contains("не найдена строка заголовка") == true)
    }
}
