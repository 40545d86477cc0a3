import Fluent
import Foundation
import Vapor

/// `opora backup <file>`: a consistent copy of the SQLite database, taken while Opora serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Куда записать копию, например opora-2026-12-03.sqlite") var file: String
    }
    var help: String { "Резервная копия базы SQLite (можно во время работы); для PostgreSQL — pg_dump, см. README" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await SQLiteBackup.backup(context.application.db, to: signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.print("Резервная копия записана: \(signature.file) (\(size / 1024) КБ).")
    }
}

/// `opora restore <file> --yes`: replaces every table with the backup's, all or nothing.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Файл, сделанный командой opora backup") var file: String
    }
    var help: String { "Восстанавливает базу SQLite из резервной копии (остановите сервер перед восстановлением)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        // `--yes` is ConsoleKit's own confirmation flag: it is taken off the command line and
        // answers confirmations; without it the restore is refused rather than asked on a terminal.
        guard context.console.confirmOverride == true else {
            throw CommandFailure(description: "Восстановление заменит все текущие данные копией «\(signature.file)». Остановите сервер и повторите с --yes.")
        }
        let restored = try await SQLiteBackup.restore(context.application.db, from: signature.file)
        try await DataVersion.bump(on: context.application.db)
        context.console.print("База восстановлена из «\(signature.file)»: таблиц — \(restored.tables), строк — \(restored.rows).")
    }
}
