import Fluent
import SQLKit

/// 022: a real region from an empty database — the registry's full attributes (ИНН, address,
/// urban/rural, small school, closure and reorganisation), accounts that must change a one-time
/// password and can be deactivated, revocable API tokens, sessions that name their user (so a
/// deactivated account's sessions end at once), draft lists of a new school year, registry files
/// kept between preview and apply, and the record of each year's turnover.
struct M022_RegionOnboarding: AsyncMigration {
    func prepare(on db: any Database) async throws {
        for field in ["address", "closed_on", "closed_reason"] {
            try await db.schema("authorities").field(.string(field), .string).update()
        }
        for field in ["address", "closed_on"] {
            try await db.schema("organizations").field(.string(field), .string).update()
        }
        for field in ["inn", "address", "locality", "closed_on", "closed_reason", "head_name"] {
            try await db.schema("schools").field(.string(field), .string).update()
        }
        try await db.schema("schools").field("small", .bool, .required, .sql(.default(false))).update()
        try await db.schema("schools").field("status", .string, .required, .sql(.default("active"))).update()
        try await db.schema("schools").field("merged_into_id", .int, .references("schools", "id")).update()

        try await db.schema("users").field("must_change_password", .bool, .required, .sql(.default(false))).update()
        try await db.schema("users").field("deactivated_at", .datetime).update()
        try await db.schema("users").field("created_at", .datetime).update()
        try await db.schema("api_tokens").field("revoked_at", .datetime).update()
        try await db.schema("_fluent_sessions").field("user_id", .int).update()
        // Sessions from before this column would name no user and survive a reset or a
        // deactivation: everyone signs in once more instead.
        try await (db as? any SQLDatabase)?.delete(from: "_fluent_sessions").run()
        try await db.schema("school_lists").field("draft", .bool, .required, .sql(.default(false))).update()

        try await db.schema("registry_drafts")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("region_id", .int, .required, .references("regions", "id"))
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("create_municipalities", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("year_turnovers")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("from_year", .int, .required)
            .field("to_year", .int, .required)
            .field("user_id", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .field("summary", .string, .required)
            .unique(on: "authority_id", "to_year")
            .create()

        // The region owns logins and exam codes: one school each, whatever path sets them.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX schools_fis_login_unique ON schools (fis_login)").run()
            try await sql.raw("CREATE UNIQUE INDEX schools_exam_code_unique ON schools (exam_code)").run()
            try await sql.raw("CREATE INDEX sessions_user_id ON _fluent_sessions (user_id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase {
            for index in ["schools_fis_login_unique", "schools_exam_code_unique", "sessions_user_id"] {
                try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
            }
        }
        try await db.schema("year_turnovers").delete()
        try await db.schema("registry_drafts").delete()
        try await db.schema("school_lists").deleteField("draft").update()
        try await db.schema("_fluent_sessions").deleteField("user_id").update()
        try await db.schema("api_tokens").deleteField("revoked_at").update()
        for field in ["created_at", "deactivated_at", "must_change_password"] { try await db.schema("users").deleteField(.string(field)).update() }
        for field in ["merged_into_id", "status", "small", "head_name", "closed_reason", "closed_on", "locality", "address", "inn"] {
            try await db.schema("schools").deleteField(.string(field)).update()
        }
        for field in ["closed_on", "address"] { try await db.schema("organizations").deleteField(.string(field)).update() }
        for field in ["closed_reason", "closed_on", "address"] { try await db.schema("authorities").deleteField(.string(field)).update() }
    }
}
