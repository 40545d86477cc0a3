import Fluent

/// 020: the annual analytical report's conclusions and recommendations as the coordinator edited them, per municipality and school year.
struct M020_AnnualReports: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("annual_reports")
            .field(.id, .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id"))
            .field("school_year", .int, .required)
            .field("conclusions", .string, .required)
            .field("order_number", .string)
            .field("order_date", .string)
            .field("updated_by", .string, .required)
            .unique(on: "authority_id", "school_year")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("annual_reports").delete()
    }
}
