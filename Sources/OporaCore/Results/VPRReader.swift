import Foundation

/// Reads ВПР per-participant results as ФИС ОКО exports them: a title line («ВПР 2024
/// Математика 5 класс»), metadata lines, a row of task levels (Б/П) above the header, and the
/// header (ОО · муниципалитет · название ОО · код участника · класс · вариант · tasks «1 (2б)» ·
/// первичный балл · отметка · отметка по журналу). Also the simpler school-side form.
/// Validation first: every problem is reported with its row and column; nothing is returned
/// as valid unless the whole file is.
public enum VPRReader {
    public struct Result: Sendable {
        public let file: ResultsFile?
        public let problems: [ImportProblem]
    }

    static let columns: [String: [String]] = [
        "login": ["оо", "логин оо", "логин"],
        "municipality": ["муниципалитет", "мо", "район"],
        "school": ["название оо", "наименование оо", "образовательная организация"],
        "code": ["код участника", "код", "номер участника"],
        "class": ["класс", "литера"],
        "variant": ["вариант"],
        "primary": ["первичный балл", "итого", "сумма баллов", "балл"],
        "mark": ["отметка", "оценка", "отметка за впр"],
        "journal": ["отметка по журналу", "отметка за предыдущий период", "четвертная отметка", "отметка за четверть"],
        "sex": ["пол"],
    ]

    /// «1 (2б)», «9.1 (1б)», «9.1(1 б.)» → label and maximum.
    static func task(_ header: String) -> (String, Double)? {
        let h = header.replacingOccurrences(of: " ", with: "").lowercased()
        guard let m = DeadlineParser.matches(#"^(\d{1,2}(?:\.\d{1,2})?)\((\d{1,2})б\.?\)$"#, in: h).first, let max = Double(m[2]) else { return nil }
        return (m[1], max)
    }

    static func key(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .trimmingCharacters(in: .punctuationCharacters)
    }

    public static func read(_ table: ImportTable) -> Result {
        let file = table.fileName
        var problems: [ImportProblem] = []
        // The header: the first row with a participant code column and at least one task.
        guard let headerIndex = table.rows.prefix(30).firstIndex(where: { row in
            row.contains { key($0) == "код участника" || key($0) == "код" } && row.contains { task($0) != nil }
        }) else {
            return Result(file: nil, problems: [ImportProblem(file: file, row: nil, column: nil,
                message: "не найдена строка заголовка: нужны столбцы «Код участника» и заданий вида «1 (2б)».")])
        }
        let header = table.rows[headerIndex]
        var index: [String: Int] = [:]
        var tasks: [(col: Int, task: AssessmentTask)] = []
        for (c, cell) in header.enumerated() {
            if let (label, max) = task(cell) { tasks.append((c, AssessmentTask(label: label, maxScore: max))); continue }
            let k = key(cell)
            // The most specific name first: «отметка по журналу» before «отметка».
            for name in ["journal", "school", "primary", "mark", "login", "municipality", "code", "class", "variant", "sex"] where index[name] == nil {
                if columns[name]?.contains(k) == true { index[name] = c; break }
            }
        }
        // Task levels: the row just above the header, «Б»/«П» under task columns.
        if headerIndex > 0 {
            let levels = table.rows[headerIndex - 1]
            for i in tasks.indices where tasks[i].col < levels.count {
                switch key(levels[tasks[i].col]) {
                case "б", "базовый": tasks[i].task.level = .basic
                case "п", "повышенный": tasks[i].task.level = .advanced
                default: break
                }
            }
        }
        // Title and metadata above.
        var kind = AssessmentKind.vpr, subject: String?, grade: Int?, year: Int?, maxPrimary: Double?
        for row in table.rows[..<headerIndex] {
            let line = row.filter { !$0.isEmpty }.joined(separator: " ")
            let k = key(line)
            if let m = DeadlineParser.matches(#"^(впр|огэ|егэ)\s+(\d{4})\s+(.+?)\s+(\d{1,2})\s+класс"#, in: k).first {
                kind = AssessmentKind.allCases.first { $0.title.lowercased() == m[1] } ?? .vpr
                year = Int(m[2]); grade = Int(m[4])
                subject = line.split(separator: " ").dropFirst(2).dropLast(2).joined(separator: " ")
            } else if k.hasPrefix("предмет") {
                subject = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
            } else if k.contains("максимальный первичный балл") {
                maxPrimary = DeadlineParser.matches(#"(\d+)"#, in: k).last.flatMap { Double($0[1]) }
            }
        }
        let taskMax = tasks.reduce(0) { $0 + $1.task.maxScore }
        if let maxPrimary, maxPrimary != taskMax {
            problems.append(ImportProblem(file: file, row: nil, column: nil,
                message: "максимальный первичный балл \(Int(maxPrimary)) не равен сумме максимумов заданий \(Int(taskMax))."))
        }
        guard index["code"] != nil else {
            return Result(file: nil, problems: [ImportProblem(file: file, row: headerIndex + 1, column: nil, message: "нет столбца «Код участника».")])
        }
        func value(_ row: [String], _ name: String) -> String? {
            guard let c = index[name], c < row.count else { return nil }
            let v = row[c].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        func isNone(_ s: String) -> Bool { ["x", "х", "-", "–"].contains(s.lowercased()) }
        var participants: [ParticipantResult] = []
        var seen: [String: Int] = [:]
        for (offset, row) in table.rows.enumerated() where offset > headerIndex {
            let line = offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let code = value(row, "code") else {
                problems.append(ImportProblem(file: file, row: line, column: "Код участника", message: "не указан код участника."))
                continue
            }
            if let earlier = seen[code + "|" + (value(row, "login") ?? "")] {
                problems.append(ImportProblem(file: file, row: line, column: "Код участника", message: "участник «\(code)» уже есть в строке \(earlier)."))
                continue
            }
            seen[code + "|" + (value(row, "login") ?? "")] = line
            let absentWords = ["отсутствовал", "не участвовал", "неявка", "не явился"]
            let absent = row.contains { cell in absentWords.contains { key(cell).contains($0) } }
            var scores: [Double?] = []
            var rowOK = true
            for (col, t) in tasks {
                let raw = col < row.count ? row[col].trimmingCharacters(in: .whitespaces) : ""
                if raw.isEmpty || isNone(raw) || absent { scores.append(nil); continue }
                guard let v = CSVNumber.parse(raw) else {
                    problems.append(ImportProblem(file: file, row: line, column: header[col], message: "балл «\(raw)» не число."))
                    rowOK = false; scores.append(nil); continue
                }
                if v < 0 || v > t.maxScore {
                    problems.append(ImportProblem(file: file, row: line, column: header[col], message: "балл \(CSVNumber.format(v)) больше максимума задания (\(CSVNumber.format(t.maxScore)))."))
                    rowOK = false
                }
                scores.append(v)
            }
            var mark: Int?, journal: Int?, primary: Double?
            if let raw = value(row, "mark"), !isNone(raw), !absent {
                guard let m = Int(raw), (2...5).contains(m) else {
                    problems.append(ImportProblem(file: file, row: line, column: "Отметка", message: "отметка «\(raw)» — не от 2 до 5.")); continue
                }
                mark = m
            }
            if let raw = value(row, "journal"), !isNone(raw) {
                guard let m = Int(raw), (2...5).contains(m) else {
                    problems.append(ImportProblem(file: file, row: line, column: "Отметка по журналу", message: "отметка «\(raw)» — не от 2 до 5.")); continue
                }
                journal = m
            }
            if let raw = value(row, "primary"), !isNone(raw), !absent {
                guard let p = CSVNumber.parse(raw) else {
                    problems.append(ImportProblem(file: file, row: line, column: "Первичный балл", message: "«\(raw)» не число.")); continue
                }
                primary = p
                let sum = scores.compactMap { $0 }.reduce(0, +)
                if rowOK && !tasks.isEmpty && abs(sum - p) > 0.001 {
                    problems.append(ImportProblem(file: file, row: line, column: "Первичный балл", message: "первичный балл \(CSVNumber.format(p)) не равен сумме баллов за задания (\(CSVNumber.format(sum)))."))
                }
            } else if !absent && rowOK {
                primary = scores.compactMap { $0 }.reduce(0, +)
            }
            var participant = ParticipantResult(schoolLogin: value(row, "login"), schoolName: value(row, "school"), code: code, className: value(row, "class"),
                                                variant: value(row, "variant"), scores: scores, absent: absent, primary: primary, mark: mark, journalMark: journal)
            participant.line = line
            participants.append(participant)
        }
        if participants.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: file, row: nil, column: nil, message: "в файле нет ни одного участника."))
        }
        let result = ResultsFile(kind: kind, subject: subject, grade: grade, year: year, maxPrimary: maxPrimary ?? taskMax,
                                 tasks: tasks.map(\.task), participants: participants)
        return Result(file: problems.isEmpty ? result : nil, problems: problems)
    }
}

/// Numbers as Russian files write them: decimal comma, spaces.
public enum CSVNumber {
    public static func parse(_ s: String) -> Double? {
        let t = s.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
        return t.isEmpty ? nil : Double(t)
    }

    public static func format(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",")
    }
}
