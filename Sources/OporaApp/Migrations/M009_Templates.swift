import Fluent
import OporaCore

/// 009: the constructor's library of measure templates, preloaded with the default library.
struct M009_Templates: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("measure_templates")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .references("authorities", "id"))
            .field("code", .string, .required)
            .field("text", .string, .required)
            .field("form", .string, .required)
            .field("deadline", .string, .required)
            .field("result", .string, .required)
            .field("level", .string, .required)
            .field("factors", .array(of: .string), .required)
            .create()
        for t in MeasureLibrary.templates {
            let r = MeasureTemplateRecord()
            r.code = t.code
            r.text = t.text
            r.form = t.form
            r.deadline = t.deadline
            r.result = t.result
            r.level = t.level.rawValue
            r.factors = t.factors
            try await r.create(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("measure_templates").delete()
    }
}
