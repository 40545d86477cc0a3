import Fluent

/// 012: assessment results — imported files, participants by code, drafts between check and import, and the schools' ФИС ОКО logins that identify them in regional files.
struct M012_Results: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("schools").field("fis_login", .string).update()
        try await db.schema("result_imports")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("grade", .int, .required)
            .field("year", .int, .required)
            .field("file_name", .string, .required)
            .field("file_hash", .string, .required)
            .field("tasks", .string, .required)
            .field("max_primary", .double)
            .field("imported_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "authority_id", "file_hash")
            .create()
        try await db.schema("result_rows")
            .field(.id, .int, .identifier(auto: true))
            .field("import_id", .int, .required, .references("result_imports", "id", onDelete: .cascade))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("code", .string, .required)
            .field("class_name", .string)
            .field("variant", .string)
            .field("scores", .string, .required)
            .field("absent", .bool, .required)
            .field("primary_score", .double)
            .field("mark", .int)
            .field("journal_mark", .int)
            .create()
        try await db.schema("result_drafts")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("subject", .string)
            .field("grade", .int)
            .field("year", .int)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("result_drafts").delete()
        try await db.schema("result_rows").delete()
        try await db.schema("result_imports").delete()
        try await db.schema("schools").deleteField("fis_login").update()
    }
}
