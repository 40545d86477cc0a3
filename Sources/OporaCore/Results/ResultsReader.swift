import Foundation

/// Reads per-participant results: ВПР as ФИС ОКО exports them (task columns «1 (2б)», a row of
/// levels Б/П above the header), the simpler school-side form, and ОГЭ/ЕГЭ protocols of the
/// regional processing centre (answers coded in strings: «++-+1-» and «2(3)1(2)»).
/// Validation first: every problem names its row and column; nothing is returned as valid
/// unless the whole file is. Personal data columns are read past and never kept (152-ФЗ).
public enum ResultsReader {
    public struct Result: Sendable {
        public let file: ResultsFile?
        public let problems: [ImportProblem]
        public let layout: ResultsLayout?
        /// What is read but worth saying: rescored totals, maxima taken from the file.
        public var warnings: [String] = []
    }

    public static func read(_ table: ImportTable, mapping: ColumnMapping = ColumnMapping(), schoolGiven: Bool = false,
                            reference: (ResultsLayout) -> [AssessmentTask] = { _ in [] }) -> Result {
        let file = table.fileName
        guard var layout = ResultsLayout.detect(table.rows, mapping: mapping) else {
            return Result(file: nil, problems: [ImportProblem(file: file, row: nil, column: nil,
                message: "не найдена строка заголовка: нужны столбцы «Код участника», «ОО» и заданий вида «1 (2б)» (или ответов участников).")], layout: nil)
        }
        let missing = layout.missing(schoolGiven: schoolGiven)
        if !missing.isEmpty {
            return Result(file: nil, problems: missing.map { ImportProblem(file: file, row: layout.headerRow + 1, column: nil, message: $0 + ".") }, layout: layout)
        }
        var problems: [ImportProblem] = []
        let body = table.rows.enumerated().dropFirst(layout.headerRow + 1)
        if layout.hasAnswerStrings {
            problems += AnswerStrings.tasks(of: body.map { ($0.offset + 1, $0.element) }, layout: &layout, file: file)
        }
        layout.applyReference(reference(layout))
        problems += layout.maximumProblems(file: file)
        var rowReader = RowReader(layout: layout, file: file)
        var participants: [ParticipantResult] = []
        for (offset, row) in body {
            if let p = rowReader.read(row, line: offset + 1, problems: &problems) { participants.append(p) }
        }
        if participants.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: file, row: nil, column: nil, message: "в файле нет ни одного участника."))
        }
        // Maxima the file alone gives: the largest score of each task.
        var top = Array(repeating: 0.0, count: layout.tasks.count)
        for p in participants { for (i, v) in p.scores.enumerated() where i < top.count { top[i] = max(top[i], v ?? 0) } }
        let tasks = layout.settledTasks(top: top)
        let maxPrimary = layout.maxPrimary ?? (tasks.isEmpty ? nil : tasks.reduce(0) { $0 + $1.maxScore })
        let result = ResultsFile(kind: layout.kind, subject: layout.subject, grade: layout.grade, year: layout.year,
                                 maxPrimary: maxPrimary, tasks: tasks, participants: participants)
        var out = Result(file: problems.isEmpty ? result : nil, problems: problems, layout: layout)
        out.warnings = rowReader.warnings + ResultsLayout.maximaNote(tasks)
        return out
    }
}

extension ResultsLayout {
    /// The file's stated maximum must agree with its tasks' maxima, when all are known.
    public func maximumProblems(file: String) -> [ImportProblem] {
        let taskMax = tasks.reduce(0) { $0 + $1.maxScore }
        guard let maxPrimary, !tasks.isEmpty, tasksWithoutMaximum.isEmpty, maxPrimary != taskMax else { return [] }
        return [ImportProblem(file: file, row: nil, column: nil,
                              message: "максимальный первичный балл \(Int(maxPrimary)) не равен сумме максимумов заданий \(Int(taskMax)).")]
    }

    /// The tasks with every maximum settled: unknown ones take the largest score seen (at least 1).
    public func settledTasks(top: [Double]) -> [AssessmentTask] {
        tasks.enumerated().map { i, t in
            guard t.maxScore == 0 else { return t }
            var settled = t
            settled.maxScore = max(i < top.count ? top[i] : 0, 1)
            settled.maxSource = .file
            return settled
        }
    }

    /// What the preview says about where maxima came from, when not from the header.
    public static func maximaNote(_ tasks: [AssessmentTask]) -> [String] {
        var out: [String] = []
        for source in [AssessmentTask.MaxSource.reference, .file] {
            let labels = tasks.filter { $0.maxSource == source }.map(\.label)
            if !labels.isEmpty {
                out.append("Максимальный балл заданий \(labels.joined(separator: ", ")) взят \(source == .reference ? "из справочных данных теста (ранее загруженного файла с максимумами)" : "как наибольший балл в файле: в заголовке его нет").")
            }
        }
        return out
    }
}

/// Reads one data row against a layout; keeps the codes seen to catch duplicates. A value type
/// so the streaming path (a million rows) and the table path share every rule.
public struct RowReader: Sendable {
    public let layout: ResultsLayout
    let file: String
    /// School key → participant code → line: duplicates are errors.
    public private(set) var seen: [String: [String: Int]] = [:]
    /// Whether a long cell text says «absent»: a file has a handful of such texts on a million
    /// rows, and Foundation's case-insensitive search on each was a tenth of the import.
    private var absentTexts: [String: Bool] = [:]
    /// Lines whose total differs from the sum of their tasks (a rescored paper): counted, the
    /// first few kept for the warning; the file's total is used.
    public private(set) var rescored = 0
    public private(set) var rescoredLines: [Int] = []
    let code, login, schoolCode, school, className, variant, primary, mark, journal, testScore, shortAnswers, longAnswers: Int?
    /// `layout.tasks` is computed; read once, not on every row.
    let taskCount: Int
    /// The test's maximum primary score when the file or its tasks say it (a «балл за N» column
    /// has no maximum until the file is read): a total above it is an error.
    let knownMaxPrimary: Double?

    public init(layout: ResultsLayout, file: String) {
        self.layout = layout
        self.file = file
        code = layout.index(.code); login = layout.index(.login); schoolCode = layout.index(.schoolCode); school = layout.index(.school)
        className = layout.index(.className); variant = layout.index(.variant); primary = layout.index(.primary); mark = layout.index(.mark)
        journal = layout.index(.journal); testScore = layout.index(.testScore); shortAnswers = layout.index(.shortAnswers); longAnswers = layout.index(.longAnswers)
        taskCount = layout.tasks.count
        let tasks = layout.tasks
        knownMaxPrimary = layout.maxPrimary
            ?? (tasks.isEmpty || layout.hasAnswerStrings || tasks.contains { $0.maxScore <= 0 } ? nil : tasks.reduce(0) { $0 + $1.maxScore })
    }

    static let absentWords = ["отсутствовал", "не участвовал", "неявка", "не явился", "не явилась", "н/я", "отсутствует", "не писал"]
    /// A task not attempted.
    static let notTakenWords: Set<String> = ["x", "х", "-", "–", "не выполнял", "не приступал", "не решал", "нет ответа", "н/в",
                                             "не пройд.", "не пройд", "не пройдено", "н/п", "нп", "не выполнено"]
    /// No mark (in the journal, or for the test): the participant is not compared.
    static let noMarkWords: Set<String> = ["нет отметки", "н/а", "н/a", "нет", "без отметки", "не аттестован", "не аттестована", "н/атт",
                                           "-", "–", "x", "х", "нет шкалы перевода"]

    /// The warning about rescored totals, if any.
    public var warnings: [String] { Self.rescoredWarning(count: rescored, lines: rescoredLines) }

    /// «В 12 строках первичный балл отличается …: строки 7, 40, … .» (halves of a file add up).
    public static func rescoredWarning(count: Int, lines: [Int]) -> [String] {
        guard count > 0 else { return [] }
        let shown = Array(lines.sorted().prefix(5))
        return ["В \(RussianPlural.count(count, "строке", "строках", "строках")) первичный балл отличается от суммы баллов за задания "
                + "(работа перепроверена?): строк\(shown.count == 1 ? "а" : "и") \(shown.map(String.init).joined(separator: ", "))\(count > shown.count ? " и другие" : ""). "
                + "Отметка и первичный балл взяты из файла."]
    }

    func cell(_ row: [String], _ c: Int?) -> String? {
        guard let c, c < row.count else { return nil }
        let v = row[c].trimmedFast
        return v.isEmpty ? nil : v
    }

    /// Absence is written in words in any result cell («отсутствовал», «неявка»). Scores and
    /// marks are a few ASCII bytes, so only longer cells outside the school columns are looked at:
    /// this check runs on every cell of a million-row file.
    mutating func isAbsent(_ row: [String]) -> Bool {
        for (c, text) in row.enumerated() where text.utf8.count >= 5 {
            switch layout.columns[c] {
            case .login?, .schoolCode?, .school?, .municipality?, .municipalityCode?, .personal?, .className?, .code?: continue
            default:
                if let known = absentTexts[text] {
                    if known { return true }
                    continue
                }
                let k = ResultsColumn.key(text)
                let absent = k.count < 40 && Self.absentWords.contains(where: { k.contains($0) })
                if absentTexts.count < 10_000 { absentTexts[text] = absent }
                if absent { return true }
            }
        }
        return false
    }

    func title(_ c: Int?) -> String { c.map { layout.header[$0] } ?? "" }

    public mutating func read(_ row: [String], line: Int, problems: inout [ImportProblem]) -> ParticipantResult? {
        if row.allSatisfy({ $0.trimmedFast.isEmpty }) { return nil }
        let code: String
        if self.code == nil { code = "стр. \(line)" } else if let v = cell(row, self.code) { code = v } else {
            problems.append(ImportProblem(file: file, row: line, column: title(self.code), message: "не указан код участника."))
            return nil
        }
        let schoolKey = cell(row, login) ?? cell(row, schoolCode) ?? cell(row, school) ?? ""
        // Per school, then per code: codes are short and stay inline, a joined key would not.
        if let earlier = seen[schoolKey]?[code] {
            problems.append(ImportProblem(file: file, row: line, column: title(self.code), message: "участник «\(code)» уже есть в строке \(earlier)."))
            return nil
        }
        seen[schoolKey, default: [:]][code] = line
        var absent = isAbsent(row) || cell(row, variant) == "0"
        // A participant with neither a total nor any task score did not write.
        if !absent && (!layout.taskColumns.isEmpty || primary != nil) && !layout.hasAnswerStrings && cell(row, primary) == nil
            && layout.taskColumns.allSatisfy({ c in Self.blankOrNotTaken(c.col < row.count ? row[c.col] : "") }) {
            absent = true
        }
        let before = problems.count
        var scores: [Double?] = []
        scores.reserveCapacity(taskCount)
        for (col, t) in layout.taskColumns {
            let raw = col < row.count ? row[col].trimmedFast : ""
            if raw.isEmpty || absent { scores.append(nil); continue }
            guard let v = CSVNumber.parse(raw) else {
                if !Self.notTakenWords.contains(raw.lowercased()) {
                    problems.append(ImportProblem(file: file, row: line, column: layout.header[col], message: "балл «\(raw)» не число."))
                }
                scores.append(nil); continue
            }
            if v < 0 || (t.maxScore > 0 && v > t.maxScore) {
                problems.append(ImportProblem(file: file, row: line, column: layout.header[col], message: "балл \(CSVNumber.format(v)) больше максимума задания (\(CSVNumber.format(t.maxScore)))."))
            }
            scores.append(v)
        }
        if layout.hasAnswerStrings {
            scores += AnswerStrings.scores(short: absent ? nil : cell(row, shortAnswers), long: absent ? nil : cell(row, longAnswers), layout: layout,
                                           line: line, file: file, shortTitle: title(shortAnswers), longTitle: title(longAnswers), problems: &problems)
        }
        let rowOK = problems.count == before
        var markValue: Int?, journalValue: Int?, primaryValue: Double?, testValue: Double?
        if let raw = cell(row, mark), !absent, let value = Self.markValue(raw) {
            markValue = value
        } else if let raw = cell(row, mark), !absent, !Self.noMarkWords.contains(raw.lowercased()) {
            guard let m = Self.markValue(raw) else {
                problems.append(ImportProblem(file: file, row: line, column: title(mark), message: "отметка «\(raw)» — не от 2 до 5.")); return nil
            }
            markValue = m
        }
        if let raw = cell(row, journal), let value = Self.markValue(raw) {
            journalValue = value
        } else if let raw = cell(row, journal), !Self.noMarkWords.contains(raw.lowercased()) {
            guard let m = Self.markValue(raw) else {
                problems.append(ImportProblem(file: file, row: line, column: title(journal), message: "отметка «\(raw)» — не от 2 до 5.")); return nil
            }
            journalValue = m
        }
        if let raw = cell(row, testScore), !absent {
            guard let t = CSVNumber.parse(raw), (0...100).contains(t) else {
                problems.append(ImportProblem(file: file, row: line, column: title(testScore), message: "тестовый балл «\(raw)» — не от 0 до 100.")); return nil
            }
            testValue = t
        }
        let sum = scores.reduce(0) { $0 + ($1 ?? 0) }
        if let raw = cell(row, primary), !absent {
            guard let p = CSVNumber.parse(raw) else {
                problems.append(ImportProblem(file: file, row: line, column: title(primary), message: "«\(raw)» не число.")); return nil
            }
            if p < 0 || knownMaxPrimary.map({ p > $0 + 0.001 }) == true {
                let bound = p < 0 ? "меньше нуля" : "больше максимального (\(CSVNumber.format(knownMaxPrimary ?? 0)))"
                problems.append(ImportProblem(file: file, row: line, column: title(primary), message: "первичный балл \(CSVNumber.format(p)) \(bound).")); return nil
            }
            primaryValue = p
            if rowOK && taskCount > 0 && scores.contains(where: { $0 != nil }) && abs(sum - p) > 0.001 {
                rescored += 1
                if rescoredLines.count < 5 { rescoredLines.append(line) }
            }
        } else if !absent && rowOK && taskCount > 0 {
            primaryValue = sum
        }
        var participant = ParticipantResult(schoolLogin: cell(row, login) ?? cell(row, schoolCode), schoolName: cell(row, school), code: code,
                                            className: cell(row, className), variant: cell(row, variant), scores: scores, absent: absent,
                                            primary: primaryValue, mark: markValue, journalMark: journalValue)
        participant.testScore = testValue
        participant.line = line
        return participant
    }

    static func blankOrNotTaken(_ raw: String) -> Bool {
        let t = raw.trimmedFast
        return t.isEmpty || notTakenWords.contains(t.lowercased())
    }

    private static let quotes = CharacterSet(charactersIn: "«»\" ")

    /// «4», «4,0», «"4"», ««4»».
    static func markValue(_ raw: String) -> Int? {
        // Nearly every mark is one ASCII digit; Foundation's trimming is slow on Linux.
        if raw.utf8.count == 1, let b = raw.utf8.first, b >= 50 && b <= 53 { return Int(b - 48) }
        // Words («нет отметки», «н/а») hold no mark: no trimming needed to say so.
        guard raw.utf8.contains(where: { $0 >= 50 && $0 <= 53 }) else { return nil }
        let t = raw.trimmingCharacters(in: quotes)
        guard let d = CSVNumber.parse(t), d == d.rounded(), (2...5).contains(Int(d)) else { return nil }
        return Int(d)
    }
}

extension String {
    /// Trims spaces only when there are any: most cells have none, and Foundation's trimming
    /// allocates a new string every time.
    var trimmedFast: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ b: UInt8) -> Bool { b != 32 && b != 9 && b != 0xC2 && b != 0xA0 }
        return plain(first) && plain(last) ? self : trimmingCharacters(in: .whitespaces)
    }
}
