import Fluent

/// 011: named groups of schools with similar risk profiles and their support measures.
struct M011_RiskGroups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("risk_groups")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("year", .int, .required)
            .field("name", .string, .required)
            .field("factors", .array(of: .string), .required)
            .field("schools", .array(of: .string), .required)
            .field("measures", .array(of: .string), .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("risk_groups").delete()
    }
}
