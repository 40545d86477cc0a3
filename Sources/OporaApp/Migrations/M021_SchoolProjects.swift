import Fluent

/// 021: schools' participation in support projects by year (004: «500+» — № 20 in 2020, № 48 and № 8 in 2021), which the annual report states.
struct M021_SchoolProjects: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("school_projects")
            .field(.id, .int, .identifier(auto: true))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("project", .string, .required)
            .field("year", .int, .required)
            .unique(on: "school_id", "project", "year")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("school_projects").delete()
    }
}
