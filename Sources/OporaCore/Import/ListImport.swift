import Foundation

/// One valid row of a year's list file.
public struct ListImportRow: Sendable, Equatable {
    public let line: Int
    public let schoolID: Int
    public let schoolName: String
    public let status: ListStatus
    public let basis: String?

    public init(line: Int, schoolID: Int, schoolName: String, status: ListStatus, basis: String?) {
        self.line = line
        self.schoolID = schoolID
        self.schoolName = schoolName
        self.status = status
        self.basis = basis
    }
}

/// What an uploaded list file would change, and everything wrong with it. Nothing is applied
/// unless `problems` is empty.
public struct ListImportPreview: Sendable, Equatable {
    public let rows: [ListImportRow]
    public let problems: [ImportProblem]
    public var isValid: Bool { problems.isEmpty && !rows.isEmpty }

    public init(rows: [ListImportRow], problems: [ImportProblem]) {
        self.rows = rows
        self.problems = problems
    }
}

/// Reads a year's list from a table: a column with the school's name (required), and optionally
/// the list status (ШНОР / ШНСУ / предШНОР) and the basis for listing.
public enum ListImporter {
    static let columns: [String: [String]] = [
        "school": ["школа", "наименование оо", "наименование", "оо", "ou", "образовательная организация",
                   "общеобразовательная организация", "наименование общеобразовательной организации", "организация"],
        "status": ["статус", "категория", "список", "тип списка"],
        "basis": ["основание", "основание включения", "причина", "критерий"],
    ]
    static let titles = ["school": "Школа", "status": "Статус", "basis": "Основание"]

    /// A school that is no longer open: the year it closed and how the registry says so.
    public struct Closure: Sendable, Equatable {
        public let year: Int
        public let text: String
        public init(year: Int, text: String) {
            self.year = year
            self.text = text
        }
    }

    /// `closed` names schools that closed; such a school cannot be put on a list of a later year.
    public static func prepare(_ table: ImportTable, matcher: SchoolNameMatcher, defaultStatus: ListStatus,
                               year: Int? = nil, closed: [Int: Closure] = [:]) -> ListImportPreview {
        let file = table.fileName
        guard !table.rows.isEmpty else {
            return ListImportPreview(rows: [], problems: [ImportProblem(file: file, row: nil, column: nil, message: "файл пуст.")])
        }
        guard let header = table.findHeader(columns, required: ["school"]) else {
            return ListImportPreview(rows: [], problems: [ImportProblem(
                file: file, row: 1, column: nil,
                message: "не найдена строка заголовка со столбцом «Школа» (или «Наименование ОО»). Первая строка файла должна называть столбцы: Школа; Статус; Основание.")])
        }
        var rows: [ListImportRow] = []
        var problems: [ImportProblem] = []
        var seen: [ListStatus: [Int: Int]] = [:]
        for (offset, cells) in table.rows.enumerated() where offset > header.row {
            let line = offset + 1
            func cell(_ key: String) -> String? {
                guard let c = header.index[key], c < cells.count else { return nil }
                let v = cells[c].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let name = cell("school") else {
                problems.append(ImportProblem(file: file, row: line, column: titles["school"], message: "не указана школа."))
                continue
            }
            var status = defaultStatus
            if let raw = cell("status") {
                guard let s = ListStatus(russian: raw) else {
                    problems.append(ImportProblem(file: file, row: line, column: titles["status"],
                        message: "неизвестный статус «\(raw)»; допустимы: ШНОР, ШНСУ, предШНОР."))
                    continue
                }
                status = s
            }
            switch matcher.match(name) {
            case .found(let id):
                if let earlier = seen[status]?[id] {
                    problems.append(ImportProblem(file: file, row: line, column: titles["school"],
                        message: "школа «\(name)» уже указана в строке \(earlier)."))
                    continue
                }
                let canonical = matcher.candidates.first { $0.id == id }?.name ?? name
                if let year, let c = closed[id], year > c.year {
                    problems.append(ImportProblem(file: file, row: line, column: titles["school"],
                        message: "школа «\(canonical)» \(c.text): в список \(year) года её включить нельзя."))
                    continue
                }
                seen[status, default: [:]][id] = line
                rows.append(ListImportRow(line: line, schoolID: id, schoolName: canonical, status: status, basis: cell("basis")))
            case .ambiguous(let names):
                problems.append(ImportProblem(file: file, row: line, column: titles["school"],
                    message: "название «\(name)» подходит к нескольким школам: \(names.joined(separator: "; ")). Уточните название."))
            case .unknown(let similar):
                let hint = similar.isEmpty ? "" : " Похожие: \(similar.joined(separator: "; "))."
                problems.append(ImportProblem(file: file, row: line, column: titles["school"],
                    message: "школа «\(name)» не найдена в реестре муниципалитета.\(hint)"))
            }
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: file, row: nil, column: nil, message: "в файле нет ни одной строки со школой."))
        }
        return ListImportPreview(rows: rows, problems: problems)
    }
}
