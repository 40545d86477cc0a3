/// Diagnostics of teachers' professional deficits as schools send them in a spreadsheet: one
/// row per teacher — ФИО, должность, предмет, subject deficits, methodological deficits, and
/// whether the teacher needs subject training (the list that goes to the region, 004).
/// Checked whole before anything is saved; every problem names its row and column.
public struct DeficitRow: Sendable, Equatable {
    public let line: Int
    public let fullName: String
    public let position: String?
    public let subject: String?
    public let subjectDeficits: String?
    public let methodologicalDeficits: String?
    public let needsSubjectTraining: Bool
}

public enum DeficitImport {
    static let columns: [String: [String]] = [
        "name": ["фио", "ф.и.о", "фамилия имя отчество", "педагог", "учитель"],
        "position": ["должность"],
        "subject": ["предмет", "преподаваемый предмет"],
        "subjectDeficits": ["предметные дефициты", "дефициты предметные", "предметные затруднения"],
        "methodDeficits": ["методические дефициты", "дефициты методические", "методические затруднения"],
        "training": ["нуждается в курсах по предмету", "нуждается в предметной подготовке", "направить на курсы", "нуждается в кпк"],
    ]

    public static func read(_ table: ImportTable) -> (rows: [DeficitRow], problems: [ImportProblem]) {
        guard let (headerRow, index) = table.findHeader(columns, required: ["name"]) else {
            return ([], [ImportProblem(file: table.fileName, row: nil, column: nil, message: "не найдена строка заголовка со столбцом «ФИО».")])
        }
        guard index["subjectDeficits"] != nil || index["methodDeficits"] != nil || index["training"] != nil else {
            return ([], [ImportProblem(file: table.fileName, row: headerRow + 1, column: nil,
                                       message: "нет столбцов дефицитов: «Предметные дефициты», «Методические дефициты» или «Нуждается в курсах по предмету».")])
        }
        func cell(_ row: [String], _ key: String) -> String? {
            guard let c = index[key], c < row.count else { return nil }
            let v = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }
        var rows: [DeficitRow] = [], problems: [ImportProblem] = []
        var seen: [String: Int] = [:]
        for (offset, row) in table.rows.enumerated() where offset > headerRow {
            let line = offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let name = cell(row, "name") else {
                problems.append(ImportProblem(file: table.fileName, row: line, column: "ФИО", message: "не указаны фамилия, имя и отчество."))
                continue
            }
            let key = name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if let earlier = seen[key] {
                problems.append(ImportProblem(file: table.fileName, row: line, column: "ФИО", message: "«\(name)» уже есть в строке \(earlier)."))
                continue
            }
            seen[key] = line
            var training = false
            if let raw = cell(row, "training") {
                switch raw.lowercased() {
                case "да", "+", "1", "нуждается": training = true
                case "нет", "-", "0", "не нуждается": training = false
                default:
                    problems.append(ImportProblem(file: table.fileName, row: line, column: "Нуждается в курсах по предмету", message: "«\(raw)» — нужно «да» или «нет»."))
                    continue
                }
            }
            rows.append(DeficitRow(line: line, fullName: name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), position: cell(row, "position"),
                                   subject: cell(row, "subject"), subjectDeficits: cell(row, "subjectDeficits"),
                                   methodologicalDeficits: cell(row, "methodDeficits"), needsSubjectTraining: training))
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: table.fileName, row: nil, column: nil, message: "в файле нет ни одного педагога."))
        }
        return (problems.isEmpty ? rows : [], problems)
    }
}

import Foundation
