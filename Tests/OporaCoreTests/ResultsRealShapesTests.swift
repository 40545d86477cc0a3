import Foundation
import Testing
@testable import OporaCore

/// Real ФИС ОКО exports as regions receive them: «балл за N» columns without maxima, «не пройд.»,
/// «нет отметки», «вариант» 0, empty totals, rescored papers, files with no marks at all.
@Suite struct ResultsRealShapesTests {
    static let rows: [[String]] = [
        ["ВПР 2025 Русский язык 5 класс"],
        ["Логин ОО", "Муниципалитет", "Код участника", "Класс", "Вариант", "балл за 1", "балл за 2", "балл за 3", "Первичный балл", "Отметка", "Отметка по журналу"],
        ["sch1", "Район", "1", "5А", "1", "1", "3", "не пройд.", "4", "3", "4"],
        ["sch1", "Район", "2", "5А", "2", "0", "н/п", "2", "2", "2", "нет отметки"],
        ["sch1", "Район", "3", "5А", "0", "", "", "", "", "", "3"],
        ["sch1", "Район", "4", "5Б", "1", "", "", "", "", "", "н/а"],
        ["sch1", "Район", "5", "5Б", "1", "1", "2", "1", "6", "4", "4"],
    ]

    @Test func scoreForTaskColumnsWithoutMaximaTakeTheLargestScoreAndSayItIn() throws {
        let r = ResultsReader.read(ImportTable(fileName: "vpr.xlsx", rows: Self.rows))
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
        let f = try #require(r.file)
        #expect(f.tasks.map(\.label) == ["1", "2", "3"])
        #expect(f.tasks.map(\.maxScore) == [1, 3, 2])
        #expect(f.tasks.allSatisfy { $0.maxSource == .file })
        #expect(f.maxPrimary == 6)
        #expect(r.warnings.contains { $0.contains("Максимальный балл заданий 1, 2, 3 взят как наибольший балл в файле") })
        // Line 7 is a rescored paper: 1 + 2 + 1 = 4, the file says 6.
        #expect(r.warnings.contains { $0.contains("строка 7") })
    }

    @Test func notAttemptedNoMarkVariantZeroAndNoTotalAreReadAsOfficialsMeanThem() throws {
        let f = try #require(ResultsReader.read(ImportTable(fileName: "vpr.xlsx", rows: Self.rows)).file)
        let p = Dictionary(uniqueKeysWithValues: f.participants.map { ($0.code, $0) })
        #expect(p["1"]?.scores == [1, 3, nil])
        #expect(p["2"]?.scores == [0, nil, 2])
        #expect(p["2"]?.journalMark == nil)
        #expect(p["3"]?.absent == true) // «вариант» 0
        #expect(p["4"]?.absent == true) // no total and no task scores
        #expect(p["5"]?.primary == 6)
        let s = ResultsAnalysis.summarize(f.participants, tasks: f.tasks, maxPrimary: f.maxPrimary)
        #expect(s.participants == 3 && s.absent == 2)
        // «нет отметки» drops out of the comparison, and is counted as such.
        #expect(s.objectivity.total == 2)
        #expect(s.objectivity.withoutJournal == 1)
        #expect(s.objectivity.lower == 1 && s.objectivity.confirmed == 1)
    }

    @Test func aKnownMaximumStillBoundsTheScores() {
        var rows = Self.rows
        rows[1][5] = "1 (1б)"
        rows[2][5] = "2"
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows))
        #expect(r.problems.map(\.description) == ["Файл «vpr.csv», строка 3, столбец «1 (1б)»: балл 2 больше максимума задания (1)."])
    }

    /// Numbers no file of scores holds («1e300», a total of a hundred million) are refused or
    /// bounded: nothing converts them to Int unchecked or sizes a histogram by them.
    @Test func outlandishNumbersAreErrorsNotCrashes() throws {
        #expect(CSVNumber.parse("1e300") == nil)
        #expect(CSVNumber.parse("inf") == nil)
        #expect(CSVNumber.parse("12 345,5") == 12_345.5)
        #expect(CSVNumber.format(1e20) == "1e+20")
        var rows = Self.rows
        rows[1][5] = "1 (1б)"; rows[1][6] = "2 (3б)"; rows[1][7] = "3 (2б)"
        rows[2][8] = "99999999"
        rows[6][7] = "1e300"
        rows[6][9] = "3e300"
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows))
        #expect(r.problems.map(\.description) == [
            "Файл «vpr.csv», строка 3, столбец «Первичный балл»: первичный балл 99999999 больше максимального (6).",
            "Файл «vpr.csv», строка 7, столбец «3 (2б)»: балл «1e300» не число.",
            "Файл «vpr.csv», строка 7, столбец «Отметка»: отметка «3e300» — не от 2 до 5.",
        ])
        // Without known maxima a huge total is taken, and lands in the last bin.
        let file = try #require(ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: Self.rows)).file)
        var sums = ResultsAccumulator(tasks: file.tasks, maxPrimary: nil)
        var p = file.participants[0]
        p.primary = 5e8
        sums.add(p)
        #expect(sums.sums.histogram.count == ResultsAccumulator.maxBin + 1)
        #expect(sums.sums.histogram.last == 1)
    }

    @Test func referenceMaximaComeBeforeTheFile() throws {
        let reference = [AssessmentTask(label: "2", maxScore: 4, level: .advanced), AssessmentTask(label: "3", maxScore: 2)]
        let r = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: Self.rows), reference: { _ in reference })
        let f = try #require(r.file)
        #expect(f.tasks.map(\.maxScore) == [1, 4, 2])
        #expect(f.tasks.map(\.maxSource) == [.file, .reference, .reference])
        #expect(f.tasks[1].level == .advanced)
        // Above a reference maximum is an error.
        var rows = Self.rows
        rows[2][7] = "3"
        let bad = ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows), reference: { _ in reference })
        #expect(bad.problems.map(\.description) == ["Файл «vpr.csv», строка 3, столбец «балл за 3»: балл 3 больше максимума задания (2)."])
    }

    @Test func aFileWithoutMarksLoadsAndCountsWhatItCan() throws {
        let rows = Self.rows.map { Array($0.prefix(9)) }
        let f = try #require(ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: rows)).file)
        let s = ResultsAnalysis.summarize(f.participants, tasks: f.tasks, maxPrimary: f.maxPrimary)
        #expect(s.participants == 3)
        #expect(s.marks.isEmpty)
        #expect(s.withoutMark == 3)
        #expect(s.meanPrimary.map { abs($0 - 4) < 1e-9 } == true)
        #expect(s.solveRates[0].map { abs($0 - 2.0 / 3) < 1e-9 } == true)
    }

    @Test func storedSumsGiveTheSameFigures() throws {
        let f = try #require(ResultsReader.read(ImportTable(fileName: "vpr.csv", rows: Self.rows)).file)
        var a = ResultsAccumulator(tasks: f.tasks, maxPrimary: f.maxPrimary)
        var b = ResultsAccumulator(tasks: f.tasks, maxPrimary: f.maxPrimary)
        for (i, p) in f.participants.enumerated() { if i % 2 == 0 { a.add(p) } else { b.add(p) } }
        let stored = try JSONDecoder().decode(ResultsSums.self, from: JSONEncoder().encode(b.sums))
        a.merge(stored)
        #expect(a.summary() == ResultsAnalysis.summarize(f.participants, tasks: f.tasks, maxPrimary: f.maxPrimary))
    }
}
