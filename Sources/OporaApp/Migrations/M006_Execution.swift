import Fluent

/// 006: execution of roadmaps — progress per occurrence, evidence (files kept in the database), monitoring rounds and indicator facts.
struct M006_Execution: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("measure_progress")
            .field(.id, .int, .identifier(auto: true))
            .field("measure_id", .int, .required, .references("measures", "id", onDelete: .cascade))
            .field("due", .string, .required)
            .field("status", .string, .required)
            .field("report", .string, .required)
            .field("review", .string, .required)
            .field("review_comment", .string)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "measure_id", "due")
            .create()
        try await db.schema("evidence")
            .field(.id, .int, .identifier(auto: true))
            .field("progress_id", .int, .required, .references("measure_progress", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("doc_number", .string)
            .field("doc_date", .string)
            .field("url", .string)
            .field("file_name", .string)
            .field("content_type", .string)
            .field("file_data", .data)
            .field("added_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("monitoring_rounds")
            .field(.id, .int, .identifier(auto: true))
            .field("roadmap_id", .int, .required, .references("roadmaps", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("as_of", .string, .required)
            .field("snapshot", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("indicator_facts")
            .field(.id, .int, .identifier(auto: true))
            .field("indicator_id", .int, .required, .references("roadmap_indicators", "id", onDelete: .cascade))
            .field("round_id", .int, .required, .references("monitoring_rounds", "id", onDelete: .cascade))
            .field("value", .string, .required)
            .field("comment", .string)
            .unique(on: "indicator_id", "round_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["indicator_facts", "monitoring_rounds", "evidence", "measure_progress"] { try await db.schema(table).delete() }
    }
}
