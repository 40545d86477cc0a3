import Foundation

/// The shape of a results file, found from its first rows: where the header is, what each
/// column holds, the tasks and their maxima, and the test named in the title lines. Separated
/// from reading the rows so that a million-row file can be streamed row by row.
public struct ResultsLayout: Sendable {
    public var kind: AssessmentKind
    /// The title lines named the test (otherwise the kind is the user's or ВПР).
    public var titled = false
    public var subject: String?
    public var grade: Int?
    public var year: Int?
    public var maxPrimary: Double?
    /// 0-based index of the header row.
    public var headerRow: Int
    /// Header texts as composed (a merged cell above carried into the columns under it).
    public var header: [String]
    public var columns: [Int: ResultsColumn]
    /// Task columns of the ФИС ОКО layout, «1 (2б)».
    public var taskColumns: [(col: Int, task: AssessmentTask)]
    /// Tasks coded inside the answer strings of ОГЭ/ЕГЭ protocols (known after a pass over the rows).
    public var shortTasks: [AssessmentTask] = []
    public var longTasks: [AssessmentTask] = []
    /// Non-empty header cells nobody could name: the mapping step asks about them.
    public var unknown: [Int]
    /// Columns of personal data that are read past and never stored.
    public var personal: [String] { columns.filter { $0.value == .personal }.sorted { $0.key < $1.key }.map { header[$0.key] } }

    public var tasks: [AssessmentTask] { taskColumns.map(\.task) + shortTasks + longTasks }
    public func index(_ c: ResultsColumn) -> Int? { columns.first { $0.value == c }?.key }
    public var hasAnswerStrings: Bool { index(.shortAnswers) != nil || index(.longAnswers) != nil }

    /// What the file still lacks to be read; empty when it can be.
    public func missing(schoolGiven: Bool) -> [String] {
        var out: [String] = []
        if !schoolGiven && index(.login) == nil && index(.schoolCode) == nil && index(.school) == nil {
            out.append("нет столбца школы («ОО», «Код ОО» или «Название ОО») — укажите его или выберите школу при загрузке")
        }
        if taskColumns.isEmpty && !hasAnswerStrings && index(.primary) == nil && index(.mark) == nil {
            out.append("нет ни заданий, ни первичного балла, ни отметки")
        }
        if index(.code) == nil && personal.isEmpty {
            out.append("нет столбца «Код участника»")
        }
        return out
    }

    /// «1 (2б)», «9.1 (1б)», «9.1(1 б.)», «Задание 3 (2 балла)» → label and maximum; «балл за 1»,
    /// «Балл за задание 2», «Задание 3» → label, the maximum unknown (nil).
    static func task(_ header: String) -> (String, Double?)? {
        let h = header.replacingOccurrences(of: " ", with: "").lowercased().replacingOccurrences(of: "задание", with: "").replacingOccurrences(of: "№", with: "")
        if let m = DeadlineParser.matches(#"^(\d{1,2}(?:\.\d{1,2})?)\((\d{1,2})(?:б|балл|балла|баллов)\.?\)$"#, in: h).first, let max = Double(m[2]) {
            return (m[1], max)
        }
        let noPrefix = h.hasPrefix("баллза") ? String(h.dropFirst(6)) : (header.lowercased().contains("задание") ? h : nil)
        if let rest = noPrefix {
            if let m = DeadlineParser.matches(#"^(\d{1,2}(?:\.\d{1,2})?)(?:\((\d{1,2})(?:б|балл|балла|баллов)?\.?\))?$"#, in: rest).first {
                return (m[1], m[2].isEmpty ? nil : Double(m[2]))
            }
        }
        return nil
    }

    /// Tasks whose maximum the file does not give take it from the test's reference data.
    public mutating func applyReference(_ reference: [AssessmentTask]) {
        let known = Dictionary(reference.filter { $0.maxScore > 0 }.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        for i in taskColumns.indices where taskColumns[i].task.maxScore == 0 {
            if let r = known[taskColumns[i].task.label] {
                taskColumns[i].task.maxScore = r.maxScore
                taskColumns[i].task.maxSource = .reference
                if taskColumns[i].task.level == nil { taskColumns[i].task.level = r.level }
            }
        }
    }

    /// Task labels whose maximum is still unknown.
    public var tasksWithoutMaximum: [String] { taskColumns.filter { $0.task.maxScore == 0 }.map(\.task.label) }

    /// Finds the layout in the first rows. The header is the row that names the most columns;
    /// a merged cell in the row above («Отметка» over «за ВПР | по журналу») is carried into
    /// the cells under it.
    public static func detect(_ rows: [[String]], mapping: ColumnMapping = ColumnMapping()) -> ResultsLayout? {
        func name(_ text: String) -> ResultsColumn? { mapping.column(for: text) ?? ResultsColumn.recognise(text) }
        var best: (row: Int, score: Int, header: [String])?
        for (r, cells) in rows.prefix(30).enumerated() {
            let header = compose(cells, above: r > 0 ? rows[r - 1] : [], name: name)
            let score = header.filter { task($0) != nil || name($0) != nil }.count
            if score >= 2 && score > (best?.score ?? 0) { best = (r, score, header) }
        }
        guard let best else { return nil }
        var layout = ResultsLayout(kind: .vpr, headerRow: best.row, header: best.header, columns: [:], taskColumns: [], unknown: [])
        var taken = Set<ResultsColumn>()
        for (c, text) in best.header.enumerated() {
            if let (label, max) = task(text) {
                layout.taskColumns.append((c, AssessmentTask(label: label, maxScore: max ?? 0, maxSource: max == nil ? nil : .header)))
                continue
            }
            if var col = name(text) {
                // A second «балл» beside «первичный балл» is the ЕГЭ test score.
                if col == .primary && taken.contains(.primary) { col = .testScore }
                if col != .personal && col != .ignore && taken.contains(col) { layout.unknown.append(c); continue }
                taken.insert(col)
                layout.columns[c] = col
            } else if !ResultsColumn.key(text).isEmpty {
                layout.unknown.append(c)
            }
        }
        if best.row > 0 {
            let levels = rows[best.row - 1]
            for i in layout.taskColumns.indices where layout.taskColumns[i].col < levels.count {
                switch ResultsColumn.key(levels[layout.taskColumns[i].col]) {
                case "б", "базовый", "б1", "б2": layout.taskColumns[i].task.level = .basic
                case "п", "повышенный", "в", "высокий": layout.taskColumns[i].task.level = .advanced
                default: break
                }
            }
        }
        layout.readTitle(rows[..<best.row])
        return layout
    }

    static func compose(_ cells: [String], above: [String], name: (String) -> ResultsColumn?) -> [String] {
        var carried = ""
        return cells.enumerated().map { c, cell in
            let top = c < above.count ? above[c].trimmingCharacters(in: .whitespaces) : ""
            if !top.isEmpty { carried = top }
            let own = cell.trimmingCharacters(in: .whitespaces)
            if task(own) != nil || name(own) != nil || carried.isEmpty { return own }
            let joined = own.isEmpty ? carried : carried + " " + own
            return name(joined) != nil ? joined : own
        }
    }

    mutating func readTitle(_ rows: ArraySlice<[String]>) {
        for row in rows {
            let line = row.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            let k = ResultsColumn.key(line)
            if let m = DeadlineParser.matches(#"^(впр|огэ|егэ)\s+(\d{4})\s+(.+?)\s+(\d{1,2})\s+класс"#, in: k).first {
                kind = AssessmentKind.allCases.first { $0.title.lowercased() == m[1] } ?? .vpr
                titled = true
                year = Int(m[2]); grade = Int(m[4])
                subject = line.split(separator: " ").dropFirst(2).dropLast(2).joined(separator: " ")
            } else if let m = DeadlineParser.matches(#"^(огэ|егэ)\s+(\d{4})\s+(.+)$"#, in: k).first {
                // Protocols name no grade: ОГЭ is the 9th, ЕГЭ the 11th.
                kind = m[1] == "огэ" ? .oge : .ege
                titled = true
                year = Int(m[2]); grade = kind == .oge ? 9 : 11
                subject = line.split(separator: " ").dropFirst(2).joined(separator: " ")
            } else if k.hasPrefix("предмет") {
                subject = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
            } else if k.contains("максимальный первичный балл") {
                maxPrimary = DeadlineParser.matches(#"(\d+)"#, in: k).last.flatMap { CSVNumber.parse($0[1]) }
            }
        }
    }
}
