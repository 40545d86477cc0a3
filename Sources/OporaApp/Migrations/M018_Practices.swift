import Fluent

/// 018: the bank of effective practices (000, 002, 003): drafted by schools and the municipality, published to a public catalogue, with files.
struct M018_Practices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("practices")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("school_id", .int, .references("schools", "id"))
            .field("title", .string, .required)
            .field("authors", .string, .required)
            .field("risk_factors", .string, .required)
            .field("description", .string, .required)
            .field("links", .string)
            .field("status", .string, .required)
            .field("published_at", .string)
            .field("created_by", .string, .required)
            .create()
        try await db.schema("practice_files")
            .field(.id, .int, .identifier(auto: true))
            .field("practice_id", .int, .required, .references("practices", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("content", .data, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("practice_files").delete()
        try await db.schema("practices").delete()
    }
}
