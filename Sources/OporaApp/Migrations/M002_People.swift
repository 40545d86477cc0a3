import Fluent

/// 002: accounts with roles, curator assignments, and the standing groups of order 003.
struct M002_People: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field(.id, .int, .identifier(auto: true))
            .field("login", .string, .required)
            .field("password_hash", .string, .required)
            .field("full_name", .string, .required)
            .field("position", .string, .required)
            .field("organization", .string)
            .field("role", .string, .required)
            .field("authority_id", .int, .references("authorities", "id"))
            .field("school_id", .int, .references("schools", "id"))
            .field("active", .bool, .required)
            .unique(on: "login")
            .create()
        try await db.schema("curator_assignments")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("order_number", .string)
            .field("order_date", .string)
            .unique(on: "user_id", "school_id")
            .create()
        try await db.schema("standing_groups")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("kind", .string, .required)
            .field("order_number", .string)
            .field("order_date", .string)
            .unique(on: "authority_id", "kind")
            .create()
        try await db.schema("group_members")
            .field(.id, .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("standing_groups", "id", onDelete: .cascade))
            .field("position_in_list", .int, .required)
            .field("full_name", .string, .required)
            .field("position", .string, .required)
            .field("comment", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["group_members", "standing_groups", "curator_assignments", "users"] { try await db.schema(table).delete() }
    }
}
