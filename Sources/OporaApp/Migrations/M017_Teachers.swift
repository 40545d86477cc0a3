import Fluent

/// 017: teachers of the ШНОР (the database 004 keeps once a year), their professional deficits by year, their development routes (courses) and subject mentors.
struct M017_Teachers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("teachers")
            .field(.id, .int, .identifier(auto: true))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("full_name", .string, .required)
            .field("position", .string, .required)
            .field("subject", .string)
            .field("management_team", .bool, .required)
            .create()
        try await db.schema("teacher_deficits")
            .field(.id, .int, .identifier(auto: true))
            .field("teacher_id", .int, .required, .references("teachers", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("needs_subject_training", .bool, .required)
            .create()
        try await db.schema("teacher_courses")
            .field(.id, .int, .identifier(auto: true))
            .field("teacher_id", .int, .required, .references("teachers", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("provider", .string)
            .field("hours", .int)
            .field("planned", .string, .required)
            .field("completed", .bool, .required)
            .field("completed_at", .string)
            .create()
        try await db.schema("teacher_mentorships")
            .field(.id, .int, .identifier(auto: true))
            .field("teacher_id", .int, .required, .references("teachers", "id", onDelete: .cascade))
            .field("mentor_name", .string, .required)
            .field("mentor_school", .string)
            .field("subject", .string, .required)
            .field("since", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["teacher_mentorships", "teacher_courses", "teacher_deficits", "teachers"] { try await db.schema(table).delete() }
    }
}
