/// The municipal risk summary in the words of the 004 report.
public struct RiskSummary: Sendable, Equatable {
    public struct Factor: Sendable, Equatable {
        /// How the report names the factor: «низкая учебная мотивация обучающихся».
        public let phrase: String
        /// Factors reported together share a group («низкий уровень оснащения школы и/или дефицит …»).
        public let group: String?
        public let position: Int
        public init(phrase: String, group: String?, position: Int) {
            self.phrase = phrase
            self.group = group
            self.position = position
        }
    }

    public struct Line: Sendable, Equatable {
        public let phrases: [String]
        public let schoolNumbers: [Int]
        public let schoolNames: [String]
    }

    public let lines: [Line]

    /// `medium` — schools (number, name) where each factor is of medium or high significance.
    public init(factors: [(Factor, [(number: Int?, name: String)])]) {
        var singles: [Line] = []
        var groups: [String: (phrases: [String], schools: [String: Int?], position: Int)] = [:]
        for (factor, schools) in factors.sorted(by: { $0.0.position < $1.0.position }) {
            if let g = factor.group {
                var entry = groups[g] ?? ([], [:], factor.position)
                entry.phrases.append(factor.phrase)
                for s in schools { entry.schools[s.name] = s.number }
                groups[g] = entry
            } else if !schools.isEmpty {
                let sorted = schools.sorted { ($0.number ?? Int.max, $0.name) < ($1.number ?? Int.max, $1.name) }
                singles.append(Line(phrases: [factor.phrase], schoolNumbers: sorted.compactMap(\.number), schoolNames: sorted.map(\.name)))
            }
        }
        // The most widespread risks first, as the report reads.
        var lines = singles.enumerated().sorted { ($1.element.schoolNames.count, $0.offset) < ($0.element.schoolNames.count, $1.offset) }.map(\.element)
        for (_, g) in groups.sorted(by: { $0.value.position < $1.value.position }) where !g.schools.isEmpty {
            let sorted = g.schools.sorted { ($0.value ?? Int.max, $0.key) < ($1.value ?? Int.max, $1.key) }
            lines.append(Line(phrases: g.phrases, schoolNumbers: sorted.compactMap(\.value), schoolNames: sorted.map(\.key)))
        }
        self.lines = lines
    }

    /// The statements of the report, each as one clause:
    /// the first names the significance, the next ones follow the report's shorter forms, and a
    /// group of factors reported together closes the paragraph.
    public var statements: [String] {
        var out: [String] = []
        var single = 0
        for line in lines {
            let numbers = line.schoolNumbers.map(String.init).joined(separator: ", ")
            let n = line.schoolNames.count
            if line.phrases.count > 1 {
                out.append("Большой процент ШНОР, в которых рисками являются \(line.phrases.joined(separator: " и/или ")) (ОУ № \(numbers))")
                continue
            }
            let phrase = line.phrases[0]
            switch single {
            case 0: out.append("в \(n) ОУ (школы № \(numbers)) фактором риска со средней или высокой значимостью является \(phrase)")
            case 1: out.append("в \(n) ОУ – \(phrase) (школы № \(numbers))")
            default: out.append("в \(n) \(RussianPlural.form(n, "школе", "школах", "школах")) № \(numbers) – \(phrase)")
            }
            single += 1
        }
        return out
    }

    /// The paragraph of the report.
    public var paragraph: String {
        let s = statements
        let singles = s.filter { !$0.hasPrefix("Большой процент") }
        let groups = s.filter { $0.hasPrefix("Большой процент") }
        var text = ""
        if !singles.isEmpty { text = "При анализе информации по рисковому профилю ШНОР выявлено, что " + singles.joined(separator: ", ") + "." }
        for g in groups { text += (text.isEmpty ? "" : " ") + g + "." }
        return text.isEmpty ? "Факторов риска со средней или высокой значимостью не выявлено." : text
    }
}
