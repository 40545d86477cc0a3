import Foundation
import OporaCore

/// Reads a CSV results file row by row and sums it per school as it goes: a region's year
/// (a million rows) never exists in memory as participants, only as one accumulator per school.
/// The same layout detection and row rules as `ResultsReader`, so the figures agree.
public enum ResultsStream {
    public struct Outcome: Sendable {
        public var layout: ResultsLayout?
        /// School key (its login, code or name, as the file gives it) → sums.
        public var schools: [String: ResultsAccumulator] = [:]
        public var rows = 0
        public var problems: [ImportProblem] = []
        /// More problems than were kept.
        public var truncated = false
    }

    /// At most `maxProblems` problems are kept; the count of rows still covers the whole file.
    public static func analyse(_ data: Data, fileName: String, mapping: ColumnMapping = ColumnMapping(), maxProblems: Int = 200) -> Outcome {
        var outcome = Outcome()
        var head: [[String]] = []
        var reader: RowReader?
        var problems: [ImportProblem] = []
        CSV.forEachRow(data) { cells, line in
            if reader == nil {
                head.append(cells)
                guard head.count == 30 else { return }
                reader = start(head, fileName: fileName, mapping: mapping, outcome: &outcome)
                for (i, row) in head.enumerated() where reader != nil && i > reader!.layout.headerRow {
                    consume(row, line: i + 1, reader: &reader!, outcome: &outcome, problems: &problems, maxProblems: maxProblems)
                }
                return
            }
            consume(cells, line: line, reader: &reader!, outcome: &outcome, problems: &problems, maxProblems: maxProblems)
        }
        if reader == nil && outcome.problems.isEmpty {
            reader = start(head, fileName: fileName, mapping: mapping, outcome: &outcome)
            for (i, row) in head.enumerated() where reader != nil && i > reader!.layout.headerRow {
                consume(row, line: i + 1, reader: &reader!, outcome: &outcome, problems: &problems, maxProblems: maxProblems)
            }
        }
        outcome.problems += problems
        return outcome
    }

    private static func start(_ head: [[String]], fileName: String, mapping: ColumnMapping, outcome: inout Outcome) -> RowReader? {
        guard let layout = ResultsLayout.detect(head, mapping: mapping) else {
            outcome.problems = [ImportProblem(file: fileName, row: nil, column: nil, message: "не найдена строка заголовка.")]
            return nil
        }
        outcome.layout = layout
        let missing = layout.missing(schoolGiven: false)
        guard missing.isEmpty, !layout.hasAnswerStrings else {
            outcome.problems = missing.map { ImportProblem(file: fileName, row: layout.headerRow + 1, column: nil, message: $0 + ".") }
            if layout.hasAnswerStrings { outcome.problems.append(ImportProblem(file: fileName, row: nil, column: nil, message: "протоколы ОГЭ/ЕГЭ читаются целиком, не потоком.")) }
            return nil
        }
        return RowReader(layout: layout, file: fileName)
    }

    private static func consume(_ cells: [String], line: Int, reader: inout RowReader, outcome: inout Outcome, problems: inout [ImportProblem], maxProblems: Int) {
        var local: [ImportProblem] = []
        guard let p = reader.read(cells, line: line, problems: &local) else {
            if !local.isEmpty { keep(local, into: &problems, outcome: &outcome, max: maxProblems) }
            return
        }
        if !local.isEmpty { keep(local, into: &problems, outcome: &outcome, max: maxProblems) }
        outcome.rows += 1
        let key = p.schoolLogin ?? p.schoolName ?? ""
        let layout = reader.layout
        outcome.schools[key, default: ResultsAccumulator(tasks: layout.tasks, maxPrimary: layout.maxPrimary ?? layout.tasks.reduce(0) { $0 + $1.maxScore })].add(p)
    }

    private static func keep(_ new: [ImportProblem], into problems: inout [ImportProblem], outcome: inout Outcome, max: Int) {
        for p in new { if problems.count < max { problems.append(p) } else { outcome.truncated = true } }
    }
}
