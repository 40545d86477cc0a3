import Foundation
import Testing
@testable import OporaCore

@Suite struct ResultsTests {
    static let rows: [[String]] = [
        ["ВПР 2024 Математика 5 класс"],
        ["Предмет: Математика"],
        ["Максимальный первичный балл: 5"],
        ["", "", "", "", "", "", "Б", "Б", "П", "", "", ""],
        ["ОО", "Муниципалитет", "Название ОО", "Код участника", "Класс", "Вариант", "1 (1б)", "2 (2б)", "3 (2б)", "Первичный балл", "Отметка", "Отметка по журналу"],
        ["edu230001", "Славянский район", "МБОУ СОШ № 5", "10001", "5А", "1", "1", "2", "0", "3", "3", "4"],
        ["edu230001", "Славянский район", "МБОУ СОШ № 5", "10002", "5А", "2", "1", "1", "2", "4", "4", "4"],
        ["edu230001", "Славянский район", "МБОУ СОШ № 5", "10003", "5Б", "1", "0", "X", "0", "0", "2", "3"],
        ["edu230001", "Славянский район", "МБОУ СОШ № 5", "10004", "5Б", "2", "отсутствовал", "", "", "", "", "4"],
    ]

    @Test func readsTheFISOKOLayout() {
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: Self.rows))
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
        let f = try! #require(r.file)
        #expect(f.kind == .vpr)
        #expect(f.year == 2024)
        #expect(f.grade == 5)
        #expect(f.subject == "Математика")
        #expect(f.tasks.map(\.label) == ["1", "2", "3"])
        #expect(f.tasks.map(\.maxScore) == [1, 2, 2])
        #expect(f.tasks.map(\.level) == [.basic, .basic, .advanced])
        #expect(f.participants.count == 4)
        #expect(f.participants[2].scores == [0, nil, 0])
        #expect(f.participants[3].absent)
        #expect(f.participants[0].schoolLogin == "edu230001")
    }

    @Test func damagedRowsAreReportedWithRowAndColumn() {
        var rows = Self.rows
        rows[5][7] = "3"          // above the task maximum
        rows[7][10] = "6"         // not a mark
        rows.append(["edu230001", "", "", "10001", "5А", "1", "1", "1", "1", "3", "3", "3"]) // duplicate code
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows))
        #expect(r.file == nil)
        let messages = r.problems.map(\.description)
        #expect(messages.contains("Файл «vpr.csv», строка 6, столбец «2 (2б)»: балл 3 больше максимума задания (2)."))
        #expect(messages.contains("Файл «vpr.csv», строка 8, столбец «Отметка»: отметка «6» — не от 2 до 5."))
        #expect(messages.contains("Файл «vpr.csv», строка 10, столбец «Код участника»: участник «10001» уже есть в строке 6."))
    }

    /// A rescored paper: its total differs from its tasks' sum. Not an error: a warning with the
    /// count and the first rows, and the file's total counts.
    @Test func aRescoredTotalIsAWarningAndTheFilesTotalCounts() throws {
        var rows = Self.rows
        rows[6][9] = "5"
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows))
        let f = try #require(r.file)
        #expect(r.problems.isEmpty)
        #expect(r.warnings == ["В 1 строке первичный балл отличается от суммы баллов за задания (работа перепроверена?): строка 7. Отметка и первичный балл взяты из файла."])
        #expect(f.participants.first { $0.line == 7 }?.primary == 5)
    }

    @Test func summaryOfASlice() throws {
        let f = try #require(ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: Self.rows)).file)
        let s = ResultsAnalysis.summarize(f.participants, tasks: f.tasks, maxPrimary: f.maxPrimary)
        #expect(s.participants == 3)
        #expect(s.absent == 1)
        #expect(s.marks == [2: 1, 3: 1, 4: 1])
        #expect(abs(s.markShare(2) - 1.0 / 3) < 1e-9)
        #expect(s.meanPrimary.map { abs($0 - 7.0 / 3) < 1e-9 } == true)
        // Task 2: 2 + 1 of 2 × 2 (one «X» does not count) → 0.75; task 3: 2 of 2 × 3 → ⅓.
        #expect(s.solveRates[1].map { abs($0 - 0.75) < 1e-9 } == true)
        #expect(s.solveRates[2].map { abs($0 - 1.0 / 3) < 1e-9 } == true)
        #expect(s.notMastered == [false, false, false])
        #expect(s.objectivity.lower == 2)
        #expect(s.objectivity.confirmed == 1)
        #expect(s.histogram == [1, 0, 0, 1, 1, 0])
    }

    @Test func peaksAtBoundariesAndNegativeDynamics() {
        let h = [2, 3, 3, 12, 4, 4, 5, 5, 5]
        #expect(ResultsAnalysis.boundaryPeaks(histogram: h, boundaries: [3, 6]) == [3])
        #expect(ResultsAnalysis.negativeDynamics(twosNow: 0.25, twosLastYear: 0.15))
        #expect(!ResultsAnalysis.negativeDynamics(twosNow: 0.20, twosLastYear: 0.15))
    }
}

@Suite struct ConversionScaleTests {
    @Test func marksFromPrimaryScores() throws {
        let scale = try #require(ConversionScale(parsing: "6–10–14"))
        #expect(scale.mark(0) == 2)
        #expect(scale.mark(5.5) == 2)
        #expect(scale.mark(6) == 3)
        #expect(scale.mark(13) == 4)
        #expect(scale.mark(20) == 5)
        #expect(ConversionScale(parsing: "10, 6, 14") == nil)
        #expect(ConversionScale(parsing: "6 10") == nil)
    }
}

@Suite struct ListProposalTests {
    @Test func proposesByTheDocumentedRule() {
        let rule = ListProposalRule()
        let comparator: [Int: [String: Double]] = [2023: ["Русский язык": 0.10, "Математика": 0.12], 2024: ["Русский язык": 0.11, "Математика": 0.13]]
        let shares: [Int: [Int: [String: Double]]] = [
            1: [2023: ["Русский язык": 0.30, "Математика": 0.25], 2024: ["Русский язык": 0.20, "Математика": 0.20]],
            2: [2023: ["Русский язык": 0.05, "Математика": 0.20], 2024: ["Русский язык": 0.05, "Математика": 0.05]],
            3: [2023: ["Русский язык": 0.05, "Математика": 0.05], 2024: ["Русский язык": 0.05, "Математика": 0.05]],
        ]
        let p = rule.propose(schools: [(1, "СОШ № 1"), (2, "СОШ № 2"), (3, "СОШ № 3")], shares: shares, comparator: comparator, lastYear: 2024)
        #expect(p.map(\.schoolID) == [1, 2])
        #expect(p[0].status == .lowResults)
        #expect(p[0].basis == "доля «2» по ВПР выше средней по муниципалитету два года подряд (2023, 2024): русский язык, математика")
        #expect(p[1].status == .atRisk)
        #expect(p[1].basis == "доля «2» по ВПР выше средней по муниципалитету: математика 2023")
        // A margin of 10 points keeps only the clearly worse.
        let strict = ListProposalRule(marginPoints: 10).propose(schools: [(1, "СОШ № 1"), (2, "СОШ № 2")], shares: shares, comparator: comparator, lastYear: 2024)
        #expect(strict.map(\.status) == [.atRisk])
    }
}
