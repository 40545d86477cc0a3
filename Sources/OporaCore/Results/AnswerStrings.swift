/// ОГЭ/ЕГЭ protocols code a participant's answers in two strings: short answers one character
/// per task («+» right, «-» wrong, a digit for a partial score, «X» not taken) and long answers
/// as «2(3)» — the score and, in brackets, the task maximum. The tasks are numbered short
/// first, then long, as the protocol prints them.
public enum AnswerStrings {
    static func shortScores(_ s: String) -> [Double?]? {
        var out: [Double?] = []
        for ch in s where !ch.isWhitespace && ch != ";" && ch != "," {
            switch ch {
            case "+": out.append(1)
            case "-", "−", "–": out.append(0)
            case "X", "x", "Х", "х", "*", "_", "?": out.append(nil)
            default:
                guard let d = ch.wholeNumberValue else { return nil }
                out.append(Double(d))
            }
        }
        return out
    }

    /// «2(3)1(2)X(3)» or «2(3) 1(2) X(3)» → [(2, 3), (1, 2), (nil, 3)].
    static func longScores(_ s: String) -> [(Double?, Double)]? {
        let compact = s.filter { !$0.isWhitespace && $0 != ";" && $0 != "," }
        let tokens = DeadlineParser.matches(#"(\d{1,2}|[XxХх-])\((\d{1,2})\)"#, in: compact)
        guard tokens.map({ $0[0] }).joined() == compact else { return nil }
        return tokens.map { (Double($0[1]), Double($0[2]) ?? 0) }
    }

    /// A pass over the rows before reading them: the number of tasks and their maxima. A short
    /// task's maximum is the largest digit any participant got on it (at least 1); a long task's
    /// is written in the brackets and must agree across the file.
    /// Bounds what one long answer cell can do: a real protocol has at most a few dozen tasks.
    static let maxTasks = 100

    public static func tasks(of rows: [(line: Int, cells: [String])], layout: inout ResultsLayout, file: String, maxProblems: Int = 200) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        var shortMax: [Double] = [], longMax: [Double] = []
        let s = layout.index(.shortAnswers), l = layout.index(.longAnswers)
        for (line, cells) in rows {
            if let s, s < cells.count, !cells[s].isEmpty, let scores = shortScores(cells[s]) {
                for (i, v) in scores.enumerated() where i < maxTasks {
                    if i == shortMax.count { shortMax.append(1) }
                    shortMax[i] = max(shortMax[i], v ?? 0)
                }
            }
            if let l, l < cells.count, !cells[l].isEmpty, let scores = longScores(cells[l]) {
                for (i, (_, m)) in scores.enumerated() where i < maxTasks {
                    if i == longMax.count { longMax.append(m); continue }
                    if longMax[i] != m && problems.count < maxProblems {
                        problems.append(ImportProblem(file: file, row: line, column: layout.header[l],
                            message: "у задания \(shortMax.count + i + 1) максимум \(CSVNumber.format(m)), а в других строках — \(CSVNumber.format(longMax[i]))."))
                    }
                }
            }
        }
        layout.shortTasks = shortMax.enumerated().map { AssessmentTask(label: String($0.offset + 1), maxScore: $0.element, level: .basic) }
        layout.longTasks = longMax.enumerated().map { AssessmentTask(label: String(shortMax.count + $0.offset + 1), maxScore: $0.element, level: .advanced) }
        return problems
    }

    static func scores(short: String?, long: String?, layout: ResultsLayout, line: Int, file: String, shortTitle: String, longTitle: String,
                       problems: inout [ImportProblem]) -> [Double?] {
        var out: [Double?] = Array(repeating: nil, count: layout.shortTasks.count + layout.longTasks.count)
        if let short {
            if let scores = shortScores(short) {
                for (i, v) in scores.enumerated() where i < layout.shortTasks.count { out[i] = v }
            } else {
                problems.append(ImportProblem(file: file, row: line, column: shortTitle, message: "строка ответов «\(short)» не разобрана: ожидаются «+», «-», цифры и «X»."))
            }
        }
        if let long {
            if let scores = longScores(long) {
                for (i, (v, m)) in scores.enumerated() where i < layout.longTasks.count {
                    if let v, v > m {
                        problems.append(ImportProblem(file: file, row: line, column: longTitle,
                            message: "балл \(CSVNumber.format(v)) больше максимума задания \(layout.longTasks[i].label) (\(CSVNumber.format(m)))."))
                    }
                    out[layout.shortTasks.count + i] = v
                }
            } else {
                problems.append(ImportProblem(file: file, row: line, column: longTitle, message: "строка ответов «\(long)» не разобрана: ожидается вида «2(3)1(2)»."))
            }
        }
        return out
    }
}
