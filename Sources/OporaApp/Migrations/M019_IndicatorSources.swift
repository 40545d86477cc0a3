import Fluent

/// 019: a roadmap indicator may be bound to a fact computed from the data (share of ШНОР with an approved roadmap, with targeted support, …) instead of a typed one.
struct M019_IndicatorSources: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("roadmap_indicators").field("source", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("roadmap_indicators").deleteField("source").update()
    }
}
