import Fluent
import Foundation
import SQLKit

/// Backups of the SQLite database (PostgreSQL has pg_dump; see the README).
///
/// A backup is `VACUUM INTO`: a consistent copy taken while Opora runs, compacted. A restore
/// replaces every table with the backup's in one transaction on one connection, so it is
/// all-or-nothing; it refuses a file that is not an Opora database, is damaged, or was made by
/// another version of Opora (its migrations differ).
enum SQLiteBackup {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func backup(_ db: any Database, to path: String) async throws {
        let sql = try sqlite(db)
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure(description: "Файл «\(path)» уже существует: укажите новое имя.") }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// What a restore brings back, for the message.
    struct Restored { let tables: Int; let rows: Int }

    static func restore(_ db: any Database, from path: String) async throws -> Restored {
        _ = try sqlite(db)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "Файл «\(path)» не найден.") }
        let header = try handle.read(upToCount: 16) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else { throw Failure(description: "«\(path)» — не резервная копия Опоры (не база SQLite).") }
        return try await db.withConnection { connection in
            let sql = try sqlite(connection)
            struct Name: Decodable { let name: String }
            struct Check: Decodable { let integrity_check: String }
            struct SQLText: Decodable { let name: String; let sql: String? }
            struct Count: Decodable { let n: Int }
            try await sql.raw("ATTACH DATABASE \(bind: path) AS backup").run()
            do {
                let check = try await sql.raw("PRAGMA backup.integrity_check").all(decoding: Check.self)
                guard check.map(\.integrity_check) == ["ok"] else { throw Failure(description: "Резервная копия «\(path)» повреждена: \(check.prefix(3).map(\.integrity_check).joined(separator: "; ")).") }
                let theirs: [Name], ours: [Name]
                do {
                    theirs = try await sql.raw("SELECT name FROM backup._fluent_migrations ORDER BY name").all(decoding: Name.self)
                } catch {
                    throw Failure(description: "«\(path)» — не резервная копия Опоры (в ней нет журнала миграций).")
                }
                ours = try await sql.raw("SELECT name FROM main._fluent_migrations ORDER BY name").all(decoding: Name.self)
                guard theirs.map(\.name) == ours.map(\.name) else {
                    throw Failure(description: "Резервная копия сделана другой версией Опоры (\(theirs.count) миграций, в этой версии \(ours.count)): восстановите её той версией, затем обновите.")
                }
                let tables = try await sql.raw("SELECT name, sql FROM backup.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all(decoding: SQLText.self)
                let indexes = try await sql.raw("SELECT name, sql FROM backup.sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all(decoding: SQLText.self)
                let current = try await sql.raw("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: SQLText.self)
                let hasSequence = try await sql.raw("SELECT name, sql FROM backup.sqlite_master WHERE name = 'sqlite_sequence'").all(decoding: SQLText.self).isEmpty == false
                var rows = 0
                // Foreign keys are checked at commit, when every table holds the backup's rows.
                try await sql.raw("PRAGMA foreign_keys = OFF").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    for t in current { try await sql.raw("DROP TABLE main.\(ident: t.name)").run() }
                    for t in tables {
                        guard let create = t.sql else { continue }
                        try await sql.raw(SQLQueryString(create)).run()
                        try await sql.raw("INSERT INTO main.\(ident: t.name) SELECT * FROM backup.\(ident: t.name)").run()
                        rows += try await sql.raw("SELECT COUNT(*) AS n FROM main.\(ident: t.name)").first(decoding: Count.self)?.n ?? 0
                    }
                    for i in indexes { if let create = i.sql { try await sql.raw(SQLQueryString(create)).run() } }
                    if hasSequence {
                        try await sql.raw("DELETE FROM main.sqlite_sequence").run()
                        try await sql.raw("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence").run()
                    }
                    let broken = try await sql.raw("PRAGMA main.foreign_key_check").all()
                    guard broken.isEmpty else { throw Failure(description: "В резервной копии нарушены связи между таблицами (\(broken.count)); база не изменена.") }
                    try await sql.raw("COMMIT").run()
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                try await sql.raw("DETACH DATABASE backup").run()
                return Restored(tables: tables.count, rows: rows)
            } catch {
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                try? await sql.raw("DETACH DATABASE backup").run()
                throw error
            }
        }
    }

    private static func sqlite(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            throw Failure(description: "Резервную копию PostgreSQL делает pg_dump, восстанавливает pg_restore (команды — в README, раздел «Резервные копии»).")
        }
        return sql
    }
}
