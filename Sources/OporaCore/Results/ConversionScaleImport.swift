/// One conversion scale as a file gives it.
public struct ConversionScaleRow: Sendable, Equatable {
    public let line: Int
    public let kind: AssessmentKind
    public let subject: String
    public let grade: Int
    public let year: Int
    public let scale: ConversionScale
    public let source: String

    /// `line` is the file's row; 0 for a scale entered on the page.
    public init(line: Int = 0, kind: AssessmentKind, subject: String, grade: Int, year: Int, scale: ConversionScale, source: String) {
        self.line = line
        self.kind = kind
        self.subject = subject
        self.grade = grade
        self.year = year
        self.scale = scale
        self.source = source
    }
}

/// Reads conversion scales from a table: «Процедура; Год; Предмет; Класс; «3»; «4»; «5»; Источник»
/// (or one «Шкала» column «6–10–14»), columns in any order under any title rows. Every problem
/// names its row and column; a scale named twice is an error.
public enum ConversionScaleImporter {
    static let columns: [String: [String]] = [
        "kind": ["процедура", "вид", "оценочная процедура", "тип"],
        "year": ["год"],
        "subject": ["предмет", "учебный предмет"],
        "grade": ["класс", "параллель"],
        "three": ["3", "«3»", "3 от", "«3» от", "отметка 3", "от 3", "на 3"],
        "four": ["4", "«4»", "4 от", "«4» от", "отметка 4", "от 4", "на 4"],
        "five": ["5", "«5»", "5 от", "«5» от", "отметка 5", "от 5", "на 5"],
        "scale": ["шкала", "шкала перевода", "границы"],
        "source": ["источник", "документ", "основание"],
    ]
    static let titles = ["kind": "Процедура", "year": "Год", "subject": "Предмет", "grade": "Класс", "three": "«3»", "four": "«4»", "five": "«5»",
                         "scale": "Шкала", "source": "Источник"]

    public static func read(_ table: ImportTable) -> (rows: [ConversionScaleRow], problems: [ImportProblem]) {
        let file = table.fileName
        // Header keys keep digits and «»: «3» is a column name here.
        let normalized = table.rows.map { $0.map { $0.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "") } }
        guard let header = ImportTable(fileName: file, rows: normalized).findHeader(columns, required: ["year", "subject", "grade"]),
              header.index["scale"] != nil || (header.index["three"] != nil && header.index["four"] != nil && header.index["five"] != nil) else {
            return ([], [ImportProblem(file: file, row: 1, column: nil,
                message: "не найдена строка заголовка: нужны столбцы «Год», «Предмет», «Класс» и «3», «4», «5» (наименьший первичный балл отметки) или «Шкала»; по желанию «Процедура» и «Источник».")])
        }
        var rows: [ConversionScaleRow] = []
        var problems: [ImportProblem] = []
        var seen: [String: Int] = [:]
        for (offset, cells) in table.rows.enumerated() where offset > header.row {
            let line = offset + 1
            func cell(_ key: String) -> String? {
                guard let c = header.index[key], c < cells.count else { return nil }
                let v = cells[c].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            func problem(_ key: String, _ message: String) { problems.append(ImportProblem(file: file, row: line, column: titles[key], message: message)) }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var kind = AssessmentKind.vpr
            if let k = cell("kind") {
                guard let found = AssessmentKind.allCases.first(where: { $0.title.lowercased() == k.lowercased() || $0.rawValue == k.lowercased() }) else {
                    problem("kind", "процедура «\(k)»: ВПР, ОГЭ или ЕГЭ."); continue
                }
                kind = found
            }
            guard let yearText = cell("year"), let year = Int(yearText), (2000...2100).contains(year) else { problem("year", "год — число от 2000 до 2100."); continue }
            guard let subject = cell("subject"), subject.count <= 200 else { problem("subject", "не указан предмет."); continue }
            guard let gradeText = cell("grade"), let grade = Int(gradeText.filter(\.isNumber)), (1...11).contains(grade) else { problem("grade", "класс — число от 1 до 11."); continue }
            var scale: ConversionScale?
            if let text = cell("scale") {
                scale = ConversionScale(parsing: text)
                if scale == nil { problem("scale", "«\(text)»: три возрастающих порога, например «6–10–14»."); continue }
            } else if let t = cell("three").flatMap({ Int($0) }), let f = cell("four").flatMap({ Int($0) }), let v = cell("five").flatMap({ Int($0) }) {
                scale = ConversionScale(three: t, four: f, five: v)
                if scale == nil { problem("three", "пороги \(t), \(f), \(v) должны возрастать."); continue }
            } else {
                problem("three", "не указаны наименьшие баллы «3», «4» и «5»."); continue
            }
            guard let scale else { continue }
            let key = "\(kind.rawValue)|\(year)|\(subject.lowercased())|\(grade)"
            if let earlier = seen[key] { problem("subject", "шкала \(kind.title) \(year), \(subject), \(grade) класс уже указана в строке \(earlier)."); continue }
            seen[key] = line
            rows.append(ConversionScaleRow(line: line, kind: kind, subject: subject, grade: grade, year: year, scale: scale,
                                           source: String((cell("source") ?? "файл «\(file)»").prefix(500))))
        }
        if rows.isEmpty && problems.isEmpty { problems.append(ImportProblem(file: file, row: nil, column: nil, message: "в файле нет ни одной шкалы.")) }
        return (rows, problems)
    }
}
