import Fluent
import SQLKit

/// 027: one number that every write bumps (`DataVersion`), so instances can keep rendered pages
/// and know, with one indexed read, whether anything changed since — the same for every
/// instance behind a balancer, because the number lives in the database.
struct M027_DataVersion: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(DataVersion.table)
            .field("id", .int, .identifier(auto: false))
            .field("value", .int, .required)
            .create()
        try await (db as? any SQLDatabase)?.insert(into: DataVersion.table).columns("id", "value").values(SQLBind(1), SQLBind(0)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DataVersion.table).delete()
    }
}
