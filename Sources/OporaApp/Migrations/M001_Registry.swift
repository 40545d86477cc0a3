import Fluent

/// 001: the registry every other table refers to — regions, authorities, organisations, schools.
struct M001_Registry: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("regions")
            .field(.id, .int, .identifier(auto: true))
            .field("name", .string, .required)
            .unique(on: "name")
            .create()
        try await db.schema("authorities")
            .field(.id, .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("region_id", .int, .required, .references("regions", "id"))
            .field("municipality", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("head_name", .string)
            .field("head_position", .string)
            .field("chronic_window_years", .int, .required)
            .field("chronic_min_times", .int, .required)
            .unique(on: "code")
            .create()
        try await db.schema("organizations")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .create()
        try await db.schema("schools")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("kind", .string, .required)
            .field("legal_form", .string, .required)
            .field("number", .int)
            .field("short_name", .string, .required)
            .field("full_name", .string, .required)
            .field("aliases", .array(of: .string), .required)
            .unique(on: "authority_id", "short_name")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["schools", "organizations", "authorities", "regions"] { try await db.schema(table).delete() }
    }
}
