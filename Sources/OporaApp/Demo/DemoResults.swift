import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// Three years of ВПР in Russian and mathematics (5th grade) for the schools of Yurga, so the
/// results pages, the diagnostic card, the objectivity view and the students at risk have
/// something to show. The files are built in the ФИС ОКО layout and loaded through the same
/// check and import as an uploaded file. Schools differ in strength; СОШ № 14 inflates marks at
/// the boundaries and ОО № 3 is lenient in its journal, so the objectivity check finds them.
enum DemoResults {
    static let years = [2023, 2024, 2025]
    static let tests: [(subject: String, maxima: [Int], skills: [String])] = [
        ("Русский язык", [4, 3, 2, 2, 2, 2, 2, 1, 2, 1, 1, 2], [
            "Списывание текста: орфограммы и пунктограммы",
            "Морфемный, морфологический и синтаксический разбор",
            "Орфоэпические нормы (ударение)",
            "Распознавание частей речи",
            "Пунктуация при обращении и прямой речи",
            "Пунктуация в сложном предложении",
            "Основная мысль текста",
            "Составление плана текста",
            "Поиск информации в тексте",
            "Лексическое значение слова",
            "Антонимы и синонимы",
            "Стилистическая окраска слова, речевая ситуация",
        ]),
        ("Математика", ResultsGenerator.maxima, [
            "Натуральные числа: сравнение и вычисления",
            "Обыкновенные дроби",
            "Десятичные дроби",
            "Нахождение части числа и числа по его части",
            "Округление и прикидка результата",
            "Текстовая задача в несколько действий",
            "Единицы измерения величин",
            "Чтение таблиц и диаграмм",
            "Порядок действий в числовом выражении",
            "Задачи практического содержания",
            "Периметр и площадь прямоугольника",
            "Наглядная геометрия: развёртки и изображения фигур",
            "Логическая задача",
            "Задача на движение",
            "Задача повышенной сложности: перебор вариантов",
        ]),
    ]

    static func load(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "yurga").first() else { return }
        let aid = try authority.requireID()
        let schools = try await School.query(on: db).filter(\.$authority.$id == aid).all().sorted { ($0.number ?? 0) < ($1.number ?? 0) }
        let service = ResultsService(db: db)
        var random = ResultsGenerator.Random(state: 4242)
        for year in years {
            for test in tests {
                var lines = ["ВПР \(year) \(test.subject) 5 класс", "Максимальный первичный балл: \(test.maxima.reduce(0, +))",
                             ";;;;" + test.maxima.indices.map { $0 >= test.maxima.count - 3 ? "П" : "Б" }.joined(separator: ";") + ";;;",
                             "Название ОО;Код участника;Класс;Вариант;" + test.maxima.enumerated().map { "\($0.offset + 1) (\($0.element)б)" }.joined(separator: ";")
                                + ";Первичный балл;Отметка;Отметка по журналу"]
                let total = test.maxima.reduce(0, +)
                let bounds = [Int(Double(total) * 0.3), Int(Double(total) * 0.55), Int(Double(total) * 0.8)]
                func mark(_ p: Int) -> Int { p >= bounds[2] ? 5 : p >= bounds[1] ? 4 : p >= bounds[0] ? 3 : 2 }
                for school in schools {
                    let number = school.number ?? 0
                    // Weaker schools on the lists; a slow drift up over the years for the supported ones.
                    let base = [1, 14, 3].contains(number) ? 0.38 : 0.62
                    let strength = base + Double(year - 2023) * (number == 1 ? 0.05 : 0.0) + Double(number % 5) * 0.02
                    for n in 0..<28 {
                        let code = "\(year % 100)\(number)\(String(format: "%03d", n))"
                        let journal = 3 + n % 3
                        if random.unit() < 0.04 {
                            lines.append("\(school.shortName);\(code);5\(["А", "Б"][n % 2]);\(n % 2 + 1);" + String(repeating: ";", count: test.maxima.count) + "отсутствовал;;\(journal)")
                            continue
                        }
                        let ability = min(0.95, max(0.05, strength + (random.unit() - 0.5) * 0.6))
                        var scores = test.maxima.map { m in (0..<m).reduce(0) { acc, _ in acc + (random.unit() < ability ? 1 : 0) } }
                        var primary = scores.reduce(0, +)
                        if number == 14, bounds.contains(primary + 1), let t = scores.indices.first(where: { scores[$0] < test.maxima[$0] }) {
                            scores[t] += 1
                            primary += 1
                        }
                        let m = mark(primary)
                        let j = number == 3 ? min(5, m + 1) : (random.unit() < 0.75 ? m : journal)
                        lines.append("\(school.shortName);\(code);5\(["А", "Б"][n % 2]);\(n % 2 + 1);" + scores.map(String.init).joined(separator: ";") + ";\(primary);\(m);\(j)")
                    }
                }
                let data = Data(lines.joined(separator: "\n").utf8)
                let name = "ВПР-\(year)-\(test.subject)-5.csv"
                let preview = try await service.preview(.data(data), fileName: name, target: .authority(aid), given: .init())
                guard preview.isValid else {
                    throw CommandFailure(description: "демо-результаты «\(name)» не прошли проверку: \(preview.problems.prefix(3).map(\.description).joined(separator: "; "))")
                }
                _ = try await service.apply(preview, hash: try ResultsService.hash(.data(data)), fileName: name, target: .authority(aid), user: nil, by: "demo")
            }
        }
        let skills = StudentsAtRiskService(db: db)
        for test in tests {
            try await skills.saveSkills(Dictionary(uniqueKeysWithValues: test.skills.enumerated().map { (String($0.offset + 1), $0.element) }),
                                        authorityID: aid, kind: .vpr, subject: test.subject, grade: 5)
        }
    }
}
