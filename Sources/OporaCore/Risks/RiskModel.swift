/// How strongly a risk factor shows in a school.
public enum Significance: Int, Codable, CaseIterable, Comparable, Sendable {
    case low = 1, medium = 2, high = 3

    public var title: String {
        switch self {
        case .low: "низкая"
        case .medium: "средняя"
        case .high: "высокая"
        }
    }

    public static func < (a: Significance, b: Significance) -> Bool { a.rawValue < b.rawValue }
}

/// Who answers a self-assessment question.
public enum Respondent: String, Codable, CaseIterable, Sendable {
    case head, teachers, students, parents

    public var title: String {
        switch self {
        case .head: "администрация"
        case .teachers: "педагоги"
        case .students: "обучающиеся"
        case .parents: "родители"
        }
    }
}

/// The answer scale of every question: how far a statement describing a risk holds for the school.
public enum AnswerScale {
    public static let labels = ["совсем не соответствует", "скорее не соответствует", "скорее соответствует", "полностью соответствует"]
    /// 0…3 → 0…1.
    public static func score(_ value: Int) -> Double { Double(min(max(value, 0), 3)) / 3 }
}

/// The documented rule from answers to significance.
///
/// Each answer is scored 0, ⅓, ⅔ or 1; a question's score is the mean over the respondents who
/// answered it; the factor's score is the weighted mean over its answered questions. A score
/// below `mediumFrom` is low, below `highFrom` medium, otherwise high. Defaults: ⅓ and ⅔ —
/// «скорее соответствует» on every statement makes a factor high.
public struct SignificanceRule: Codable, Sendable, Equatable {
    public var mediumFrom: Double
    public var highFrom: Double

    public init(mediumFrom: Double = 1.0 / 3, highFrom: Double = 2.0 / 3) {
        self.mediumFrom = mediumFrom
        self.highFrom = highFrom
    }

    public static let `default` = SignificanceRule()

    public struct Answer: Sendable {
        public let question: Int
        public let weight: Double
        public let value: Int
        public init(question: Int, weight: Double, value: Int) {
            self.question = question
            self.weight = weight
            self.value = value
        }
    }

    /// nil when no question of the factor was answered.
    public func score(_ answers: [Answer]) -> Double? {
        let byQuestion = Dictionary(grouping: answers, by: \.question)
        var total = 0.0, weights = 0.0
        for (_, list) in byQuestion {
            guard let weight = list.first?.weight, weight > 0 else { continue }
            let mean = list.map { AnswerScale.score($0.value) }.reduce(0, +) / Double(list.count)
            total += mean * weight
            weights += weight
        }
        return weights > 0 ? total / weights : nil
    }

    public func significance(_ score: Double) -> Significance {
        // A small tolerance so ⅔ computed from answers counts as ⅔.
        if score >= highFrom - 1e-9 { return .high }
        if score >= mediumFrom - 1e-9 { return .medium }
        return .low
    }
}
