import Fluent
import SQLKit

/// 028: sessions expire on the server, not only in the browser: each row says until when it
/// holds (12 hours signed in, 1 hour for a visitor who only opened the login page), expired
/// rows are refused and purged. Rows from before this migration have no date and count as
/// expired: everyone signs in once more after the upgrade.
struct M028_SessionExpiry: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRow.schema).field("expires_at", .datetime).update()
        try await (db as? any SQLDatabase)?.create(index: "_fluent_sessions_expires_at").on(SessionRow.schema).column("expires_at").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as? any SQLDatabase)?.drop(index: "_fluent_sessions_expires_at").run()
        try await db.schema(SessionRow.schema).deleteField("expires_at").update()
    }
}
