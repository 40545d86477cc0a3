import Fluent

/// 014: results files of every shape — remembered column mappings, schools' exam codes (РЦОИ), ЕГЭ test scores, and drafts uploaded for one chosen school.
struct M014_ResultVariants: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("result_column_maps")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("header_key", .string, .required)
            .field("column", .string, .required)
            .unique(on: "authority_id", "header_key")
            .create()
        try await db.schema("schools").field("exam_code", .string).update()
        try await db.schema("result_rows").field("test_score", .double).update()
        try await db.schema("result_drafts").field("school_id", .int).update()
        try await db.schema("result_drafts").field("kind", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("result_drafts").deleteField("kind").update()
        try await db.schema("result_drafts").deleteField("school_id").update()
        try await db.schema("result_rows").deleteField("test_score").update()
        try await db.schema("schools").deleteField("exam_code").update()
        try await db.schema("result_column_maps").delete()
    }
}
