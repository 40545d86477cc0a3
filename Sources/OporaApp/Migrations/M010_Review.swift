import Fluent

/// 010: review of school roadmaps — submissions with snapshots, threaded comments, interviews, the review stage and site publication, and the schools' deadlines.
struct M010_Review: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await db.schema("roadmaps").field("review_stage", .string, .required, .sql(.default("none"))).update()
        try await db.schema("roadmaps").field("site_url", .string).update()
        try await db.schema("roadmaps").field("site_published_on", .string).update()
        try await db.schema("roadmap_submissions")
            .field(.id, .int, .identifier(auto: true))
            .field("roadmap_id", .int, .required, .references("roadmaps", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("submitted_on", .string, .required)
            .field("submitted_by", .string, .required)
            .field("snapshot", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("roadmap_comments")
            .field(.id, .int, .identifier(auto: true))
            .field("roadmap_id", .int, .required, .references("roadmaps", "id", onDelete: .cascade))
            .field("measure_id", .int, .references("measures", "id", onDelete: .cascade))
            .field("parent_id", .int, .references("roadmap_comments", "id"))
            .field("author", .string, .required)
            .field("author_name", .string, .required)
            .field("from_school", .bool, .required)
            .field("text", .string, .required)
            .field("seen", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("roadmap_interviews")
            .field(.id, .int, .identifier(auto: true))
            .field("roadmap_id", .int, .required, .references("roadmaps", "id", onDelete: .cascade))
            .field("held_on", .string, .required)
            .field("participants", .string, .required)
            .field("protocol", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
        try await db.schema("school_roadmap_deadlines")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("year", .int, .required)
            .field("develop_by", .string, .required)
            .field("publish_by", .string, .required)
            .unique(on: "authority_id", "year")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["school_roadmap_deadlines", "roadmap_interviews", "roadmap_comments", "roadmap_submissions"] { try await db.schema(table).delete() }
        for field in ["review_stage", "site_url", "site_published_on"] { try await db.schema("roadmaps").deleteField(.string(field)).update() }
    }
}
