import Foundation

/// Reads a roadmap from the table it lives in — text pasted from Word or Excel (tab-separated),
/// or the rows of an XLSX/DOCX table. Recognises the header row (and its repeats after page
/// breaks), level rows («МУНИЦИПАЛЬНЫЙ УРОВЕНЬ»), section rows («I. …»), continued rows (a row
/// split by a page break continues on lines whose number cell is empty), and the goal, tasks
/// and indicators written above the table. Never saves anything: it returns a draft.
public enum RoadmapImporter {
    /// Text as copied from Word or Excel, or a whole order: the table starts at its header row.
    public static func read(text: String, fileName: String) -> RoadmapDraft {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .components(separatedBy: "\n")
        let rows = lines.map { $0.components(separatedBy: "\t") }
        var result = read(rows: rows, fileName: fileName, tableEndsAtPlainLine: true)
        if let headerLine = result.headerLine {
            let preamble = RoadmapPreamble.parse(lines[..<headerLine].joined(separator: "\n"))
            result.draft.goal = preamble.goal
            result.draft.tasks = preamble.tasks
            result.draft.indicators = preamble.indicators
        }
        return result.draft
    }

    /// Rows of a spreadsheet or a document table.
    public static func read(rows: [[String]], fileName: String) -> RoadmapDraft {
        read(rows: rows, fileName: fileName, tableEndsAtPlainLine: false).draft
    }

    struct Result {
        var draft: RoadmapDraft
        var headerLine: Int?
    }

    static func read(rows rawRows: [[String]], fileName: String, tableEndsAtPlainLine: Bool) -> Result {
        let rows = rawRows.map { $0.map(clean) }
        var draft = RoadmapDraft(columns: [], levels: [], goal: nil, tasks: [], indicators: [], problems: [], warnings: [])
        guard let (headerIndex, map) = findHeader(rows) else {
            draft.problems.append(ImportProblem(file: fileName, row: nil, column: nil,
                message: "не найдена строка заголовка таблицы: нужны столбцы «Мероприятие» (или «Наименование мероприятия») и «Сроки»."))
            return Result(draft: draft, headerLine: nil)
        }
        draft.columns = rows[headerIndex].filter { !$0.isEmpty }
        let numberCol = map[.number] ?? 0
        let nameCol = map[.name] ?? 1
        var levels: [RoadmapDraft.Level] = []
        var current: RoadmapDraft.Measure?
        var pendingSection: String??  // a section heading waiting for its first measure

        func flush() {
            guard let m = current else { return }
            if levels.isEmpty { levels.append(.init(title: nil, sections: [])) }
            if let pending = pendingSection {
                levels[levels.count - 1].sections.append(.init(title: pending, measures: []))
                pendingSection = nil
            }
            if levels[levels.count - 1].sections.isEmpty { levels[levels.count - 1].sections.append(.init(title: nil, measures: [])) }
            let l = levels.count - 1, s = levels[l].sections.count - 1
            levels[l].sections[s].measures.append(m)
            current = nil
        }

        for index in (headerIndex + 1)..<rows.count {
            let line = index + 1
            let cells = rows[index]
            let nonEmpty = cells.enumerated().filter { !$0.element.isEmpty }
            if nonEmpty.isEmpty || nonEmpty.allSatisfy({ $0.element.allSatisfy { "-|—–".contains($0) } }) {
                if tableEndsAtPlainLine && rawRows[index].count == 1 && !rawRows[index][0].trimmingCharacters(in: .whitespaces).isEmpty { break }
                continue
            }
            // A plain line without tabs after the table (a signature, the next annex) ends it.
            if tableEndsAtPlainLine && rawRows[index].count == 1 { break }
            if isHeaderRepeat(cells, map: map) || isColumnNumbering(nonEmpty.map(\.element)) { continue }

            let numberCell = cell(cells, numberCol)
            if isMeasureNumber(numberCell) {
                flush()
                var m = RoadmapDraft.Measure(line: line, number: numberCell, name: cell(cells, nameCol),
                                             form: map[.form].map { cell(cells, $0) },
                                             deadline: Deadline(parsing: map[.deadline].map { cell(cells, $0) } ?? ""),
                                             responsible: map[.responsible].map { cell(cells, $0) } ?? "",
                                             result: map[.result].map { cell(cells, $0) },
                                             links: [])
                m.links = links(in: map[.links].map { cell(cells, $0) } ?? "")
                current = m
                continue
            }
            if nonEmpty.count == 1 && nonEmpty[0].offset <= nameCol, let heading = headingKind(nonEmpty[0].element) {
                flush()
                switch heading {
                case .level:
                    levels.append(.init(title: nonEmpty[0].element, sections: []))
                    pendingSection = nil
                case .section:
                    pendingSection = .some(nonEmpty[0].element)
                }
                continue
            }
            // A continued row. When its number cell holds text that continues a sentence (it starts
            // in lower case), the cells slid left by one because the empty first cell was lost.
            let slid = numberCell.first?.isLowercase == true
            guard var m = current, numberCell.isEmpty || slid else {
                draft.problems.append(ImportProblem(file: fileName, row: line, column: RoadmapColumn.number.title,
                    message: "строка не похожа ни на мероприятие (нет номера), ни на заголовок раздела: «\(nonEmpty[0].element.prefix(60))»."))
                continue
            }
            let shift = slid ? nameCol - numberCol : 0
            func piece(_ col: Int?) -> String { col.map { cell(cells, $0 - shift) } ?? "" }
            m.name = join(m.name, piece(nameCol))
            if let c = map[.form] { m.form = join(m.form ?? "", piece(c)) }
            if let c = map[.deadline] { let t = piece(c); if !t.isEmpty { m.deadline = Deadline(parsing: join(m.deadline.text, t)) } }
            if let c = map[.responsible] { m.responsible = join(m.responsible, piece(c)) }
            if let c = map[.result] { m.result = join(m.result ?? "", piece(c)) }
            if let c = map[.links] { m.links += links(in: piece(c)) }
            current = m
        }
        flush()
        draft.levels = levels
        for m in draft.measures {
            if m.name.isEmpty {
                draft.problems.append(ImportProblem(file: fileName, row: m.line, column: RoadmapColumn.name.title, message: "у мероприятия № \(m.displayNumber) нет наименования."))
            }
            if m.deadline.text.isEmpty {
                draft.problems.append(ImportProblem(file: fileName, row: m.line, column: RoadmapColumn.deadline.title, message: "у мероприятия № \(m.displayNumber) не указан срок."))
            } else if m.deadline.needsReview {
                draft.warnings.append(ImportProblem(file: fileName, row: m.line, column: RoadmapColumn.deadline.title,
                    message: "срок «\(m.deadline.text)» мероприятия № \(m.displayNumber) не распознан: он сохранится как текст и будет отмечен для проверки."))
            }
        }
        if draft.measures.isEmpty && draft.problems.isEmpty {
            draft.problems.append(ImportProblem(file: fileName, row: headerIndex + 1, column: nil, message: "после заголовка таблицы нет ни одного мероприятия."))
        }
        return Result(draft: draft, headerLine: headerIndex)
    }

    // MARK: - Pieces

    /// Conversion debris of Word → text: inline HTML tags and Markdown emphasis; spaces collapsed.
    static func clean(_ s: String) -> String {
        var t = s.replacingOccurrences(of: #"</?(p|i|b|em|strong|u|span|br)\s*/?>"#, with: " ", options: [.regularExpression, .caseInsensitive])
        t = t.replacingOccurrences(of: "**", with: "")
        t = t.replacingOccurrences(of: "\u{00A0}", with: " ")
        t = t.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        return t.trimmingCharacters(in: .whitespaces)
    }

    static func cell(_ cells: [String], _ i: Int) -> String { i >= 0 && i < cells.count ? cells[i] : "" }

    static func findHeader(_ rows: [[String]]) -> (Int, [RoadmapColumn: Int])? {
        for (i, cells) in rows.enumerated() {
            let map = headerMap(cells)
            if map[.name] != nil && map[.deadline] != nil { return (i, map) }
        }
        return nil
    }

    static func headerMap(_ cells: [String]) -> [RoadmapColumn: Int] {
        var map: [RoadmapColumn: Int] = [:]
        for (i, raw) in cells.enumerated() {
            let h = raw.lowercased()
            guard !h.isEmpty, h.count < 80 else { continue }
            // The links column first: «Информационное сопровождение» is not a «мероприятие».
            for column in [RoadmapColumn.links, .number, .form, .deadline, .responsible, .result, .name] where map[column] == nil {
                if column.synonyms.contains(where: { h.contains($0) }) { map[column] = i; break }
            }
        }
        return map
    }

    static func isHeaderRepeat(_ cells: [String], map: [RoadmapColumn: Int]) -> Bool {
        let again = headerMap(cells)
        return again[.name] != nil && again[.deadline] != nil
    }

    /// «1 2 3 4 5 6» under a header, repeated after page breaks.
    static func isColumnNumbering(_ cells: [String]) -> Bool {
        cells.count >= 3 && cells.enumerated().allSatisfy { Int($0.element) == $0.offset + 1 }
    }

    static func isMeasureNumber(_ s: String) -> Bool {
        s.range(of: #"^\d{1,3}(\.\d{1,3})*\.?$"#, options: .regularExpression) != nil
    }

    enum Heading { case level, section }

    static func headingKind(_ s: String) -> Heading? {
        let upper = s.uppercased()
        if upper.contains("УРОВЕН") && s == upper { return .level }
        if s.range(of: #"^(I|II|III|IV|V|VI|VII|VIII|IX|X)[.)]\s"#, options: .regularExpression) != nil { return .section }
        if s.range(of: #"^(раздел|направление)\b"#, options: [.regularExpression, .caseInsensitive]) != nil { return .section }
        let letters = s.filter(\.isLetter)
        if letters.count >= 8 && letters.filter(\.isUppercase).count * 10 >= letters.count * 8 { return .section }
        return nil
    }

    /// Joins a fragment of a continued cell: «Статистико-» + «аналитический» keeps the word whole.
    static func join(_ a: String, _ b: String) -> String {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        if a.hasSuffix("-") && !a.hasSuffix(" -") { return a + b }
        return a + " " + b
    }

    static func links(in s: String) -> [String] {
        DeadlineParser.matches(#"(https?://[^\s,;«»"]+)"#, in: s).map { $0[1] }
    }
}

/// The goal, tasks and indicators that roadmaps write above the table (seed 001).
public enum RoadmapPreamble {
    public static func parse(_ text: String) -> (goal: String?, tasks: [String], indicators: [RoadmapDraft.Indicator]) {
        var goal: String?
        var tasks: [String] = []
        var indicators: [RoadmapDraft.Indicator] = []
        enum Part { case none, tasks, indicators }
        var part = Part.none
        for raw in text.components(separatedBy: "\n") {
            let line = RoadmapImporter.clean(raw)
            if line.isEmpty { continue }
            let lower = line.lowercased()
            if lower.hasPrefix("цель") {
                let body = line.split(separator: ":", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) }
                goal = body.flatMap { $0.isEmpty ? nil : $0 }
                part = .none
                continue
            }
            if lower.hasPrefix("задачи") { part = .tasks; continue }
            if lower.hasPrefix("индикатор") || lower.hasPrefix("целевые показатели") || lower.hasPrefix("показатели") { part = .indicators; continue }
            guard let item = numbered(line) else { if part != .none && !line.hasPrefix("№") { part = .none }; continue }
            switch part {
            case .tasks: tasks.append(item)
            case .indicators: indicators.append(indicator(item))
            case .none: break
            }
        }
        return (goal, tasks, indicators)
    }

    static func numbered(_ line: String) -> String? {
        guard let r = line.range(of: #"^\d{1,2}[.)]\s*"#, options: .regularExpression) else { return nil }
        return String(line[r.upperBound...])
    }

    /// Built once: ICU makes a CharacterSet slowly, and this runs for every indicator line.
    private static let indicatorPunctuation = CharacterSet(charactersIn: " .")

    /// «Доля ОО, разработавших программы развития -100 %.» → name, target «100», unit «%».
    static func indicator(_ item: String) -> RoadmapDraft.Indicator {
        let t = item.trimmingCharacters(in: indicatorPunctuation)
        if let m = DeadlineParser.matches(#"^(.*?)\s*[-–—]\s*(\d+(?:[.,]\d+)?)\s*(%|процент\S*|чел\.?|ед\.?|шт\.?)?$"#, in: t).first {
            return .init(name: m[1], target: m[2], unit: m[3].hasPrefix("процент") ? "%" : m[3])
        }
        return .init(name: t, target: "", unit: "")
    }
}
