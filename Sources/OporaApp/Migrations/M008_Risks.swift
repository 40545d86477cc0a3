import Fluent
import OporaCore

/// 008: risk factors with their questionnaire (preloaded with the ten factors of «500+»), self-assessments and risk profiles.
struct M008_Risks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("risk_factors")
            .field(.id, .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("report_phrase", .string, .required)
            .field("summary_group", .string)
            .unique(on: "code")
            .create()
        try await db.schema("risk_questions")
            .field(.id, .int, .identifier(auto: true))
            .field("factor_id", .int, .required, .references("risk_factors", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("text", .string, .required)
            .field("respondent", .string, .required)
            .field("weight", .double, .required)
            .create()
        try await db.schema("self_assessments")
            .field(.id, .int, .identifier(auto: true))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("year", .int, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "school_id", "year")
            .create()
        try await db.schema("self_assessment_answers")
            .field(.id, .int, .identifier(auto: true))
            .field("assessment_id", .int, .required, .references("self_assessments", "id", onDelete: .cascade))
            .field("question_id", .int, .required, .references("risk_questions", "id"))
            .field("value", .int, .required)
            .unique(on: "assessment_id", "question_id")
            .create()
        try await db.schema("risk_profile_entries")
            .field(.id, .int, .identifier(auto: true))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("year", .int, .required)
            .field("factor_id", .int, .required, .references("risk_factors", "id"))
            .field("score", .double)
            .field("computed", .int)
            .field("override", .int)
            .field("justification", .string)
            .field("overridden_by", .string)
            .unique(on: "school_id", "year", "factor_id")
            .create()
        // The catalogue every installation starts with.
        for (i, f) in RiskCatalogue.factors.enumerated() {
            let factor = RiskFactor()
            factor.code = f.code
            factor.position = i
            factor.title = f.title
            factor.reportPhrase = f.reportPhrase
            factor.summaryGroup = f.group
            try await factor.create(on: db)
            for (j, q) in f.questions.enumerated() {
                let question = RiskQuestion()
                question.$factor.id = try factor.requireID()
                question.position = j
                question.text = q.text
                question.respondent = q.respondent
                question.weight = q.weight
                try await question.create(on: db)
            }
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["risk_profile_entries", "self_assessment_answers", "self_assessments", "risk_questions", "risk_factors"] { try await db.schema(table).delete() }
    }
}
