import Fluent

/// 015: the task-to-skill table of each test (what content element a task checks), from which a student's individual learning route (ИОМ) is built.
struct M015_TaskSkills: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("task_skills")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("grade", .int, .required)
            .field("task_label", .string, .required)
            .field("skill", .string, .required)
            .unique(on: "authority_id", "kind", "subject", "grade", "task_label")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("task_skills").delete()
    }
}
