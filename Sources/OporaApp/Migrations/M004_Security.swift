import Fluent

/// 004: the append-only audit log, API tokens and failed logins (for throttling across instances).
struct M004_Security: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field(.id, .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("user_login", .string, .required)
            .field("authority_id", .int)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .int)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await db.schema("api_tokens")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema("login_failures")
            .field(.id, .int, .identifier(auto: true))
            .field("login", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["login_failures", "api_tokens", "audit_entries"] { try await db.schema(table).delete() }
    }
}
