import Fluent
import Foundation
import OporaCore

/// A risk factor of the catalogue (the ten of «500+», preloaded by migration 008).
final class RiskFactor: Model, @unchecked Sendable {
    static let schema = "risk_factors"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "report_phrase") var reportPhrase: String
    @OptionalField(key: "summary_group") var summaryGroup: String?
    @Children(for: \.$factor) var questions: [RiskQuestion]
    init() {}
}

final class RiskQuestion: Model, @unchecked Sendable {
    static let schema = "risk_questions"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "factor_id") var factor: RiskFactor
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @Enum(key: "respondent") var respondent: Respondent
    @Field(key: "weight") var weight: Double
    init() {}
}

/// A school's self-assessment (самодиагностика) for a year.
final class SelfAssessment: Model, @unchecked Sendable {
    static let schema = "self_assessments"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "school_id") var school: School
    @Field(key: "year") var year: Int
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// One answer (0…3 on `AnswerScale`) of one respondent group to one question.
final class SelfAssessmentAnswer: Model, @unchecked Sendable {
    static let schema = "self_assessment_answers"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "assessment_id") var assessment: SelfAssessment
    @Parent(key: "question_id") var question: RiskQuestion
    @Field(key: "value") var value: Int
    init() {}
}

/// A factor's significance for a school and year: computed from the self-assessment, and the
/// curator's correction with its justification — both kept.
final class RiskProfileEntry: Model, @unchecked Sendable {
    static let schema = "risk_profile_entries"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "school_id") var school: School
    @Field(key: "year") var year: Int
    @Parent(key: "factor_id") var factor: RiskFactor
    @OptionalField(key: "score") var score: Double?
    @OptionalField(key: "computed") var computedRaw: Int?
    @OptionalField(key: "override") var overrideRaw: Int?
    @OptionalField(key: "justification") var justification: String?
    @OptionalField(key: "overridden_by") var overriddenBy: String?
    init() {}

    var computed: Significance? { computedRaw.flatMap(Significance.init(rawValue:)) }
    var override: Significance? { overrideRaw.flatMap(Significance.init(rawValue:)) }
    /// What counts: the curator's correction when there is one.
    var significance: Significance? { override ?? computed }
}

/// A named group of schools with similar risk profiles and its set of support measures.
final class RiskGroup: Model, @unchecked Sendable {
    static let schema = "risk_groups"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "year") var year: Int
    @Field(key: "name") var name: String
    @Field(key: "factors") var factors: [String]
    @Field(key: "schools") var schools: [String]
    @Field(key: "measures") var measures: [String]
    init() {}
}
