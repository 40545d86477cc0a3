import Fluent

/// 003: the yearly lists (ШНОР, ШНСУ, предШНОР) with their orders, and import drafts between preview and apply.
struct M003_Lists: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("school_lists")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("order_number", .string)
            .field("order_date", .string)
            .field("order_issuer", .string)
            .unique(on: "authority_id", "year", "status")
            .create()
        try await db.schema("list_entries")
            .field(.id, .int, .identifier(auto: true))
            .field("list_id", .int, .required, .references("school_lists", "id", onDelete: .cascade))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("basis", .string)
            .unique(on: "list_id", "school_id")
            .create()
        try await db.schema("import_drafts")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("order_number", .string)
            .field("order_date", .string)
            .field("order_issuer", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["import_drafts", "list_entries", "school_lists"] { try await db.schema(table).delete() }
    }
}
