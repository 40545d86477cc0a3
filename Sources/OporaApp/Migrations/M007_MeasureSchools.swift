import Fluent

/// 007: the schools a measure concerns, so monitoring can report completion by school.
struct M007_MeasureSchools: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("measure_schools")
            .field(.id, .int, .identifier(auto: true))
            .field("measure_id", .int, .required, .references("measures", "id", onDelete: .cascade))
            .field("school_id", .int, .required, .references("schools", "id"))
            .unique(on: "measure_id", "school_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("measure_schools").delete()
    }
}
