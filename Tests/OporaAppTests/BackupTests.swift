import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// `opora backup` and `opora restore` on SQLite: a round trip brings back exactly the copy.
    @Suite struct Backups {
        @Test func aRestoreBringsBackTheBackupAndRefusesOtherFiles() async throws {
            try await withOpora { app in
                guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }   // PostgreSQL: pg_dump
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opora-backup-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let copy = folder.appendingPathComponent("copy.sqlite").path
                let lists = try await SchoolList.query(on: app.db).count()
                try await SQLiteBackup.backup(app.db, to: copy)
                await #expect(throws: SQLiteBackup.Failure.self) { try await SQLiteBackup.backup(app.db, to: copy) }

                // After the copy: a list removed, a user added.
                try await SchoolList.query(on: app.db).first()?.delete(on: app.db)
                try await User(login: "late", passwordHash: "!", fullName: "Поздний", position: "Специалист", organization: nil, role: .regionalObserver, authorityID: nil, schoolID: nil).create(on: app.db)

                let restored = try await SQLiteBackup.restore(app.db, from: copy)
                #expect(restored.tables > 20 && restored.rows > 1_000)
                #expect(try await SchoolList.query(on: app.db).count() == lists)
                #expect(try await User.query(on: app.db).filter(\.$login == "late").count() == 0)
                // The restored database still works, foreign keys and all.
                let b = Browser(app)
                try await b.login("yurga")
                #expect(try await b.get("/authorities/\(try await app.authorityID("yurga"))/lists").status == .ok)

                let junk = folder.appendingPathComponent("junk.sqlite").path
                try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
                do { _ = try await SQLiteBackup.restore(app.db, from: junk); Issue.record("restored a junk file") } catch {
                    #expect("\(error)".contains("не резервная копия Опоры"))
                }
                #expect(try await SchoolList.query(on: app.db).count() == lists)
            }
        }
    }
}
